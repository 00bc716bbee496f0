"""Text shared across regions: pairs of one year's reports that share long runs of sentences.

A common template, or a report copied from another government's with the name changed (照搬照抄),
shows as runs of consecutive sentences of the same wording (:func:`policy_review.review.recycling.sentences`,
each report's own region names set aside). Comparing every pair of reports, or of sentences, grows
with the square of the corpus; here each report's pairs of consecutive sentences are hashed
(shingles), reports with the same shingles are grouped (a template copied unchanged), one MinHash
per group goes into an LSH index (datasketch), and each group is compared exactly only with the
groups the index proposes. ``benchmarks/bench_recycling.py`` measures it at 100 to 1,000 regions.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from policy_review.review.recycling import COMMON, Sentence, sentences, share

#: A run: this many consecutive sentences of the same wording, or more.
RUN = 3


def _shingles(keys: list[str]) -> set[bytes]:
    """Pairs of consecutive sentences, hashed: two reports sharing a run of k sentences share
    k − 1 of them."""
    return {hashlib.blake2b(f"{a}\n{b}".encode(), digest_size=8).digest() for a, b in zip(keys, keys[1:])}


def _runs(a: list[Sentence], b: list[Sentence]) -> list[tuple[int, int, int]]:
    """Maximal runs of identical consecutive sentences of ``a`` and ``b``: (i, j, length)."""
    where: dict[str, list[int]] = {}
    for j, s in enumerate(b):
        if len(at := where.setdefault(s.wording, [])) < COMMON:  # a stock sentence: its first few
            at.append(j)
    runs = []
    for i, s in enumerate(a):
        for j in where.get(s.wording, ()):
            if i and j and a[i - 1].wording == b[j - 1].wording:
                continue  # inside a run that started before
            k = 1
            while i + k < len(a) and j + k < len(b) and a[i + k].wording == b[j + k].wording:
                k += 1
            runs.append((i, j, k))
    return runs


def compare_pair(a: list[Sentence], b: list[Sentence]) -> dict:
    """What two reports' counted sentences share in runs of :data:`RUN` or more: the share of
    each report's sentence characters inside them, the runs, the longest run and its spans."""
    runs = [r for r in _runs(a, b) if r[2] >= RUN]
    in_a = {i + k for i, _, n in runs for k in range(n)}
    in_b = {j + k for _, j, n in runs for k in range(n)}
    size_a, size_b = sum(len(s.wording) for s in a), sum(len(s.wording) for s in b)
    i, j, n = max(runs, key=lambda r: r[2], default=(0, 0, 0))
    return {
        "share_a": share(sum(len(a[x].wording) for x in in_a), size_a),
        "share_b": share(sum(len(b[x].wording) for x in in_b), size_b),
        "sentences_shared": len(in_a),
        "runs": len(runs),
        "longest_run": n,
        "a_start": a[i].start if n else None,
        "a_end": a[i + n - 1].end if n else None,
        "b_start": b[j].start if n else None,
        "b_end": b[j + n - 1].end if n else None,
    }


#: The Jaccard similarity of two reports' sentence-pair shingles from which MinHash LSH proposes
#: them for the exact comparison (a run of a dozen sentences in reports of a hundred).
LSH_THRESHOLD = 0.05
PERMUTATIONS = 128
#: Of the groups the index proposes for a report, only the closest few (by their MinHash estimate)
#: are compared exactly: the work stays linear where many reports share one template.
CLOSEST = 3


def shared_runs(reports: dict[str, tuple[str, int, tuple[str, ...]]]) -> pd.DataFrame:
    """Pairs of reports (``key → (text, year, own names)``) sharing runs of :data:`RUN` or more
    identical sentences, each report with its closest such report (one row per pair): ``a``,
    ``b``, the shares of each, the runs and the spans of the longest in both texts.

    Reports whose sentence pairs are all the same are grouped first (a template copied with only
    the name changed), then one MinHash per group goes into an LSH index and each group is
    compared exactly only with the :data:`CLOSEST` groups the index proposes that are closest by
    their MinHash estimate: the exact work grows with the number of reports, not of pairs."""
    from datasketch import MinHash, MinHashLSH  # deferred: numpy and scipy, for this view only

    parsed = {
        k: [s for s in sentences(text, year, names) if s.counted]
        for k, (text, year, names) in reports.items()
    }
    groups: dict[frozenset, list[str]] = {}
    for key, sents in parsed.items():
        shingles = frozenset(_shingles([s.wording for s in sents]))
        if shingles:
            groups.setdefault(shingles, []).append(key)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    members = list(groups.values())
    for g, shingles in enumerate(groups):
        m = MinHash(num_perm=PERMUTATIONS, seed=29)
        m.update_batch(list(shingles))
        lsh.insert(g, m)
        members[g] = (members[g], m)
    best: dict[str, tuple[str, dict]] = {}
    for g, (keys, m) in enumerate(members):
        rep = keys[0]
        if len(keys) > 1:  # the same text: each member with the first (the first with the second)
            for key in keys:
                other = keys[1] if key == rep else rep
                best[key] = (other, compare_pair(parsed[key], parsed[other]))
            continue
        proposed = sorted((h for h in lsh.query(m) if h != g), key=lambda h: (-m.jaccard(members[h][1]), h))
        for h in proposed[:CLOSEST]:
            other = members[h][0][0]
            result = compare_pair(parsed[rep], parsed[other])
            if result["longest_run"] and (rep not in best or result["share_a"] > best[rep][1]["share_a"]):
                best[rep] = (other, result)
    rows, seen = [], set()
    for key, (other, result) in sorted(best.items()):
        pair = frozenset((key, other))
        if not result["longest_run"] or pair in seen:
            continue
        seen.add(pair)
        rows.append({"a": key, "b": other, **result})
    columns = ["a", "b", "share_a", "share_b", "sentences_shared", "runs", "longest_run"]
    return pd.DataFrame(rows, columns=columns + ["a_start", "a_end", "b_start", "b_end"])
