"""Shared fixtures: the real project, and throw-away copies of it to break."""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The suite runs two test files at a time (make test: pytest -n 2) on machines of any size: a
# `policy-review run` without --jobs executes one notebook at a time here, whatever the CPUs.
os.environ.setdefault("POLICY_REVIEW_JOBS", "1")
# A suite started in the background by a shell without job control (`make test &` in a script, some
# CI runners) inherits an ignored SIGINT, and so would every run the tests start: the Ctrl-C tests
# could then not send a Ctrl-C at all. Ctrl-C is what they test, so give it back its default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: executes notebooks or a browser (seconds to minutes)")


def copy_project(root: Path) -> Path:
    """Copy the project's inputs (data, params, notebooks) into ``root``."""
    for name in ("data", "params", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture
def project_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the project's inputs (data, params, notebooks) that a test may break.
    ``POLICY_REVIEW_ROOT`` points the package, and the kernels it starts, at the copy."""
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(root))
    from policy_review.review import year_review

    year_review.region_tables.cache_clear()
    yield root
    year_review.region_tables.cache_clear()


def run_cli(*args: str, env_root: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``policy-review`` in a subprocess, as a user would."""
    env = dict(os.environ)
    if env_root is not None:
        env["POLICY_REVIEW_ROOT"] = str(env_root)
    return subprocess.run(
        [sys.executable, "-m", "policy_review.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=env_root or ROOT,
    )


def run_cli_here(*args: str, env_root: Path) -> subprocess.CompletedProcess:
    """``policy-review`` called in this process (``cli.main``), as :func:`run_cli` would run it in
    a subprocess (the same root, folder, exit code, stdout and stderr; an uncaught exception is
    exit 1 with its traceback on stderr), without a Python start (about 2 CPU-seconds). For the
    many bad-input cases that end before any kernel starts; ``test_bad_input`` checks that both
    give the same answer. Environment, folder and signal handlers are put back after."""
    import contextlib
    import io
    import traceback

    from policy_review import cli

    environ, cwd = dict(os.environ), os.getcwd()
    handlers = {name: signal.getsignal(getattr(signal, name)) for name in cli.STOPPING_SIGNALS}
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in range(2))
    os.environ["POLICY_REVIEW_ROOT"] = str(env_root)
    os.chdir(env_root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        for name, handler in handlers.items():
            signal.signal(getattr(signal, name), handler)
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))
    return subprocess.CompletedProcess(["policy-review", *args], code, texts[0], texts[1])


_HREF = re.compile(r'href=\\?"([^"\\]*)')  # in markup, and in a table's JSON data (href=\"...\")


def page_links(out_dir: Path) -> dict[str, list[str]]:
    """Every relative link (``href``, of markup or of an interactive table's data) of every HTML
    page under ``out_dir``, by page; a link within its own page (``#…``) left out."""
    found = {}
    for page in sorted(out_dir.rglob("*.html")):
        hrefs = [html.unescape(h) for h in _HREF.findall(page.read_text(encoding="utf-8"))]
        found[page.relative_to(out_dir).as_posix()] = [
            h for h in hrefs if h and not h.startswith("#") and not (urlsplit(h).scheme or urlsplit(h).netloc)
        ]
    return found


def dangling_links(out_dir: Path) -> list[str]:
    """The links of the pages under ``out_dir`` to a file that is not there (``page -> href``)."""
    return [
        f"{page} -> {href}"
        for page, hrefs in page_links(out_dir).items()
        for href in hrefs
        if not (out_dir / page).parent.joinpath(unquote(urlsplit(href).path)).is_file()
    ]


