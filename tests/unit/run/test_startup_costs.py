"""What each process of a run pays once: nbformat's schema checks without rfc3987_syntax's grammar
(jsonschema kept below 4.25), still checking notebooks; and a kernels' template that has
imported what a kernel imports as it starts (ipykernel's debugger), without printing a word."""

from __future__ import annotations

import json
import subprocess
import sys

from policy_review.core import paths


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=str(paths.root())
    )


def test_no_process_of_a_run_builds_the_iri_grammar():
    """jsonschema 4.25 and later import rfc3987_syntax, which builds an Earley parser as it is
    imported (2.5 to 5 CPU-seconds in every command, worker and render process); pyproject.toml
    keeps jsonschema below it. The command line, a worker and the renderer import what they
    import, and nbformat still checks notebooks."""
    notebook = str(paths.notebooks_dir() / "year_review.ipynb")
    result = _python(f"""
import json, sys
import policy_review.cli, policy_review.run.execution, policy_review.pages.exports.render  # noqa: F401
import nbformat, papermill, nbconvert  # noqa: F401
nb = nbformat.read({notebook!r}, as_version=4)
nbformat.validate(nb)
nb.cells[0]["cell_type"] = "nonsense"
try:
    nbformat.validate(nb)
    broken = "accepted"
except nbformat.ValidationError:
    broken = "refused"
print(json.dumps({{"grammar": "rfc3987_syntax" in sys.modules, "broken": broken}}))
""")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"grammar": False, "broken": "refused"}


def test_the_template_has_what_a_kernel_imports_as_it_starts_and_says_nothing():
    result = _python("""
import sys
from policy_review.run import kernel_template
kernel_template.warm()
print("ipykernel.debugger" in sys.modules, "matplotlib.backends.backend_agg" in sys.modules)
""")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True True"
    assert "Debugger warning" not in result.stderr and "frozen modules" not in result.stderr
