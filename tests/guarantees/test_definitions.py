"""Every page's numbers are computed from the definitions its notes print (issue 27, point 2).

For each page kind (year review, trends, comparison, index) in each language, the test reads what
the page shows: a rate beside its counts, a share, "n of N". It finds the number's definition among
the page's data notes (``metrics.definition(key, lang)``, printed word for word), then computes the
number again from that definition's parts (``metrics.METRICS[key]``: numerator over denominator)
applied to counts read independently, from the page's other cells or the data the page stands on.
A page whose number and note disagree fails here, as the comparison's "Share evidenced" did:
defined over evidenced + mentioned while computed with claims in the denominator.

And a definition's text names the parts its formula adds up, in each language, so that the words a
reader cites are the formula the page uses.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass

import pandas as pd
import pytest

from policy_review.core import labels
from policy_review.core.labels import t
from policy_review.pages import compare_page, coverage, findings, index_page, trends_page, year_page
from policy_review.review import compare, metrics, statutory, summary, trends, year_review as rv
from policy_review.tables import names, vocabularies as v

LANGS = ("en", "zh")

#: A rate shown with its counts, as ``metrics.rate_with_counts`` writes it in each language.
WITH_COUNTS = {
    "en": re.compile(r"(\d+)% \((\d+) of (\d+)\)"),
    "zh": re.compile("(\\d+)%\\((\\d+)\u9879\u4e2d(\\d+)\u9879\\)"),  # 67%(3项中2项)
}


#: The areas a coverage finding counts: reported, of how many, and silent.
AREAS_IN_FINDING = {
    "en": re.compile(r"in (\d+) of (\d+) areas(?: \([^)]*\))?, (\d+) "),
    "zh": re.compile("(\\d+)\u4e2a\u9886\u57df\u6709\u62a5\u544a\u5185\u5bb9(?:\\([^)]*\\))?,(\\d+)\u4e2a"),
}


@dataclass
class Shown:
    """A number a page shows (``text``), the metric it is (``key``) and what the metric's
    definition makes of the counts read apart from it (``expected``)."""

    where: str
    key: str
    text: str
    expected: str


def with_counts(key: str, counts: dict, lang: str) -> str:
    """What a rate beside its counts must read, from its definition's parts applied to ``counts``."""
    numerator, denominator = metrics.METRICS[key].parts(counts)
    value = metrics.METRICS[key].value(counts)
    if value is None:
        return ""
    return t("rate_with_counts", lang, rate=f"{value:.0%}", numerator=numerator, denominator=denominator)


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _frame(markup: str) -> pd.DataFrame:
    return pd.read_html(io.StringIO(markup))[0]


# ---------------------------------------------------------------- the page kinds


def year_numbers(region: str, year: int, lang: str) -> tuple[str, list[Shown]]:
    r = rv.load_review(region, year, lang)
    notes = year_page.data_notes(r).data
    shown = []
    rep = names.terms("reporting", lang)
    table = _frame(coverage.coverage_table(r).data)
    counts = {level: int(table[rep[level]].sum()) for level in v.LEVELS}  # the coverage table's sums
    if sum(counts.values()):  # the headline's sentence, as its template writes it with these counts
        mark = "\x00"
        sentence = t("wh_evidence", lang, total=sum(counts.values()), rate=mark, **counts)
        before, after = sentence.split(mark)
        found = re.search(
            re.escape(before) + r"(\d+%)" + re.escape(after), " ".join(findings.plain_headline(r))
        )
        rate = found.group(1) if found else "(no such sentence)"
        shown.append(Shown("headline", "evidence_rate", rate, f"{metrics.rate('evidence_rate', counts):.0%}"))
    framework = table[table[t("col_area", lang)] != names.area_name("unclassified", lang)]
    silent = {rep[s] for s in v.SILENT}
    reported = int((~framework[t("col_reporting", lang)].isin(silent)).sum())
    finding = coverage.coverage_finding(r)
    found = AREAS_IN_FINDING[lang].search(finding)
    if found:  # "work reported in 3 of 8 areas, 5 not reported" / "3个领域有报告内容,5个未见报告"
        n, silent_n = (found.group(1), found.group(3)) if lang == "en" else (found.group(1), found.group(2))
        total = found.group(2) if lang == "en" else str(int(n) + int(silent_n))
        expected = f"{reported} {len(framework) - reported} {len(framework)}"
        shown.append(Shown("coverage finding", "areas_reported", f"{n} {silent_n} {total}", expected))
    covered, required = statutory.statutory_counts(r)
    statutory_table = _frame(year_page.statutory_table(r).data)
    yes = int((statutory_table[t("col_covered", lang)] == t("yes", lang)).sum())
    shown.append(Shown("statutory table", "statutory", str(yes), str(covered)))
    return notes, shown


