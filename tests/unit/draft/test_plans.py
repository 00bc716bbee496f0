"""Reading work plans into tasks: the two whole published plans (平潭君山 2021, 苏平 2020) as stored
and as imported, against the hand-labelled truth and counted by hand; 西平's real opening counted by
hand, 南沙's opening that stops in the preamble; made plans for the forms no shipped text holds (a
责任清单 table, a plan inside a report, designations in brackets, units whose names hold a 、, a
crawl numbered 1. 2.), written full-width as published; time limits and unit lists as plans write
them, plan files validated like reports, and the example's generated plans read back against the
generator's truth."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from policy_review.core import paths
from policy_review.draft.plans import load_plan, read_plan, read_plan_file, work_items
from policy_review.draft.units import parse_deadline
from policy_review.example import district
from policy_review.sources.plan_sources import plan_problems
from policy_review.tables.validate import validate
from tests.conftest import ROOT, run_cli

XIPING = ROOT / "data" / "plans" / "xiping" / "2020.txt"
NANSHA = ROOT / "data" / "plans" / "nansha" / "2020.txt"
WHOLE = ROOT / "tests" / "data" / "whole"
#: The whole plans: as stored (one-line crawls, the truth's offsets) and as imported (a line a paragraph).
LAYOUTS = {
    "pingtan-junshan-2021-plan": (
        WHOLE / "pingtan-junshan-2021-plan.txt",
        ROOT / "data/plans/pingtan-junshan/2021.txt",
    ),
    "pingtan-suping-2020-plan": (
        WHOLE / "pingtan-suping-2020-plan.txt",
        ROOT / "data/plans/pingtan-suping/2020.txt",
    ),
}
FULL_WIDTH_OPEN, FULL_WIDTH_COMMA, IDEOGRAPHIC_SPACE = "\uff08", "\uff0c", "\u3000"


@pytest.fixture(scope="module")
def xiping() -> dict:
    return read_plan_file(XIPING)


def test_xiping_has_one_heading_and_two_work_items(xiping):
    # read by hand: 一、依法全面履行政府职能, then (一) with its 责任单位 line, then (二) cut off mid-sentence
    assert xiping["title"] == "西平县2020年度法治政府建设工作安排"
    assert xiping["plan_year"] == 2020 and xiping["coverage"] == "excerpt"
    assert [(t["marker"], t["role"]) for t in xiping["tasks"]] == [
        ("一、", "group"),
        ("(一)", "item"),
        ("(二)", "item"),
    ]
    first, second = work_items(xiping)
    assert first["name"] == "为推动经济高质量发展提供法治保障"
    assert first["lead_units"] == ["县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"]
    assert first["support_units"] == [] and first["deadline"] is None and not first["truncated"]
    assert second["name"] == "全面提高依法防控依法治理能力"
    assert second["lead_units"] == [] and second["truncated"]
    assert "cut off" in xiping["note"]
    assert {t["area_id"] for t in xiping["tasks"]} == {"functions"}
    assert all(t["parent"] == "一" and t["level"] == 2 for t in (first, second))


def test_xiping_offsets_slice_the_text(xiping):
    text = XIPING.read_text(encoding="utf-8")
    for task in xiping["tasks"]:
        assert text[task["start"] : task["end"]] == task["text"]
        for unit_line in task["units_raw"]:
            assert text[unit_line["start"] : unit_line["end"]] == unit_line["raw"]
    assert work_items(xiping)[0]["text"].endswith("乡镇人民政府按职责分工分别负责。")


def test_the_covering_notice_is_not_part_of_the_plan(xiping):
    text = XIPING.read_text(encoding="utf-8")
    assert xiping["body_start"] == text.index("西平县2020年度法治政府建设工作安排\n2020年") + len(
        "西平县2020年度法治政府建设工作安排"
    )


def test_nansha_stops_in_the_preamble_so_no_tasks_and_says_why():
    plan = read_plan_file(NANSHA)
    assert plan["title"] == "广州市南沙区2020年依法行政工作要点"
    assert plan["tasks"] == [] and plan["counts"]["item"] == 0
    assert "preamble" in plan["note"]


@pytest.mark.parametrize(
    ("written", "kind", "date"),
    [
        ("年底前", "date", "2020-12-31"),
        ("6月底前", "date", "2020-06-30"),
        ("2021年9月底前", "date", "2021-09-30"),
        ("第三季度", "date", "2020-09-30"),
        ("上半年", "date", "2020-06-30"),
        ("11月15日前", "date", "2020-11-15"),
        ("6月底前完成方案,年底前全面完成", "date", "2020-12-31"),
        ("长期坚持", "long_term", None),
        ("持续推进", "long_term", None),
        ("按上级要求", "unparsed", None),
    ],
)
def test_time_limits_as_plans_write_them(written, kind, date):
    assert parse_deadline(written, 2020) == {"kind": kind, "date": date}


def test_lead_and_supporting_units_in_parentheses_lines_and_joined():
    text = (
        "某县2021年法治政府建设工作要点\n一、依法全面履行政府职能\n"
        "(一)动态调整权责清单。(牵头单位:县委编办;配合单位:县司法局、县财政局;完成时限:6月底前)\n"
        "(二)清理规范证明事项。\n责任单位:县司法局牵头,县政务服务中心、各乡镇配合。完成时限:年底前。\n"
        "(三)坚持严格规范公正文明执法。\n牵头单位:县司法局;完成时限:长期坚持。\n"
    )
    items = work_items(read_plan(text))
    assert [t["lead_units"] for t in items] == [["县委编办"], ["县司法局"], ["县司法局"]]
    assert [t["support_units"] for t in items] == [["县司法局", "县财政局"], ["县政务服务中心", "各乡镇"], []]
    assert [t["deadline"]["date"] for t in items] == ["2021-06-30", "2021-12-31", None]
    assert [t["kind"] for t in items] == ["annual", "annual", "long_term"]


def test_a_heading_with_its_own_units_is_one_work_item_with_its_points():
    text = (
        "某区2021年工作要点\n一、深化放管服改革。牵头单位:区政务办。1.精简审批事项。2.推行一网通办。\n"
        "二、加强组织领导\n各单位要高度重视。\n"
    )
    plan = read_plan(text)
    assert [(t["marker"], t["role"]) for t in plan["tasks"]] == [("一、", "item"), ("二、", "other")]
    assert work_items(plan)[0]["lead_units"] == ["区政务办"]


def test_cli_plan_json_lists_the_tasks_with_their_lead_units():
    result = run_cli("plan", str(XIPING), "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    items = [t for t in plan["tasks"] if t["role"] == "item"]
    assert items[0]["lead_units"][:2] == ["县政府办公室", "县司法局"]
    text = run_cli("plan", str(XIPING))
    assert text.returncode == 0 and "lead: 县政府办公室、县司法局" in text.stdout and "cut off" in text.stdout


def test_cli_plan_of_a_missing_file_is_bad_input(tmp_path):
    result = run_cli("plan", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_shipped_plans_validate_and_load():
    assert plan_problems("xiping") == [] and plan_problems("nansha") == [] and plan_problems("example") == []
    plan = load_plan("xiping", 2020)
    assert plan["provenance"]["document_number"] == "西政办〔2020〕20号"
    assert plan["provenance"]["coverage"] == "excerpt" and len(work_items(plan)) == 2


def test_a_broken_plan_provenance_is_reported_by_line(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    provenance = tmp_path / "data" / "plans" / "xiping" / "2020.yaml"
    lines = provenance.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("document_number")]
    lines = ["written: July 2020" if line.startswith("written") else line for line in lines]
    provenance.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "data" / "plans" / "xiping" / "2019.txt").write_text("某县2019年工作要点\n", encoding="utf-8")
    problems = [str(p) for p in validate(paths.data_dir() / "plans" / "xiping")]
    assert any("2020.yaml: document_number: missing" in p for p in problems), problems
    written_line = next(i for i, line in enumerate(lines, start=1) if line.startswith("written"))
    assert any(f"2020.yaml:{written_line}: written:" in p for p in problems), problems
    nansha = tmp_path / "data" / "plans" / "nansha" / "2020.yaml"
    nansha.write_text(
        nansha.read_text(encoding="utf-8").replace("plan_year: 2020", "plan_year: 2021"), encoding="utf-8"
    )
    assert any(
        "nansha/2020.yaml:5: plan_year: plan_year 2021 does not match" in str(p) for p in validate()
    ), validate()
    assert any("2019.yaml: -: missing: every plan text needs its provenance" in p for p in problems), problems


def test_the_examples_generated_plans_read_back_as_written():
    region = district.build()
    for year in district.YEARS:
        workplan = region.workplans[year]
        items = {t["start"]: t for t in work_items(read_plan(workplan.text))}
        truth = {t["start"]: t for t in workplan.tasks}
        assert len(truth) == len(region.plans[year])
        assert set(items) == set(truth)
        for start, task in truth.items():
            got = items[start]
            fields = ("name", "end", "lead_units", "support_units", "kind", "area_id")
            assert tuple(got[f] for f in fields) == tuple(task[f] for f in fields)
            assert {k: got["deadline"][k] for k in ("kind", "date")} == task["deadline"]


def test_an_item_under_no_area_heading_gets_the_area_its_words_call_for():
    text = (
        "某区2021年工作要点\n一、重点任务\n1.推进行政复议体制改革。(牵头单位:区司法局)\n"
        "2.开展行政执法案卷评查。(牵头单位:区司法局)\n"
    )
    items = work_items(read_plan(text))
    assert [t["area_id"] for t in items] == ["disputes", "enforcement"]
    assert all(t["area_basis"].startswith("classified (score") for t in items)
    assert {t["area_basis"] for t in work_items(read_plan_file(XIPING))} == {"heading"}


# --- the whole published plans --------------------------------------------------------------------


def _truth(name: str) -> list[dict]:
    with (ROOT / "tests" / "truth" / "plan_tasks.csv").open(encoding="utf-8") as file:
        return [row for row in csv.DictReader(file) if row["text"] == name]


def _own_start(text: str, task: dict) -> int:
    """Where an entry's own text starts: after its mark and any space (as the truth counts)."""
    start = task["start"] + len(task["marker"])
    return start + len(text[start:]) - len(text[start:].lstrip())


