"""Notebook executions on a Dask cluster (``--scheduler``): the same summaries and pages as a local
run, and a worker killed mid-run fails that run by name without hanging the command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


def _normalised(html: str) -> str:
    """A page with the ids that differ from run to run taken out (itables' table ids, cell ids)."""
    html = re.sub(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "ID", html)
    html = re.sub(r'(id|for|href)="[^"]*"', r'\1="ID"', html)
    return re.sub(r"itables_[0-9a-f_]+", "ITABLES", html)


@pytest.fixture
def cluster(project_copy):
    import dask

    # a run whose worker dies is not sent to another worker here, so that the test sees it fail
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
        ) as c:
            yield c


def test_a_cluster_run_gives_the_same_summaries_and_pages(project_copy, cluster, tmp_path):
    from policy_review import params, preflight, runner

    runs = params.load_runs(
        [
            str(project_copy / "params" / "example-2021.yaml"),
            str(project_copy / "params" / "kaizhou-2018.yaml"),
        ]
    )
    preflight.check_inputs(runs)
    on_cluster = runner.run(runs, out_dir=tmp_path / "dask", scheduler=cluster.scheduler_address)
    local = runner.run(runs, out_dir=tmp_path / "local", n_jobs=1)
    assert all(o.ok for o in on_cluster + local), [o.failure_line() for o in on_cluster + local if not o.ok]
    assert sorted(o.key for o in on_cluster) == sorted(o.key for o in local)
    for summary in (tmp_path / "local").glob("*/*.summary.json"):
        twin = tmp_path / "dask" / summary.relative_to(tmp_path / "local")
        assert json.loads(twin.read_text(encoding="utf-8")) == json.loads(summary.read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*.html"))
    assert Path("kaizhou/2018.html") in pages and Path("compare/2018.html") not in pages
    for page in pages:
        here = (tmp_path / "local" / page).read_text(encoding="utf-8")
        there = (tmp_path / "dask" / page).read_text(encoding="utf-8")
        if page.name != "index.html":
            if _normalised(there) != _normalised(here):
                import difflib

                diff = difflib.unified_diff(
                    _normalised(here).splitlines(), _normalised(there).splitlines(), lineterm=""
                )
                pytest.fail(f"{page} differs:\n" + "\n".join(list(diff)[:60]))


def test_a_worker_killed_mid_run_fails_that_run_by_name(project_copy, cluster, tmp_path):
    import nbformat

    from policy_review import params, preflight, runner

    # the year review of kaizhou 2018 kills the worker process that runs its kernel
    path = project_copy / "notebooks" / "year_review.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(
        2,
        nbformat.v4.new_code_cell(
            "import os, signal\nif region == 'kaizhou' and year == 2018:\n    os.kill(os.getppid(), "
            "signal.SIGKILL)"
        ),
    )
    nbformat.write(nb, path)
    runs = params.load_runs(
        [
            str(project_copy / "params" / "kaizhou-2018.yaml"),
            str(project_copy / "params" / "example-2021.yaml"),
        ]
    )
    preflight.check_inputs(runs)
    outcomes = {
        o.label: o for o in runner.run(runs, out_dir=tmp_path / "out", scheduler=cluster.scheduler_address)
    }
    assert not outcomes["kaizhou 2018"].ok
    assert (
        "worker" in outcomes["kaizhou 2018"].failure_line()
        and "kaizhou 2018" in outcomes["kaizhou 2018"].failure_line()
    )
    assert outcomes["example 2021"].ok and outcomes["kaizhou trends"].ok
    assert not (tmp_path / "out" / "kaizhou" / "2018.html").exists()
    assert (tmp_path / "out" / "example" / "2021.html").is_file()
