"""The reading layer: the one place that turns a text of record into the view every rule reads.

A text of record is kept as published: full-width punctuation and digits (``（一）``, ``，``,
``１２``), paragraphs indented with the ideographic space U+3000, traditional or simplified
characters. Rules are written once, against the analysis view made here: full-width ASCII forms
read as ASCII, U+3000 and no-break spaces as spaces, traditional characters as simplified. Every
character becomes one character, so an offset into the view is the same offset into the text of
record, and quotes are always cut from the text of record (:meth:`Reading.original_span`).

What ends a sentence and what ends a clause are defined here too, once, for the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from policy_review.sources.simplified import to_simplified

#: Full-width forms of the ASCII characters (U+FF01–U+FF5E) read as ASCII; the ideographic space
#: and the no-break space read as a space.
WIDTHS: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    0x00A0: " ",
}

#: What ends a sentence in the analysis view: 。 ; ! ? and a line break.
SENTENCE_STOPS = "\u3002;!?\n"
#: What ends a clause: a sentence stop, a comma, a colon.
CLAUSE_STOPS = SENTENCE_STOPS + ",:"


@dataclass(frozen=True)
class Reading:
    """A text of record (``original``) and its analysis view (``text``), of the same length."""

    original: str
    text: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text of record that ``text[start:end]`` reads."""
        return start, end

    def quote(self, start: int, end: int) -> str:
        """The text of record under a span of the view."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def analysis_view(text: str) -> str:
    """``text`` as the rules read it: widths folded, spaces plain, characters simplified."""
    return to_simplified(text).translate(WIDTHS)


@lru_cache(maxsize=32)
def read(text: str) -> Reading:
    """The reading of a text of record (kept for the few texts a process reads again and again)."""
    return Reading(text, analysis_view(text))
