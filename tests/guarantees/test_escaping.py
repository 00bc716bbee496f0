"""Text from data is shown as text, never run as markup or code.

Markup payloads go into every kind of text the HTML shows from data (provenance title,
publisher and region name, task names, an issue's and a commitment's summary, figure labels,
an area's name), then ``policy-review run`` renders the 2018 review in English and in Chinese:
no payload may survive as markup in any page, and each must be there as escaped text (in the
static tables, or in the JSON data of the interactive tables, which itables escapes too).

Parameters reach a notebook as code that papermill writes into it; values with quotes, newlines
and code in them must arrive as exactly the same value, through the runner's own papermill call.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

REGION = "kaizhou"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ESCAPED = {SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;", IMG: "&lt;img src=x onerror=alert(1)&gt;"}
#: What must not be anywhere in a page: the payloads as markup (any letter case).
LIVE_MARKUP = re.compile(r"<script>alert\(1\)|<img src=x onerror", re.I)

#: Each place text comes from, with the payload put there: a marker names the place, so that
#: each one can be found escaped in the page.
PROVENANCE_FIELDS = {"title": SCRIPT, "publisher": IMG, "region_name_en": IMG, "region_name_zh": SCRIPT}


def marked(marker: str, payload: str) -> str:
    return f"{marker}{payload}"


def escaped(marker: str, payload: str) -> str:
    return f"{marker}{ESCAPED[payload]}"


# --- putting the payloads in ------------------------------------------------------------------


def _edit_table(path: Path, pick, **cells: str) -> None:
    """Set cells of the first row that ``pick(row)`` accepts (quote and offset columns untouched)."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(r for r in rows if pick(r))
    assert not {"quote", "raw", "start", "end"} & set(cells)
    row.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set_provenance(path: Path, fields: dict[str, str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for name, value in fields.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        lines[at] = f"{name}: {json.dumps(value, ensure_ascii=False)}"  # a YAML double-quoted string
    path.write_text("\n".join(lines), encoding="utf-8")


def plant_payloads(root: Path) -> dict[str, dict[str, str]]:
    """Put the payloads into the copy; for each language, the escaped texts its page must show."""
    _set_provenance(
        root / "data" / "reports" / REGION / "2018.yaml",
        {name: marked(f"PROV-{name}", payload) for name, payload in PROVENANCE_FIELDS.items()},
    )
    curated = root / "data" / "curated" / REGION
    of_2018 = lambda row: row["report_year"] == "2018"  # noqa: E731
    _edit_table(
        curated / "tasks.csv", of_2018, name_en=marked("TASK-EN", SCRIPT), name_zh=marked("TASK-ZH", IMG)
    )
    _edit_table(curated / "issues.csv", of_2018, summary_en=marked("ISSUE-EN", IMG))
    _edit_table(curated / "commitments.csv", of_2018, summary_en=marked("COMMIT-EN", SCRIPT))
    _edit_table(
        curated / "figures.csv", of_2018, label_en=marked("FIG-EN", IMG), label_zh=marked("FIG-ZH", SCRIPT)
    )
    _edit_table(
        root / "data" / "reference" / "areas.csv", lambda row: True, name_en=marked("AREA-EN", SCRIPT)
    )
    (root / "params" / "kaizhou-2018-zh.yaml").write_text(
        "region: kaizhou\nyear: 2018\nlang: zh\n", encoding="utf-8"
    )
    both = {"PROV-title": SCRIPT, "PROV-publisher": IMG}
    return {
        "en": both
        | {
            "PROV-region_name_en": IMG,
            "TASK-EN": SCRIPT,
            "ISSUE-EN": IMG,
            "FIG-EN": IMG,
            "COMMIT-EN": SCRIPT,
            "AREA-EN": SCRIPT,
        },
        "zh": both | {"PROV-region_name_zh": SCRIPT, "TASK-ZH": IMG, "FIG-ZH": SCRIPT},
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One run for the module's tests, in its own copy of the project (``project_copy`` is made
    per test; the subprocess gets the copy as its root through ``run_cli``)."""
    root = tmp_path_factory.mktemp("escaping") / "project"
    for name in ("data", "params", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    expected = plant_payloads(root)
    valid = run_cli("validate", f"data/curated/{REGION}", env_root=root)
    assert valid.returncode == 0, "the payloads must not break the data:\n" + valid.stderr
    out = root.parent / "out"
    result = run_cli(
        "run",
        "params/kaizhou-2018.yaml",
        "params/kaizhou-2018-zh.yaml",
        "--out",
        str(out),
        "--jobs",
        "2",
        env_root=root,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out, expected


# --- the tests ----------------------------------------------------------------------------------


def test_no_payload_survives_as_markup_in_any_page(rendered):
    out, _ = rendered
    pages = sorted(out.rglob("*.html"))
    names = {p.relative_to(out).as_posix() for p in pages}
    assert {"index.html", "kaizhou/2018.html", "kaizhou/2018.zh.html", "kaizhou/trends.html"} <= names
    for page in pages:
        text = page.read_text(encoding="utf-8")
        live = LIVE_MARKUP.findall(text)
        assert not live, f"{page.relative_to(out)}: payload as markup: {live[:3]}"


@pytest.mark.parametrize("lang, page", [("en", "2018.html"), ("zh", "2018.zh.html")])
def test_every_payload_is_shown_as_escaped_text(rendered, lang, page):
    out, expected = rendered
    text = (out / REGION / page).read_text(encoding="utf-8")
    missing = [marker for marker, payload in expected[lang].items() if escaped(marker, payload) not in text]
    assert not missing, f"{page}: not shown as escaped text: {missing}"


def test_index_shows_the_report_title_as_text(rendered):
    out, _ = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    assert escaped("PROV-title", SCRIPT) in index


def test_executed_notebook_keeps_the_payload_as_data(rendered):
    """The payload reaches the notebook as data (escaped in its HTML output), not as code."""
    out, _ = rendered
    nb = nbformat.read(out / REGION / "2018.ipynb", as_version=4)
    html_outputs = "".join(
        o.get("data", {}).get("text/html", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert escaped("PROV-title", SCRIPT) in html_outputs
    assert not LIVE_MARKUP.search(html_outputs)
    assert not [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


# --- parameters through papermill ---------------------------------------------------------------

#: Values a parameter might hold, each as it must arrive in the kernel.
INJECTED = {
    "quotes_newline_code": "a\"b'c\nd); import os #",
    "triple_quotes": "'''\"\"\" end",
    "backslashes": "C:\\new\\table\\x41 \\",
    "carriage_return_tab": "line\r\n\ttabbed",
    "format_braces": "{year} %s {{}} {0}",
    "code_line": "\nimport os\nos.remove('x')\n",
    "chinese": "开州区“长期坚持”任务",
    "script_payload": SCRIPT,
    "number_like": "2018",
    "empty": "",
    "an_int": 2018,
    "a_float": -1.5e-3,
    "a_bool": False,
    "none": None,
    "a_list": ["x\ny", 'q"', 3],
    "a_dict": {"k'ey": 'v"al\n', "n": [1, None]},
}


def _probe_notebook() -> nbformat.NotebookNode:
    """A parameters cell with defaults, then a cell printing the repr of every parameter."""
    names = sorted(INJECTED)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    defaults = nbformat.v4.new_code_cell("\n".join(f"{name} = 'default'" for name in names))
    defaults.metadata["tags"] = ["parameters"]
    show = nbformat.v4.new_code_cell(f"for _name in {names!r}:\n    print(repr(globals()[_name]))")
    nb.cells = [defaults, show]
    return nb


def test_parameters_arrive_as_the_exact_values(project_copy, tmp_path):
    from policy_review.run import execution

    nbformat.write(_probe_notebook(), project_copy / "notebooks" / "probe.ipynb")
    result = execution.notebook_job("probe.ipynb", dict(INJECTED), "probe", ahead=False)
    assert result.ok, result.error
    nb = nbformat.reads(result.files["probe.ipynb"].decode("utf-8"), as_version=4)
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    assert printed == "".join(repr(INJECTED[name]) + "\n" for name in sorted(INJECTED))
    assert not [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
