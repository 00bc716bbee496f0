"""The values of the controlled vocabularies, as the code names them, and what they mean together.

The vocabularies themselves (every value, its order and its names in each language) are reference
data: ``data/reference/vocabularies.csv``. The code names the values it decides on here, and only
here, so that a value is spelled in one place; a test checks these names against the reference
table (:data:`BY_VOCABULARY`), so the data and the code cannot drift apart.
"""

from __future__ import annotations

# ---------------------------------------------------------------- task_kind

ANNUAL = "annual"
LONG_TERM = "long_term"
OTHER_KIND = "other"
#: Every task kind, in the vocabulary's order.
TASK_KINDS = (ANNUAL, LONG_TERM, OTHER_KIND)
#: The kinds a plan counts (a count of neither kind is no plan count).
PLAN_KINDS = (ANNUAL, LONG_TERM)

# ---------------------------------------------------------------- plan_stage

ANNOUNCED = "announced"
ASSIGNED = "assigned"
COMPLETED = "completed"
COMPLETED_ON_TIME = "completed_on_time"
DELAYED = "delayed"  # also a progress and a follow-up status: the same word, the same meaning
#: Every plan stage, in the vocabulary's order (the funnel's).
PLAN_STAGES = (ANNOUNCED, ASSIGNED, COMPLETED, COMPLETED_ON_TIME, DELAYED)

# ---------------------------------------------------------------- task_basis

STATED = "stated"
NAMED = "named"
RECONSTRUCTED = "reconstructed"
TASK_BASES = (STATED, NAMED, RECONSTRUCTED)

# ---------------------------------------------------------------- reporting

EVIDENCED = "evidenced"
MENTIONED = "mentioned"
CLAIMED = "claimed"
#: Reporting levels a report can give a piece of work, strongest first.
LEVELS = (EVIDENCED, MENTIONED, CLAIMED)
#: Nothing in an excerpt: the part not available may hold it.
NOT_IN_EXCERPT = "not_in_excerpt"
#: Nothing in a whole report (which does not mean the work was not done).
NOT_REPORTED = "not_reported"
#: An area's reporting when its text holds nothing of it.
SILENT = (NOT_REPORTED, NOT_IN_EXCERPT)
#: Every reporting value, in the vocabulary's order.
REPORTING = (*LEVELS, *SILENT)

# ---------------------------------------------------------------- progress

COMPLETE = "complete"
CONTINUING = "continuing"
NOT_STARTED = "not_started"
NOT_RATED = "not_rated"
#: Every progress value, in the vocabulary's order.
PROGRESS = (COMPLETE, CONTINUING, DELAYED, NOT_STARTED, NOT_RATED)

# ---------------------------------------------------------------- followup_status

NOT_FOUND = "not_found"
NOT_AVAILABLE = "not_available"
#: Every follow-up status, in the vocabulary's order.
FOLLOWUP_STATUSES = (EVIDENCED, MENTIONED, DELAYED, NOT_FOUND, NOT_AVAILABLE)
#: Follow-up statuses that show the commitment in the next report.
FOLLOWUP_SHOWN = (EVIDENCED, MENTIONED)

# ---------------------------------------------------------------- review_status

EXTRACTED = "extracted"
REVIEWED = "reviewed"
#: Whether a researcher has checked a row (an empty status, in a table curated by hand: reviewed).
REVIEW_STATUSES = (EXTRACTED, REVIEWED)

#: The vocabularies the code names, each with every value of ``vocabularies.csv`` in its order.
BY_VOCABULARY = {
    "task_kind": TASK_KINDS,
    "plan_stage": PLAN_STAGES,
    "task_basis": TASK_BASES,
    "reporting": REPORTING,
    "progress": PROGRESS,
    "followup_status": FOLLOWUP_STATUSES,
    "review_status": REVIEW_STATUSES,
}


def unreported(excerpt: bool) -> str:
    """What an area or task the text holds nothing of is: ``not_reported`` in a whole report,
    ``not_in_excerpt`` in an excerpt (the part not available may report it). The one place
    that decides it."""
    return NOT_IN_EXCERPT if excerpt else NOT_REPORTED
