"""What goes through the queue: a job (one notebook to execute, with its parameters and outputs),
the result a worker hands back for it, and the outcome the command reports.

A :class:`JobResult` is plain data (picklable, for a local worker or a Dask worker): whether the
notebook ran, the failing cell and why, the run's files as bytes (the runner writes them), and the
files the kernel read with the hash of the bytes it read (``read``), so that an unchanged run is
recognised by exactly what it read (:mod:`policy_review.run.incremental`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy_review.core.errors import printable


@dataclass
class JobResult:
    """What one notebook execution hands back."""

    ok: bool = False
    seconds: float = 0.0
    failed_cell: int | None = None
    error: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # file name in the run's folder → bytes
    tables_seconds: float = 0.0  # of ``seconds``: making the year run's tables
    read: dict[str, str] = field(default_factory=dict)  # file the kernel read → sha256 of what it read

    @classmethod
    def failed(cls, error: str) -> JobResult:
        return cls(error=error)


@dataclass
class Outcome:
    """What happened to one notebook execution."""

    label: str  # e.g. "kaizhou 2018", "kaizhou trends", "compare 2020"
    region: str  # the output folder: the region, or "compare"
    stem: str  # output file name without extension, e.g. "2018" or "trends"
    params_file: str | None
    year: int | None = None
    lang: str = "en"
    kind: str = "year"  # a row of run.kinds.KINDS: year, trends or compare
    ok: bool = False
    skipped: bool = False
    seconds: float = 0.0
    failed_cell: int | None = None
    error: str = ""
    failed_notebook: str | None = None  # only when it was written
    inputs: str | None = field(default=None, repr=False)
    read: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return f"{self.region}/{self.stem}"

    def failure_line(self) -> str:
        """One line, every control character of it shown escaped (an error may quote the input)."""
        where = f" ({self.params_file})" if self.params_file else ""
        cell = f" in cell {self.failed_cell}" if self.failed_cell is not None else ""
        return printable(f"FAILED {self.label}{where}{cell}: {self.error}")


@dataclass
class Job:
    outcome: Outcome
    notebook: str
    parameters: dict
    outputs: list[str]  # file names in the region's folder that a good run writes

    def output_paths(self, out_dir: Path) -> list[Path]:
        return [out_dir / self.outcome.region / name for name in self.outputs]
