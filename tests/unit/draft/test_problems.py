"""Admitted problems: one item per problem, marked (一是, 1., （一）) or written as sentences, with
its theme and area; Kaizhou 2018's five as the hand-labelled truth gives them (``tests/truth/``)."""

from __future__ import annotations

import csv

import pytest

from policy_review.core import paths
from policy_review.draft.extract import extract_report
from policy_review.sources.report_text import read_report_text
from tests.conftest import ROOT

TRUTH = ROOT / "tests" / "truth"


def _truth(text: str) -> list[dict]:
    with open(TRUTH / "problems.csv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["text"] == text]


def test_kaizhou_2018_admits_five_problems():
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    issues = extract_report(text)["issues"]
    truth = _truth("kaizhou-2018-report")
    assert [(i["start"], i["end"]) for i in issues] == [(int(r["start"]), int(r["end"])) for r in truth]
    assert [i["theme"] for i in issues] == [r["theme"] for r in truth]
    assert issues[1]["raw"] == "乡镇街道基本没有工作情况反馈"
    assert {i["section"] for i in issues} == {"二"}


def test_the_whole_reports_admit_no_problem():
    for name in ("longhua-2019-report", "pingtan-jingfaju-2022-report"):
        text = (ROOT / "tests" / "data" / "whole" / f"{name}.txt").read_text(encoding="utf-8")
        assert extract_report(text)["issues"] == [] and _truth(name) == []


def test_five_problems_marked_inside_one_paragraph():
    text = (
        "一、主要工作\n（一）完善制度。印发文件3件。\n"
        "二、存在的问题\n\u3000\u3000对照要求，仍存在一些不足：一是制度建设滞后，规范性文件清理不及时；"
        "二是基层执法力量薄弱；三是信息化水平不高，数据共享不畅；四是执法队伍素质有待提升；"
        "五是法治思维有待提高。\n"
    )
    assert "\uff1b" in text and "\uff1a" in text and "\u3000" in text
    issues = extract_report(text, 2021)["issues"]
    assert [i["section"] for i in issues] == ["二/一是", "二/二是", "二/三是", "二/四是", "二/五是"]
    assert issues[0]["raw"] == "制度建设滞后，规范性文件清理不及时"
    assert issues[4]["raw"] == "法治思维有待提高"
    assert [i["theme"] for i in issues] == [
        "institution_lag",
        "grassroots_weakness",
        "informatisation_gaps",
        "enforcement_quality",
        "legal_thinking",
    ]
    assert all(text[i["start"] : i["end"]] == i["raw"] for i in issues)


@pytest.mark.parametrize(
    "listing, paths_",
    [
        ("1．制度建设滞后。\n2．基层力量薄弱。\n", ["二/1", "二/2"]),
        ("（一）制度建设滞后。\n（二）基层力量薄弱。\n", ["二/(一)", "二/(二)"]),
        ("制度建设滞后，规范性文件清理不及时。基层力量薄弱，人员不足。\n", ["二", "二"]),
    ],
)
def test_problems_numbered_or_written_as_sentences(listing, paths_):
    text = "一、主要工作\n完成了各项工作。\n二、存在的不足\n" + listing
    issues = extract_report(text, 2021)["issues"]
    assert [i["section"] for i in issues] == paths_
    assert issues[1]["raw"].startswith("基层力量薄弱")
    assert all(i["theme"] and i["area_id"] for i in issues)
