"""``policy-review``: a thin command line over the package's Python API.

Exit codes: 0 all good; 1 a notebook failed; 2 bad input (parameters, data or a report file),
reported as ``file:line: column: what is wrong`` before any kernel starts; 130 interrupted.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
from pathlib import Path

from policy_review.core import paths
from policy_review.core.atomic import NO_SPACE, DiskFull
from policy_review.core.errors import BadInput, Problem, printable
from policy_review.run.memory_limit import check_memory_limit

# Each command imports its own part when it runs (``# deferred:``): `--help` answers at once, and
# `run` checks the memory limit before pandas loads (under a low `ulimit -v` it would not load).

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
#: The signals that stop a run as Ctrl-C does: the queue is cancelled, workers and kernels are
#: stopped and waited for, the run's temporary folder removed, then the command exits 130.
STOPPING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")
#: At most this many notebooks in parallel by default (each worker holds a kernel and its data).
MAX_DEFAULT_JOBS = 4
JOBS_VARIABLE = "POLICY_REVIEW_JOBS"


def default_jobs() -> int:
    """Notebooks executed in parallel when ``--jobs`` is not given: ``POLICY_REVIEW_JOBS`` if set,
    else one per CPU this process may use, at most :data:`MAX_DEFAULT_JOBS` (2 on a 2-core
    machine). Raises ``ValueError`` when the variable is not a whole number of 1 or more."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{JOBS_VARIABLE} must be a whole number, 1 or more (it is {value!r})")
        return int(value)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_JOBS, cpus))


