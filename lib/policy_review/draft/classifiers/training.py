"""What the linear area model learns from: the term lists' confident calls and the curated tables.

Three kinds of example, each a text (in the analysis view), the headings above it (innermost
first), a framework and an area of that framework:

- **confident term calls** (``terms``): every report text in ``data/reports/`` cut into passages
  (the text under each heading of its heading tree, the text before the first heading, a span
  longer than :data:`LONGEST` cut at sentence ends into pieces of about :data:`PIECE` characters),
  each called by the term lists (:mod:`.terms`) in each framework; a call counts when it is sure:
  at least :data:`SURE_SCORE` (two strong terms) and :data:`SURE_LEAD` times the runner-up's score;
- **curated rows** (``curated``): the quote and ``area_id`` of every row of ``evidence.csv``,
  ``issues.csv`` and ``commitments.csv`` in ``data/curated/<region>/``, read with the headings
  above it in its report; an area of the other outline is carried into each framework through
  ``area_crosswalk.csv``, as the trends compare like with like;
- **the terms themselves** (``term list``): each row of ``area_terms.csv`` as a text of one word
  with its area (the rare areas, 突发事件 and 科技保障, have few passages to learn from).

``exclude`` leaves regions out (their reports and curated rows): the benchmark scores a region
with a model that never saw it. The order is fixed (files by name, rows as stored), so the same
data gives the same examples and the same :func:`fingerprint`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from policy_review.core import paths
from policy_review.draft.classifiers.base import UNCLASSIFIED
from policy_review.draft.classifiers.terms import area_call
from policy_review.draft.sections import find_sections
from policy_review.sources import marks, reading
from policy_review.sources.report_text import read_report_text
from policy_review.tables.frameworks import areas, comparable_area, reference
from policy_review.tables.load import load_region

#: A term call is sure with at least this score (two strong terms, or one with a heading's help) ...
SURE_SCORE = 4.0
#: ... and at least this many times the runner-up's score.
SURE_LEAD = 1.5
#: Spans longer than this (a section without sub-headings, a one-line page) are cut into pieces ...
LONGEST = 600
#: ... of at least this many characters, ending at a sentence end.
PIECE = 300
#: A passage with fewer Chinese characters than this says too little to learn from.
SHORTEST = 20
#: The curated tables whose rows are areas of passages.
CURATED = ("evidence", "issues", "commitments")

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile("[" + marks.SENTENCE_STOPS + "]")


@dataclass(frozen=True)
class Example:
    """One text with its headings, the area it is about in ``framework``, and where it came from."""

    framework: str
    text: str
    headings: tuple[str, ...]
    label: str
    source: str
    where: str


def frameworks() -> dict[str, int]:
    """Each framework's id and the first year it is in force (a year to ask a classifier with)."""
    frame = reference("frameworks")
    return {str(f): int(y) for f, y in zip(frame["framework_id"], frame["first_report_year"])}


def examples(exclude: Iterable[str] = ()) -> list[Example]:
    """Every training example of the project's data, ``exclude``'s regions left out."""
    left_out = set(exclude)
    return [*_term_calls(left_out), *_curated_rows(left_out), *_term_list()]


def fingerprint(found: list[Example]) -> str:
    """A hash of the examples (texts, headings, labels, in order): equal data, equal fingerprint."""
    digest = hashlib.sha256()
    for example in found:
        for part in (example.framework, example.label, example.text, *example.headings):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(b"\1")
    return digest.hexdigest()


# --- confident term calls ---------------------------------------------------------------------


