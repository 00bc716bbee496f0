"""How long the yearly run takes, and where the time goes (a script that prints figures, not a test).

    python benchmarks/bench_runs.py [--regions 25] [--jobs 2] [--scale 100,300,1000] [--scale-minutes 20]
                                    [--compare-regions 1000]
                                    [--only compare,amortised,extract,breakdown,scale,comparison]

(a) compare:   ``policy-review run`` over every shipped params file (into a temporary ``--out``)
               against a plain shell loop of ``papermill`` then ``jupyter nbconvert --to html
               --no-input`` per run (and per region for the trends notebook), in wall seconds;
(b) amortised: seconds per run over 50 generated region-years (25 synthetic regions × 2 years,
               each with its own seed, in a temporary project root that ``POLICY_REVIEW_ROOT``
               points at) at ``--jobs 2``, and the peak memory of the whole process tree (total
               RSS sampled every 0.2 s);
(c) extract:   extraction throughput, from ``benchmarks/bench_extract.py`` where it exists;
(d) breakdown: what one run's time is made of: kernel start, the import cell, loading the data,
               each cell's execution, and rendering the HTML;
(e) scale:     the runner's own cost as the corpus grows (``--scale``, e.g. 100,300,1000 regions of the
               synthetic corpus × 2 years): the year and trends notebooks replaced by a one-cell
               notebook, so what is measured is the runner (queue, kernels, the run's tables,
               writing, rendering, index): wall time, seconds per notebook, peak memory; a size
               estimated (from the smaller ones) to take more than ``--scale-minutes`` is not run,
               its estimate printed (``--scale-minutes 0`` runs every size);
(f) comparison: the compare page for ``--compare-regions`` regions (rows of fully reviewed
               synthetic regions, as the year runs keep them): execution + rendering time, page size.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECTIONS = ("compare", "amortised", "extract", "breakdown", "scale", "comparison")
#: The figures issue 13's "Done when" asks for, gathered for the summary table printed at the end:
#: (figure, value, target).
FIGURES: list[tuple[str, str, str]] = []


def figure(name: str, value: str, target: str = "") -> None:
    FIGURES.append((name, value, target))


def print_summary() -> None:
    if not FIGURES:
        return
    width = [max(len(row[i]) for row in [("figure", "value", "target"), *FIGURES]) for i in range(3)]
    line = "  " + "-+-".join("-" * w for w in width)
    print("summary:")
    print(("  " + " | ".join(h.ljust(w) for h, w in zip(("figure", "value", "target"), width))).rstrip())
    print(line)
    for row in FIGURES:
        print(("  " + " | ".join(c.ljust(w) for c, w in zip(row, width))).rstrip())


# ---------------------------------------------------------------- helpers


class PeakMemory:
    """Samples the total RSS of a process and all its descendants every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


def timed_command(
    args: list[str], env: dict | None = None, cwd: Path = ROOT
) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run a command; return its wall seconds, the peak RSS of its process tree, and the result."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) as memory:
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    return seconds, memory.peak, subprocess.CompletedProcess(args, proc.returncode, out, err)


def policy_review_command() -> list[str]:
    script = BIN / "policy-review"
    return [str(script)] if script.exists() else [sys.executable, "-m", "policy_review.cli"]


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


