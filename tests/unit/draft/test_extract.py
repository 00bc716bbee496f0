"""Draft extraction from the real Kaizhou reports: sections, figures, task counts, issues, commitments."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from policy_review.core import paths
from policy_review.draft.extract import covered_year, extract_report, extract_report_file
from policy_review.draft.figures import find_figures, parse_number
from policy_review.draft.sections import find_sections
from policy_review.sources.reading import read
from policy_review.sources.report_text import read_report_text

YEARS = (2018, 2019, 2020)
MIN_RECALL = MIN_PRECISION = 0.98


@pytest.fixture(scope="module")
def texts() -> dict[int, str]:
    return {year: read_report_text(paths.report_text_path("kaizhou", year)) for year in YEARS}


@pytest.fixture(scope="module")
def extracted(texts) -> dict[int, dict]:
    return {year: extract_report(text) for year, text in texts.items()}


def _counts(result: dict) -> set[tuple]:
    return {(c["year"], c["kind"], c["stage"], c["count"]) for c in result["task_counts"]}


def _figure_raws(result: dict) -> list[str]:
    return [f["raw"] for f in result["figures"]]


# --- task counts --------------------------------------------------------------------------------


def test_2018_task_counts_for_2018_and_the_announcement_for_2019(extracted):
    counts = _counts(extracted[2018])
    assert (2018, "annual", "assigned", 15) in counts
    assert (2018, "long_term", "assigned", 44) in counts
    assert (2019, "annual", "announced", 121) in counts
    assert (2019, "long_term", "announced", 44) in counts
    raws = [c["raw"] for c in extracted[2018]["task_counts"]]
    assert any(raw == "2018年度任务共15项" for raw in raws)
    assert any(raw == "“长期坚持”任务44项" for raw in raws)
    assert any(raw == "年度任务达121项之多" for raw in raws)
    assert any(raw == "另有44项需长期坚持的任务" for raw in raws)


def test_2018_plan_to_assign_is_a_repeat_of_the_announcement_and_reported_once(extracted):
    announced = [c for c in extracted[2018]["task_counts"] if c["stage"] == "announced"]
    assert [(c["kind"], c["count"], c["section"]) for c in announced] == [
        ("annual", 121, "三"),
        ("long_term", 44, "三"),
    ]


def test_2018_has_no_task_counts_beyond_the_plan_statements(extracted):
    kinds = Counter(c["kind"] for c in extracted[2018]["task_counts"])
    assert kinds == {"annual": 2, "long_term": 2, "other": 1}  # other: 5项重点任务 of discipline work


def test_2019_task_counts_assigned_completed_and_delayed(extracted):
    counts = _counts(extracted[2019])
    assert counts == {
        (2019, "annual", "assigned", 51),
        (2019, "long_term", "assigned", 44),
        (2019, "annual", "completed_on_time", 48),
        (2019, "annual", "delayed", 3),
    }
    by_stage = {c["stage"]: c for c in extracted[2019]["task_counts"] if c["kind"] == "annual"}
    assert by_stage["assigned"]["raw"] == "交办年度任务51项"
    assert by_stage["completed_on_time"]["raw"] == "2019年度任务已按期完成48项"
    delayed = by_stage["delayed"]
    assert delayed["names"] == ["行政执法综合改革", "新型专家智库建设", "全面推进政务公开"]
    assert delayed["raw"].startswith("行政执法综合改革、")
    assert delayed["raw"].endswith("等3项因受机构改革影响进度稍缓")


def test_2020_excerpt_has_no_task_counts(extracted):
    assert extracted[2020]["task_counts"] == []


def test_report_year_is_read_from_the_title(texts):
    years = {year: covered_year(read(text), find_sections(read(text))) for year, text in texts.items()}
    assert years == {y: (y, "title") for y in YEARS}


# --- sections -----------------------------------------------------------------------------------


def test_2018_heading_tree(extracted):
    titles = {s["path"]: s["title"] for s in extracted[2018]["sections"]}
    assert titles["一"] == "开展的主要工作及成效"
    assert titles["一/(一)"] == "2018年度任务完成情况"
    assert titles["一/(一)/第一"] == "深推审批改革"
    assert titles["一/(一)/第一/1"] == "全方位清理证明事项"
    assert titles["一/(一)/第一/2"] == "搭建“互联网+政务服务”平台"  # marker "2. " with a space
    assert titles["一/(一)/第七"] == "健全调解网络"
    assert titles["一/(二)"] == "“长期坚持”任务推进情况"
    assert titles["一/(二)/第五/4"] == "严格责任追究"
    assert titles["二"] == "存在的主要问题与不足"
    assert titles["三"] == "下步工作打算"
    assert titles["三/(二)/1/一是"] == "重新清理规范有关清单"
    assert titles["三/(三)/5"] == "考核问责制度"
    assert [p for p in titles if "/" not in p] == ["一", "二", "三"]
    assert len([p for p in titles if p.startswith("一/(一)/第") and p.count("/") == 2]) == 7


def test_sections_nest_and_span_their_text(texts, extracted):
    for year, result in extracted.items():
        text, sections = texts[year], result["sections"]
        by_path = {s["path"]: s for s in sections}
        for section in sections:
            assert text[section["start"] :].startswith(section["marker"])
            assert section["level"] == section["path"].count("/") + 1
            parent = by_path.get(section["path"].rpartition("/")[0])
            if parent:
                assert parent["start"] < section["start"] and section["end"] <= parent["end"]
        for first, second in zip(sections, sections[1:]):
            if first["level"] >= second["level"]:
                assert first["end"] <= second["start"]


def test_2018_first_point_ends_where_the_second_starts(texts, extracted):
    text = texts[2018]
    by_path = {s["path"]: s for s in extracted[2018]["sections"]}
    first = text[by_path["一/(一)/第一"]["start"] : by_path["一/(一)/第一"]["end"]]
    assert first.endswith("淘汰类项目全部不许准入。")
    last = by_path["三"]
    assert text[last["start"] : last["end"]].endswith("确保工作进度和质量。")  # not the portal footer


def test_2020_clauses_under_a_part(extracted):
    titles = {s["path"]: s["title"] for s in extracted[2020]["sections"]}
    assert titles["一/(一)/一是"] == "坚持党对法治工作的领导"
    assert titles["一/(一)/三是"] == "强化责任落实"


def test_heading_styles_and_runaway_numbers():
    text = (
        "一、总体情况\n"
        "(一)第一部分。1.甲项工作。2. 乙项工作;3、丙项工作。\n"
        "(二)第二部分。数据为3.5亿元。1.又一项工作。5.2万人参加。(1)细目一。(2)细目二。\n"
        "二、问题\n"
    )
    paths_ = [s["path"] for s in find_sections(read(text))]
    assert paths_ == [
        "一",
        "一/(一)",
        "一/(一)/1",
        "一/(一)/2",
        "一/(一)/3",
        "一/(二)",
        "一/(二)/1",
        "一/(二)/1/(1)",
        "一/(二)/1/(2)",
        "二",
    ]


# --- figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value, unit, qualifier, kind",
    [
        ("上线办事指南2000余项,", 2000, "项", "余", "count"),
        ("化解矛盾纠纷1.8万件,", 18000, "件", None, "count"),
        ("共处罚款516万元;", 516, "万元", None, "money"),
        ("投入500余万元。", 500, "万元", "余", "money"),
        ("提高至45.88%,", 45.88, "%", None, "percent"),
        ("九成以上提前办结", 90, "%", "以上", "percent"),
        ("年度任务达121项之多,", 121, "项", "之多", "count"),
        ("参训近100人。", 100, "人", "近", "count"),
        ("覆盖约50%的村", 50, "%", "约", "percent"),
        ("具体表现在七个方面:", 7, "个", None, "count"),
        ("再添三张清单。", 3, "张", None, "count"),
        ("增加2000多名", 2000, "名", "多", "count"),
        ("耗时30天左右", 30, "天", "左右", "other"),
    ],
)
def test_figure_values_units_and_qualifiers(phrase, value, unit, qualifier, kind):
    (figure,) = find_figures(phrase)
    assert (figure["value"], figure["unit"], figure["qualifier"], figure["kind"]) == (
        value,
        unit,
        qualifier,
        kind,
    )
    assert phrase[figure["start"] : figure["end"]] == figure["raw"]


@pytest.mark.parametrize(
    "phrase",
    [
        "2018年我区法治政府建设情况汇报",
        "以3月、6月、9月、12月为节点",
        "(开州委发〔2017〕5号)",
        "(开州府发〔201918号)",
        "202064日,区委书记主持召开",
        "召开第二次会议",
        "党的十九大、十九届二中、三中、四中全会精神",
        "规范完善“企业减负30条”",
        "“12348”法律服务热线",
        "列入“十三五”公务员培训和“七五”普法",
        "十三五规划",
        "添制三清单,建起一体系,织密一张网",
        "每半年听取一次汇报,开展一轮清理",
        "落实三级风险审查制度,四级人民调解组织网络",
        "《公共信用信息目录(2018版)》",
        "[ 索引号 ]11500234008646033P/2022-05576 [ 成文日期 ]2019-02-02",
        "一成不变,十分重要,三成员",
        "增强四个意识,做到两个维护,落实中央八项规定精神和行政执法三项制度",
    ],
)
def test_not_figures(phrase):
    assert find_figures(phrase) == []


def test_list_numbering_is_not_part_of_a_figure():
    text = "(一)工作。1.甲。2.建成站点8个。3.40个部门完成清理。5.2万人参加。"
    figures = find_figures(text, find_sections(read(text)))
    assert [(f["value"], f["raw"]) for f in figures] == [(8, "8个"), (40, "40个"), (52000, "5.2万人")]
    assert [f["section"] for f in figures] == ["(一)/2", "(一)/3", "(一)/3"]


def test_parse_number():
    assert [parse_number(n) for n in ("67", "1.8万", "6.75万", "四", "一百二十一", "两")] == [
        67,
        18000,
        67500,
        4,
        121,
        2,
    ]


def test_broken_forms_are_not_figures(texts, extracted):
    for year, broken in ((2019, "〔201918号"), (2020, "202064日")):
        start = texts[year].index(broken)
        end = start + len(broken)
        assert not [f for f in extracted[year]["figures"] if f["start"] < end and start < f["end"]]
    assert extracted[2020]["figures"] == []


def test_2018_figures_carry_section_and_label(extracted):
    by_raw = {f["raw"]: f for f in extracted[2018]["figures"]}
    assert by_raw["2000余项"]["section"] == "一/(一)/第一/2"
    assert by_raw["516万元"]["section"] == "一/(一)/第四/4"
    assert by_raw["九成以上"]["section"] == "一/(二)/第一/3"
    assert by_raw["七个"]["label"] == "方面"
    assert by_raw["2000余项"]["label"].endswith("办事指南")
    assert by_raw["34620笔"]["label"].endswith("个人征信查询")
    assert "“12348”" not in _figure_raws(extracted[2018])


# --- issues and commitments ---------------------------------------------------------------------


def test_2018_issues_are_the_admitted_problems(extracted):
    issues = extracted[2018]["issues"]
    assert len(issues) == 5  # the curated issues.csv's five (tests/unit/draft/test_problems.py)
    assert issues[0]["raw"].startswith("个别单位或领域对法治政府建设重视不够")
    assert issues[2]["raw"].startswith("“放管服”改革依然存在短板和弱项")
    assert issues[4]["raw"].endswith("“一把手说了算”的思想")
    assert {i["section"] for i in issues} == {"二"}


def test_2018_commitments_one_per_finest_item(extracted):
    commitments = extracted[2018]["commitments"]
    assert [c["section"] for c in commitments] == [
        "三/(一)",
        "三/(二)/1/一是",
        "三/(二)/1/二是",
        "三/(二)/1/三是",
        "三/(二)/2",
        "三/(二)/3",
        "三/(二)/4",
        "三/(三)/1",
        "三/(三)/2",
        "三/(三)/3",
        "三/(三)/4",
        "三/(三)/5",
        "三/(四)",
    ]
    assert commitments[0]["raw"].startswith("及早细化分解工作任务。")
    assert commitments[1]["raw"].endswith("按照市上进度要求进行")


def test_combined_problems_and_plans_chapter_is_split_into_its_parts():
    text = (
        "一、主要工作\n(一)着力解决群众反映的问题。办结12件。\n"
        "二、存在的问题和下步工作打算\n"
        "(一)存在的问题。一是重视不够;二是能力不足。\n"
        "(二)下步工作打算。1.深化改革。2.加强培训。\n"
    )
    result = extract_report(text)
    assert [(i["raw"], i["section"]) for i in result["issues"]] == [
        ("重视不够", "二/(一)/一是"),
        ("能力不足", "二/(一)/二是"),
    ]
    assert [(c["raw"], c["section"]) for c in result["commitments"]] == [
        ("深化改革。", "二/(二)/1"),
        ("加强培训。", "二/(二)/2"),
    ]


def test_excerpts_have_no_issues_or_commitments(extracted):
    for year in (2019, 2020):
        assert extracted[year]["issues"] == extracted[year]["commitments"] == []


# --- offsets, files, encodings, speed -----------------------------------------------------------


def test_every_item_quotes_its_span(texts, extracted):
    for year, result in extracted.items():
        text = texts[year]
        for key in ("figures", "task_counts", "issues", "commitments"):
            for item in result[key]:
                assert text[item["start"] : item["end"]] == item["raw"], (year, key, item)


def test_result_is_json(extracted):
    for result in extracted.values():
        assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_file_extraction_names_source_and_encoding(extracted):
    result = extract_report_file(paths.report_text_path("kaizhou", 2018))
    assert result["encoding"] == "utf-8"
    assert result["source"] == str(Path("data", "reports", "kaizhou", "2018.txt"))
    assert {k: v for k, v in result.items() if k not in ("source", "encoding")} == extracted[2018]


def _without_file_keys(result: dict) -> str:
    return json.dumps(
        {k: v for k, v in result.items() if k not in ("source", "encoding")}, ensure_ascii=False
    )


def test_gb18030_copy_gives_identical_json(tmp_path, texts):
    path = tmp_path / "2018.txt"
    path.write_bytes(texts[2018].encode("gb18030"))
    result = extract_report_file(path)
    assert result["encoding"] == "gb18030"
    assert _without_file_keys(result) == _without_file_keys(
        extract_report_file(paths.report_text_path("kaizhou", 2018))
    )


def test_utf8_bom_copy_gives_identical_offsets(tmp_path, texts):
    path = tmp_path / "2018.txt"
    path.write_bytes(codecs.BOM_UTF8 + texts[2018].encode("utf-8"))
    result = extract_report_file(path)
    assert result["encoding"] == "utf-8-sig"
    assert _without_file_keys(result) == _without_file_keys(
        extract_report_file(paths.report_text_path("kaizhou", 2018))
    )


class CountingText(str):
    """A text that counts the characters its searches scan (``find``/``rfind``/``index``)."""

    scanned = 0

    def find(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        found = str.find(self, sub, start, end)
        CountingText.scanned += (found - start + len(sub)) if found >= 0 else end - start
        return found

    def rfind(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        found = str.rfind(self, sub, start, end)
        CountingText.scanned += (end - found) if found >= 0 else end - start
        return found

    def index(self, sub, start=0, end=None):
        found = self.find(sub, start, end)
        if found < 0:
            raise ValueError("substring not found")
        return found


def _work(text: str) -> int:
    """Python function calls plus characters scanned by searches while extracting ``text``."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    CountingText.scanned = 0
    sys.setprofile(count)
    try:
        extract_report(CountingText(text), 2020)
    finally:
        sys.setprofile(None)
    return calls + CountingText.scanned


