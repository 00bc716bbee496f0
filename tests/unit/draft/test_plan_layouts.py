"""Width and layout do not change what a plan says (issue 24, item 9, for plans).

Every shipped plan (``data/plans/*/*.txt``, and the whole plans of ``tests/data/whole/``) is
written again (a) as published sites write it: full-width punctuation and digits, each paragraph
indented with two ideographic spaces (U+3000), and (b) crawled onto one line; both must give the
same numbered entries (path, role, name, lead and supporting units, time limit, kind, area) and
notes, every offset the one of the same character in the text as written."""

from __future__ import annotations

import pytest

from policy_review.draft.plans import read_plan
from policy_review.sources.reading import view
from tests.conftest import ROOT

PLANS = sorted((ROOT / "data" / "plans").glob("*/*.txt")) + sorted(
    (ROOT / "tests" / "data" / "whole").glob("*-plan.txt")
)
#: ASCII punctuation and digits to their full-width forms (U+FF01–U+FF5E), one for one.
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "(),:;!?%.0123456789"}
IDEOGRAPHIC_SPACE = "\u3000"


def full_width(text: str) -> tuple[str, list[int]]:
    """``text`` typeset full-width with each paragraph indented, and where each character went."""
    out: list[str] = []
    where: list[int] = []
    for n, line in enumerate(text.split("\n")):
        if n:
            where.append(len(out))
            out.append("\n")
        if line.strip():
            out += [IDEOGRAPHIC_SPACE, IDEOGRAPHIC_SPACE]
        for char in line:
            where.append(len(out))
            out.append(FULL_WIDTH.get(char, char))
    return "".join(out), where + [len(out)]


def one_line(text: str) -> tuple[str, list[int]]:
    """``text`` crawled onto one line (a paragraph break becomes a space), character for character."""
    return text.replace("\n", " "), list(range(len(text) + 1))


def _said(task: dict) -> tuple:
    deadline = task["deadline"] or {}
    return (
        view(task["path"]),
        task["role"],
        view(task["name"]),
        [view(u) for u in task["lead_units"]],
        [view(u) for u in task["support_units"]],
        deadline.get("kind"),
        deadline.get("date"),
        task["kind"],
        task["area_id"],
    )


def test_the_full_width_form_is_the_one_meant():
    written, _ = full_width("(一)加强领导,1.5%:")
    assert [hex(ord(c)) for c in written[2:5]] == ["0xff08", "0x4e00", "0xff09"]
    assert written.startswith(IDEOGRAPHIC_SPACE * 2) and "\uff0c" in written and "\uff0e" in written


@pytest.mark.parametrize("path", PLANS, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("layout", [full_width, one_line], ids=["full-width", "one-line"])
def test_a_plan_reads_the_same_whatever_its_width_and_layout(path, layout):
    text = path.read_text(encoding="utf-8")
    written, where = layout(text)
    assert written != text or "\n" not in text.strip()  # the whole plans are stored as one-line crawls
    plan, again = read_plan(text), read_plan(written)
    assert [_said(t) for t in again["tasks"]] == [_said(t) for t in plan["tasks"]]
    assert (again["plan_year"], again["note"], again["counts"]) == (
        plan["plan_year"],
        plan["note"],
        plan["counts"],
    )
    assert view(again["title"] or "") == view(plan["title"] or "")
    for task, moved in zip(plan["tasks"], again["tasks"]):
        assert (moved["start"], moved["end"]) == (where[task["start"]], where[task["end"] - 1] + 1)
        for span, moved_span in zip(task["units_raw"], moved["units_raw"]):
            assert moved_span["start"] == where[span["start"]]
