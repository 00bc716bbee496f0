"""Hostile round three (issue 28), causes 5 to 7: names checked by every command, nesting and
size limits, the cluster's address, a relative project root, a full disk under stdout. Each case
is a short command in a project copy (no whole run): SECURITY.md lists what they check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostile import CURATED, REPORTS, assert_bad_input, cli, one_cell_notebooks, only_params

# --- 5. names and the tables draft and ledger-template read -----------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("draft", "../../../../evil2", "2018"),
        ("draft", "Kaizhou", "2018"),
        ("ledger-template", "../../../../evil", "2020"),
        ("ledger-template", "..", "2020"),
        ("summary", "../kaizhou", "2018"),
    ],
)
def test_a_region_that_is_no_name_is_refused_by_every_command(project_copy, args):
    before = sorted(p for p in project_copy.parent.rglob("*"))
    result = cli(project_copy, *args)
    assert_bad_input(result, args[1])
    assert sorted(p for p in project_copy.parent.rglob("*")) == before, "a file was written"


LEDGER = ("ledger-template", "kaizhou", "2020")  # reads tasks.csv
DRAFT = ("draft", "kaizhou", "2018")  # reads every curated table it drafts beside


@pytest.mark.parametrize(("command", "table"), [(LEDGER, "tasks"), (DRAFT, "evidence"), (DRAFT, "tasks")])
def test_a_fifo_where_a_table_is_read_is_refused_at_once(project_copy, command, table):
    path = project_copy / CURATED / f"{table}.csv"
    path.unlink()
    os.mkfifo(path)
    assert_bad_input(cli(project_copy, *command), f"{table}.csv", "not a regular file")


@pytest.mark.parametrize(
    ("command", "table", "breakage", "fragment"),
    [
        (LEDGER, "tasks", "gb18030", "GBK/GB18030"),
        (DRAFT, "evidence", "gb18030", "GBK/GB18030"),
        (LEDGER, "tasks", "unclosed quote", "never closed"),
        (DRAFT, "figures", "unclosed quote", "never closed"),
    ],
)
def test_a_table_those_commands_read_is_checked_as_validate_checks_it(
    project_copy, command, table, breakage, fragment
):
    path = project_copy / CURATED / f"{table}.csv"
    text = path.read_text(encoding="utf-8-sig")
    if breakage == "gb18030":
        path.write_bytes(text.encode("gb18030"))
    else:
        path.write_text(text + '"unclosed,1,2\n', encoding="utf-8")
    result = cli(project_copy, *command)
    assert_bad_input(result, f"{table}.csv:", fragment)


# --- 6. nesting and sizes ---------------------------------------------------------------------


@pytest.mark.parametrize("depth", [101, 5000])
@pytest.mark.parametrize("where", ["params", "provenance"])
def test_yaml_nested_past_100_levels_is_one_line_at_any_depth(project_copy, where, depth):
    nested = "[" * depth + "]" * depth
    if where == "params":
        only_params(project_copy, "kaizhou-2018")
        path = project_copy / "params" / "kaizhou-2018.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"extra: {nested}\n", encoding="utf-8")
        result = cli(project_copy, "run", "--out", str(project_copy.parent / "out"))
    else:
        path = project_copy / REPORTS / "2018.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"extra: {nested}\n", encoding="utf-8")
        result = cli(project_copy, "validate")
    assert "RecursionError" not in result.stderr and len(result.stderr.splitlines()) <= 5, result.stderr[
        -2000:
    ]
    assert_bad_input(result, path.name, "nested more than 100 levels")


def test_a_page_too_large_to_print_is_named_without_starting_chromium(tmp_path):
    pytest.importorskip("playwright")
    from policy_review.pages.exports import pdf

    page = tmp_path / "2018.html"
    with page.open("wb") as file:  # sparse: 32 MiB named, nothing written
        file.truncate(2 * pdf.MAX_PAGE_BYTES)
    written, failed = pdf.export_pdfs([page])
    assert written == [] and [p for p, _ in failed] == [page]
    assert "32 MiB, over the 16 MiB" in failed[0][1]
    assert not page.with_suffix(".pdf").exists()


# --- 7. the cluster and the environment -------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "variable", "named"),
    [
        ("garbage address", None, "--scheduler"),
        ("tcp://host:notaport", None, "--scheduler"),
        (None, "a b c", "POLICY_REVIEW_SCHEDULER"),
    ],
)
def test_a_scheduler_that_is_no_address_is_one_line_before_anything_runs(tmp_path, option, variable, named):
    out = tmp_path / "out"
    args = ("run", "--out", str(out)) + (("--scheduler", option) if option else ())
    env = {"POLICY_REVIEW_SCHEDULER": variable} if variable else {}
    from tests.conftest import ROOT

    result = cli(ROOT, *args, env=env)
    assert_bad_input(result, named, "not a scheduler's address")
    assert not out.exists() or not any(out.iterdir()), "something was written"


@pytest.mark.slow
def test_a_scheduler_nobody_answers_at_is_one_line_within_its_timeout(tmp_path):
    from tests.conftest import ROOT

    result = cli(
        ROOT,
        "run",
        "--scheduler",
        "tcp://127.0.0.1:1",
        str(ROOT / "params" / "kaizhou-2018.yaml"),
        "--out",
        str(tmp_path / "out"),
        env={"POLICY_REVIEW_SCHEDULER_TIMEOUT": "2"},
    )
    assert_bad_input(result, "cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert len(result.stderr.splitlines()) == 2, result.stderr


@pytest.mark.slow
def test_a_relative_project_root_means_the_same_folder_to_every_kernel(project_copy):
    """The corpus command `POLICY_REVIEW_ROOT=synthetic-corpus policy-review run`: kernels start in
    notebooks/, where the relative name meant another folder."""
    only_params(project_copy, "kaizhou-2018")
    one_cell_notebooks(project_copy)
    out = project_copy.parent / "out"
    result = subprocess.run(
        [sys.executable, "-m", "policy_review.cli", "run", "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "POLICY_REVIEW_ROOT": project_copy.name},
        cwd=project_copy.parent,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "kaizhou" / "2018.html").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("summary", "kaizhou", "2018"),
        ("extract", "data/reports/kaizhou/2018.txt"),
        ("plan", "--json", "data/plans/nansha/2020.txt"),
    ],
)
def test_a_stdout_on_a_full_disk_is_one_line_and_exit_1(args):
    from tests.conftest import ROOT

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "policy_review.cli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "policy-review: cannot write the output: No space left on device; the command stopped"
    ]
