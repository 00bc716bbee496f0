"""Params files are validated before any kernel starts: exit 2, one line per problem, no traceback."""

from __future__ import annotations

import pytest

from policy_review.core.errors import BadInput
from policy_review.tables import params
from tests.conftest import run_cli


def test_shipped_params_are_valid():
    runs = params.load_runs()
    assert {(r.region, r.year, r.lang) for r in runs} >= {
        ("kaizhou", 2018, "en"),
        ("kaizhou", 2019, "en"),
        ("kaizhou", 2020, "en"),
    }


@pytest.mark.parametrize(
    "content, needle",
    [
        ("region: kaizhou\nyear: 2018\nlnag: en\n", ":3: lnag: unknown parameter"),
        ("region: kaizhou\nyear: '2018'\n", ":2: year: "),
        ("region: kaizhou\nyear: 1899\n", ":2: year: "),
        ("region: kaizhou\n", ": year: required parameter is missing"),
        ("region: kaizhou\nyear: 2018\nlang: fr\n", ":3: lang: "),
        ("region: atlantis\nyear: 2018\n", ":1: region: no region 'atlantis'"),
        ("region: kaizhou\nyear: 2031\n", ":2: year: no report for kaizhou 2031"),
        ("", "the params file is empty"),
        ("region: [kaizhou\nyear: 2018\n", "not valid YAML"),
        ("- kaizhou\n- 2018\n", "must be a mapping"),
    ],
)
def test_bad_params_file_names_file_line_and_key(project_copy, content, needle):
    bad = project_copy / "params" / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        params.load_runs([bad])
    text = str(exc.value)
    assert text.startswith("params/bad.yaml")
    assert needle in text


def test_every_problem_is_reported_not_just_the_first(project_copy):
    bad = project_copy / "params" / "bad.yaml"
    bad.write_text("region: kaizhou\nyear: x\nlang: fr\ncolour: red\n", encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        params.load_runs([bad])
    keys = {p.column for p in exc.value.problems}
    assert keys == {"year", "lang", "colour"}


def test_cli_bad_params_exit_2_without_traceback(project_copy):
    bad = project_copy / "params" / "bad.yaml"
    bad.write_text("region: kaizhou\nyear: 2018\nlnag: en\n", encoding="utf-8")
    result = run_cli("run", str(bad), "--out", str(project_copy / "out"), env_root=project_copy)
    assert result.returncode == 2
    assert "params/bad.yaml:3: lnag: unknown parameter" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project_copy / "out" / "kaizhou").exists()  # no kernel started, nothing written


def test_a_year_the_report_title_contradicts_is_bad_input(project_copy):
    reports = project_copy / "data" / "reports" / "kaizhou"
    (reports / "2017.txt").write_bytes((reports / "2018.txt").read_bytes())  # titled 2018年…汇报
    (reports / "2017.yaml").write_bytes((reports / "2018.yaml").read_bytes())
    bad = project_copy / "params" / "bad.yaml"
    bad.write_text("region: kaizhou\nyear: 2017\n", encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        params.load_runs([bad])
    assert "params/bad.yaml:2: year: year 2017 is not the year the report's title names" in str(exc.value)
    assert "2018年我区法治政府建设情况汇报" in str(exc.value)


def test_a_report_whose_title_names_no_year_is_not_checked_against_it(project_copy):
    good = project_copy / "params" / "longhua-2019.yaml"  # the stored copy has no title
    assert params.load_runs([good])[0].year == 2019
