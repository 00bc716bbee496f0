"""Workarounds for third-party code, in one place: each says what it works around, the version it
was written against (:data:`WRITTEN_AGAINST`), and has a test in ``tests/unit/run/test_compat.py``
that fails when the library changes under it (the behaviour it relies on is probed, not assumed).

- **jupyter_client's kernel manager** (:func:`keeping_clients`): nbclient stops the channels of
  the clients it makes only for a kernel manager it made itself; for ours (started ahead) each
  run would leave a client behind in the worker (a zmq context, its threads, a heartbeat thread
  opening a socket every second). The manager is made to keep the clients it makes, so that
  they can be stopped with the kernel (:func:`stop_clients`).
- **ProcessPoolExecutor's processes** (:func:`pool_processes`): the executor has no public way to
  name its worker processes, which the runner stops (terminate, then kill) on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

#: The versions each workaround was written against (and checked by its test).
WRITTEN_AGAINST = {
    "jupyter_client": "8.6-8.10",
    "concurrent.futures": "CPython 3.11-3.13",
}


def keeping_clients(km):
    """``km`` (a jupyter_client kernel manager), made to keep every client it makes in
    ``km.pr_clients``; returns it."""
    km.pr_clients = []
    make_client = km.client

    def client(**options):
        made = make_client(**options)
        km.pr_clients.append(made)
        return made

    km.client = client
    return km


def stop_clients(km) -> None:
    """Stop the channels (their threads and zmq context) of the clients made for ``km``."""
    for client in getattr(km, "pr_clients", ()):
        try:
            client.stop_channels()
        except Exception:
            pass
    km.pr_clients = []


def pool_manager_died(executor) -> bool:
    """True when a ``ProcessPoolExecutor``'s manager thread, which hands its calls to its worker,
    has ended while the pool was not shut down: it died (it could not start a thread of its own
    under a low memory limit, say), and what was submitted will never run."""
    thread = getattr(executor, "_executor_manager_thread", None)
    return thread is not None and not thread.is_alive() and not getattr(executor, "_shutdown_thread", False)


def pool_processes(executor) -> list:
    """The worker processes (``multiprocessing.Process``) of a ``ProcessPoolExecutor``."""
    return list((getattr(executor, "_processes", None) or {}).values())
