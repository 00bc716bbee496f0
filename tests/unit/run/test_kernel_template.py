"""Kernels forked from the template (kernel_template.py, kernel_launcher.py): a kernel of its own per
run, with the launcher's folder, environment and streams; interrupted, shut down and killed as a
kernel started the usual way is; nothing left when its worker goes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time

import psutil
import pytest
from jupyter_client.manager import KernelManager

from policy_review.core import paths
from policy_review.run import kernel_template


def _wait_for(condition, seconds: float = 60.0, every: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _run(client, code: str) -> str:
    """Execute ``code`` in the kernel; its stdout."""
    out = []
    reply = client.execute_interactive(
        code, timeout=120, output_hook=lambda m: out.append(m["content"].get("text", ""))
    )
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


@pytest.fixture
def template():
    where = kernel_template.address()
    assert where is not None, "fork and sockets that carry file descriptors are there on Linux"
    assert kernel_template.wait_ready(300)  # else the launcher starts a kernel the usual way
    yield where
    kernel_template.stop()


def _forked_kernel(where: str, tmp_path, **env) -> KernelManager:
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_template.kernel_spec_manager(where))
    km.start_kernel(cwd=str(tmp_path), env={**os.environ, **env})
    return km


def test_a_forked_kernel_is_a_fresh_process_with_the_launchers_folder_and_environment(template, tmp_path):
    kernels = []
    for n in (1, 2):
        km = _forked_kernel(template, tmp_path, POLICY_REVIEW_TEST_MARK=f"run {n}")
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        seen = (
            _run(
                client,
                "import os, sys; print(os.getpid(), os.getppid(), os.getcwd(),"
                " os.environ['POLICY_REVIEW_TEST_MARK'], 'pandas' in sys.modules,"
                " 'policy_review.pages.year_page' in sys.modules, sep='|')",
            )
            .strip()
            .split("|")
        )
        # state set by one run is not seen by the next: each is its own process
        left = _run(client, "print(globals().get('left_by_run_1', 'clean')); left_by_run_1 = 1")
        assert left.strip() == "clean"
        client.stop_channels()
        pid, parent, cwd, mark, pandas_loaded, views_loaded = seen
        template_pid = kernel_template._template["process"].pid
        assert int(parent) == template_pid  # forked from the template, not started afresh
        assert int(pid) != km.provisioner.process.pid  # the launcher stands for it
        assert (cwd, mark) == (str(tmp_path), f"run {n}")
        assert (pandas_loaded, views_loaded) == ("True", "True")  # loaded before the kernel was asked for
        kernels.append(int(pid))
        km.shutdown_kernel(now=True)
        assert _wait_for(lambda p=int(pid): _gone(p))
    assert kernels[0] != kernels[1]


def test_an_interrupt_reaches_a_forked_kernel(template, tmp_path):
    km = _forked_kernel(template, tmp_path)
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    msg_id = client.execute(
        "import time\ntry:\n    print('sleeping', flush=True)\n    time.sleep(120)\n"
        "except KeyboardInterrupt:\n    print('stopped')"
    )
    replies, interrupted = [], False
    while True:
        message = client.get_iopub_msg(timeout=60)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "stream":
            replies.append(message["content"]["text"])
            if "sleeping" in message["content"]["text"] and not interrupted:
                km.interrupt_kernel()  # the cell is in its try block: the interrupt must reach it
                interrupted = True
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
    client.stop_channels()
    km.shutdown_kernel(now=True)
    assert "stopped" in "".join(replies)


def test_nothing_is_left_when_the_worker_that_started_the_template_is_killed(tmp_path):
    """A worker killed with SIGKILL (it cannot clean up): its template and the template's kernels go."""
    script = tmp_path / "worker.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, sys
            from jupyter_client.manager import KernelManager
            from policy_review.run import kernel_template
            where = kernel_template.address()
            assert kernel_template.wait_ready(300)
            forked = kernel_template.kernel_spec_manager(where)
            km = KernelManager(kernel_name="python3", kernel_spec_manager=forked)
            km.start_kernel(cwd={str(tmp_path)!r})
            client = km.client(); client.start_channels(); client.wait_for_ready(timeout=120)
            reply = client.execute_interactive("import os; print(os.getpid())", timeout=60,
                output_hook=lambda m: print("kernel", m["content"].get("text", "").strip(), flush=True))
            print("template", kernel_template._template["process"].pid, flush=True)
            print("launcher", km.provisioner.process.pid, flush=True)
            import time; time.sleep(600)
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT / "lib")}
    worker = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    pids = {}
    try:
        for line in worker.stdout:
            name, _, value = line.strip().partition(" ")
            if name in ("kernel", "template", "launcher") and value.isdigit():
                pids[name] = int(value)
            if len(pids) == 3:
                break
        assert set(pids) == {"kernel", "template", "launcher"}, pids
        assert all(psutil.pid_exists(p) for p in pids.values())
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()

    assert _wait_for(lambda: all(_gone(p) for p in pids.values()), seconds=60), {
        n: p for n, p in pids.items() if not _gone(p)
    }