@pytest.mark.parametrize("layout", [0, 1], ids=["as-stored", "as-imported"])
@pytest.mark.parametrize(
    ("name", "title", "year", "items", "groups"),
    [
        # counted by hand: 一 (2 items), 二 (1), 三 (5), 四 (4), 五 (2), 六 (2), 七 (2)
        ("pingtan-junshan-2021-plan", "2021年君山片区普法依法治理工作要点", 2021, 18, 7),
        # 一 (一)-(三), 二 (四)-(七), 三 (八)-(十三), 四 (十四)-(十六), 五 (十七)-(十九), 六 (二十)-(二十一)
        ("pingtan-suping-2020-plan", "2020年苏平片区普法依法治理工作要点", 2020, 21, 6),
    ],
)
def test_whole_plans_give_their_items_and_groupings(name, title, year, items, groups, layout):
    path = LAYOUTS[name][layout]
    text = path.read_text(encoding="utf-8")
    assert FULL_WIDTH_OPEN in text and FULL_WIDTH_COMMA in text  # as published: full-width
    assert (text.count("\n") <= 1) == (layout == 0)  # stored as a one-line crawl, imported a line a paragraph
    plan = read_plan_file(path)
    assert (plan["title"], plan["plan_year"], plan["note"]) == (title, year, None)
    assert plan["counts"] == {"item": items, "group": groups, "other": 0}
    assert text[plan["body_start"] - len(title) : plan["body_start"]] == title  # the notice is left out
    for task in plan["tasks"]:
        assert text[task["start"] : task["end"]] == task["text"] and task["text"].startswith(task["marker"])
        assert task["marker"][0] in (
            FULL_WIDTH_OPEN,
            "\u4e00",
            "\u4e8c",
            "\u4e09",
            "\u56db",
            "\u4e94",
            "\u516d",
            "\u4e03",
        )
    # every numbered entry of the truth, found where it starts and with its role
    found = {_own_start(text, t): t for t in plan["tasks"]}
    truth = _truth(name)
    assert len(truth) == items + groups
    for row in truth:
        start = int(row["start"]) if layout == 0 else text.index(row["quote_start"])
        task = found[start]
        assert task["role"] == {"grouping": "group", "item": "item"}[row["kind"]], row["quote_start"]
        assert task["lead_units"] == [u for u in row["lead_units"].split(" | ") if u]


