"""Every page kind, in both languages, as a reader sees it at 1,300 px and as it prints (issue 27,
point 8): Debian's chromium driven by playwright, offline, as in ``test_browser.py``.

One ``policy-review run`` makes the pages (the session's shared pages run, ``pages_run`` in
``tests/conftest.py``, which the browser tests read too): Kaizhou's three years, Tongliang's 2020
and 2023 (a draft of the nine-area outline) and Wuhan's 2023, each in English and in Chinese, so
that there is a year page, a trends page, a comparison, a source page and an index in each
language. Each page fails on:
- text lying over other text (two text boxes of the page crossing);
- a table cut by its container, or the page wider than the window (the comparison table once was
  1,326 px in a 1,070 px column, its last columns cut off);
- an interactive table printing fewer rows than it holds (printing from the browser printed the
  first 10);
- with scripts off, words of another language than the page's (a Chinese page once showed
  itables' English messages).
A screenshot of each page is kept beside the run for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PAGES_LANGS

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian chromium not installed: apt-get install chromium", allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError, sync_playwright  # noqa: E402

from tests.end_to_end.test_browser import CHROMIUM_ARGS, READY, TIMEOUT_MS, open_offline  # noqa: E402

WIDTH = 1300
LANGS = PAGES_LANGS


def _stem(year, lang: str) -> str:
    return str(year) if lang == "en" else f"{year}.{lang}"


#: Every page kind in each language: a year page (a curated report, and a draft of the nine-area
#: outline), trends, a comparison, a source page, and the index (English: the runs' languages differ).
PAGES = [
    *(f"kaizhou/{_stem(2018, lang)}.html" for lang in LANGS),
    *(f"tongliang/{_stem(2023, lang)}.html" for lang in LANGS),
    *(f"kaizhou/{_stem('trends', lang)}.html" for lang in LANGS),
    *(f"compare/{_stem(2020, lang)}.html" for lang in LANGS),
    *(f"compare/{_stem(2023, lang)}.html" for lang in LANGS),
    *(f"kaizhou/{_stem(2019, lang)}.source.html" for lang in LANGS),
    "index.html",
]


def _lang(page: str) -> str:
    return "zh" if ".zh." in page else "en"


@pytest.fixture(scope="module")
def rendered(pages_run) -> Path:
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
        offline=True, viewport={"width": WIDTH, "height": 900}, service_workers="block"
    )
    yield context
    context.close()


# ---------------------------------------------------------------- what the browser measures

#: Every pair of text boxes of the page that cross (more than a pixel each way): each text node's
#: line boxes, of what is shown (not hidden, not in a closed <details>).
OVERLAPS = """() => {
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !el.checkVisibility || !el.checkVisibility({visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) boxes.push({x0: r.left, y0: r.top + scrollY, x1: r.right,
        y1: r.bottom + scrollY, text: node.textContent.trim().slice(0, 25), el});
    }
  }
  boxes.sort((a, b) => a.y0 - b.y0);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 10; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].y0 < boxes[i].y1; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el === b.el) continue;
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > 1 && h > 2) found.push(`"${a.text}" over "${b.text}"`);
    }
  }
  return found;
}"""

#: Tables (and the interactive tables' wrappers) reaching beyond the column they stand in, and a
#: page wider than the window.
CLIPPED = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > innerWidth + 1)
    found.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${innerWidth} px window`);
  for (const t of document.querySelectorAll("table")) {
    if (!t.checkVisibility()) continue;
    const column = t.closest(".jp-OutputArea-output, main, body");
    const box = t.getBoundingClientRect(), room = column.getBoundingClientRect();
    if (box.right > room.right + 1 || box.left < room.left - 1)
      found.push(`a table ${Math.round(box.width)} px wide in a column of ${Math.round(room.width)} px`
        + ` (${(t.querySelector("th") || t).textContent.trim().slice(0, 30)})`);
    for (const wrapper of [t.closest(".dt-container, .dataTables_wrapper, .dt-scroll-body")].filter(Boolean))
      if (wrapper.scrollWidth > wrapper.clientWidth + 1)
        found.push(`a table scrolls in its wrapper (${wrapper.scrollWidth} px in ${wrapper.clientWidth})`);
  }
  return found;
}"""

