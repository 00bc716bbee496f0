"""The third-party workarounds of run/compat.py: each test probes the behaviour the workaround
relies on, so that it fails when the library changes under it (compat.WRITTEN_AGAINST)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from policy_review.run import compat


def test_every_workaround_names_the_versions_it_was_written_against():
    assert set(compat.WRITTEN_AGAINST) == {"jupyter_client", "concurrent.futures"}
    assert all(compat.WRITTEN_AGAINST.values())


def test_a_kernel_manager_still_makes_its_clients_through_client():
    """keeping_clients wraps ``km.client``: the method nbclient calls on a manager it is given."""
    from jupyter_client.manager import KernelManager
    from nbclient.client import NotebookClient

    km = compat.keeping_clients(KernelManager(kernel_name="python3"))
    assert km.pr_clients == []
    made = km.client()
    assert km.pr_clients == [made]
    compat.stop_clients(km)
    assert km.pr_clients == []
    assert "self.km.client(" in _source(NotebookClient.async_start_new_kernel_client)


def test_a_process_pool_still_keeps_its_processes_where_compat_looks():
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(abs, -1).result() == 1
        processes = compat.pool_processes(pool)
        assert len(processes) == 1 and processes[0].is_alive()
    assert compat.pool_processes(ProcessPoolExecutor(max_workers=1)) == []  # none started yet


def _source(function) -> str:
    import inspect

    return inspect.getsource(function)