def test_without_the_template_kernels_start_the_usual_way(monkeypatch):
    monkeypatch.setenv(kernel_template.ENV, "0")
    assert kernel_template.address() is None


def test_a_launcher_that_finds_no_template_starts_a_kernel_the_usual_way(tmp_path):
    km = _forked_kernel(str(tmp_path / "no-template-here"), tmp_path)
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    pid = _run(client, "import os; print(os.getpid())").strip()
    client.stop_channels()
    assert int(pid) == km.provisioner.process.pid  # the launcher became the kernel
    km.shutdown_kernel(now=True)
    assert _wait_for(lambda: _gone(int(pid)))


def test_a_launcher_whose_worker_is_gone_starts_no_kernel(tmp_path):
    """A worker stopped by a signal while it starts a kernel ahead: its launcher, started a moment
    before and finding neither its worker nor the template (killed with it), exits without
    starting a kernel the usual way (an orphan that would write its connection file into the
    run's removed folder and run on)."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid that is not the launcher's parent: the worker that started it is gone
    connection = tmp_path / "kernel.json"
    launched = subprocess.run(
        [
            sys.executable,
            "-S",
            kernel_template.LAUNCHER,
            str(tmp_path / "no-template-here"),
            str(gone.pid),
            "-f",
            str(connection),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert launched.returncode == 1, launched.stderr
    assert not connection.exists()  # no kernel wrote one
    assert "Traceback" not in launched.stderr


def test_a_temporary_folder_too_deep_for_a_socket_starts_kernels_the_usual_way(tmp_path, monkeypatch):
    """A long TMPDIR (a run's private folder inside a deep one): no Unix socket can be bound there,
    so no template is started (it would die with a traceback) and kernels start the usual way."""
    deep = tmp_path / ("d" * 120)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    kernel_template.stop()
    assert kernel_template.address() is None
    assert list(deep.iterdir()) == []


def test_a_kernel_started_without_the_template_dies_with_its_worker_while_it_starts(tmp_path):
    """No template (a TMPDIR too deep for its socket, or turned off): a worker killed while its
    kernel is still starting up takes the kernel with it at once. Before, the kernel ran on until
    it noticed it was orphaned, a second after it had written its connection file (recreating the
    run's removed folder to do so)."""
    script = tmp_path / "worker.py"
    script.write_text(
        textwrap.dedent(
            """
            from policy_review.run import execution
            km = execution._start_kernel()
            print("kernel", km.provisioner.process.pid, km.connection_file, flush=True)
            import time; time.sleep(600)
            """
        )
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(paths.ROOT / "lib"),
        kernel_template.ENV: "0",
        "TMPDIR": str(tmp_path),
    }
    worker = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        name, pid, connection = worker.stdout.readline().split()
        assert name == "kernel"
        worker.send_signal(signal.SIGKILL)  # the kernel is still importing: it has written nothing
        worker.wait(timeout=30)
        os.unlink(connection)  # (the worker wrote it; the runner removes it with the run's folder)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _wait_for(lambda: _gone(int(pid)), seconds=60)
    assert not os.path.exists(connection)  # the kernel wrote nothing after its worker died
