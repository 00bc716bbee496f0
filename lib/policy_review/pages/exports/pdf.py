"""Review pages exported to A4 PDF through Chromium, for researchers who share PDF rather than HTML.

``policy-review run --pdf`` calls :func:`export_pdfs` on the pages the run rendered. Each page is
opened offline in Debian's ``chromium`` (driven by playwright, which is in the ``dev`` extra; no
browser is downloaded), every interactive table is expanded to all its rows, and the page is
printed with its print style sheet: A4, charts and table rows unbroken, links footnoted with
their addresses. ``<stem>.pdf`` is written beside ``<stem>.html``, whole or not at all. A page
Chromium cannot print (too large, a time-out, a crash) is named with the reason, never a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from policy_review.core.atomic import atomic_write_bytes

#: A page larger than this is not printed: Chromium takes minutes over it, or fails.
MAX_PAGE_BYTES = 16 * 1024 * 1024

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


def export_pdfs(
    pages: list[Path], timeout_ms: int = 30_000, within: Path | None = None
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Print each HTML page to ``<stem>.pdf`` beside it (A4), written without following a link
    from ``within``. Returns the PDFs written, and each page not printed with why (a page over
    :data:`MAX_PAGE_BYTES`, one Chromium could not load or print in ``timeout_ms``)."""
    from playwright.sync_api import Error as PlaywrightError, sync_playwright

    written: list[Path] = []
    failed = [(Path(p), reason) for p in pages if (reason := _too_large(Path(p)))]
    pages = [Path(p) for p in pages if not _too_large(Path(p))]
    if not pages:
        return written, failed
    executable = chromium()
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            return written, failed + [(p, f"Chromium did not start: {_first_line(exc)}") for p in pages]
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
                try:
                    written.append(_print(context, html_page, timeout_ms, within))
                except PlaywrightError as exc:
                    failed.append((html_page, _first_line(exc)))
        finally:
            try:
                browser.close()
            except PlaywrightError:
                pass
    return written, failed


def _print(context, html_page: Path, timeout_ms: int, within: Path | None) -> Path:
    from playwright.sync_api import Error as PlaywrightError

    page = context.new_page()
    try:
        page.set_default_timeout(timeout_ms)
        page.goto(html_page.resolve().as_uri(), wait_until="load")
        try:
            page.wait_for_function(READY, timeout=timeout_ms)
        except PlaywrightError:
            pass  # a page without charts or tables is ready at load
        page.evaluate(EXPAND_TABLES)
        page.emulate_media(media="print")
        data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        try:
            page.close()
        except PlaywrightError:
            pass
    target = html_page.with_suffix(".pdf")
    return atomic_write_bytes(target, data, within=within)


def _too_large(page: Path) -> str | None:
    try:
        size = page.stat().st_size
    except OSError as exc:
        return f"cannot read the page ({exc.strerror or exc})"
    if size > MAX_PAGE_BYTES:
        return (
            f"the page is {size / 2**20:.0f} MiB, over the {MAX_PAGE_BYTES // 2**20} MiB a page may "
            "have to be printed; print it from the browser, or split the report"
        )
    return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
