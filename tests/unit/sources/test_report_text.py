"""Reading report files: UTF-8 (with or without BOM) and GB18030/GBK; everything else is bad input."""

from __future__ import annotations

import codecs

import pytest

from policy_review.core import paths
from policy_review.core.errors import BadInput
from policy_review.sources.report_text import (
    decode_report,
    read_report,
    read_report_text,
)


@pytest.fixture(scope="module")
def text_2018() -> str:
    return paths.report_text_path("kaizhou", 2018).read_bytes().decode("utf-8")


def test_reads_the_shipped_reports_as_utf8():
    for year in (2018, 2019, 2020):
        path = paths.report_text_path("kaizhou", year)
        text, encoding = read_report(path)
        assert encoding == "utf-8"
        assert text == path.read_bytes().decode("utf-8")
        assert "法治政府" in text


def test_gb18030_file_reads_as_the_same_text(tmp_path, text_2018):
    path = tmp_path / "2018-gb18030.txt"
    path.write_bytes(text_2018.encode("gb18030"))
    assert read_report(path) == (text_2018, "gb18030")


def test_gbk_file_reads_as_the_same_text(tmp_path):
    text = read_report_text(paths.report_text_path("kaizhou", 2019))
    path = tmp_path / "2019-gbk.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_report_text(path) == text


def test_utf8_bom_is_stripped(tmp_path, text_2018):
    path = tmp_path / "2018-bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + text_2018.encode("utf-8"))
    assert read_report(path) == (text_2018, "utf-8-sig")


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL"),
        ("utf16.txt", "法治政府建设年度报告".encode("utf-16"), "UTF-16"),
        ("utf16le.txt", "2018年法治政府建设 report".encode("utf-16-le"), "UTF-16"),
        ("english.txt", b"Annual report on the rule of law, 2018.\n", "no Chinese"),
        ("garbage.bin", bytes(range(0x80, 0x100)) * 4, "neither UTF-8 nor GB18030"),
        ("bad-bom.txt", codecs.BOM_UTF8 + "法治".encode("gb18030"), "BOM"),
    ],
)
def test_other_input_is_bad_input_naming_the_file(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadInput) as caught:
        read_report_text(path)
    (problem,) = caught.value.problems
    assert problem.file == path
    assert words in problem.message
    assert name in str(caught.value)


def test_utf16_without_bom_or_nul_bytes_is_not_taken_for_gb18030():
    with pytest.raises(ValueError, match="rare characters|neither"):
        decode_report(("法治政府建设" * 50).encode("utf-16-le"))


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="missing.txt"):
        read_report_text(tmp_path / "missing.txt")
