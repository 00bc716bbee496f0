"""`policy-review run` end to end, into a temporary folder: outputs, HTML without code, the index,
a failing notebook that keeps the last good HTML, and progress shown."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from tests.conftest import copy_run, run_cli

pytestmark = pytest.mark.slow


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


def test_every_year_with_two_regions_is_compared_and_every_link_resolves(full_run):
    """The contract of ``make run``: ``compare/<year>.html`` for each year with two or more regions,
    whatever language their runs are in; and no page links a file the run did not write."""
    from tests.conftest import dangling_links

    out, result = full_run
    assert result.returncode == 0, result.stderr
    regions_by_year: dict[int, set[str]] = {}
    for summary in out.glob("*/*.summary.json"):
        regions_by_year.setdefault(json.loads(summary.read_text(encoding="utf-8"))["year"], set()).add(
            summary.parent.name
        )
    compared = [y for y, regions in regions_by_year.items() if len(regions) >= 2]
    assert compared and all((out / "compare" / f"{y}.html").is_file() for y in compared), compared
    assert dangling_links(out) == []


def test_progress_is_shown(full_run):
    _, result = full_run
    assert re.search(r"\[1/(\d+)\] \w+ \d{4}: ok \(\d+\.\d s\)", result.stderr)
    assert re.search(r"\[\d+/\d+\] \w+ trends: ok", result.stderr)
    # the comparisons of each year run after the year reviews and trends: the last line is one of them
    assert re.search(r"\[(\d+)/\1\] compare \d{4}( \(zh\))?: ok", result.stderr)


#: Size budget of one shared page: the offline itables bundle (about 1 MB) plus embedded charts.
HTML_BUDGET = 3_000_000


def test_every_page_keeps_the_size_budget(full_run):
    out, _ = full_run
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.html")}
    print(sizes)
    assert sizes and all(size <= HTML_BUDGET for size in sizes.values()), sizes


def test_html_has_no_input_cells_and_no_internet_scripts(full_run):
    out, _ = full_run
    for page in [out / "kaizhou" / f"{y}.html" for y in (2018, 2019, 2020)] + [
        out / "kaizhou" / "trends.html"
    ]:
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
    row_2019 = next(r for r in index.split("<tr") if 'href="kaizhou/2019.html"' in r)
    for number in (121, 51, 48):  # each number links to the section that shows it (issue 12: the index)
        assert f'<a href="kaizhou/2019.html#sec-funnel">{number}</a>' in row_2019


def test_executed_notebook_carries_injected_parameters(full_run):
    out, _ = full_run
    nb = nbformat.read(out / "kaizhou" / "2019.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "year = 2019" in injected[0].source


def test_failed_run_keeps_last_good_html_and_names_the_cell(project_copy, kaizhou_2018_run, tmp_path):
    out = copy_run(kaizhou_2018_run, tmp_path / "out")  # a good run of kaizhou 2018 (the fixture checked it)
    params = project_copy / "params" / "kaizhou-2018.yaml"
    good_html = (out / "kaizhou" / "2018.html").read_bytes()
    good_index = (out / "index.html").read_text(encoding="utf-8")

    nb_path = project_copy / "notebooks" / "year_review.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    broken = nbformat.v4.new_code_cell('if year == 2018:\n    raise RuntimeError("broken on purpose")')
    nb.cells.insert(5, broken)
    nbformat.write(nb, nb_path)
    second = run_cli(
        "run",
        str(params),
        str(project_copy / "params" / "kaizhou-2019.yaml"),
        "--out",
        str(out),
        env_root=project_copy,
    )
    assert second.returncode == 1
    assert "FAILED kaizhou 2018 (params/kaizhou-2018.yaml) in cell" in second.stderr
    assert "RuntimeError: broken on purpose" in second.stderr
    assert "Traceback" not in second.stderr
    assert (out / "kaizhou" / "2018.html").read_bytes() == good_html  # last good HTML kept
    assert (out / "kaizhou" / "2018.failed.ipynb").exists()  # failed notebook kept for debugging
    assert (out / "kaizhou" / "2019.html").exists()  # the other run still ran
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="kaizhou/2018.html"' in index and "latest run failed" in index
    assert good_index != index


def test_chinese_run_and_uncurated_region(project_copy, tmp_path):
    """A run with lang: zh renders Chinese headings; a region with only a report text renders an
    uncurated draft, labelled so."""
    reports = project_copy / "data" / "reports"
    (reports / "newtown").mkdir()
    (reports / "newtown" / "2019.txt").write_bytes((reports / "kaizhou" / "2019.txt").read_bytes())
    prov = (reports / "kaizhou" / "2019.yaml").read_text(encoding="utf-8")
    prov = prov.replace("region: kaizhou", "region: newtown")
    (reports / "newtown" / "2019.yaml").write_text(prov, encoding="utf-8")
    zh = project_copy / "params" / "kaizhou-2019-zh.yaml"
    zh.write_text("region: kaizhou\nyear: 2019\nlang: zh\n", encoding="utf-8")
    draft = project_copy / "params" / "newtown-2019.yaml"
    draft.write_text("region: newtown\nyear: 2019\nlang: en\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(zh), str(draft), "--out", str(out), env_root=project_copy)
    assert result.returncode == 0, result.stderr

    page_zh = (out / "kaizhou" / "2019.zh.html").read_text(encoding="utf-8")
    for heading in (
        "一、来源",
        "三、任务计划漏斗",
        "四、按纲要领域的报告覆盖",
        "九、法定要求核对",
        "十、与上年报告重复的内容",
        "十一、数据说明",
    ):
        assert heading in page_zh
    assert "节选" in page_zh and "未见报告" in page_zh
    assert (out / "kaizhou" / "trends.zh.html").exists()

    page_draft = (out / "newtown" / "2019.html").read_text(encoding="utf-8")
    assert page_draft.count("UNCURATED DRAFT") >= 3  # top banner and the views that depend on it
    summary = json.loads((out / "newtown" / "2019.summary.json").read_text(encoding="utf-8"))
    assert summary["curated"] is False and summary["plan"]["annual"]["assigned"] == 51
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="kaizhou/2019.zh.html"' in index and 'href="newtown/2019.html"' in index


def test_spreadsheet_has_a_sheet_per_table(full_run):
    import openpyxl

    out, _ = full_run
    wb = openpyxl.load_workbook(out / "kaizhou" / "2019.xlsx", read_only=True)
    assert {
        "source",
        "plan_funnel",
        "coverage_by_area",
        "figures",
        "problems",
        "followups_of_last_year",
        "statutory_check",
    } <= set(wb.sheetnames)
    funnel = [r for r in wb["plan_funnel"].iter_rows(values_only=True)]
    header, rows = funnel[0], funnel[1:]
    got = {(r[header.index("kind")], r[header.index("stage")]): r[header.index("count")] for r in rows}
    assert got[("annual", "announced")] == 121 and got[("annual", "assigned")] == 51


def test_summary_command_json():
    result = run_cli("summary", "kaizhou", "2019", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["plan"]["annual"] == {
        "announced": 121,
        "assigned": 51,
        "completed": None,
        "completed_on_time": 48,
        "delayed": 3,
    }
    assert data["plan"]["long_term"]["assigned"] == 44
    assert data["followups_of_last_year"] == {
        "evidenced": 6,
        "mentioned": 1,
        "delayed": 1,
        "not_found": 5,
        "not_available": 0,
    }


def test_a_page_that_fails_to_render_fails_its_run_and_keeps_the_old_page(tmp_path, monkeypatch):
    """Rendering runs beside execution, in a thread: a page it cannot render makes its run count
    as failed, with the reason, leaves the previous page, and the other pages and the index are
    still written once every page is done."""
    from policy_review.core import paths
    from policy_review.pages.exports import render
    from policy_review.run import runner
    from policy_review.tables import params

    out = tmp_path / "out"
    (out / "kaizhou").mkdir(parents=True)
    (out / "kaizhou" / "2020.html").write_text("the last good page", encoding="utf-8")
    real = render.Renderer.render_run

    def breaks_on_2020(self, region_dir, stem):
        if stem == "2020":
            raise ValueError("template broke")
        return real(self, region_dir, stem)

    monkeypatch.setattr(render.Renderer, "render_run", breaks_on_2020)
    runs = params.load_runs([paths.params_dir() / "kaizhou-2020.yaml"])
    outcomes = {o.stem: o for o in runner.run(runs, out_dir=out, n_jobs=1)}
    assert not outcomes["2020"].ok
    assert outcomes["2020"].error == "rendering HTML failed: ValueError: template broke"
    assert outcomes["trends"].ok and "<html" in (out / "kaizhou" / "trends.html").read_text(encoding="utf-8")
    assert (out / "kaizhou" / "2020.html").read_text(encoding="utf-8") == "the last good page"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "rendering HTML failed: ValueError: template broke" in index


def test_no_executed_notebook_writes_to_stderr(full_run):
    """Issue 11: no Python warning or path reaches a page. Every shipped page's executed
    notebook (every region, every year, the trends) has no stderr stream and no error output."""
    out, _ = full_run
    notebooks = sorted(out.rglob("*.ipynb"))
    regions = {p.parent.name for p in notebooks}
    assert {
        "kaizhou",
        "example",
        "wuhan",
        "tongliang",
        "nansha",
        "linshui",
        "daying",
        "wuqi",
        "longhui",
        "shitai",
    } <= regions
    noisy = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" or (
                    output.get("output_type") == "stream" and output.get("name") == "stderr"
                ):
                    noisy.append(
                        f"{path.relative_to(out)} cell {index}: {str(output.get('text', output))[:200]}"
                    )
    assert not noisy, "\n".join(noisy)


def test_no_page_shows_a_missing_value_as_a_word(full_run):
    """No None, nan, NaT or <NA> in the visible text of any page the run writes (review, trends,
    source, comparison and index pages); the other language is rendered in test_no_missing_values."""
    from tests.guarantees.test_no_missing_values import missing_words, visible_text

    out, _ = full_run
    found = {
        p.relative_to(out).as_posix(): missing_words([visible_text(p.read_text(encoding="utf-8"))])
        for p in sorted(out.rglob("*.html"))
    }
    assert len(found) > 40
    assert not {k: v for k, v in found.items() if v}


def test_every_draft_page_says_it_is_a_draft(full_run):
    out, _ = full_run
    for region, year in (("wuhan", 2023), ("tongliang", 2021), ("shitai", 2020)):
        # the review pages (a run's .source.html is the report text as published, with no draft calls on it)
        pages = [p for p in (out / region).glob(f"{year}*.html") if not p.name.endswith(".source.html")]
        assert pages, region
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert "UNCURATED DRAFT" in text or "未审核" in text, page.name
