"""Output files appear whole or not at all: write to a temporary name in the same folder, then rename.

The temporary name is unpredictable and created exclusively (``tempfile.mkstemp``: a link or file
planted at a guessable name is never written through). A full disk (or quota) while writing
raises :class:`DiskFull` naming the file; the temporary file is removed, the target is left as it was.

Written ``within`` a folder (a run's output folder, whose contents are not trusted), the folders
between it and the file are opened one at a time without following a link, and the file is made
and renamed relative to the last of them: a folder replaced by a link, before or during the run,
raises :class:`LinkInTheWay` instead of sending the file elsewhere.
"""

from __future__ import annotations

import errno
import os
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

#: What a write fails with when the device or the user's quota has no room left.
NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class DiskFull(Exception):
    """No room left to write ``target`` (nothing half-written was left)."""

    def __init__(self, target: Path | str, reason: str = "no space left on device"):
        self.target, self.reason = Path(target), reason
        super().__init__(f"{reason} while writing {self.target.name}")


class LinkInTheWay(OSError):
    """A folder on the way to an output is a link (or not a folder): nothing is written through it."""

    def __init__(self, folder: Path | str):
        super().__init__(
            errno.ELOOP, "a link (or a file) is where a folder of the output should be", str(folder)
        )


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno in NO_SPACE)


@contextmanager
def atomic_path(target: Path | str):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one rename."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if exc.errno in NO_SPACE:
            raise DiskFull(target, exc.strerror or str(exc)) from None
        raise
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's private 0600
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        if exc.errno in NO_SPACE:
            raise DiskFull(target, exc.strerror or str(exc)) from None
        raise
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(target: Path | str, text: str, within: Path | str | None = None) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"), within)


def atomic_write_bytes(target: Path | str, data: bytes, within: Path | str | None = None) -> Path:
    """Write ``data`` to ``target`` whole or not at all (flushed to disk before the rename).
    ``within``: a folder above ``target`` from which no link is followed (see the module's doc)."""
    if within is not None:
        return _write_within(Path(within), Path(target), data)
    with atomic_path(target) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    return Path(target)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def open_folder(within: Path, folder: Path, create: bool = True) -> int:
    """A descriptor of ``folder``, opened from ``within`` one folder at a time, none through a link
    (each made where missing, with ``create``); :class:`LinkInTheWay` where one is a link or a file."""
    parts = folder.relative_to(within).parts if folder != within else ()
    fd = os.open(within, _FOLDER)
    try:
        for part in parts:
            if part in (".", ".."):
                raise LinkInTheWay(within / part)
            if create:
                try:
                    os.mkdir(part, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
            try:
                inner = os.open(part, _FOLDER | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise LinkInTheWay(folder) from None
                raise
            os.close(fd)
            fd = inner
        return fd
    except BaseException:
        os.close(fd)
        raise


def _write_within(within: Path, target: Path, data: bytes) -> Path:
    try:
        folder = open_folder(within, target.parent)
    except OSError as exc:
        if exc.errno in NO_SPACE:
            raise DiskFull(target, exc.strerror or str(exc)) from None
        raise
    tmp = f".{target.name}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, target.name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as exc:  # (a Ctrl-C too: no temporary file is left)
        try:
            os.unlink(tmp, dir_fd=folder)
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.errno in NO_SPACE:
            raise DiskFull(target, exc.strerror or str(exc)) from None
        raise
    finally:
        os.close(folder)
    return target
