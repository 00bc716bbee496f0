"""Recycled text: how much of a report is last year's report again, or another government's.

Evaluators of these reports keep finding sentences carried over from the year before, or from
another government, with the figures changed or not at all (千篇一律, 照搬照抄). This module
measures it, sentence by sentence, with offsets into both texts of record:

- **a sentence** is what the reading layer ends with a sentence stop (``SENTENCE_STOPS``: 。 ; !
  ? and a line break), read in its analysis view (widths folded, traditional as simplified),
  without its list marker (一、 (一) 第一, 1. (1) 一是), the portal's navigation lines left out.
  Only a sentence of at least :data:`MIN_CHARS` characters of wording counts (shorter ones are
  headings and formulae such as 现将有关情况报告如下);
- **its wording** is the sentence with punctuation and spaces removed and every number written
  in digits replaced by one placeholder; a year (2019年, 2017—2020年, 2018版) has a placeholder
  of its own;
- **its figures** are those numbers, compared apart: a year is the same when it is the same year
  or the same distance from its report's year (2018年度任务 in the 2018 report and 2019年度任务
  in the 2019 report are the same words);
- **a repeat** of last year: a sentence whose wording is a wording of last year's report, ``as_was``
  when its figures are the same, ``new_figures`` when they changed; else a ``near`` repeat, when
  the Jaccard similarity of its character :data:`NGRAM`-grams with a sentence of last year's is
  :data:`NEAR` or more (the figures then are not compared);
- **a share** is over the counted sentences of the part of the report that is available (an
  excerpt's available part), repeated from the available part of last year's;
- **a passage** (work item, problem, commitment) is repeated when more than half of its
  characters lie in repeated sentences; a problem whose repeated sentences are word for word
  (``as_was`` or ``new_figures``) is a problem *admitted again*.

Across regions (one year), :mod:`policy_review.review.shared_text` compares the sentences made
here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pandas as pd

from policy_review.core import paths
from policy_review.draft.sections import find_sections
from policy_review.review.loaded_reviews import memo
from policy_review.sources.marks import SENTENCE_STOPS
from policy_review.sources.provenance import is_excerpt
from policy_review.sources.reading import read
from policy_review.sources.report_text import read_report_text

#: A sentence counts when its wording holds at least this many characters.
MIN_CHARS = 12
#: Near-repeats compare character n-grams of the wording of this length (bigrams: a Chinese
#: word is mostly two characters).
NGRAM = 2
#: The Jaccard similarity of n-grams from which a sentence is a near-repeat, as measured by
#: ``benchmarks/bench_recycling.py`` on the shipped real reports: 96% of sentences with one word
#: (two to four characters) replaced reach it, 78% with two, 64% with three; of the sentences of
#: two different regions' reports, 0.7% reach it, all of them titles and headings of the same
#: formula (关于2020年度法治政府建设情况的报告).
NEAR = 0.5
#: The classes of a repeated sentence, from the closest.
CLASSES = ("as_was", "new_figures", "near")
#: The classes that keep last year's words (a problem so repeated is admitted again).
WORD_FOR_WORD = ("as_was", "new_figures")

_FIGURE = "\ue000"  # a number in the wording
_YEAR = "\ue001"  # a year in the wording
_OWN_NAME = "\ue002"  # the report's own region name (across regions)
_STOPS = re.compile("[" + re.escape(SENTENCE_STOPS) + "]")
_CN = "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341"  # 一 to 十
_MARKER = re.compile(
    rf"\s*(?:[{_CN}]+[\u3001,.]|\([{_CN}]+\)|\u7b2c[{_CN}]+[,\u3001.]|\d{{1,2}}[.\u3001](?!\d)"
    rf"|\(\d{{1,2}}\)|[{_CN}]+\u662f)\s*"
)  # 一、 (一) 第一, 1. (1) 一是
_NUMBER = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")
_DASHES = "\\-\u2014\u2013~\u81f3"  # - — – ~ 至
_YEAR_AT = re.compile(rf"(?:19|20)\d\d(?:\s*[\u5e74\u7248]|\s*[{_DASHES}]\s*(?:19|20)\d\d(?!\d))")  # 年 版


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text of record: the span of its words (after its list marker, before its
    stop), its wording and its figures."""

    start: int
    end: int
    wording: str
    figures: tuple  # ("n", value) for a number, ("y", year, years after the report's) for a year

    @property
    def counted(self) -> bool:
        return len(self.wording) >= MIN_CHARS


