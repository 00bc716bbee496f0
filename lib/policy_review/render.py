"""Render executed notebooks to self-contained HTML for sharing.

Rendering is a separate step after execution. The ``offline`` template (in ``templates/``)
drops everything the stock templates fetch from the internet (require.js, MathJax, mermaid,
widget managers); charts are embedded PNGs and itables carries its own bundle, so the HTML
works with no network. Code cells are left out unless ``with_code`` is set.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from .atomic import atomic_write_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_LINK = re.compile(r'<a\b[^>]*?\shref="([^"#][^"]*)"[^>]*>.*?</a>', re.S)


class Renderer:
    """One nbconvert HTML exporter, built once and reused for every run."""

    def __init__(self, with_code: bool = False):
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        self.exporter = HTMLExporter(
            template_name="offline",
            extra_template_basedirs=[str(TEMPLATES)],
            exclude_input=not with_code,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )
        # cells meant for people reading the notebook itself (how to use it), not for the shared page
        self.exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"notebook-only"}), enabled=True)

    def to_html(self, nb: nbformat.NotebookNode, title: str) -> str:
        from .labels import t

        body, _ = self.exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        lang = nb.metadata.get("papermill", {}).get("parameters", {}).get("lang", "en")
        return add_link_footnotes(add_table_of_contents(body), t("print_links", lang))

    def render_run(self, region_dir: Path, stem: str) -> list[Path]:
        """Render ``<stem>.ipynb`` in ``region_dir`` to ``<stem>.html`` (whole or not at all)."""
        nb = nbformat.read(region_dir / f"{stem}.ipynb", as_version=4)
        title = nb.metadata.get("policy_review", {}).get("title") or f"{region_dir.name} {stem}"
        out = region_dir / f"{stem}.html"
        atomic_write_text(out, self.to_html(nb, title))
        return [region_dir / f"{stem}.ipynb", out]


def headings(body: str) -> list[tuple[str, str]]:
    """The (anchor, title) of every second-level heading of a rendered page."""
    found = []
    for anchor, inner in _HEADING.findall(body):
        title = html.unescape(_TAGS.sub("", _ANCHOR_LINK.sub("", inner))).strip()
        found.append((html.unescape(anchor), title))
    return found


def add_table_of_contents(body: str) -> str:
    """Insert a linked table of contents of the page's sections under its title (the headings
    carry their own numbers, so the list is not numbered again)."""
    items = headings(body)
    if not items or "<main>" not in body:
        return body
    links = "\n".join(
        f'  <li><a href="#{html.escape(a, quote=True)}">{html.escape(t)}</a></li>' for a, t in items
    )
    nav = f'<nav class="pr-toc" aria-label="Contents">\n<ul>\n{links}\n</ul>\n</nav>\n'
    start = body.index("<main>")
    title_end = body.find("</h1>", start)
    at = title_end + len("</h1>") if title_end != -1 else start + len("<main>")
    return body[:at] + "\n" + nav + body[at:]


def add_link_footnotes(body: str, heading: str = "Links") -> str:
    """For print: a footnote mark after every link that leaves the page, and the numbered
    addresses at the end of ``<main>`` (both hidden on screen by the template's CSS). The same
    address keeps its number. Links inside tables drawn by script (itables) are not in the markup:
    their addresses are the source page and the offsets those tables show."""
    if "</main>" not in body:
        return body
    numbers: dict[str, int] = {}

    def mark(m: re.Match) -> str:
        n = numbers.setdefault(html.unescape(m.group(1)), len(numbers) + 1)
        return f'{m.group(0)}<span class="pr-fn">[{n}]</span>'

    at = body.index("<main>") if "<main>" in body else 0
    end = body.rindex("</main>")
    main = _LINK.sub(mark, body[at:end])
    if not numbers:
        return body
    items = "\n".join(f"  <li>{html.escape(address)}</li>" for address in numbers)
    notes = (f'<section class="pr-print-links"><p><strong>{html.escape(heading)}</strong></p>\n'
             f"<ol>\n{items}\n</ol></section>\n")
    return body[:at] + main + notes + body[end:]
