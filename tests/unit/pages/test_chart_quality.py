"""Every chart of every shipped run, drawn and checked as a reader would look at it.

For each params file in ``params/`` (in English and in Chinese) and each region's trends, every
chart the pages show is drawn, and the test fails on:
- a legend that lies over data (bars, line points and segments, value labels, heat-map cells);
- two categories of one legend in the same colour;
- text below a 4.5:1 contrast (WCAG) on the cell it stands on: the chart is drawn again with
  every text hidden, and the text's colour is compared with each colour that covers at least a
  fifth of its box;
- a chart whose alt text does not state its finding (its title).
The checks are shown to fail on charts built with each fault.
"""

from __future__ import annotations

from collections import Counter

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from policy_review.pages import charts, coverage, followups, ledger_grid, ledger_page, trends_page, year_page
from policy_review.review import ledger, trends as tt, year_review as rv
from policy_review.tables import params

matplotlib.use("Agg")

YEAR_CHARTS = (
    year_page.funnel_chart,
    coverage.coverage_chart,
    year_page.telling_figures_chart,
    followups.followup_chart,
)
LEDGER_CHARTS = (
    ledger_grid.ledger_chart,
    ledger_page.overdue_chart,
    ledger_page.unit_progress_chart,
    ledger_page.reconciliation_chart,
)
TRENDS_CHARTS = (
    trends_page.plan_trend_chart,
    trends_page.rates_chart,
    trends_page.recurring_problems_chart,
)


# ---------------------------------------------------------------- the checks


def _texts(fig: Figure):
    """Every visible, non-empty text of the figure (titles, labels, ticks, annotations, legends)."""
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


def _data_boxes(ax, renderer) -> list:
    """Display-space boxes of what the axes draw as data: bars, images, value labels; and line
    points (each point and points along each segment, as tiny boxes)."""
    from matplotlib.transforms import Bbox

    boxes = []
    for patch in ax.patches:
        box = patch.get_window_extent(renderer)
        if box.width > 0.5 and box.height > 0.5:
            boxes.append(box)
    for image in ax.images:
        boxes.append(image.get_window_extent(renderer))
    for text in ax.texts:
        if text.get_visible() and text.get_text().strip():
            boxes.append(text.get_window_extent(renderer))
    for line in ax.lines:
        xy = line.get_transform().transform(line.get_xydata())
        xy = xy[np.isfinite(xy).all(axis=1)]
        points = list(xy)
        for a, b in zip(xy[:-1], xy[1:]):
            points += [a + (b - a) * f for f in np.linspace(0, 1, 12)]
        boxes += [Bbox.from_extents(x - 2, y - 2, x + 2, y + 2) for x, y in points]
    return boxes


def _drawn(fig: Figure) -> None:
    """Draw the figure unless it is drawn as it stands (each check needs it drawn; one draw of a
    chart with many labels takes most of a second)."""
    if fig.stale or fig.canvas.get_renderer() is None:
        fig.canvas.draw()


def legend_overlaps(fig: Figure) -> list[str]:
    _drawn(fig)
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        for data in _data_boxes(ax, renderer):
            if box.overlaps(data):
                found.append(
                    f"legend at {tuple(round(v) for v in box.bounds)} over data at "
                    f"{tuple(round(v) for v in data.bounds)}"
                )
                break
    return found


def shared_colours(fig: Figure) -> list[str]:
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        seen: dict[str, str] = {}
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            colour = handle.get_facecolor() if hasattr(handle, "get_facecolor") else handle.get_color()
            if isinstance(handle, matplotlib.lines.Line2D):
                colour = handle.get_color()
            key = to_hex(np.asarray(colour).reshape(-1, 4)[0] if np.ndim(colour) > 1 else colour)
            label = text.get_text()
            if key in seen and seen[key] != label:
                found.append(f"“{seen[key]}” and “{label}” share {key}")
            seen.setdefault(key, label)
    return found


def low_contrast(fig: Figure, minimum: float = 4.5) -> list[str]:
    _drawn(fig)
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    for t in texts:
        t.set_visible(False)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3]
    for t in texts:
        t.set_visible(True)
    height, width = pixels.shape[:2]
    found = []
    for text, box in zip(texts, boxes):
        x0, x1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), width)
        y0, y1 = max(int(height - box.y1), 0), min(int(np.ceil(height - box.y0)), height)
        if x1 <= x0 or y1 <= y0:
            continue
        cell = pixels[y0:y1, x0:x1].reshape(-1, 3)
        counts = Counter(map(tuple, cell))
        for colour, n in counts.items():
            if n < 0.2 * len(cell):
                continue
            background = "#{:02x}{:02x}{:02x}".format(*colour)
            ratio = charts.contrast_ratio(text.get_color(), background)
            if ratio < minimum:
                found.append(
                    f"“{text.get_text()[:30]}” {to_hex(text.get_color())} on {background}: {ratio:.1f}:1"
                )
    return found


def cut_or_crowded(fig: Figure) -> list[str]:
    """Texts cut at the figure's edge; and a title, banner or source line lying over another text
    or over the axes (the margins are worked out from the texts' widths: charts.layout_margins)."""
    _drawn(fig)
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    undrawn = {
        id(label)
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis.get_major_ticks()
        if not _in_view(axis, tick.get_loc())
        for label in (tick.label1, tick.label2)
    }
    texts = [t for t in _texts(fig) if id(t) not in undrawn]
    found = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1 or box.x1 > page.x1 + 1 or box.y1 > page.y1 + 1:
            found.append(f"“{text.get_text()[:30]}” is cut at the figure's edge")
    framing = list(dict.fromkeys(t for t in (fig._suptitle, *fig.texts) if t in texts))  # (the title is one)
    others = [(t.get_text()[:30], t.get_window_extent(renderer)) for t in texts if t not in framing]
    others += [("the axes", ax.get_window_extent(renderer)) for ax in fig.axes]
    for i, text in enumerate(framing):
        box = text.get_window_extent(renderer)
        near = others + [(t.get_text()[:30], t.get_window_extent(renderer)) for t in framing[i + 1 :]]
        found += [
            f"“{text.get_text()[:30]}” lies over “{name}”" for name, other in near if box.overlaps(other)
        ]
    return found


