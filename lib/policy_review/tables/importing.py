"""``policy-review import``: a saved file (or a folder of them) into a text of record with its
provenance, the original kept unchanged beside them.

For each file: the importer of its format reads it (:mod:`.importers`); the region, the kind
(report or plan) and the year come from the options, else from what was read (the year and
kind from the title: 关于2021年度法治政府建设情况的报告 → report 2021, …工作要点 / 工作安排 /
工作计划 → plan; the region from a region whose provenance names the same publisher), else the
file is refused asking for them. Then, all or nothing:

- ``data/reports/<region>/<year>.txt`` (or ``data/plans/…``): the text of record, UTF-8;
- ``<year>.yaml`` beside it: every field read, ``read_from`` saying where, the rest
  ``unknown`` (or null) for the researcher, and ``original`` (file, sha256, format);
- ``data/sources/<region>/<year>-<kind>.<ext>``: the file's bytes, unchanged.

Nothing is replaced without ``force``: a text, provenance or original already there is left as
it is and the file refused, unless it is the same import again (the same original, giving the
same text), which changes nothing and says ``unchanged``. The files are written to temporaries
in their folders and then moved into place; on any failure, or when the validation of what
was written (``validate`` of the region: the provenance model, the original's hash, the curated
tables' quotes, which a replaced text may no longer hold) finds a problem that was not there
before, every file is put back as it was and folders made for it are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policy_review.core import atomic, decoding, paths
from policy_review.core.edited_files import load_yaml
from policy_review.core.errors import BadInput, Problem
from policy_review.sources import plan_sources, provenance, report_text
from policy_review.sources.importers import Imported, read_file, refused
from policy_review.tables import params, validate

KINDS = ("report", "plan")
UNKNOWN = provenance.UNKNOWN
#: 工作要点, 工作安排, 工作计划, 任务分解: a plan; 报告, 汇报, 总结, 情况: a report.
_PLAN_TITLE = re.compile(
    "\\u5de5\\u4f5c(?:\\u8981\\u70b9|\\u5b89\\u6392|\\u8ba1\\u5212)|\\u4efb\\u52a1\\u5206\\u89e3"
)
_REPORT_TITLE = re.compile("\\u62a5\\u544a|\\u6c47\\u62a5|\\u603b\\u7ed3|\\u60c5\\u51b5")
#: The year a title names: 2021年, 2021年度 (年 U+5E74).
_TITLE_YEAR = re.compile("((?:19|20)\\d{2})\\s*\\u5e74")
#: Fields a page may give beyond the model's, written after ``coverage`` in this order.
EXTRA_FIELDS = ("topic", "genre", "validity", "site", "column", "keywords")


@dataclass
class Outcome:
    """What became of one file: ``imported``, ``unchanged`` or ``refused`` (with its problems)."""

    source: Path
    status: str
    kind: str | None = None
    region: str | None = None
    year: int | None = None
    text_path: Path | None = None
    original_path: Path | None = None
    unknown: list[str] = field(default_factory=list)
    read: int = 0
    format: str | None = None
    notes: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def line(self) -> str:
        """The one line the command prints for this file."""
        if self.status == "refused":
            return "; ".join(str(p) for p in self.problems)
        where = paths.display(self.text_path)
        if self.status == "unchanged":
            return f"unchanged: {paths.display(self.source)} (already imported as {where})"
        unknown = f", {len(self.unknown)} left unknown ({', '.join(self.unknown)})" if self.unknown else ""
        notes = "".join(f"; {note}" for note in self.notes)
        return (
            f"imported: {paths.display(self.source)} -> {where} ({self.kind} {self.year}, {self.format}): "
            f"{self.read} fields read{unknown}; original kept as {paths.display(self.original_path)}{notes}"
        )


def import_paths(
    items: list[Path | str],
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    force: bool = False,
) -> list[Outcome]:
    """Import each file, and every file of each folder (in name order, hidden files left out);
    a file refused is an outcome, not an exception."""
    outcomes = []
    for file in _files(items):
        try:
            outcomes.append(import_file(file, region=region, year=year, kind=kind, force=force))
        except BadInput as error:
            outcomes.append(Outcome(Path(file), "refused", problems=error.problems))
    return outcomes


def _files(items: list[Path | str]) -> list[Path]:
    files = []
    for item in map(Path, items):
        if item.is_dir():
            files += sorted(p for p in item.iterdir() if not p.name.startswith(".") and not p.is_dir())
        else:
            files.append(item)
    return files


def import_file(
    path: Path | str,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    force: bool = False,
) -> Outcome:
    """Import one saved file (see the module's docstring); BadInput when it is refused."""
    path = Path(path)
    imported, data = read_file(path)
    kind, year, year_from = _kind_and_year(imported, kind, year, path)
    region, region_from = _region(imported, region, path)
    _check_region_and_year(region, year, path)
    text_path = (
        paths.report_text_path(region, year)
        if kind == "report"
        else plan_sources.plan_text_path(region, year)
    )
    original = provenance.sources_dir(region) / f"{year}-{kind}.{imported.extension}"
    text = imported.text.encode("utf-8")
    try:
        report_text.decode_report(text)
    except ValueError as error:
        raise refused(path, f"the text read from it is no report: {error}") from None
    digest = provenance.sha256_of(data)
    outcome = Outcome(
        path,
        "imported",
        kind,
        region,
        year,
        text_path,
        original,
        format=imported.format,
        notes=imported.notes,
    )
    if _already_imported(text_path, original, text, data, digest):
        outcome.status = "unchanged"
        return outcome
    if not force:
        _refuse_existing(path, [text_path, text_path.with_suffix(".yaml"), original])
    fields, read_from = provenance_fields(imported, kind, region, year, year_from, region_from)
    fields["original"] = {"file": original.name, "sha256": digest, "format": imported.format}
    document = provenance_yaml(fields, read_from, kind, original)
    outputs = [
        (original, data),
        (text_path, text),
        (text_path.with_suffix(".yaml"), document.encode("utf-8")),
    ]
    baseline = _problems_of(text_path.parent)
    _write_all(outputs, lambda: sorted(_problems_of(text_path.parent) - baseline, key=str))
    outcome.unknown = [name for name, where in read_from.items() if where == UNKNOWN]
    outcome.read = len(read_from) - len(outcome.unknown)
    return outcome


# --- region, kind and year ------------------------------------------------------------------


def _kind_and_year(
    imported: Imported, kind: str | None, year: int | None, path: Path
) -> tuple[str, int, str]:
    title = imported.fields.get("title")
    title = title if isinstance(title, str) else ""
    if kind is None:
        kind = "plan" if _PLAN_TITLE.search(title) else "report" if _REPORT_TITLE.search(title) else None
    if kind is None:
        said = f"the title ({title})" if title else "no title found"
        raise refused(path, f"cannot tell a report from a plan: {said}; give --kind report or --kind plan")
    if kind not in KINDS:
        raise refused(path, f"--kind is '{kind}': expected report or plan")
    if year is not None:
        return kind, year, "option --year"
    found = _TITLE_YEAR.search(title)
    if found is None:
        said = f"the title ({title}) names none" if title else "no title found"
        raise refused(path, f"cannot tell the year: {said}; give --year")
    return kind, int(found.group(1)), f"the title ({found.group()})"


def _region(imported: Imported, region: str | None, path: Path) -> tuple[str, str]:
    if region is not None:
        return region, "option --region"
    publisher = imported.fields.get("publisher")
    matches = _regions_of(publisher) if isinstance(publisher, str) else {}
    if len(matches) == 1:
        ((found, file),) = matches.items()
        return found, f"the publisher, as in {paths.display(file)}"
    said = f" (the publisher {publisher} is that of {len(matches)} regions)" if len(matches) > 1 else ""
    raise refused(
        path, f"cannot tell the region{said}: give --region, a folder name such as pingtan-jingfaju"
    )


def _regions_of(publisher: str) -> dict[str, Path]:
    """The regions whose provenance names ``publisher`` (as publisher or Chinese region name)."""
    found = {}
    for base in (paths.reports_dir(), plan_sources.plans_dir()):
        for file in sorted(base.glob("*/*.yaml")) if base.is_dir() else ():
            try:
                fields = load_yaml(decoding.read_input_bytes(file, provenance.MAX_PROVENANCE_BYTES).decode())
            except (OSError, ValueError, yaml.YAMLError):
                continue
            if isinstance(fields, dict) and publisher in (
                fields.get("publisher"),
                fields.get("region_name_zh"),
            ):
                found.setdefault(file.parent.name, file)
    return found


def _check_region_and_year(region: str, year: int, path: Path) -> None:
    """The region is a folder name a params file accepts, and the year one it accepts."""
    try:
        params.check_parameters(region, year)
    except BadInput as error:
        said = "; ".join(f"{p.column}: {p.message}" for p in error.problems)
        raise refused(
            path,
            f"{said}: a region is a folder name of lower-case letters, digits, - and _, "
            "starting with a letter",
        ) from None


# --- what is written ------------------------------------------------------------------------


def provenance_fields(
    imported: Imported, kind: str, region: str, year: int, year_from: str, region_from: str
) -> tuple[dict[str, object], dict[str, str]]:
    """The provenance's fields in the order written, and where each came from (``unknown``
    for those left for the researcher)."""
    read = imported.fields
    year_field = "report_year" if kind == "report" else "plan_year"
    fields: dict[str, object] = {"region": region, "region_name_zh": UNKNOWN, "region_name_en": UNKNOWN}
    read_from = {"region": region_from, "region_name_zh": UNKNOWN, "region_name_en": UNKNOWN}
    fields[year_field], read_from[year_field] = year, year_from
    number_field = "index_number" if kind == "report" else "document_number"
    order = ["title", "publisher", number_field, "written", "published", "address"]
    if kind == "report" and "document_number" in read:
        order.insert(3, "document_number")
    if kind == "plan" and "index_number" in read:
        order.insert(3, "index_number")
    empty = {"title": UNKNOWN, "publisher": UNKNOWN, "published": UNKNOWN}
    for name in order:
        fields[name] = read.get(name, empty.get(name))
        read_from[name] = imported.read_from.get(name, UNKNOWN)
    fields["coverage"] = "full"
    read_from["coverage"] = "the whole file was imported (write excerpt if the document goes on elsewhere)"
    for name in EXTRA_FIELDS:
        if name in read:
            fields[name], read_from[name] = read[name], imported.read_from[name]
    return fields, read_from


def provenance_yaml(fields: dict[str, object], read_from: dict[str, str], kind: str, original: Path) -> str:
    """The provenance file's text: a header, a field per line, ``original`` and ``read_from``."""
    lines = [
        f"# Provenance of {fields.get('report_year') or fields.get('plan_year')}.txt, written by "
        f"`policy-review import` from {paths.display(original)}",
        "# (kept unchanged). read_from says where each field was read; a field read from nowhere",
        f"# is {UNKNOWN} (or null): fill it in, and write in read_from where you found it.",
    ]
    for name, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{name}:")
            lines += [f"  {key}: {_scalar(item)}" for key, item in value.items()]
        else:
            lines.append(f"{name}: {_scalar(value)}")
    lines.append("read_from:")
    lines += [f"  {name}: {_scalar(where)}" for name, where in read_from.items()]
    return "\n".join(lines) + "\n"


def _scalar(value: object) -> str:
    """A value as one YAML scalar (quoted where YAML would read it otherwise)."""
    if value is None:
        return "null"
    if isinstance(value, dt.date | int):
        return str(value)
    dumped = yaml.safe_dump([str(value)], allow_unicode=True, width=1_000_000)
    return dumped.removeprefix("- ").rstrip("\n")


# --- all or nothing -------------------------------------------------------------------------


def _already_imported(text_path: Path, original: Path, text: bytes, data: bytes, digest: str) -> bool:
    """The same original was imported into this text before, and gives the same text."""
    prov = text_path.with_suffix(".yaml")
    if not (text_path.is_file() and prov.is_file() and original.is_file()):
        return False
    try:
        fields = load_yaml(
            decoding.read_input_bytes(prov, provenance.MAX_PROVENANCE_BYTES).decode("utf-8-sig")
        )
        kept = (fields or {}).get("original") or {}
        return (
            kept.get("sha256") == digest
            and kept.get("file") == original.name
            and text_path.read_bytes() == text
            and original.read_bytes() == data
        )
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return False


def _refuse_existing(path: Path, targets: list[Path]) -> None:
    for target in targets:
        if os.path.lexists(target):
            raise refused(
                path,
                f"{paths.display(target)} is there already (written by hand, or imported from another "
                "file); nothing was changed: --force replaces the text, its provenance and the original",
            )


def _problems_of(folder: Path) -> set[Problem]:
    """Every problem ``validate`` finds in the region of ``folder`` (its texts, their provenance
    and originals, its curated tables, whose quotes point into the texts). An import may add
    none: what was there before it is the baseline."""
    return set(validate.validate(folder)) if folder.is_dir() else set()


def _write_all(outputs: list[tuple[Path, bytes]], check) -> None:
    """Write every ``(target, bytes)`` to a temporary beside it, then move them all into place;
    then ``check()``. On any failure (or problems from the check) every target is put back as it
    was, folders made for them removed, and the error raised."""
    before = {target: (target.read_bytes() if target.is_file() else None) for target, _ in outputs}
    made = _missing_folders([target.parent for target, _ in outputs])
    try:
        with contextlib.ExitStack() as stack:
            for target, data in outputs:
                temporary = stack.enter_context(atomic.atomic_path(target))
                _write_bytes(temporary, data)
        problems = check()
        if problems:
            raise BadInput(problems)
    except BaseException:
        _restore(before, made)
        raise


def _write_bytes(temporary: Path, data: bytes) -> None:
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _missing_folders(folders: list[Path]) -> list[Path]:
    """The folders (and their parents) that do not exist yet, deepest first."""
    missing = set()
    for folder in folders:
        while not folder.exists():
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda f: len(f.parts), reverse=True)


