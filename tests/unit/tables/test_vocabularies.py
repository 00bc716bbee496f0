"""The vocabulary values the code names (``tables/vocabularies.py``) are the reference data's, in
its order: a value renamed or added in ``data/reference/vocabularies.csv`` and not in the code (or
the other way round) fails here, and the progress words and provinces are reference tables."""

from __future__ import annotations

import csv

import pytest

from policy_review.core import paths
from policy_review.review import compare, metrics
from policy_review.tables import names, vocabularies


def _values(vocabulary: str) -> list[str]:
    with (paths.reference_dir() / "vocabularies.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["vocabulary"] == vocabulary]
    return [r["value"] for r in sorted(rows, key=lambda r: int(r["order"]))]


@pytest.mark.parametrize("vocabulary", sorted(vocabularies.BY_VOCABULARY))
def test_the_codes_names_are_the_reference_values(vocabulary):
    assert list(vocabularies.BY_VOCABULARY[vocabulary]) == _values(vocabulary)


def test_the_named_subsets_hold_only_values_of_their_vocabulary():
    assert set(vocabularies.PLAN_KINDS) < set(_values("task_kind"))
    assert set(vocabularies.LEVELS) < set(_values("reporting"))
    assert set(vocabularies.SILENT) < set(_values("reporting"))
    assert set(vocabularies.FOLLOWUP_SHOWN) < set(_values("followup_status"))


def test_the_progress_words_are_reference_data():
    """进度稍缓 is found before 稍缓 (longest first), each word has its category and gloss."""
    words = names.progress_words()
    assert set(words) == {vocabularies.DELAYED, vocabularies.NOT_STARTED}
    delayed = words[vocabularies.DELAYED]
    assert delayed.index("\u8fdb\u5ea6\u7a0d\u7f13") < delayed.index("\u7a0d\u7f13")  # 进度稍缓 before 稍缓
    assert names.progress_gloss("\u8fdb\u5ea6\u7a0d\u7f13") == "progress somewhat slowed"
    # 3项因受机构改革影响进度稍缓
    text = "3\u9879\u56e0\u53d7\u673a\u6784\u6539\u9769\u5f71\u54cd\u8fdb\u5ea6\u7a0d\u7f13"
    assert metrics.word_in_quote(text, vocabularies.DELAYED) == "\u8fdb\u5ea6\u7a0d\u7f13"
    assert names.slowed_words().search(text).group() == "\u8fdb\u5ea6\u7a0d\u7f13"


@pytest.mark.parametrize(
    "name, province",
    [
        ("\u91cd\u5e86\u5e02\u5f00\u5dde\u533a", "\u91cd\u5e86\u5e02"),  # 重庆市开州区 → 重庆市
        (
            "\u5185\u8499\u53e4\u547c\u548c\u6d69\u7279\u5e02",
            "\u5185\u8499\u53e4\u81ea\u6cbb\u533a",
        ),  # 内蒙古… → 内蒙古自治区
        ("\u6b66\u6c49\u5e02", ""),  # 武汉市: not by its name (its provenance says it)
    ],
)
def test_the_provinces_are_reference_data(name, province):
    assert compare.province_of({"region_name_zh": name}) == province
    assert len(compare.provinces()) == 32
    assert compare.province_name("\u91cd\u5e86\u5e02", "en") == "Chongqing"
