"""A PDF, read with pdfplumber (on pdfminer.six, MIT-licensed; no AGPL library is used).

The page count is checked before any text is read (at most ``MAX_PDF_PAGES``). The text comes
line by line as laid out; a line that reaches the right margin runs on into the next one when
that one is not indented and starts no heading (一、 （一） 1.), so that each paragraph is one
line again. A page number alone at the top or foot of a page (``- 2 -``, ``— 2 —``, ``第2页``)
is left out. A PDF whose text comes out as ``(cid:…)`` glyph codes, replacement or private-use
characters, no Chinese, or nothing at all (a scanned document) is refused with one line: it
has no usable text layer and must be OCRed first. Fields: the document's own ``Title`` where
it holds Chinese, a metadata block in the text, then the title line, document number and
signature date (:mod:`.metadata`).
"""

from __future__ import annotations

import io
import re
import statistics
from pathlib import Path

from policy_review.core.errors import BadInput

from .base import MAX_PDF_PAGES, Imported, Importer, refused, register
from .metadata import Fields, read_block, read_document_lines

NO_TEXT_LAYER = (
    "the PDF has no usable text layer (a scanned image, or fonts without a character map); "
    "OCR it first (e.g. ocrmypdf -l chi_sim) and import the result"
)
#: More garbled characters than this share of the visible ones: no usable text layer.
MAX_GARBLED_SHARE = 0.01
MIN_CJK_SHARE = 0.2

_GARBLED = re.compile("\\(cid:\\d+\\)|[\\ufffd\\ue000-\\uf8ff]")
_CJK = re.compile("[\\u4e00-\\u9fff]")
#: - 2 -, — 2 —, 2, 第2页, 第2页 共9页 (— U+2014, – U+2013, 第 U+7B2C, 页 U+9875, 共 U+5171).
_PAGE_NUMBER = re.compile(
    "^[-\\u2014\\u2013\\s]*(?:\\d{1,4}|\\u7b2c\\s*\\d{1,4}\\s*\\u9875(?:\\s*\\u5171\\s*\\d{1,4}\\s*\\u9875)?)"
    "[-\\u2014\\u2013\\s]*$"
)
#: A line that starts a heading: 一、 （一） (一) 1. 1、 第一 (、 U+3001, （） U+FF08/9, ． U+FF0E).
_HEADING = re.compile(
    "^(?:[\\u4e00\\u4e8c\\u4e09\\u56db\\u4e94\\u516d\\u4e03\\u516b\\u4e5d\\u5341]+\\u3001"
    "|[\\uff08(][\\u4e00\\u4e8c\\u4e09\\u56db\\u4e94\\u516d\\u4e03\\u516b\\u4e5d\\u5341]+[\\uff09)]"
    "|\\d{1,2}[.\\uff0e\\u3001]|\\u7b2c[\\u4e00\\u4e8c\\u4e09\\u56db\\u4e94\\u516d\\u4e03\\u516b\\u4e5d\\u5341]+)"
)
_ASCII_WORD = re.compile("[A-Za-z0-9]")


@register
class PdfImporter(Importer):
    format = "pdf"
    extension = "pdf"
    order = 10

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def parse(self, data: bytes, path: Path) -> Imported:
        import pdfplumber  # deferred: a heavy import only `import` of a PDF needs
        from pdfminer.pdfdocument import PDFPasswordIncorrect  # pdfplumber's own parser, deferred with it

        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                if len(pdf.pages) > MAX_PDF_PAGES:
                    raise refused(
                        path, f"the PDF has {len(pdf.pages):,} pages, over the limit of {MAX_PDF_PAGES}"
                    )
                info = dict(pdf.metadata or {})
                pages = [_page_lines(page) for page in pdf.pages]
        except BadInput:
            raise
        except PDFPasswordIncorrect:
            raise refused(path, "the PDF is protected by a password; save a copy without one") from None
        except Exception as error:  # pdfminer raises many kinds on a broken file
            raise refused(path, f"cannot be read as a PDF ({type(error).__name__}: {error})") from None
        text = joined_text(pages)
        usable_or_refuse(text, path)
        fields = Fields()
        title = info.get("Title")
        if isinstance(title, str) and _CJK.search(title):
            fields.offer("title", title, "the PDF Title property", (1, 0))
        lines = text.split("\n")
        read_block(lines, fields, "block", numbered=True)
        read_document_lines(lines, fields)
        return Imported(text, fields.values, fields.read_from, self.format, self.extension)


def _page_lines(page) -> list[dict]:
    return [
        {"text": line["text"], "x0": line["x0"], "x1": line["x1"], "size": _size(line)}
        for line in page.extract_text_lines(layout=False, strip=True, return_chars=True)
        if line["text"].strip()
    ]


def _size(line: dict) -> float:
    sizes = [char.get("size", 0) for char in line.get("chars", ())]
    return statistics.median(sizes) if sizes else 10.0


def usable_or_refuse(text: str, path: Path) -> None:
    """Refuse a text layer that is empty, garbled or not Chinese, with the one line that says so."""
    visible = re.sub("\\s+", "", text)
    garbled = sum(len(m.group()) for m in _GARBLED.finditer(visible))
    cjk = len(_CJK.findall(visible))
    if not visible or garbled > MAX_GARBLED_SHARE * len(visible) or cjk < MIN_CJK_SHARE * len(visible):
        raise refused(path, NO_TEXT_LAYER)


def joined_text(pages: list[list[dict]]) -> str:
    """The pages' lines with page numbers left out and each paragraph's lines joined."""
    lines = []
    for page in pages:
        body = list(page)
        while body and _PAGE_NUMBER.match(body[-1]["text"]):
            body.pop()
        while body and _PAGE_NUMBER.match(body[0]["text"]):
            body.pop(0)
        lines.extend(body)
    if not lines:
        return ""
    size = statistics.median(line["size"] for line in lines)
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    paragraphs = [lines[0]["text"]]
    for before, line in zip(lines, lines[1:]):
        runs_on = (
            before["x1"] >= right - 1.5 * size
            and line["x0"] <= left + 0.5 * size
            and not _HEADING.match(line["text"])
        )
        if runs_on:
            glue = (
                " " if _ASCII_WORD.match(paragraphs[-1][-1:]) and _ASCII_WORD.match(line["text"][:1]) else ""
            )
            paragraphs[-1] += glue + line["text"]
        else:
            paragraphs.append(line["text"])
    return "\n".join(paragraphs)