def _is_year(view: str, match: re.Match) -> bool:
    raw = match.group()
    if len(raw) != 4 or not raw.isdigit() or raw[:2] not in ("19", "20"):
        return False
    if _YEAR_AT.match(view, match.start()):
        return True
    before = view[: match.start()].rstrip()
    return (
        bool(before)
        and before[-1] in "-\u2014\u2013~\u81f3"
        and bool(re.search(r"(?:19|20)\d\d$", before[:-1].rstrip()))
    )


def _value(raw: str) -> str:
    try:
        return str(Decimal(raw.replace(",", "")).normalize())
    except InvalidOperation:
        return raw


#: What a wording leaves out: all but letters, digits and the placeholders (punctuation, symbols, spaces).
_NOT_WORDING = re.compile(r"[^\w\ue000-\ue002]|_")


def parse(view: str, year: int, names: tuple[str, ...] = ()) -> tuple[str, tuple]:
    """The wording and figures of one sentence's analysis view (``names``: the report's own
    region names, set aside as one placeholder)."""
    for name in names:
        if name:
            view = view.replace(name, _OWN_NAME)
    parts, figures, at = [], [], 0
    for m in _NUMBER.finditer(view):
        parts.append(view[at : m.start()])
        if _is_year(view, m):
            parts.append(_YEAR)
            figures.append(("y", int(m.group()), int(m.group()) - year))
        else:
            parts.append(_FIGURE)
            figures.append(("n", _value(m.group())))
        at = m.end()
    parts.append(view[at:])
    wording = _NOT_WORDING.sub("", "".join(parts))
    return wording, tuple(figures)


def sentences(text: str, year: int, names: tuple[str, ...] = ()) -> list[Sentence]:
    """Every sentence of a text of record (see the module's definition), counted or not."""
    return list(_sentences(text, year, names))


@lru_cache(maxsize=64)
def _sentences(text: str, year: int, names: tuple[str, ...]) -> tuple[Sentence, ...]:
    """:func:`sentences`, kept for the texts a process compares again (a year with the next)."""
    reading = read(text)
    view = reading.text
    out, at = [], 0
    for stop in [*(m.start() for m in _STOPS.finditer(view)), len(view)]:
        piece = view[at:stop]
        lead = len(piece) - len(piece.lstrip())
        start, end = at + lead, at + len(piece.rstrip())
        at = stop + 1
        if end <= start or reading.in_furniture(start):
            continue
        marker = _MARKER.match(view, start, end)
        words_from = marker.end() if marker else start
        wording, figures = parse(view[words_from:end], year, names)
        if wording:
            out.append(Sentence(*reading.original_span(words_from, end), wording, figures))
    return tuple(out)


def same_figures(a: tuple, b: tuple) -> bool:
    """Whether two sentences' figures are the same (a year: the same year, or the same distance
    from its report's year)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x[0] != y[0] or (x[0] == "n" and x[1] != y[1]) or (x[0] == "y" and x[1] != y[1] and x[2] != y[2]):
            return False
    return True


def grams(wording: str) -> set[str]:
    return {wording[i : i + NGRAM] for i in range(len(wording) - NGRAM + 1)}


def similarity(a: str, b: str) -> float:
    """The Jaccard similarity of two wordings' character n-grams."""
    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb) if ga or gb else 0.0


#: A bigram found in more sentences of last year's report than this is too common to propose a
#: near-repeat (法治, 政府): the work per sentence stays bounded whatever the text (a hostile one).
COMMON = 200
#: Of the sentences of last year's report with one wording, the first this many are looked at for
#: the same figures (a stock sentence written a thousand times costs no more).
SAME_WORDING = 20


def _near(
    s: Sentence, before: list[Sentence], index: dict[str, list[int]]
) -> tuple[Sentence | None, float | None]:
    """The sentence of ``before`` closest to ``s`` by n-gram similarity, proposed by the rarer
    n-grams they share, and the similarity; (None, None) where none shares one."""
    shared = Counter(i for g in grams(s.wording) for i in index.get(g, ()))
    if not shared:
        return None, None
    proposed = [i for i, _ in shared.most_common(5)]
    scores = [(similarity(s.wording, before[i].wording), -i) for i in proposed]
    score, i = max(scores)
    return before[-i], round(score, 3)