def passages(view: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(start, end, headings)`` of the passages of a text in the analysis view: the text under
    each heading (before its first sub-heading), the text before the first heading and after the
    last, long spans cut at sentence ends."""
    sections = find_sections(reading.read(view))
    titles = {s["path"]: s["title"] for s in sections}
    spans = [(0, sections[0]["start"] if sections else len(view), ())]
    for index, section in enumerate(sections):
        inner = next((s for s in sections[index + 1 :] if s["path"].startswith(section["path"] + "/")), None)
        end = inner["start"] if inner is not None and inner["start"] < section["end"] else section["end"]
        spans.append((section["start"] + len(section["marker"]), end, _above(section["path"], titles)))
    if sections:
        spans.append((max(s["end"] for s in sections), len(view), ()))
    found = []
    for start, end, headings in spans:
        for piece in _pieces(view, start, end):
            if len(_HAN.findall(view[piece[0] : piece[1]])) >= SHORTEST:
                found.append((*piece, headings))
    return found


def _above(path: str, titles: dict[str, str]) -> tuple[str, ...]:
    """The titles of a section and of the sections above it, innermost first."""
    found = []
    while path:
        if path in titles:
            found.append(titles[path])
        path = path.rpartition("/")[0]
    return tuple(found)


def _pieces(view: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= LONGEST:
        return [(start, end)]
    pieces, begin = [], start
    for stop in _SENTENCE_END.finditer(view, start, end):
        if stop.end() - begin >= PIECE:
            pieces.append((begin, stop.end()))
            begin = stop.end()
    if begin < end:
        pieces.append((begin, end))
    return pieces


def sure(call) -> bool:
    """Whether a term call is sure enough to learn from (:data:`SURE_SCORE`, :data:`SURE_LEAD`)."""
    return (
        call.label != UNCLASSIFIED
        and call.score >= SURE_SCORE
        and call.score >= SURE_LEAD * call.runner_up_score
    )


def _report_files(left_out: set[str]) -> list:
    base = paths.reports_dir()
    files = sorted(base.glob("*/*.txt")) if base.is_dir() else []
    return [f for f in files if f.parent.name not in left_out and f.stem.isdigit()]


def _term_calls(left_out: set[str]) -> list[Example]:
    found = []
    for file in _report_files(left_out):
        view = reading.read(read_report_text(file)).text
        where = paths.display(file)
        for start, end, headings in passages(view):
            text = view[start:end].strip()
            for framework, year in frameworks().items():
                call = area_call(text, year, headings)
                if sure(call):
                    found.append(Example(framework, text, headings, call.label, "terms", f"{where}:{start}"))
    return found


# --- curated rows -----------------------------------------------------------------------------


def _curated_regions(left_out: set[str]) -> list[str]:
    base = paths.curated_dir()
    folders = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    return [r for r in folders if r not in left_out]


def _curated_rows(left_out: set[str]) -> list[Example]:
    found = []
    for region in _curated_regions(left_out):
        tables = load_region(region)
        reports: dict[int, tuple[str, list[dict]] | None] = {}
        for name in CURATED:
            for row in tables[name].to_dict("records"):
                year = int(row["report_year"])
                if year not in reports:
                    reports[year] = _report(region, year)
                text, headings = _row_text(row, reports[year])
                where = f"{paths.display(paths.curated_dir(region) / (name + '.csv'))}:{row['start']}"
                for framework, first_year in frameworks().items():
                    label = _carried(str(row["area_id"]), framework, first_year)
                    found.append(Example(framework, text, headings, label, "curated", where))
    return found


def _report(region: str, year: int) -> tuple[str, list[dict]] | None:
    file = paths.report_text_path(region, year)
    if not file.is_file():
        return None
    view = reading.read(read_report_text(file)).text
    return view, find_sections(reading.read(view))


def _row_text(row: dict, report: tuple[str, list[dict]] | None) -> tuple[str, tuple[str, ...]]:
    """A curated row's text in the analysis view, with the headings above it in its report (its
    quote alone when the report does not hold it at its offsets)."""
    quote = reading.view(str(row["quote"]))
    if report is None:
        return quote, ()
    view, sections = report
    start, end = int(row["start"]), int(row["end"])
    if view[start:end] != quote:
        return quote, ()
    around = [s for s in sections if s["start"] <= start < s["end"]]
    return quote, tuple(s["title"] for s in reversed(around))


def _carried(area: str, framework: str, first_year: int) -> str:
    """``area`` in ``framework`` (first in force in ``first_year``): itself where that framework
    has it, else an area of the other framework carried through the crosswalk."""
    if area in set(areas(framework)["area_id"]):
        return area
    other_year = next(y for f, y in frameworks().items() if f != framework)
    return comparable_area(area, other_year, first_year)


# --- the terms themselves ---------------------------------------------------------------------


def _term_list() -> list[Example]:
    frame = reference("area_terms")
    found = []
    for framework in frameworks():
        rows = frame[frame["framework_id"].isna() | (frame["framework_id"] == framework)]
        for area, term in zip(rows["area_id"], rows["term_zh"]):
            if area in set(areas(framework)["area_id"]):
                found.append(Example(framework, str(term), (), str(area), "term list", "area_terms.csv"))
    return found
