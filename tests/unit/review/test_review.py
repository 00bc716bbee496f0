"""The year review's computations, checked by hand against the Kaizhou reports."""

from __future__ import annotations

import html
import io

import pandas as pd
import pytest

from policy_review.core import labels
from policy_review.pages import coverage, followups, year_page
from policy_review.review import statutory, year_review as rv
from policy_review.review.summary import headline
from policy_review.tables import names


@pytest.fixture(scope="module")
def r2018():
    return rv.load_review("kaizhou", 2018, "en")


@pytest.fixture(scope="module")
def r2019():
    return rv.load_review("kaizhou", 2019, "en")


def counts(funnel):
    return {(k, s): int(c) for k, s, c in zip(funnel["kind"], funnel["stage"], funnel["count"])}


def test_2018_plan_is_15_annual_and_44_long_term(r2018):
    assert counts(rv.plan_funnel(r2018)) == {("annual", "assigned"): 15, ("long_term", "assigned"): 44}


def test_2019_funnel_from_121_announced_to_51_assigned(r2019):
    c = counts(rv.plan_funnel(r2019))
    assert c == {
        ("annual", "announced"): 121,
        ("annual", "assigned"): 51,
        ("annual", "completed_on_time"): 48,
        ("annual", "delayed"): 3,
        ("long_term", "announced"): 44,
        ("long_term", "assigned"): 44,
    }
    funnel = rv.plan_funnel(r2019)
    # the announcement comes from the 2018 report, the rest from the 2019 report, each with its quote
    announced = funnel[(funnel["kind"] == "annual") & (funnel["stage"] == "announced")].iloc[0]
    assert announced["report_year"] == 2018 and "121" in announced["quote"]
    assert list(funnel["stage"][funnel["kind"] == "annual"]) == [
        "announced",
        "assigned",
        "completed_on_time",
        "delayed",
    ]


def test_summary_json_headline_numbers():
    h = headline("kaizhou", 2019)
    assert h["plan"]["annual"]["announced"] == 121
    assert h["plan"]["annual"]["assigned"] == 51
    assert h["plan"]["long_term"]["assigned"] == 44
    assert h["plan"]["annual"]["completed_on_time"] == 48
    assert h["plan"]["annual"]["delayed"] == 3
    h18 = headline("kaizhou", 2018)
    assert (h18["plan"]["annual"]["assigned"], h18["plan"]["long_term"]["assigned"]) == (15, 44)


def test_publication_deadline_by_the_rule_in_force():
    # 2018 report: the 纲要's first-quarter rule; published 2019-02-02
    c18 = statutory.publication_check(rv.load_review("kaizhou", 2018))
    assert (c18["rule_id"], c18["deadline_date"], c18["in_time"]) == ("outline_2015", "2019-04-01", True)
    # 2019 report: the 2019 督察工作规定, before 1 April 2020; published 2020-03-16, 16 days to spare
    c19 = statutory.publication_check(rv.load_review("kaizhou", 2019))
    assert (c19["rule_id"], c19["in_time"], c19["days_to_spare"]) == ("supervision_2019", True, 16)


def test_late_publication_is_flagged(r2019):
    late = rv.YearReview(**{**r2019.__dict__, "provenance": {**r2019.provenance, "published": "2020-04-01"}})
    assert statutory.publication_check(late)["in_time"] is False


def test_task_accounting_2018(r2018):
    acc = rv.task_accounting(r2018).set_index("kind")
    # 15 annual declared; the report names 9 (三清单 3, 一体系 1, 两责任 2, 一张网 1, 五公开 1, 六监督 1)
    assert acc.loc["annual", "declared"] == 15 and acc.loc["annual", "named"] == 9
    assert acc.loc["annual", "not_identifiable"] == 6
    # 44 long-term declared against the 5 aspects the report gives
    assert acc.loc["long_term", "declared"] == 44 and acc.loc["long_term", "named"] == 5
    assert acc.loc["long_term", "not_identifiable"] == 39