def test_extraction_work_grows_linearly_with_task_figures():
    """Issue 15: extraction grew with the square of the number of ``项`` figures (a scan from
    each figure to the end of its line, and every earlier count compared again for each new
    one). Four times the figures must cost at most about four times the work (counted, not
    timed: the time is printed by ``benchmarks/bench_draft.py``)."""
    extract_report("完成任务1项。", 2020)  # segmenter and converter loaded outside the count
    small = _work("".join(f"完成任务{i}项," for i in range(600)))
    large = _work("".join(f"完成任务{i}项," for i in range(2400)))
    assert large < 4 * 1.5 * small, (small, large)


# --- against the curated truth table ------------------------------------------------------------


def test_figures_match_the_curated_table(texts, extracted):
    table = paths.curated_dir("kaizhou") / "figures.csv"
    if not table.exists():
        pytest.skip(f"{paths.display(table)} is not there yet")
    with table.open(encoding="utf-8-sig", newline="") as handle:
        truth = [row for row in csv.DictReader(handle) if row["report_year"] == "2018"]
    expected = Counter((float(row["value"]), row["unit"]) for row in truth)
    found = Counter((float(f["value"]), f["unit"]) for f in extracted[2018]["figures"])
    matched = sum((expected & found).values())
    recall = matched / max(sum(expected.values()), 1)
    precision = matched / max(sum(found.values()), 1)
    print(
        f"\nfigures 2018: {sum(expected.values())} curated, {sum(found.values())} extracted, "
        f"recall {recall:.3f}, precision {precision:.3f}"
    )
    for value, unit in sorted((expected - found).elements()):
        rows = [r for r in truth if (float(r["value"]), r["unit"]) == (value, unit)]
        print(
            f"  missed: {value} {unit}: "
            + "; ".join(f"{r['figure_id']} {r['raw']} @{r['start']}" for r in rows)
        )
    for value, unit in sorted((found - expected).elements()):
        figures = [f for f in extracted[2018]["figures"] if (float(f["value"]), f["unit"]) == (value, unit)]
        print(
            f"  extra: {value} {unit}: "
            + "; ".join(f"{f['raw']} @{f['start']} {f['label']}" for f in figures)
        )
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION


