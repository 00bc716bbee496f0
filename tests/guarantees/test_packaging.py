"""The environment files agree with pyproject.toml, and the notebooks are committed clean."""

from __future__ import annotations

import json
import tomllib

import yaml

from tests.conftest import ROOT


def test_environment_yml_installs_from_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == project["project"]["requires-python"]
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert pip == ["-e .[dev]"]
    # no package is listed twice (once here, once in pyproject): conda gets only python and pip
    assert [d for d in deps if isinstance(d, str)] == [python, "pip"]


def _names(requirements: list[str]) -> dict[str, str]:
    return {d.split(">")[0].split("<")[0].split("=")[0].strip(): d for d in requirements}


def test_card_packages_are_pinned_to_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = _names(project["project"]["dependencies"])
    dev = _names(project["project"]["optional-dependencies"]["dev"])
    deps = runtime | dev
    for name in ("jupyterlab", "pandas", "matplotlib", "papermill", "nbval", "cn2an", "itables", "openpyxl"):
        assert ">=" in deps[name] and "<" in deps[name], deps[name]
    # test and lint tools are for developers only (issue 14): not installed with the package
    assert "nbval" in dev and "ruff" in dev and "pytest" in dev
    assert not {"nbval", "ruff", "pytest"} & set(runtime)


def test_notebooks_committed_without_outputs_and_with_python3_kernel():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), path.name
        params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(params) == 1, path.name
        # nothing derived in the parameters cell: only plain assignments of literals
        for line in "".join(params[0]["source"]).splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                name, _, value = line.partition("=")
                assert name.strip().isidentifier()
                assert value.strip()[0] in "\"'0123456789-[{TFN", line
