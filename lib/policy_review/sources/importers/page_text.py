"""A page copied as text (or any report saved as plain text): the text of record is the file's
text exactly as decoded (UTF-8 or GB18030/GBK, by the package's report reader), unchanged.

Offsets of curated tables point into that exact text, and the workbook's reading already
keeps a portal's navigation lines out of passages, so nothing is removed here: the metadata
block (``[ 索引号 ]… [ 发布机构 ]… [ 成文日期 ]…``) and the footer stay in the text of record
and are only read for the provenance, with the title line, a document number line and the
signature's date (:mod:`.metadata`).
"""

from __future__ import annotations

from pathlib import Path

from policy_review.sources import report_text

from .base import Imported, Importer, refused, register
from .metadata import Fields, read_block, read_document_lines


@register
class PageTextImporter(Importer):
    format = "page_text"
    extension = "txt"
    order = 90  # the last resort: any text that is none of the other formats

    def sniff(self, head: bytes) -> bool:
        return b"\0" not in head and not head.startswith(b"PK\x03\x04")

    def parse(self, data: bytes, path: Path) -> Imported:
        try:
            text, _ = report_text.decode_report(data)
        except ValueError as error:
            raise refused(path, str(error), getattr(error, "line", None)) from None
        fields = Fields()
        lines = text.split("\n")
        read_block(lines, fields, "block", numbered=True)
        read_document_lines(lines, fields)
        return Imported(text, fields.values, fields.read_from, self.format, self.extension)
