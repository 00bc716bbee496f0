"""The chart font: the CJK font file registered by path, and text widths measured from it.

matplotlib has no CJK glyphs by default. The Noto Sans CJK SC font file shipped by the
``mplfonts`` package is registered by path (never by a guessed family name), and
``axes.unicode_minus`` is off so the minus sign does not fall outside the font. Widths of a text
are summed from the font's advance widths, so charts lay out and wrap their texts without a
measuring pass (:func:`policy_review.pages.charts.layout_margins`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"

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


def forget() -> None:
    """Forget the registration (a template process warms a chart, then each kernel registers the
    font itself, after its backend)."""
    global _registered
    _registered = None


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