def overlapping_ticks(fig: Figure) -> list[str]:
    """Tick labels of one axis lying over each other (a nine-area outline's names, wrapped onto
    two or three lines, on a chart too short for them: issue 27)."""
    _drawn(fig)
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [
                label
                for tick in axis.get_major_ticks()
                if _in_view(axis, tick.get_loc())
                for label in (tick.label1,)
                if label.get_visible() and label.get_text().strip()
            ]
            boxes = [(label.get_text()[:30], label.get_window_extent(renderer)) for label in labels]
            for i, (name, box) in enumerate(boxes):
                for other, other_box in boxes[i + 1 :]:
                    overlap = box.intersection(box, other_box)
                    if overlap is not None and overlap.width > 1 and overlap.height > 1:
                        found.append(f"tick “{name}” lies over tick “{other}”")
    return found


def _in_view(axis, loc: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    return low - (high - low) * 1e-9 <= loc <= high + (high - low) * 1e-9


def problems(fig: Figure) -> list[str]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):  # closed by charts.finish: give it a canvas to draw on
        FigureCanvasAgg(fig)
    alt = getattr(fig, "pr_alt_text", "")
    title = fig._suptitle.get_text().replace("\n", "") if fig._suptitle is not None else ""
    missing_alt = (
        []
        if alt and title.replace(" ", "") in alt.replace("\n", "").replace(" ", "")
        else [f"alt text {alt!r} does not state the finding {title!r}"]
    )
    return (  # (low contrast last: it hides the texts to draw what lies under them)
        legend_overlaps(fig)
        + shared_colours(fig)
        + cut_or_crowded(fig)
        + overlapping_ticks(fig)
        + low_contrast(fig)
        + missing_alt
    )


# ---------------------------------------------------------------- every chart of every shipped run


def _shipped():
    runs = params.load_runs([])
    return sorted({(r.region, r.year) for r in runs})


def _figures(items):
    for name, fig in items:
        if isinstance(fig, Figure):
            yield name, fig


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("region, year", _shipped())
def test_every_year_chart_reads(region, year, lang):
    r = rv.load_review(region, year, lang)
    drawn = [(f.__name__, f(r)) for f in YEAR_CHARTS]
    if ledger.has_ledger(r):
        drawn += [(f.__name__, f(r)) for f in LEDGER_CHARTS]
    found = {name: p for name, fig in _figures(drawn) if (p := problems(fig))}
    assert not found, found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("region", sorted({region for region, _ in _shipped()}))
def test_every_trends_chart_reads(region, lang):
    tr = tt.load_trends(region, lang)
    found = {
        f.__name__: p for f in TRENDS_CHARTS if isinstance(fig := f(tr), Figure) and (p := problems(fig))
    }
    assert not found, found


# ---------------------------------------------------------------- the checks can fail


def test_the_checks_catch_each_fault():
    fig, ax = charts.new_figure(6, 3)
    ax.bar(["a", "b"], [10, 10], color=["#2166ac", "#2166ac"], label="x")
    ax.bar(["c"], [10], color="#2166ac", label="y")  # same colour as x
    ax.legend(loc="upper center")  # on the bars
    ax.text(1, 2, "2", color="black")
    ax.patches[1].set_facecolor("#67000d")  # text "2" over a dark bar
    charts.finish(fig, ax, "a finding", "a source")
    fig.pr_alt_text = ""
    assert any("alt text" in p for p in problems(fig))  # (gives the closed figure a canvas)
    assert legend_overlaps(fig)
    assert shared_colours(fig)
    assert any("“2”" in p for p in low_contrast(fig))


def test_the_layout_checks_catch_a_cut_text_and_a_title_over_the_chart():
    fig, ax = charts.new_figure(6, 3)
    ax.barh(["a long category label", "b"], [10, 10])
    ax.text(10.5, 0, "a value written far beyond the end of its bar, past the edge", fontsize=8)
    charts.finish(
        fig, ax, "a finding", "a source", margins={"left": 0.05, "right": 0.9, "top": 0.99, "bottom": 0.2}
    )
    FigureCanvasAgg(fig)  # (closed by charts.finish)
    found = cut_or_crowded(fig)
    assert any("“a long category label” is cut" in p for p in found)
    assert any("“a value written far beyond" in p and "cut" in p for p in found)
    assert any("“a finding” lies over “the axes”" in p for p in found)
    # laid out by charts.layout_margins (the value's reach included), nothing is cut and nothing crowded
    fig, ax = charts.new_figure(6, 3)
    ax.barh(["a long category label", "b"], [10, 10])
    ax.set_xlim(0, 10)
    ax.text(10.5, 0, "a value written beyond its bar", fontsize=8)
    charts.finish(fig, ax, "a finding", "a source")
    FigureCanvasAgg(fig)
    assert cut_or_crowded(fig) == []


def test_the_tick_check_catches_labels_over_each_other():
    fig, ax = charts.new_figure(6, 1.6)
    names = [f"a long area name\nwrapped onto\nthree lines {i}" for i in range(9)]
    ax.barh(names, range(9))
    assert overlapping_ticks(fig)