def say(message: str) -> None:
    """A message on stderr, one line per line, every control character in it shown escaped (a
    message may quote the input); a stderr that is gone (a terminal hung up) is not an error."""
    try:
        for line in str(message).split("\n"):
            print(printable(line), file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _cmd_run(args: argparse.Namespace) -> int:
    for name in STOPPING_SIGNALS:  # each stops the run as Ctrl-C does (the checks before it too)
        signal.signal(getattr(signal, name), _interrupted)
    check_memory_limit()
    # deferred: a run loads pandas, papermill and nbconvert only once the memory limit allows them
    from policy_review.pages.exports.pdf import PdfUnavailable, chromium
    from policy_review.run import preflight, runner
    from policy_review.run.cluster import scheduler_address
    from policy_review.tables import params

    runs = params.load_runs(args.params)
    scheduler = scheduler_address(args.scheduler)  # (an address that is none: before the data)
    out_dir = Path(args.out) if args.out else None
    preflight.check_output_folder(out_dir or paths.output_dir(), runs)
    validated = preflight.check_inputs(runs, out_dir or paths.output_dir(), jobs=args.jobs)
    _check_writable(out_dir)
    if args.pdf:
        try:
            chromium()
        except PdfUnavailable as exc:
            say(f"policy-review: {exc}; nothing was run")
            return EXIT_BAD_INPUT
    try:
        outcomes = runner.run(
            runs,
            out_dir=out_dir,
            n_jobs=args.jobs,
            with_code=args.with_code,
            force=args.force,
            scheduler=scheduler,
            validated=validated,
        )
    except DiskFull as exc:
        say(
            f"policy-review: the output folder's disk is full ({exc}); the run stopped, files written "
            "before are whole and nothing half-written was left"
        )
        return EXIT_FAILED
    unprinted = []
    if args.pdf:
        pdfs, unprinted = runner.print_pdfs(out_dir, outcomes)
        say(f"{len(pdfs)} PDF(s) written (A4), beside their HTML")
        for page, why in unprinted:
            say(f"FAILED the PDF of {paths.display(page)}: {why}")
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        say(o.failure_line())
        kept = (
            f"; the failed notebook is {o.failed_notebook} in the output folder" if o.failed_notebook else ""
        )
        say(f"  the last good HTML (if any) is kept{kept}")
    skipped = sum(o.skipped for o in outcomes)
    ran = len(outcomes) - skipped
    note = f" ({skipped} skipped: inputs unchanged; --force re-runs them)" if skipped else ""
    if not ran:
        say(
            f"nothing to run: all {skipped} notebooks are up to date (inputs unchanged; --force "
            f"re-runs them); index: {_index_path(out_dir)}"
        )
    else:
        say(f"{ran - len(failed)} of {ran} notebooks ran{note}; index: {_index_path(out_dir)}")
    return EXIT_FAILED if failed or unprinted else EXIT_OK


def _interrupted(signum, frame):
    for name in STOPPING_SIGNALS:  # a second signal waits: the stopping is under way
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise KeyboardInterrupt


def _index_path(out_dir: Path | None) -> str:
    return paths.display((out_dir or paths.output_dir()) / "index.html")


def _check_writable(out_dir: Path | None) -> None:
    import tempfile

    target = out_dir or paths.output_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        raise BadInput(
            [
                Problem(
                    target,
                    f"the output folder is not writable ({exc.strerror or exc}); "
                    "nothing was run and nothing in it was changed",
                )
            ]
        ) from None


def _cmd_validate(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part (pandas, pandera, the drafts' models)
    from policy_review.tables.validate import validate

    if args.path:
        _check_name(Path(args.path))
    problems = validate(Path(args.path) if args.path else None)
    if problems:
        raise BadInput(problems)
    print("ok: no problems found")  # the answer asked for: on stdout (problems go to stderr)
    return EXIT_OK


def _check_name(path: Path) -> None:
    """A path given on the command line that the file system cannot even look up (a name
    too long) is bad input, not a traceback."""
    try:
        path.exists()
    except OSError as exc:
        raise BadInput([Problem(path, f"cannot read it: {exc.strerror or exc}")]) from None


def _utf_stdout() -> bool:
    """Whether stdout writes any Unicode (a UTF encoding), not only ASCII or a legacy code page."""
    return (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("_", "-").startswith("utf")


def _write_json(data: object, indent: int | None) -> None:
    """JSON on stdout: as UTF-8 text where stdout is UTF-8, else with ``\\uXXXX`` escapes (the
    same JSON, readable by any JSON reader, whatever ``PYTHONIOENCODING`` or the locale says)."""
    text = json.dumps(data, ensure_ascii=not _utf_stdout(), indent=indent)
    sys.stdout.write(text + "\n")


def _write_text(text: str) -> None:
    """Text on stdout, or bad input when stdout's encoding cannot write it (nothing written)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        raise BadInput(
            [
                Problem(
                    "<stdout>",
                    f"the output's encoding is {encoding}, which cannot write "
                    "this Chinese text; set PYTHONIOENCODING=utf-8 (or a UTF-8 "
                    "locale), or ask for --json",
                )
            ]
        ) from None
    print(text)


def _cmd_extract(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part
    from policy_review.draft.extract import extract_report_file

    result = extract_report_file(Path(args.report))
    _write_json(result, 1 if args.json else None)
    return EXIT_OK


def _cmd_plan(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part
    from policy_review.draft.plans import plan_lines, read_plan_file

    plan = read_plan_file(Path(args.plan))
    if args.json:
        _write_json(plan, 1)  # as extract --json writes it: escaped where stdout cannot write Chinese
    else:
        _write_text("\n".join(plan_lines(plan)))
    return EXIT_OK


def _check_run_names(region: str, year: int) -> None:
    """A region and year given on the command line are what a params file may hold (a region is
    a slug: ``../../x`` names no region), before any path is built from them."""
    # deferred: each command loads only its own part
    from policy_review.tables import params

    params.check_parameters(region, year)


def _cmd_ledger_template(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part
    from policy_review.draft.ledger_start import write_plan_ledger
    from policy_review.tables.curated_tables import CURATED
    from policy_review.tables.load import check_editable

    _check_run_names(args.region, args.year)
    folder = Path(args.out) if args.out else paths.curated_dir(args.region)
    template = f"ledger_template_{args.year}"
    check_editable(
        [folder / CURATED["tasks"].file], [folder / f"{template}.csv", folder / f"{template}.xlsx"]
    )
    for path in write_plan_ledger(args.region, args.year, Path(args.out) if args.out else None):
        say(f"wrote {paths.display(path)}")
    return EXIT_OK


def _cmd_draft(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part
    from policy_review.draft.report_draft import BUILDERS, DRAFT_TABLES, write_draft
    from policy_review.tables.load import check_editable

    _check_run_names(args.region, args.year)
    folder = Path(args.out) if args.out else paths.curated_dir(args.region)
    check_editable([folder / f"{name}.csv" for name in (*DRAFT_TABLES, *BUILDERS)])
    text = paths.report_text_path(args.region, args.year)
    if not text.is_file():
        raise BadInput(
            [
                Problem(
                    text,
                    f"no report of {args.region} on {args.year}: put its text here "
                    "(and its provenance beside it) first",
                )
            ]
        )
    for file in write_draft(args.region, args.year, Path(args.out) if args.out else None):
        say(f"wrote {paths.display(file)}")
    say(
        "every drafted row is marked review_status extracted; mark a row reviewed once checked: "
        "a later draft keeps it"
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part (pdfplumber, python-docx, trafilatura)
    from policy_review.tables import importing

    outcomes = importing.import_paths(
        [Path(item) for item in args.files],
        region=args.region,
        year=args.year,
        kind=args.kind,
        force=args.force,
    )
    for outcome in outcomes:
        line = printable(outcome.line())
        print(line, file=sys.stderr if outcome.status == "refused" else sys.stdout)
    steps = importing.next_steps(outcomes)
    if steps:
        print("next: " + "\n      ".join(steps))
    return EXIT_BAD_INPUT if any(o.status == "refused" for o in outcomes) else EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    # deferred: each command loads only its own part
    from policy_review.review.summary import headline, headline_text

    _check_run_names(args.region, args.year)
    data = headline(args.region, args.year)
    if args.json:
        _write_json(data, 1)
    else:
        _write_text(headline_text(data))
    return EXIT_OK


#: A file with thousands of bad rows shows the first ones and a count, not a wall of lines.
MAX_PROBLEMS_PER_FILE = 50


def problem_lines(problems) -> list[str]:
    """One line per problem, at most ``MAX_PROBLEMS_PER_FILE`` per file, then how many more."""
    lines, shown, hidden = [], {}, {}
    for p in problems:
        key = paths.display(p.file)
        if shown.get(key, 0) < MAX_PROBLEMS_PER_FILE:
            shown[key] = shown.get(key, 0) + 1
            lines.append(str(p))
        else:
            hidden[key] = hidden.get(key, 0) + 1
    lines += [f"{f}: -: ... and {n} more problem(s) in this file" for f, n in hidden.items()]
    return lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-review",
        description="Review local governments' rule-of-law government reports against their task plans.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="execute params files, render HTML, write reports/index.html")
    run.add_argument("params", nargs="*", help="params files (default: every params/*.yaml)")
    run.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help=f"notebooks executed (and regions checked) in parallel (default: one per CPU, at most "
        f"{MAX_DEFAULT_JOBS}; or {JOBS_VARIABLE})",
    )
    run.add_argument("--out", help="output folder (default: reports/ in the project)")
    run.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    run.add_argument(
        "--pdf", action="store_true", help="also print each page to <page>.pdf (A4, through chromium)"
    )
    run.add_argument("--force", action="store_true", help="re-run notebooks whose inputs are unchanged")
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="execute the notebooks on a Dask cluster (e.g. tcp://host:8786; default: "
        "POLICY_REVIEW_SCHEDULER, else local worker processes)",
    )
    run.set_defaults(func=_cmd_run)

    val = sub.add_parser("validate", help="check curated tables, reference tables and provenance")
    val.add_argument("path", nargs="?", help="data folder, region folder or one table (default: data/)")
    val.set_defaults(func=_cmd_validate)

    ext = sub.add_parser("extract", help="draft tables from a report text, as JSON")
    ext.add_argument("report", help="report text file (UTF-8 or GB18030/GBK)")
    ext.add_argument("--json", action="store_true", help="pretty-print the JSON (it is JSON either way)")
    ext.set_defaults(func=_cmd_extract)

    plan = sub.add_parser("plan", help="a work plan's tasks, lead units and time limits")
    plan.add_argument("plan", help="plan text file (工作要点 / 工作安排; UTF-8 or GB18030/GBK)")
    plan.add_argument("--json", action="store_true", help="print JSON (every task with offsets)")
    plan.set_defaults(func=_cmd_plan)

    led = sub.add_parser("ledger-template", help="start a countdown ledger from the region's work plan")
    led.add_argument("region")
    led.add_argument("year", type=int)
    led.add_argument("--out", help="folder (default: data/curated/<region>/)")
    led.set_defaults(func=_cmd_ledger_template)

    drf = sub.add_parser("draft", help="write a report's draft as curated-shaped CSVs to correct")
    drf.add_argument("region")
    drf.add_argument("year", type=int)
    drf.add_argument("--out", help="folder for the CSVs (default: data/curated/<region>/)")
    drf.set_defaults(func=_cmd_draft)

    imp = sub.add_parser(
        "import",
        help="a saved web page, page text, PDF or Word/WPS file into data/reports/ or data/plans/, "
        "with its provenance and the original kept",
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="saved files, or folders of them")
    imp.add_argument(
        "--region", help="region folder name (default: the region whose provenance names the publisher)"
    )
    imp.add_argument(
        "--year", type=int, help="the year the report covers or the plan is for (default: the title's)"
    )
    imp.add_argument("--kind", choices=("report", "plan"), help="default: from the title (…报告 / …工作要点)")
    imp.add_argument(
        "--force", action="store_true", help="replace a text, provenance and original already there"
    )
    imp.set_defaults(func=_cmd_import)

    summ = sub.add_parser("summary", help="a run's headline numbers")
    summ.add_argument("region")
    summ.add_argument("year", type=int)
    summ.add_argument("--json", action="store_true", help="print JSON")
    summ.set_defaults(func=_cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths.pin_root()  # a relative POLICY_REVIEW_ROOT means the same folder to every process of the run
    if hasattr(args, "jobs") and args.jobs is None:
        try:
            args.jobs = default_jobs()
        except ValueError as exc:
            say(f"policy-review: {exc}")
            return EXIT_BAD_INPUT
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        say("policy-review: --jobs must be 1 or more")
        return EXIT_BAD_INPUT
    try:
        code = args.func(args)
        sys.stdout.flush()  # (here, where a full disk is one line, not at exit)
        return code
    except BadInput as exc:
        for line in problem_lines(exc.problems):
            say(line)
        say(f"policy-review: {len(exc.problems)} problem(s) in the input; nothing was run")
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `policy-review extract R.txt | head`: the reader left, not an error
        _stdout_gone()
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        say(
            "policy-review: interrupted; outputs written before the interruption are kept, "
            "nothing half-written was left"
        )
        return EXIT_INTERRUPTED
    except MemoryError:
        say("policy-review: out of memory (a memory limit, ulimit -v, or the machine's); the command stopped")
        return EXIT_FAILED
    except OSError as exc:
        if exc.errno not in (*NO_SPACE, errno.EIO):
            raise
        _stdout_gone()
        say(f"policy-review: cannot write the output: {exc.strerror or exc}; the command stopped")
        return EXIT_FAILED


def _stdout_gone() -> None:
    """Whatever stdout still holds goes nowhere (Python would otherwise try again at exit, and
    print a traceback there)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
