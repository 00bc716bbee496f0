"""The labels catalogue: every reader-facing string in both languages (the texts in
``labels.csv``, package data a translator edits), and the only place that asks which language a
page is in."""

from __future__ import annotations

import csv
import re
import string
import tomllib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from policy_review.core import labels, paths
from policy_review.core.errors import BadInput
from tests.module_scan import lines_asking

LIB = paths.root() / "lib" / "policy_review"
#: Latin text a Chinese string may hold: file names and folders the reader types or opens.
LATIN_ALLOWED = {"data/curated//ledger.csv", "data/curated//", "data/plans//.txt"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(labels.TEXT))
def test_every_key_has_both_languages(key):
    value = labels.TEXT[key]
    assert isinstance(value, tuple) and len(value) == 2, f"{key}: (English, Chinese) expected"
    en, zh = value
    assert en.strip() and zh.strip(), f"{key}: a language is empty"
    # the Chinese is Chinese: no Latin word outside the fields and the allowed file names
    # fields, DataTables' _MENU_
    latin = re.findall(r"[A-Za-z][A-Za-z_./-]*", re.sub(r"\{[^}]*\}|_[A-Z]+_", "", zh))
    assert set(latin) <= LATIN_ALLOWED, f"{key}: English in the Chinese text: {latin}"
    # both render with the fields either one uses
    fields = {name: "x" for name in _fields(en) | _fields(zh)}
    assert labels.t(key, "en", **fields) and labels.t(key, "zh", **fields)


def test_a_missing_language_is_caught(monkeypatch):
    """The check above can fail: a key with one language only is refused."""
    monkeypatch.setitem(labels.TEXT, "only_english", ("Only English",))
    with pytest.raises(AssertionError, match="English, Chinese"):
        test_every_key_has_both_languages("only_english")
    monkeypatch.setitem(labels.TEXT, "leaks", ("Overdue", "逾期 overdue"))
    with pytest.raises(AssertionError, match="English in the Chinese"):
        test_every_key_has_both_languages("leaks")


#: A comparison with the Chinese language code, e.g. ``lang == "zh"`` or ``"zh" != lang``.
ASKS_LANGUAGE = re.compile(r"""(==|!=)\s*["']zh["']|["']zh["']\s*(==|!=)""")


def test_only_the_catalogue_asks_which_language():
    assert lines_asking(ASKS_LANGUAGE, "labels.py") == []
    assert ASKS_LANGUAGE.search('x = a if lang == "zh" else b')  # the pattern does find one


def test_headline_english_words_stay_the_datas_own():
    """The English plain-text headline keeps the data's words (read by nbval and scripts); the
    Chinese one names them."""
    fields = dict(kind="long_term", kind_name="长期坚持任务", parts="assigned 44")
    assert labels.t("hl_kind", "en", **fields) == "long_term tasks: assigned 44"
    assert labels.t("hl_kind", "zh", **fields) == "长期坚持任务:assigned 44"


def test_localized_columns_fall_back_to_chinese():
    df = pd.DataFrame({"name_zh": ["行政执法", "政务公开"], "name_en": ["Enforcement", None]})
    assert list(labels.localized(df, "name", "en")) == ["Enforcement", "政务公开"]
    assert list(labels.localized(df, "name", "zh")) == ["行政执法", "政务公开"]
    assert labels.localized_value(df.iloc[1], "name", "en") == "政务公开"
    summaries = pd.DataFrame({"quote": ["原文"], "summary_en": ["The quote in English"]})
    assert list(labels.translation(summaries, "summary", "en")) == ["The quote in English"]
    assert labels.translation(summaries, "summary", "zh") is None  # a Chinese page shows the quote only


def test_join_lists_in_the_languages_way():
    assert labels.join([2018, 2019], "en") == "2018, 2019"
    assert labels.join([2018, 2019], "zh") == "2018、2019"


def test_no_key_is_written_twice():
    """A key written twice in the catalogue file would silently keep only its last text."""
    with labels.CATALOGUE.open(encoding="utf-8", newline="") as file:
        keys = [row["key"] for row in csv.DictReader(file)]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert len(keys) == len(labels.TEXT) > 300  # every row of the file is a key of the catalogue


def _catalogue(tmp_path, rows: list[list[str]]) -> Path:
    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([labels.CATALOGUE_COLUMNS, *rows])
    return path


def test_a_broken_catalogue_file_is_refused_by_line(tmp_path):
    """What a translator can get wrong in the file is refused as ``file:line: column: what``:
    a key written twice, a language left empty, a row of the wrong width."""
    path = _catalogue(
        tmp_path,
        [
            ["title", "", "Title", "标题"],
            ["note", "", "A note\nover two lines", "说明"],
            ["title", "", "Title again", "又一标题"],
            ["empty_zh", "", "English only", ""],
            ["short", "Short"],
        ],
    )
    with pytest.raises(BadInput) as refused:
        labels.read_catalogue(path)
    assert [str(p).split("labels.csv")[1] for p in refused.value.problems] == [
        ":5: key: key 'title' written twice: already on line 2",
        ":6: zh: 'empty_zh' has no zh text",
        ":7: -: 2 cells, expected 4",
    ]
    ok = _catalogue(tmp_path, [["title", "headings", "Title", "标题"]])
    assert labels.read_catalogue(ok) == {"title": ("Title", "标题")}


def test_the_catalogue_file_ships_with_the_package():
    """A non-editable install has the texts: the file is package data."""
    project = tomllib.loads((paths.root() / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["setuptools"]["package-data"]["policy_review"]
    assert labels.CATALOGUE.relative_to(LIB).as_posix() in shipped
