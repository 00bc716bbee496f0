"""Kernels forked from a template: a process with the notebooks' imports and jieba's dictionary
loaded, which forks a fresh kernel for each run.

Starting a Python kernel and importing pandas, matplotlib, IPython and the package costs about
4 CPU-seconds, jieba's dictionary most of the rest, and a 2-core machine running two notebooks at a
time pays it for every run. A kernel forked from a template that has paid it once starts with all
of it in memory (shared, copy-on-write) and is still a process of its own, used by one run and
stopped: runs stay isolated, the template itself never runs a cell.

- **One template per worker**, started at the worker's first kernel (:func:`address`). It listens
  on a socket in a private folder (mode 0700) before it warms up, so the first kernel waits for
  the warm-up instead of failing.
- **The kernel manager's view.** jupyter_client starts :mod:`policy_review.run.kernel_launcher` as
  the kernel's command (:func:`kernel_spec_manager`); the launcher asks the template for a kernel
  with its arguments, folder, environment and standard streams, passes signals on, and exits when
  the kernel ends. When the launcher is killed (a kernel shut down or killed), the template kills
  the kernel's process group at once.
- **Nothing left running.** The template dies with its worker (Linux: ``PR_SET_PDEATHSIG``; and
  it notices within half a second that its parent changed) and kills its kernels when it goes;
  each kernel dies with the template, and with its launcher.
- ``POLICY_REVIEW_KERNEL_TEMPLATE=0`` turns it off: kernels start the usual way.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import selectors
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENV = "POLICY_REVIEW_KERNEL_TEMPLATE"
LAUNCHER = str(Path(__file__).with_name("kernel_launcher.py"))
_template: dict = {"process": None, "address": None, "folder": None}


# ---------------------------------------------------------------- in the worker


def enabled() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and os.environ.get(ENV, "1") != "0"


#: A Unix socket's path holds fewer bytes than this (108 on Linux, 104 on macOS, with its NUL).
MAX_SOCKET_PATH = 104


def address() -> str | None:
    """The socket of this process's template, started if it is not running (None: not available)."""
    if not enabled():
        return None
    process = _template["process"]
    if process is not None and process.poll() is None:
        return _template["address"]
    stop()
    folder = tempfile.mkdtemp(prefix="policy-review-kernels-")  # mode 0700: only we can connect
    where = os.path.join(folder, "template")
    if len(os.fsencode(where)) >= MAX_SOCKET_PATH:  # a long TMPDIR: no socket can be bound there
        shutil.rmtree(folder, ignore_errors=True)
        return None  # kernels start the usual way
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "policy_review.run.kernel_template", where, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    _template.update(process=process, address=where, folder=folder)
    return where


def wait_ready(seconds: float = 120.0) -> bool:
    """Wait until this process's template has warmed up and forks kernels (False: it has not)."""
    where, process = _template["address"], _template["process"]
    deadline = time.monotonic() + seconds
    while where and process.poll() is None and time.monotonic() < deadline:
        if os.path.exists(where + ".ready"):
            return True
        time.sleep(0.05)
    return bool(where) and os.path.exists(where + ".ready")


def kernel_spec_manager(where: str):
    """A kernel spec manager whose ``python3`` starts the launcher, asking the template at ``where``
    (``""``: no template; the launcher becomes a kernel started the usual way, tied to this
    process as the launcher is)."""
    from jupyter_client.kernelspec import KernelSpecManager

    class _ForkedKernels(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            spec = super().get_kernel_spec(kernel_name)
            spec.argv = [sys.executable, "-S", LAUNCHER, where, str(os.getpid()), "-f", "{connection_file}"]
            return spec

    return _ForkedKernels()


def stop() -> None:
    """Stop this process's template (its kernels go with it) and remove its folder."""
    process, folder = _template["process"], _template["folder"]
    _template.update(process=None, address=None, folder=None)
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def kill(seconds: float = 5.0) -> None:
    """Signal-safe enough for a SIGTERM handler: kill the template at once and wait (up to
    ``seconds``) until it is gone. Its kernels are sent SIGKILL as it dies (their parent-death
    signal), so once it is gone none of them runs another line: none writes a file (its
    connection file, say) into a folder the runner removes next."""
    process = _template["process"]
    if process is not None:
        try:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=seconds)
        except (OSError, subprocess.TimeoutExpired):
            pass


atexit.register(stop)


# ---------------------------------------------------------------- in the template


#: What the template calls to warm up, as ``module:function``: the notebooks' imports, jieba's
#: dictionary, the chart font.
WARMERS = (
    "policy_review.run.execution:preload",
    "policy_review.draft.jieba_compat:dictionary",
    "policy_review.pages.charts:warm",
)


