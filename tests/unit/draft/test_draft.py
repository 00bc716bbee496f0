"""The uncurated draft on real texts: evidence items, areas, themes, matching, follow-ups, sections."""

from __future__ import annotations

import pytest

from policy_review.core import paths
from policy_review.draft.classification import UNCLASSIFIED, classify_area, classify_theme, words
from policy_review.draft.classifiers import using
from policy_review.draft.extract import extract_report
from policy_review.draft.matching import match_passages
from policy_review.draft.sections import find_sections
from policy_review.review import statutory
from policy_review.sources.reading import read
from policy_review.sources.report_text import read_report_text
from policy_review.tables.frameworks import comparable_area, framework_id
from policy_review.tables.names import area_names


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
    assert list(area_names(2023)) == [
        "functions",
        "rules",
        "decisions",
        "enforcement",
        "emergencies",
        "disputes",
        "oversight",
        "technology",
        "organisation",
    ]
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


@pytest.mark.parametrize("classifier", ["terms", "linear"])
def test_area_calls_have_score_and_terms_and_unclassified_below_threshold(classifier):
    with using(classifier):  # the term lists' threshold is a score of 2, the linear model's a probability
        call = classify_area("认真落实行政规范性文件备案审查制度", 2018)
        assert call.label == "rules" and call.score >= (2 if classifier == "terms" else 0.5)
        assert "备案审查" in call.terms
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
    sections = find_sections(read(text))
    assert [s["path"] for s in sections] == ["三", "三/(一)", "三/(二)"]
    extraction = extract_report(text, 2019)
    assert [c["raw"] for c in extraction["commitments"]] == [
        "全面推进政务公开。",
        "加强行政执法监督,开展执法检查2次。",
    ]
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
            plain["start"],
            plain["end"],
            plain["area_id"],
            plain["reporting"],
        )
    assert [i["theme"] for i in extraction["issues"]] == [i["theme"] for i in simplified["issues"]]


def test_match_passages_ranks_with_score_and_terms():
    text = read_report_text(paths.report_text_path("example", 2022))
    passages = [
        {"text": e["raw"], "start": e["start"], "end": e["end"]} for e in extract_report(text)["evidence"]
    ]
    [matches] = match_passages(["修订重大行政决策程序规定"], passages, top=3)
    assert matches and matches[0]["text"].startswith("修订重大行政决策程序规定")
    assert matches[0]["score"] > matches[-1]["score"] or len(matches) == 1
    assert "重大行政决策" in matches[0]["terms"] or "决策程序" in matches[0]["terms"]
    assert [m["rank"] for m in matches] == list(range(1, len(matches) + 1))
    assert match_passages(["会计"], passages) == [[]]


def test_draft_round_trip_tongliang_2021(project_copy):
    """`policy-review draft tongliang 2021` writes CSVs that validate accepts and a review then
    uses as curated data; a row marked reviewed survives a second draft."""
    import csv

    from policy_review.review import year_review as rv
    from policy_review.tables.validate import validate
    from tests.conftest import run_cli

    result = run_cli("draft", "tongliang", "2021", env_root=project_copy)
    assert result.returncode == 0, result.stderr
    folder = project_copy / "data" / "curated" / "tongliang"
    evidence_file = folder / "evidence.csv"
    rows = list(csv.DictReader(evidence_file.open(encoding="utf-8")))
    assert rows and {r["review_status"] for r in rows} == {"extracted"}
    assert all(r["draft_basis"] for r in rows)
    assert validate() == []
    rv.region_tables.cache_clear()
    review = rv.load_review("tongliang", 2021)
    assert not review.curated and len(review.evidence) == len(rows)  # drafted rows: not reviewed yet
    # the researcher corrects the first row and marks it reviewed
    rows[0].update(area_id="decisions", summary_en="Checked by hand.", review_status="reviewed")
    with evidence_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    again = run_cli("draft", "tongliang", "2021", env_root=project_copy)
    assert again.returncode == 0, again.stderr
    after = list(csv.DictReader(evidence_file.open(encoding="utf-8")))
    kept = [r for r in after if r["evidence_id"] == rows[0]["evidence_id"]]
    assert len(kept) == 1 and kept[0]["area_id"] == "decisions" and kept[0]["review_status"] == "reviewed"
    assert len(after) == len(rows)
    assert validate() == []


def test_reviewed_row_needs_its_area(project_copy):
    from policy_review.tables.validate import validate
    from tests.conftest import run_cli

    assert run_cli("draft", "wuhan", "2023", env_root=project_copy).returncode == 0
    file = project_copy / "data" / "curated" / "wuhan" / "evidence.csv"
    text = file.read_text(encoding="utf-8")
    assert ",extracted," in text
    lines = text.splitlines()
    header = lines[0].split(",")
    # an extracted row may wait for its area and English gloss; marked reviewed, it may not
    broken = [line.replace(",extracted,", ",reviewed,") for line in lines]
    file.write_text("\n".join(broken) + "\n", encoding="utf-8")
    messages = [str(p) for p in validate()]
    assert any("summary_en" in m and "reviewed evidence item needs" in m for m in messages), messages
    assert "review_status" in header


