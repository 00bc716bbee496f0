"""The names of every file a run writes, and how the output folder is read: only what a run would
have written, only regular files and real folders, never through a link.

One home for the names: the runner (what to write), the preflight (what may be in the way), the
index and the source pages (what to link) and the comparison (which rows to read) all ask here.
This module sits in ``core`` because pages (the index, the source page) need the names and may
import nothing from ``run``.

Per region, in ``<out>/<region>/``: a year run's ``<year>.html``, ``.ipynb``, ``.xlsx``,
``.summary.json``, ``.source.html`` (with ``--pdf`` also ``.pdf``; after a failure
``.failed.ipynb``), a Chinese run's the same with ``<year>.zh`` as stem; the region's
``trends.html`` and ``trends.ipynb`` (``trends.zh.*``). Across regions: ``compare/<year>.html``
and ``.ipynb`` (``<year>.zh.*``). At the top: ``index.html`` and ``runs.json``.

The output folder's contents are not trusted (``SECURITY.md``): :func:`listed_regions` and
:func:`regular_file` see only names a run would write, as real folders and regular files (a link
is never followed), and :func:`read_output` reads a regular file of bounded size without
following a link or waiting on a FIFO.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

#: The language whose pages carry no language in their names (``2018.html``, not ``2018.en.html``).
PLAIN_LANG = "en"
#: A region's folder name: a short slug (so no ``..``, no ``/``, no scheme such as ``javascript:``).
REGION_PATTERN = r"^[a-z][a-z0-9_-]*$"
MAX_REGION_CHARS = 64
_REGION = re.compile(REGION_PATTERN)

INDEX = "index.html"
MANIFEST = "runs.json"
COMPARE_DIR = "compare"
TRENDS = "trends"

#: The file kinds a run writes, by the suffix after the stem.
PAGE = "html"
NOTEBOOK = "ipynb"
WORKBOOK = "xlsx"
SUMMARY = "summary.json"
SOURCE = "source.html"
PDF = "pdf"
FAILED = "failed.ipynb"
#: What a good year run writes, and a trends or comparison run.
YEAR_FILES = (NOTEBOOK, PAGE, SUMMARY, WORKBOOK, SOURCE)
PAGE_FILES = (NOTEBOOK, PAGE)

#: A stem a run writes: a year or ``trends``, then the language unless it is English.
_STEM = re.compile(r"^(?P<base>\d{4}|trends)(?:\.(?P<lang>[a-z]{2}))?$")
#: The largest output file the index or a comparison reads back (a summary is a few kB).
MAX_SUMMARY_BYTES = 4 * 1024 * 1024


def stem(base: int | str, lang: str) -> str:
    """A file name without its suffix: ``2018``, ``2018.zh``, ``trends``, ``trends.zh``."""
    return str(base) if lang == PLAIN_LANG else f"{base}.{lang}"


def year_stem(year: int, lang: str) -> str:
    return stem(int(year), lang)


def trends_stem(lang: str) -> str:
    return stem(TRENDS, lang)


def name(stem_: str, suffix: str) -> str:
    """``2018`` and ``summary.json`` → ``2018.summary.json``."""
    return f"{stem_}.{suffix}"


def source_page(year: int, lang: str) -> str:
    """File name of a report's source page for a run in ``lang`` (beside ``<year>[.lang].html``)."""
    return name(year_stem(year, lang), SOURCE)


def parse_stem(stem_: str) -> tuple[str, str] | None:
    """``2018.zh`` → ``("2018", "zh")``; None for a stem no run writes."""
    found = _STEM.match(stem_)
    return (found["base"], found["lang"] or PLAIN_LANG) if found else None


def is_region(folder_name: str) -> bool:
    """Whether a folder name is a region's (a slug of at most :data:`MAX_REGION_CHARS`)."""
    return len(folder_name) <= MAX_REGION_CHARS and _REGION.match(folder_name) is not None


# ---------------------------------------------------------------- reading the output folder


def regular_file(path: Path) -> bool:
    """A regular file, not a link to one (nor a FIFO, device or folder)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def real_folder(path: Path) -> bool:
    """A folder, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def listed_regions(out_dir: Path) -> list[str]:
    """The region folders of an output folder: real folders with a region's name, sorted."""
    try:
        entries = os.listdir(out_dir)
    except OSError:
        return []
    return sorted(n for n in entries if n != COMPARE_DIR and is_region(n) and real_folder(out_dir / n))


def listed(folder: Path, suffix: str) -> list[str]:
    """The stems of the regular files ``<stem>.<suffix>`` in ``folder`` that a run writes, sorted."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    ending = "." + suffix
    found = []
    for entry in entries:
        if entry.endswith(ending):
            stem_ = entry[: -len(ending)]
            if parse_stem(stem_) is not None and regular_file(folder / entry):
                found.append(stem_)
    return sorted(found)


def read_output(path: Path, max_bytes: int = MAX_SUMMARY_BYTES) -> bytes:
    """The bytes of a regular file of the output folder, at most ``max_bytes``: a link is not
    followed, a FIFO is not waited on (OSError for either, and for a file too large)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            raise OSError(errno.EINVAL, "not a regular file of a run's size", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise OSError(errno.EFBIG, "grew while being read", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