def test_suping_names_the_offices_that_carry_out_its_ninth_item():
    for path in LAYOUTS["pingtan-suping-2020-plan"]:
        plan = read_plan_file(path)
        by_path = {t["path"]: t for t in plan["tasks"]}
        ninth = by_path["\u4e09/(\u4e5d)"]  # 三/（九）: the offices are the subject of its second sentence
        assert ninth["lead_units"] == ["\u201c谁执法谁普法\u201d各处室"] and ninth["deadline"] is None
        # 三/（八） urges the offices (督促各处室落实到位): they are not its leads
        assert by_path["\u4e09/(\u516b)"]["lead_units"] == []
        # Suping numbers straight through its chapters: （四） opens chapter 二
        assert (
            by_path["\u4e8c/(\u56db)"]["marker"] == "\uff08\u56db\uff09"
            and by_path["\u4e8c/(\u56db)"]["parent"] == "\u4e8c"
        )
        assert sum(bool(t["lead_units"]) for t in work_items(plan)) == 1


def test_a_grouping_heading_and_its_first_item_on_one_line_are_two_entries():
    text = LAYOUTS["pingtan-junshan-2021-plan"][0].read_text(encoding="utf-8")
    assert "\u601d\u60f3\uff08\u4e00\uff09\u628a" in text  # …法治思想（一）把…: one line, no stop between
    plan = read_plan(text)
    first, second = plan["tasks"][:2]
    assert (first["path"], first["role"], first["name"]) == (
        "\u4e00",
        "group",
        "坚持政治引领，深入学习贯彻习近平法治思想",
    )
    assert (second["path"], second["role"]) == ("\u4e00/(\u4e00)", "item")
    assert second["name"] == "把深入学习宣传贯彻习近平法治思想作为全民普法工作的头等大事"


