"""The views of recycled text, in both languages: the source page's marks link to the same
sentence in last year's source page, every share links to its spans, charts draw every glyph."""

from __future__ import annotations

import re

import pytest

from policy_review.core import outputs
from policy_review.core.labels import t
from policy_review.pages import compare_page, recycling_page as rp, source_page as sp
from policy_review.review import compare, recycling, trends, year_review as rv
from tests.conftest import missing_glyphs
from tests.unit.pages.test_source_page import Marks

_LINK = re.compile(r'<a class="pr-(recycled|carried)-link" href="([^"#]+)#(s\d+-\d+)"')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_repeated_sentences_link_to_the_same_sentence_in_the_other_years_source_page(lang):
    pages = {y: sp.source_html(rv.load_review("example", y, lang)) for y in (2021, 2022)}
    for year, other in ((2022, 2021), (2021, 2022)):
        review = rv.load_review("example", year, lang)
        parsed = Marks()
        parsed.feed(pages[year])
        assert "".join(parsed.text_parts) == review.text  # marks and links add no text
        links = _LINK.findall(pages[year])
        assert links and {page for _, page, _ in links} == {outputs.source_page(other, lang)}
        other_ids = set(re.findall(r'<mark id="(s\d+-\d+)"', pages[other]))
        assert all(anchor in other_ids for _, _, anchor in links)  # every link lands on its sentence
    repeated = recycling.year_on_year(rv.load_review("example", 2022, lang))
    n = int(repeated["class"].notna().sum())
    assert pages[2022].count('class="pr-recycled-link"') == n
    assert t("src_repeats_note", lang, previous=2021, n=n) in pages[2022].replace("&#x27;", "'")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_year_section_links_every_share_and_names_the_problems_admitted_again(lang, caplog):
    review = rv.load_review("example", 2022, lang)
    summary = rp.recycled_summary(review).data
    assert summary.count('class="pr-src"') == 4  # sentences, work items, problems, commitments
    assert t("rc_problems_again", lang, n=2).replace("'", "&#x27;") in summary
    again = rp.problems_again_table(review).data
    assert again.count(t("rc_again_tag", lang)) == 2
    assert (
        again.count(f"{outputs.source_page(2021, lang)}#s") == 2
        and again.count(f"{outputs.source_page(2022, lang)}#s") == 2
    )
    listed = rp.recycled_table(review).data
    assert outputs.source_page(2021, lang) in listed and outputs.source_page(2022, lang) in listed
    chart = rp.recycled_chart(review)
    assert missing_glyphs([chart], caplog) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_excerpts_section_says_so_and_a_first_year_has_nothing_to_compare(lang):
    assert t("rc_both_excerpt", lang) in rp.recycled_summary(rv.load_review("kaizhou", 2020, lang)).data
    first = rp.recycled_summary(rv.load_review("kaizhou", 2018, lang)).data
    assert t("rc_none_previous", lang, year=2017) in first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_trends_show_each_years_share_linked_to_its_source_page(lang):
    shown = rp.recycled_trend_table(trends.load_trends("tongliang", lang)).data
    for year in (2021, 2022, 2023):
        assert f"{year - 1} → {year}" in shown and f'href="{outputs.source_page(year, lang)}#s' in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_comparison_has_a_column_and_a_section_for_shared_text(lang):
    c = compare.load_comparison(2023, [], lang)
    assert all("recycled" in r for r in c.rows)
    assert "#sec-recycled" in compare_page.comparison_table(c).data
    shown = rp.shared_table(c).data
    assert t("cmp_shared_none", lang, year=2023, run=3) in shown.replace("&#x27;", "'")
