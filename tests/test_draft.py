"""The uncurated draft on real texts: evidence items, areas, themes, matching, follow-ups, sections."""

from __future__ import annotations

import pytest

from policy_review import paths
from policy_review.classification import UNCLASSIFIED, classify_area, classify_theme
from policy_review.extract import extract_report, find_sections
from policy_review.frameworks import area_names, comparable_area, framework_id
from policy_review.matching import match_passages
from policy_review.report_text import read_report_text


@pytest.fixture(scope="module")
def kaizhou_2018() -> dict:
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    return {"text": text, "extraction": extract_report(text)}


def _item(extraction: dict, section: str) -> dict:
    return next(e for e in extraction["evidence"] if e["section"] == section)


def test_framework_in_force_by_year():
    assert framework_id(2018) == "outline_2015_2020"
    assert framework_id(2020) == "outline_2015_2020"
    assert framework_id(2021) == "outline_2021_2025"
    assert list(area_names(2023)) == ["functions", "rules", "decisions", "enforcement", "emergencies",
                                      "disputes", "oversight", "technology", "organisation"]
    assert "capacity" in area_names(2019) and "capacity" not in area_names(2022)
    # the crosswalk: officials' training went into organisation; emergencies came out of functions
    assert comparable_area("capacity", 2020, 2021) == "organisation"
    assert comparable_area("emergencies", 2021, 2020) == "functions"
    assert comparable_area("rules", 2020, 2021) == "rules"


def test_evidence_items_of_kaizhou_2018(kaizhou_2018):
    extraction = kaizhou_2018["extraction"]
    text = kaizhou_2018["text"]
    for item in extraction["evidence"]:
        assert text[item["start"] : item["end"]] == item["raw"]
    # 一/(一)/第一/1: 67 certification items cleared: a figure, about government functions
    first = _item(extraction, "一/(一)/第一/1")
    assert first["raw"].startswith("全方位清理证明事项")
    assert (first["area_id"], first["reporting"], first["rule"]) == ("functions", "evidenced", "figure")
    assert "67项" in first["basis"] and "证明事项" in first["terms"]
    # 一/(一)/第四/1: a leading group set up, nothing concrete
    assert _item(extraction, "一/(一)/第四/1")["reporting"] == "mentioned"
    # 一/(二)/第三: the rules of procedure revised, with their document number
    decisions = _item(extraction, "一/(二)/第三")
    assert (decisions["area_id"], decisions["reporting"]) == ("decisions", "evidenced")
    # the blanket claim of 一 is an item of its own
    claim = next(e for e in extraction["evidence"] if "基本完成" in e["raw"])
    assert claim["reporting"] == "claimed" and claim["rule"] == "claim"
    # no item from the problems or next-year chapters
    assert not [e for e in extraction["evidence"] if e["section"].startswith(("二", "三"))]


def test_rule_followed_is_not_evidence(kaizhou_2018):
    # 对照《重庆市开州区法治政府建设实施方案》(开州委发〔2017〕5号): the plan followed, not a result
    opening = next(e for e in kaizhou_2018["extraction"]["evidence"] if e["raw"].startswith("对照《"))
    assert "开州委发〔2017〕5号" not in opening["basis"]
    assert "《重庆市开州区法治政府建设实施方案》" not in opening["basis"]


def test_area_calls_have_score_and_terms_and_unclassified_below_threshold():
    call = classify_area("认真落实行政规范性文件备案审查制度", 2018)
    assert call.label == "rules" and call.score >= 2 and "备案审查" in call.terms
    assert classify_area("会议精神。", 2022).label == UNCLASSIFIED
    # 2021 outline: emergencies and technology exist; 2015 outline: they do not
    assert classify_area("修订突发事件应急预案", 2022).label == "emergencies"
    assert classify_area("修订突发事件应急预案", 2019).label != "emergencies"


def test_problem_themes_of_kaizhou_2018(kaizhou_2018):
    themes = [i["theme"] for i in kaizhou_2018["extraction"]["issues"]]
    assert themes[0] == "uneven_attention"
    assert "enforcement_quality" in themes and "legal_thinking" in themes
    assert classify_theme("基层执法力量薄弱,人员不足").label == "grassroots_weakness"
    assert classify_theme("政务信息化建设不足,数据共享不畅").label == "informatisation_gaps"


def test_inline_numbering_splits_items():
    text = "三、下步工作打算\n(一)全面推进政务公开。(二)加强行政执法监督,开展执法检查2次。"
    sections = find_sections(text)
    assert [s["path"] for s in sections] == ["三", "三/(一)", "三/(二)"]
    extraction = extract_report(text, 2019)
    assert [c["raw"] for c in extraction["commitments"]] == ["全面推进政务公开。", "加强行政执法监督,开展执法检查2次。"]
    target = next(f for f in extraction["figures"] if f["raw"] == "2次")
    assert target["target"] is True


def test_traditional_characters_read_with_offsets_into_the_original(kaizhou_2018):
    import opencc

    original = kaizhou_2018["text"]
    traditional = opencc.OpenCC("s2t").convert(original)
    assert len(traditional) == len(original) and traditional != original
    extraction = extract_report(traditional)
    simplified = kaizhou_2018["extraction"]
    assert len(extraction["evidence"]) == len(simplified["evidence"])
    for item, plain in zip(extraction["evidence"], simplified["evidence"]):
        assert traditional[item["start"] : item["end"]] == item["raw"]
        assert (item["start"], item["end"], item["area_id"], item["reporting"]) == (
            plain["start"], plain["end"], plain["area_id"], plain["reporting"])
    assert [i["theme"] for i in extraction["issues"]] == [i["theme"] for i in simplified["issues"]]


def test_match_passages_ranks_with_score_and_terms():
    text = read_report_text(paths.report_text_path("example", 2022))
    passages = [{"text": e["raw"], "start": e["start"], "end": e["end"]}
                for e in extract_report(text)["evidence"]]
    [matches] = match_passages(["修订重大行政决策程序规定"], passages, top=3)
    assert matches and matches[0]["text"].startswith("修订重大行政决策程序规定")
    assert matches[0]["score"] > matches[-1]["score"] or len(matches) == 1
    assert "重大行政决策" in matches[0]["terms"] or "决策程序" in matches[0]["terms"]
    assert [m["rank"] for m in matches] == list(range(1, len(matches) + 1))
    assert match_passages(["会计"], passages) == [[]]
