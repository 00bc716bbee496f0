"""A local worker (``run --jobs 2``) killed mid-run fails that run by name; the run the other
worker holds goes on and ends well, and the next run of the killed worker's slot gets a new worker
(issue 28, point 8: killing one local worker once failed the other worker's run too)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def kill_own_worker_in_kaizhou_2018(project: Path) -> None:
    """Make the year review of kaizhou 2018 kill the worker process that runs its kernel (the
    process that started the kernel, as jupyter_client tells it: a forked kernel's parent is the
    worker's template)."""
    import nbformat

    path = project / "notebooks" / "year_review.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(
        2,
        nbformat.v4.new_code_cell(
            "import os, signal\nif region == 'kaizhou' and year == 2018:\n"
            "    os.kill(int(os.environ['JPY_PARENT_PID']), signal.SIGKILL)"
        ),
    )
    nbformat.write(nb, path)


def test_a_local_worker_killed_mid_run_fails_only_that_run(project_copy, tmp_path):
    from policy_review.run import preflight, runner
    from policy_review.tables import params

    kill_own_worker_in_kaizhou_2018(project_copy)
    runs = params.load_runs(
        [str(project_copy / "params" / name) for name in ("kaizhou-2018.yaml", "tongliang-2020.yaml")]
    )
    preflight.check_inputs(runs)
    outcomes = {o.label: o for o in runner.run(runs, out_dir=tmp_path / "out", n_jobs=2)}
    failed = outcomes.pop("kaizhou 2018")
    assert not failed.ok
    line = failed.failure_line()
    assert "worker process running it died" in line and "kaizhou 2018" in line
    # the other worker's run, and the runs after it (one on the killed worker's slot): all ran
    assert outcomes and all(o.ok for o in outcomes.values()), [o.failure_line() for o in outcomes.values()]
    assert {"tongliang 2020", "kaizhou trends", "tongliang trends"} <= set(outcomes)
    assert not (tmp_path / "out" / "kaizhou" / "2018.html").exists()
    assert (tmp_path / "out" / "tongliang" / "2020.html").is_file()
