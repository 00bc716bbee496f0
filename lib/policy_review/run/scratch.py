"""One private folder for everything temporary a run makes, removed when the run ends, however
it ends.

A run's processes make temporary files: the reviews the run keeps for its other notebooks, each
kernel's hand-over folder, each worker's kernels' template and its socket, the kernels'
connection files (which hold the keys that let anyone who reads them run code in the kernel),
openpyxl's working files. Left in the system's temporary folder, a worker killed with SIGKILL or
a run stopped by a signal would leave them there. So the runner makes one folder (mode 0700,
an unpredictable name) and, for the run, points ``TMPDIR`` and ``JUPYTER_RUNTIME_DIR`` of its
own process and of every process it starts at it; when the run ends (done, failed, Ctrl-C,
SIGTERM, SIGHUP, SIGQUIT) it removes the folder with all that is in it. A folder left by a run
that was itself killed with SIGKILL (its ``pid`` file names a process that is gone) is removed by
the next run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PREFIX = "policy-review-run-"
#: The variables pointed at the run's folder, for this process and every process it starts.
VARIABLES = ("TMPDIR", "JUPYTER_RUNTIME_DIR")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def sweep(parent: Path) -> None:
    """Remove the folders of runs that ended without removing theirs (killed with SIGKILL)."""
    try:
        entries = list(parent.glob(PREFIX + "*"))
    except OSError:
        return
    for folder in entries:
        try:
            if folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            pid = int((folder / "pid").read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def run_folder():
    """Make the run's private folder, point the temporary folders of this process and its children
    at it; at the end put them back and remove the folder. Yields the folder."""
    parent = Path(tempfile.gettempdir())
    sweep(parent)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    (folder / "pid").write_text(str(os.getpid()), encoding="ascii")
    inner = folder / "t"
    inner.mkdir(mode=0o700)
    before = {name: os.environ.get(name) for name in VARIABLES}
    cached = tempfile.tempdir
    try:
        for name in VARIABLES:
            os.environ[name] = str(inner)
        tempfile.tempdir = str(inner)
        yield inner
    finally:
        tempfile.tempdir = cached
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        remove(folder)


#: How long :func:`remove` tries again while processes of the run, killed a moment ago, are
#: still going (a kernel may have been writing its connection file as it was killed).
REMOVE_SECONDS = 3.0


def remove(folder: Path, seconds: float = REMOVE_SECONDS) -> bool:
    """Remove ``folder`` with all that is in it, trying again for up to ``seconds`` while a file
    appears in it as it is removed. True when it is gone."""
    deadline = time.monotonic() + seconds
    while True:
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