def test_cli_plan_reads_the_imported_whole_plans():
    for region, year, head, line in (
        (
            "pingtan-suping",
            2020,
            "21 work item(s) under 6 heading(s)",
            "lead: \u201c谁执法谁普法\u201d各处室",
        ),
        ("pingtan-junshan", 2021, "18 work item(s) under 7 heading(s)", "（二）加强网络普法工作 | lead: -"),
    ):
        result = run_cli("plan", f"data/plans/{region}/{year}.txt")
        assert result.returncode == 0, result.stderr
        assert head in result.stdout.splitlines()[0] and line in result.stdout
        assert "note:" not in result.stdout and "preamble" not in result.stdout


def test_a_text_that_goes_on_never_stops_in_the_preamble():
    # a whole plan whose tasks are not numbered: it ends with a full stop, so it does not stop early
    text = (
        "某区2021年法治政府建设工作要点\n\u3000\u30002021年是开局之年\uff0c现提出如下要点\u3002\n"
        "\u3000\u3000深化放管服改革\uff0c推行告知承诺制\u3002\n"
    )
    plan = read_plan(text)
    assert plan["tasks"] == [] and "preamble" not in plan["note"] and "not be numbered" in plan["note"]
    assert "\u5e8f\u53f7" not in plan["note_zh"] and plan["note_zh"]
    # 南沙's opening breaks off mid-sentence: that one does stop in the preamble
    assert "preamble" in read_plan_file(NANSHA)["note"]


# --- made plans: forms no shipped text holds, written full-width as published ----------------------