def warm() -> None:
    """Load what every kernel needs: IPython's kernel, the notebooks' imports, jieba's dictionary,
    the chart font (a chart drawn once). Nothing that depends on the project's data: a kernel
    reads that itself."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # (its note on frozen modules: not ours)
    import ipykernel.debugger  # noqa: F401  (debugpy: what a kernel imports as it starts)
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import matplotlib_inline.backend_inline  # noqa: F401

    for name in WARMERS:  # named, not imported: the template sits below what it warms
        module, _, function = name.partition(":")
        getattr(importlib.import_module(module), function)()


def ask_parent_death_signal(signum: int = signal.SIGHUP) -> bool:
    """Linux: get ``signum`` when the process that started us dies (False where it cannot be
    asked for). Linux sends it when the *thread* that started us ends, too: a handler checks that
    the parent changed. (The worker asks for it as well; the launcher, which runs without the
    package, has its own four lines.)"""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(1, int(signum), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _read_request(connection: socket.socket) -> tuple[dict, list[int]]:
    connection.settimeout(10)
    data, fds, _flags, _address = socket.recv_fds(connection, 65536, 3)
    while len(data) < 4 or len(data) < 4 + struct.unpack("!I", data[:4])[0]:
        more = connection.recv(65536)
        if not more:
            raise OSError("the launcher went away before its request was read")
        data += more
    size = struct.unpack("!I", data[:4])[0]
    return json.loads(data[4 : 4 + size]), fds


def _kernel_child(request: dict, fds: list[int], template: int) -> int:
    """In the forked child: become the kernel the launcher asked for (``template``: the pid of the
    template that forked it)."""
    os.setsid()
    ask_parent_death_signal(signal.SIGKILL)
    if os.getppid() != template:  # the template died before the signal was asked for: so do we
        return 1
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    for name in ("SIGTERM", "SIGCHLD", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
    return 0


class _Template:
    def __init__(self, where: str):
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(where)
        self.listener.listen(64)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.kernels: dict[int, socket.socket] = {}  # kernel pid → its launcher's connection

    def serve(self, parent: int) -> None:
        while os.getppid() == parent:
            for key, _ in self.selector.select(timeout=0.5):
                if key.fileobj is self.listener:
                    self._fork()
                else:
                    self._launcher_spoke(key.fileobj, key.data)
            self._reap()

    def _fork(self) -> None:
        connection, _ = self.listener.accept()
        try:
            request, fds = _read_request(connection)
        except (OSError, ValueError):
            connection.close()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        template = os.getpid()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                self.selector.close()
                self.listener.close()
                for other in self.kernels.values():
                    other.close()
                connection.close()
                code = _kernel_child(request, fds, template)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        connection.settimeout(None)
        try:
            connection.sendall(f"pid {pid}\n".encode())
        except OSError:
            _kill_group(pid)
        self.kernels[pid] = connection
        self.selector.register(connection, selectors.EVENT_READ, pid)

    def _launcher_spoke(self, connection: socket.socket, pid: int) -> None:
        try:
            data = connection.recv(64)
        except OSError:
            data = b""
        if not data:  # the launcher is gone: so goes its kernel
            _kill_group(pid)

    def _reap(self) -> None:
        while self.kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            connection = self.kernels.pop(pid, None)
            if connection is not None:
                self.selector.unregister(connection)
                try:
                    connection.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                except OSError:
                    pass
                connection.close()

    def stop(self) -> None:
        for pid in list(self.kernels):
            _kill_group(pid)
        deadline = time.monotonic() + 5
        while self.kernels and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            return
        except OSError:
            continue


def main(argv: list[str]) -> int:
    """``argv``: the socket's path and the pid of the worker that starts the template (a worker
    that died before the template asked to be told is then noticed at once)."""
    parent = int(argv[2]) if len(argv) > 2 else os.getppid()
    ask_parent_death_signal()
    if os.getppid() != parent:  # the worker died before we asked: nobody would stop us
        return 0
    template = _Template(argv[1])  # listening before the warm-up: the first kernel waits for it

    def on_sigterm(signum, frame):
        raise SystemExit(128 + signum)

    def on_parent_death(signum, frame):
        if os.getppid() != parent:  # not merely the end of the thread that started us
            raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGHUP, on_parent_death)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)  # and so is a terminal's quit key
    try:
        warm()
        Path(argv[1] + ".ready").touch()
        template.serve(parent)
    except SystemExit:
        pass
    finally:
        template.stop()
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    # its kernels are gone and it wrote no file: no interpreter teardown (of every module the
    # warm-up loaded, most of a second) keeps the worker that stops it waiting
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
