"""Run parameters: one YAML file per run in ``params/``, checked before any kernel starts.

papermill only warns about unknown parameter names and injects whatever type it is given, so
every params file is validated here first: names, types, that the region and its report exist.
A bad file gives one :class:`~policy_review.core.errors.Problem` per mistake, with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from policy_review.core import paths
from policy_review.core.decoding import read_input_bytes, reason
from policy_review.core.edited_files import RefusedYaml, YamlLoader, load_yaml
from policy_review.core.errors import BadInput, Problem
from policy_review.sources.reading import read
from policy_review.sources.report_text import read_report_text

LANGS = ("en", "zh")
#: A region's folder name is a short slug; a longer one is refused before any path is built.
MAX_REGION_CHARS = 64
#: A params file holds three short values; anything larger is not a params file.
MAX_PARAMS_BYTES = 64 * 1024


class RunParameters(BaseModel):
    """What a params file may hold. Unknown keys are errors, not warnings."""

    model_config = ConfigDict(extra="forbid", strict=True)

    region: str = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        max_length=MAX_REGION_CHARS,
        description="region folder name, e.g. kaizhou",
    )
    year: int = Field(ge=2000, le=2100, description="the year the report covers")
    lang: Literal["en", "zh"] = Field(default="en", description="language of headings and labels")


@dataclass(frozen=True)
class Run:
    """One run: a params file and its validated values."""

    params_file: Path
    parameters: RunParameters

    @property
    def region(self) -> str:
        return self.parameters.region

    @property
    def year(self) -> int:
        return self.parameters.year

    @property
    def lang(self) -> str:
        return self.parameters.lang

    @property
    def name(self) -> str:
        return f"{self.region} {self.year}"


def _key_nodes(text: str) -> dict[object, yaml.ScalarNode]:
    """Each top-level key of a YAML mapping, as loaded (``null:`` gives None), and its node."""
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {loader.construct_object(k): k for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    except yaml.YAMLError:
        return {}
    finally:
        loader.dispose()


def _read_yaml(path: Path) -> tuple[object, str, list[Problem]]:
    try:
        raw = read_input_bytes(path, MAX_PARAMS_BYTES)
    except OSError as exc:
        return None, "", [Problem(path, f"cannot read the params file ({reason(exc)})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "", [Problem(path, "the params file is not UTF-8 text; save it as UTF-8")]
    if not text.strip():
        return None, text, [Problem(path, "the params file is empty; it needs at least region and year")]
    try:
        return load_yaml(text), text, []
    except yaml.reader.ReaderError as exc:
        return (
            None,
            text,
            [
                Problem(
                    path,
                    f"the params file is binary, not text (it holds the control "
                    f"character U+{exc.character:04X})",
                )
            ],
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or "not valid YAML"
        if isinstance(exc, RefusedYaml):
            return None, text, [Problem(path, what, line=line, column=exc.key)]
        return None, text, [Problem(path, f"not valid YAML: {what}", line=line)]


def check_params_file(path: Path | str) -> tuple[Run | None, list[Problem]]:
    """Validate one params file; return the run, or None and every problem found."""
    path = Path(path)
    data, text, problems = _read_yaml(path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [
            Problem(
                path, "the params file must be a mapping of names to values (region: ..., year: ...)", line=1
            )
        ]
    keys = _key_nodes(text)
    lines = {key: node.start_mark.line + 1 for key, node in keys.items()}
    try:
        parameters = RunParameters.model_validate(data)
    except ValidationError as exc:
        known = ", ".join(RunParameters.model_fields)
        for err in exc.errors():
            key = err["loc"][0] if err["loc"] else "-"
            if err["type"] == "invalid_key":  # `null:` or `1:`: the key as loaded is the input
                key = err["input"]
                message = f"a parameter name must be text (known: {known})"
            elif err["type"] == "extra_forbidden":
                message = f"unknown parameter (known: {known})"
            elif err["type"] == "missing":
                message = "required parameter is missing"
            else:
                message = f"{err['msg']} (got {shown(err.get('input'))})"
            column = keys[key].value if key in keys else str(key)  # as written: `null`, not None
            problems.append(Problem(path, message, line=lines.get(key), column=column))
        return None, problems
    problems += _check_sources(path, parameters, lines)
    if problems:
        return None, problems
    return Run(path, parameters), []


def _check_sources(path: Path, p: RunParameters, lines: dict[object, int]) -> list[Problem]:
    region_dir = paths.reports_dir(p.region)
    if not region_dir.is_dir():
        reports = paths.reports_dir()
        known = sorted(d.name for d in reports.iterdir() if d.is_dir()) if reports.is_dir() else []
        return [
            Problem(
                path,
                f"no region {p.region!r} under data/reports/ (known: {', '.join(known) or 'none'})",
                line=lines.get("region"),
                column="region",
            )
        ]
    problems = []
    text_path = paths.report_text_path(p.region, p.year)
    if text_path.exists() and not text_path.is_file():
        problems.append(
            Problem(
                path,
                f"cannot read the report {paths.display(text_path)}: it is not a "
                "regular file (a FIFO, device, socket or folder)",
                line=lines.get("year"),
                column="year",
            )
        )
    elif not text_path.is_file():
        problems.append(
            Problem(
                path,
                f"no report for {p.region} {p.year}: expected "
                f"{paths.display(paths.report_text_path(p.region, p.year))}",
                line=lines.get("year"),
                column="year",
            )
        )
    elif not paths.provenance_path(p.region, p.year).is_file():
        problems.append(
            Problem(
                path,
                f"the report has no provenance file: expected "
                f"{paths.display(paths.provenance_path(p.region, p.year))}",
                line=lines.get("year"),
                column="year",
            )
        )
    else:
        problems += _title_year_problems(path, p, text_path, lines)
    return problems


def _title_year_problems(path: Path, p: RunParameters, text_path: Path, lines: dict) -> list[Problem]:
    """The params file's year against the year the report's title names, when it names one (a
    report that cannot be read is reported by the check of the run's inputs, not here)."""
    try:
        reading = read(read_report_text(text_path))
    except BadInput:
        return []
    if reading.title_year is None or reading.title_year[0] == p.year:
        return []
    year, title = reading.title_year
    return [
        Problem(
            path,
            f"year {p.year} is not the year the report's title names: "
            f"{reading.quote(title.start, title.end)!r} ({paths.display(text_path)}) is on {year}",
            line=lines.get("year"),
            column="year",
        )
    ]


def check_parameters(region: object, year: object = None, lang: object = "en") -> None:
    """The notebooks' parameters checked as a params file is (a notebook run by hand or by
    papermill with ``-p lang xx`` fails in its first call, as ``run`` would refuse the file);
    BadInput naming each bad parameter. ``year`` None: a notebook across years (trends)."""
    values = {"region": region, "year": 2000 if year is None else year, "lang": lang}
    try:
        RunParameters.model_validate(values)
    except ValidationError as exc:
        raise BadInput(
            [
                Problem(
                    "parameters",
                    f"{err['msg']} (got {shown(err.get('input'))})",
                    column=str(err["loc"][0]) if err["loc"] else None,
                )
                for err in exc.errors()
            ]
        ) from None


def shown(value: object, limit: int = 80) -> str:
    """A value as quoted in a message: its repr, cut to ``limit`` characters."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to write out
        text = "a number too long to show"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_runs(files: list[Path | str] | None = None) -> list[Run]:
    """Validate the named params files (default: every ``params/*.yaml``); raise BadInput with all
    problems."""
    if not files:
        files = sorted(paths.params_dir().glob("*.yaml"))
        if not files:
            raise BadInput([Problem(paths.params_dir(), "no params files (*.yaml) found")])
    runs, problems = [], []
    for f in files:
        f = Path(f)
        try:
            exists = f.exists()
        except OSError as exc:  # a name too long for the file system
            problems.append(Problem(f, f"cannot read the params file ({reason(exc)})"))
            continue
        if not exists:
            problems.append(Problem(f, "no such params file"))
            continue
        run, found = check_params_file(f)
        problems += found
        if run:
            runs.append(run)
    seen: dict[tuple[str, int, str], Path] = {}
    for run in runs:
        key = (run.region, run.year, run.lang)
        if key in seen:
            problems.append(
                Problem(
                    run.params_file, f"the same run as {paths.display(seen[key])} (region, year and lang)"
                )
            )
        seen.setdefault(key, run.params_file)
    if problems:
        raise BadInput(problems)
    return runs
