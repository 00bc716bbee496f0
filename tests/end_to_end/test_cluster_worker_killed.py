"""A worker of a Dask cluster (``--scheduler``) killed mid-run fails that run by name without
hanging the command; the other runs go on."""

from __future__ import annotations

import pytest

from tests.end_to_end.test_local_worker_killed import kill_own_worker_in_kaizhou_2018

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


def test_a_worker_killed_mid_run_fails_that_run_by_name(project_copy, cluster, tmp_path):
    from policy_review.run import preflight, runner
    from policy_review.tables import params

    kill_own_worker_in_kaizhou_2018(project_copy)
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
