"""Evidence items from report text: every work passage, its framework area and how it reports.

A work passage is the text under a lowest heading (a section with no sub-heading), the
preamble of a section before its first sub-heading, or the report's own opening paragraph,
outside the problems and next-year chapters. A sentence that only claims (a phrase of the
``claim`` rule in ``data/reference/reporting_terms.csv`` such as 基本完成 or 取得明显成效, or a
count of tasks done such as 已按期完成48项, with nothing concrete beside it) becomes an item of
its own, rated ``claimed``; the rest of the passage is rated

- ``evidenced`` when it carries a concrete result: a figure with a unit (a count of tasks
  aside), a document the government issued (《…》 after a verb of the ``issued`` rule: 印发,
  出台, 制定…, or a document number such as 〔2018〕32号), a date (3月5日) or a number of cases;
- ``mentioned`` otherwise: work described, nothing concrete.

A higher-level document cited as the rule being followed (对照《纲要》, 按照《…》: the ``followed``
rule), and its number, is not evidence. Every item records the ``rule`` and the ``basis`` (the
terms or spans) that decided its reporting class, and its area call from
:mod:`policy_review.draft.classification` with its ``score`` and ``terms``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from policy_review.core import paths
from policy_review.draft.classification import classify_area
from policy_review.draft.sections import skip_space
from policy_review.sources.marks import (
    BOOK_TITLE,
    CLAUSE_STOP_CLASS,
    DATE,
    DOCUMENT_NUMBER,
    SENTENCE,
    SENTENCE_STOP_CLASS,
)
from policy_review.sources.reading import Reading
from policy_review.tables.frameworks import reference

PREAMBLE = "preamble"
#: Characters before a 《》 in which a verb says who issued or followed it.
_VERB_WINDOW = 12
#: What joins two titles of one list: 、 和 及.
_JOINING = ("\u3001", "\u548c", "\u53ca")
_MARKS_AND_SPACE = "\u3002; "


def _cited_number(text: str, end: int) -> re.Match | None:
    """The document number in brackets right after a title ending at ``end``: 《…》(…〔2018〕32号)."""
    close = text.find(")", end + 1, end + 60) if text[end : end + 1] == "(" else -1
    return DOCUMENT_NUMBER.search(text, end + 1, close) if close > 0 else None


@lru_cache(maxsize=4)
def _rules(root: str) -> dict[str, tuple[str, ...]]:
    frame = reference("reporting_terms")
    rules: dict[str, list[str]] = {}
    for rule, term in zip(frame["rule"], frame["term_zh"]):
        rules.setdefault(rule, []).append(term)
    return {rule: tuple(sorted(terms, key=len, reverse=True)) for rule, terms in rules.items()}


def reporting_rules() -> dict[str, tuple[str, ...]]:
    """The terms of each reporting rule (``claim``, ``issued``, ``followed``)."""
    return _rules(paths.root_key())


# --- work passages -------------------------------------------------------------------------


def work_passages(reading: Reading, sections: list[dict], excluded: list[dict]) -> list[dict]:
    """``{section, start, end, headings}`` of every work passage, in text order; ``excluded``
    are the parts that are not work (problems, next-year plans, a closing 下一步 paragraph)."""
    text = reading.text
    body_start, body_end = reading.body
    out_spans = Spans((s["start"], s["end"]) for s in excluded)
    passages = []
    first = sections[0]["start"] if sections else body_end
    opening = _opening(text, body_start, first, out_spans)
    if opening:
        passages.append({"section": PREAMBLE, "start": opening[0], "end": opening[1], "headings": ()})
    by_path = {s["path"]: s for s in sections}
    ordered = in_text_order(sections)
    for index, section in enumerate(sections):
        if out_spans.covers(section["start"]):
            continue
        start = section["start"] + len(section["marker"])
        child = _first_child(sections, index, ordered)
        end = child["start"] if child else section["end"]
        headings = tuple(_ancestor_titles(section, by_path))
        if child is not None:  # a preamble: the heading's own sentence is not work
            start = _after_heading(text, start, end)
        else:  # a heading on a line of its own is no part of the passage under it
            title_end = skip_space(text, start) + len(section["title"])
            if text[title_end : title_end + 1] == "\n":
                start = title_end
        end = out_spans.first_start(start, end)
        span = _trimmed(text, start, end)
        if span:
            passages.append(
                {"section": section["path"], "start": span[0], "end": span[1], "headings": headings}
            )
    return passages


class Spans:
    """Spans of a text, ``(start, end)``, sorted once to answer by bisection whether a position
    falls in one of them and where the first of them starts within a stretch (a scan of every
    span for each section would grow with the product of their numbers)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.union: list[tuple[int, int]] = []  # the positions some span holds, as disjoint spans
        for a, b in spans:
            if a >= b:  # an empty span holds no position
                continue
            if self.union and a <= self.union[-1][1]:
                self.union[-1] = (self.union[-1][0], max(self.union[-1][1], b))
            else:
                self.union.append((a, b))
        self.union_starts = [a for a, _ in self.union]

    def covers(self, position: int) -> bool:
        """Whether some span holds ``position``: ``start <= position < end``."""
        index = bisect.bisect_right(self.union_starts, position) - 1
        return index >= 0 and position < self.union[index][1]

    def first_start(self, start: int, end: int) -> int:
        """The first start of a span in ``[start, end)``, or ``end`` when none starts there."""
        index = bisect.bisect_left(self.starts, start)
        return self.starts[index] if index < len(self.starts) and self.starts[index] < end else end


