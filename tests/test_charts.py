"""Charts draw Chinese and English text with no missing glyph, in both languages."""

from __future__ import annotations

import matplotlib
import pytest

from policy_review import charts, review as rv, trends as tt, views

from .conftest import missing_glyphs


def _draw_all(lang: str) -> list:
    figs = []
    for year in (2018, 2019, 2020):
        r = rv.load_review("kaizhou", year, lang)
        shown = [views.funnel_chart(r), views.coverage_chart(r), views.telling_figures_chart(r),
                 views.followup_chart(r)]
        figs += [f for f in shown if isinstance(f, matplotlib.figure.Figure)]  # the rest are notes: nothing to draw
    tr = tt.load_trends("kaizhou", lang)
    figs += [views.plan_trend_chart(tr), views.rates_chart(tr), views.recurring_problems_chart(tr)]
    return figs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_glyph_missing_in_any_chart(lang, caplog):
    charts.setup_fonts()
    figs = _draw_all(lang)
    assert len(figs) >= 10
    assert missing_glyphs(figs, caplog) == []


def test_cjk_font_is_registered_by_path():
    family = charts.setup_fonts()
    assert charts.cjk_font_path().is_file()
    assert matplotlib.rcParams["font.sans-serif"][0] == family == "Noto Sans CJK SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_the_glyph_check_catches_a_font_without_cjk(caplog):
    """Negative control: with matplotlib's default font, Chinese text is reported missing."""
    charts.setup_fonts()
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = matplotlib.pyplot.subplots()
        ax.set_title("法治政府建设")
        assert missing_glyphs([fig], caplog)