def trends_numbers(region: str, lang: str) -> tuple[str, list[Shown]]:
    tr = trends.load_trends(region, lang)
    notes = trends_page.trends_notes(tr).data
    table = _frame(trends_page.rates_table(tr).data)
    head = {c: t(f"rate_{c}", lang) for c in trends_page.RATE_COLUMNS}
    shown = []
    for review, (_, row) in zip(tr.reviews, table.iterrows()):
        plan = {
            v.ASSIGNED: None if pd.isna(row[head["annual_assigned"]]) else int(row[head["annual_assigned"]]),
            v.COMPLETED_ON_TIME: None
            if pd.isna(row[head["annual_on_time"]])
            else int(row[head["annual_on_time"]]),
        }
        pairs = [
            ("on_time_rate", plan),
            ("evidence_rate", rv.evidence_counts(review)),
            ("followthrough_rate", rv.followup_counts(review)),
        ]
        for key, counts in pairs:
            cell = row[head[key]]
            shown.append(
                Shown(
                    f"rates {review.year}",
                    key,
                    "" if pd.isna(cell) else str(cell),
                    with_counts(key, counts, lang),
                )
            )
        fu = rv.followup_counts(review)
        shown.append(
            Shown(
                f"rates {review.year}",
                "followthrough_rate",
                str(row[head["followups"]]),
                str(sum(fu.values())),
            )
        )
    return notes, shown


def compare_numbers(year: int, lang: str) -> tuple[str, list[Shown]]:
    c = compare.load_comparison(year, lang=lang)
    notes = compare_page.notes(c).data
    cells = compare_page.comparison_frame(c)
    shown = []
    for row, (_, cell) in zip(c.rows, cells.iterrows()):
        plain = {k: _plain(x) for k, x in cell.items()}
        levels = [int(n) for n in plain[t("cmp_evidence", lang)].split(" / ")]
        counts = dict(zip(v.LEVELS, levels))  # the page's own evidence cell
        shown.append(
            Shown(
                row["region"],
                "evidence_rate",
                plain[t("cmp_evidence_rate", lang)],
                with_counts("evidence_rate", counts, lang) or "–",
            )
        )
        followups = row.get("followups", {})
        shown.append(
            Shown(
                row["region"],
                "followthrough_rate",
                plain[t("cmp_followthrough", lang)],
                with_counts("followthrough_rate", followups, lang) or "–",
            )
        )
        statuses = list(row["area_reporting"].values())
        reported = sum(s not in v.SILENT for s in statuses)
        shown.append(
            Shown(
                row["region"],
                "areas_reported",
                plain[t("cmp_areas", lang)],
                t("cmp_of", lang, n=reported, total=len(statuses)),
            )
        )
    heat = compare_page.heatmap(c).data.split("</table>")[0]
    for evidenced, reached, share in re.findall(r'data-evidenced="(\d+)" data-reached="(\d+)">(\d+%)', heat):
        value = metrics.rate("province_evidenced", {v.EVIDENCED: int(evidenced), "reached": int(reached)})
        shown.append(Shown("heatmap", "province_evidenced", share, f"{value:.0%}"))
    return notes, shown


