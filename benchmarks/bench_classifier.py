"""Area agreement of each area classifier on passages it never trained on, and the confusion between areas.

Classifiers: ``terms`` (the term lists, ``data/reference/area_terms.csv``) and ``linear`` (the
linear model, :mod:`policy_review.draft.classifiers.linear`). The linear model is trained here
leaving out the region it is scored on (leave-one-region-out: its reports and curated rows), so
no passage scored was seen in training; the term lists were written by people who had read these
texts, so their figures are, if anything, flattered.

Sets, each against hand-made labels:
- **whole texts**: the 31 hand-labelled work passages of two whole published reports
  (``tests/truth/passages.csv``, offsets into ``tests/data/whole/*.txt``), each classified as
  labelled, with the headings above it (its own heading and its chapter's);
- **Kaizhou**: the curated evidence items of 2018–2020 (``data/curated/kaizhou/evidence.csv``),
  as labelled spans (with the headings of the draft's heading tree), and through the draft
  (the draft item overlapping each curated item most, as ``bench_draft.py`` measures);
- **also**: next-year commitments (``tests/truth/commitments.csv``) and the numbered entries of two
  whole work plans (``tests/truth/plan_tasks.csv``), neither of which any classifier trained on.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_classifier.py [--quick]`` (``--quick``:
the labelled spans only, not the draft).
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

from policy_review.core import paths
from policy_review.draft.classifiers import UNCLASSIFIED, AreaClassifier, linear, named, using
from policy_review.draft.report_draft import draft_year
from policy_review.draft.sections import find_sections
from policy_review.sources import reading
from policy_review.sources.report_text import read_report_text
from policy_review.tables.load import load_region

HERE = Path(__file__).resolve().parents[1]
TRUTH = HERE / "tests" / "truth"
WHOLE = HERE / "tests" / "data" / "whole"
#: What ends a heading's title in the analysis view (as the heading tree reads it).
_TITLE_END = re.compile(r"[\u3002,;:\n]")
_TEXT_ID = re.compile(r"(?P<region>.+)-(?P<year>\d{4})-(?P<kind>report|plan)$")


@cache
def loo_model(region: str) -> AreaClassifier:
    """The linear model trained without ``region`` (the shipped one where the project holds nothing of it)."""
    if not (paths.reports_dir(region).is_dir() or paths.curated_dir(region).is_dir()):
        return named("linear")
    started = time.perf_counter()
    model = linear.LinearClassifier(linear.train(exclude=(region,)))
    print(f"  (linear model without {region}: trained in {time.perf_counter() - started:.0f} s)")
    return model


def classifiers_for(region: str) -> dict[str, AreaClassifier]:
    return {"terms": named("terms"), "linear": loo_model(region)}


# --- the texts and their labels ---------------------------------------------------------------


@cache
def whole_text(name: str) -> str:
    """A text of the truth tables in the analysis view (Kaizhou's from ``data/reports``)."""
    if name == "kaizhou-2018-report":
        return reading.read(read_report_text(paths.report_text_path("kaizhou", 2018))).text
    return reading.read((WHOLE / f"{name}.txt").read_text(encoding="utf-8")).text


def _mark_pattern(mark: str) -> str:
    """A section path's mark as the analysis view writes it at a heading (``（一）`` is ``(一)``)."""
    mark = reading.view(mark)
    if re.fullmatch(r"[一二三四五六七八九十]+", mark):
        return re.escape(mark) + "\u3001"
    if re.fullmatch(r"\d+", mark):
        return re.escape(mark) + "[.\u3001]"
    if mark.startswith("\u7b2c"):  # 第一
        return re.escape(mark) + "[,\u3001]"
    return re.escape(mark)


def headings_of(view: str, section_path: str, start: int) -> tuple[str, ...]:
    """The titles of the headings a labelled passage sits under, innermost first: each mark of its
    path found before it (the innermost is its own heading, whose title opens the passage)."""
    titles, position = [], start
    for mark in reversed(section_path.split("/")):
        found = list(re.finditer(_mark_pattern(mark), view[:position]))
        if not found:
            continue
        after = found[-1].end()
        stop = _TITLE_END.search(view, after)
        titles.append(view[after : stop.start() if stop else after + 40].strip())
        position = found[-1].start()
    return tuple(t for t in titles if t)


def labelled(file: str) -> list[dict]:
    """Rows of a truth table with their text's region and year, text and headings."""
    rows = []
    with (TRUTH / file).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            match = _TEXT_ID.match(row["text"])
            view = whole_text(row["text"])
            start, end = int(row["start"]), int(row["end"])
            path = row["section_path"]
            rows.append(
                {
                    "region": match["region"],
                    "year": int(match["year"]),
                    "text": view[start:end],
                    "headings": headings_of(view, path, start) if path != "\u4e0b\u4e00\u6b65" else (),
                    "area_id": row["area_id"],
                    "where": f"{row['text']} {path} @{start}",
                }
            )
    return rows


def kaizhou_spans() -> list[dict]:
    """Kaizhou's curated evidence items, each with the headings of the draft's heading tree above it."""
    rows = []
    evidence = load_region("kaizhou")["evidence"]
    for row in evidence.to_dict("records"):
        year, start, end = int(row["report_year"]), int(row["start"]), int(row["end"])
        view = reading.read(read_report_text(paths.report_text_path("kaizhou", year))).text
        around = [s for s in find_sections(reading.read(view)) if s["start"] <= start < s["end"]]
        rows.append(
            {
                "region": "kaizhou",
                "year": year,
                "text": view[start:end],
                "headings": tuple(s["title"] for s in reversed(around)),
                "area_id": row["area_id"],
                "where": f"kaizhou {year} {row['section_path']}",
            }
        )
    return rows


# --- scoring ----------------------------------------------------------------------------------


def score(rows: list[dict]) -> dict[str, list[tuple[str, str, str]]]:
    """For each classifier, ``(label, call, where)`` of every row."""
    pairs: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        for name, classifier in classifiers_for(row["region"]).items():
            call = classifier.classify(row["text"], row["year"], row["headings"])
            pairs.setdefault(name, []).append((row["area_id"], call.label, row["where"]))
    return pairs


def through_the_draft(years: tuple[int, ...]) -> dict[str, list[tuple[str, str, str]]]:
    """Kaizhou's curated items against the draft item overlapping each most, the draft made with
    each classifier in turn."""
    pairs: dict[str, list[tuple[str, str, str]]] = {}
    evidence = load_region("kaizhou")["evidence"]
    for name, classifier in classifiers_for("kaizhou").items():
        with using(classifier):
            for year in years:
                draft = draft_year("kaizhou", year)["evidence"]
                for row in evidence[evidence["report_year"] == year].to_dict("records"):
                    found = _overlapping(int(row["start"]), int(row["end"]), draft)
                    where = f"kaizhou {year} {row['section_path']}"
                    pairs.setdefault(name, []).append((row["area_id"], found or UNCLASSIFIED, where))
    return pairs


def _overlapping(start: int, end: int, draft) -> str | None:
    best, area = 0, None
    for s, e, a in zip(draft["start"], draft["end"], draft["area_id"]):
        overlap = min(end, int(e)) - max(start, int(s))
        if overlap > best:
            best, area = overlap, a
    return area if isinstance(area, str) and area else None


def report(title: str, pairs: dict[str, list[tuple[str, str, str]]], confusion: bool = True) -> None:
    print(title)
    for name, found in pairs.items():
        hits = sum(a == b for a, b, _ in found)
        print(f"  {name:<7} {hits}/{len(found)} = {hits / len(found):.2f}")
    if not confusion:
        return
    for name, found in pairs.items():
        print_confusion(name, found)


def print_confusion(name: str, found: list[tuple[str, str, str]]) -> None:
    counts = Counter((a, b) for a, b, _ in found)
    rows = sorted({a for a, _, _ in found})
    cols = sorted({b for _, b, _ in found})
    print(f"  confusion of {name} (rows: labelled, columns: called)")
    print("    " + " " * 13 + " ".join(f"{c[:8]:>8}" for c in cols))
    for r in rows:
        print(f"    {r[:12]:<12} " + " ".join(f"{counts.get((r, c), 0):>8}" for c in cols))
    misses = [f"{where}: {a} -> {b}" for a, b, where in found if a != b]
    if misses:
        print("    disagreements: " + "; ".join(misses))


def main() -> None:
    quick = "--quick" in sys.argv
    root = paths.display(paths.root())
    print(f"area classifiers (project root {root}); linear: trained without the region it scores")
    report("whole texts: hand-labelled work passages of two whole reports", score(labelled("passages.csv")))
    report("kaizhou: curated evidence items 2018-2020, as labelled spans", score(kaizhou_spans()))
    if not quick:
        report(
            "kaizhou: curated evidence items 2018-2020, through the draft",
            through_the_draft((2018, 2019, 2020)),
        )
    report(
        "also: next-year commitments (longhua, jingfaju, kaizhou)", score(labelled("commitments.csv")), False
    )
    report("also: numbered entries of two whole work plans", score(labelled("plan_tasks.csv")), False)


if __name__ == "__main__":
    main()
