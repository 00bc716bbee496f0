"""Next-year commitments: plan chapters under every title in use, an unmarked closing 下一步
paragraph, one commitment per lowest-level item, lead units and time limits, figures there as
targets; the whole texts' and Kaizhou's as the hand-labelled truth gives them (``tests/truth/``)."""

from __future__ import annotations

import csv

import pytest

from policy_review.core import paths
from policy_review.draft.extract import extract_report
from policy_review.sources.report_text import read_report_text
from tests.conftest import ROOT

TRUTH = ROOT / "tests" / "truth"
WHOLE = ROOT / "tests" / "data" / "whole"


def _truth(text: str) -> list[dict]:
    with open(TRUTH / "commitments.csv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["text"] == text]


def _whole(name: str) -> str:
    return (WHOLE / f"{name}.txt").read_text(encoding="utf-8")


def test_longhua_makes_four_commitments_for_2020():
    text = _whole("longhua-2019-report")
    result = extract_report(text)
    assert (result["framework"]["year"], result["framework"]["year_basis"]) == (2019, "next-year chapter")
    commitments = result["commitments"]
    truth = _truth("longhua-2019-report")
    assert [(c["start"], c["end"]) for c in commitments] == [(int(r["start"]), int(r["end"])) for r in truth]
    assert [c["section"] for c in commitments] == ["八/(一)", "八/(二)", "八/(三)", "八/(四)"]
    assert {c["for_year"] for c in commitments} == {2020}
    assert commitments[0]["raw"].startswith("有力推进法治政府建设工作。")
    assert not any("专此报告" in c["raw"] for c in commitments)  # the closing formula is no commitment


def test_jingfaju_closes_with_one_commitment_of_its_own_for_2023():
    text = _whole("pingtan-jingfaju-2022-report")
    result = extract_report(text)
    assert (result["framework"]["year"], result["framework"]["year_basis"]) == (2022, "title")
    assert result["framework"]["framework_id"] == "outline_2021_2025"
    (commitment,) = result["commitments"]
    (truth,) = _truth("pingtan-jingfaju-2022-report")
    assert (commitment["start"], commitment["end"]) == (int(truth["start"]), int(truth["end"]))
    assert commitment["section"] == "下一步" and commitment["for_year"] == 2023
    assert commitment["lead_units"] == ["区经济发展局"]
    # the paragraph is not part of the work passage before it
    last = max(result["evidence"], key=lambda e: e["start"])
    assert last["end"] <= commitment["start"]


def test_kaizhou_2018_commitments_lead_units_and_time_limit():
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    commitments = extract_report(text)["commitments"]
    truth = _truth("kaizhou-2018-report")
    assert [c["section"] for c in commitments] == [r["section_path"] for r in truth]
    by_path = {c["section"]: c for c in commitments}
    for row in truth:
        expected = [u for u in row["lead_units"].split(" | ") if u]
        assert by_path[row["section_path"]]["lead_units"] == expected, row["section_path"]
    assert by_path["三/(三)/3"]["time_limit"] == "每年第一季度"
    assert by_path["三/(三)/1"]["time_limit"] is None  # 每半年 is how often, not by when


@pytest.mark.parametrize(
    "title",
    [
        "下一步工作计划",
        "下一步工作打算",
        "下步工作安排",
        "下步工作",
        "下一年度工作安排",
        "2022年法治政府建设工作计划",
        "2022年工作思路",
        "2022年工作要点",
    ],
)
def test_next_year_chapters_under_every_title_in_use(title):
    text = (
        "一、2021年工作情况\n\u3000\u3000（一）完善制度。印发文件3件。\n"
        f"二、{title}\n\u3000\u3000（一）深化改革，年底前完成清单调整，新增事项20项。\n"
        "\u3000\u3000（二）加强培训，责任单位：区司法局、区人社局。\n"
    )
    assert "\uff08" in text and "\u3000" in text
    result = extract_report(text, 2021)
    commitments = result["commitments"]
    assert [c["section"] for c in commitments] == ["二/(一)", "二/(二)"]
    assert commitments[0]["time_limit"] == "年底前" and commitments[0]["deadline"]["date"] == "2022-12-31"
    assert commitments[1]["lead_units"] == ["区司法局", "区人社局"]
    target = next(f for f in result["figures"] if f["raw"] == "20项")
    assert target["target"] is True
    assert not [e for e in result["evidence"] if e["start"] >= commitments[0]["start"]]


def test_a_year_chapter_of_this_year_is_work_not_a_plan():
    text = "一、2021年工作要点落实情况\n（一）完善制度。印发文件3件。\n二、下步打算\n（一）深化改革。\n"
    result = extract_report(text, 2021)
    assert [c["section"] for c in result["commitments"]] == ["二/(一)"]


def test_a_closing_next_step_paragraph_line_broken_or_run_on():
    for joint in ("\n", ""):
        text = (
            "一、主要工作\n（一）完善制度。印发文件3件。"
            + joint
            + "下一步，我局将继续深化改革，每年开展培训2次，推动法治建设再上新台阶。"
        )
        result = extract_report(text, 2022)
        (commitment,) = result["commitments"]
        assert commitment["raw"].startswith("下一步，我局将") and commitment["for_year"] == 2023
        assert next(f for f in result["figures"] if f["raw"] == "2次")["target"] is True
