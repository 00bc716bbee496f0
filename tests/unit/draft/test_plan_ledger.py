"""A countdown ledger started from a region's work plan: tasks.csv from the plan (lead units,
deadlines), the template pre-filled with each task at the four checkpoints, and once filled in it
validates and the year review shows it."""

from __future__ import annotations

import csv
import shutil

import pandas as pd

from policy_review.review import ledger, year_review as rv
from policy_review.tables import ledger_template
from policy_review.tables.validate import validate
from tests.conftest import run_cli


def _fill(template, ledger_csv) -> int:
    with template.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        row["status"] = "complete" if row["checkpoint"].endswith("12-31") else "continuing"
    ledger_csv.write_text(ledger_template.csv_text(rows), encoding="utf-8")
    return len(rows)


def test_a_ledger_started_from_the_plan_validates_once_filled_and_the_review_shows_it(project_copy):
    curated = project_copy / "data" / "curated" / "example"
    shutil.move(curated, project_copy / "curated-aside")
    result = run_cli("ledger-template", "example", "2021", env_root=project_copy)
    assert result.returncode == 0, result.stderr
    assert "ledger_template_2021.xlsx" in result.stderr
    tasks = pd.read_csv(curated / "tasks.csv", dtype=str, keep_default_na=False)
    assert len(tasks) == 165 and set(tasks["basis"]) == {"stated"}
    first = tasks.iloc[0]
    assert first["lead_unit"] and first["deadline"].startswith("2021-")
    with (curated / "ledger_template_2021.csv").open(encoding="utf-8") as file:
        prefilled = list(csv.DictReader(file))
    assert len(prefilled) == 4 * 165 and {r["status"] for r in prefilled} == {""}
    assert f"牵头单位:{first['lead_unit']}" in prefilled[0]["note"]
    assert first["name_zh"] in prefilled[0]["note"]
    assert validate(curated / "tasks.csv") == []
    n = _fill(curated / "ledger_template_2021.csv", curated / "ledger.csv")
    assert [str(p) for p in validate(curated)] == []
    review = rv.load_review("example", 2021)
    assert ledger.has_ledger(review)
    entries = ledger.ledger_entries(review)
    assert len(entries) == n and set(entries["task_id"]) == set(tasks["task_id"])
    assert len(ledger.status_matrix(review)) == 165
    assert (ledger.final_status(review) == "complete").all()
    assert set(ledger.progress_by_unit(review)["lead_unit"]) <= set(tasks["lead_unit"])


def test_no_plan_is_bad_input(project_copy):
    result = run_cli("ledger-template", "kaizhou", "2019", env_root=project_copy)
    assert result.returncode == 2 and "data/plans/kaizhou/2019.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_ledger_starts_from_each_whole_published_plan(project_copy):
    # the two plans imported from their saved pages (one paragraph a line, full-width), no report yet
    for region, year, items, lead in (
        ("pingtan-suping", 2020, 21, {"plan-2020-009": "\u201c谁执法谁普法\u201d各处室"}),
        ("pingtan-junshan", 2021, 18, {}),
    ):
        result = run_cli("ledger-template", region, str(year), env_root=project_copy)
        assert result.returncode == 0, result.stderr
        curated = project_copy / "data" / "curated" / region
        tasks = pd.read_csv(curated / "tasks.csv", dtype=str, keep_default_na=False)
        assert len(tasks) == items and set(tasks["basis"]) == {"stated"}
        assert set(tasks["reporting"]) == {"not_reported"} and set(tasks["kind"]) == {"annual"}
        assert {r.task_id: r.lead_unit for r in tasks.itertuples() if r.lead_unit} == lead
        assert tasks["name_zh"].str.len().gt(0).all() and "\uff08" not in "".join(tasks["name_zh"])
        with (curated / f"ledger_template_{year}.csv").open(encoding="utf-8") as file:
            prefilled = list(csv.DictReader(file))
        assert len(prefilled) == 4 * items and {r["status"] for r in prefilled} == {""}
