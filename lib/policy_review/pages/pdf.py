"""Review pages exported to A4 PDF through Chromium, for researchers who share PDF rather than HTML.

``policy-review run --pdf`` calls :func:`export_pdfs` on the pages the run rendered. Each page is
opened offline in Debian's ``chromium`` (driven by playwright, which is in the ``dev`` extra; no
browser is downloaded), every interactive table is expanded to all its rows, and the page is
printed with its print style sheet: A4, charts and table rows unbroken, links footnoted with
their addresses. ``<stem>.pdf`` is written beside ``<stem>.html``, whole or not at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from policy_review.core.atomic import atomic_path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Show every row of every interactive table (itables' DataTables), so the PDF has them all.
EXPAND_TABLES = """async () => {
  const key = Object.keys(window).find(k => k.startsWith("_itables_"));
  if (!key) return 0;
  const { jQuery: $ } = await window[key];
  let n = 0;
  $("table.dataTable").each(function () { $(this).DataTable().page.len(-1).draw(); n++; });
  return n;
}"""
READY = """() => [...document.images].every(i => i.complete)
  && document.querySelectorAll("table[id^='itables_']:not(.dataTable)").length === 0"""


class PdfUnavailable(RuntimeError):
    """Chromium or playwright is missing: the message says what to install."""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise PdfUnavailable("--pdf needs Debian's chromium: apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        raise PdfUnavailable("--pdf needs playwright: pip install -e '.[dev]'") from None
    return path


def export_pdfs(pages: list[Path], timeout_ms: int = 30_000) -> list[Path]:
    """Print each HTML page to ``<stem>.pdf`` beside it (A4); return the PDFs written."""
    from playwright.sync_api import Error as PlaywrightError, sync_playwright

    executable = chromium()
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True, service_workers="block")
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort("blockedbyclient")
                ),
            )
            for html_page in pages:
                page = context.new_page()
                page.set_default_timeout(timeout_ms)
                page.goto(Path(html_page).resolve().as_uri(), wait_until="load")
                try:
                    page.wait_for_function(READY, timeout=timeout_ms)
                except PlaywrightError:
                    pass  # a page without charts or tables is ready at load
                page.evaluate(EXPAND_TABLES)
                page.emulate_media(media="print")
                target = Path(html_page).with_suffix(".pdf")
                with atomic_path(target) as tmp:
                    page.pdf(path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True)
                written.append(target)
                page.close()
        finally:
            browser.close()
    return written