def in_text_order(sections: list[dict]) -> bool:
    """Whether the sections come in text order: each starts where or after the one before it."""
    return all(a["start"] <= b["start"] for a, b in zip(sections, sections[1:]))


def _first_child(sections: list[dict], index: int, ordered: bool) -> dict | None:
    """The first section after ``sections[index]`` that starts inside it and lies below it by its
    path. Sections in text order (``ordered``) are looked at only up to the first that starts at
    or past its end: none after that one starts inside it."""
    section = sections[index]
    below = section["path"] + "/"
    for later in range(index + 1, len(sections)):
        candidate = sections[later]
        if candidate["start"] >= section["end"]:
            if ordered:
                break
            continue
        if candidate["path"].startswith(below):
            return candidate
    return None


def _opening(text: str, body_start: int, first_heading: int, out_spans: Spans) -> tuple[int, int] | None:
    """The report's opening paragraph before its first heading: the longest line of prose."""
    best = None
    position = body_start
    first_heading = out_spans.first_start(body_start, first_heading)
    for line in text[body_start:first_heading].split("\n"):
        stripped = line.strip()
        if (
            len(stripped) >= 40
            and re.search(CLAUSE_STOP_CLASS, stripped)
            and (best is None or len(stripped) > best[1] - best[0])
        ):
            begin = position + line.index(stripped)
            best = (begin, begin + len(stripped))
        position += len(line) + 1
    return best


def _ancestor_titles(section: dict, by_path: dict[str, dict]) -> list[str]:
    titles, path = [], section["path"]
    while path:
        if path in by_path:
            titles.append(by_path[path]["title"])
        path = path.rpartition("/")[0]
    return titles


def _after_heading(text: str, start: int, end: int) -> int:
    """Past the heading's own words: its line, or its first sentence when text follows on the line."""
    line_end = text.find("\n", start, end)
    sentence = SENTENCE.match(text, start, end)
    stops = [p for p in (line_end if line_end >= 0 else None, sentence.end() if sentence else None) if p]
    return min(stops) if stops else end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return (start + left, start + right) if right - left >= 4 else None


# --- reporting class -------------------------------------------------------------------------


def _followed_spans(text: str, start: int, end: int, rules: dict) -> tuple[list[tuple[int, int]], list[dict]]:
    """Spans of documents cited as rules followed (with the number after them), and documents issued."""
    followed, issued = [], []
    previous_kind, previous_end = None, -10
    for match in BOOK_TITLE.finditer(text, start, end):
        before = text[max(start, match.start() - _VERB_WINDOW) : match.start()]
        before = re.split(CLAUSE_STOP_CLASS, before)[-1]
        kind = None
        positions = {
            rule: max((before.rfind(t) + len(t) for t in rules.get(rule, ()) if t in before), default=-1)
            for rule in ("issued", "followed")
        }
        if positions["issued"] >= 0 or positions["followed"] >= 0:
            kind = "issued" if positions["issued"] > positions["followed"] else "followed"
        elif match.start() - previous_end <= 1 or text[previous_end : match.start()] in _JOINING:
            kind = previous_kind
        stop = match.end()
        number = _cited_number(text, stop)
        if number:
            stop = text.find(")", number.end()) + 1 or number.end()
        if kind == "followed":
            followed.append((match.start(), stop))
        elif kind == "issued":
            issued.append({"raw": match.group(), "start": match.start(), "end": match.end()})
        previous_kind, previous_end = kind, match.end()
    return followed, issued


