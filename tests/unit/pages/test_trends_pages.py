"""The trends page across the 2020/2021 framework change, its quotes linked to the source pages,
and the draft follow-ups' reasons in the page's language (issue 11 item 2, issue 12 follow-ups)."""

from __future__ import annotations

import re

import pytest

from policy_review.core import labels, paths
from policy_review.draft import extract, followup
from policy_review.pages import trends_page as show
from policy_review.review import trends as tt, year_review as rv
from policy_review.sources.report_text import read_report_text
from policy_review.tables import names

LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def tongliang():
    return tt.load_trends("tongliang", "en")


def test_tongliang_areas_are_compared_in_one_framework(tongliang):
    """Tongliang has reports on 2020 (2015–2020 outline) and 2021–2023 (2021–2025 outline): every
    year is counted in the 2021–2025 areas, 2020's capacity and organisation added up under
    organisation, and the areas new in 2021 shown as held by functions in 2020, not "not reported"."""
    ar = tt.area_reporting_by_year(tongliang)
    # no 2015-only id (capacity) left; a draft's items below the threshold stay "not classified"
    assert set(ar["area_id"]) - {"unclassified"} == set(names.area_names(2023, "en"))
    cov2020 = rv.coverage_by_area(tongliang.reviews[0], names.area_names(2020, "en")).set_index("area_id")
    org = ar[(ar["year"] == 2020) & (ar["area_id"] == "organisation")].iloc[0]
    for level in ("evidenced", "mentioned", "claimed"):
        assert org[level] == cov2020.loc["capacity", level] + cov2020.loc["organisation", level]
    assert org["from_areas"] == "capacity|organisation"
    held = ar[(ar["year"] == 2020) & ar["area_id"].isin(["emergencies", "technology"])]
    assert list(held["reporting"]) == ["held_elsewhere"] * 2 and set(held["held_by"]) == {"functions"}
    later = ar[(ar["year"] > 2020) & (ar["area_id"] == "emergencies")]
    assert "held_elsewhere" not in set(later["reporting"])


def test_an_excerpt_years_unreached_areas_are_not_in_the_available_part(tongliang):
    """Every Tongliang year is an excerpt: an area a year's text does not reach is not in the
    available part that year, never "not reported" (read as dropped), and the view says what that means."""
    assert all(r.is_excerpt for r in tongliang.reviews)
    ar = tt.area_reporting_by_year(tongliang)
    assert "not_reported" not in set(ar["reporting"])
    unreached = ar[ar["reporting"] == "not_in_excerpt"]
    assert not unreached.empty
    assert (unreached[["evidenced", "mentioned", "claimed", "tasks_named"]].sum(axis=1) == 0).all()
    page = show.area_trend_table(tongliang).data
    name = names.term("reporting", "not_in_excerpt", "en")
    assert page.count(f">{name}</td>") == len(unreached) and ">not reported</td>" not in page
    assert labels.t("not_in_excerpt_note", "en").replace("'", "&#x27;") in page
    assert labels.t("not_in_excerpt_note", "en") in show.trends_notes(tongliang).data


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_areas_view_says_how_years_are_compared(lang):
    tr = tt.load_trends("tongliang", lang)
    page = show.area_trend_table(tr).data
    first = page.split("</p>")[0]
    assert "area_crosswalk.csv" in first
    assert names.area_name("capacity", lang).replace("'", "&#x27;") in first
    assert ("counted under" if lang == "en" else "计入") in first
    rows = len(set(tt.area_reporting_by_year(tr)["area_id"]))
    assert page.count("<tr>") == 1 + rows >= 1 + len(names.area_names(2023, lang))


def test_one_framework_needs_no_crosswalk_sentence():
    tr = tt.load_trends("kaizhou", "en")  # 2018–2020: all under the 2015–2020 outline
    page = show.area_trend_table(tr).data
    assert "area_crosswalk" not in page and "2015–2020" in page


