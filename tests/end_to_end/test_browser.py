"""The rendered pages in a real browser, offline: Debian's chromium driven by playwright.

The session's shared pages run (``pages_run`` in ``tests/conftest.py``) and one browser for the
module. Every page (index, the three year
pages, trends) is opened with the network off: every request that is not ``file:`` or ``data:``
is blocked and counted, and the context is offline. Checked: no console errors, no script errors,
no failed or blocked requests; every chart image decoded; the interactive figures table filters
when searched and comes back when cleared; a full-page screenshot is not blank; the index links
point to files that exist.

Nothing here downloads a browser: playwright is pointed at the system chromium, and the module
is skipped (with the reason) where that is not installed.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian chromium not installed: apt-get install chromium", allow_module_level=True)

from PIL import Image  # noqa: E402  (after the skip: nothing to import where the module is skipped)
from playwright.sync_api import (  # noqa: E402
    Error as PlaywrightError,  # noqa: E402
    expect,
    sync_playwright,
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
YEAR_PAGES = ["kaizhou/2018.html", "kaizhou/2019.html", "kaizhou/2020.html"]
PAGES = ["index.html", *YEAR_PAGES, "kaizhou/trends.html"]
LOCAL_SCHEMES = ("file:", "data:")
TIMEOUT_MS = 20_000

#: itables tables that DataTables has not (yet) turned into an interactive table
UNINITIALISED_ITABLES = "table[id^='itables_']:not(.dataTable)"
READY = f"""() => [...document.images].every(i => i.complete)
                  && document.querySelectorAll("{UNINITIALISED_ITABLES}").length === 0"""


@dataclass
class Visit:
    """An open page and what the browser reported while it loaded and was used."""

    page: object
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # failed requests, websockets
    blocked: list[str] = field(default_factory=list)  # requests to anything but file: / data:

    def problems(self) -> list[str]:
        return (
            [f"console/page error: {e}" for e in self.errors]
            + [f"failed: {f}" for f in self.failed]
            + [f"blocked (not local): {b}" for b in self.blocked]
        )


def open_offline(context, url: str) -> Visit:
    """Open ``url`` in a new tab, recording errors and every request that leaves the machine."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    visit = Visit(page)
    page.on("console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda req: visit.failed.append(f"{req.url} ({req.failure})"))
    page.on("websocket", lambda ws: visit.failed.append(f"websocket {ws.url}"))

    def guard(route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort("blockedbyclient")

    page.route("**/*", guard)
    page.goto(url, wait_until="load")
    try:  # charts decoded and interactive tables set up (the itables bundle loads asynchronously)
        page.wait_for_function(READY, timeout=TIMEOUT_MS)
    except PlaywrightError:
        pass  # the tests below say what is missing
    return visit


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def rendered(pages_run) -> Path:
    """The session's shared pages run (tests/conftest.py): Kaizhou's three years and trends in
    both languages, and other regions' years, so that the index has draft rows and comparisons
    to link."""
    return pages_run


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(
        offline=True, viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    yield context
    context.close()


@pytest.fixture(scope="module")
def visits(rendered, context) -> dict[str, Visit]:
    """Every rendered page, opened once and kept open for the tests of the module."""
    return {name: open_offline(context, (rendered / name).as_uri()) for name in PAGES}


# ---------------------------------------------------------------- the harness has teeth


def test_harness_catches_a_page_that_reaches_out(context, tmp_path):
    page_file = tmp_path / "leaky.html"
    page_file.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.invalid/chart.png">'
        '<script>console.error("boom");'
        ' fetch("http://example.invalid/data").catch(() => {});'
        "</script></body></html>",
        encoding="utf-8",
    )
    visit = open_offline(context, page_file.as_uri())
    try:
        visit.page.wait_for_timeout(300)
        assert "https://example.invalid/chart.png" in visit.blocked
        assert "http://example.invalid/data" in visit.blocked
        assert "boom" in visit.errors
        assert any("example.invalid/chart.png" in f for f in visit.failed)
    finally:
        visit.page.close()


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors_or_requests(visits, name):
    visit = visits[name]
    assert visit.page.title(), name
    assert visit.problems() == [], name


#: Charts each page must show: 2020 is an excerpt with no counts, rates or earlier commitments,
#: so only its coverage chart is drawn (the others are stated in words).
MIN_CHARTS = {
    "kaizhou/2018.html": 3,
    "kaizhou/2019.html": 3,
    "kaizhou/2020.html": 1,
    "kaizhou/trends.html": 3,
}


@pytest.mark.parametrize("name", PAGES)
def test_charts_and_tables_loaded(visits, name):
    page = visits[name].page
    images = page.evaluate("""[...document.images].map(i => ({src: i.src.slice(0, 30),
        complete: i.complete, width: i.naturalWidth, height: i.naturalHeight}))""")
    broken = [i for i in images if not (i["complete"] and i["width"] > 0 and i["height"] > 0)]
    assert broken == [], f"{name}: images not decoded: {broken}"
    charts = [i for i in images if i["src"].startswith("data:image/png;base64,")]
    assert len(charts) >= MIN_CHARTS.get(name, 0), f"{name}: {len(charts)} chart images"
    uninitialised = page.locator(UNINITIALISED_ITABLES).count()
    assert uninitialised == 0, f"{name}: an itables table never became interactive"
    assert not page.get_by_text("Loading ITables").is_visible(), name


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_is_not_blank(visits, name, tmp_path):
    shot = tmp_path / (name.replace("/", "_").removesuffix(".html") + ".png")
    png = visits[name].page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    colours = image.getcolors(maxcolors=width * height)
    inked = sum(count for count, rgb in colours if min(rgb) < 245)  # not white or near-white
    assert len(colours) >= 64, f"{name}: only {len(colours)} distinct colours (blank page?); see {shot}"
    assert inked / (width * height) >= 0.02, f"{name}: only {inked / (width * height):.1%} inked; see {shot}"


# ---------------------------------------------------------------- the figures table


def test_figures_table_filters_when_searched(visits):
    visit = visits["kaizhou/2018.html"]
    page = visit.page
    search = page.locator("input[type='search'][aria-controls^='itables_']")
    expect(search).to_have_count(1)
    table_id = search.get_attribute("aria-controls")
    rows = page.locator(f"table#{table_id} > tbody > tr:visible")
    info = page.locator(f"#{table_id}_info")
    rows_before, info_before = rows.count(), info.inner_text()
    assert rows_before >= 5, f"the figures table shows {rows_before} rows before searching"

    search.click()
    search.press_sequentially("45.88")
    expect(info).not_to_have_text(info_before)
    rows_found = rows.count()
    assert 1 <= rows_found < rows_before, (rows_found, rows_before)
    for text in rows.all_inner_texts():
        assert "45.88" in text, text

    search.fill("")
    expect(info).to_have_text(info_before)
    expect(rows).to_have_count(rows_before)
    assert visit.problems() == []  # searching raised nothing either


# ---------------------------------------------------------------- the index


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_index_links_resolve_to_files(rendered):
    parser = _Links()
    parser.feed((rendered / "index.html").read_text(encoding="utf-8"))
    assert len(parser.hrefs) >= len(PAGES) - 1, parser.hrefs
    for href in parser.hrefs:
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"index links outside the output folder: {href}"
        assert (rendered / unquote(parts.path)).is_file(), f"index link to a missing file: {href}"
        if parts.fragment:  # a number's link lands on the section that shows it
            target = (rendered / unquote(parts.path)).read_text(encoding="utf-8")
            assert f'id="{parts.fragment}"' in target, f"index link to a missing section: {href}"
    assert any("#sec-funnel" in href for href in parser.hrefs)


def test_index_fits_1280_px_with_every_column_visible(visits):
    """No column is cut off or scrolled away at 1,280 px (issue 12: the index)."""
    page = visits["index.html"].page
    assert page.viewport_size["width"] == 1280
    fit = page.evaluate("""() => ({width: document.documentElement.scrollWidth,
        cut: [...document.querySelectorAll("th, td")]
             .filter(c => c.getBoundingClientRect().right > innerWidth + 0.5)
             .map(c => c.textContent.trim().slice(0, 30)),
        columns: document.querySelector("tbody tr").querySelectorAll("td").length})""")
    assert fit["width"] <= 1280 and fit["cut"] == [] and fit["columns"] == 13, fit


# ---------------------------------------------------------------- click to the source

EXPAND_TABLES = """async () => {
  const key = Object.keys(window).find(k => k.startsWith("_itables_"));
  const { jQuery: $ } = await window[key];
  $("table.dataTable").each(function () { $(this).DataTable().page.len(-1).draw(); });
}"""
TARGET = """() => { const m = document.querySelector(":target"); if (!m) return null;
  const box = m.getBoundingClientRect();
  return {id: m.id, text: m.textContent, tag: m.tagName, background: getComputedStyle(m).backgroundColor,
          visible: box.top >= 0 && box.bottom <= window.innerHeight}; }"""
HIGHLIGHT = "rgb(255, 224, 102)"  # source_page.STYLE: mark:target


def _figure_links(page) -> list[dict]:
    page.evaluate(EXPAND_TABLES)
    return page.evaluate("""() => [...document.querySelectorAll("table.dataTable a.pr-src")]
        .map(a => ({href: a.getAttribute("href"), text: a.textContent}))""")


def test_clicking_a_figure_lands_on_its_highlighted_span(rendered, context):
    """Kaizhou 2018: every figure links to its span in the source page, and the highlighted span's
    text is the figure as written; a sample of them is clicked for real, the 2016 baseline among them."""
    visit = open_offline(context, (rendered / "kaizhou/2018.html").as_uri())
    page = visit.page
    links = _figure_links(page)
    assert len(links) == 104, len(links)  # every figure of the 2018 report (figures.csv)
    assert all(link["href"].startswith("2018.source.html#s") for link in links)
    sample = [i for i, link in enumerate(links) if link["text"] == "19.55%"] + list(range(0, len(links), 15))
    for i in sample:
        page.locator("table.dataTable a.pr-src").nth(i).click()
        page.wait_for_url("**/2018.source.html#*")
        target = page.evaluate(TARGET)
        assert target is not None and target["tag"] == "MARK", links[i]
        assert target["text"] == links[i]["text"], (target, links[i])
        assert target["background"] == HIGHLIGHT and target["visible"], target
        page.go_back()
        page.wait_for_function(READY, timeout=TIMEOUT_MS)
        page.evaluate(EXPAND_TABLES)
    # every other figure: the same span, reached by its address in the source page
    source = open_offline(context, (rendered / "kaizhou/2018.source.html").as_uri()).page
    for link in links:
        source.evaluate("(hash) => { location.hash = hash; }", link["href"].split("#", 1)[1])
        target = source.evaluate(TARGET)
        assert target and target["text"] == link["text"] and target["background"] == HIGHLIGHT, (link, target)
    assert visit.problems() == []
    source.close()
    page.close()


@pytest.mark.parametrize("name", ["kaizhou/2019.html", "kaizhou/2019.zh.html"])
def test_headline_numbers_link_to_their_passages(rendered, context, name):
    page = open_offline(context, (rendered / name).as_uri()).page
    items = page.locator("ul.pr-findings > li")
    assert 3 <= items.count() <= 6
    links = page.locator("ul.pr-findings a.pr-src")
    texts = links.all_inner_texts()
    assert ["121", "51", "48", "3"] == texts[:4], texts  # announced (2018 report), assigned, on time, slowed
    assert links.first.get_attribute("href").startswith("2018.")  # the 121 is in the 2018 report
    links.nth(1).click()
    target = page.evaluate(TARGET)
    assert target["text"].endswith("51项") and target["background"] == HIGHLIGHT, target
    page.close()


# ---------------------------------------------------------------- print and PDF


def test_links_inside_interactive_tables_print_their_address(rendered, context):
    """The figures table is drawn by script, so its links are not footnoted: in print each shows
    where it goes after its text (on screen nothing is added)."""
    page = open_offline(context, (rendered / "kaizhou/2018.html").as_uri()).page
    after = """() => [...document.querySelectorAll("table.dataTable a[href]")]
        .map(a => [a.getAttribute("href"), getComputedStyle(a, "::after").content])"""
    screen = page.evaluate(after)
    page.emulate_media(media="print")
    printed = page.evaluate(after)
    page.close()
    assert len(printed) >= 10 and {c for _, c in screen} <= {"none", "normal"}
    for href, content in printed:
        assert href.startswith("2018.source.html#s") and content == f'" <{href}>"', (href, content)


def test_review_page_prints_to_a4_with_footnoted_links(rendered, context):
    page = open_offline(context, (rendered / "kaizhou/2018.html").as_uri()).page
    page.emulate_media(media="print")
    style = page.evaluate("""() => ({
        img: [...document.images].map(i => getComputedStyle(i).breakInside),
        row: getComputedStyle(document.querySelector("table.pr-table tr")).breakInside,
        notes: getComputedStyle(document.querySelector(".pr-print-links")).display,
        marks: document.querySelectorAll(".pr-fn").length,
        addresses: document.querySelectorAll(".pr-print-links li").length,
        toc: getComputedStyle(document.querySelector("nav.pr-toc")).display})""")
    page.close()
    assert set(style["img"]) == {"avoid"} and style["row"] == "avoid", style
    assert style["notes"] == "block" and style["toc"] == "none", style
    assert style["marks"] >= style["addresses"] > 10, style  # the same address keeps its number

    # export_pdfs runs its own playwright: in a process of its own, beside this module's browser
    import subprocess
    import sys

    code = (
        "import sys; from policy_review.pages.exports.pdf import export_pdfs; "
        "print(export_pdfs([sys.argv[1]])[0][0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(rendered / "kaizhou/2018.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pdf = Path(done.stdout.strip())
    assert pdf == rendered / "kaizhou/2018.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    import re as _re

    boxes = {
        tuple(round(float(v)) for v in m.groups())
        for m in _re.finditer(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    }
    assert boxes == {(595, 842)}, boxes  # A4 in points
    assert len(_re.findall(rb"/Type\s*/Page[^s]", data)) >= 5  # the whole review, figures table expanded
