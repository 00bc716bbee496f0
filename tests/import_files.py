"""Shared by the import tests: the saved files they use (real pages, Kaizhou's page text) and the
PDFs and Word files they make (matplotlib's PDF backend with the project's CJK font, python-docx
with Word's automatic numbering and a table)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "data" / "import"
PAGES = {
    "jingfaju": FIXTURES / "pingtan-jingfaju-2022-report.html",
    "junshan": FIXTURES / "pingtan-junshan-2021-plan.html",
    "suping": FIXTURES / "pingtan-suping-2020-plan.html",
}
KAIZHOU_TEXT = FIXTURES / "kaizhou-2018-report.txt"


def crawl_text(name: str) -> str:
    return PAGES[name].with_suffix(".crawl.txt").read_text(encoding="utf-8")


def squeezed(text: str) -> str:
    """The text without any space or line break (for comparing texts typeset otherwise)."""
    return re.sub("[\\s\\u3000\\u00a0]+", "", text)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the project's data and params, ``POLICY_REVIEW_ROOT`` pointed at it."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "params", root / "params")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(root))
    return root


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes (to show that nothing changed)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- PDFs -----------------------------------------------------------------------------------

#: A4 in points; the lines are placed at fixed positions so that a paragraph's lines reach the
#: right margin, as a typeset PDF's do.
A4 = (8.27, 11.69)
SIZE = 14  # points: a CJK glyph is one em wide
LEFT = 0.1


def make_pdf(path: Path, pages: list[list[tuple[float, str]]], fonttype: int = 42) -> Path:
    """A PDF of text lines, each ``(indent in ems, text)``, with the project's CJK font."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from policy_review.pages.fonts import setup_fonts

    setup_fonts()
    with matplotlib.rc_context({"pdf.fonttype": fonttype}), PdfPages(path) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=A4)
            for number, (indent, text) in enumerate(lines):
                x = LEFT + indent * SIZE / (A4[0] * 72)
                fig.text(x, 0.92 - number * 0.035, text, fontsize=SIZE)
            pdf.savefig(fig)
            plt.close(fig)
    return path


def make_image_pdf(path: Path) -> Path:
    """A PDF of one page that is an image only (a scan): no text layer."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig = plt.figure(figsize=A4)
    fig.figimage(np.random.default_rng(0).random((200, 150)), xo=50, yo=300)
    fig.savefig(path, format="pdf")
    plt.close(fig)
    return path


# --- Word files -----------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum {ns} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1\u3001"/><w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="\uff08%2\uff09"/><w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
)


def make_docx(path: Path, paragraphs: list[tuple[int | None, str]], table: list[list[str]] | None = None,
              title: str = "", table_after: int = 0) -> Path:  # fmt: skip
    """A Word file: ``paragraphs`` as ``(level or None, text)``, a level numbered by Word
    (一、 / （一） / 1.), and ``table`` after paragraph ``table_after``."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.core_properties.title = title
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for index, (level, text) in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
        if table and index == table_after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    document.save(path)
    return path