def test_coverage_keeps_every_area_and_words_silence_as_not_reported(r2018):
    cov = rv.coverage_by_area(r2018, names.area_names(2018, "en"))
    assert len(cov) == 8  # areas with nothing are shown, not dropped
    by_area = cov.set_index("area_id")
    # the 2018 report evidences the streamlining of functions (三清单, 放管服) and oversight (六监督)
    assert by_area.loc["functions", "area_reporting"] == "evidenced"
    assert by_area.loc["oversight", "area_reporting"] == "evidenced"
    silent = set(by_area.index[by_area["area_reporting"] == "not_reported"])
    assert silent == {
        a for a in by_area.index if by_area.loc[a, ["evidenced", "mentioned", "claimed"]].sum() == 0
    }
    assert names.term("reporting", "not_reported", "zh") == "未见报告"


def test_followups_of_2018_commitments_in_2019(r2019):
    assert rv.followup_counts(r2019) == {
        "evidenced": 6,
        "mentioned": 1,
        "delayed": 1,
        "not_found": 5,
        "not_available": 0,
    }  # curated: the excerpt gave its reason
    pc = rv.commitments_followed_up(r2019)
    # the enforcement reform was slowed; the five mechanisms were set up
    reform = pc[pc["quote"].str.contains("综合行政执法改革")]
    assert list(reform["status"]) == ["delayed"]
    mechanisms = pc[pc["quote"].str.contains("制度。")]
    assert len(mechanisms) == 5 and set(mechanisms["status"]) == {"evidenced"}
    # what the excerpt cannot show is not_found, with the reason
    assert pc[pc["status"] == "not_found"]["reason"].str.contains("excerpt").all()


def test_problems_and_recurrence(r2018, r2019):
    p18 = rv.problems_table(r2018)
    assert len(p18) == 5
    assert p18["recurs"].isna().all()  # no 2017 report: cannot tell
    p19 = rv.problems_table(r2019)
    assert list(p19["theme"]) == ["institutional_reform"] and list(p19["recurs"]) == [False]


def test_statutory_check_2018(r2018):
    s = statutory.statutory_check(r2018).set_index("item_id")
    covered = {k: (None if v is None else bool(v)) for k, v in s["covered"].items()}
    assert covered["measures_results"] is True and s.loc["measures_results", "section"] == "一"
    assert covered["shortcomings"] is True and s.loc["shortcomings", "section"] == "二"
    assert covered["next_year_plans"] is True and s.loc["next_year_plans", "section"] == "三"
    # the full 2018 text says nothing of the principal leaders' duty as first persons responsible,
    # but the 2019 regulation that asks for it starts with reports on 2019 (reporting_rules.csv):
    # on 2018 it is "not required then", never "no", and no item is counted (issue 27, point 4)
    assert not s["required"].any() and covered["leaders_duty"] is None and covered["other_matters"] is None
    assert statutory.statutory_counts(r2018) == (0, 0)
    assert (s.loc["leaders_duty", "found_by"], s.loc["other_matters", "found_by"]) == (
        "not required then",
    ) * 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_statutory_items_not_yet_required_are_not_no(lang):
    """Kaizhou 2018's page and comparison row: the items of the 2019 regulation are not required
    of a report on 2018, so its page says so (never "no") and its row counts none of them; a
    report on 2019 is held to all five (issue 27, point 4)."""
    from policy_review.core.labels import t
    from policy_review.pages import year_page
    from policy_review.review.compare import comparison_row

    r18 = rv.load_review("kaizhou", 2018, lang)
    page = year_page.statutory_table(r18).data
    shown = list(pd.read_html(io.StringIO(page))[0][t("col_covered", lang)])
    assert t("no", lang) not in shown and t("yes", lang) not in shown
    assert shown.count(t("statutory_not_required", lang, year=2018, first=2019)) == 2
    assert shown.count(t("statutory_found_not_required", lang, year=2018)) == 3
    row = comparison_row(r18)
    assert (row["statutory_covered"], row["statutory_items"]) == (None, 0)
    r19 = rv.load_review("kaizhou", 2019, lang)
    assert statutory.statutory_check(r19)["required"].all() and comparison_row(r19)["statutory_items"] == 5


