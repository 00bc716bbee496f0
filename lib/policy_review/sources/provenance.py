"""Where each source document comes from: the YAML provenance file beside every report and plan.

Every ``data/reports/<region>/<year>.txt`` (a yearly report) and ``data/plans/<region>/<year>.txt``
(a work plan) has a ``<year>.yaml`` beside it naming the document and saying whether the text is
the full document or an excerpt. Its fields are checked by a pydantic model, as params files are:
``ReportProvenance`` and ``PlanProvenance`` (a plan also gives its document number, 文号).
Required: ``title``, ``publisher``, ``published`` (a date, or ``unknown``) and ``coverage``
(``full`` or ``excerpt``). The index number (索引号) and the date written (成文日期) are often not
stated on a government's page: they may be missing, and pages show them as not stated.
``region`` and the year, when given, must match the folder and the file name. Other fields
(English titles, address, notes, ``synthetic``, ``province`` where the Chinese name does
not begin with it: 武汉市 → 湖北省) are kept as written.

A text made by ``policy-review import`` also says where it came from: ``original`` (the file
as saved, kept unchanged in ``data/sources/<region>/``: its name there, its ``sha256`` and the
format it was read as), checked to be there with that hash, and ``read_from`` (each field and
where it was read: a tag or label of the page, an option, or ``unknown``).

``region_problems`` and ``plan_problems`` return every problem in a region's provenance files as
``file:line: column: what is wrong`` (the line of the field in the YAML file); ``read`` returns
a file's fields once they are sound.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError, field_validator, model_validator

from policy_review.core import paths
from policy_review.core.decoding import read_input_bytes, reason
from policy_review.core.edited_files import load_yaml, load_yaml_with_key_lines
from policy_review.core.errors import BadInput, Problem

COVERAGE = ("full", "excerpt")
UNKNOWN = "unknown"
#: A provenance file holds a dozen short fields; anything larger is not one.
MAX_PROVENANCE_BYTES = 64 * 1024
#: The formats an original is read as (``policy-review import``).
ORIGINAL_FORMATS = ("html", "page_text", "pdf", "docx", "office")
#: An original larger than this is not hashed (``import`` refuses larger files in the first place).
MAX_ORIGINAL_BYTES = 64 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
#: The fields beyond a model's own that pages show as text.
_SHOWN_AS_TEXT = re.compile(r"^(?:\w+_note|\w+_note_zh|\w+_en|\w+_zh|address|province|site|column)$")


def _date(value: object) -> dt.date | None:
    """A YAML date (or datetime, or ISO text) as a date; None when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def published_date(provenance: dict) -> dt.date | None:
    """The day a document was published, None when ``unknown`` (or not given)."""
    value = provenance.get("published")
    return None if value in (None, UNKNOWN) else _date(value)


class Original(BaseModel):
    """The file a text was imported from, kept unchanged in ``data/sources/<region>/``."""

    model_config = ConfigDict(extra="forbid")

    file: str
    sha256: str
    format: Literal[ORIGINAL_FORMATS]

    @field_validator("file", mode="before")
    @classmethod
    def _file(cls, value: object) -> str:
        if not isinstance(value, str) or not _PLAIN_NAME.fullmatch(value):
            raise ValueError(
                f"'{value}' is not a file name in data/sources/<region>/ (e.g. 2022-report.html)"
            )
        return value

    @field_validator("sha256", mode="before")
    @classmethod
    def _sha256(cls, value: object) -> str:
        if not isinstance(value, str) or not _SHA256.fullmatch(value):
            raise ValueError(f"'{value}' is not a sha256 (64 lower-case hexadecimal digits)")
        return value


