"""Reading work plans into tasks: 西平's real opening counted by hand, 南沙's opening that stops in the
preamble, time limits and unit lists as plans write them, plan files validated like reports, and
the example's generated plans read back against the generator's truth."""

from __future__ import annotations

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
