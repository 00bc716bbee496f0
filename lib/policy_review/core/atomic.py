"""Output files appear whole or not at all: write to a temporary name in the same folder, then rename.

The temporary name is unpredictable and created exclusively (``tempfile.mkstemp``: a link or file
planted at a guessable name is never written through). A full disk (or quota) while writing
raises :class:`DiskFull` naming the file; the temporary file is removed, the target is left as it was.
"""

from __future__ import annotations

import errno
import os
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


def atomic_write_text(target: Path | str, text: str) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"))


def atomic_write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` whole or not at all (flushed to disk before the rename)."""
    with atomic_path(target) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    return Path(target)
