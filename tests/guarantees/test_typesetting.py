"""Width and layout do not matter (issue 24, item 9): every shipped report and plan, and the whole
published texts, read the same when typeset otherwise.

Each text is written (a) with full-width punctuation, digits and letters and every paragraph
indented with two ideographic spaces U+3000, and (b) as (a) joined onto one line (a crawl of an
indented page: the paragraphs run on, their indentation between them). The review of each variant
must be the review of the text as shipped: the same sections, evidence items (area and reporting
class), figures, plan counts, problems, commitments, the year covered, and for plans the same
tasks, with every offset mapped back to the shipped text. The variants are made here, so they
really hold the full-width forms (asserted by code point: a fixture folded by an editor fails).
"""

from __future__ import annotations

import bisect

import pytest

from policy_review.draft.extract import extract_report
from policy_review.draft.plans import read_plan
from policy_review.sources.reading import view
from policy_review.sources.report_text import read_report_text
from tests.conftest import ROOT

REPORTS = sorted((ROOT / "data" / "reports").glob("*/*.txt"))
PLANS = sorted((ROOT / "data" / "plans").glob("*/*.txt"))
WHOLE = sorted((ROOT / "tests" / "data" / "whole").glob("*.txt"))
TEXTS = [(p, "report") for p in REPORTS] + [(p, "plan") for p in PLANS]
TEXTS += [(p, "plan" if p.stem.endswith("-plan") else "report") for p in WHOLE]
INDENT = "\u3000\u3000"


def _id(path) -> str:
    return f"{path.parent.name}/{path.name}"


class Variant:
    """A typesetting of a text, with the map from its offsets back to the text's."""

    def __init__(self, text: str, full_width: bool, one_line: bool):
        pieces: list[str] = []
        self.back: list[int] = []  # for each character of the variant, its offset in the text (or -1)
        position = 0
        for number, line in enumerate(text.split("\n")):
            if number:
                if not one_line:
                    pieces.append("\n")
                    self.back.append(position - 1)
            content = line.lstrip(" \t\u3000\u00a0\u2002\u2003")
            start = position + len(line) - len(content)
            if content:
                pieces.append(INDENT)
                self.back += [-1, -1]
            pieces.append(_full_width(content) if full_width else content)
            self.back += range(start, start + len(content))
            position += len(line) + 1
        self.text = "".join(pieces)
        self._known = [i for i, b in enumerate(self.back) if b >= 0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span under the variant's ``[start, end)`` (its first and last characters)."""
        if end <= start:
            return self.offset(start), self.offset(start)
        return self.offset(start), self.offset(end - 1) + 1

    def offset(self, position: int) -> int:
        index = bisect.bisect_left(self._known, position)
        index = min(index, len(self._known) - 1)
        return self.back[self._known[index]]


def _full_width(line: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in line)


def _report(text: str, spans) -> dict:
    result = extract_report(text)
    framework = result["framework"]

    def span(item: dict) -> tuple[int, int]:
        return spans(item["start"], item["end"])

    return {
        "year": (framework["year"], framework["year_basis"], framework["framework_id"]),
        "sections": [(s["path"], s["level"], view(s["title"]), span(s)) for s in result["sections"]],
        "evidence": [(e["section"], span(e), e["area_id"], e["reporting"]) for e in result["evidence"]],
        "figures": [
            (span(f), f["value"], f["unit"], f["qualifier"], f["kind"], f["section"], f["target"])
            for f in result["figures"]
        ],
        "task_counts": [
            (span(c), c["kind"], c["stage"], c["count"], c["year"]) for c in result["task_counts"]
        ],
        "issues": [(i["section"], span(i), i["theme"], i["area_id"]) for i in result["issues"]],
        "commitments": [
            (c["section"], span(c), c["area_id"], [view(u) for u in c["lead_units"]], c["for_year"])
            for c in result["commitments"]
        ],
    }


def _plan(text: str, spans) -> dict:
    plan = read_plan(text)
    return {
        "plan": (plan["plan_year"], plan["counts"], view(plan["title"] or "")),
        "tasks": [
            (
                t["path"],
                t["role"],
                spans(t["start"], t["end"]),
                [view(u) for u in t["lead_units"]],
                [view(u) for u in t["support_units"]],
                (t["deadline"] or {}).get("date"),
                t["kind"],
                t["area_id"],
            )
            for t in plan["tasks"]
        ],
    }


def _review(kind: str, text: str, spans) -> dict:
    return _report(text, spans) if kind == "report" else _plan(text, spans)


@pytest.mark.parametrize("path, kind", TEXTS, ids=[_id(p) for p, _ in TEXTS])
def test_full_width_and_one_line_typesettings_read_the_same(path, kind):
    text = read_report_text(path)
    shipped = _review(kind, text, lambda a, b: (a, b))
    for one_line in (False, True):
        variant = Variant(text, full_width=True, one_line=one_line)
        assert "\u3000" in variant.text
        if any(c in text for c in ",(:;"):
            assert any(c in variant.text for c in "\uff0c\uff08\uff1a\uff1b")  # folded fixtures fail
        assert "\n" not in variant.text if one_line else ("\n" in variant.text) is ("\n" in text.strip())
        typeset = _review(kind, variant.text, variant.span)
        for part in shipped:
            assert typeset[part] == shipped[part], (part, "one line" if one_line else "full width")


def test_every_shipped_text_is_among_those_checked():
    assert len(REPORTS) >= 20 and len(PLANS) >= 6 and len(WHOLE) == 4
