"""The documentation a newcomer follows stays true: every link between the README, docs/,
ARCHITECTURE.md, SECURITY.md and benchmarks/README.md points at a file that exists, the README
starts with the two commands, and every page of docs/ is reachable from the README."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PAGES = [
    ROOT / "README.md",
    ROOT / "ARCHITECTURE.md",
    ROOT / "SECURITY.md",
    ROOT / "benchmarks" / "README.md",
]
LINK = re.compile(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)")


def _docs():
    return sorted((ROOT / "docs").glob("*.md"))


def test_every_relative_link_resolves():
    broken = []
    for page in PAGES + _docs():
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken
    assert LINK.findall("see [x](docs/none.md) and [y](https://example.org)") == ["docs/none.md"]


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    assert [line.split()[:2] for line in first_block.splitlines()] == [["make", "run"], ["make", "test"]]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M), "CI runs the README's test command"


def test_every_docs_page_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {(ROOT / target).resolve() for target in LINK.findall(readme)}
    assert [p.name for p in _docs() if p.resolve() not in linked] == []
