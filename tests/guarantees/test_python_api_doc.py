"""``docs/python-api.md`` is true: its code blocks run, in order, from the project's root, with
the package a researcher has in JupyterLab (issue 27, point 9)."""

from __future__ import annotations

import re

import matplotlib

from tests.conftest import ROOT

DOC = ROOT / "docs" / "python-api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_the_python_api_page_runs(monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict = {"__name__": "python_api_doc"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{DOC.name}, block {number}", "exec"), namespace)  # noqa: S102 (our own doc)
    assert namespace["reported"] <= namespace["total"] == 8
    assert {"funnel", "coverage"} <= {
        name for name, fig in namespace["charts"].items() if hasattr(fig, "savefig")
    }
    assert (namespace["folder"] / "coverage.png").stat().st_size > 10_000


def test_every_function_the_page_names_exists():
    """A name renamed in the package and not on the page fails here, even outside a code block."""
    from policy_review.review import compare, metrics, statutory, summary, trends, year_review

    modules = {"rv": year_review, "statutory": statutory, "metrics": metrics, "trends": trends}
    modules |= {"compare": compare, "summary": summary}
    text = DOC.read_text(encoding="utf-8")
    for alias, name in re.findall(r"\b(rv|statutory|metrics|trends|compare|summary)\.([a-z_]+)\(", text):
        assert hasattr(modules[alias], name), f"{alias}.{name}"
