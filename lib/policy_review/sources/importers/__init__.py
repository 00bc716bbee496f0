"""Importers of the files researchers save, one per format, registered by format.

``read_file(path)`` tells the format from the file's first bytes (never from its name) and
reads it with that format's importer (:mod:`.base`): a web page (``html``, :mod:`.web_page`), a
page copied as text (``page_text``), a PDF (``pdf``), a Word file (``docx``), or a .doc or
WPS file converted by LibreOffice (``office``).
"""

from __future__ import annotations

from pathlib import Path

from . import office_file, page_text, pdf_file, web_page, word_file  # noqa: F401  (they register)
from .base import HEAD_BYTES, REGISTRY, Imported, Importer, importer_for, read_bytes, refused, register

__all__ = [
    "REGISTRY",
    "Imported",
    "Importer",
    "importer_for",
    "read_bytes",
    "read_file",
    "refused",
    "register",
]


def read_file(path: Path | str) -> tuple[Imported, bytes]:
    """The file read by the importer of its format, and the bytes that were read."""
    data = read_bytes(path)
    return importer_for(data[:HEAD_BYTES], path).parse(data, Path(path)), data