def match(current: list[Sentence], previous: list[Sentence]) -> list[dict]:
    """Each counted sentence of ``current`` with the sentence of ``previous`` it repeats (class,
    similarity and that sentence's span), or none. The work grows with the sentences of both."""
    before = [s for s in previous if s.counted]
    exact: dict[str, list[Sentence]] = {}  # the first sentences of each wording, a few
    index: dict[str, list[int]] = {}
    for i, s in enumerate(before):
        if len(kept := exact.setdefault(s.wording, [])) < SAME_WORDING:
            kept.append(s)
        for g in grams(s.wording):
            index.setdefault(g, []).append(i)
    index = {g: ids for g, ids in index.items() if len(ids) <= COMMON}
    rows = []
    for s in (s for s in current if s.counted):
        row = {"start": s.start, "end": s.end, "class": None, "similarity": None}
        row |= {"prev_start": None, "prev_end": None, "figures": s.figures, "prev_figures": None}
        hit, cls, score = None, None, None
        if s.wording in exact:
            same = next((p for p in exact[s.wording] if same_figures(s.figures, p.figures)), None)
            hit, cls, score = same or exact[s.wording][0], "as_was" if same else "new_figures", 1.0
        else:
            near, score = _near(s, before, index)
            if near is not None and score >= NEAR:
                hit, cls = near, "near"
        if hit is not None:
            row |= {"class": cls, "similarity": score, "prev_start": hit.start, "prev_end": hit.end}
            row["prev_figures"] = hit.figures
        rows.append(row)
    return rows


# ---------------------------------------------------------------- one region, year on year

COLUMNS = [
    "start",
    "end",
    "section",
    "section_title",
    "class",
    "similarity",
    "prev_start",
    "prev_end",
    "figures",
    "prev_figures",
]


