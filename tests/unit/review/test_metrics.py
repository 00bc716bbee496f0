"""The four meanings of issue 12, checked against the Kaizhou report texts by hand-counted numbers.

- 2018: 由2016年的19.55%提高至2018年的45.88% gives a 2016 baseline and a 2018 result; the lowest
  rate of 2018 is 45.88%, not 19.55%.
- 2019: 行政执法综合改革、新型专家智库建设、全面推进政务公开等3项……进度稍缓 names one task each of
  enforcement, decisions and oversight: those areas are mentioned, not "not reported".
- Evidence rate with claims: 2018 has 28 evidenced, 2 mentioned, 1 claimed (28/31 = 90%); 2019 has
  2 evidenced, 0 mentioned, 1 claimed (2/3 = 67%, not 100%); 2020 has 2, 1, 1 (2/4 = 50%).
- 进度稍缓 is the category delayed with the report's own word beside it.
"""

from __future__ import annotations

import pytest

from policy_review.review import metrics, year_review as rv
from policy_review.tables import names, vocabularies


@pytest.fixture(scope="module")
def reviews():
    return {y: rv.load_review("kaizhou", y) for y in (2018, 2019, 2020)}


def test_rates_are_filed_under_the_year_they_describe(reviews):
    r = reviews[2018]
    rates = metrics.report_rates(r).set_index("raw")
    # the text: 出庭应诉率由2016年的19.55%提高至2018年的45.88%
    assert r.text[int(rates.loc["19.55%", "start"]) - 6 : int(rates.loc["19.55%", "start"])] == "2016年的"
    assert rates.loc["19.55%", "year"] == 2016 and bool(rates.loc["19.55%", "baseline"])
    assert rates.loc["45.88%", "year"] == 2018 and not bool(rates.loc["45.88%", "baseline"])
    # the other five rates name no year of their own: they describe the report's year
    assert (rates.drop(index="19.55%")["year"] == 2018).all()
    assert metrics.lowest_rate_of_year(r)["raw"] == "45.88%"


def test_described_year_reads_only_the_clause_before_the_figure():
    text = "2016年全区共10项,比例为50%"
    assert metrics.described_year(text, text.index("50%"), 2018) == 2018  # a comma ends 2016's clause
    text = "由2017年底的30%提高到"
    assert metrics.described_year(text, text.index("30%"), 2018) == 2017


def test_named_tasks_count_toward_their_area(reviews):
    cov = rv.coverage_by_area(reviews[2019], names.area_names(2019, "en")).set_index("area_id")
    for area in ("enforcement", "decisions", "oversight"):
        assert cov.loc[area, "area_reporting"] == "mentioned", area
        assert cov.loc[area, "tasks_named"] == 1 and cov.loc[area, "progress_delayed"] == 1
        assert cov.loc[area, ["evidenced", "mentioned", "claimed"]].sum() == 0  # no work item, yet named
    assert cov.loc["organisation", "area_reporting"] == "evidenced"  # 2 evidenced items (the 51 assigned ...)
    # the 2019 text is an excerpt that stops mid-sentence: the four areas it holds nothing of are not in
    # the part available, not "not reported" (issue 11)
    assert set(cov.index[cov["area_reporting"] == "not_in_excerpt"]) == {
        "functions",
        "rules",
        "disputes",
        "capacity",
    }
    assert "not_reported" not in set(cov["area_reporting"])


def test_one_place_decides_what_an_area_with_nothing_is(reviews):
    """``vocabularies.unreported`` decides it from whether the text is an excerpt; the 2020 excerpt
    and the 2018 full text each get theirs through ``coverage_by_area``."""
    assert (
        vocabularies.unreported(True) == "not_in_excerpt" and vocabularies.unreported(False) == "not_reported"
    )
    assert set(vocabularies.SILENT) == {"not_reported", "not_in_excerpt"}
    r20 = reviews[2020]
    assert r20.is_excerpt and not reviews[2018].is_excerpt
    cov = rv.coverage_by_area(r20, names.area_names(2019, "en"))
    empty = cov[cov[["evidenced", "mentioned", "claimed", "tasks_named"]].sum(axis=1) == 0]
    assert len(empty) >= 1 and set(empty["area_reporting"]) == {"not_in_excerpt"}
    # the value has its name in both languages, from the one vocabulary of reporting levels
    assert names.term("reporting", "not_in_excerpt", "en") == "not in the available part (excerpt)"
    assert names.term("reporting", "not_in_excerpt", "zh") == "不在现有部分\uff08节选\uff09"


