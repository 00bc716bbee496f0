"""Charts: matplotlib with a registered CJK font, one colour per status value in every chart.

matplotlib has no CJK glyphs by default. The Noto Sans CJK SC font file shipped by the
``mplfonts`` package is registered by path (never by a guessed family name), and
``axes.unicode_minus`` is off so the minus sign does not fall outside the font.
Every chart has a title that states the finding and a source line under it.

Layout. A chart's margins worked out from the widths of its texts, without a measuring pass.

matplotlib's ``tight_layout`` finds a chart's margins by laying out every label once before the
chart is drawn: for the bar charts of a year review that costs nearly as much as drawing them.
:func:`layout_margins` sums the font's advance widths instead (:func:`policy_review.pages.fonts.text_width`,
the widths the titles are wrapped with), for what these charts hold:

- tick labels and axis labels, on whichever side the axis has them;
- a legend inside the axes (no room needed) or anchored beside or under them (``bbox_to_anchor``);
- texts placed beyond the axes (a value written after its bar, a label over a column);
- the title (and banner) over the chart and the source line under it, as :func:`charts.finish`
  places them.

A chart with anything else (more than one axes, rotated or mathematical labels, a legend placed
elsewhere) gets None, and is laid out by ``tight_layout`` as before.
``tests/unit/pages/test_chart_quality.py`` draws every chart of every shipped run and fails on a
text cut at the figure's edge or lying over another one.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt

from policy_review.pages import fonts
from policy_review.tables import vocabularies as v

#: The same colour for the same status value in every chart.
STATUS_COLOURS = {
    # reporting axis
    v.EVIDENCED: "#1b7837",
    v.MENTIONED: "#7fbf7b",
    v.CLAIMED: "#f1a340",
    v.NOT_REPORTED: "#bdbdbd",
    v.NOT_IN_EXCERPT: "#8073ac",  # drawn hatched: the excerpt stops before it, not a silent report
    # progress axis
    v.COMPLETE: "#2166ac",
    v.CONTINUING: "#67a9cf",
    v.DELAYED: "#d6604d",
    v.NOT_STARTED: "#b2182b",
    v.NOT_RATED: "#e0e0e0",
    # follow-up
    v.NOT_FOUND: "#bdbdbd",
    # plan stages
    v.ANNOUNCED: "#9e9ac8",
    v.ASSIGNED: "#6a51a3",
    v.COMPLETED: "#2166ac",
    v.COMPLETED_ON_TIME: "#35978f",  # not the blue of "completed": the two stand side by side
}

#: Statuses drawn hatched, so they read apart from every solid colour even in grey print.
HATCHES = {v.NOT_IN_EXCERPT: "///"}


def warm() -> None:
    """Draw one small chart with the CJK font and forget the settings it made: what a process
    pays for its first chart (reading the font, the advance widths, the PNG writer) is paid
    here, by the kernels' template (:mod:`policy_review.run.kernel_template`), once."""
    from io import BytesIO

    with matplotlib.rc_context():
        fig, ax = new_figure(3, 1.5)
        ax.barh(["法治 rule of law"], [1])
        ax.set_xlabel("x")
        finish(fig, ax, "标题 title", "来源 source")
        fig.savefig(BytesIO(), format="png")
    fonts.forget()  # each kernel sets the fonts itself (views.setup), after its backend


def colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "#969696")


def luminance(rgb) -> float:
    """Relative luminance of an sRGB colour (WCAG 2)."""
    from matplotlib.colors import to_rgb

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(rgb))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21; text needs 4.5)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(background) -> str:
    """Black or white, whichever reads better on ``background``."""
    black, white = contrast_ratio("#000000", background), contrast_ratio("#ffffff", background)
    return "#000000" if black >= white else "#ffffff"