RESPONSIBILITY_LIST = (
    "\u67d0\u5385\uff12\uff10\uff12\uff13\u5e74\u6cd5\u6cbb\u653f\u5e9c\u5efa\u8bbe\u5de5\u4f5c\u8d23\u4efb\u6e05\u5355\n"
    "序号\t工作任务\t牵头处室\t配合处室\t完成时限\n"
    "一、深入学习贯彻习近平法治思想\n"
    "１\t深入学习宣传贯彻习近平法治思想，纳入党组理论学习中心组学习内容。\t办公室\t人事处\t２０２３年６月底前\n"
    "２\t开展法治政府建设示范创建活动。\t法规处\t各有关业务处室\t２０２３年１２月底前\n"
    "二、健全依法行政制度体系\n"
    "３\t加强规范性文件合法性审核。\t法规处牵头、办公室配合\t\t长期坚持\n"
)
EMBEDDED = (
    "关于某区２０２２年法治政府建设情况暨２０２３年工作要点的报告\n"
    "区委：\n"
    "\u3000\u3000现将我区２０２２年法治政府建设情况和２０２３年工作要点报告如下：\n"
    "\u3000\u3000一、２０２２年法治政府建设情况\n"
    "\u3000\u3000（一）依法全面履行政府职能。全年取消行政许可事项１２项。\n"
    "\u3000\u3000（二）推进严格规范公正文明执法。开展行政执法案卷评查２次。\n"
    "\u3000\u3000二、存在的问题\n"
    "\u3000\u3000一是法治意识有待提高；二是执法队伍力量不足。\n"
    "\u3000\u3000三、２０２３年工作要点\n"
    "\u3000\u3000（一）深化“放管服”改革。全面推行证明事项告知承诺制。（区政务服务局牵头，区直各部门负责）\n"
    "\u3000\u3000（二）推进严格规范公正文明执法。全面落实行政执法三项制度。（区司法局牵头、各执法部门配合，２０２３年６月底前完成）\n"
    "\u3000\u3000（三）加强规范性文件管理。严格落实合法性审核制度。\n"
    "\u3000\u3000专此报告。\n"
    "\u3000\u3000某区人民政府\n"
    "\u3000\u3000２０２３年３月２０日\n"
)
PROVINCE = (
    "某省２０２２年法治政府建设工作要点\n"
    "\u3000\u3000一、深入学习贯彻习近平法治思想（一）深入学习宣传贯彻习近平法治思想。把习近平法治思想纳入各级党委（党组）"
    "理论学习中心组学习内容。（省司法厅牵头，各市、县〔市、区〕政府和省直各部门负责）\n"
    "\u3000\u3000（二）开展法治政府建设示范创建活动。（省委依法治省办牵头，各市、县〔市、区〕政府负责）\n"
    "\u3000\u3000二、健全行政决策制度体系\n"
    "\u3000\u3000（三）加强规范性文件管理。严格落实合法性审核制度。（法规处牵头，各有关业务处室负责）\n"
    "\u3000\u3000（四）推进行政执法规范化。责任单位：省司法厅牵头、省直各执法部门配合。完成时限：２０２２年１２月底前。\n"
)


def test_a_responsibility_list_gives_each_row_its_lead_units():
    assert "\t" in RESPONSIBILITY_LIST and "\uff11" in RESPONSIBILITY_LIST and "\uff0c" in RESPONSIBILITY_LIST
    plan = read_plan(RESPONSIBILITY_LIST)
    assert plan["title"] == "某厅２０２３年法治政府建设工作责任清单" and plan["plan_year"] == 2023
    assert [(t["path"], t["role"]) for t in plan["tasks"]] == [
        ("\u4e00", "group"),
        ("\u4e00/1", "item"),
        ("\u4e00/2", "item"),
        ("\u4e8c", "group"),
        ("\u4e8c/3", "item"),
    ]
    items = work_items(plan)
    assert [t["name"] for t in items] == [
        "深入学习宣传贯彻习近平法治思想",
        "开展法治政府建设示范创建活动",
        "加强规范性文件合法性审核",
    ]
    assert [t["lead_units"] for t in items] == [["办公室"], ["法规处"], ["法规处"]]
    assert [t["support_units"] for t in items] == [["人事处"], ["各有关业务处室"], ["办公室"]]
    assert [(t["deadline"]["kind"], t["deadline"]["date"]) for t in items] == [
        ("date", "2023-06-30"),
        ("date", "2023-12-31"),
        ("long_term", None),
    ]
    assert [t["kind"] for t in items] == ["annual", "annual", "long_term"]
    for task in plan["tasks"]:
        assert RESPONSIBILITY_LIST[task["start"] : task["end"]] == task["text"]
    assert items[0]["marker"] == "\uff11" and items[0]["deadline"]["raw"] == "２０２３年６月底前"


