"""Notebook executions on a Dask cluster (``--scheduler``): the same summaries and pages as a local
run. (A worker killed mid-run: test_cluster_worker_killed.py, a file of its own so that the two
cluster runs go to two test workers.)"""

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


def test_a_cluster_run_gives_the_same_summaries_and_pages(project_copy, cluster, tmp_path):
    from policy_review.run import preflight, runner
    from policy_review.tables import params

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
