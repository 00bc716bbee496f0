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

from policy_review.core import outputs
from policy_review.core.atomic import atomic_write_text
from policy_review.core.labels import t

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: The largest executed notebook rendered (a national comparison's is tens of MB).
MAX_NOTEBOOK_BYTES = 1 << 30
_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_LINK = re.compile(r'<a\b[^>]*?\shref="([^"#][^"]*)"[^>]*>.*?</a>', re.S)


class Renderer:
    """One nbconvert HTML exporter, built once and reused for every run."""

    def __init__(self, with_code: bool = False):
        from nbconvert.preprocessors import CoalesceStreamsPreprocessor, TagRemovePreprocessor

        self.exporter = _page_exporter()(
            template_name="offline",
            extra_template_basedirs=[str(TEMPLATES)],
            exclude_input=not with_code,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
            optimistic_validation=True,  # the notebook checked once, after the preprocessors, not after each
        )
        # a cell's printed lines as one block, however the kernel happened to flush them (under load
        # one print can arrive in two messages): the same page from the same run, locally or on a cluster
        self.exporter.register_preprocessor(CoalesceStreamsPreprocessor(), enabled=True)
        # cells meant for people reading the notebook itself (how to use it), not for the shared page
        self.exporter.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags={"notebook-only"}), enabled=True
        )

    def to_html(self, nb: nbformat.NotebookNode, title: str, lang: str | None = None) -> str:
        lang = lang or nb.metadata.get("papermill", {}).get("parameters", {}).get("lang", "en")
        # <html lang="…">: fonts and screen readers read the page's language
        self.exporter.language_code = lang
        body, _ = self.exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        return add_link_footnotes(add_table_of_contents(body, lang), t("print_links", lang))

    def render_run(self, region_dir: Path, stem: str) -> list[Path]:
        """Render ``<stem>.ipynb`` in ``region_dir`` (a folder of an output folder) to ``<stem>.html``
        (whole or not at all); the notebook is read and the page written without following a link."""
        data = outputs.read_output(region_dir / outputs.name(stem, outputs.NOTEBOOK), MAX_NOTEBOOK_BYTES)
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        lang = nb.metadata.get("papermill", {}).get("parameters", {}).get("lang", "en")
        title = (
            nb.metadata.get("policy_review", {}).get("title")
            or first_heading(nb)
            or f"{region_dir.name} {stem}"
        )
        out = region_dir / outputs.name(stem, outputs.PAGE)
        atomic_write_text(out, self.to_html(nb, title, lang), within=region_dir.parent)
        return [region_dir / outputs.name(stem, outputs.NOTEBOOK), out]


_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
_FOCUSABLE = re.compile(
    r'(<div\b[^>]*\bclass="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"'
    r"(?![^>]*\stabindex=)[^>]*)>"
)


def accessible(body: str) -> str:
    """What nbconvert's HTML exporter adds after rendering, for readers using a keyboard or a
    screen reader: alt text on images without one, and inputs and outputs focusable."""
    body = _IMG_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"', body)
    return _FOCUSABLE.sub(r'\1 tabindex="0">', body)


def _page_exporter():
    """nbconvert's HTML exporter without its last step: re-parsing the whole page with
    BeautifulSoup only to add alt texts and ``tabindex`` attributes, which took most of the
    rendering time of a page with thousands of cells (a national comparison's drill-down).
    :func:`accessible` makes the same two edits on the markup the templates write."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            data_types = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", data_types)
            body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(body), resources

    return PageExporter


def first_heading(nb: nbformat.NotebookNode) -> str | None:
    """The text of the page's title (the first ``<h1>`` a cell displays), in the run's language."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = _TITLE.search(output.get("data", {}).get("text/html", "") if "data" in output else "")
            if found:
                return html.unescape(_TAGS.sub("", found.group(1))).strip() or None
    return None


def headings(body: str) -> list[tuple[str, str]]:
    """The (anchor, title) of every second-level heading of a rendered page."""
    found = []
    for anchor, inner in _HEADING.findall(body):
        title = html.unescape(_TAGS.sub("", _ANCHOR_LINK.sub("", inner))).strip()
        found.append((html.unescape(anchor), title))
    return found


def add_table_of_contents(body: str, lang: str = "en") -> str:
    """Insert a linked table of contents of the page's sections under its title (the headings
    carry their own numbers, so the list is not numbered again)."""
    items = headings(body)
    if not items or "<main>" not in body:
        return body
    links = "\n".join(
        f'  <li><a href="#{html.escape(a, quote=True)}">{html.escape(t)}</a></li>' for a, t in items
    )
    label = html.escape(t("toc_label", lang), quote=True)
    nav = f'<nav class="pr-toc" aria-label="{label}">\n<ul>\n{links}\n</ul>\n</nav>\n'
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
    notes = (
        f'<section class="pr-print-links"><p><strong>{html.escape(heading)}</strong></p>\n'
        f"<ol>\n{items}\n</ol></section>\n"
    )
    return body[:at] + main + notes + body[end:]
