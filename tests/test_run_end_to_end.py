"""`policy-review run` end to end, into a temporary folder: outputs, HTML without code, the index,
a failing notebook that keeps the last good HTML, and progress shown."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = run_cli("run", "--out", str(out), "--jobs", "2")
    return out, result


def test_run_exits_0_and_writes_every_output(full_run):
    out, result = full_run
    assert result.returncode == 0, result.stderr
    for year in (2018, 2019, 2020):
        for ext in ("ipynb", "html", "xlsx", "summary.json"):
            assert (out / "kaizhou" / f"{year}.{ext}").stat().st_size > 0
    assert (out / "kaizhou" / "trends.html").exists()
    assert (out / "index.html").exists()
    assert not list(out.rglob("*.failed.ipynb"))
    assert not list(out.rglob(".*"))  # no temporary files left behind


def test_progress_is_shown(full_run):
    _, result = full_run
    assert re.search(r"\[1/4\] kaizhou \d{4}: ok \(\d+\.\d s\)", result.stderr)
    assert "[4/4] kaizhou trends: ok" in result.stderr


def test_html_has_no_input_cells_and_no_internet_scripts(full_run):
    out, _ = full_run
    for page in [out / "kaizhou" / f"{y}.html" for y in (2018, 2019, 2020)] + [out / "kaizhou" / "trends.html"]:
        text = page.read_text(encoding="utf-8")
        assert 'class="jp-InputArea' not in text and 'class="jp-InputPrompt' not in text, page.name
        assert "rv.load_review" not in text and "show.setup" not in text, page.name
        assert not re.search(r"""<script[^>]+src=["']https?://""", text), page.name
        assert "cdnjs.cloudflare.com" not in text and "require.min.js" not in text, page.name
        assert "data:image/png;base64," in text, page.name  # charts embedded
        assert 'class="pr-toc"' in text, page.name


def test_index_links_every_run_with_headline_numbers(full_run):
    out, _ = full_run
    index = (out / "index.html").read_text(encoding="utf-8")
    for target in ("kaizhou/2018.html", "kaizhou/2019.html", "kaizhou/2020.html", "kaizhou/trends.html"):
        assert f'href="{target}"' in index
    summary = json.loads((out / "kaizhou" / "2019.summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["annual"]["announced"] == 121 and summary["plan"]["annual"]["assigned"] == 51
    row_2019 = next(r for r in index.split("<tr>") if "kaizhou/2019.html" in r)
    assert "<td>121</td>" in row_2019 and "<td>51</td>" in row_2019 and "<td>48</td>" in row_2019


def test_executed_notebook_carries_injected_parameters(full_run):
    out, _ = full_run
    nb = nbformat.read(out / "kaizhou" / "2019.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "year = 2019" in injected[0].source


def test_failed_run_keeps_last_good_html_and_names_the_cell(project_copy, tmp_path):
    out = tmp_path / "out"
    params = project_copy / "params" / "kaizhou-2018.yaml"
    first = run_cli("run", str(params), "--out", str(out), env_root=project_copy)
    assert first.returncode == 0, first.stderr
    good_html = (out / "kaizhou" / "2018.html").read_bytes()
    good_index = (out / "index.html").read_text(encoding="utf-8")

    nb_path = project_copy / "notebooks" / "year_review.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(5, nbformat.v4.new_code_cell('if year == 2018:\n    raise RuntimeError("broken on purpose")'))
    nbformat.write(nb, nb_path)
    second = run_cli("run", str(params), str(project_copy / "params" / "kaizhou-2019.yaml"), "--out", str(out),
                     env_root=project_copy)
    assert second.returncode == 1
    assert "FAILED kaizhou 2018 (params/kaizhou-2018.yaml) in cell" in second.stderr
    assert "RuntimeError: broken on purpose" in second.stderr
    assert "Traceback" not in second.stderr
    assert (out / "kaizhou" / "2018.html").read_bytes() == good_html  # last good HTML kept
    assert (out / "kaizhou" / "2018.failed.ipynb").exists()            # failed notebook kept for debugging
    assert (out / "kaizhou" / "2019.html").exists()                     # the other run still ran
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="kaizhou/2018.html"' in index and "latest run failed" in index
    assert good_index != index