class SourceProvenance(BaseModel):
    """The fields every source document's provenance has (reports and plans)."""

    model_config = ConfigDict(extra="allow")
    KIND: ClassVar[str] = "document"
    YEAR: ClassVar[str] = "year"

    region: str | None = None
    title: str
    publisher: str
    written: dt.date | None = None
    published: dt.date | Literal["unknown"]
    coverage: Literal["full", "excerpt"]
    synthetic: StrictBool = False  # `true` or `false`: RegionYear.is_synthetic reads it as written
    original: Original | None = None
    read_from: dict[str, str] | None = None

    @field_validator("title", "publisher", mode="before")
    @classmethod
    def _text(cls, value: object, info) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"missing: the provenance needs the {cls.KIND}'s {info.field_name}")
        return value

    @field_validator("written", mode="before")
    @classmethod
    def _written(cls, value: object) -> dt.date | None:
        if value is None:
            return None
        if (date := _date(value)) is None:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD")
        return date

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: object) -> dt.date | str:
        if value == UNKNOWN:
            return value
        if value is None:
            raise ValueError(f"empty: write the day the {cls.KIND} was published (YYYY-MM-DD), or {UNKNOWN}")
        if (date := _date(value)) is None:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD (or {UNKNOWN})")
        return date

    @field_validator("coverage", mode="before")
    @classmethod
    def _coverage(cls, value: object) -> str:
        if value not in COVERAGE:
            raise ValueError(f"coverage is '{value}': expected full or excerpt")
        return value

    @field_validator("read_from", mode="before")
    @classmethod
    def _read_from(cls, value: object) -> object:
        if value is not None and not (
            isinstance(value, dict) and all(isinstance(v, str) and v.strip() for v in value.values())
        ):
            raise ValueError("read_from lists each field and where it was read, `field: where` per line")
        return value

    @model_validator(mode="after")
    def _text_fields(self) -> SourceProvenance:
        """Fields beyond the model's own that pages show as text (notes, names in a language, the
        address, the province) hold text: ``coverage_note: 5`` is bad input, not a page's error."""
        for name, value in (self.model_extra or {}).items():
            if _SHOWN_AS_TEXT.match(name) and value is not None and not isinstance(value, str):
                raise ValueError(f"{name} is {value!r}: write it as text (in quotes if need be)")
        return self

    @model_validator(mode="after")
    def _published_after_written(self) -> SourceProvenance:
        if isinstance(self.published, dt.date) and self.written and self.published < self.written:
            raise ValueError("published before it was written")
        return self

    def year(self) -> int | None:
        return getattr(self, self.YEAR)


class ReportProvenance(SourceProvenance):
    """A yearly report's provenance (``data/reports/<region>/<year>.yaml``)."""

    KIND: ClassVar[str] = "report"
    YEAR: ClassVar[str] = "report_year"

    report_year: int | None = None
    index_number: str | None = None


class PlanProvenance(SourceProvenance):
    """A work plan's provenance (``data/plans/<region>/<year>.yaml``): a report's fields and the
    plan's document number (文号; ``null`` where the plan has none)."""

    KIND: ClassVar[str] = "plan"
    YEAR: ClassVar[str] = "plan_year"

    plan_year: int | None = None
    document_number: str | None


#: What a field is called in messages.
_NAMES = {
    "index_number": "index number",
    "document_number": "document number",
    "report_year": "report year",
    "plan_year": "plan year",
}


def file_problems(file: Path, model: type[SourceProvenance], region: str) -> list[Problem]:
    """Every problem of one provenance file, each on the line of its field."""
    fields, lines, problems = _read(file)
    if problems:
        return problems
    try:
        checked = model.model_validate(fields)
    except ValidationError as error:
        problems = [_problem(file, model, fields, lines, e) for e in error.errors()]
        return problems + _order_problems(file, fields, lines, problems)
    problems = _original_problems(file, checked, set(fields), region, lines)
    year = checked.year()
    if year is not None and str(year) != file.stem:
        problems.append(
            Problem(
                file,
                f"{model.YEAR} {year} does not match the file {file.stem}.yaml",
                lines.get(model.YEAR),
                model.YEAR,
            )
        )
    if checked.region is not None and checked.region != region:
        problems.append(
            Problem(
                file,
                f"region '{checked.region}' does not match the folder {region}",
                lines.get("region"),
                "region",
            )
        )
    return problems


def sources_dir(region: str) -> Path:
    """Where the originals a region's texts were imported from are kept, unchanged."""
    return paths.data_dir() / "sources" / region


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _original_problems(
    file: Path, checked: SourceProvenance, names: set[str], region: str, lines: dict[str, int]
) -> list[Problem]:
    """The original is there, and is the file that was imported (same sha256); every field
    ``read_from`` names is a field of the file."""
    problems = []
    if checked.read_from:
        unknown = sorted(set(checked.read_from) - names)
        problems += [
            Problem(
                file,
                f"read_from names '{name}', which is not a field of this file",
                lines.get("read_from"),
                "read_from",
            )
            for name in unknown
        ]
    if checked.original is None:
        return problems
    original = sources_dir(region) / checked.original.file
    try:
        digest = sha256_of(read_input_bytes(original, MAX_ORIGINAL_BYTES))
    except FileNotFoundError:
        return problems + [
            Problem(
                file,
                f"the original {paths.display(original)} is missing: put the saved file back "
                "(or import it again)",
                lines.get("original"),
                "original",
            )
        ]
    except OSError as error:
        return problems + [
            Problem(
                file,
                f"cannot read the original {paths.display(original)}: {reason(error)}",
                lines.get("original"),
                "original",
            )
        ]
    if digest != checked.original.sha256:
        problems.append(
            Problem(
                file,
                f"the original {paths.display(original)} has changed since it was imported: its sha256 is "
                f"{digest}, the provenance says {checked.original.sha256}",
                lines.get("original"),
                "original",
            )
        )
    return problems


