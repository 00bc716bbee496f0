"""Hostile files and values: control characters in messages, FIFOs and devices named like inputs,
values Python's converters refuse, names the file system refuses, YAML that expands or repeats
itself, a stdout that cannot write Chinese. Each ends in exit 2 with `file:line: column: what`
quickly and without a traceback, or the right result (SECURITY.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from policy_review.core.edited_files import MAX_YAML_NODES, load_yaml, read_table
from policy_review.core.errors import BadInput, Problem
from policy_review.sources import report_text
from tests.conftest import ROOT, run_cli
from tests.hostile import CURATED, LONG_NAME, QUICK, REGION, REPORTS, assert_bad_input, cli, edit_table

# --- control characters in messages are shown escaped ----------------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        ("\x1b[2J\x1b[Hok: no problems found", "\\x1b[2J\\x1b[Hok"),
        ("orga\u202enisation", "orga\\u202enisation"),
        ("area\nfake.csv:1: -: all good", "area\\nfake.csv"),
        ("\x9b31m\x07", "\\x9b31m\\x07"),
    ],
)
def test_control_characters_in_a_cell_are_shown_escaped(project_copy, value, shown):
    line = edit_table(project_copy, "evidence", 0, area_id=value)
    result = run_cli("validate", CURATED, env_root=project_copy)
    assert_bad_input(result, f"{CURATED}/evidence.csv:{line}: area_id:", shown)
    raw = {ch for ch in value if not ch.isprintable()}
    assert not raw & set(result.stderr.replace("\n", "")), "control characters reach the terminal"
    assert result.stderr.count("\n") == len(result.stderr.splitlines())


def test_control_characters_in_a_params_key_are_shown_escaped(project_copy):
    bad = project_copy / "params" / "bad.yaml"
    bad.write_text("region: kaizhou\nyear: 2018\n\u202elang\u202c: en\n", encoding="utf-8")
    result = run_cli("run", "params/bad.yaml", "--out", "out", env_root=project_copy)
    assert_bad_input(result, "params/bad.yaml:3: \\u202elang\\u202c: unknown parameter")
    assert "\u202e" not in result.stderr


def test_problem_line_escapes_file_column_and_message():
    problem = Problem("data/x\x1b.csv", "bad \x1b[31mred\x1b[0m", 3, "col\tumn")
    assert str(problem) == "data/x\\x1b.csv:3: col\\tumn: bad \\x1b[31mred\\x1b[0m"
    assert str(Problem("data/开州.csv", "“引号”与中文")) == "data/开州.csv: -: “引号”与中文"


# --- FIFOs and devices named like inputs: refused at once, never read -------------------------


@pytest.fixture
def fifo_at(project_copy):
    """Replace a file of the project copy by a FIFO nobody writes to."""

    def make(relative: str) -> str:
        path = project_copy / relative
        if path.exists():
            path.chmod(0o644)
            path.unlink()
        os.mkfifo(path)
        return relative

    return make


def test_fifo_among_params_files_does_not_hang_run(project_copy, fifo_at):
    fifo = fifo_at("params/zz-later.yaml")
    result = run_cli("run", "--out", "out", env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, f"{fifo}: -: cannot read the params file", "not a regular file")
    assert not (project_copy / "out").exists()


@pytest.mark.parametrize(
    "relative, command",
    [
        (f"{CURATED}/tasks.csv", "validate"),
        (f"{CURATED}/figures.csv", "run"),
        (f"{REPORTS}/2019.yaml", "validate"),
        (f"{REPORTS}/2019.txt", "validate"),
        (f"{REPORTS}/2020.txt", "run"),
        ("data/reference/areas.csv", "validate"),
    ],
)
def test_fifo_named_as_an_input_is_refused(project_copy, fifo_at, relative, command):
    fifo_at(relative)
    args = ("run", "params/kaizhou-2020.yaml", "--out", "out") if command == "run" else ("validate",)
    result = run_cli(*args, env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, relative, "not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_device_named_as_a_report_is_refused(device):
    with pytest.raises(BadInput, match="not a regular file"):
        report_text.read_report(device)
    table, problems = read_table(device)
    assert table.empty and "not a regular file" in problems[0].message


def test_fifo_named_as_a_report_for_extract(project_copy, fifo_at):
    (project_copy / "incoming").mkdir()
    fifo = fifo_at("incoming/report.txt")
    result = run_cli("extract", fifo, env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, f"{fifo}: -: cannot read the report", "not a regular file")
    assert result.stdout == ""


# --- values Python's converters refuse, names the file system refuses -------------------------


def params_file(root: Path, text: str, name: str = "bad.yaml") -> str:
    (root / "params" / name).write_text(text, encoding="utf-8")
    return f"params/{name}"


def alias_bomb(levels: int = 9, width: int = 9, key: str = "region") -> str:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\n{key}: *a{levels - 1}\n"


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("region: kaizhou\nyear: " + "7" * 5000 + "\n", ("bad.yaml:2: -:", "a number of 5,000 characters")),
        ("region: kaizhou\nyear: 0x" + "f" * 6000 + "\n", ("bad.yaml:2: -:", "a number of 6,002 characters")),
        ("region: kaizhou\nyear: 2018\nyear: 2019\n", ("bad.yaml:3: year:", "given twice (first on line 2)")),
        ("year: 2018\nregion: kaizhou\nlang: zh\nlang: en\n", ("bad.yaml:4: lang:", "given twice")),
        (alias_bomb(), ("bad.yaml:", "expand to more than", "alias bomb")),
        (alias_bomb(levels=5, width=30, key="lang"), ("bad.yaml:", "alias bomb")),
        (
            "a: &a [*a]\nregion: kaizhou\nyear: 2018\n",
            ("bad.yaml:1: -:", "refers to the value it is inside of"),
        ),
        (f"region: {LONG_NAME}\nyear: 2018\n", ("bad.yaml:1: region:", "at most 64 characters")),
        ("region: kaizhou\nyear: 2018\nlang: " + "x" * 5000 + "\n", ("bad.yaml:3: lang:", "…)")),
    ],
)
def test_params_that_break_converters_exit_2(project_copy, text, fragments):
    result = run_cli(
        "run", params_file(project_copy, text), "--out", "out", env_root=project_copy, timeout=QUICK
    )
    assert_bad_input(result, *fragments)
    assert len(result.stderr) < 2000, "a huge value is quoted cut short"


def test_params_path_too_long_exits_2(project_copy):
    name = f"params/{LONG_NAME}.yaml"
    result = run_cli("run", name, "--out", "out", env_root=project_copy)
    assert_bad_input(result, name, "File name too long")


@pytest.mark.parametrize("path", [f"data/{LONG_NAME}", f"{CURATED}/{LONG_NAME}/tasks.csv"])
def test_validate_path_too_long_exits_2(project_copy, path):
    assert_bad_input(run_cli("validate", path, env_root=project_copy), "File name too long")


def test_summary_of_a_region_name_too_long_exits_2(project_copy):
    result = run_cli("summary", LONG_NAME, "2018", env_root=project_copy)
    assert_bad_input(result, "parameters: region:", "at most 64 characters")


@pytest.mark.parametrize("case", ["huge-decimal", "huge-hexadecimal", "alias-bomb", "repeated-key"])
def test_provenance_that_breaks_converters_exits_2(project_copy, case):
    path = project_copy / REPORTS / "2018.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    field = {"huge-decimal": "report_year", "huge-hexadecimal": "index_number"}.get(case, "publisher")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    if case == "huge-decimal":
        lines[at] = f"{field}: {'9' * 5000}"
        expect = (f":{at + 1}: -:", "a number of 5,000 characters")
    elif case == "huge-hexadecimal":
        lines[at] = f"{field}: 0x{'a' * 4000}"
        expect = (f":{at + 1}: -:", "a number of 4,002 characters")
    elif case == "repeated-key":
        lines.insert(at + 1, f"{field}: another publisher")
        expect = (f":{at + 2}: -:", f"the key '{field}' is given twice (first on line {at + 1})")
    else:
        lines[at] = f"{field}: *a8"
        lines = alias_bomb().split("\n")[:-2] + lines
        expect = ("alias bomb",)
    path.write_text("\n".join(lines), encoding="utf-8")
    for args in (("validate",), ("run", "params/kaizhou-2018.yaml", "--out", "out")):
        assert_bad_input(
            run_cli(*args, env_root=project_copy, timeout=QUICK), f"{REPORTS}/2018.yaml", *expect
        )


def test_yaml_loader_limits():
    assert load_yaml("x: &x {a: 1}\ny: *x\nz: [*x, *x]\n") == {
        "x": {"a": 1},
        "y": {"a": 1},
        "z": [{"a": 1}] * 2,
    }
    wide = "a: &a [" + ", ".join(["1"] * (MAX_YAML_NODES // 2)) + "]\nb: *a\n"
    with pytest.raises(Exception, match="alias bomb"):
        load_yaml(wide)
    assert load_yaml("'1': a\n1: b\n") == {"1": "a", 1: "b"}, "different keys, not repeated ones"
    assert load_yaml("year: " + "9" * 4000) == {"year": int("9" * 4000)}


# --- stdout that cannot write Chinese ----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_extract_on_an_ascii_stdout_writes_the_same_json(project_copy, encoding):
    report = f"{REPORTS}/2019.txt"
    plain = cli(project_copy, "extract", report, env={"PYTHONIOENCODING": encoding})
    assert plain.returncode == 0 and "Traceback" not in plain.stderr, plain.stderr[-2000:]
    assert plain.stdout.isascii()
    utf8 = cli(project_copy, "extract", report, env={"PYTHONIOENCODING": "utf-8"})
    assert json.loads(plain.stdout) == json.loads(utf8.stdout)


def test_summary_on_an_ascii_stdout(project_copy):
    env = {"PYTHONIOENCODING": "ascii"}
    text = cli(project_copy, "summary", REGION, "2018", env=env)
    assert_bad_input(text, "<stdout>: -: the output's encoding is ascii", "PYTHONIOENCODING=utf-8")
    assert text.stdout == ""
    as_json = cli(project_copy, "summary", REGION, "2019", "--json", env=env)
    assert as_json.returncode == 0, as_json.stderr[-2000:]
    assert json.loads(as_json.stdout)["region"] == REGION


def test_validate_on_an_ascii_stdout_and_stderr(project_copy):
    env = {"PYTHONIOENCODING": "ascii"}
    assert cli(project_copy, "validate", env=env).returncode == 0
    edit_table(project_copy, "issues", 0, area_id="法治")
    result = cli(project_copy, "validate", env=env)
    assert_bad_input(result, f"{CURATED}/issues.csv:2: area_id:", "\\u6cd5\\u6cbb")


def test_security_md_points_to_tests_that_exist():
    """Every threat in SECURITY.md names its test; a renamed or removed test fails here."""
    import re

    root = ROOT
    security = (root / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", security)
    assert len(named) >= 20
    for file, test in named:
        source = (root / file).read_text(encoding="utf-8")
        assert not test or re.search(rf"^def {test}\(", source, re.M), f"{file}::{test} is gone"
    threats = [
        row
        for row in security.splitlines()
        if row.startswith("| ") and not row.startswith(("| Threat |", "|---"))
    ]
    assert len(threats) >= 20
    for row in threats:  # every threat names the test (not only the file) that checks it
        assert re.search(r"`tests/[\w/]+\.py::\w+`", row.rsplit("|", 2)[-2]), row


@pytest.mark.parametrize(
    "table, column",
    [("plan_counts", "count"), ("plan_counts", "plan_year"), ("figures", "start"), ("tasks", "plan_year")],
)
def test_huge_integer_in_a_table_exits_2_with_a_short_message(project_copy, table, column):
    line = edit_table(project_copy, table, 1, **{column: "4" * 5000})
    result = run_cli("validate", CURATED, env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, f"{CURATED}/{table}.csv:{line}: {column}:", "is too large a number")
    assert len(result.stderr) < 3000
