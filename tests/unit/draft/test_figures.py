"""Figures in every form reports write them (issue 24 item 7, issue 28): any measure word, qualifiers
around the number, counts with no measure word, thousands separators, signs, full-width digits and
an invisible character inside a number; each read through the reading layer, offsets into the text
as given."""

from __future__ import annotations

import pytest

from policy_review.draft.extract import extract_report
from policy_review.draft.figures import find_figures
from policy_review.sources.reading import view


def _figures(text: str) -> list[dict]:
    return extract_report("一、工作\n" + text + "\n", 2021)["figures"]


@pytest.mark.parametrize(
    "phrase, value, unit, qualifier",
    [
        ("发放宣传册3000册。", 3000, "册", None),
        ("审议法规40多部。", 40, "部", "多"),
        ("每年至少3次听取汇报。", 3, "次", "至少"),
        ("抽查5批次产品。", 5, "批次", None),
        ("梳理12种情形。", 12, "种", None),
        ("开展4轮评查。", 4, "轮", None),
        ("组织3800余公务人员参加考试。", 3800, "公务人员", "余"),
        ("培训300干部。", 300, "干部", None),
        ("超过200人参加。", 200, "人", "超过"),
        ("办理案件1,234件。", 1234, "件", None),
        ("办理案件1\uff0c234件。", 1234, "件", None),
        ("受理申请\uff11\uff12\uff13件。", 123, "件", None),
        ("同比增长-5%。", -5, "%", None),
        ("同比增长\uff0d5\uff05。", -5, "%", None),
        ("比上年+10%。", 10, "%", None),
        ("共1,234,567项。", 1234567, "项", None),
    ],
)
def test_a_figure_in_every_form(phrase, value, unit, qualifier):
    (figure,) = _figures(phrase)
    assert (figure["value"], figure["unit"], figure["qualifier"]) == (value, unit, qualifier)
    text = "一、工作\n" + phrase + "\n"
    assert text[figure["start"] : figure["end"]] == figure["raw"]


def test_the_fixtures_hold_the_full_width_forms():
    assert "\uff0c" in "1\uff0c234" and "\uff11" in "\uff11\uff12\uff13" and "\uff05" in "\uff0d5\uff05"


def test_an_invisible_character_inside_a_number_reads_as_one_number():
    text = "一、工作\n共审查1\u200b2项规范性文件,废止3件。\n"
    figures = extract_report(text, 2021)["figures"]
    assert [(f["value"], f["raw"]) for f in figures] == [(12, "1\u200b2项"), (3, "3件")]
    assert all(text[f["start"] : f["end"]] == f["raw"] for f in figures)


@pytest.mark.parametrize(
    "phrase",
    [
        "七部门联合印发",
        "统筹推进五位一体总体布局",
        "党的十九届四中全会",
        "依托平潭12345平台",
        "梳理三种类型",
        "实施《法治平潭建设规划（2021-2025）》",
    ],
)
def test_not_figures(phrase):
    assert find_figures(view(phrase)) == []


def test_a_range_is_not_a_sign():
    assert [(f["value"], f["raw"]) for f in find_figures(view("每次1-3项"))] == [(3, "3项")]


def test_a_thousands_group_is_not_a_figure_of_its_own():
    assert [f["value"] for f in find_figures(view("共1,234,567项,其中567项已办结"))] == [1234567, 567]