def _restore(before: dict[Path, bytes | None], made: list[Path]) -> None:
    for target, data in before.items():
        with contextlib.suppress(OSError):
            if data is None:
                if os.path.lexists(target):
                    target.unlink()
            elif not target.is_file() or target.read_bytes() != data:
                atomic.atomic_write_bytes(target, data)
    for folder in made:
        with contextlib.suppress(OSError):
            folder.rmdir()


# --- what to do next ------------------------------------------------------------------------


def next_steps(outcomes: list[Outcome]) -> list[str]:
    """What the researcher does next with what was imported."""
    steps = []
    for o in (o for o in outcomes if o.status == "imported"):
        prov = paths.display(o.text_path.with_suffix(".yaml"))
        if o.unknown:
            steps.append(f"fill in what is marked unknown in {prov} ({', '.join(o.unknown)})")
        if o.kind == "report":
            run = paths.params_dir() / f"{o.region}-{o.year}.yaml"
            if run.is_file():
                steps.append(f"`make run` (or policy-review run {paths.display(run)}) reviews it")
            else:
                steps.append(
                    f"add {paths.display(run)} (region: {o.region}, year: {o.year}, lang: en), "
                    "then `make run`"
                )
        else:
            text = paths.display(o.text_path)
            steps.append(
                f"policy-review plan {text} lists its tasks; policy-review ledger-template {o.region} "
                f"{o.year} starts a ledger from it"
            )
    return steps