@pytest.mark.parametrize(
    "year, counts, rate",
    [
        (2018, {"evidenced": 28, "mentioned": 2, "claimed": 1}, 0.903),
        (2019, {"evidenced": 2, "mentioned": 0, "claimed": 1}, 0.667),
        (2020, {"evidenced": 2, "mentioned": 1, "claimed": 1}, 0.5),
    ],
)
def test_evidence_rate_keeps_claims_in_its_denominator(reviews, year, counts, rate):
    assert rv.evidence_counts(reviews[year]) == counts
    assert rv.evidence_rate(reviews[year]) == rate


def test_rates_are_shown_with_their_counts():
    assert metrics.rate_with_counts(2, 3, "en") == "67% (2 of 3)"
    assert metrics.rate_with_counts(2, 3, "zh") == "67%\uff083项中2项\uff09"
    assert metrics.rate_with_counts(None, 3, "en") == "" and metrics.rate_with_counts(0, 0, "zh") == ""


def test_slowed_keeps_the_reports_word(reviews):
    r = reviews[2019]
    tasks = r.tasks.set_index("task_id")
    for task_id in ("t-2019-a01", "t-2019-a02", "t-2019-a03"):
        t = tasks.loc[task_id]
        assert t["progress"] == "delayed"
        assert metrics.stated_progress_word(r.text, t["start"], t["end"], "delayed") == "进度稍缓"
    label = metrics.progress_label("delayed", "进度稍缓", "en")
    assert label == "delayed (进度稍缓, “progress somewhat slowed”)"
    assert metrics.progress_label("滞后", "进度稍缓", "zh") == "滞后\uff08原文\uff1a进度稍缓\uff09"
    delayed = r.plan_counts[r.plan_counts["stage"] == "delayed"].iloc[0]
    assert metrics.word_in_quote(delayed["quote"], "delayed") == "进度稍缓"
    # 2018's tasks are complete as a blanket claim: no word is put beside them
    t18 = reviews[2018].tasks.iloc[0]
    assert metrics.stated_progress_word(reviews[2018].text, t18["start"], t18["end"], t18["progress"]) is None


def test_excerpt_years_are_partial(reviews):
    assert [metrics.is_partial(reviews[y]) for y in (2018, 2019, 2020)] == [False, True, True]


def test_every_metric_is_defined_in_both_languages():
    for key, m in metrics.METRICS.items():
        en, zh = metrics.definition(key, "en"), metrics.definition(key, "zh")
        assert "Left out:" in en and "不计\uff1a" in zh, key
        for lang in ("en", "zh"):
            parts = ("name", "counts", "excluded", *(("over",) if m.over else ()))
            assert all(m.part(part, lang).strip() for part in parts), key
    assert "evidenced + mentioned + claimed" in metrics.definition("evidence_rate", "en")
    assert "笼统声称计入分母" in metrics.definition("evidence_rate", "zh")
    for key in metrics.PAGE_METRICS["year"] + metrics.PAGE_METRICS["trends"]:
        assert key in metrics.METRICS


# ---------------------------------------------------------------- the pages say it, in both languages


@pytest.mark.parametrize(
    "lang, baseline, mentioned, slowed, rate",
    [
        (
            "en",
            "2016 baseline",
            "mentioned",
            "delayed (进度稍缓, “progress somewhat slowed”)",
            "67% (2 of 3)",
        ),
        ("zh", "2016年基数", "仅提及", "滞后\uff08原文\uff1a进度稍缓\uff09", "67%\uff083项中2项\uff09"),
    ],
)
def test_the_pages_state_the_four_meanings(lang, baseline, mentioned, slowed, rate):
    from policy_review.pages import coverage, findings, trends_page, year_page
    from policy_review.review import trends as tt

    r18, r19 = rv.load_review("kaizhou", 2018, lang), rv.load_review("kaizhou", 2019, lang)
    # 2018: the lowest rate of the year is 45.88%; 19.55% is the 2016 baseline
    chart = year_page.telling_figures_chart(r18)
    assert "45.88%" in chart.pr_alt_text and "19.55%" not in chart.pr_alt_text
    assert any(baseline in t.get_text() for t in chart.axes[0].get_yticklabels())
    sentences = " ".join(findings.plain_headline(r18))
    assert "45.88%" in sentences and baseline.split()[0] in sentences
    # 2019: enforcement, decisions, oversight are mentioned (through their named tasks), not "not reported"
    html = coverage.coverage_table(r19).data
    for area in ("enforcement", "decisions", "oversight"):
        name = names.area_name(area, lang)
        row = html[html.index(name) : html.index("</tr>", html.index(name))]
        assert f"<td>{mentioned}</td>" in row, row
    # 进度稍缓 keeps the report's word beside the category
    assert slowed in year_page.tasks_table(r19).data
    assert slowed in year_page.funnel_table(r19).data
    # the evidence rate has claims in its denominator, with its counts beside it
    assert rate in trends_page.rates_table(tt.load_trends("kaizhou", lang)).data
