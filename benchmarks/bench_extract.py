"""Extraction throughput: the shipped reports, repeated into a corpus of a few MB held in memory.

Prints MB/s (of UTF-8 text) and reports/s for ``extract_report`` over the corpus, report by
report, and once more with the whole corpus joined into one document, which shows whether any
step grows faster than the text does.

    python benchmarks/bench_extract.py [--megabytes 4]
"""

from __future__ import annotations

import argparse
import time

from policy_review.core import paths
from policy_review.draft.extract import extract_report
from policy_review.sources.report_text import navigation_spans, read_report_text


def shipped_reports() -> list[str]:
    return [read_report_text(path) for path in sorted(paths.reports_dir().glob("*/*.txt"))]


def corpus(reports: list[str], megabytes: float) -> list[str]:
    """The reports repeated, in order, until they add up to ``megabytes`` of UTF-8."""
    sizes = [len(report.encode("utf-8")) for report in reports]
    texts: list[str] = []
    total = 0
    while total < megabytes * 1_000_000:
        for report, size in zip(reports, sizes):
            texts.append(report)
            total += size
    return texts


def without_navigation(report: str) -> str:
    """The report without the portal's navigation lines, so that copies can be joined."""
    kept, position = [], 0
    for start, end in navigation_spans(report):
        kept.append(report[position:start])
        position = end
    return "".join(kept) + report[position:]


def timed(texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        extract_report(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="corpus size (default 4)")
    args = parser.parse_args(argv)
    texts = corpus(shipped_reports(), args.megabytes)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1_000_000
    seconds = timed(texts)
    print(
        f"{len(texts)} reports, {megabytes:.1f} MB in {seconds:.2f} s: "
        f"{megabytes / seconds:.2f} MB/s, {len(texts) / seconds:.0f} reports/s"
    )
    joined = "\n".join(without_navigation(text) for text in texts)
    seconds = timed([joined])
    print(f"one document of {megabytes:.1f} MB in {seconds:.2f} s: {megabytes / seconds:.2f} MB/s")


if __name__ == "__main__":
    main()
