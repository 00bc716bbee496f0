"""The values of the controlled vocabularies, as the code names them, and what they mean together.

The vocabularies themselves (every value, its order and its names in each language) are reference
data: ``data/reference/vocabularies.csv``. The code names the values it decides on here, and only
here, so that a value is spelled in one place; a test checks these names against the reference
table, so the data and the code cannot drift apart.
"""

from __future__ import annotations

#: Reporting levels a report can give a piece of work, strongest first.
LEVELS = ("evidenced", "mentioned", "claimed")
#: Nothing in an excerpt: the part not available may hold it.
NOT_IN_EXCERPT = "not_in_excerpt"
#: Nothing in a whole report (which does not mean the work was not done).
NOT_REPORTED = "not_reported"
#: An area's reporting when its text holds nothing of it.
SILENT = (NOT_REPORTED, NOT_IN_EXCERPT)
#: Every reporting value, in the vocabulary's order.
REPORTING = (*LEVELS, *SILENT)


def unreported(excerpt: bool) -> str:
    """What an area or task the text holds nothing of is: ``not_reported`` in a whole report,
    ``not_in_excerpt`` in an excerpt (the part not available may report it). The one place
    that decides it."""
    return NOT_IN_EXCERPT if excerpt else NOT_REPORTED
