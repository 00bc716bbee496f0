"""Recycled text: the near-repeat threshold as measured, and the time to find repeats at the
scale of every county-level government.

Prints:
- the near-repeat threshold (``recycling.NEAR`` over character ``NGRAM``-grams): of the counted
  sentences of the shipped real reports, the share still found after one, two or three words
  (two to four characters) are replaced by words of other sentences, and the share of sentences
  whose closest sentence in another region's report reaches the threshold without being the
  same wording (titles and headings of one formula, listed);
- the example district's truth: the sentences it carries over from 2021 and the problems it
  admits again, against what the workbook finds;
- the time for N regions × 2 years of the synthetic corpus (``example.corpus``, texts in memory):
  each region's 2022 report against its 2021 report, and the 2022 reports across regions
  (MinHash LSH), for N = 100 and 1,000; the growth from 100 to 1,000 (linear: about 10×).
  The corpus copies 12 generated regions under new names, which the comparison across regions
  sets aside; a second pass drops a different seventh of each copy's sentences, so that every
  report is its own and shares runs with the copies of its template.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_recycling.py [--quick]`` (quick: 100 and
300 regions).
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from policy_review.core import paths
from policy_review.example import corpus, district
from policy_review.review import recycling as rc, shared_text
from policy_review.review.year_review import load_review
from policy_review.sources.report_text import read_report_text


def real_sentences() -> dict[tuple[str, int], list[rc.Sentence]]:
    found = {}
    for path in sorted(paths.reports_dir().glob("*/*.txt")):
        if path.parent.name != "example" and path.stem.isdigit():
            text = read_report_text(path)
            found[(path.parent.name, int(path.stem))] = [
                s for s in rc.sentences(text, int(path.stem)) if s.counted
            ]
    return found


def _edited(rng: random.Random, wording: str, words: list[str], edits: int) -> str:
    for _ in range(edits):
        size = rng.randint(2, 4)
        at = rng.randrange(0, max(1, len(wording) - size))
        other = rng.choice(words)
        start = rng.randrange(0, max(1, len(other) - size))
        wording = wording[:at] + other[start : start + rng.randint(2, 4)] + wording[at + size :]
    return wording


def threshold(texts) -> None:
    words = [s.wording for v in texts.values() for s in v]
    rng = random.Random(29)
    print(f"near-repeats: character {rc.NGRAM}-grams, Jaccard similarity >= {rc.NEAR}")
    print(f"  {len(words)} counted sentences of {len(texts)} real reports")
    for edits in (1, 2, 3):
        found = sum(rc.similarity(w, _edited(rng, w, words, edits)) >= rc.NEAR for w in words)
        print(f"  {edits} word(s) replaced: {found / len(words):.1%} still found")
    closest, formulae = [], set()
    for a, b in itertools.permutations(texts, 2):
        if a[0] == b[0]:
            continue
        for s in texts[a]:
            score, other = max(
                ((rc.similarity(s.wording, o.wording), o.wording) for o in texts[b]), default=(0, "")
            )
            if score < 1:
                closest.append(score)
                if score >= rc.NEAR:
                    formulae.add(min(s.wording, other)[:24])
    reached = sum(x >= rc.NEAR for x in closest)
    print(
        f"  closest sentence of another region's report, not the same wording: {reached / len(closest):.2%} "
        f"of {len(closest)} reach it, all titles and headings of a common formula:"
    )
    for f in sorted(formulae):
        print("   ", f.replace("\ue001", "<year>").replace("\ue000", "<n>"))


def example_truth() -> None:
    review, truth = load_review("example", 2022), district.build().reports[2022]
    found = rc.year_on_year(review).set_index(["start", "end"])
    counted = [c for c in truth.carried if (c["start"], c["end"]) in found.index]
    right = sum(found.loc[(c["start"], c["end"])]["class"] == c["class"] for c in counted)
    s = rc.summary(review)
    print("example district 2022 against 2021 (synthetic truth)")
    print(f"  carried over on purpose: {len(truth.carried)} sentences, {len(counted)} long enough to count;")
    print(f"  found with their class and 2021 span: {right} of {len(counted)}")
    print(
        f"  problems admitted again: truth {sorted(truth.again)}, "
        f"found {sorted(rc.problems_again(review)['issue_id'])}"
    )
    print(
        f"  all repeats found: {s['repeated']} of {s['sentences']} sentences ({s['share']:.0%}): "
        f"{s['by_class']} (the rest is the template's own text, written the same each year)"
    )


def corpus_texts(regions: int, drop: bool) -> dict[str, dict[int, tuple[str, tuple[str, ...]]]]:
    """``region → year → (text, own names)`` of the synthetic corpus, in memory."""
    made = corpus.templates(12)
    out = {}
    for i in range(1, regions + 1):
        files = corpus.region_files(made[i % len(made)], i)
        name = corpus.region_name(i)
        years = {}
        for year in district.YEARS:
            text = files[f"data/reports/{corpus.region_id(i)}/{year}.txt"]
            if drop:  # a different seventh of the paragraphs left out of each copy
                lines = text.split("\n")
                text = "\n".join(line for k, line in enumerate(lines) if (k + i) % 7 or not line.strip())
            years[year] = (text, (name, name[3:]))
        out[corpus.region_id(i)] = years
    return out


def timed(regions: int, drop: bool) -> tuple[float, float, int]:
    """CPU seconds (the machine is shared: wall time would measure the neighbours)."""
    texts = corpus_texts(regions, drop)
    t0 = time.process_time()
    for years in texts.values():
        (before, _), (now, _) = years[2021], years[2022]
        rc.repeated(now, 2022, before, 2021)
    t1 = time.process_time()
    pairs = shared_text.shared_runs({k: (v[2022][0], 2022, v[2022][1]) for k, v in texts.items()})
    t2 = time.process_time()
    return t1 - t0, t2 - t1, len(pairs)


def scale(sizes) -> None:
    shared_text.shared_runs({})  # datasketch (numpy, scipy) imported before anything is timed
    for drop in (False, True):
        label = "copies as generated" if not drop else "each copy missing a different seventh"
        print(f"synthetic corpus, {label}:")
        results = {}
        for n in sizes:
            across_years, across_regions, pairs = timed(n, drop)
            results[n] = across_years + across_regions
            print(
                f"  {n:>5} regions x 2 years: year on year {across_years:6.2f} s, across regions "
                f"{across_regions:6.2f} s ({pairs} pairs listed), total {results[n]:6.2f} CPU s"
            )
        small, large = sizes[0], sizes[-1]
        print(
            f"  growth {small} -> {large} regions: {results[large] / results[small]:.1f}x "
            f"for {large / small:.0f}x the corpus"
        )


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    threshold(real_sentences())
    example_truth()
    scale((100, 300) if quick else (100, 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
