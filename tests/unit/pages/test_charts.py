"""Charts draw Chinese and English text with no missing glyph, in both languages."""

from __future__ import annotations

import matplotlib
import pytest

from policy_review.core import labels
from policy_review.pages import charts, coverage, followups, fonts, trends_page, year_page
from policy_review.review import trends as tt, year_review as rv
from policy_review.tables import names
from tests.conftest import missing_glyphs


def _draw_all(lang: str) -> list:
    figs = []
    for year in (2018, 2019, 2020):
        r = rv.load_review("kaizhou", year, lang)
        shown = [
            year_page.funnel_chart(r),
            coverage.coverage_chart(r),
            year_page.telling_figures_chart(r),
            followups.followup_chart(r),
        ]
        # the rest are notes: nothing to draw
        figs += [f for f in shown if isinstance(f, matplotlib.figure.Figure)]
    tr = tt.load_trends("kaizhou", lang)
    figs += [
        trends_page.plan_trend_chart(tr),
        trends_page.rates_chart(tr),
        trends_page.recurring_problems_chart(tr),
    ]
    return figs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_glyph_missing_in_any_chart(lang, caplog):
    fonts.setup_fonts()
    figs = _draw_all(lang)
    assert len(figs) >= 10
    assert missing_glyphs(figs, caplog) == []


def test_cjk_font_is_registered_by_path():
    family = fonts.setup_fonts()
    assert fonts.cjk_font_path().is_file()
    assert matplotlib.rcParams["font.sans-serif"][0] == family == "Noto Sans CJK SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_the_glyph_check_catches_a_font_without_cjk(caplog):
    """Negative control: with matplotlib's default font, Chinese text is reported missing."""
    fonts.setup_fonts()
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = matplotlib.pyplot.subplots()
        ax.set_title("法治政府建设")
        assert missing_glyphs([fig], caplog)


def _rendered_width(text: str, fontsize: float) -> float:
    """Width in points of one line as matplotlib's renderer lays it out."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(100, 100, 72)
    return renderer.get_text_width_height_descent(text, FontProperties(size=fontsize), False)[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_titles_wrap_to_the_width_they_are_given(lang):
    """Every chart title and source line of the Kaizhou reviews and the example, wrapped as the
    charts wrap them: no line is wider than the width when matplotlib draws it, and no line
    could have taken the next word (the lines are filled, not cut short)."""
    fonts.setup_fonts()
    texts = []
    for region, year in (("kaizhou", 2018), ("kaizhou", 2019), ("example", 2021)):
        r = rv.load_review(region, year, lang)
        cov = rv.coverage_by_area(r, names.area_names(r.year, lang))
        texts += [
            year_page.funnel_finding(r),
            coverage.coverage_finding(r, cov),
            year_page.source_line(r) + " · " + labels.t("not_reported_note", lang),
        ]
    assert len(texts) == 9
    for text in texts:
        for width, size in ((300, 12), (560, 12), (600, 8)):
            lines = fonts.wrap_text(text, width, size).split("\n")
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
            assert all(_rendered_width(line, size) <= width for line in lines)
            for line, following in zip(lines, lines[1:]):
                word = following.split(" ")[0] if following[:1].isascii() else following[0]
                assert (
                    _rendered_width(f"{line} {word}" if word.isascii() else line + word, size) > width * 0.9
                )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rate_labels_do_not_overlap_with_many_rates(lang):
    """The example reports 20 rates: the chart grows with its labels so no two of them overlap
    (a fixed height stacked them on top of each other), and Kaizhou's 6 keep the usual height."""
    fonts.setup_fonts()
    for region, year, rates in (("example", 2021, 20), ("kaizhou", 2018, 6)):
        fig = year_page.telling_figures_chart(rv.load_review(region, year, lang))
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        boxes = sorted(
            (label.get_window_extent(renderer) for label in fig.axes[0].get_yticklabels()),
            key=lambda box: box.y0,
        )
        assert len(boxes) == rates
        assert all(lower.y1 <= upper.y0 + 1 for lower, upper in zip(boxes, boxes[1:]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_excerpts_unreached_areas_are_hatched_with_their_own_legend_entry(lang):
    """武汉 2023 is an excerpt: the areas it does not reach lie under a hatched band whose legend
    entry says not in the available part, not in the grey of "not reported"; the full Kaizhou 2018
    report has no such band. Its title and footnote say it in the page's language."""
    fonts.setup_fonts()
    r = rv.load_review("wuhan", 2023, lang)
    cov = rv.coverage_by_area(r, names.area_names(r.year, lang))
    unreached = int((cov["area_reporting"] == "not_in_excerpt").sum())
    assert r.is_excerpt and unreached
    name = names.term("reporting", "not_in_excerpt", lang)
    fig = coverage.coverage_chart(r)
    ax = fig.axes[0]
    legend = dict(zip([x.get_text() for x in ax.get_legend().get_texts()], ax.get_legend().get_patches()))
    assert name in legend and legend[name].get_hatch() == charts.HATCHES["not_in_excerpt"]
    assert matplotlib.colors.same_color(legend[name].get_edgecolor(), charts.colour("not_in_excerpt"))
    assert not matplotlib.colors.same_color(charts.colour("not_in_excerpt"), charts.colour("not_reported"))
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == unreached
    texts = [x.get_text() for x in ax.texts]
    assert texts.count(name) == unreached and names.term("reporting", "not_reported", lang) not in texts
    assert name in fig.pr_alt_text
    footer = "".join(x.get_text() for x in fig.texts).replace("\n", "").replace(" ", "")
    assert labels.t("not_in_excerpt_note", lang).replace(" ", "") in footer
    full = coverage.coverage_chart(rv.load_review("kaizhou", 2018, lang))
    assert not [p for p in full.axes[0].patches if p.get_hatch()]
