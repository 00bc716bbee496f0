"""Turning the bytes of a file people give us into text: the one encoding sniffer.

Reports and tables arrive as published or as saved from Excel: UTF-8 with or without the BOM
that Windows tools write, GBK/GB18030 (as many Chinese government sites and Chinese Windows
still use), cut short by a failed copy, or not text at all (a workbook renamed ``.csv``, UTF-16
"Unicode Text", random bytes). :func:`sniff` tells which; the callers (``report_text`` for
reports, ``tables`` for CSV tables) decide what each case means for their files and word it.

:func:`read_input_bytes` reads only regular files, of a bounded size: a FIFO, a device or a
socket named like an input is refused at once instead of blocking the command forever, and a
file larger than the limit is refused before it is read whole.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ZIP_MAGIC = b"PK\x03\x04"


class Undecodable(ValueError):
    """The bytes are no text in UTF-8 or GB18030. ``kind`` says why: ``empty``, ``zip``,
    ``utf16``, ``nul`` (a NUL byte at ``offset``), ``bom`` (a UTF-8 BOM, then bytes that are not
    UTF-8), ``unknown`` (``byte`` at ``offset`` is neither UTF-8 nor GB18030); ``line`` is the
    file line of ``offset`` where there is one."""

    def __init__(self, kind: str, offset: int | None = None, byte: int | None = None,
                 line: int | None = None):
        super().__init__(kind)
        self.kind, self.offset, self.byte, self.line = kind, offset, byte, line


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was read.

    ``encoding`` is ``utf-8``, ``utf-8-sig`` (BOM stripped) or ``gb18030``. ``cut_line`` is set
    when UTF-8 ends in the middle of a character (the text stops before it); ``first_wide_line``
    is, for GB18030, the first line that is not plain ASCII. ``suspicious`` says where the
    text looks like a mix of encodings, as ``(line, what was found)``, or is None: a private-use
    or replacement character (what bytes of one encoding read as another often decode into),
    or, in a GB18030 file, Chinese words written in UTF-8 (which GB18030 reads as other,
    valid, characters)."""

    text: str
    encoding: str
    cut_line: int | None = None
    first_wide_line: int | None = None
    suspicious: tuple[int, str] | None = None


def sniff(data: bytes) -> Decoded:
    """Decode ``data`` as UTF-8 (BOM stripped), else GB18030; :class:`Undecodable` when neither."""
    if not data.strip(UTF8_BOM + b" \t\r\n"):
        raise Undecodable("empty")
    if data.startswith(ZIP_MAGIC):
        raise Undecodable("zip")
    if data.startswith(UTF16_BOMS):
        raise Undecodable("utf16")
    if b"\0" in data:
        offset = data.index(b"\0")
        raise Undecodable("nul", offset=offset, line=data[:offset].count(b"\n") + 1)
    bom = data.startswith(UTF8_BOM)
    body = data.removeprefix(UTF8_BOM)
    utf8 = "utf-8-sig" if bom else "utf-8"
    try:
        return _checked(body.decode("utf-8"), utf8)
    except UnicodeDecodeError as error:
        utf8_error = error
    line = body[:utf8_error.start].count(b"\n") + 1
    if utf8_error.reason == "unexpected end of data":
        return _checked(body[:utf8_error.start].decode("utf-8"), utf8, cut_line=line)
    if bom:
        raise Undecodable("bom", offset=utf8_error.start, byte=body[utf8_error.start], line=line)
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError:
        raise Undecodable("unknown", offset=utf8_error.start, byte=body[utf8_error.start],
                          line=line) from None
    decoded = _checked(text, "gb18030", first_wide_line=line)
    if decoded.suspicious is None and (embedded := embedded_utf8(body)) is not None:
        offset, words = embedded
        where = body[:offset].count(b"\n") + 1
        return Decoded(text, "gb18030", first_wide_line=line,
                       suspicious=(where, f"the words {words!r} written in UTF-8 inside GB18030 text"))
    return decoded


def _checked(text: str, encoding: str, **how: int) -> Decoded:
    return Decoded(text, encoding, suspicious=suspicious_character(text), **how)


def suspicious_character(text: str) -> tuple[int, str] | None:
    """The first private-use (U+E000–U+F8FF and the supplementary planes' private areas) or
    replacement character (U+FFFD) of ``text``, as ``(line, description)``: published Chinese
    text has none, while bytes of one encoding read as another often decode into them."""
    found = _PRIVATE_OR_REPLACEMENT.search(text)
    if found is None:
        return None
    ch = found.group()
    what = "the replacement character \ufffd" if ch == "\ufffd" else "a private-use character"
    return text.count("\n", 0, found.start()) + 1, f"U+{ord(ch):04X} ({what})"


_PRIVATE_OR_REPLACEMENT = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffd]")


#: Two or more UTF-8 encoded ideographs in a row (U+4000–U+9FFF: lead bytes E4–E9).
_UTF8_IDEOGRAPHS = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){2,}")


def embedded_utf8(data: bytes) -> tuple[int, str] | None:
    """Where GB18030 bytes hold Chinese words in UTF-8: a run of two or more UTF-8 ideographs
    that are all common (GB2312) characters, as ``(offset, words)``. GB18030 text makes such
    byte runs only by rare chance (none in the shipped and collected reports, 36k characters),
    and then mostly of rare characters."""
    for match in _UTF8_IDEOGRAPHS.finditer(data):
        words = match.group().decode("utf-8")
        if all(_common(ch) for ch in words):
            return match.start(), words
    return None


def _common(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# ---------------------------------------------------------------- reading the bytes of a file


def read_input_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` bytes.

    Raises OSError (with ``strerror`` saying why, for a message) when the file cannot be read,
    is a folder, is not a regular file (a FIFO is opened without waiting for a writer, then
    refused), or is larger than ``max_bytes``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file (a FIFO, device or socket); "
                                        "only regular files are read", str(path))
        if info.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"the file is {info.st_size:,} bytes, over the limit of "
                                       f"{max_bytes:,} bytes", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # grew while being read
                raise OSError(errno.EFBIG, f"the file is over the limit of {max_bytes:,} bytes",
                              str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(error: OSError) -> str:
    """Why a file could not be read, in words (``File name too long``, ``No such file ...``)."""
    return error.strerror or str(error)
