"""What a run cannot show or count in a report or plan text, refused at validation with its line
(tables/texts.py): control characters but tab and line/page breaks, numbers of 10^18 or more,
more than MAX_NUMBERS numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_review.tables import texts

PATH = Path("data/reports/shitai/2020.txt")
KAIZHOU = Path(__file__).resolve().parents[3] / "data" / "reports" / "kaizhou" / "2018.txt"


def _messages(text: str) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in texts.text_problems(PATH, text)]


def test_a_shipped_report_has_no_problem():
    assert texts.text_problems(PATH, KAIZHOU.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "written",
    [
        "1" * 310,  # the hostile report's count before 项
        "1" * 19,
        "1,000,000,000,000,000,000",
        "\uff11" * 19,  # full-width digits
        "1000\u4ebf\u4ebf",  # magnitudes: 1000 × 10^16
        "\u4e07\u4ebf\u4ebf",  # a chain of magnitudes without digits
    ],
)
def test_a_number_of_10_to_the_18_or_more_is_refused_with_its_line(written):
    text = "\u3000\u3000\u4e00\u3001\u5de5\u4f5c\n\u5b8c\u6210" + written + "\u9879\u3002\n"
    found = _messages(text)
    assert len(found) == 1 and found[0][0] == 2, found
    assert "10^18 or more" in found[0][1]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,234,567", 1_234_567),
        ("1\uff0c234", 1234),  # a full-width thousands separator
        ("\uff11\uff12", 12),
        ("35\u4e07", 350_000),
        ("2\u4ebf", 200_000_000),
        ("99999999999999999", 99_999_999_999_999_999),  # a 17-digit index number (索引号) passes
    ],
)
def test_numbers_under_the_limit_pass_and_are_valued_as_written(written, value):
    assert "\uff0c" in "1\uff0c234" and "\u4e07" in "35\u4e07"
    assert texts.number_value(written) == value
    assert _messages("\u5b8c\u6210" + written + "\u9879") == []


def test_more_numbers_than_a_report_has_are_refused():
    at_limit = "\u3001".join(["1\u9879"] * texts.MAX_NUMBERS)
    assert _messages(at_limit) == []
    over = at_limit + "\u30012\u9879"
    found = _messages(over)
    assert len(found) == 1 and "more than the 10,000" in found[0][1], found


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x7f", "\x85", "\x9b"])
def test_a_control_character_is_refused_with_its_line(char):
    text = "\u7b2c\u4e00\u884c\n\u7b2c\u4e8c\u884c" + char + "[2J\n"
    found = _messages(text)
    assert len(found) == 1 and found[0][0] == 2, found
    assert f"U+{ord(char):04X}" in found[0][1]


@pytest.mark.parametrize("char", ["\x0c", "\x0b", "\t", "\r"])
def test_page_and_line_breaks_and_tabs_are_kept(char):
    assert _messages("\u7b2c\u4e00\u9875" + char + "\u7b2c\u4e8c\u9875") == []
