"""Incremental runs: a run whose inputs are unchanged and whose outputs exist is skipped.

A run's inputs are hashed by content: the notebook, its parameters, the package (its version
and every source file, the shipped area model among them), the reference tables, the area
classifier chosen (``POLICY_REVIEW_CLASSIFIER``), and the data the run reads: for a year review
the region's curated tables and its reports of that year and the year before (follow-ups);
for the trends, every report of the region; for a comparison, the rows of the regions compared.
So adding one report re-runs that year's review, the region's trends and that year's
comparison, and nothing else. The hashes of the last good runs are kept in ``runs.json`` in the
output folder (written whole, at the end of a run).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from policy_review import __version__
from policy_review.core import paths
from policy_review.core.atomic import atomic_write_text
from policy_review.draft import classifiers

MANIFEST = "runs.json"


def _hash_files(h, files) -> None:
    for f in sorted(files):
        if f.is_file():
            h.update(
                f.relative_to(paths.root()).as_posix().encode()
                if f.is_relative_to(paths.root())
                else f.name.encode()
            )
            h.update(b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())


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


def fingerprint(notebook: str, parameters: dict, files: list[Path] = (), extra: bytes = b"") -> str:
    """The hash of everything a run depends on."""
    h = hashlib.sha256()
    h.update(package_fingerprint().encode())
    h.update(_reference_fingerprint(str(paths.root())).encode())
    h.update(classifiers.setting().encode() + b"\0")  # the drafts' areas depend on it
    h.update(hashlib.sha256((paths.notebooks_dir() / notebook).read_bytes()).digest())
    h.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    _hash_files(h, list(files))
    h.update(extra)
    return h.hexdigest()


def year_inputs(region: str, year: int) -> list[Path]:
    reports = paths.reports_dir(region)
    return _tree(paths.curated_dir(region)) + [
        reports / f"{y}.{ext}" for y in (year - 1, year) for ext in ("txt", "yaml")
    ]


def trends_inputs(region: str) -> list[Path]:
    return _tree(paths.curated_dir(region)) + _tree(paths.reports_dir(region))


def validation_mark(region: str) -> tuple[str, str]:
    """The manifest's key for a region's validated data, and the hash of what validating it reads
    (the package, the reference tables, the region's curated tables)."""
    h = hashlib.sha256()
    h.update(package_fingerprint().encode())
    h.update(_reference_fingerprint(str(paths.root())).encode())
    _hash_files(h, _tree(paths.curated_dir(region)))
    return f"validated:{region}", h.hexdigest()


class Manifest:
    """The inputs' hashes of the last good run of every notebook, by ``<folder>/<stem>``."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        try:
            self.entries: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self.entries, dict):
                self.entries = {}
        except (OSError, ValueError):
            self.entries = {}
        self.changed = False

    def unchanged(self, key: str, inputs: str, outputs: list[Path]) -> bool:
        return self.entries.get(key) == inputs and all(p.is_file() for p in outputs)

    def record(self, key: str, inputs: str | None) -> None:
        if inputs is None:
            if self.entries.pop(key, None) is not None:
                self.changed = True
        elif self.entries.get(key) != inputs:
            self.entries[key] = inputs
            self.changed = True

    def save(self) -> None:
        if self.changed:
            atomic_write_text(self.path, json.dumps(self.entries, indent=0, sort_keys=True))
            self.changed = False