def test_a_division_of_work_after_the_plan_gives_its_items_their_units():
    plan_text = (
        "某厅２０２３年法治政府建设工作要点\n一、深入学习贯彻习近平法治思想\n"
        "（一）深入学习宣传贯彻习近平法治思想。纳入党组理论学习中心组学习内容。\n"
        "（二）开展法治政府建设示范创建活动。\n"
        "附件：任务分工\n序号\t工作任务\t牵头处室\t完成时限\n"
        "１\t深入学习宣传贯彻习近平法治思想\t办公室\t６月底前\n２\t开展法治政府建设示范创建活动\t法规处\t年底前\n"
    )
    plan = read_plan(plan_text)
    assert [(t["path"], t["role"], t["lead_units"]) for t in plan["tasks"]] == [
        ("\u4e00", "group", []),
        ("\u4e00/(\u4e00)", "item", ["办公室"]),
        ("\u4e00/(\u4e8c)", "item", ["法规处"]),
    ]
    assert [t["deadline"]["date"] for t in work_items(plan)] == ["2023-06-30", "2023-12-31"]
    assert "附件" not in work_items(plan)[-1]["text"]  # the item ends before the table


def test_a_plan_inside_a_report_is_that_years_plan():
    assert "\u66a8" in EMBEDDED and "\uff12\uff10\uff12\uff13" in EMBEDDED and IDEOGRAPHIC_SPACE in EMBEDDED
    for text in (EMBEDDED, EMBEDDED.replace("\n", " ")):  # line-broken, and crawled onto one line
        plan = read_plan(text)
        assert plan["plan_year"] == 2023 and plan["note"] is None
        assert plan["embedded_in"] == {"path": "\u4e09", "title": "２０２３年工作要点"}
        items = work_items(plan)
        assert [t["path"] for t in items] == ["\u4e09/(\u4e00)", "\u4e09/(\u4e8c)", "\u4e09/(\u4e09)"]
        assert [t["lead_units"] for t in items] == [["区政务服务局", "区直各部门"], ["区司法局"], []]
        assert items[1]["support_units"] == ["各执法部门"] and items[1]["deadline"]["date"] == "2023-06-30"
        assert all(t["kind"] == "annual" for t in items)


def test_a_report_with_no_plan_chapter_says_so():
    report = EMBEDDED.split("\u3000\u3000三、")[0] + "\u3000\u3000专此报告。\n"
    plan = read_plan(report)
    assert plan["tasks"] == [] and "no chapter" in plan["note"] and "preamble" not in plan["note"]


def test_designations_in_brackets_keep_each_unit_whole():
    assert "\u3014" in PROVINCE and FULL_WIDTH_OPEN in PROVINCE and IDEOGRAPHIC_SPACE in PROVINCE
    for text in (PROVINCE, PROVINCE.replace("\n", " ")):
        plan = read_plan(text)
        assert plan["counts"] == {"item": 4, "group": 2, "other": 0}
        first, second, third, fourth = work_items(plan)
        assert first["lead_units"] == ["省司法厅", "各市、县〔市、区〕政府", "省直各部门"]
        assert second["lead_units"] == ["省委依法治省办", "各市、县〔市、区〕政府"]
        assert third["lead_units"] == ["法规处", "各有关业务处室"]
        assert (fourth["lead_units"], fourth["support_units"]) == (["省司法厅"], ["省直各执法部门"])
        assert fourth["deadline"]["date"] == "2022-12-31"
        for task in work_items(plan):  # every unit read is where the plan names it
            for span in task["units_raw"]:
                assert text[span["start"] : span["end"]] == span["raw"]


def test_a_crawl_numbered_1_2_after_its_brackets():
    text = (
        "某区２０２１年法治政府建设工作要点 一、依法全面履行政府职能１．深化放管服改革。"
        "推行证明事项告知承诺制。（牵头单位：区司法局）２．推进政务公开。（牵头单位：区政府办）"
        "二、完善依法行政制度体系１．加强规范性文件管理。（牵头单位：区司法局）增长１．５％。"
    )
    assert "\uff11\uff0e" in text and text.count("\n") == 0
    plan = read_plan(text)
    assert [(t["path"], t["role"], t["lead_units"]) for t in plan["tasks"]] == [
        ("\u4e00", "group", []),
        ("\u4e00/1", "item", ["区司法局"]),
        ("\u4e00/2", "item", ["区政府办"]),
        ("\u4e8c", "group", []),
        ("\u4e8c/1", "item", ["区司法局"]),  # 1.5% is a figure, no item
    ]