def shipped_runs(root: Path = ROOT) -> list[dict]:
    runs = []
    for path in sorted((root / "params").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        runs.append({"region": data["region"], "year": int(data["year"]), "lang": data.get("lang", "en")})
    return runs


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        print(f"  {what} FAILED (exit {result.returncode}):\n{result.stderr[-2000:]}", file=sys.stderr)
        raise SystemExit(1)


# ---------------------------------------------------------------- (a) runner against a plain loop


def plain_loop_script(runs: list[dict], out: Path) -> str:
    """The shell loop a user would write: papermill, then nbconvert, per run and per region's trends."""
    papermill, jupyter = tool("papermill"), tool("jupyter")
    lines = ["set -e"]
    for run in runs:
        target = out / f"{run['region']}-{run['year']}-{run['lang']}.ipynb"
        lines.append(
            f"{papermill} notebooks/year_review.ipynb {target} -p region {run['region']} "
            f"-p year {run['year']} -p lang {run['lang']} -k python3 --no-progress-bar"
        )
        lines.append(f"{jupyter} nbconvert --to html --no-input {target}")
    for region, lang in dict.fromkeys((run["region"], run["lang"]) for run in runs):
        target = out / f"{region}-trends-{lang}.ipynb"
        lines.append(
            f"{papermill} notebooks/trends.ipynb {target} -p region {region} -p lang {lang} "
            "-k python3 --no-progress-bar"
        )
        lines.append(f"{jupyter} nbconvert --to html --no-input {target}")
    return "\n".join(lines) + "\n"


def compare(jobs: int) -> None:
    runs = shipped_runs()
    regions = len({(r["region"], r["lang"]) for r in runs})
    print(
        f"(a) runner against a plain loop: {len(runs)} shipped params files + {regions} trends notebooks "
        f"= {len(runs) + regions} notebooks (+ a comparison per year with two regions, runner only)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-a-") as tmp:
        tmp = Path(tmp)
        seconds, peak, result = timed_command([*policy_review_command(), "run", "--out", str(tmp / "runner")])
        check(result, "policy-review run")
        (tmp / "loop").mkdir()
        script = tmp / "loop.sh"
        script.write_text(plain_loop_script(runs, tmp / "loop"), encoding="utf-8")
        loop_seconds, loop_peak, result = timed_command(["bash", str(script)])
        check(result, "plain loop")
    from policy_review.cli import default_jobs

    jobs = default_jobs()
    print(
        f"  runner at its default --jobs ({jobs}): {seconds:.1f} s, "
        f"plain loop: {loop_seconds:.1f} s, ratio {seconds / loop_seconds:.2f} (target <= 0.35)"
    )
    figure(
        f"runner / plain loop, shipped runs, default --jobs ({jobs})",
        f"{seconds / loop_seconds:.2f} ({seconds:.0f} s / {loop_seconds:.0f} s)",
        "<= 0.35",
    )
    print(f"  peak memory: runner {mb(peak)}, plain loop {mb(loop_peak)}")
    print("  (the runner also writes each run's spreadsheet, summary and the index page; the loop does not)")


# ---------------------------------------------------------------- (b) amortised over 50 region-years


def synthetic_project(root: Path, regions: int) -> list[str]:
    """A project root with ``regions`` regions of the synthetic corpus (two years each), the
    notebooks and the reference data; returns the region ids."""
    from policy_review.example import corpus

    return corpus.write_corpus(root, regions)


def amortised(regions: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-b-") as tmp:
        root = Path(tmp) / "project"
        started = time.perf_counter()
        ids = synthetic_project(root, regions)
        generated = time.perf_counter() - started
        year_runs = len(list((root / "params").glob("*.yaml")))
        print(
            f"(b) amortised: {len(ids)} synthetic regions × 2 years = {year_runs} region-years "
            f"(+ {len(ids)} trends notebooks + 2 comparisons), --jobs {jobs}; generated in {generated:.1f} s"
        )
        env = dict(os.environ, POLICY_REVIEW_ROOT=str(root))
        seconds, peak, result = timed_command(
            [*policy_review_command(), "run", "--jobs", str(jobs), "--out", str(Path(tmp) / "out")], env=env
        )
        check(result, f"policy-review run --jobs {jobs} over the synthetic regions")
    notebooks = year_runs + len(ids)
    print(
        f"  total: {seconds:.1f} s wall; {seconds / year_runs:.2f} s per region-year "
        f"({seconds / notebooks:.2f} s per notebook, trends included)"
    )
    print(f"  peak memory (process tree, sampled every 0.2 s): {mb(peak)}")
    figure(
        f"seconds per region-year, {year_runs} runs, --jobs {jobs}",
        f"{seconds / year_runs:.2f} s",
        "<= 2.5 s",
    )


# ---------------------------------------------------------------- (c) extraction


def extraction() -> None:
    path = ROOT / "benchmarks" / "bench_extract.py"
    if not path.exists():
        print("(c) extraction: skipped (benchmarks/bench_extract.py is not there)")
        return
    spec = importlib.util.spec_from_file_location("bench_extract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "main"):
        print("(c) extraction: skipped (benchmarks/bench_extract.py has no main())")
        return
    print("(c) extraction throughput (benchmarks/bench_extract.py):")
    sys.stdout.flush()
    module.main([])


# ---------------------------------------------------------------- (d) where one run's time goes


def _cells(notebook: Path) -> list[str]:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _kernel_breakdown(import_cell: str, parameters: str, forked: bool = False) -> tuple[float, float]:
    """Seconds to start a python3 kernel (until it answers), and to run the import cell in it;
    ``forked``: a kernel forked from a warmed-up template, as a run's kernels are."""
    from jupyter_client.manager import KernelManager

    from policy_review.run import kernel_template

    extra = {}
    if forked:
        where = kernel_template.address()
        if where is None or not kernel_template.wait_ready(300):
            return float("nan"), float("nan")
        extra["kernel_spec_manager"] = kernel_template.kernel_spec_manager(where)
    started = time.perf_counter()
    km = KernelManager(kernel_name="python3", **extra)
    km.start_kernel(cwd=str(ROOT / "notebooks"), extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    start = time.perf_counter() - started
    try:
        kc.execute_interactive(parameters, timeout=60, output_hook=lambda msg: None)
        started = time.perf_counter()
        reply = kc.execute_interactive(import_cell, timeout=300, output_hook=lambda msg: None)
        imports = time.perf_counter() - started
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the import cell failed: {reply['content'].get('evalue')}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return start, imports


def _in_fresh_python(code: str) -> float:
    """Seconds ``code`` takes in a fresh interpreter (it prints them)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1000:])
    return float(result.stdout.strip().splitlines()[-1])


def breakdown() -> None:
    from policy_review.core import paths
    from policy_review.pages.exports.render import Renderer

    runs = shipped_runs()
    run = next((r for r in runs if r["region"] == "example"), runs[0])
    label = f"{run['region']} {run['year']}"
    print(f"(d) where one run's time goes ({label}, year_review.ipynb):")
    from policy_review.tables.load import mark_validated

    mark_validated([run["region"]])  # as the runner does: the data checked once, before any kernel
    cells = _cells(paths.notebooks_dir() / "year_review.ipynb")
    # the parameters cell's defaults, then the run's values (as papermill injects them)
    parameters = cells[0] + f"\nregion = {run['region']!r}\nyear = {run['year']}\nlang = {run['lang']!r}"
    import_cell = cells[1]  # the cell after the parameters: imports, setup and loading the review
    kernel_start, import_seconds = _kernel_breakdown(import_cell, parameters)
    forked_start, forked_import = _kernel_breakdown(import_cell, parameters, forked=True)
    imports_only = _in_fresh_python(
        "import time; t = time.perf_counter(); from IPython.display import display; "
        "from policy_review.pages import year_page; from policy_review.review import year_review; "
        "print(time.perf_counter() - t)"
    )
    load_only = _in_fresh_python(
        "from policy_review.pages import year_page; from policy_review.review import year_review; "
        "import time; t = time.perf_counter(); "
        f"year_review.load_review({run['region']!r}, {run['year']}, {run['lang']!r}); "
        "print(time.perf_counter() - t)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-d-") as tmp:
        out = Path(tmp) / run["region"]
        # as in a worker of a run: warmed by an earlier run (its imports paid), then the run measured
        _job_into("year_review.ipynb", dict(run), out, "warm")
        result = _job_into("year_review.ipynb", dict(run), out, "run")
        if not result.ok:
            raise RuntimeError(result.error)
        import nbformat

        nb = nbformat.read(out / "run.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        injected = [i for i, c in enumerate(code) if "injected-parameters" in c.metadata.get("tags", [])]
        durations = [
            (
                f"cell {i}: " + (c.source.strip().splitlines() or [""])[0][:64],
                float(c.metadata.get("papermill", {}).get("duration") or 0.0),
            )
            for i, c in enumerate(code)
        ]
        executing = sum(d for _, d in durations)
        import_in_run = durations[(injected[0] + 1) if injected else 1][1]
        renderer_started = time.perf_counter()
        renderer = Renderer()
        setup_seconds = time.perf_counter() - renderer_started
        started = time.perf_counter()
        renderer.render_run(out, "run")
        first_render = time.perf_counter() - started
        started = time.perf_counter()
        renderer.render_run(out, "run")
        second_render = time.perf_counter() - started
    tables = result.tables_seconds
    total = result.seconds - tables
    print(
        f"  papermill execution of the notebook: {total:.2f} s in all, of which cells {executing:.2f} s "
        f"(the import cell {import_in_run:.2f} s) and kernel start, shutdown and papermill's own work "
        f"{total - executing:.2f} s"
    )
    print(
        f"  then, in the worker, the run's summary and spreadsheet: {tables:.2f} s (made by the kernel's "
        "last cell from the review it loaded, handover.py; made here only where none were handed over)"
    )
    print(
        f"  kernel start alone (python3, until it answers): {kernel_start:.2f} s started the usual way, "
        f"{forked_start:.2f} s forked from the worker's template (kernel_template.py)"
    )
    print(
        f"  import cell alone in a fresh kernel: {import_seconds:.2f} s "
        f"({forked_import:.2f} s in a forked one) "
        f"(importing the package in a fresh python: {imports_only:.2f} s; "
        f"load_review, the data checked beforehand as in a run: {load_only:.2f} s)"
    )
    print("  slowest cells:")
    for source, seconds in sorted(durations, key=lambda d: -d[1])[:5]:
        print(f"    {seconds:6.2f} s  {source}")
    print(
        f"  rendering to HTML: {first_render:.2f} s the first time in a process "
        f"(+ {setup_seconds:.2f} s setting up the exporter), {second_render:.2f} s after that"
    )
    parts = {
        "kernel start (forked)": forked_start,
        "imports and loading (import cell)": import_in_run,
        "other cells (charts, tables)": executing - import_in_run,
        "papermill and kernel shutdown": max(total - executing - forked_start, 0.0),
        "summary and spreadsheet": tables,
        "rendering": second_render,
    }
    biggest = max(parts, key=parts.get)
    print("  per run: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()) + f"; largest: {biggest}")


def _job_into(notebook: str, parameters: dict, out: Path, stem: str):
    """One job as a worker runs it (a fresh kernel), its files written into ``out``."""
    from policy_review.run.execution import notebook_job

    result = notebook_job(
        notebook, parameters, stem, ahead=False, tables="year" in parameters and "region" in parameters
    )
    out.mkdir(parents=True, exist_ok=True)
    for name, data in result.files.items():
        (out / name).write_bytes(data)
    return result


# ---------------------------------------------------------------- (e) the runner's own cost at scale

CHEAP_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "id": "parameters",
            "metadata": {"tags": ["parameters"]},
            "execution_count": None,
            "outputs": [],
            "source": "region = 'x'\nyear = 2021\nlang = 'en'",
        },
        {
            "cell_type": "code",
            "id": "print",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "print(region, globals().get('year', ''))",
        },
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def scale(sizes: list[int], jobs: int, budget_minutes: float = 0.0) -> None:
    """Each size in turn, smallest first. Before each size after the first, its wall time is
    estimated from the seconds per notebook measured so far; with a ``budget_minutes`` above 0 a
    size estimated to take longer is not run (its estimate is printed instead)."""
    import json

    print(
        f"(e) the runner's own cost at scale: synthetic corpus × 2 years, one-cell year and trends notebooks "
        f"(the run's tables, pages, comparisons and index as usual), --jobs {jobs}",
        flush=True,
    )
    per_notebook = None
    for n in sorted(sizes):
        notebooks = 3 * n + 2
        if per_notebook is not None:
            estimate = per_notebook * notebooks * 1.1 / 60  # the second, nothing-changed run: ~10 %
            if budget_minutes and estimate > budget_minutes:
                print(
                    f"  {n:5d} regions ({notebooks} notebooks): not run, estimated {estimate:.0f} min "
                    f"(> --scale-minutes {budget_minutes:g}; --scale-minutes 0 runs every size)",
                    flush=True,
                )
                figure(
                    f"runner at {n} regions × 2 years ({notebooks} one-cell notebooks), --jobs {jobs}",
                    f"not run: estimated {estimate:.0f} min",
                    "peak memory flat",
                )
                continue
            print(f"  {n:5d} regions: estimated {estimate:.0f} min", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-e-") as tmp:
            root = Path(tmp) / "project"
            synthetic_project(root, n)
            for name in ("year_review.ipynb", "trends.ipynb"):
                (root / "notebooks" / name).write_text(json.dumps(CHEAP_NOTEBOOK), encoding="utf-8")
            env = dict(os.environ, POLICY_REVIEW_ROOT=str(root))
            seconds, peak, result = timed_command(
                [*policy_review_command(), "run", "--jobs", str(jobs), "--out", str(Path(tmp) / "out")],
                env=env,
            )
            check(result, f"policy-review run over {n} regions")
            per_notebook = seconds / notebooks
            again, _, result = timed_command(
                [*policy_review_command(), "run", "--jobs", str(jobs), "--out", str(Path(tmp) / "out")],
                env=env,
            )
            check(result, "second run")
        print(
            f"  {n:5d} regions ({notebooks} notebooks): {seconds:7.1f} s wall, {seconds / notebooks:.2f} s "
            f"per notebook, peak memory {mb(peak)} (process tree); nothing changed, again: {again:.1f} s",
            flush=True,
        )
        figure(
            f"runner at {n} regions × 2 years ({notebooks} one-cell notebooks), --jobs {jobs}",
            f"{seconds:.0f} s wall, {seconds / notebooks:.2f} s/notebook, peak {mb(peak)}, "
            f"again {again:.0f} s",
            "peak memory flat",
        )


# ---------------------------------------------------------------- (f) the comparison page at national size


def comparison_page(regions: int) -> None:
    import json

    from policy_review.example import corpus
    from policy_review.pages.exports.render import Renderer
    from policy_review.review.compare import comparison_row

    with tempfile.TemporaryDirectory(prefix="bench-f-") as tmp:
        root, out = Path(tmp) / "project", Path(tmp) / "out"
        ids = synthetic_project(root, min(regions, 12))
        old = os.environ.get("POLICY_REVIEW_ROOT")
        os.environ["POLICY_REVIEW_ROOT"] = str(root)
        try:
            from policy_review.review.year_review import load_review, region_tables

            region_tables.cache_clear()
            rows = [comparison_row(load_review(r, 2021, "en")) for r in ids]
            names = []
            for i in range(
                1, regions + 1
            ):  # each region's row: a reviewed template's, under the region's name
                row = dict(
                    rows[i % len(rows)],
                    region=corpus.region_id(i),
                    name_zh=corpus.region_name(i),
                    name_en=f"Synthetic County {i:04d} (synthetic)",
                )
                from policy_review.review.compare import province_of

                row["province"] = province_of({"region_name_zh": row["name_zh"]})
                (out / row["region"]).mkdir(parents=True, exist_ok=True)
                (out / row["region"] / "2021.summary.json").write_text(
                    json.dumps({"comparison": row}), encoding="utf-8"
                )
                names.append(row["region"])
            started = time.perf_counter()
            result = _job_into(
                "compare.ipynb",
                {"year": 2021, "regions": names, "lang": "en", "rank_flagged": True, "rows_from": str(out)},
                out / "compare",
                "2021",
            )
            executed = time.perf_counter() - started
            if not result.ok:
                raise RuntimeError(result.error)
            started = time.perf_counter()
            Renderer().render_run(out / "compare", "2021")
            rendered = time.perf_counter() - started
            size = (out / "compare" / "2021.html").stat().st_size
        finally:
            if old is None:
                os.environ.pop("POLICY_REVIEW_ROOT", None)
            else:
                os.environ["POLICY_REVIEW_ROOT"] = old
    print(
        f"(f) the compare page for {regions} regions (rows of {len(rows)} fully reviewed synthetic regions, "
        f"kept as the year runs keep them; ranking of flagged rows asked for):"
    )
    print(
        f"  notebook execution {executed:.1f} s + rendering {rendered:.1f} s = {executed + rendered:.1f} s "
        f"(target < 30 s); page {size / 2**20:.2f} MB (target < 5 MB)"
    )
    figure(
        f"compare page, {regions} regions: execution + rendering", f"{executed + rendered:.1f} s", "< 30 s"
    )
    figure(f"compare page, {regions} regions: size", f"{size / 2**20:.2f} MB", "< 5 MB")


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--regions", type=int, default=25, help="synthetic regions for (b) (default 25, two years each)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="parallel notebooks for (b) (default 2)")
    parser.add_argument(
        "--scale",
        default="100,300,1000",
        help="corpus sizes for (e), comma-separated (default 100,300,1000)",
    )
    parser.add_argument(
        "--scale-minutes",
        type=float,
        default=20.0,
        help="for (e): skip a size estimated (from the smaller ones) to take longer (default 20; 0 runs all)",
    )
    parser.add_argument(
        "--compare-regions", type=int, default=1000, help="regions on the compare page of (f)"
    )
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}"
    )
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    print(f"policy-review benchmarks on {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    started = time.perf_counter()
    if "compare" in chosen:
        compare(args.jobs)
    if "amortised" in chosen:
        amortised(args.regions, args.jobs)
    if "extract" in chosen:
        extraction()
    if "breakdown" in chosen:
        breakdown()
    if "scale" in chosen:
        scale([int(n) for n in args.scale.split(",") if n.strip()], args.jobs, args.scale_minutes)
    if "comparison" in chosen:
        comparison_page(args.compare_regions)
    print(f"benchmarks done in {time.perf_counter() - started:.0f} s")
    print_summary()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
