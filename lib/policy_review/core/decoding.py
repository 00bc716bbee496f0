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
import functools
import itertools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from policy_review.core import reads

UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ZIP_MAGIC = b"PK\x03\x04"


class Undecodable(ValueError):
    """The bytes are no text in UTF-8 or GB18030. ``kind`` says why: ``empty``, ``zip``,
    ``utf16``, ``nul`` (a NUL byte at ``offset``), ``bom`` (a UTF-8 BOM, then bytes that are not
    UTF-8), ``unknown`` (``byte`` at ``offset`` is neither UTF-8 nor GB18030); ``line`` is the
    file line of ``offset`` where there is one."""

    def __init__(
        self, kind: str, offset: int | None = None, byte: int | None = None, line: int | None = None
    ):
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
    valid, characters, or cannot read at all: the text is then read with replacement
    characters, so that the place can be shown)."""

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
    line = body[: utf8_error.start].count(b"\n") + 1
    if utf8_error.reason == "unexpected end of data":
        return _checked(body[: utf8_error.start].decode("utf-8"), utf8, cut_line=line)
    if bom:
        raise Undecodable("bom", offset=utf8_error.start, byte=body[utf8_error.start], line=line)
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    decoded = None if text is None else _checked(text, "gb18030", first_wide_line=line)
    if (decoded is None or decoded.suspicious is None) and (embedded := embedded_utf8(body)) is not None:
        offset, words = embedded
        where = body[:offset].count(b"\n") + 1
        return Decoded(
            body.decode("gb18030", "replace"),
            "gb18030",
            first_wide_line=line,
            suspicious=(where, f"the words {words!r} written in UTF-8 inside GB18030 text"),
        )
    if decoded is None:
        raise Undecodable("unknown", offset=utf8_error.start, byte=body[utf8_error.start], line=line)
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


#: One UTF-8 encoded Chinese character: punctuation (lead bytes E2-E3: “”—、。), an ideograph
#: (E4-E9) or a full-width form (EF: ，：); a run of them, and where one may start (overlapping).
_UTF8_WIDE = rb"[\xe2-\xe9\xef][\x80-\xbf]{2}"
_UTF8_RUN = re.compile(rb"(?:" + _UTF8_WIDE + rb")+")
_UTF8_START = re.compile(rb"(?=" + _UTF8_WIDE + rb")")
#: One GB18030 character (four-byte, two-byte, or any other single byte): where characters start.
_GB_CHAR = re.compile(
    rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]|.", re.DOTALL
)
#: How many bytes after a suspected UTF-8 run both readings are compared over.
_WINDOW = 48


def embedded_utf8(data: bytes) -> tuple[int, str] | None:
    """Where GB18030 bytes hold Chinese written in UTF-8, as ``(offset, words)``, or None.

    Bytes of a UTF-8 character read as GB18030 give other, often valid, characters, and when
    their number is odd they shift every following character of the line by one byte. So at
    each place where a GB18030 character starts and the bytes are also UTF-8 Chinese of common
    (GB2312) characters, both readings are compared over the bytes that follow: UTF-8 there
    and GB18030 after it, against GB18030 throughout. UTF-8 wins when its reading has fewer
    undecodable, rare or private-use characters, or, for two or more characters, no more of
    them. Genuine GB18030 text read from the middle of a character gives such characters
    (which is why a lone common character is no evidence on its own); UTF-8 pasted in gives
    them when read as GB18030. Checked on every shipped report saved as GB18030, GBK and Big5
    (no false alarm) and with one to five characters pasted anywhere into them."""
    offset = 0
    for line in data.split(b"\n"):
        if _UTF8_START.search(line) is not None:
            found = _embedded_in_line(line)
            if found is not None:
                return offset + found[0], found[1]
        offset += len(line) + 1
    return None


def _embedded_in_line(line: bytes) -> tuple[int, str] | None:
    starts = {m.start() for m in _UTF8_START.finditer(line)}
    boundaries = itertools.accumulate(map(len, _GB_CHAR.findall(line)), initial=0)
    for at in sorted(starts.intersection(boundaries)):
        run = _UTF8_RUN.match(line, at).group()
        if not is_common(run[:3].decode("utf-8")):
            continue
        end = min(len(line), at + len(run) + _WINDOW)
        final = end == len(line)
        as_gb18030 = _implausibility(line[at:end], final)
        for size in range(len(run), 0, -3):  # the longest reading first
            words = run[:size].decode("utf-8")
            if not all(is_common(ch) for ch in words):
                continue
            as_utf8 = _implausibility(line[at + size : end], final)
            # Two or more common characters in UTF-8 are evidence enough when the GB18030
            # reading is no better: genuine GB18030 text holds such byte runs only by rare chance.
            if as_utf8 < as_gb18030 or (size >= 6 and as_utf8 == as_gb18030):
                return at, words
    return None


def _implausibility(data: bytes, final: bool) -> int:
    """How unlike published Chinese the GB18030 reading of ``data`` is: each undecodable byte
    counts 2, each character outside GB2312 (rare, private-use) 1. An incomplete character at
    the end is left out unless ``data`` ends the line (``final``)."""
    text = codecs.getincrementaldecoder("gb18030")("replace").decode(data, final)
    return sum(2 if ch == "\ufffd" else 0 if ch < "\x80" or is_common(ch) else 1 for ch in text)


@functools.lru_cache(maxsize=8192)
def is_common(ch: str) -> bool:
    """Whether ``ch`` is a common character: one of GB2312 (bytes A1-FE A1-FE in GBK)."""
    try:
        code = ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and code[0] >= 0xA1 and code[1] >= 0xA1


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
            raise OSError(
                errno.EINVAL,
                "it is not a regular file (a FIFO, device or socket); only regular files are read",
                str(path),
            )
        if info.st_size > max_bytes:
            raise OSError(
                errno.EFBIG,
                f"the file is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes",
                str(path),
            )
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # grew while being read
                raise OSError(errno.EFBIG, f"the file is over the limit of {max_bytes:,} bytes", str(path))
        data = b"".join(chunks)
        reads.note(path, data)  # what a run read, as it read it (for its incremental skip)
        return data
    finally:
        os.close(fd)


def reason(error: OSError) -> str:
    """Why a file could not be read, in words (``File name too long``, ``No such file ...``)."""
    return error.strerror or str(error)