def _problem(
    file: Path, model: type[SourceProvenance], fields: dict, lines: dict[str, int], error: dict
) -> Problem:
    field = str(error["loc"][0]) if error["loc"] else None
    name = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        message = f"missing: the provenance needs the {model.KIND}'s {_NAMES.get(name, name)}"
    elif error["type"] == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    else:
        message = f"'{fields.get(field)}': {error['msg'].lower()}"
    if field is None and message == "published before it was written":
        field = "published"
    elif field is None and message.split(" ", 1)[0] in fields:  # a model rule naming its field first
        field = message.split(" ", 1)[0]
    return Problem(file, message, lines.get(field) if field else None, field)


def _order_problems(file: Path, fields: dict, lines: dict[str, int], found: list[Problem]) -> list[Problem]:
    """Published before written, where other fields' errors kept the model from checking it."""
    written, published = _date(fields.get("written")), published_date(fields)
    if written and published and published < written and "published" not in {p.column for p in found}:
        return [Problem(file, "published before it was written", lines.get("published"), "published")]
    return []


def _read(file: Path) -> tuple[dict, dict[str, int], list[Problem]]:
    """A provenance file's fields and the line of each, or the problem that stops reading it."""
    try:
        source = read_input_bytes(file, MAX_PROVENANCE_BYTES).decode("utf-8-sig")
        fields, lines = load_yaml_with_key_lines(source)
    except OSError as error:
        return {}, {}, [Problem(file, f"cannot read the provenance file: {reason(error)}")]
    except UnicodeDecodeError as error:
        return {}, {}, [Problem(file, f"cannot read the provenance file: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return (
            {},
            {},
            [
                Problem(
                    file,
                    f"not valid YAML: {getattr(error, 'problem', error)}",
                    mark.line + 1 if mark else None,
                )
            ],
        )
    if not isinstance(fields, dict):
        return {}, {}, [Problem(file, "a provenance file is a list of fields, `name: value` per line")]
    return fields, lines, []


def _folder_problems(folder: Path, model: type[SourceProvenance], region: str) -> list[Problem]:
    """Every text has a provenance file beside it, and each provenance file is sound."""
    kind, problems = model.KIND, []
    for text_path in sorted(folder.glob("*.txt")):
        if not text_path.is_file():
            problems.append(
                Problem(
                    text_path,
                    f"cannot read the {kind}: it is not a regular file (a FIFO, device, socket or folder)",
                )
            )
        elif not text_path.stem.isdigit():
            what = (
                "a report text is named after the year it covers, e.g. 2019.txt"
                if kind == "report"
                else f"a {kind} text is named after the year it plans, e.g. 2020.txt"
            )
            problems.append(Problem(text_path, what))
        elif not text_path.with_suffix(".yaml").exists():
            fields = ", ".join(f for f in _required_fields(model))
            problems.append(
                Problem(
                    text_path.with_suffix(".yaml"),
                    f"missing: every {kind} text needs its provenance file beside it ({fields})",
                )
            )
    for file in sorted(folder.glob("*.yaml")):
        if not file.with_suffix(".txt").exists():
            problems.append(Problem(file, f"no {kind} text {file.stem}.txt beside this provenance file"))
        problems += file_problems(file, model, region)
    return problems


def _required_fields(model: type[SourceProvenance]) -> list[str]:
    """The fields a new provenance file is asked for, in the order they are written."""
    order = ("title", "publisher", "index_number", "document_number", "written", "published", "coverage")
    return [name for name in order if name in model.model_fields]


def region_problems(region: str) -> list[Problem]:
    """Every problem in the provenance of a region's reports."""
    return _folder_problems(paths.reports_dir(region), ReportProvenance, region)


def plan_problems(region: str, folder: Path) -> list[Problem]:
    """Every problem in the provenance of a region's plans (in ``folder``)."""
    return _folder_problems(folder, PlanProvenance, region) if folder.is_dir() else []


def read_provenance(region: str, year: int) -> dict:
    """The fields of a report's provenance file, as loaded (a regular file of bounded size), for
    data already validated."""
    file = paths.provenance_path(region, year)
    return load_yaml(read_input_bytes(file, MAX_PROVENANCE_BYTES).decode("utf-8-sig"))


def is_excerpt(region: str, year: int, fields: Mapping[str, Any] | None = None) -> bool:
    """Whether the region's report on ``year`` is there and is an excerpt (``coverage: excerpt``):
    the one place that decides it. ``fields``: its provenance as already read (or as a test
    changed it), else read from its file."""
    if fields is None:
        file = paths.provenance_path(region, year)
        if not file.is_file():
            return False
        fields = read_provenance(region, year)
    return fields.get("coverage") == "excerpt"


def read(file: Path, model: type[SourceProvenance] = ReportProvenance) -> dict[str, Any]:
    """A provenance file's fields as written (dates as dates); BadInput when it is not sound."""
    problems = file_problems(file, model, file.parent.name)
    if problems:
        raise BadInput(problems)
    return _read(file)[0]