def finish(
    fig,
    ax,
    title: str,
    source: str,
    banner: str | None = None,
    margins: dict | None = None,
    alt: str | None = None,
):
    """Title that states the finding, a source line under the chart, an optional banner; the
    figure's alt text (shown to screen readers, and where the image does not load) states the
    finding too, or ``alt`` where the chart says more than its title.

    The margins are worked out from the widths of the chart's texts
    (:func:`layout_margins`); ``margins`` (as for ``subplots_adjust``) replace
    them, and a chart that module does not know how to lay out is laid out by ``tight_layout``."""
    width_pt, height_pt = fig.get_size_inches() * 72
    top = 0.995
    if banner:
        fig.text(0.99, top, banner, fontsize=9, color="#b2182b", ha="right", va="top")
        top -= 16 / height_pt  # the title starts under the banner's line
    # the title at the figure's left edge, so it has the figure's whole width to wrap in
    title_lines, source_lines = (
        fonts.wrap_text(title, width_pt * 0.97, 12),
        fonts.wrap_text(source, width_pt * 0.97, 8),
    )
    fig.suptitle(title_lines, x=0.01, y=top, ha="left", va="top", fontsize=12)
    fig.text(0.01, 0.005, source_lines, fontsize=8, color="#555555", ha="left", va="bottom")
    margins = margins or layout_margins(fig, ax, title_lines, source_lines, bool(banner))
    if margins:
        fig.subplots_adjust(**margins)
    else:
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        # laid out once: without this, tight_layout leaves a placeholder layout engine behind and
        # saving the figure lays every label out again before drawing it
        fig.set_layout_engine(None)
    fig.pr_alt_text = " — ".join(x for x in (banner, alt or title) if x)
    plt.close(fig)  # shown once, by display(), not again by the inline backend
    return fig


def alt_text_formatter() -> None:
    """Make IPython show each figure with its alt text (``fig.pr_alt_text``, set by :func:`finish`)
    in the PNG's metadata, which the offline HTML template writes as the image's ``alt``. Call
    after the inline backend's formats are set (that replaces the PNG formatter)."""
    from IPython import get_ipython
    from matplotlib.figure import Figure

    ip = get_ipython()
    if ip is None:
        return
    png = ip.display_formatter.formatters["image/png"]
    draw = png.lookup_by_type(Figure)
    if getattr(draw, "pr_alt", False):
        return

    def with_alt(fig):
        data = draw(fig)
        alt = getattr(fig, "pr_alt_text", None)
        return (data, {"alt": alt}) if alt and data is not None else data

    with_alt.pr_alt = True
    png.for_type(Figure, with_alt)


def top_down(items) -> list:
    """A horizontal bar chart's rows as listed, top to bottom: matplotlib draws the first bar at
    the bottom, so the rows go to it last first."""
    rows = list(items)
    rows.reverse()
    return rows


def new_figure(width: float = 8.0, height: float = 4.0):
    fonts.setup_fonts()
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def stacked_bars(
    ax, categories: list[str], series: dict[str, list[float]], labels: dict[str, str], horizontal: bool = True
) -> None:
    """Stacked bars, one segment per status, coloured by status, with a legend in plot order."""
    left = [0.0] * len(categories)
    for status, values in series.items():
        if horizontal:
            ax.barh(
                categories,
                values,
                left=left,
                color=colour(status),
                label=labels.get(status, status),
                edgecolor="white",
            )
        else:
            ax.bar(
                categories,
                values,
                bottom=left,
                color=colour(status),
                label=labels.get(status, status),
                edgecolor="white",
            )
        left = [a + b for a, b in zip(left, values)]
    # beside the data, never on it
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))


def unreached_band(ax, categories: list[str], label: str) -> None:
    """A hatched band across each row an excerpt does not reach (``not_in_excerpt``), with its
    own legend entry: not the grey of "not reported", since the part not available may report it."""
    if not categories:
        return
    right = ax.get_xlim()[1]
    ax.barh(
        categories,
        [right] * len(categories),
        color="none",
        edgecolor=colour(v.NOT_IN_EXCERPT),
        hatch=HATCHES[v.NOT_IN_EXCERPT],
        linewidth=0,
        label=label,
    )
    ax.set_xlim(right=right)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))


# ---------------------------------------------------------------- layout

