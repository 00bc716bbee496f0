"""The command a kernel manager starts for a kernel forked from the template: it asks the template
(:mod:`policy_review.run.kernel_template`) for a kernel, then stands for it until it ends.

Run by path, with ``python -S``: it imports nothing but the standard library, so it starts in a few
milliseconds. jupyter_client sees this process as the kernel: a signal sent to it (an interrupt,
a terminate) is passed on to the kernel's process group; when it is killed, the template kills the
kernel; when the kernel ends, it exits with the kernel's exit code. Where the template cannot be
reached, or does not answer within ``READY_SECONDS``, or ``ADDRESS`` is empty (a worker with no
template), it becomes a kernel started the usual way (``python -m ipykernel_launcher``, in this
process), so a run never depends on the template being there.

    python -S kernel_launcher.py ADDRESS PARENT -f CONNECTION_FILE [kernel arguments ...]

``PARENT`` is the pid of the worker that starts it: a launcher whose worker died before it could
ask to be told (a worker stopped by a signal while it starts a kernel ahead) exits at once, and
never starts a kernel the usual way that nobody would stop. A kernel started the usual way keeps
the launcher's parent-death signal (SIGHUP, which ends it): it dies with its worker at once,
even while it is still starting up.
"""

import json
import os
import select
import signal
import socket
import struct
import sys

#: How long to wait for the template to fork the kernel (it may still be loading) before starting a
#: kernel the usual way instead.
READY_SECONDS = 20
FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")
_kernel = {"pid": None, "pending": [], "parent": None}


def _forward(signum, frame):
    if signum == signal.SIGHUP and _orphaned():
        os._exit(1)  # whoever started us is gone: the template kills the kernel when we go
    pid = _kernel["pid"]
    if pid is None:
        _kernel["pending"].append(signum)  # sent on once the kernel's pid is known
        return
    try:
        os.killpg(pid, signum)
    except OSError:
        pass


def _die_with_parent() -> None:
    """Linux: get SIGHUP when the process that started us dies (and when the thread that started us
    ends: :func:`_forward` then tells the two apart). The launcher runs without the package
    (standard library only), so these lines repeat ``kernel_template.ask_parent_death_signal``."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGHUP)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _orphaned() -> bool:
    return os.getppid() != _kernel["parent"]


def _usual_kernel(arguments: list) -> None:
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *arguments])


def _lines(connection: socket.socket, wait: dict):
    """The lines the template sends; None each ``wait["seconds"]`` without one; nothing after EOF."""
    buffered = b""
    while True:
        while b"\n" in buffered:
            line, buffered = buffered.split(b"\n", 1)
            yield line
        ready, _, _ = select.select([connection], [], [], wait["seconds"])
        if not ready:
            yield None
            continue
        data = connection.recv(4096)
        if not data:
            return
        buffered += data


def main(argv: list) -> int:
    address, parent, arguments = argv[1], argv[2], argv[3:]
    _kernel["parent"] = int(parent)
    _die_with_parent()
    if _orphaned():  # the worker died before the death signal was asked for
        return 1
    for name in FORWARDED:
        signal.signal(getattr(signal, name), _forward)
    try:
        if not address:
            raise OSError("no template")
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(address)
        request = json.dumps({"argv": arguments, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
        socket.send_fds(connection, [struct.pack("!I", len(request)) + request], [0, 1, 2])
        wait = {"seconds": READY_SECONDS}
        lines = _lines(connection, wait)
        line = next(lines, b"") or b""  # None: no answer in time (the template is still warming up)
    except OSError:
        line = b""
    if not line.startswith(b"pid "):
        if _orphaned():  # the template went with our worker: no kernel that nobody would stop
            return 1
        _usual_kernel(arguments)  # no template (gone, refusing, not ready): a kernel of our own, here
    _kernel["pid"] = int(line.split()[1])
    for signum in _kernel["pending"]:
        _forward(signum, None)
    wait["seconds"] = 1.0
    for line in lines:  # "exit N" when the kernel ends; nothing if the template died
        if line is None:
            if _orphaned():
                return 1
            continue
        if line.startswith(b"exit "):
            return int(line.split()[1])
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
