"""The importers' common ground: what an importer gives back, the registry of formats, and the
limits every saved file is checked against before any work starts.

An :class:`Importer` reads one format (``html``, ``page_text``, ``pdf``, ``docx``, ``office``).
It is registered by that format, as papermill registers its I/O handlers, and tells from a
file's first bytes whether the file is its own (``sniff``): the name of the file is never
asked. ``read(path)`` (or ``parse(data, path)``, for bytes already read) gives an
:class:`Imported`: the text of record, the provenance fields the file states, where each was
read from, and the format. Bad input raises ``BadInput`` with one problem, its message saying
what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from policy_review.core import decoding
from policy_review.core.errors import BadInput, Problem

#: A saved file larger than this is refused before it is read (real reports and their pages,
#: PDFs and Word files are well under 10 MB).
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: A PDF of more pages is refused before its text is read (a yearly report has tens of pages).
MAX_PDF_PAGES = 500
#: A Word file (a zip archive) whose members add up to more than this once decompressed is
#: refused before it is opened (a zip bomb); so is a member compressed more than
#: ``MAX_COMPRESSION_RATIO`` times, and an archive of more than ``MAX_ZIP_MEMBERS`` members.
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
#: XML or HTML nested deeper than this is refused. Real documents nest a few dozen deep;
#: libxml2 stops at 256 by itself (and its HTML parser drops what is deeper without a word), so
#: the limit stays below that and the importer, not the parser, says what is wrong.
MAX_XML_DEPTH = 200
#: How many first bytes ``sniff`` is shown.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class Imported:
    """What an importer read from a file.

    ``text`` is the text of record; ``fields`` the provenance fields the file states (``title``,
    ``publisher``, ``index_number``, ``document_number``, ``written`` and ``published`` as
    dates, ``address``, ``topic``, ...), ``read_from`` where each was read (``meta PubDate``,
    ``block 索引号``); ``format`` the importer's; ``extension`` the one the original is kept
    with; ``notes`` anything the researcher should know (e.g. how a file was converted)."""

    text: str
    fields: dict[str, object]
    read_from: dict[str, str]
    format: str
    extension: str
    notes: tuple[str, ...] = field(default=())


class Importer:
    """One format's reader. Subclasses set ``format``, ``extension`` and ``order`` (lower is
    sniffed first: the binary formats before HTML, plain text last) and implement ``sniff``
    and ``parse``."""

    format: ClassVar[str]
    extension: ClassVar[str]
    order: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        raise NotImplementedError

    def parse(self, data: bytes, path: Path) -> Imported:
        raise NotImplementedError

    def read(self, path: Path | str) -> Imported:
        return self.parse(read_bytes(path), Path(path))


REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    """Register an importer class by its format (a class decorator)."""
    REGISTRY[cls.format] = cls
    return cls


def importer_for(head: bytes, path: Path | str) -> Importer:
    """The importer whose format the file's first bytes show; BadInput when none does."""
    for cls in sorted(REGISTRY.values(), key=lambda c: c.order):
        importer = cls()
        if importer.sniff(head[:HEAD_BYTES]):
            return importer
    shown = " ".join(f"{b:02X}" for b in head[:8])
    raise refused(
        path,
        f"not a web page, text, PDF or Word file (it starts with the bytes {shown}); "
        "save the report as one of those",
    )


def read_bytes(path: Path | str) -> bytes:
    """The bytes of a saved file: a regular file of at most ``MAX_INPUT_BYTES``."""
    try:
        return decoding.read_input_bytes(path, MAX_INPUT_BYTES)
    except OSError as error:
        raise refused(path, f"cannot read it: {decoding.reason(error)}") from None


def refused(path: Path | str, message: str, line: int | None = None) -> BadInput:
    """The one problem that refuses a file, as raised by every importer."""
    return BadInput([Problem(path, message, line)])
