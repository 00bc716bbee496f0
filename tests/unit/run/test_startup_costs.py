"""What each process of a run pays once: nbformat's schema checks without rfc3987_syntax's grammar
(compat.without_iri_grammar), still checking notebooks; and a kernels' template that has
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


def test_notebooks_are_still_checked_without_the_iri_grammar():
    notebook = str(paths.notebooks_dir() / "year_review.ipynb")
    result = _python(f"""
import json, sys
from policy_review.run.compat import without_iri_grammar
without_iri_grammar()
import nbformat, papermill  # noqa: F401
nb = nbformat.read({notebook!r}, as_version=4)
nbformat.validate(nb)
nb.cells[0]["cell_type"] = "nonsense"
try:
    nbformat.validate(nb)
    broken = "accepted"
except nbformat.ValidationError:
    broken = "refused"
print(json.dumps({{"grammar": sys.modules.get("rfc3987_syntax") is not None, "broken": broken}}))
""")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"grammar": False, "broken": "refused"}


def test_once_jsonschema_is_imported_nothing_is_changed():
    result = _python("""
import sys
import jsonschema  # noqa: F401
from policy_review.run.compat import without_iri_grammar
had = "rfc3987_syntax" in sys.modules
without_iri_grammar()
print(("rfc3987_syntax" in sys.modules) == had)
""")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


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
