"""Incremental runs: a run whose inputs are unchanged and whose outputs exist is skipped.

A run is recognised by two things, both kept in ``runs.json`` in the output folder (written whole,
at the end of a run):

- **What it depends on**, hashed by content before it runs (:func:`fingerprint`): the notebook,
  its parameters, the options that change its pages (``--with-code``), the package (its version
  and every source file, the shipped area model among them), the reference tables, the area
  classifier chosen (``POLICY_REVIEW_CLASSIFIER``), and the data it reads: for a year review the
  region's curated tables, its plans and its reports of that year, the year before (follow-ups,
  repeats) and the year after (the sentences it repeats, marked in this year's source page);
  for the trends every report and plan of the region; for a comparison the rows of the regions
  compared. Adding a file there re-runs what depends on it.
- **What it read**, file by file, with the hash of the very bytes its kernel read
  (:mod:`policy_review.core.reads`): a run is skipped only while each of those files still has
  those bytes. A report edited while the run read it, then put back, is run again.

The manifest is a file of the output folder, so it is not trusted: anything in it that is not what
a run writes (not JSON, nested, too large, of another shape) is ignored, and everything runs again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from policy_review import __version__
from policy_review.core import outputs, paths, reads
from policy_review.core.atomic import atomic_write_text
from policy_review.draft import classifiers
from policy_review.sources.plan_sources import plans_dir
from policy_review.sources.provenance import sources_dir

MANIFEST = outputs.MANIFEST
#: A manifest larger than this is not one a run wrote (a run of 10,000 notebooks writes ~5 MB).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def _hash_files(h, files) -> None:
    root = paths.root()
    for f in sorted(files):
        digest = reads.current_hash(str(f))
        if digest is not None:
            h.update(f.relative_to(root).as_posix().encode() if f.is_relative_to(root) else f.name.encode())
            h.update(b"\0")
            h.update(bytes.fromhex(digest))


def _tree(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parents[1]  # the package
    for f in sorted(here.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".j2", ".tpl", ".css", ".json", ".csv", ".yaml", ".html"):
            h.update(f.relative_to(here).as_posix().encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


@functools.lru_cache(maxsize=4)
def _reference_fingerprint(root: str) -> str:
    h = hashlib.sha256()
    _hash_files(h, _tree(paths.reference_dir()))
    return h.hexdigest()


def fingerprint(
    notebook: str,
    parameters: dict,
    files: list[Path] = (),
    extra: bytes = b"",
    options: dict | None = None,
) -> str:
    """The hash of everything a run depends on (``options``: those of the command that change
    its outputs, such as ``with_code``)."""
    h = hashlib.sha256()
    h.update(package_fingerprint().encode())
    h.update(_reference_fingerprint(paths.root_key()).encode())
    h.update(classifiers.setting().encode() + b"\0")  # the drafts' areas depend on it
    h.update(hashlib.sha256((paths.notebooks_dir() / notebook).read_bytes()).digest())
    h.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    h.update(json.dumps(options or {}, sort_keys=True, default=str).encode())
    _hash_files(h, list(files))
    h.update(extra)
    return h.hexdigest()


def year_inputs(region: str, year: int) -> list[Path]:
    reports = paths.reports_dir(region)
    return (
        _tree(paths.curated_dir(region))
        + _tree(plans_dir(region))
        + [reports / f"{y}.{ext}" for y in (year - 1, year, year + 1) for ext in ("txt", "yaml")]
    )


def trends_inputs(region: str) -> list[Path]:
    return _tree(paths.curated_dir(region)) + _tree(paths.reports_dir(region)) + _tree(plans_dir(region))


def validation_mark(region: str) -> tuple[str, str]:
    """The manifest's key for a region's validated data, and the hash of everything validating it
    reads: the package, the reference tables, the region's curated tables, its reports and plans
    with their provenance, and the originals the provenance names."""
    h = hashlib.sha256()
    h.update(package_fingerprint().encode())
    h.update(_reference_fingerprint(paths.root_key()).encode())
    for folder in (
        paths.curated_dir(region),
        paths.reports_dir(region),
        plans_dir(region),
        sources_dir(region),
    ):
        _hash_files(h, _tree(folder))
    return f"validated:{region}", h.hexdigest()


def _entry(value: object) -> object | None:
    """A manifest entry as a run writes it, or None: a hash, or ``{"inputs": hash, "read": {...}}``."""
    if isinstance(value, str) and len(value) <= 128:
        return value
    if (
        isinstance(value, dict)
        and isinstance(value.get("inputs"), str)
        and isinstance(value.get("read"), dict)
    ):
        if all(isinstance(k, str) and isinstance(v, str) for k, v in value["read"].items()):
            return {"inputs": value["inputs"], "read": dict(value["read"])}
    return None


class Manifest:
    """What the last good run of every notebook depended on and read, by ``<folder>/<stem>``; and
    the marks of the regions validated (``validated:<region>``)."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.entries: dict[str, object] = {}
        try:
            loaded = json.loads(outputs.read_output(self.path, MAX_MANIFEST_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):  # absent, a link, a FIFO, not JSON, nested
            loaded = {}
        if isinstance(loaded, dict):
            for key, value in loaded.items():
                if (entry := _entry(value)) is not None:
                    self.entries[str(key)] = entry
        self.changed = False
        self._hashes: dict[str, str | None] = {}

    def mark(self, key: str) -> str | None:
        """A plain mark (a validated region's, a PDF's), None where there is none."""
        value = self.entries.get(key)
        return value if isinstance(value, str) else None

    def _current(self, relative: str) -> str | None:
        if relative not in self._hashes:
            self._hashes[relative] = reads.current_hash(relative)
        return self._hashes[relative]

    def unchanged(self, key: str, inputs: str, outputs_: list[Path]) -> bool:
        """Whether the last good run of ``key`` depended on ``inputs``, every file it read still
        holds what it read, and every one of its outputs is a regular file (not a link)."""
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry["inputs"] != inputs:
            return False
        if not all(outputs.regular_file(p) for p in outputs_):
            return False
        return all(self._current(path) == digest for path, digest in entry["read"].items())

    def record(self, key: str, inputs: str | None, read: dict[str, str] | None = None) -> None:
        """Keep what a good run depended on and read (``inputs`` None: forget ``key``); a plain mark
        where ``read`` is None."""
        value = None if inputs is None else inputs if read is None else {"inputs": inputs, "read": dict(read)}
        if value is None:
            if self.entries.pop(key, None) is not None:
                self.changed = True
        elif self.entries.get(key) != value:
            self.entries[key] = value
            self.changed = True

    def save(self) -> None:
        if self.changed:
            atomic_write_text(
                self.path, json.dumps(self.entries, indent=0, sort_keys=True), within=self.path.parent
            )
            self.changed = False


def output_hash(path: Path) -> str | None:
    """The sha256 of a file of the output folder (a regular file, not followed through a link)."""
    try:
        return hashlib.sha256(outputs.read_output(path, 1 << 30)).hexdigest()
    except OSError:
        return None
