"""The comparison across regions, on the shipped data: one row per region as the year review
computes it, flags on every view, rankings on comparable rows only, links to the region's page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from policy_review.review import statutory
from policy_review.tables import names


@pytest.fixture(scope="module")
def rows():
    from policy_review.review.compare import comparison_row
    from policy_review.review.year_review import load_review

    return {
        (r, y): comparison_row(load_review(r, y))
        for r, y in [("kaizhou", 2018), ("kaizhou", 2019), ("example", 2021)]
    }


def test_a_row_holds_the_year_reviews_numbers(rows):
    from policy_review.review import year_review as rv
    from policy_review.review.year_review import load_review

    row, review = rows[("kaizhou", 2018)], load_review("kaizhou", 2018)
    check = statutory.publication_check(review)
    assert row["published"] == "2019-02-02"  # the provenance of the 2018 report
    assert row["days_early"] == (dt.date.fromisoformat(check["deadline_date"]) - dt.date(2019, 2, 2)).days > 0
    # the five items of the 2019 regulation are not required of a report on 2018: none counted
    assert row["statutory_items"] == 0 and row["statutory_covered"] is None
    later = rows[("kaizhou", 2019)]
    assert later["statutory_items"] == 5 and 0 <= later["statutory_covered"] <= 5
    assert row["plan"]["annual"]["assigned"] == rv.plan_count(review, "annual", "assigned")
    assert row["figures"] == len(review.figures)
    assert row["figures_per_1000"] == round(len(review.figures) * 1000 / len(review.text), 2)
    assert row["areas_reported"] <= row["areas_in_force"] == len(row["area_reporting"])
    assert row["problems"] == sum(row["problems_by_theme"].values()) == len(review.issues)
    assert row["province"] == "重庆市" and not (row["excerpt"] or row["draft"] or row["synthetic"])
    assert rows[("kaizhou", 2019)]["excerpt"] and rows[("example", 2021)]["synthetic"]


def test_rankings_leave_flagged_rows_out_unless_asked(rows):
    from policy_review.review.compare import Comparison, ranking

    c = Comparison(2018, "en", list(rows.values()))
    assert list(ranking(c)["region"]) == ["kaizhou"] and len(ranking(c)) == 1
    asked = Comparison(2018, "en", list(rows.values()), rank_flagged=True)
    assert len(ranking(asked)) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_flags_and_links(rows, lang):
    from policy_review.pages import compare_page as show
    from policy_review.review.compare import Comparison, province_name

    c = Comparison(2018, lang, [dict(r, year=2018) for r in rows.values()])
    banner = show.flags_banner(c).data
    assert ("2 of 3" in banner) if lang == "en" else ("3行中有2行" in banner)
    table = show.comparison_table(c).data
    assert "../kaizhou/2018" in table and "#sec-statutory" in table and "#sec-figures" in table
    heat = show.heatmap(c).data
    assert "<details" in heat and province_name("重庆市", lang) in heat and "#sec-coverage" in heat
    assert ("Chongqing" in heat) if lang == "en" else ("Chongqing" not in heat)  # in the page's language
    assert show.ranking_table(c).data.count("<tr") == 2  # the header and the one comparable row


def test_a_row_is_read_from_the_run_with_a_page_in_either_language(rows, tmp_path):
    import json

    from policy_review.review.compare import comparison_rows

    row = dict(rows[("kaizhou", 2018)], year=2023)
    both, bare = tmp_path / "both", tmp_path / "bare"
    for folder, stem, page in [(both, "2023", False), (both, "2023.zh", True), (bare, "2023", False)]:
        folder.mkdir(exist_ok=True)
        (folder / f"{stem}.summary.json").write_text(json.dumps({"comparison": row}), encoding="utf-8")
        if page:
            (folder / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
    read = comparison_rows(2023, ["both", "bare"], "en", str(tmp_path))
    assert [r["page"] for r in read] == ["2023.zh.html", "2023.html"]  # the page there, else the row alone
    assert [r["figures"] for r in read] == [row["figures"]] * 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_excerpts_unreached_areas_are_not_in_the_available_part(rows, lang):
    """Kaizhou 2019 is an excerpt: the areas it does not reach are ``not_in_excerpt`` in its row, are
    not counted as reported, and the region × area heatmap shows them hatched with their own mark
    and name, not as "not reported" (issue 11)."""
    from policy_review.core import labels
    from policy_review.pages import compare_page as show
    from policy_review.review.compare import Comparison

    row = rows[("kaizhou", 2019)]
    statuses = list(row["area_reporting"].values())
    assert "not_reported" not in statuses and "not_in_excerpt" in statuses
    reached = [s for s in statuses if s != "not_in_excerpt"]
    assert row["areas_reported"] == len(reached) < row["areas_in_force"]
    heat = show.heatmap(Comparison(2019, lang, [row])).data.split("</table>", 1)[1]  # the region rows
    name = names.term("reporting", "not_in_excerpt", lang)
    assert heat.count('class="pr-cell r-not_in_excerpt"') == statuses.count("not_in_excerpt")
    assert heat.count(f'title="{name}"') == statuses.count("not_in_excerpt")
    assert 'class="pr-cell r-not_reported"' not in heat and ".r-not_in_excerpt," in show.STYLE
    assert labels.t("cmp_mark_not_in_excerpt", lang) != names.term("reporting", "not_reported", lang)[:2]


def test_hostile_names_are_escaped(rows):
    from policy_review.pages import compare_page as show
    from policy_review.review.compare import Comparison

    row = dict(rows[("kaizhou", 2018)], name_en="<script>alert(1)</script>", region='x"><b>')
    page = (
        show.comparison_table(Comparison(2018, "en", [row])).data
        + show.heatmap(Comparison(2018, "en", [row])).data
    )
    assert "<script>alert" not in page and '"><b>' not in page


def test_every_shipped_real_region_has_its_province():
    """The comparison's heatmap groups by province: a real region without one would sit in an
    unnamed row (武汉市 and 广州市南沙区 do not begin with their province, so their provenance says it)."""
    import yaml

    from policy_review.core import paths
    from policy_review.review import compare

    found = {}
    for path in sorted((paths.root() / "data" / "reports").glob("*/*.yaml")):
        provenance = yaml.safe_load(path.read_text(encoding="utf-8"))
        if provenance.get("synthetic"):
            continue
        found[path.parent.name] = compare.province_of(provenance)
    assert found["wuhan"] == "湖北省" and found["nansha"] == "广东省" and found["kaizhou"] == "重庆市"
    assert all(found.values()), {r: p for r, p in found.items() if not p}


# --- a year whose regions ran in different languages ------------------------------------------
MIXED = ("tongliang-2023", "wuhan-2022", "wuhan-2023")  # en, en, zh as shipped


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """The shipped tongliang 2023 (English) and wuhan 2022 (English) and 2023 (Chinese) runs."""
    from tests.conftest import run_cli

    out = tmp_path_factory.mktemp("mixed") / "out"
    result = run_cli("run", *(f"params/{name}.yaml" for name in MIXED), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


def _summary(out, region: str, year: int) -> dict:
    import json

    (path,) = (out / region).glob(f"{year}*.summary.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_year_is_compared_across_the_languages_of_its_runs(mixed_run):
    out, _ = mixed_run
    langs = {r: _summary(out, r, 2023)["lang"] for r in ("tongliang", "wuhan")}
    assert sorted(langs.values()) == ["en", "zh"]  # the shipped params: one run in each language
    for lang, page in {"en": "2023.html", "zh": "2023.zh.html"}.items():
        page = out / "compare" / page
        text = page.read_text(encoding="utf-8")
        assert f'lang="{lang}"' in text
        for region, run_lang in langs.items():
            own = "2023.html" if run_lang == "en" else "2023.zh.html"
            assert f"../{region}/{own}#sec-statutory" in text  # the page that exists, whatever the language
            names = _summary(out, region, 2023)["comparison"]
            # the region is named in the page's language, not in its run's
            assert names[f"name_{lang}"] in text
        assert not (out / "compare" / "2022.html").exists()  # wuhan alone ran 2022
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="compare/2023.html"' in index and 'href="compare/2023.zh.html"' in index


@pytest.mark.slow
def test_every_link_of_every_page_is_to_a_file_the_run_wrote(mixed_run):
    from tests.conftest import dangling_links, page_links

    out, _ = mixed_run
    links = page_links(out)
    assert {"index.html", "compare/2023.html", "wuhan/trends.html", "wuhan/trends.zh.html"} <= set(links)
    assert dangling_links(out) == []
    # wuhan's English trends page quotes its 2023 report from the Chinese run's source page
    assert any(h.startswith("2023.zh.source.html#s") for h in links["wuhan/trends.html"])


@pytest.mark.slow
def test_both_comparisons_skip_unchanged_rows_and_re_run_on_a_changed_one(mixed_run, tmp_path):
    import re
    import shutil

    from tests.conftest import run_cli

    out = tmp_path / "out"
    shutil.copytree(mixed_run[0], out)
    names = [f"params/{name}.yaml" for name in MIXED]
    again = run_cli("run", *names, "--out", str(out))
    assert again.returncode == 0, again.stderr
    states = dict(re.findall(r"^\[\d+/\d+\] (.+?): (ok|skipped|FAILED)", again.stderr, re.M))
    assert states["compare 2023"] == states["compare 2023 (zh)"] == "skipped" == states["wuhan 2023 (zh)"]

    summary = out / "tongliang" / "2023.summary.json"  # one row changes: as a re-run year review would
    summary.write_text(
        summary.read_text(encoding="utf-8").replace('"problems": ', '"problems": 1'), encoding="utf-8"
    )
    changed = run_cli("run", *names, "--out", str(out))
    assert changed.returncode == 0, changed.stderr
    states = dict(re.findall(r"^\[\d+/\d+\] (.+?): (ok|skipped|FAILED)", changed.stderr, re.M))
    assert states["compare 2023"] == states["compare 2023 (zh)"] == "ok"
    assert states["tongliang 2023"] == states["wuhan 2023 (zh)"] == "skipped"


def test_the_heatmap_has_the_areas_in_force_only_and_no_empty_cell():
    """A draft's evidence items below the classification threshold are ``unclassified``: that is no
    framework area, and it must not become a heatmap column whose other regions read "nan"
    (tongliang 2020, a draft read with the term lists, beside kaizhou 2020, curated)."""
    from policy_review.draft.classifiers import using
    from policy_review.pages import compare_page as show
    from policy_review.review.compare import Comparison, area_matrix, comparison_row
    from policy_review.review.year_review import coverage_by_area, load_review
    from policy_review.tables.names import area_names

    with using("terms"):  # the term lists leave some of its items undecided (the model decides all)
        reviews = [load_review(r, 2020) for r in ("tongliang", "kaizhou")]
    assert "unclassified" in set(coverage_by_area(reviews[0])["area_id"])  # the case exists in the draft
    rows = [comparison_row(r) for r in reviews]
    assert "unclassified" not in rows[0]["area_reporting"]  # and is no area of the row
    c = Comparison(2020, "en", rows)
    matrix = area_matrix(c)
    assert list(matrix.columns) == list(area_names(2020))
    assert not matrix.isna().any().any()
    heat = show.heatmap(c).data
    assert ">nan<" not in heat and 'title="nan"' not in heat and "r-nan" not in heat


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_province_share_is_taken_over_the_regions_whose_text_reaches_the_area(lang):
    """2020's reports are all excerpts (重庆市: kaizhou and tongliang; 广东省: nansha; 安徽省: shitai):
    an area no region of a province reaches is hatched (not in the available part), never 0%, and a
    share is the regions evidencing the area over those whose text reaches it (issue 27, point 3)."""
    from policy_review.core.labels import t
    from policy_review.pages import compare_page as show
    from policy_review.review.compare import Comparison, comparison_row, province_heatmap
    from policy_review.review.year_review import load_review

    rows = [comparison_row(load_review(r, 2020, lang)) for r in ("kaizhou", "tongliang", "nansha", "shitai")]
    assert all(r["excerpt"] for r in rows)
    c = Comparison(2020, lang, rows)
    cells = province_heatmap(c)
    for cell in cells.to_dict("records"):
        members = [r for r in rows if r["province"] == cell["province"]]
        statuses = [r["area_reporting"][cell["area_id"]] for r in members]
        reached = [s for s in statuses if s != "not_in_excerpt"]
        assert cell["reached"] == len(reached) and cell["evidenced"] == reached.count("evidenced")
        if reached:
            assert cell["share"] == round(reached.count("evidenced") / len(reached), 3)
        else:
            assert cell["share"] is None or pd.isna(cell["share"])
    unreached = cells[cells["share"].isna()]
    assert len(unreached) >= 10  # most areas of most provinces: excerpts stop early
    heat = show.heatmap(c).data
    grid = heat.split("</table>")[0]  # the province × area grid (the drill-downs follow it)
    assert grid.count('class="unreached"') == len(unreached)
    assert ">0%<" not in grid.replace(">0%<span", "")  # a 0% only where some region's text reaches
    zero = cells[cells["share"] == 0]
    assert grid.count(">0%<span") == len(zero)
    assert t("cmp_mark_not_in_excerpt", lang) in grid
