"""Charts draw Chinese and English text with no missing glyph, in both languages."""

from __future__ import annotations

import logging
import warnings

import matplotlib
import pytest

from policy_review import charts, review as rv, trends as tt, views


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


def _missing_glyph_messages(figs, caplog) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with caplog.at_level(logging.WARNING):
            for fig in figs:
                fig.canvas.draw()
    messages = [str(w.message) for w in caught] + [rec.getMessage() for rec in caplog.records]
    return [m for m in messages if "Glyph" in m and "missing" in m]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_glyph_missing_in_any_chart(lang, caplog):
    charts.setup_fonts()
    figs = _draw_all(lang)
    assert len(figs) >= 10
    assert _missing_glyph_messages(figs, caplog) == []


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
        assert _missing_glyph_messages([fig], caplog)