def test_wuhan_2023_draft_by_hand():
    """What a reader checks by hand in the opening of 武汉's 2023 report."""
    from policy_review.review import year_review as rv

    review = rv.load_review("wuhan", 2023)
    assert not review.curated and review.is_excerpt
    ev = review.evidence
    first = ev[ev["section_path"] == "一/(一)"].iloc[0]
    # 研究法治政府建设相关议题12次 … 5045次 … 3390场: concrete, about leadership and organisation
    assert first["reporting"] == "evidenced" and first["area_id"] == "organisation"
    rules = ev[ev["section_path"] == "一/(二)"].iloc[0]
    assert rules["area_id"] == "rules"  # 地方性法规草案4件, 政府规章9件, 规范性文件221件
    check = statutory.statutory_check(review).set_index("item_id")["covered"]
    assert check["measures_results"] is True and check["leaders_duty"] is True  # 第一责任人职责
    assert check["shortcomings"] is None and check["next_year_plans"] is None  # not reached: cannot tell
    figures = set(review.figures["raw"])
    assert {"25项", "48项", "5045次", "3390场", "873场", "221件", "440件"} <= figures
    cov = rv.coverage_by_area(review, {"organisation": "o", "rules": "r"})
    assert cov.set_index("area_id").loc["organisation", "area_reporting"] == "evidenced"


# --- area calls: words inside longer words, repeated terms, headings naming an area, the section --


def test_a_term_inside_a_longer_word_counts():
    # the word 规范公正文明执法 (a theme's term) is no area term; 执法 (an enforcement term) is in it
    assert "规范公正文明执法" in words("坚持严格规范公正文明执法")
    call = classify_area("坚持严格规范公正文明执法", 2018)
    assert "执法" in call.terms


def test_a_repeated_term_counts_less_than_its_repeats():
    once = classify_area("开展执法人员培训", 2018)
    six = classify_area("开展培训。" * 6, 2018)
    assert six.label == "capacity" and six.score < 6 * once.score


def test_heading_naming_an_area_of_either_outline_leans_to_it():
    # a heading of the 2015–2020 outline's words in a 2021 report: capacity continues in organisation
    heading = ("全面提高政府工作人员法治思维和依法行政能力",)
    lead = "组织新任领导干部任前法律知识考试"
    assert classify_area(lead + "。", 2021, (lead,) + heading).label == "organisation"
    # 开展违法用地专项整治 has no area term of its own; its section (the enforcement chapter) decides
    call = classify_area(
        "开展违法用地专项整治。明确具体措施17项。", 2021, ("开展违法用地专项整治", "坚持严格规范公正文明执法")
    )
    assert call.label == "enforcement"


def test_kaizhou_2018_items_under_an_enforcement_heading(kaizhou_2018):
    # 一/(二)/第四 大力营造良好行政执法环境: publicity and training of staff filed under enforcement
    # (the curated table's calls, checked by hand against the report)
    for section in ("一/(二)/第四/1", "一/(二)/第四/2", "一/(二)/第四/3"):
        assert _item(kaizhou_2018["extraction"], section)["area_id"] == "enforcement", section


def test_a_lead_in_alone_is_no_evidence_item_but_an_opening_ending_with_one_is():
    wuhan = extract_report(read_report_text(paths.report_text_path("wuhan", 2024)), 2024)
    assert not any(e["raw"].strip() == "现将有关情况报告如下。" for e in wuhan["evidence"])
    wuqi = extract_report(read_report_text(paths.report_text_path("wuqi", 2021)), 2021)
    opening = next(e for e in wuqi["evidence"] if e["section"] == "preamble")
    assert opening["raw"].startswith("今年来,吴起县委") and opening["raw"].endswith("现将工作情况报告如下。")


def test_other_governments_items_by_hand():
    # hand-checked calls on openings of other governments' reports (different provinces, both outlines)
    cases = [
        ("wuqi", 2021, "持续简政放权", "functions"),
        ("wuhan", 2023, "不断健全依法行政制度体系", "rules"),
        ("nansha", 2020, "深化审批制度改革", "functions"),
        ("longhui", 2021, "强化专项督查", "organisation"),
        ("wuhan", 2022, "政府依法行政制度更加健全", "rules"),
    ]
    for region, year, start, area in cases:
        extraction = extract_report(read_report_text(paths.report_text_path(region, year)), year)
        item = next(e for e in extraction["evidence"] if e["raw"].startswith(start))
        assert item["area_id"] == area, (region, year, start, item["terms"])


def test_problem_themes_of_the_themes_own_words():
    late = "部分单位倒计时工作台账进度报送不及时,2个单位存在未按时报送进度的情况"
    assert classify_theme(late).label == "reporting_gaps"
    behind = "部分年度任务推进滞后,清理规范证明事项等6项任务未能按期完成"
    assert classify_theme(behind).label == "uneven_attention"
