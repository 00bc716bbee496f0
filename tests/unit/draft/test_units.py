"""Who does a task and by when, as plans and reports write it: labelled fields, designations in
brackets and sentences, units whose names hold a 、, the subject of a sentence, time limits.

Every fixture is written as published (full-width brackets, commas and colons) and read through the
analysis view, as the plan reader and the commitments read it; each asserts the code points it
holds, so that a fixture folded to ASCII by an editor fails."""

from __future__ import annotations

import pytest

from policy_review.draft.units import (
    inline_deadlines,
    labelled_fields,
    looks_like_unit,
    parse_deadline,
    split_units,
    subject_units,
)
from policy_review.sources.reading import view

FULL_WIDTH_COMMA, FULL_WIDTH_COLON, FULL_WIDTH_OPEN = "\uff0c", "\uff1a", "\uff08"


def _fields(published: str) -> list[tuple[str, list[tuple[str, bool]]]]:
    said = view(published)
    return [(f["label"], split_units(f["value"])) for f in labelled_fields(said, 0, len(said))]


@pytest.mark.parametrize(
    ("written", "units"),
    [
        # X牵头、Y配合: the role word after each unit, in one clause
        ("区司法局牵头、区法院配合", [("区司法局", True), ("区法院", False)]),
        # X牵头，Y负责: both carry it out (负责 designates a lead, as the truth tables read it)
        ("法规处牵头，各有关业务处室负责", [("法规处", True), ("各有关业务处室", True)]),
        # a 、 inside brackets, and a bare level of government before one, belong to one name
        (
            "省司法厅牵头，各市、县〔市、区〕政府和省直各部门负责",
            [("省司法厅", True), ("各市、县〔市、区〕政府", True), ("省直各部门", True)],
        ),
        ("各市、县（市、区）政府", [("各市、县(市、区)政府", True)]),
        # the role word after a list applies to every unit since the last one
        (
            "县司法局牵头，县政务服务中心、各乡镇配合",
            [("县司法局", True), ("县政务服务中心", False), ("各乡镇", False)],
        ),
        (
            "县政府办公室、县司法局、各有关部门，乡镇人民政府按职责分工分别负责",
            [("县政府办公室", True), ("县司法局", True), ("各有关部门", True), ("乡镇人民政府", True)],
        ),
        # 及 / 和 between two units' names; not inside one name (公安和司法部门)
        ("区财政局及区司法局", [("区财政局", True), ("区司法局", True)]),
        ("公安和司法部门", [("公安和司法部门", True)]),
        ("由区委编办牵头", [("区委编办", True)]),
    ],
)
def test_units_and_their_roles(written, units):
    assert split_units(view(written)) == units


def test_the_fixtures_hold_full_width_forms():
    assert FULL_WIDTH_COMMA in "法规处牵头，各有关业务处室负责" and ord("\u3014") == 0x3014
    assert view("（市、区）") == "(市、区)"  # the view reads the full-width brackets as ASCII


def test_a_designation_in_brackets_without_a_label():
    published = "（三）加强规范性文件管理。严格落实合法性审核制度。（法规处牵头，各有关业务处室负责）"
    assert published.count(FULL_WIDTH_OPEN) == 2 and FULL_WIDTH_COMMA in published
    assert _fields(published) == [("", [("法规处", True), ("各有关业务处室", True)])]


def test_a_designation_beside_a_time_limit_in_one_bracket():
    published = "全面落实行政执法三项制度。（区司法局牵头、各执法部门配合，２０２３年６月底前完成）"
    assert "\uff12" in published
    assert _fields(published) == [("", [("区司法局", True), ("各执法部门", False)])]
    said = view(published)
    assert [m.group() for m in inline_deadlines(said, 0, len(said))] == ["2023年6月底前"]


def test_a_province_wide_designation_keeps_each_unit_whole():
    published = "（省司法厅牵头，各市、县〔市、区〕政府和省直各部门负责）"
    assert "\u3014" in published and "\u3015" in published
    assert _fields(published) == [
        ("", [("省司法厅", True), ("各市、县〔市、区〕政府", True), ("省直各部门", True)])
    ]


def test_labelled_fields_in_brackets_on_lines_and_in_a_row():
    published = (
        "１．动态调整权责清单。（牵头单位：区委编办；配合单位：区司法局；完成时限：２０２１年６月底前）\n"
        "责任单位：县司法局牵头，县政务服务中心、各乡镇配合。完成时限：年底前。\n"
        "牵头单位：区委编办，配合单位：区司法局、区财政局，完成时限：１２月底前"
    )
    assert FULL_WIDTH_COLON in published and "\uff1b" in published
    assert _fields(published) == [
        ("牵头单位", [("区委编办", True)]),
        ("配合单位", [("区司法局", True)]),
        ("完成时限", [("2021年6月底前", True)]),
        ("责任单位", [("县司法局", True), ("县政务服务中心", False), ("各乡镇", False)]),
        ("完成时限", [("年底前", True)]),
        ("牵头单位", [("区委编办", True)]),
        ("配合单位", [("区司法局", True), ("区财政局", True)]),
        ("完成时限", [("12月底前", True)]),
    ]


def test_a_sentence_that_opens_with_its_designation():
    published = "由区司法局牵头、区法院配合，建立行政争议化解联席会议机制。"
    assert FULL_WIDTH_COMMA in published
    assert _fields(published) == [("", [("区司法局", True), ("区法院", False)])]


@pytest.mark.parametrize(
    "published",
    [
        "坚持党委领导、政府负责、社会协同、公众参与，推进社会治理。",  # a slogan, not a designation
        "建立由政府牵头的联席会议制度。",  # a mechanism described, not who does the task
        "督促各处室落实到位。",
    ],
)
def test_words_of_roles_inside_a_sentence_are_no_designation(published):
    assert _fields(published) == []


def test_the_subject_of_a_sentence_and_not_its_object():
    published = (
        "围绕与人民群众切实利益密切相关的领域，开展主题法治宣传。"
        "“谁执法谁普法”各处室结合各类纪念日，重点宣传宪法。督促各处室落实到位。"
    )
    assert FULL_WIDTH_COMMA in published and "\u201c" in published
    said = view(published)
    assert [s["unit"] for s in subject_units(said, 0, len(said))] == ["\u201c谁执法谁普法\u201d各处室"]
    closing = view("下一步，区经济发展局将持续优化营商环境。")
    assert [s["unit"] for s in subject_units(closing, 0, len(closing))] == ["区经济发展局"]


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("区司法局", True),
        ("各有关业务处室", True),
        ("各镇（街道）", True),
        ("开展主题法治宣传", False),
        ("1号文件", False),
    ],
)
def test_what_reads_as_a_unit(name, unit):
    assert looks_like_unit(view(name)) is unit


@pytest.mark.parametrize(
    ("published", "found", "date"),
    [
        ("２０２１年底前完成", "2021年底前", "2021-12-31"),
        ("第三季度前完成", "第三季度前", "2022-09-30"),
        ("上半年完成", "上半年完成", "2022-06-30"),
        ("６月３０日前", "6月30日前", "2022-06-30"),
        ("２０２０年国家宪法日", None, None),  # the day of an event, not a time limit
    ],
)
def test_time_limits_written_in_the_text(published, found, date):
    said = view(published)
    matches = [m.group() for m in inline_deadlines(said, 0, len(said))]
    assert matches == ([found] if found else [])
    if found:
        assert parse_deadline(found, 2022) == {"kind": "date", "date": date}
