"""Charts: matplotlib with a registered CJK font, one colour per status value in every chart.

matplotlib has no CJK glyphs by default. The Noto Sans CJK SC font file shipped by the
``mplfonts`` package is registered by path (never by a guessed family name), and
``axes.unicode_minus`` is off so the minus sign does not fall outside the font.
Every chart has a title that states the finding and a source line under it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

from . import chart_layout

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"

#: The same colour for the same status value in every chart.
STATUS_COLOURS = {
    # reporting axis
    "evidenced": "#1b7837",
    "mentioned": "#7fbf7b",
    "claimed": "#f1a340",
    "not_reported": "#bdbdbd",
    "not_in_excerpt": "#8073ac",  # drawn hatched: the excerpt stops before it, not a silent report
    # progress axis
    "complete": "#2166ac",
    "continuing": "#67a9cf",
    "delayed": "#d6604d",
    "not_started": "#b2182b",
    "not_rated": "#e0e0e0",
    # follow-up
    "not_found": "#bdbdbd",
    # plan stages
    "announced": "#9e9ac8",
    "assigned": "#6a51a3",
    "completed": "#2166ac",
    "completed_on_time": "#35978f",  # not the blue of "completed": the two stand side by side
}

#: Statuses drawn hatched, so they read apart from every solid colour even in grey print.
HATCHES = {"not_in_excerpt": "///"}

_registered: str | None = None


def cjk_font_path() -> Path:
    """The CJK font file, found inside the installed ``mplfonts`` package."""
    import mplfonts

    path = Path(mplfonts.__file__).resolve().parent / "fonts" / CJK_FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"CJK font {CJK_FONT_FILE} not found in the mplfonts package ({path.parent})")
    return path


def setup_fonts() -> str:
    """Register the CJK font by path and make it matplotlib's default; return its family name."""
    global _registered
    if _registered:
        return _registered
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    matplotlib.rcParams["savefig.dpi"] = 100
    matplotlib.rcParams["axes.spines.top"] = False
    matplotlib.rcParams["axes.spines.right"] = False
    _registered = family
    return family


def warm() -> None:
    """Draw one small chart with the CJK font and forget the settings it made: what a process
    pays for its first chart (reading the font, the advance widths, the PNG writer) is paid
    here, by the kernels' template (:mod:`policy_review.kernel_template`), once."""
    global _registered
    from io import BytesIO

    with matplotlib.rc_context():
        fig, ax = new_figure(3, 1.5)
        ax.barh(["法治 rule of law"], [1])
        ax.set_xlabel("x")
        finish(fig, ax, "标题 title", "来源 source")
        fig.savefig(BytesIO(), format="png")
    _registered = None  # each kernel sets the fonts itself (views.setup), after its backend


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


@lru_cache(maxsize=1)
def _ascii_widths() -> dict[str, float]:
    """Advance widths of the printable ASCII characters in the chart font, in ems (read once)."""
    from matplotlib.ft2font import FT2Font, LoadFlags

    font = FT2Font(str(cjk_font_path()))
    font.set_size(100, 72)  # 100 pt at 72 dpi: pixels are points
    return {
        chr(c): font.load_char(c, flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 / 100
        for c in range(32, 127)
    }


def text_width(text: str, fontsize: float) -> float:
    """Width of one line of ``text`` in points, from the font's advance widths: ASCII as the font
    has them, CJK, full-width and ambiguous-width characters one em, anything else 0.6 em."""
    ascii_widths = _ascii_widths()
    return fontsize * sum(
        ascii_widths.get(ch) or (1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6) for ch in text
    )


def wrap_text(text: str, width_pt: float, fontsize: float) -> str:
    """``text`` broken into lines of at most ``width_pt`` points: between words, and between any
    two CJK characters. Widths are summed from the font's advances (:func:`text_width`) rather
    than measured: matplotlib's ``wrap=True`` lays the text out word by word at every layout
    and draw, which cost more than all the rest of a chart."""
    lines = []
    width_pt *= 0.98  # kerning and rounding
    for paragraph in text.split("\n"):
        # tokens: a run of narrow characters with its trailing spaces, or one wide character
        tokens = re.findall(
            r"[^\s\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+\s*|\s+|.", paragraph
        )
        line = ""
        for token in tokens:
            if line and text_width((line + token).rstrip(), fontsize) > width_pt:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
    return "\n".join(lines)


def shorten_text(text: str, width_pt: float, fontsize: float, placeholder: str = "…") -> str:
    """``text`` on one line of at most ``width_pt`` points, cut with ``placeholder`` where longer
    (widths from :func:`text_width`, so Chinese and Latin text are cut at the same width)."""
    text = " ".join(text.split())
    if text_width(text, fontsize) <= width_pt:
        return text
    room = width_pt - text_width(placeholder, fontsize)
    while text and text_width(text, fontsize) > room:
        text = text[:-1]
    return text.rstrip() + placeholder


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
    (:func:`policy_review.chart_layout.margins`); ``margins`` (as for ``subplots_adjust``) replace
    them, and a chart that module does not know how to lay out is laid out by ``tight_layout``."""
    width_pt, height_pt = fig.get_size_inches() * 72
    top = 0.995
    if banner:
        fig.text(0.99, top, banner, fontsize=9, color="#b2182b", ha="right", va="top")
        top -= 16 / height_pt  # the title starts under the banner's line
    # the title at the figure's left edge, so it has the figure's whole width to wrap in
    title_lines, source_lines = wrap_text(title, width_pt * 0.97, 12), wrap_text(source, width_pt * 0.97, 8)
    fig.suptitle(title_lines, x=0.01, y=top, ha="left", va="top", fontsize=12)
    fig.text(0.01, 0.005, source_lines, fontsize=8, color="#555555", ha="left", va="bottom")
    margins = margins or chart_layout.margins(fig, ax, title_lines, source_lines, bool(banner))
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


def new_figure(width: float = 8.0, height: float = 4.0):
    setup_fonts()
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
        edgecolor=colour("not_in_excerpt"),
        hatch=HATCHES["not_in_excerpt"],
        linewidth=0,
        label=label,
    )
    ax.set_xlim(right=right)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
