"""Where things live. Every path resolves from the project root, never from the current directory.

papermill, nbval and JupyterLab start kernels in different working directories; code that
needs a file asks this module.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

#: The project root: the folder that holds ``pyproject.toml``, ``data/`` and ``params/``.
#: ``POLICY_REVIEW_ROOT`` overrides it (tests point it at a temporary copy).
ROOT = Path(os.environ.get("POLICY_REVIEW_ROOT") or Path(__file__).resolve().parents[3]).resolve()


def root() -> Path:
    return Path(root_key()).resolve()


def root_key() -> str:
    """The project root as set, without asking the file system: the one key of every cache of
    what is read from the project's files (a test or a corpus switching ``POLICY_REVIEW_ROOT``
    gets its own)."""
    return os.environ.get("POLICY_REVIEW_ROOT") or str(ROOT)


def pin_root() -> None:
    """Make a relative ``POLICY_REVIEW_ROOT`` absolute (from the current folder), for this process
    and every process it starts: kernels start in ``notebooks/``, where the relative name would
    mean another folder."""
    value = os.environ.get("POLICY_REVIEW_ROOT")
    if value and not os.path.isabs(value):
        os.environ["POLICY_REVIEW_ROOT"] = os.path.abspath(value)


def data_dir() -> Path:
    return root() / "data"


def reference_dir() -> Path:
    return data_dir() / "reference"


def reports_dir(region: str | None = None) -> Path:
    """Source documents as published: ``data/reports/<region>/<year>.txt`` plus ``<year>.yaml``."""
    base = data_dir() / "reports"
    return base / region if region else base


def report_text_path(region: str, year: int) -> Path:
    return reports_dir(region) / f"{year}.txt"


def provenance_path(region: str, year: int) -> Path:
    return reports_dir(region) / f"{year}.yaml"


def curated_dir(region: str | None = None) -> Path:
    base = data_dir() / "curated"
    return base / region if region else base


def params_dir() -> Path:
    return root() / "params"


def notebooks_dir() -> Path:
    return root() / "notebooks"


def output_dir() -> Path:
    return root() / "reports"


def display(path: Path | str) -> str:
    """A path as shown in messages: relative to the project root when inside it."""
    return _display(str(path), root_key(), os.getcwd())


@functools.lru_cache(maxsize=1024)
def _display(path: str, root_setting: str, cwd: str) -> str:
    """``display`` for a project root as set and a current folder; cached, as resolving paths is
    slow and a large table can give a problem (and a message naming its file) per row."""
    try:
        return str(Path(path).resolve().relative_to(Path(root_setting).resolve()))
    except (ValueError, OSError):
        return path
