"""A Chinese run (``lang: zh``) is Chinese throughout: headings, notes, reasons, provenance labels,
table headers, the interactive tables' controls and the index (issue 12, item 6).

Kaizhou 2018 (full text), 2019 (excerpt) and the example 2021 (with its countdown ledger) are
rendered in Chinese only, with their trends pages and index. Every word a reader sees is read
from the pages (text and the title, alt and aria-label attributes; in a browser also what the
interactive tables draw) and any Latin word fails the test, except: words of the report texts
themselves (quotes keep the source's words), ids (``fig-2018-001``, ``t-2021-a001``, region ids),
units, file names, and the short allow-list below.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from policy_review.core import paths
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

RUNS = [("kaizhou", 2018), ("kaizhou", 2019), ("example", 2021)]
#: Latin words a Chinese page may show besides quotes, ids, units and file names.
ALLOW = {"PNG"}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./+-]*")
ID = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*-\d[A-Za-z0-9-]*|[a-z]\d+(-\d+)*")  # fig-2018-001, a001, s217-226
FILE = re.compile(r".*/.*|.*\.(csv|txt|yaml|xlsx|html)")
READER_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


#: nbconvert's alt text for an image that has none (charts get theirs from issue 12's chart work).
NBCONVERT_ALT = "No description has been provided for this image"


class _Visible(HTMLParser):
    """The text a reader sees, and the reader-facing attributes: scripts, styles and what shows
    only without scripts left out, and an interactive table's placeholder and no-script preview,
    which its script replaces (what it draws instead is read in the browser test below)."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._skip: list[str] = []  # the tags being skipped, innermost last

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._skip:
            if tag == self._skip[0]:
                self._skip.append(tag)
            return
        if tag in ("script", "style", "noscript") or (
            tag in ("table", "div") and attrs.get("id", "").startswith("itables_")
        ):
            self._skip.append(tag)
            return
        self.words += [v for k, v in attrs.items() if k in READER_ATTRIBUTES and v and v != NBCONVERT_ALT]

    def handle_endtag(self, tag):
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.words.append(data)


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin words of ``text`` that are neither quoted source words, ids, units, files nor allowed."""
    found = []
    for word in WORD.findall(re.sub(r"https?://\S+", " ", text)):  # addresses are ids too
        word = word.rstrip(".:/-")
        if word in allowed or ID.fullmatch(word) or FILE.fullmatch(word) or word.upper() in ALLOW:
            continue
        found.append(word)
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    params = tmp_path_factory.mktemp("params")
    files = []
    for region, year in RUNS:
        f = params / f"{region}-{year}-zh.yaml"
        f.write_text(f"region: {region}\nyear: {year}\nlang: zh\n", encoding="utf-8")
        files.append(str(f))
    out = tmp_path_factory.mktemp("reports")
    result = run_cli("run", *files, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    """Words of the report texts (what quotes may hold), the region ids and the figures' units."""
    words = {"kaizhou", "example"}
    for region in {r for r, _ in RUNS}:
        for text in paths.reports_dir(region).glob("*.txt"):
            words |= set(WORD.findall(text.read_text(encoding="utf-8")))
        figures = paths.curated_dir(region) / "figures.csv"
        if figures.exists():
            import pandas as pd

            words |= set(pd.read_csv(figures, dtype=str)["unit"].dropna())
    return words


def _pages(out):
    return sorted(out.glob("*/*.zh.html")) + [out / "index.html"]


def test_every_chinese_page_is_rendered(rendered):
    names = {p.relative_to(rendered).as_posix() for p in _pages(rendered)}
    assert names == {
        "kaizhou/2018.zh.html",
        "kaizhou/2019.zh.html",
        "kaizhou/trends.zh.html",
        "example/2021.zh.html",
        "example/trends.zh.html",
        "index.html",
    }


def test_no_latin_word_outside_quotes_ids_units_and_the_allow_list(rendered, allowed):
    leaks = {}
    for page in _pages(rendered):
        source = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="zh', source), f"{page.name}: not marked as Chinese"
        visible = _Visible()
        visible.feed(source)
        words = latin_words(" ".join(visible.words), allowed)
        if words:
            leaks[page.relative_to(rendered).as_posix()] = sorted(set(words))
    assert leaks == {}


def test_the_check_finds_english(allowed):
    """The check can fail: English words, a raw vocabulary value and a table control are caught;
    quotes' words, ids, units and files pass."""
    assert latin_words("Showing 1 to 10 of 104 entries", allowed) == ["Showing", "to", "of", "entries"]
    assert latin_words("状态:not_found", allowed) == ["not_found"]
    assert latin_words("fig-2018-001 t-2021-a001 data/curated/kaizhou/ledger.csv 45.88%", allowed) == []


CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed: apt-get install chromium")
def test_interactive_tables_controls_are_chinese(rendered, allowed):
    """What the browser draws: the tables' controls (entries per page, "Showing 1 to 10 of 104
    entries", search, paging) and every cell of the interactive tables."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        leaks = {}
        for name in ("kaizhou/2018.zh.html", "example/2021.zh.html"):
            page.goto((rendered / name).as_uri(), wait_until="load")
            page.wait_for_function(
                "document.querySelectorAll(\"table[id^='itables_']:not(.dataTable)\").length === 0"
            )
            drawn = page.evaluate(
                "[...document.querySelectorAll('.dt-container')].map(c => c.innerText).join(' ')"
            )
            assert "共" in drawn and "每页显示" in drawn and "搜索" in drawn, name
            words = latin_words(drawn, allowed)
            if words:
                leaks[name] = sorted(set(words))
        browser.close()
    assert leaks == {}