def missing_glyphs(figs, caplog) -> list[str]:
    """Draw the figures and return matplotlib's "Glyph ... missing" messages (warnings or logs)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with caplog.at_level(logging.WARNING):
            for fig in figs:
                fig.canvas.draw()
    messages = [str(w.message) for w in caught] + [rec.getMessage() for rec in caplog.records]
    return [m for m in messages if "Glyph" in m and "missing" in m]


@pytest.fixture
def cluster(project_copy):
    """A Dask LocalCluster of two worker processes (for test_cluster*.py)."""
    import dask
    import distributed

    # a run whose worker dies is not sent to another worker here, so that the test sees it fail
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
        ) as c:
            yield c


def _session_folder(tmp_path_factory, worker_id) -> Path:
    """The folder of the whole test session: xdist's workers each have a folder in it; without
    xdist the session's folder is the base itself (its parent holds other sessions' folders)."""
    session = tmp_path_factory.getbasetemp()
    return session.parent if worker_id != "master" else session


def shared_run(
    session: Path, name: str, files: list[str], *options: str
) -> tuple[Path, subprocess.CompletedProcess]:
    """The outputs and the command's answer of one ``policy-review run`` of ``files`` into
    ``<session>/<name>``, made once for the whole test session by whichever test worker asks
    first (behind a lock in the session's folder; the others wait for it, then read it). Read
    only: a test that runs into it or changes a page works on a copy (:func:`copy_run`); tests may
    add files beside the pages (screenshots, a PDF)."""
    import fcntl
    import json

    out, answer = session / name, session / f"{name}.answer.json"
    with open(session / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not answer.exists():
            shutil.rmtree(out, ignore_errors=True)  # (a run that was killed before: start again)
            result = run_cli("run", *options, *files, "--out", str(out))
            answer.write_text(
                json.dumps({"code": result.returncode, "stdout": result.stdout, "stderr": result.stderr}),
                encoding="utf-8",
            )
    saved = json.loads(answer.read_text(encoding="utf-8"))
    return out, subprocess.CompletedProcess(
        ["policy-review", "run"], saved["code"], saved["stdout"], saved["stderr"]
    )


@pytest.fixture(scope="session")
def kaizhou_2018_run(tmp_path_factory, worker_id) -> Path:
    """The outputs of ``policy-review run params/kaizhou-2018.yaml`` on the real project, executed
    once per test session for the tests that need an executed run to start from (read only)."""
    session = _session_folder(tmp_path_factory, worker_id)
    out, result = shared_run(session, "kaizhou-2018-run", [str(ROOT / "params" / "kaizhou-2018.yaml")])
    assert result.returncode == 0, result.stderr
    return out


#: The runs the pages tests read, each in English and in Chinese (:data:`PAGES_LANGS`), beside
#: every params file of the project: Kaizhou's three years, Tongliang's 2020 (a draft) and 2023 (a
#: draft of the nine-area outline) and Wuhan's 2023: a year page, a trends page, a comparison, a
#: source page and an index in each language.
PAGES_RUN = [("kaizhou", 2018), ("kaizhou", 2019), ("kaizhou", 2020)]
PAGES_RUN += [("tongliang", 2020), ("tongliang", 2023), ("wuhan", 2023)]
PAGES_LANGS = ("en", "zh")


@pytest.fixture(scope="session")
def full_run(tmp_path_factory, worker_id) -> tuple[Path, subprocess.CompletedProcess]:
    """One ``policy-review run --jobs 2`` of every params file of the project (as ``make run``) and
    of the :data:`PAGES_RUN` in the language their params file does not have, made once for the
    whole session: the end-to-end tests read its answer and outputs, the browser and print tests
    its pages. Two notebooks at a time: a test worker that asks meanwhile waits for it, idle."""
    import yaml

    session = _session_folder(tmp_path_factory, worker_id)
    params = session / "full-run-params"
    params.mkdir(exist_ok=True)
    files, shipped = [], set()
    for file in sorted((ROOT / "params").glob("*.yaml")):
        run = yaml.safe_load(file.read_text(encoding="utf-8"))
        shipped.add((run["region"], run["year"], run.get("lang", "en")))
        files.append(str(file))
    for region, year in PAGES_RUN:
        for lang in PAGES_LANGS:
            if (region, year, lang) not in shipped:
                file = params / f"{region}-{year}-{lang}.yaml"
                file.write_text(f"region: {region}\nyear: {year}\nlang: {lang}\n", encoding="utf-8")
                files.append(str(file))
    return shared_run(session, "full-run", files, "--jobs", "2")


@pytest.fixture(scope="session")
def pages_run(full_run) -> Path:
    """The pages of :func:`full_run` (which holds each of :data:`PAGES_RUN` in both languages)."""
    out, result = full_run
    assert result.returncode == 0, result.stderr
    return out


def copy_run(run: Path, target: Path) -> Path:
    """A copy of an executed run's outputs at ``target`` (which may exist, empty)."""
    shutil.copytree(run, target, dirs_exist_ok=True)
    return target