def test_statutory_check_in_an_excerpt_is_cannot_tell(r2019):
    s = statutory.statutory_check(r2019).set_index("item_id")
    assert s.loc["next_year_plans", "covered"] is None


def test_a_closing_next_step_paragraph_covers_the_next_year_plans():
    """pingtan-jingfaju 2022 has no next-year chapter: its plans are the closing 下一步，… paragraph."""
    r = rv.load_review("pingtan-jingfaju", 2022, "en")
    s = statutory.statutory_check(r).set_index("item_id")
    assert bool(s.loc["next_year_plans", "covered"]) and s.loc["next_year_plans", "found_by"] == "commitment"
    assert s.loc["next_year_plans", "quote"].startswith("\u4e0b\u4e00\u6b65")  # 下一步


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_publication_date_says_why_in_time_cannot_be_told(lang):
    """longhua 2019's text of record gives no publication date: "unknown" would read as a verdict."""
    r = rv.load_review("longhua", 2019, lang)
    assert statutory.publication_check(r)["in_time"] is None
    assert labels.t("in_time_date_unknown", lang) in year_page.source_table(r).data


def test_figures_table_quotes_the_sentence(r2018):
    f = rv.figures_table(r2018, names.area_names(2018, "en"))
    row = f[f["raw"] == "45.88%"].iloc[0]
    assert row["value"] == 45.88 and "19.55%" in row["quote"] and row["area"]
    assert r2018.text[int(row["start"]) : int(row["end"])] == "45.88%"


def test_uncurated_year_is_a_labelled_draft(project_copy):
    text = (project_copy / "data" / "reports" / "kaizhou" / "2019.txt").read_text(encoding="utf-8")
    new = project_copy / "data" / "reports" / "newtown"
    new.mkdir()
    (new / "2019.txt").write_text(text, encoding="utf-8")
    prov = (project_copy / "data" / "reports" / "kaizhou" / "2019.yaml").read_text(encoding="utf-8")
    (new / "2019.yaml").write_text(prov.replace("region: kaizhou", "region: newtown"), encoding="utf-8")
    r = rv.load_review("newtown", 2019)
    assert r.curated is False
    c = counts(rv.plan_funnel(r))
    assert c[("annual", "assigned")] == 51 and c[("annual", "completed_on_time")] == 48
    assert (r.plan_counts["note"] == "extracted, not reviewed").all()
    assert any("uncurated" in n for n in rv.data_notes(r))


# ---------------------------------------------------------------- excerpts (issue 11)

#: Shipped real reports whose provenance says ``coverage: excerpt`` (checked in the test).
EXCERPTS = [
    ("kaizhou", 2019),
    ("kaizhou", 2020),
    ("wuhan", 2022),
    ("wuhan", 2023),
    ("tongliang", 2021),
    ("nansha", 2021),
]


def _unreached(review) -> list[str]:
    cov = rv.coverage_by_area(review, names.area_names(review.year, review.lang))
    assert "not_reported" not in set(cov["area_reporting"]), cov[["area_id", "area_reporting"]]
    return list(cov.loc[cov["area_reporting"] == "not_in_excerpt", "area"])


