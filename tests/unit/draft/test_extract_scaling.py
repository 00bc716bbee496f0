"""The shortcuts that keep extraction linear in the text's length give what the plain scans gave.

Each test holds the plain form a shortcut replaced (a scan of every span, section or feature) and
checks the shortcut against it on random or real input, to the last bit where numbers are concerned.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import numpy as np
import pytest

from policy_review.core import paths
from policy_review.draft import evidence, sections
from policy_review.draft.classifiers import linear
from policy_review.draft.extract import extract_report
from policy_review.sources import report_text
from policy_review.sources.report_text import NotReport, read_report_text


def test_spans_answer_as_a_scan_of_every_span():
    rng = random.Random(0)
    for _ in range(2000):
        spans = [(a, a + rng.randint(-2, 6)) for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 6)))]
        found = evidence.Spans(spans)
        for position in range(-2, 40):
            assert found.covers(position) == any(a <= position < b for a, b in spans)
            for end in range(position - 2, 40, 3):
                expected = min([end] + [a for a, _ in spans if position <= a < end])
                assert found.first_start(position, end) == expected


def _plain_first_child(all_sections: list[dict], index: int) -> dict | None:
    section = all_sections[index]
    return next(
        (
            s
            for s in all_sections[index + 1 :]
            if s["start"] < section["end"] and s["path"].startswith(section["path"] + "/")
        ),
        None,
    )


def test_the_first_child_is_the_one_a_scan_of_all_later_sections_finds():
    rng = random.Random(1)
    steps = ["\u4e00", "\u4e8c", "(\u4e00)", "1"]  # 一 二 (一) 1
    for _ in range(3000):
        made = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(0, 50)
            path = "/".join(rng.choice(steps) for _ in range(rng.randint(1, 3)))
            made.append({"path": path, "start": start, "end": start + rng.randint(0, 30)})
        if rng.random() < 0.5:
            made.sort(key=lambda s: s["start"])
        ordered = evidence.in_text_order(made)
        assert ordered == (made == sorted(made, key=lambda s: s["start"]))
        for index in range(len(made)):
            assert evidence._first_child(made, index, ordered) is _plain_first_child(made, index)


def _within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + "/")


def _plain_chapters(found_in: list[dict], title: re.Pattern, other: re.Pattern) -> list[dict]:
    found = [s for s in found_in if title.search(s["title"]) and not other.search(s["title"])]
    top = [s for s in found if s["level"] == 1]
    if top:
        return top
    combined = [s["path"] for s in found_in if s["level"] == 1 and title.search(s["title"])]
    inside = [s for s in found if any(_within(s["path"], path) for path in combined)] or found
    return [s for s in inside if not any(_within(s["path"], o["path"]) and s is not o for o in inside)]


def test_leaves_and_chapters_are_those_a_scan_of_every_pair_finds():
    rng = random.Random(2)
    steps = ["\u4e00", "\u4e8c", "(\u4e00)", "1", "a/b", ""]
    titles = ["\u95ee\u9898", "\u4e0b\u6b65", "\u95ee\u9898\u548c\u4e0b\u6b65", "\u5de5\u4f5c"]  # 问题 下步
    problems, plans = re.compile("\u95ee\u9898"), re.compile("\u4e0b\u6b65")
    for _ in range(5000):
        made = []
        for _ in range(rng.randint(0, 9)):
            depth = rng.randint(1, 4)
            path = "/".join(rng.choice(steps) for _ in range(depth))
            made.append({"path": path, "level": rng.choice([1, 2, depth]), "title": rng.choice(titles)})
        if made and rng.random() < 0.2:
            made.append(rng.choice(made))  # one section twice
        plain_leaves = [s for s in made if not any(o["path"].startswith(s["path"] + "/") for o in made)]
        assert [id(s) for s in sections.leaves(made)] == [id(s) for s in plain_leaves]
        for title, other in ((problems, plans), (plans, problems)):
            expected = _plain_chapters(made, title, other)
            assert [id(s) for s in sections.chapters(made, title, other)] == [id(s) for s in expected]


def _plain_probabilities(part: linear.Part, text: str, headings: tuple[str, ...]):
    values = {}
    for number, features in enumerate(linear._BLOCKS):
        counts = Counter(f for f in features((text, headings)) if f in part.features)
        weights = {
            part.features[f]: (1.0 + math.log(n)) * part.idf[part.features[f]] for f, n in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        values.update({j: w / norm for j, w in weights.items() if norm and part.block[j] == number})
    scores = part.intercept.copy()
    for j, value in values.items():
        scores += value * part.coef[:, j]
    scores = np.exp(scores - scores.max())
    return scores / scores.sum(), values


@pytest.fixture(scope="module")
def passages() -> list[tuple[str, tuple[str, ...]]]:
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    extraction = extract_report(text)
    titles = [s["title"] for s in extraction["sections"]]
    found = [(e["raw"], tuple(titles[i % len(titles) :][:3])) for i, e in enumerate(extraction["evidence"])]
    return found + [("", ()), ("abc", ()), ("\u4f1a\u8bae\u7cbe\u795e", ())]  # 会议精神


def test_area_probabilities_are_those_of_the_plain_sums_to_the_last_bit(passages):
    for part in linear.shipped().parts.values():
        for text, headings in passages:
            probability, values = part.probabilities(text, headings)
            plain_probability, plain_values = _plain_probabilities(part, text, headings)
            assert probability.tobytes() == plain_probability.tobytes()
            assert list(values) == list(plain_values)
            bits = [float(v).hex() for v in values.values()]
            assert bits == [float(v).hex() for v in plain_values.values()]


def test_visible_characters_are_those_str_isspace_does_not_call_white_space():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert "".join(every.split()) == "".join(ch for ch in every if not ch.isspace())
    report_text._require_chinese("\u3000\u6cd5\u6cbb abc\n")  # 法治: 2 of 5 visible
    with pytest.raises(NotReport):
        report_text._require_chinese("\u6cd5 abcdefg\u3000\n")  # 1 of 8 visible
