"""The synthetic example district: the committed files are what the generator writes, the plan has
the size of the issue (121 annual and 44 long-term tasks for 2021, about 30 lead units, all 8
framework areas, 4 checkpoints per task), it says everywhere that it is synthetic, and the same
seed always gives the same bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml

from policy_review.core import paths
from policy_review.example import district
from policy_review.tables.validate import validate
from tests.conftest import ROOT


def _frame(files: dict[str, str], name: str) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(files[f"data/curated/example/{name}.csv"]), dtype=str, keep_default_na=False
    )


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return district.generate()


def test_regenerated_files_equal_the_committed_ones_byte_for_byte(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "policy_review.example", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    generated = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert generated, "nothing was generated"
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (ROOT / relative).read_bytes(), relative
    committed = sorted(
        p.relative_to(ROOT).as_posix()
        for folder in ("data/curated/example", "data/reports/example", "data/plans/example")
        for p in (ROOT / folder).iterdir()
    )
    committed += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "params").glob("example-*.yaml"))
    assert sorted(committed) == generated  # nothing committed that the generator does not write


def test_the_plan_for_2021(files):
    tasks = _frame(files, "tasks")
    plan = tasks[tasks["plan_year"] == "2021"]
    assert plan["kind"].value_counts().to_dict() == {"annual": 121, "long_term": 44}
    assert 28 <= plan["lead_unit"].nunique() <= 32
    assert set(plan["area_id"]) == set(pd.read_csv(paths.reference_dir() / "areas.csv")["area_id"])
    annual = plan[plan["kind"] == "annual"]
    assert annual["deadline"].str.fullmatch(r"2021-(03-31|06-30|09-30|12-31)").all()
    assert plan["task_id"].is_unique and plan["name_zh"].is_unique
    assert (plan["basis"] == "stated").all()


def test_every_task_has_the_four_checkpoints(files):
    tasks, ledger = _frame(files, "tasks"), _frame(files, "ledger")
    assert set(ledger["task_id"]) == set(tasks["task_id"])
    for (task, year), group in ledger.merge(tasks[["task_id", "plan_year"]]).groupby(
        ["task_id", "plan_year"]
    ):
        assert list(group["checkpoint"]) == [
            f"{year}-03-31",
            f"{year}-06-30",
            f"{year}-09-30",
            f"{year}-12-31",
        ], task


def test_reporting_has_every_level_and_tasks_progress_is_the_last_checkpoint(files):
    tasks, ledger = _frame(files, "tasks"), _frame(files, "ledger")
    for year in ("2021", "2022"):
        plan = tasks[tasks["plan_year"] == year]
        assert set(plan["reporting"]) == {"evidenced", "mentioned", "claimed", "not_reported"}
    last = ledger[ledger["checkpoint"].str.endswith("12-31")].set_index("task_id")["status"]
    assert (tasks.set_index("task_id")["progress"] == last).all()


def test_report_counts_follow_from_the_ledger(files):
    tasks, counts = (
        _frame(files, "tasks"),
        _frame(files, "plan_counts").set_index("count_id")["count"].astype(int),
    )
    for year in (2021, 2022):
        annual = tasks[(tasks["plan_year"] == str(year)) & (tasks["kind"] == "annual")]
        assert counts[f"pc-{year}-annual-assigned"] == len(annual)
        assert counts[f"pc-{year}-annual-completed"] == (annual["progress"] == "complete").sum()
        assert counts[f"pc-{year}-annual-delayed"] == (annual["progress"] != "complete").sum()
    assert counts["pc-2021-annual-assigned"] == 121 and counts["pc-2021-long_term-assigned"] == 44


def test_everything_a_reader_sees_says_synthetic(files):
    for year in district.YEARS:
        text = files[f"data/reports/example/{year}.txt"]
        assert text.startswith("【合成示例数据】")
        provenance = yaml.safe_load(files[f"data/reports/example/{year}.yaml"])
        assert "（合成示例数据）" in provenance["title"] and "（合成示例数据）" in text
        assert provenance["synthetic"] is True and provenance["coverage"] == "full"
        assert "synthetic" in provenance["region_name_en"] and "合成" in provenance["region_name_zh"]
        params = yaml.safe_load(files[f"params/example-{year}.yaml"])
        assert params == {"region": "example", "year": year, "lang": "en"}
    assert _frame(files, "tasks")["note"].str.contains("合成示例数据").all()
    for year in district.YEARS:
        plan = files[f"data/plans/example/{year}.txt"]
        assert plan.startswith("【合成示例数据】") and f"{year}年法治政府建设工作要点（合成示例数据）" in plan
        provenance = yaml.safe_load(files[f"data/plans/example/{year}.yaml"])
        assert provenance["synthetic"] is True and provenance["plan_year"] == year


def test_the_plans_list_every_task_of_the_year_with_its_lead_unit_and_time_limit(files):
    region = district.build()
    tasks = _frame(files, "tasks")
    for year in district.YEARS:
        plan, truth = files[f"data/plans/example/{year}.txt"], region.workplans[year].tasks
        by_id = {t["task_id"]: t for t in truth}
        rows = tasks[tasks["plan_year"] == str(year)]
        assert sorted(by_id) == sorted(rows["task_id"])
        for row in rows.itertuples():
            written = by_id[row.task_id]
            item = plan[written["start"] : written["end"]]
            assert item.split(".", 1)[1].startswith(row.name_zh + "。") and row.lead_unit in item
            assert written["deadline"]["date"] == (row.deadline or None)
            assert written["deadline_raw"] in item


def test_the_literal_data_lives_in_package_data_files():
    from policy_review.example import vocabulary

    assert len(vocabulary.UNITS) == 30 and sum(map(len, vocabulary.POOL.values())) > 165
    assert set(vocabulary.POOL) == set(pd.read_csv(paths.reference_dir() / "areas.csv")["area_id"])
    for module in sorted((ROOT / "lib" / "policy_review" / "example").glob("*.py")):
        source = module.read_text(encoding="utf-8")
        assert len(source.splitlines()) < 450, module
        assert "区司法局" not in source, module  # unit names are data, not code


def test_offsets_slice_the_generated_text(files):
    texts = {str(y): files[f"data/reports/example/{y}.txt"] for y in district.YEARS}
    for name, column in (
        ("evidence", "quote"),
        ("figures", "raw"),
        ("issues", "quote"),
        ("commitments", "quote"),
        ("plan_counts", "quote"),
        ("tasks", "quote"),
        ("followups", "quote"),
    ):
        table = _frame(files, name)
        table = table[table["start"] != ""]
        assert len(table), name
        for _, row in table.iterrows():
            assert texts[row["report_year"]][int(row["start"]) : int(row["end"])] == row[column], (
                name,
                row.iloc[0],
            )


def test_same_seed_same_files_other_seed_other_files():
    assert district.generate(seed=5) == district.generate(seed=5)
    assert district.generate(seed=5) != district.generate(seed=6)


def test_another_seed_and_region_validates(tmp_path, monkeypatch):
    shutil.copytree(paths.reference_dir(), tmp_path / "data" / "reference")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    district.write(tmp_path, seed=99, region="synth99")
    assert (tmp_path / "params" / "synth99-2022.yaml").exists()
    assert [str(p) for p in validate()] == []
    tasks = pd.read_csv(tmp_path / "data" / "curated" / "synth99" / "tasks.csv")
    assert tasks[tasks["plan_year"] == 2021]["kind"].value_counts().to_dict() == {
        "annual": 121,
        "long_term": 44,
    }