PAD = 5.0  # points between the outermost text and the figure's edge, the title or the source line
LINE = 1.05  # a line of text is about its font size high (measured: 1.0-1.02 for Noto Sans CJK)


def text_box(text: str, size: float) -> tuple[float, float]:
    """Width and height of ``text`` (lines separated by newlines) in points."""
    lines = text.split("\n") if text else []
    if not lines:
        return 0.0, 0.0
    return max(fonts.text_width(line, size) for line in lines), size * (LINE * len(lines) + 0.1)


def _plain(texts) -> bool:
    return all(t.get_rotation() % 360 == 0 and "$" not in t.get_text() for t in texts)


def _drawn(axis) -> list:
    """The axis's major ticks that are drawn: those within its view (a locator gives more)."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [
        tick
        for tick in axis.get_major_ticks(len(axis.get_majorticklocs()))
        if low - slack <= tick.get_loc() <= high + slack
    ]


def _shown(labels) -> list:
    return [t for t in labels if t.get_visible() and t.get_text()]


def _tick_room(axis, labels) -> float:
    """How far a side's tick labels reach from the axes, in points (0 without labels)."""
    shown = _shown(labels)
    if not shown:
        return 0.0
    tick = axis.get_major_ticks()[0]
    along = 0 if axis.axis_name == "y" else 1  # width beside a y axis, height under or over an x axis
    extent = max(text_box(t.get_text(), t.get_fontsize())[along] for t in shown)
    return extent + tick.get_tick_padding() + tick.get_pad()


def _half_across(axis, ticks) -> float:
    """Half the extent along the axis of the labels at its two ends (they stand half out of it)."""
    ends = [ticks[0], ticks[-1]] if ticks else []
    shown = _shown([label for tick in ends for label in (tick.label1, tick.label2)])
    along = 1 if axis.axis_name == "y" else 0
    return max((text_box(t.get_text(), t.get_fontsize())[along] for t in shown), default=0.0) / 2


def _label_room(axis) -> float:
    label = axis.label
    if not label.get_visible() or not label.get_text():
        return 0.0
    return text_box(label.get_text(), label.get_fontsize())[1] + axis.labelpad


def _axis_room(ax) -> dict[str, float] | None:
    """Points needed on each side of the axes by its ticks and axis labels."""
    room = {"left": 0.0, "right": 0.0, "top": 0.0, "bottom": 0.0}
    for axis, first, second in ((ax.yaxis, "left", "right"), (ax.xaxis, "bottom", "top")):
        axis.get_majorticklabels()  # (the ticks and their labels made as the draw makes them)
        ticks = _drawn(axis)
        ones, twos = [t.label1 for t in ticks], [t.label2 for t in ticks]
        if not _plain([*ones, *twos]):  # (a y axis label is turned, as its room assumes)
            return None
        room[first] += _tick_room(axis, ones)
        room[second] += _tick_room(axis, twos)
        half = _half_across(axis, ticks)
        ends = ("bottom", "top") if axis.axis_name == "y" else ("left", "right")
        for end in ends:
            room[end] = max(room[end], half)
        side = axis.get_label_position()
        room[side] += _label_room(axis)
    return room


