"""The draft review of whole reports as published, against what a careful reader finds (issue 24).

On the whole published texts of ``tests/data/whole/`` (longhua 2019, one text per line with U+3000
indentation; pingtan-jingfaju 2022, a page crawled onto one line with its furniture) and on Kaizhou
2018, against the hand-labelled truth of ``tests/truth/`` (Kaizhou's passages and figures are its
curated tables), prints:

- work passages: how many of the reader's passages the draft finds (a draft evidence item covers
  at least half of it), and the area and reporting class of the draft item overlapping each most
  (``area`` and ``reporting`` agreement), with the draft items that overlap no passage;
- problems and commitments: recall, precision and F1 (a draft item and a truth item match when
  they overlap by at least half of the shorter; each is matched once), and the lead units of the
  commitments matched;
- the year covered and why;
- figures, where truth exists (Kaizhou 2018's curated table): recall and precision by offsets;
- the confusion between areas over all passages (rows: the reader's, columns: the draft's);
- how many shipped texts change when typeset with no space at all between their paragraphs
  (full width, indentation dropped, lines joined with nothing): a heading with no stop run
  straight into its paragraph cannot be told from it, so this is a figure, not a guarantee
  (``tests/guarantees/test_typesetting.py`` asserts the indented and line-broken typesettings).

Targets on whole texts the project has not seen (issue 24): area and reporting >= 0.85, problems
and commitments F1 >= 0.9, figures >= 0.95. These texts are seen: their figures are an upper bound.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_whole.py``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from policy_review.core import paths
from policy_review.draft.extract import extract_report
from policy_review.draft.plans import read_plan
from policy_review.sources.reading import view
from policy_review.sources.report_text import read_report_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the typesetting is the invariance test's own, so both read alike
from tests.guarantees.test_typesetting import TEXTS, _full_width, _review  # noqa: E402

TRUTH = ROOT / "tests" / "truth"
WHOLE = ROOT / "tests" / "data" / "whole"
REPORTS = {
    "longhua-2019-report": WHOLE / "longhua-2019-report.txt",
    "pingtan-jingfaju-2022-report": WHOLE / "pingtan-jingfaju-2022-report.txt",
    "kaizhou-2018-report": ROOT / "data" / "reports" / "kaizhou" / "2018.txt",
}


def _rows(name: str, text: str | None = None) -> list[dict]:
    with open(TRUTH / f"{name}.csv", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if text is None or r["text"] == text]


def _curated(name: str, year: int) -> list[dict]:
    with open(paths.curated_dir("kaizhou") / f"{name}.csv", encoding="utf-8-sig") as handle:
        return [r for r in csv.DictReader(handle) if r["report_year"] == str(year)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span(row: dict) -> tuple[int, int]:
    return int(row["start"]), int(row["end"])


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "n/a"


def _f1(matched: int, truth: int, found: int) -> str:
    recall = matched / truth if truth else 1.0
    precision = matched / found if found else 1.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return f"recall {_share(matched, truth)}, precision {_share(matched, found)}, F1 {f1:.2f}"


def passages(name: str, extraction: dict, confusion: list[tuple[str, str]]) -> None:
    truth = _rows("passages", name) if name != "kaizhou-2018-report" else _curated("evidence", 2018)
    items = extraction["evidence"]
    found = area = reporting = 0
    touched: set[int] = set()
    for row in truth:
        span = _span(row)
        overlaps = [_overlap(span, (e["start"], e["end"])) for e in items]
        best = max(range(len(items)), key=overlaps.__getitem__) if items else None
        touched |= {i for i, o in enumerate(overlaps) if o > 0}
        if best is None or overlaps[best] == 0:
            confusion.append((row["area_id"], "none"))
            continue
        found += overlaps[best] >= 0.5 * (span[1] - span[0])
        area += items[best]["area_id"] == row["area_id"]
        reporting += items[best]["reporting"] == row["reporting"]
        confusion.append((row["area_id"], items[best]["area_id"]))
    print(
        f"  passages: found {_share(found, len(truth))}; area {_share(area, len(truth))}; "
        f"reporting {_share(reporting, len(truth))}; {len(items)} draft items, "
        f"{len(items) - len(touched)} outside every passage"
    )


def _matched(truth: list[dict], items: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for row in truth:
        span = _span(row)
        for i, item in enumerate(items):
            shorter = min(span[1] - span[0], item["end"] - item["start"])
            if i not in used and _overlap(span, (item["start"], item["end"])) >= 0.5 * max(shorter, 1):
                pairs.append((row, item))
                used.add(i)
                break
    return pairs


def problems_and_commitments(name: str, extraction: dict, totals: Counter) -> None:
    for label, key in (("problems", "issues"), ("commitments", "commitments")):
        truth = _rows(label, name)
        items = extraction[key]
        pairs = _matched(truth, items)
        totals[label, "matched"] += len(pairs)
        totals[label, "truth"] += len(truth)
        totals[label, "found"] += len(items)
        extra = ""
        if key == "commitments" and pairs:
            leads = sum(
                [view(u) for u in item["lead_units"]]
                == [view(u) for u in row["lead_units"].split(" | ") if u]
                for row, item in pairs
            )
            extra = f"; lead units {_share(leads, len(pairs))}"
        elif key == "issues" and pairs:
            themes = sum(row["theme"] == item["theme"] for row, item in pairs)
            extra = f"; themes {_share(themes, len(pairs))}"
        print(f"  {label}: {_f1(len(pairs), len(truth), len(items))}{extra}")


def figures(extraction: dict) -> None:
    truth = _curated("figures", 2018)
    items = extraction["figures"]
    hits = sum(
        any(
            _overlap(_span(row), (f["start"], f["end"])) and float(f["value"]) == float(row["value"])
            for f in items
        )
        for row in truth
    )
    right = sum(
        any(
            _overlap(_span(row), (f["start"], f["end"])) and float(f["value"]) == float(row["value"])
            for row in truth
        )
        for f in items
    )
    print(f"  figures: recall {_share(hits, len(truth))}, precision {_share(right, len(items))}")


def print_confusion(pairs: list[tuple[str, str]]) -> None:
    counts = Counter(pairs)
    rows = sorted({a for a, _ in pairs})
    cols = sorted({b for _, b in pairs})
    print("area confusion over every passage (rows: the reader's area, columns: the draft's)")
    print("  " + " " * 13 + " ".join(f"{c[:8]:>8}" for c in cols))
    for r in rows:
        print(f"  {r[:12]:<12} " + " ".join(f"{counts.get((r, c), 0):>8}" for c in cols))
    misses = sorted(((n, a, b) for (a, b), n in counts.items() if a != b), reverse=True)
    if misses:
        print("  disagreements: " + "; ".join(f"{a} -> {b} ({n})" for n, a, b in misses))


def run_together() -> None:
    """How many shipped texts change when their paragraphs are joined with nothing between them."""
    changed = []
    for path, kind in TEXTS:
        text = read_report_text(path)
        shipped = _review(kind, text, lambda a, b: (a, b))
        pieces, back, position = [], [], 0
        for line in text.split("\n"):
            content = line.lstrip(" \t\u3000\u00a0\u2002\u2003")
            start = position + len(line) - len(content)
            pieces.append(_full_width(content))
            back += range(start, start + len(content))
            position += len(line) + 1
        joined = "".join(pieces)

        def spans(a: int, b: int, back=back) -> tuple[int, int]:
            return (back[a], back[b - 1] + 1) if b > a else (back[min(a, len(back) - 1)],) * 2

        review = _review(kind, joined, spans)
        parts = [p for p in shipped if review[p] != shipped[p]]
        if parts:
            changed.append(f"{path.parent.name}/{path.name} ({', '.join(parts)})")
    print(
        f"run together with nothing between paragraphs: {len(changed)} of {len(TEXTS)} texts read "
        "otherwise (indented or line-broken: 0, asserted by tests/guarantees/test_typesetting.py)"
    )
    for line in changed:
        print(f"  {line}")


def main() -> None:
    print("whole reports as published (tests/data/whole/, Kaizhou 2018) against tests/truth/")
    confusion: list[tuple[str, str]] = []
    totals: Counter = Counter()
    for name, path in REPORTS.items():
        extraction = extract_report(read_report_text(path))
        framework = extraction["framework"]
        sections = len(extraction["sections"])
        print(f"{name}: year {framework['year']} ({framework['year_basis']}), {sections} sections")
        passages(name, extraction, confusion)
        problems_and_commitments(name, extraction, totals)
        if name == "kaizhou-2018-report":
            figures(extraction)
    for label in ("problems", "commitments"):
        print(f"all {label}: {_f1(totals[label, 'matched'], totals[label, 'truth'], totals[label, 'found'])}")
    print_confusion(confusion)
    for name in ("pingtan-junshan-2021-plan", "pingtan-suping-2020-plan"):
        plan = read_plan((WHOLE / f"{name}.txt").read_text(encoding="utf-8"))
        print(f"{name}: {plan['counts']['item']} work items under {plan['counts']['group']} headings read")
    run_together()


if __name__ == "__main__":
    main()