def test_task_counts_agree_with_the_curated_plan_counts(extracted):
    table = paths.curated_dir("kaizhou") / "plan_counts.csv"
    if not table.exists():
        pytest.skip(f"{paths.display(table)} is not there yet")
    with table.open(encoding="utf-8-sig", newline="") as handle:
        curated = [row for row in csv.DictReader(handle) if int(row["report_year"]) in extracted]
    for row in curated:
        key = (int(row["plan_year"]), row["kind"], row["stage"], int(row["count"]))
        spans = [
            (c["start"], c["end"])
            for c in extracted[int(row["report_year"])]["task_counts"]
            if (c["year"], c["kind"], c["stage"], c["count"]) == key
        ]
        assert any(start < int(row["end"]) and int(row["start"]) < end for start, end in spans), row[
            "count_id"
        ]
    found = {
        (year, c["year"], c["kind"], c["stage"], c["count"])
        for year, result in extracted.items()
        for c in result["task_counts"]
        if c["kind"] != "other"
    }
    assert found == {
        (int(r["report_year"]), int(r["plan_year"]), r["kind"], r["stage"], int(r["count"])) for r in curated
    }


# --- the JSON of `policy-review extract --json` (its keys stay as they were when sections moved out) --


def test_extract_json_keys_and_section_tree_from_the_sections_module(capsys, extracted):
    from policy_review.cli import main
    from policy_review.draft import sections

    assert main(["extract", str(paths.report_text_path("kaizhou", 2018)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result) == [
        "source",
        "encoding",
        "framework",
        "sections",
        "figures",
        "task_counts",
        "issues",
        "commitments",
        "evidence",
    ]
    assert set(result["framework"]) == {"framework_id", "name_zh", "name_en", "year", "year_basis"}
    assert result["framework"]["framework_id"] == "outline_2015_2020" and result["framework"]["year"] == 2018
    assert set(result["sections"][0]) == {"path", "level", "marker", "title", "start", "end"}
    assert {"section", "start", "end", "area_id", "reporting", "score", "terms"} <= set(result["evidence"][0])
    assert {"raw", "start", "end", "section", "theme", "area_id"} <= set(result["issues"][0])
    # the extraction's heading tree is the sections module's, unchanged by the move
    assert result["sections"] == sections.find_sections(
        read(read_report_text(paths.report_text_path("kaizhou", 2018)))
    )
    assert [s["path"] for s in sections.problem_chapters(result["sections"])] == ["二"]
    assert [s["path"] for s in sections.plan_chapters(result["sections"])] == ["三"]
    assert {k: v for k, v in result.items() if k not in ("source", "encoding")} == extracted[2018]


# --- the year covered ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "region, year, basis",
    [
        ("kaizhou", 2020, "title"),  # 重庆市开州区人民政府关于2020年度法治政府建设情况的报告
        ("nansha", 2020, "opening statement"),  # 2020年,南沙区深入学习贯彻…
        ("tongliang", 2023, "title"),
        ("longhua", 2019, "next-year chapter"),  # no title; 八、2020年法治政府建设工作计划
        ("pingtan-jingfaju", 2022, "title"),
    ],
)
def test_the_year_covered_and_why(region, year, basis):
    text = read_report_text(paths.report_text_path(region, year))
    assert covered_year(read(text), find_sections(read(text))) == (year, basis)


def test_the_first_year_mentioned_is_not_the_year_covered():
    text = (
        "现将有关情况报告如下：\n一、统筹推进\n"
        "近年来，我区法治政府建设水平逐年提高，2018年在全市考评中名列第二。\n"
    )
    assert "\uff1a" in text
    result = extract_report(text)
    assert result["framework"]["year"] is None and result["framework"]["year_basis"] is None
    assert "cannot be told" in result["framework"]["note"]


def test_a_year_given_wins_and_says_so():
    result = extract_report("一、工作\n2018年,完成各项工作。\n", 2019)
    assert (result["framework"]["year"], result["framework"]["year_basis"]) == (2019, "given")