def test_trends_quotes_link_to_the_source_pages(tongliang):
    """Every quote of the plan-count and figures tables links to its year's source page."""
    kz = tt.load_trends("kaizhou", "en")
    page = show.plan_trend_table(kz).data
    links = re.findall(r'href="(\d{4})\.source\.html#s(\d+)-(\d+)"', page)
    pc = tt.plan_counts(kz)
    assert len(links) == len(pc) > 0
    for (year, start, end), (_, row) in zip(links, pc.iterrows()):
        review = kz.reviews[kz.years.index(int(year))]
        assert int(year) == row["report_year"]
        linked = review.text[int(start) : int(end)]
        assert linked in row["quote"] or row["quote"] in linked
    figures = show.figures_across_years_table(kz).data
    flinks = re.findall(r'href="(\d{4})\.source\.html#s(\d+)-(\d+)">([^<]*)</a>', figures)
    assert len(flinks) == len(tt.figures_across_years(kz)) > 0
    for year, start, end, quote in flinks:
        text = kz.reviews[kz.years.index(int(year))].text
        # the figure is in the quoted sentence
        assert text[int(start) : int(end)] in quote.replace("&#x27;", "'")


def test_draft_followup_reasons_are_in_both_languages():
    """Kaizhou 2018's commitments followed up in a draft of the 2019 excerpt: each row has an English
    reason and a Chinese one (a zh page shows the Chinese)."""
    r2018 = rv.load_review("kaizhou", 2018, "en")
    text = read_report_text(paths.reports_dir("kaizhou") / "2019.txt")
    evidence = rv.draft_tables(extract.extract_report(text, 2019), 2019)["evidence"]
    excerpt = followup.follow_up(r2018.commitments, evidence, text, True, 2019)
    assert len(excerpt) == len(r2018.commitments) > 0 and set(excerpt["status"]) == {"not_available"}
    full = followup.follow_up(r2018.commitments, evidence, text, False, 2019, min_score=0.5)
    assert {"evidenced", "not_found"} <= set(full["status"])
    for row in excerpt.to_dict("records") + full.to_dict("records"):
        assert LATIN.search(row["reason"]), row["reason"]
        zh = labels.note_text(row, "reason", "zh")
        assert not LATIN.search(zh), zh
    not_found = full[full["status"] == "not_found"]
    assert all(z.startswith("2019年度报告中没有") for z in not_found["reason_zh"])
    assert all("共同词语" in z for z in full[full["status"] == "evidenced"]["reason_zh"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_task_without_translation_shows_its_chinese_name_marked(lang):
    """Xiping's 2020 plan tasks have no English name: an English page shows the Chinese name and
    says it is not translated (never the bare placeholder), the same in every view."""
    from policy_review.draft.task_matching import plan_tasks
    from policy_review.pages import ledger_grid

    tasks = plan_tasks("xiping", 2020, "")
    assert not tasks.empty and set(tasks["name_en"]) == {labels.UNTRANSLATED}
    shown = list(labels.localized(tasks, "name", lang))
    one = [ledger_grid.task_name(row, lang) for row in tasks.to_dict("records")]
    assert shown == one
    for zh, name in zip(tasks["name_zh"], shown):
        assert name.startswith(zh) and name != labels.UNTRANSLATED
        assert name == (f"{zh} (Chinese name, not translated)" if lang == "en" else zh)


def test_wuhan_2023_in_chinese_shows_no_english_placeholder():
    """武汉 2023 (a Chinese run of an excerpt whose page shows no title or publisher): the source
    table, the charts' source line and the source page say 原网页未显示 and the Chinese coverage
    note; the figures table names the text before the first heading 开头部分, not "preamble"."""
    from policy_review.pages import source_page, year_page

    r = rv.load_review("wuhan", 2023, "zh")
    shown = " ".join(
        [
            year_page.source_table(r).data,
            year_page.source_line(r),
            source_page.source_html(r),
            year_page.funnel_table(r).data,
        ]
    )
    for english in ("not shown", "the opening of the published page", "unknown", "—</p>"):
        assert english not in shown, english
    assert "原网页未显示" in shown and "仅为所发布网页的开头部分" in shown
    figures = year_page.figures_interactive(r).data  # (its no-script fallback says "rows not shown")
    assert "preamble" not in figures and "开头部分" in figures
    en = rv.load_review("wuhan", 2023, "en")
    assert "not shown on the page" in year_page.source_line(en)