def _sections_of(text: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Each row's top-level section (``一``, with its title), or the opening before the first."""
    reading = read(text)
    tops = [s for s in find_sections(reading) if s["level"] == 1]
    section, title = [], []
    for start in rows["start"]:
        at = reading.view_offset(start)  # sentences hold offsets of the text of record
        inside = [s for s in tops if s["start"] <= at]
        section.append(inside[-1]["path"] if inside else "")
        title.append(inside[-1]["title"] if inside else "")
    return rows.assign(section=section, section_title=title)


def repeated(
    text: str, year: int, previous_text: str | None, previous_year: int | None = None
) -> pd.DataFrame:
    """Every counted sentence of ``text`` with what it repeats of ``previous_text`` (see
    :func:`match`), its top-level section; no previous text: every class is empty."""
    current = sentences(text, year)
    previous = sentences(previous_text, previous_year or year - 1) if previous_text else []
    rows = pd.DataFrame(
        match(current, previous), columns=[c for c in COLUMNS if c not in ("section", "section_title")]
    )
    return _sections_of(text, rows)[COLUMNS]


def text_of(region: str, year: int) -> str | None:
    """The text of record of a region's report of ``year``, or None where there is none."""
    path = paths.report_text_path(region, year)
    return read_report_text(path) if path.is_file() else None


def year_on_year(review) -> pd.DataFrame:
    """The sentences of ``review``'s report, each with what it repeats of last year's report
    (``METRICS["recycled_share"]``)."""
    return memo(
        review,
        "recycling",
        (review.text,),
        lambda: repeated(review.text, review.year, text_of(review.region, review.year - 1)),
    )


def carried_forward(review) -> pd.DataFrame:
    """The sentences of ``review``'s report that next year's report repeats: ``start``, ``end``,
    ``next_start``, ``next_end``, ``class`` (none where there is no next report)."""

    def compute() -> pd.DataFrame:
        later = text_of(review.region, review.year + 1)
        if later is None:
            return pd.DataFrame(columns=["start", "end", "next_start", "next_end", "class"])
        rows = repeated(later, review.year + 1, review.text, review.year)
        rows = rows[rows["class"].notna()]
        out = rows.rename(columns={"start": "next_start", "end": "next_end"})
        out = out.rename(columns={"prev_start": "start", "prev_end": "end"})
        out = out[["start", "end", "next_start", "next_end", "class"]].drop_duplicates(["start", "end"])
        return out.astype({"start": int, "end": int}).reset_index(drop=True)

    return memo(review, "carried_forward", (review.text,), compute)


def previous_available(review) -> bool:
    return paths.report_text_path(review.region, review.year - 1).is_file()


def previous_is_excerpt(review) -> bool:
    return previous_available(review) and is_excerpt(review.region, review.year - 1)


def passages(review, table: str) -> pd.DataFrame:
    """The passages of one table of ``review`` (``evidence``, ``issues``, ``commitments``) of this
    report, each with ``repeated`` (more than half its characters in repeated sentences), the
    ``class`` of the repeated sentence that covers most of it, and that sentence's spans."""
    df = getattr(review, table)
    if df.empty or "start" not in df:
        return df.assign(repeated=pd.Series(dtype=bool), **{"class": pd.Series(dtype=object)})
    if "report_year" in df:
        df = df[df["report_year"] == review.year]
    df = df[df["start"].notna() & df["end"].notna()].copy()
    hits = year_on_year(review)
    hits = hits[hits["class"].notna()]
    found = {
        "repeated": [],
        "class": [],
        "sentence_start": [],
        "sentence_end": [],
        "prev_start": [],
        "prev_end": [],
    }
    for s, e in zip(df["start"].astype(int), df["end"].astype(int)):
        overlap = (hits["end"].clip(upper=e) - hits["start"].clip(lower=s)).clip(lower=0)
        best = overlap.idxmax() if len(overlap) and overlap.max() > 0 else None
        found["repeated"].append(bool(len(overlap)) and 2 * int(overlap.sum()) > e - s)
        row = hits.loc[best] if best is not None else None
        found["class"].append(row["class"] if row is not None and found["repeated"][-1] else None)
        for col in ("start", "end"):
            found[f"sentence_{col}"].append(int(row[col]) if row is not None else None)
            found[f"prev_{col}"].append(int(row[f"prev_{col}"]) if row is not None else None)
    return df.assign(**found).reset_index(drop=True)


def problems_again(review) -> pd.DataFrame:
    """The problems this report admits in last year's words (``as_was`` or ``new_figures``)."""
    p = passages(review, "issues")
    return p[p["repeated"] & p["class"].isin(WORD_FOR_WORD)].reset_index(drop=True) if not p.empty else p


def share(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def summary(review) -> dict:
    """The shares of ``review``'s report repeated from last year's (plain numbers, JSON):
    sentences by class, work passages, problems, commitments, problems admitted again; None
    where there is no report of last year to compare with."""
    if not previous_available(review):
        return {"available": False, "excerpt": bool(review.is_excerpt), "previous_excerpt": False}
    s = year_on_year(review)
    counts = {c: int((s["class"] == c).sum()) for c in CLASSES}
    out = {
        "available": True,
        "excerpt": bool(review.is_excerpt),
        "previous_excerpt": previous_is_excerpt(review),
        "sentences": int(len(s)),
        "repeated": sum(counts.values()),
        "by_class": counts,
        "share": share(sum(counts.values()), len(s)),
    }
    for table in ("evidence", "issues", "commitments"):
        p = passages(review, table)
        n = int(p["repeated"].sum()) if not p.empty else 0
        out[table] = {"repeated": n, "total": int(len(p)), "share": share(n, len(p))}
    out["problems_again"] = int(len(problems_again(review)))
    return out


def by_section(review) -> pd.DataFrame:
    """Per top-level section: counted sentences, and those repeated by class."""
    s = year_on_year(review)
    if s.empty:
        return pd.DataFrame(columns=["section", "section_title", "sentences", *CLASSES, "share"])
    rows = []
    for (section, title), g in s.groupby(["section", "section_title"], sort=False):
        row = {"section": section, "section_title": title, "sentences": len(g)}
        row |= {c: int((g["class"] == c).sum()) for c in CLASSES}
        row["share"] = share(sum(row[c] for c in CLASSES), len(g))
        rows.append(row)
    return pd.DataFrame(rows)
