"""What this process read of the project's files, with the hash of the very bytes it read.

Every input is read by :func:`policy_review.core.decoding.read_input_bytes`, which notes the file
here. In a run's kernel the worker names a file in ``POLICY_REVIEW_READS``; each file read is
added to it as one JSON line (``{"path": ..., "sha256": ...}``, the path relative to the project
root where it is inside), as it is read, so that a kernel stopped at any moment has said what it
read so far. The runner keeps these hashes beside the run's outputs: a run is skipped only while
every file it read still has the bytes it read (:mod:`policy_review.run.incremental`). A report
edited during a run and then put back is therefore run again: what the run read is not there.

A process that takes a review another process loaded (``review.loaded_reviews``) notes the
files that review was read from (:func:`since`, :func:`note_again`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from policy_review.core import paths

ENV = "POLICY_REVIEW_READS"
#: The largest list of reads a worker takes back from a kernel.
MAX_READS_BYTES = 4 * 1024 * 1024

_noted: list[tuple[str, str]] = []


def note(path: Path | str, data: bytes) -> None:
    """Note that ``data`` was read from ``path`` (in memory, and where ``ENV`` names a file, there)."""
    _record([(_relative(path), hashlib.sha256(data).hexdigest())])


def _relative(path: Path | str) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(paths.root_key()))).as_posix()
    except ValueError:
        return str(absolute)


def _record(items: list[tuple[str, str]]) -> None:
    _noted.extend(items)
    target = os.environ.get(ENV)
    if not target or not items:
        return
    lines = "".join(json.dumps({"path": p, "sha256": h}) + "\n" for p, h in items)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return  # the worker's folder is gone (the run ends): nothing to tell
    try:
        os.write(fd, lines.encode("utf-8"))
    except OSError:
        pass
    finally:
        os.close(fd)


def mark() -> int:
    """A place in this process's list of reads, for :func:`since`."""
    return len(_noted)


def since(place: int) -> list[tuple[str, str]]:
    """The reads noted after :func:`mark` returned ``place``."""
    return list(_noted[place:])


def note_again(items: list[tuple[str, str]]) -> None:
    """Note reads made by another process for what this one takes from it."""
    _record([(str(p), str(h)) for p, h in items])


def taken(file: Path | str) -> dict[str, str]:
    """The reads a kernel noted in ``file`` (path → sha256; the last hash of a file read twice);
    empty where there is none or it cannot be read."""
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_READS_BYTES + 1)
    except OSError:
        return {}
    if len(data) > MAX_READS_BYTES:
        return {}
    found = {}
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
            found[str(item["path"])] = str(item["sha256"])
        except (ValueError, KeyError, TypeError):
            continue
    return found


def current_hash(relative: str) -> str | None:
    """The sha256 of a file as it is now (``relative`` as noted), None where it cannot be read."""
    path = Path(relative) if os.path.isabs(relative) else paths.root() / relative
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO put there since: never waited on
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
