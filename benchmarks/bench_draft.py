"""Agreement of the uncurated draft with the curated tables, and extraction time against size.

Prints, for the texts with curated tables (Kaizhou 2018–2020, the example district 2021–2022):
- evidence items: share of curated items whose draft item (the one overlapping it most) has the
  same framework area, and the same reporting class; the confusion between areas. A curated area
  of the other outline than the one in force that year (the example's 2021–2022 tables use the
  2015–2020 areas, e.g. ``capacity``) is also compared through ``area_crosswalk.csv``, like with
  like, as the trends compare it;
- problem themes: share of curated problems whose overlapping draft problem has the same theme;
- follow-up status of the example's 2021 commitments in its 2022 report, with BM25 over jieba
  words and with TF-IDF over character n-grams;
- statutory items against hand-checked expectations;
- extraction time for 10k, 100k and 1M ``项`` figures (it must grow linearly).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_draft.py [--quick]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

import pandas as pd

from policy_review.core import paths
from policy_review.draft.extract import extract_report
from policy_review.draft.followup import follow_up
from policy_review.draft.report_draft import draft_year
from policy_review.review.statutory import statutory_check
from policy_review.review.year_review import load_review
from policy_review.tables.frameworks import areas_for, comparable_area, framework_id, reference
from policy_review.tables.load import load_region

TEXTS = [("kaizhou", 2018), ("kaizhou", 2019), ("kaizhou", 2020), ("example", 2021), ("example", 2022)]
#: Hand-checked: which statutory items each full report covers (an excerpt: items not reached are None).
STATUTORY = {
    ("kaizhou", 2018): {
        "measures_results": True,
        "shortcomings": True,
        "leaders_duty": None,  # not required then: the 2019 regulation's items start with 2019's reports
        "next_year_plans": True,
        "other_matters": None,
    },
}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(row: dict, draft: pd.DataFrame) -> dict | None:
    if draft.empty:
        return None
    spans = [
        _overlap((int(row["start"]), int(row["end"])), (int(s), int(e)))
        for s, e in zip(draft["start"], draft["end"])
    ]
    best = max(range(len(spans)), key=spans.__getitem__)
    return draft.iloc[best].to_dict() if spans[best] > 0 else None


def agreement(
    curated: pd.DataFrame, draft: pd.DataFrame, column: str
) -> tuple[int, int, list[tuple[str, str]]]:
    pairs = []
    for row in curated.to_dict("records"):
        match = _best(row, draft)
        found = match.get(column) if match else None
        pairs.append((row[column], found if isinstance(found, str) and found else "unclassified"))
    return sum(a == b for a, b in pairs), len(pairs), pairs


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "n/a"


def like_for_like(curated: pd.DataFrame, year: int) -> pd.DataFrame:
    """``curated`` with each area of the other outline mapped into the framework in force for ``year``."""
    ids = set(areas_for(year)["area_id"])
    other = next(
        int(r["first_report_year"])
        for r in reference("frameworks").to_dict("records")
        if r["framework_id"] != framework_id(year)
    )
    frame = curated.copy()
    frame["area_id"] = [a if a in ids else comparable_area(a, other, year) for a in frame["area_id"]]
    return frame


def evidence_agreement() -> dict[str, list[tuple[str, str]]]:
    confusion: dict[str, list[tuple[str, str]]] = {}
    years: dict[str, list[str]] = {}
    print("evidence items (curated item vs the draft item overlapping it most)")
    for region, year in TEXTS:
        tables = load_region(region)
        curated = tables["evidence"][tables["evidence"]["report_year"] == year]
        draft = draft_year(region, year)["evidence"]
        area = agreement(curated, draft, "area_id")
        walked = agreement(like_for_like(curated, year), draft, "area_id")
        reporting = agreement(curated, draft, "reporting")
        through = f" ({_share(*walked[:2])} through the crosswalk)" if walked[0] != area[0] else ""
        print(
            f"  {region} {year}: area {_share(*area[:2])}{through}, reporting {_share(*reporting[:2])}"
            f" ({len(draft)} draft items)"
        )
        key = "kaizhou 2018" if (region, year) == ("kaizhou", 2018) else region
        confusion.setdefault(key, []).extend(walked[2])
        years.setdefault(key, []).append(str(year))
    return {
        name if name == "kaizhou 2018" else f"{name} {', '.join(years[name])}": pairs
        for name, pairs in confusion.items()
    }


def print_confusion(pairs: list[tuple[str, str]], name: str) -> None:
    counts = Counter(pairs)
    rows = sorted({a for a, _ in pairs})
    cols = sorted({b for _, b in pairs})
    print(f"area confusion on {name} (rows: curated, columns: draft; through the crosswalk)")
    print("  " + " " * 13 + " ".join(f"{c[:8]:>8}" for c in cols))
    for r in rows:
        print(f"  {r[:12]:<12} " + " ".join(f"{counts.get((r, c), 0):>8}" for c in cols))
    misses = sorted((n, a, b) for (a, b), n in counts.items() if a != b)
    if misses:
        print("  disagreements: " + "; ".join(f"{a} -> {b} ({n})" for n, a, b in reversed(misses)))


def theme_agreement() -> None:
    hits = total = 0
    pairs: list[tuple[str, str]] = []
    for region, year in TEXTS:
        tables = load_region(region)
        curated = tables["issues"][tables["issues"]["report_year"] == year]
        draft = draft_year(region, year)["issues"]
        h, n, found = agreement(curated, draft, "theme")
        hits, total, pairs = hits + h, total + n, pairs + found
    print(f"problem themes: {_share(hits, total)} (curated problems of {len(TEXTS)} reports)")
    misses = Counter((a, b) for a, b in pairs if a != b)
    if misses:
        print(
            "  theme disagreements (curated -> draft): "
            + "; ".join(f"{a} -> {b} ({n})" for (a, b), n in misses.most_common())
        )


def followup_agreement() -> None:
    tables = load_region("example")
    commitments = tables["commitments"][tables["commitments"]["report_year"] == 2021].reset_index(drop=True)
    followups = tables["followups"]
    curated = followups[followups["report_year"] == 2022].set_index("commitment_id")["status"]
    review = load_review("example", 2022)
    evidence = draft_year("example", 2022)["evidence"]
    for method in ("bm25", "tfidf"):
        best = None
        for threshold in (0.6, 0.9, 1.2) if method == "bm25" else (0.15, 0.25, 0.35):
            got = follow_up(commitments, evidence, review.text, review.is_excerpt, 2022, threshold, method)
            status = got.set_index("commitment_id")["status"]
            hits = sum(status.get(c) == s for c, s in curated.items())
            line = f"threshold {threshold}: {_share(hits, len(curated))}"
            best = line if best is None else best + "; " + line
        print(f"follow-up status of the example's 2021 commitments ({method}): {best}")


def statutory_agreement() -> None:
    for (region, year), expected in STATUTORY.items():
        check = statutory_check(load_review(region, year)).set_index("item_id")["covered"]
        hits = sum(check.get(item) == value for item, value in expected.items())
        print(f"statutory items, {region} {year}: {_share(hits, len(expected))}")


def extraction_time(quick: bool) -> None:
    sizes = (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000)
    per = None
    for n in sizes:
        text = "".join(f"完成任务{i}项," for i in range(n))
        started = time.perf_counter()
        extraction = extract_report(text, year=2020)
        seconds = time.perf_counter() - started
        per = per or seconds / n
        print(
            f"extraction of {n:>9,} 项 figures on one line: {seconds:6.1f} s "
            f"({len(extraction['figures']):,} figures; "
            f"{seconds / n / per:.2f}x the time per figure at 10k)"
        )


def main() -> None:
    quick = "--quick" in sys.argv
    print(f"draft benchmark (project root {paths.display(paths.root())})")
    for name, pairs in evidence_agreement().items():
        print_confusion(pairs, name)
    theme_agreement()
    followup_agreement()
    statutory_agreement()
    extraction_time(quick)


if __name__ == "__main__":
    main()
