"""The provenance of each report text: the YAML file beside it, checked field by field.

Every ``data/reports/<region>/<year>.txt`` has a ``<year>.yaml`` beside it naming the
document (title, publisher, index number), when it was written and published, and whether the
text is the full report or an excerpt. ``problems`` returns every problem in a region's
provenance files as ``file:line: column: what is wrong``, with the YAML line of the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import yaml

from . import paths
from .decoding import read_input_bytes, reason
from .errors import Problem
from .tables import load_yaml

PROVENANCE_TEXT_FIELDS = ("title", "publisher", "index_number")
COVERAGE = ("full", "excerpt")
#: A provenance file holds a dozen short fields; anything larger is not one.
MAX_PROVENANCE_BYTES = 64 * 1024


def region_problems(region: str) -> list[Problem]:
    """Every report text has a provenance file beside it, and each provenance file is sound."""
    folder = paths.reports_dir(region)
    problems = []
    for text_path in sorted(folder.glob("*.txt")):
        if not text_path.is_file():
            problems.append(Problem(text_path, "cannot read the report: it is not a regular file "
                                               "(a FIFO, device, socket or folder)"))
        elif not text_path.stem.isdigit():
            problems.append(Problem(text_path, "a report text is named after the year it covers, "
                                               "e.g. 2019.txt"))
        elif not text_path.with_suffix(".yaml").exists():
            problems.append(Problem(text_path.with_suffix(".yaml"), "missing: every report text "
                                    "needs its provenance file beside it (title, publisher, "
                                    "index_number, written, published, coverage)"))
    for provenance in sorted(folder.glob("*.yaml")):
        if not provenance.with_suffix(".txt").exists():
            problems.append(Problem(provenance, f"no report text {provenance.stem}.txt beside "
                                                "this provenance file"))
        problems += _provenance_file_problems(provenance, region)
    return problems


def read_provenance(region: str, year: int) -> dict:
    """The fields of a report's provenance file, as loaded (a regular file of bounded size)."""
    file = paths.provenance_path(region, year)
    return load_yaml(read_input_bytes(file, MAX_PROVENANCE_BYTES).decode("utf-8-sig"))


def _provenance_file_problems(file: Path, region: str) -> list[Problem]:
    try:
        source = read_input_bytes(file, MAX_PROVENANCE_BYTES).decode("utf-8-sig")
        fields = load_yaml(source)
        node = yaml.compose(source)
    except OSError as error:
        return [Problem(file, f"cannot read the provenance file: {reason(error)}")]
    except UnicodeDecodeError as error:
        return [Problem(file, f"cannot read the provenance file: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(file, f"not valid YAML: {getattr(error, 'problem', error)}",
                        mark.line + 1 if mark else None)]
    if not isinstance(fields, dict):
        return [Problem(file, "a provenance file is a list of fields, `name: value` per line")]
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return [Problem(file, message, lines.get(field), field)
            for field, message in _provenance_field_messages(fields, file.stem, region)]


def _provenance_field_messages(fields: dict, stem: str, region: str) -> Iterator[tuple[str, str]]:
    for name in PROVENANCE_TEXT_FIELDS:
        if not isinstance(fields.get(name), str) or not fields[name].strip():
            yield name, f"missing: the provenance needs the report's {name.replace('_', ' ')}"
    dates = {name: _date(fields.get(name)) for name in ("written", "published")}
    for name, date in dates.items():
        if date is None:
            yield name, f"'{fields.get(name)}' is not a date written YYYY-MM-DD"
    if None not in dates.values() and dates["published"] < dates["written"]:
        yield "published", "published before it was written"
    if fields.get("coverage") not in COVERAGE:
        yield "coverage", f"coverage is '{fields.get('coverage')}': expected full or excerpt"
    if "report_year" in fields and str(fields["report_year"]) != stem:
        yield "report_year", f"report_year {fields['report_year']} does not match the file {stem}.yaml"
    if "region" in fields and fields["region"] != region:
        yield "region", f"region '{fields['region']}' does not match the folder {region}"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