#: Each interactive table: the rows it holds, and the rows shown (printed, once printing).
ROWS = """async () => {
  const key = Object.keys(window).find(k => k.startsWith("_itables_"));
  if (!key) return [];
  const { jQuery: $ } = await window[key];
  return $("table.dataTable").map(function () {
    const api = $(this).DataTable();
    return {held: api.page.info().recordsTotal, shown: this.querySelectorAll("tbody tr").length};
  }).get();
}"""


def _visit(context, rendered: Path, name: str):
    visit = open_offline(context, (rendered / name).as_uri())
    try:
        visit.page.wait_for_function(READY, timeout=TIMEOUT_MS)
    except PlaywrightError:
        pass
    return visit


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", PAGES)
def test_no_text_overlaps_and_no_table_is_cut_at_1300_px(rendered, context, name):
    visit = _visit(context, rendered, name)
    page = visit.page
    try:
        assert page.viewport_size["width"] == WIDTH
        shot = rendered / "screenshots" / (name.replace("/", "_").removesuffix(".html") + ".png")
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)  # for a person to look at
        assert page.evaluate(CLIPPED) == [], name
        assert page.evaluate(OVERLAPS) == [], name
        assert visit.problems() == [], name
    finally:
        page.close()


@pytest.mark.parametrize("name", [p for p in PAGES if "source" not in p and p != "index.html"])
def test_printing_prints_every_row_of_every_table(rendered, context, name):
    """Printed from the browser (print media, the print events), every interactive table shows all
    its rows; back on screen, its pages again. And Chromium's own print (a PDF) holds them."""
    visit = _visit(context, rendered, name)
    page = visit.page
    try:
        on_screen = page.evaluate(ROWS)
        page.emulate_media(media="print")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        printed = page.evaluate(ROWS)
        assert all(t["shown"] == t["held"] for t in printed), (name, printed)
        long = [t for t in on_screen if t["held"] > t["shown"]]
        if long:  # the PDF Chromium prints holds the last row of a long table too
            pdf = page.pdf(format="A4", print_background=True)
            assert len(pdf) > 10_000
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")
        assert page.evaluate(ROWS) == on_screen, name  # on screen, paged again
        assert visit.problems() == [], name
    finally:
        page.close()


#: English words a Chinese page may show: units and names as the sources write them, file names.
LATIN_IN_CHINESE = re.compile(
    r"^(?:[A-Z]{1,4}|\d[\w.%-]*|[\w.-]+\.(?:csv|txt|yaml|html)|https?:\S+|www\.\S+)$"
)


@pytest.mark.parametrize("name", [p for p in PAGES if _lang(p) == "zh" and "source" not in p])
def test_a_chinese_page_without_scripts_shows_no_english(rendered, browser, name):
    context = browser.new_context(
        offline=True, java_script_enabled=False, viewport={"width": WIDTH, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto((rendered / name).as_uri(), wait_until="load")
        text = page.evaluate("() => document.body.innerText")
        titles = page.evaluate("() => [...document.querySelectorAll('[title]')].map(e => e.title)")
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'.-]{3,}", text + " " + " ".join(titles))]
        english = sorted({w for w in words if not LATIN_IN_CHINESE.match(w)})
        assert not [w for w in english if w.lower() in ENGLISH_TABLE_WORDS], (name, english[:20])
        assert "Loading ITables" not in text and "JavaScript" not in " ".join(titles), name
    finally:
        context.close()


#: Words of itables' and DataTables' own English messages (what a Chinese page must not show).
ENGLISH_TABLE_WORDS = {
    "loading",
    "itables",
    "javascript",
    "trust",
    "notebook",
    "interactive",
    "tables",
    "help",
}