def index_numbers(tmp_path, lang: str) -> tuple[str, list[Shown]]:
    out = tmp_path / f"index-{lang}"
    headlines = {}
    for region, year in (("kaizhou", 2019), ("kaizhou", 2020), ("wuhan", 2023)):
        h = summary.headline_of(rv.load_review(region, year, lang))
        stem = str(year) if lang == "en" else f"{year}.{lang}"
        (out / region).mkdir(parents=True, exist_ok=True)
        (out / region / f"{stem}.summary.json").write_text(json.dumps(h), encoding="utf-8")
        (out / region / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
        headlines[f"{region}/{stem}.html"] = h
    page = index_page.write_index(out, []).read_text(encoding="utf-8")
    shown = []
    for href, h in headlines.items():
        link = re.search(rf'href="{re.escape(href)}#sec-commitments">([^<]*)</a>', page)
        shown_part, total = metrics.METRICS["followthrough_rate"].parts(h["followups_of_last_year"])
        expected = t("ix_of", lang, shown=shown_part, total=total) if total else "–"
        shown.append(
            Shown(href, "followthrough_rate", html.unescape(link.group(1)) if link else "–", expected)
        )
    return page, shown


# ---------------------------------------------------------------- the checks


def _check(notes: str, shown: list[Shown], lang: str) -> None:
    assert shown, "the page shows none of the numbers this test reads"
    printed = html.unescape(notes)
    for s in shown:
        assert metrics.definition(s.key, lang) in printed, (
            f"{s.where}: the notes do not print {s.key}'s definition"
        )
        assert s.text == s.expected, (
            f"{s.where}: {s.key} shows {s.text!r}, its definition gives {s.expected!r}"
        )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "region, year",
    [("kaizhou", 2018), ("kaizhou", 2019), ("kaizhou", 2020), ("tongliang", 2020), ("example", 2021)],
)
def test_year_page_numbers_follow_their_definitions(region, year, lang):
    _check(*year_numbers(region, year, lang), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("region", ["kaizhou", "tongliang"])
def test_trends_page_numbers_follow_their_definitions(region, lang):
    _check(*trends_numbers(region, lang), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", [2019, 2020])
def test_comparison_numbers_follow_their_definitions(year, lang):
    notes, shown = compare_numbers(year, lang)
    _check(notes, shown, lang)
    if year == 2020:  # kaizhou 2020: 2 evidenced, 1 mentioned, 1 claimed: 50%, claims counted
        kaizhou = next(s for s in shown if s.where == "kaizhou" and s.key == "evidence_rate")
        assert kaizhou.text == t("rate_with_counts", lang, rate="50%", numerator=2, denominator=4)


@pytest.mark.parametrize("lang", LANGS)
def test_index_numbers_follow_their_definitions(tmp_path, lang):
    _check(*index_numbers(tmp_path, lang), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_prints_the_definitions_of_the_numbers_it_shows(lang):
    """The notes of each page kind print every definition of its ``metrics.PAGE_METRICS``."""
    r = rv.load_review("example", 2021, lang)
    printed = {
        "year": year_page.data_notes(r).data,
        "ledger": year_page.data_notes(r).data,  # the example keeps a ledger: its section's numbers
        "trends": trends_page.trends_notes(trends.load_trends("kaizhou", lang)).data,
        "compare": compare_page.notes(compare.Comparison(2021, lang, [compare.comparison_row(r)])).data,
    }
    for kind, notes in printed.items():
        for key in metrics.PAGE_METRICS[kind]:
            assert metrics.definition(key, lang) in html.unescape(notes), (kind, key)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", [k for k, m in metrics.METRICS.items() if m.over])
def test_a_rates_definition_names_the_parts_it_adds_up(key, lang):
    """``evidenced + mentioned + claimed`` in words is ``(evidenced, mentioned, claimed)`` in the
    formula: each vocabulary value a rate adds up is named in its definition, in each language."""
    metric = metrics.METRICS[key]
    text = metric.text(lang)
    vocabulary_of = {value: name for name, values in v.BY_VOCABULARY.items() for value in values}
    for part in (*metric.numerator, *metric.denominator):
        if part not in vocabulary_of:
            continue  # a count of the metric's own (due, overdue, reached): its words say it
        term = names.term(vocabulary_of[part], part, lang)
        assert term in text or part in text, f"{key} ({lang}) does not name {part} ({term}): {text}"


def test_the_check_has_teeth():
    """A note that defines the share evidenced without claims, beside a rate with claims in its
    denominator (the comparison before issue 27), is caught."""
    counts = {v.EVIDENCED: 2, v.MENTIONED: 1, v.CLAIMED: 1}
    wrong = metrics.Metric("evidence_rate", (v.EVIDENCED,), (v.EVIDENCED, v.MENTIONED))
    page = labels.t("rate_with_counts", "en", rate="50%", numerator=2, denominator=4)
    with pytest.raises(AssertionError, match="its definition gives"):
        expected = labels.t(
            "rate_with_counts", "en", rate=f"{wrong.value(counts):.0%}", numerator=2, denominator=3
        )
        _check(
            metrics.definition("evidence_rate", "en"), [Shown("row", "evidence_rate", page, expected)], "en"
        )
    with pytest.raises(AssertionError, match="do not print"):
        _check(
            "Share evidenced: evidenced over evidenced or mentioned.",
            [Shown("row", "evidence_rate", page, page)],
            "en",
        )