def _legend_box(legend) -> tuple[float, float]:
    texts = legend.get_texts()
    size = texts[0].get_fontsize() if texts else 10.0
    ncol = max(1, legend._ncols)
    widths = [text_box(t.get_text(), size)[0] for t in texts]
    rows = -(-len(texts) // ncol)
    # the legend fills its columns entry by entry: column c holds entries c, c + ncol, ...
    columns = [max((widths[i] for i in range(c, len(widths), ncol)), default=0.0) for c in range(ncol)]
    entry = (legend.handlelength + legend.handletextpad) * size
    width = sum(columns) + ncol * entry + ((ncol - 1) * legend.columnspacing + 2 * legend.borderpad) * size
    height = rows * size * (LINE + legend.labelspacing) + 2 * legend.borderpad * size
    return width, height


def _legend_reach(ax, axes_w: float, axes_h: float) -> dict[str, float] | None:
    """Points a legend anchored outside the axes reaches beyond them (None: placed otherwise)."""
    reach = {"left": 0.0, "right": 0.0, "top": 0.0, "bottom": 0.0}
    legend = ax.get_legend()
    if legend is None or legend.get_bbox_to_anchor() is ax.bbox:
        return reach  # inside the axes
    anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    if anchor.width > 1e-9 or anchor.height > 1e-9:
        return None
    x, y = anchor.x0, anchor.y0
    width, height = _legend_box(legend)
    code = legend._loc
    # legend location codes: 2 upper left, 9 upper center (the two these charts anchor outside)
    if code == 2 and x >= 1.0:  # beside the axes, to the right
        reach["right"] = (x - 1.0) * axes_w + width
        reach["bottom"] = max(0.0, height - y * axes_h)
        return reach
    if code == 9 and y <= 0.0:  # under the axes, centred
        reach["bottom"] = -y * axes_h + height
        reach["left"] = reach["right"] = max(0.0, width / 2 - axes_w / 2)
        return reach
    return None


def _text_reach(ax, axes_w: float, axes_h: float) -> dict[str, float] | None:
    """Points the axes' texts (values, notes) reach beyond the axes."""
    reach = {"left": 0.0, "right": 0.0, "top": 0.0, "bottom": 0.0}
    to_axes = ax.transAxes.inverted()
    for text in ax.texts:
        if not text.get_visible() or not text.get_text():
            continue
        if not _plain([text]):
            return None
        x, y = to_axes.transform(text.get_transform().transform(text.get_position()))
        width, height = text_box(text.get_text(), text.get_fontsize())
        pad = 2 * text.get_bbox_patch().get_boxstyle().pad if text.get_bbox_patch() is not None else 0.0
        width, height = width + pad, height + pad
        ha, va = text.get_horizontalalignment(), text.get_verticalalignment()
        x0 = x * axes_w - {"left": 0.0, "center": width / 2, "right": width}[ha]
        y0 = (
            y * axes_h
            - {
                "bottom": 0.0,
                "baseline": 0.2 * height,
                "center": height / 2,
                "center_baseline": height / 2,
                "top": height,
            }[va]
        )
        reach["left"] = max(reach["left"], -x0)
        reach["right"] = max(reach["right"], x0 + width - axes_w)
        reach["bottom"] = max(reach["bottom"], -y0)
        reach["top"] = max(reach["top"], y0 + height - axes_h)
    return reach


def layout_margins(fig, ax, title: str, source: str, banner: bool) -> dict | None:
    """``subplots_adjust`` margins for a chart of one axes whose title and source line
    :func:`policy_review.pages.charts.finish` places (``title`` and ``source`` already wrapped), or None
    where the chart holds what is not worked out here."""
    if len(fig.axes) != 1:
        return None
    fig_w, fig_h = fig.get_size_inches() * 72
    room = _axis_room(ax)
    if room is None:
        return None
    over = text_box(title, 12)[1] + (16.0 if banner else 0.0) + 0.005 * fig_h
    under = text_box(source, 8)[1] + 0.005 * fig_h
    edges = {"left": PAD, "right": PAD, "top": over + PAD, "bottom": under + PAD}
    need = {side: edges[side] + room[side] for side in edges}
    for _ in range(3):  # what reaches beyond the axes depends on their size: settle it
        axes_w = fig_w - need["left"] - need["right"]
        axes_h = fig_h - need["top"] - need["bottom"]
        if axes_w < 0.2 * fig_w or axes_h < 0.15 * fig_h:
            return None
        legend, texts = _legend_reach(ax, axes_w, axes_h), _text_reach(ax, axes_w, axes_h)
        if legend is None or texts is None:
            return None
        # the union of what reaches out on each side: tick and axis labels, legend, texts
        need = {side: edges[side] + max(room[side], legend[side], texts[side]) for side in edges}
    return {
        "left": need["left"] / fig_w,
        "right": 1 - need["right"] / fig_w,
        "top": 1 - need["top"] / fig_h,
        "bottom": need["bottom"] / fig_h,
    }