@pytest.mark.parametrize("region, year", EXCERPTS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_excerpt_never_says_an_area_it_does_not_reach_is_not_reported(region, year, lang):
    """An excerpt stops early: an area with nothing in it is not in the available part, in the
    coverage table, the chart's title and the written headline, never 未见报告 / "not reported"."""
    from policy_review.pages import findings

    r = rv.load_review(region, year, lang)
    assert r.is_excerpt  # from the provenance
    unreached = _unreached(r)
    assert unreached  # each of these excerpts stops before some area
    not_in_part = names.term("reporting", "not_in_excerpt", lang)
    not_reported = names.term("reporting", "not_reported", lang)
    sentence = next(s for s in findings.plain_headline(r) if unreached[0] in s)
    assert not_in_part in sentence and not_reported not in sentence, sentence
    assert all(a in sentence for a in unreached)
    title = coverage.coverage_finding(r, rv.coverage_by_area(r, names.area_names(r.year, lang)))
    assert not_in_part in title and not_reported not in title, title
    table = coverage.coverage_table(r).data
    assert table.count(f"<td>{not_in_part}</td>") == len(unreached)
    assert f"<td>{not_reported}</td>" not in table


def _without_area(review, area: str):
    """Kaizhou 2018's curated rows with every evidence item and task of ``area`` taken out: the
    full report covers all eight areas, so a truly silent area is made by cutting its passages'
    rows (the text itself is untouched)."""
    import dataclasses

    return dataclasses.replace(
        review,
        evidence=review.evidence[review.evidence["area_id"] != area],
        tasks=review.tasks[review.tasks["area_id"] != area],
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_full_report_still_says_not_reported_for_a_silent_area(lang):
    import dataclasses

    from policy_review.pages import findings

    full = rv.load_review("kaizhou", 2018, lang)
    assert not full.is_excerpt
    cut = _without_area(full, "rules")
    cov = rv.coverage_by_area(cut, names.area_names(2018, lang)).set_index("area_id")
    assert cov.loc["rules", "area_reporting"] == "not_reported"
    name, not_reported = cov.loc["rules", "area"], names.term("reporting", "not_reported", lang)
    sentence = next(s for s in findings.plain_headline(cut) if name in s)
    assert not_reported in sentence and names.term("reporting", "not_in_excerpt", lang) not in sentence
    # the same rows read as an excerpt: the provenance decides, nothing else
    as_excerpt = dataclasses.replace(cut, provenance={**cut.provenance, "coverage": "excerpt"})
    cov = rv.coverage_by_area(as_excerpt, names.area_names(2018, lang)).set_index("area_id")
    assert cov.loc["rules", "area_reporting"] == "not_in_excerpt"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_commitments_found_in_last_years_excerpt_are_not_none_made(lang):
    """武汉's 2022 text is an excerpt that stops before its plans: its 2023 review finds no
    commitments for 2023 in it, and says the available part holds none, not that it made none.
    Kaizhou 2019 with last year's commitments taken out still says none were made (2018 is full)."""
    import dataclasses

    from policy_review.sources import provenance

    wuhan = rv.load_review("wuhan", 2023, lang)
    assert provenance.is_excerpt("wuhan", 2022) and rv.commitments_followed_up(wuhan).empty
    said = html.unescape(followups.followups_table(wuhan).data)
    assert labels.t("followups_none_excerpt", lang) in said and labels.t("followups_none", lang) not in said
    kaizhou = rv.load_review("kaizhou", 2019, lang)
    assert not provenance.is_excerpt("kaizhou", 2018)
    none = dataclasses.replace(kaizhou, previous_commitments=kaizhou.previous_commitments.iloc[0:0])
    assert labels.t("followups_none", lang) in html.unescape(followups.followups_table(none).data)


@pytest.mark.parametrize("region, year", [("wuhan", 2023), ("kaizhou", 2019)])
def test_the_spreadsheets_coverage_sheet_is_the_pages(region, year):
    """The run's spreadsheet lists the areas of the framework in force that year, as the page does
    (武汉 2023: the nine 2021–2025 areas, not the eight of 2015–2020), and an excerpt's unreached
    areas are not in the available part there too."""
    from policy_review.pages.exports import spreadsheet

    r = rv.load_review(region, year, "en")
    sheet = spreadsheet.review_tables(r)["coverage_by_area"]
    page = rv.coverage_by_area(r, names.area_names(year, "en"))
    assert list(sheet["area_id"]) == list(page["area_id"])
    assert list(sheet["area_reporting"]) == list(page["area_reporting"])
    assert r.is_excerpt and "not_reported" not in set(sheet["area_reporting"])
    assert "not_in_excerpt" in set(sheet["area_reporting"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_followups_an_excerpt_does_not_show_are_not_in_its_available_part(lang):
    """开州's 2019 text is an excerpt: the 2018 commitments it shows nothing of (curated not_found)
    are "not in the available part" in the headline and the chart's finding, never 未见报告/"not
    found"; 2018's full report, with its follow-ups read as if from 2019's, still says not found."""
    import dataclasses

    from policy_review.pages import findings

    r = rv.load_review("kaizhou", 2019, lang)
    n = rv.followup_counts(r)["not_found"]
    assert r.is_excerpt and n
    template = labels.pick(labels.TEXT["wh_followups"], lang)  # the words between {delayed} and {not_found}
    between = template.split("{delayed}")[1].split("{not_found}")[0]
    said = [s for s in findings.plain_headline(r) if between in s]
    away = names.term("followup_status", "not_available", lang)
    assert len(said) == 1 and (f"{n} {away}" if lang == "en" else f"{n}项{away}") in said[0]
    assert names.term("followup_status", "not_found", lang) not in said[0] and "未见报告" not in said[0]
    full = dataclasses.replace(r, provenance={**r.provenance, "coverage": "full"})
    assert findings.not_found(full, rv.followup_counts(full)) == (
        n,
        names.term("followup_status", "not_found", lang),
    )
    assert findings.not_found(r, rv.followup_counts(r)) == (n, away)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_report_last_year_is_not_no_commitments_made(lang):
    """开州 2018 is the first report of the workbook: there is no 2017 report, so the follow-ups
    say there is none in the workbook, not that last year's report made no commitments."""

    r = rv.load_review("kaizhou", 2018, lang)
    assert not r.previous_available and rv.commitments_followed_up(r).empty
    said = html.unescape(followups.followups_table(r).data)
    assert labels.t("followups_no_previous", lang, year=2017) in said
    assert labels.t("followups_none", lang) not in said


def test_the_headline_counts_an_excerpts_silent_tasks_as_not_in_the_available_part():
    """The run's headline JSON counts tasks by reporting: on 开州 2019 (an excerpt) the count of
    tasks its text holds nothing of is not_in_excerpt (its 3 curated tasks planted as such are
    counted there), never not_reported; 开州 2018 (a full report) keeps not_reported."""
    import dataclasses

    from policy_review.review.summary import headline_of

    r = rv.load_review("kaizhou", 2019, "en")
    counted = headline("kaizhou", 2019)["tasks_named"]["reporting"]
    assert r.is_excerpt and "not_reported" not in counted and counted["not_in_excerpt"] == 0
    silent = dataclasses.replace(r, tasks=r.tasks.assign(reporting="not_in_excerpt"))
    assert headline_of(silent)["tasks_named"]["reporting"]["not_in_excerpt"] == len(r.tasks) > 0
    full = headline("kaizhou", 2018)["tasks_named"]["reporting"]
    assert "not_reported" in full and "not_in_excerpt" not in full


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_publication_date_is_said_to_be_unknown(lang):
    """大英县's 2022 report shows no publication date (``published: unknown``): whether it was in
    time cannot be told because the date is unknown, which the page and the headline say; never
    "cannot tell (excerpt)" nor "late or unknown" (issue 27, point 5)."""
    from policy_review.core.labels import t
    from policy_review.pages import year_page
    from policy_review.review import summary

    review = rv.load_review("daying", 2022, lang)
    assert statutory.publication_check(review)["in_time"] is None
    source = pd.read_html(io.StringIO(year_page.source_table(review).data))[0]
    answer = dict(zip(source.iloc[:, 0], source.iloc[:, 1]))[t("f_in_time", lang)]
    assert answer == t("in_time_date_unknown", lang) and answer != t("unknown", lang)
    line = summary.headline_text(summary.headline_of(review), lang).splitlines()[1]
    assert t("hl_published_unknown", lang) in line and f"({t('hl_late', lang)})" not in line
    kaizhou = summary.headline_text(summary.headline_of(rv.load_review("kaizhou", 2018, lang)), lang)
    assert f"({t('hl_in_time', lang)})" in kaizhou.splitlines()[1]