class Marks:
    """The figures and task-count statements of a report, sorted, to find those of a passage by
    bisection (a scan of all figures for each passage would grow with the square of their number)."""

    def __init__(self, figures: list[dict], task_counts: list[dict]):
        self.figures = sorted(figures, key=lambda f: f["start"])
        self.figure_starts = [f["start"] for f in self.figures]
        self.counts = sorted((c["start"], c["end"]) for c in task_counts)
        self.count_starts = [a for a, _ in self.counts]

    def figures_in(self, start: int, end: int) -> list[dict]:
        low, high = bisect.bisect_left(self.figure_starts, start), bisect.bisect_left(self.figure_starts, end)
        return self.figures[low:high]

    def counts_in(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_left(self.count_starts, start - 400)  # a statement starts before its figure
        high = bisect.bisect_left(self.count_starts, end)
        return [(a, b) for a, b in self.counts[low:high] if b > start]


def reporting_of(text: str, start: int, end: int, marks: Marks) -> dict:
    """The reporting class of ``text[start:end]``: ``{reporting, rule, basis}``."""
    rules = reporting_rules()
    followed, issued = _followed_spans(text, start, end, rules)
    task_count_spans = marks.counts_in(start, end)
    inside = marks.figures_in(start, end)
    starts = [f["start"] for f in inside]
    covered: set[int] = set()
    for a, b in followed + task_count_spans:
        covered.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
    concrete = [f for i, f in enumerate(inside) if i not in covered and not f.get("target")]
    if concrete:
        return {"reporting": "evidenced", "rule": "figure", "basis": [f["raw"] for f in concrete[:5]]}
    if issued:
        return {"reporting": "evidenced", "rule": "document issued", "basis": [d["raw"] for d in issued[:5]]}
    numbers = [
        m.group()
        for m in DOCUMENT_NUMBER.finditer(text, start, end)
        if not any(a <= m.start() < b for a, b in followed)
    ]
    if numbers:
        return {"reporting": "evidenced", "rule": "document number", "basis": numbers[:5]}
    dates = [m.group() for m in DATE.finditer(text, start, end)]
    if dates:
        return {"reporting": "evidenced", "rule": "date", "basis": dates[:5]}
    piece = text[start:end]
    claims = [t for t in rules.get("claim", ()) if t in piece]
    if claims:
        return {"reporting": "claimed", "rule": "claim", "basis": claims[:5]}
    if task_count_spans:
        return {
            "reporting": "claimed",
            "rule": "task count",
            "basis": [text[a:b] for a, b in task_count_spans][:5],
        }
    return {"reporting": "mentioned", "rule": "nothing concrete", "basis": []}


def _claim_sentences(text: str, start: int, end: int, marks: Marks) -> list[tuple[int, int]]:
    """The sentences of a passage that only claim (a claim phrase or a task count, nothing concrete)."""
    found = []
    for match in SENTENCE.finditer(text, start, end):
        s, e = match.start(), match.end()
        call = reporting_of(text, s, e, marks)
        if call["reporting"] == "claimed":
            span = _trimmed(text, s, e)
            if span:
                found.append(span)
    return found


def _pieces(text: str, passage: dict, marks: Marks) -> list[tuple[int, int]]:
    """A passage cut around its claim-only sentences: each claim, and what lies between them."""
    claims = _claim_sentences(text, passage["start"], passage["end"], marks)
    if not claims:
        return [(passage["start"], passage["end"])]
    pieces, position = [], passage["start"]
    for s, e in claims:
        between = _trimmed(text, position, s)
        if between and SENTENCE.search(text[between[0] : between[1]].strip(_MARKS_AND_SPACE)):
            pieces.append(between)
        pieces.append((s, e))
        position = e
    tail = _trimmed(text, position, passage["end"])
    if tail:
        pieces.append(tail)
    return pieces


#: A lead-in: 如下 or 以下, then : 。 or . at the end.
_LEAD_IN = re.compile("(?:\u5982\u4e0b|\u4ee5\u4e0b)[:\u3002.]?$")


def _is_work(text: str) -> bool:
    """Whether a piece says something: not a lead-in alone (现将有关情况报告如下: or 。) nor a few
    words. An opening paragraph that ends with its lead-in is work."""
    words = re.sub(r"[^\u4e00-\u9fff\d]", "", text)
    sentences = [s for s in re.split(SENTENCE_STOP_CLASS, text.strip()) if s.strip()]
    return len(words) >= 8 and not (len(sentences) == 1 and _LEAD_IN.search(text.strip()))


def _kind(headings: tuple[str, ...]) -> str:
    return "long_term" if any("长期" in h for h in headings) else "annual"


def find_evidence(
    reading: Reading,
    sections: list[dict],
    excluded: list[dict],
    figures: list[dict],
    task_counts: list[dict],
    year: int | None,
) -> list[dict]:
    """Every evidence item of a report: ``{section, start, end, raw, area_id, score, terms,
    reporting, rule, basis, kind}``, read on the analysis view (``raw`` and the offsets are the
    view's: :func:`policy_review.draft.extract.extract_report` maps them back)."""
    analysis_text = reading.text
    marks = Marks(figures, task_counts)
    items = []
    for passage in work_passages(reading, sections, excluded):
        for start, end in _pieces(analysis_text, passage, marks):
            if not _is_work(analysis_text[start:end]):
                continue
            call = reporting_of(analysis_text, start, end, marks)
            area = classify_area(analysis_text[start:end], year or 2020, passage["headings"])
            items.append(
                {
                    "section": passage["section"],
                    "start": start,
                    "end": end,
                    "raw": analysis_text[start:end],
                    "area_id": area.label,
                    "score": round(area.score, 2),
                    "terms": list(area.terms),
                    "reporting": call["reporting"],
                    "rule": call["rule"],
                    "basis": call["basis"],
                    "kind": _kind(passage["headings"]),
                }
            )
    return items
