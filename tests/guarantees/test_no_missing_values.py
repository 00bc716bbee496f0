"""No ``None``, ``nan``, ``NaT`` or ``<NA>`` reaches a page, in English or Chinese (issue 11 item 11).

Every shipped region-year's review, and every region's trends, is rendered in the language its
params file does not ask for, by running the notebooks' own cells in an IPython shell (what a
kernel does, without starting one); the pages in the params' own language are read from the run
that ``tests/end_to_end/test_run_end_to_end.py`` makes (every page it writes, the source pages included). The
visible text (text, reader-facing attributes, the data the interactive tables draw, the charts'
alt text) is searched for those words.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest
import yaml

from policy_review.core import paths

pytestmark = pytest.mark.slow

#: A missing value printed as a word (Latin letters may not touch it: "None发布" is caught).
MISSING = re.compile(r"(?<![A-Za-z])(None|nan|NaN|NaT|<NA>)(?![A-Za-z])")
#: The rows an interactive table (itables) draws, as a JSON string in its script.
ITABLES_DATA = re.compile(r'"data_json":\s*("(?:[^"\\]|\\.)*")')


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.words += [v for k, v in attrs if k in ("title", "alt", "aria-label") and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def visible_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    drawn = []
    for data in ITABLES_DATA.findall(fragment):
        for row in json.loads(json.loads(data)):  # a cell is its text, or [text shown, sort key]
            drawn += [str(cell[0] if isinstance(cell, list) else cell) for cell in row]
    return " ".join(parser.words + drawn)


def shipped_runs() -> list[tuple[str, int, str]]:
    """Every params file's region and year, with the language its pages are NOT written in."""
    runs = []
    for params in sorted((paths.root() / "params").glob("*.yaml")):
        region, _, year = params.stem.rpartition("-")
        lang = yaml.safe_load(params.read_text(encoding="utf-8")).get("lang", "en")
        runs.append((region, int(year), "en" if lang == "zh" else "zh"))
    return runs


def run_cells(notebook: str, parameters: dict) -> list[str]:
    """What each page cell of ``notebook`` shows, with ``parameters``, as visible text."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    nb = nbformat.read(paths.root() / "notebooks" / notebook, as_version=4)
    shown = []
    ns: dict = {}
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "code" or "notebook-only" in tags:
            continue
        given = "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        source = f"{cell.source}\n{given}" if "parameters" in tags else cell.source  # as papermill injects
        with capture_output() as cap:
            exec(compile(source, notebook, "exec"), ns)  # noqa: S102  (the project's own notebook)
        for out in cap.outputs:
            if "text/html" in out.data:
                shown.append(visible_text(out.data["text/html"]))
            elif "text/plain" in out.data:
                shown.append(out.data["text/plain"])
        alt = [getattr(o, "pr_alt_text", "") for o in ns.values() if hasattr(o, "pr_alt_text")]
        shown += alt
        shown.append(cap.stdout)
    shell.clear_instance()
    return shown


def missing_words(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for m in MISSING.finditer(text):
            found.append(text[max(0, m.start() - 40) : m.end() + 20].replace("\n", " "))
    return found


@pytest.mark.parametrize(("region", "year", "lang"), shipped_runs())
def test_no_missing_value_on_a_year_page(region, year, lang):
    found = missing_words(run_cells("year_review.ipynb", {"region": region, "year": year, "lang": lang}))
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("region", "lang"), sorted({(r, lang) for r, _, lang in shipped_runs()}))
def test_no_missing_value_on_a_trends_page(region, lang):
    found = missing_words(run_cells("trends.ipynb", {"region": region, "lang": lang}))
    assert not found, "\n".join(found)


def test_the_check_sees_a_missing_value():
    """Negative control: the words are found in text, in attributes and in an interactive table."""
    assert missing_words([visible_text("<p>来源:报告(区政府,None发布)</p>")])
    assert missing_words([visible_text('<img alt="rate nan%">')])
    drawn = '<script>let dt_args = {"data_json": "[[\\"a\\", [\\"NaN\\", \\"___NaN___\\"]]]"};</script>'
    assert missing_words([visible_text(drawn)]) == ["a NaN"]  # the text shown, not the sort key
    assert not missing_words([visible_text("<p>Nonetheless, nanotech and Nancy</p>")])


def test_an_interactive_table_draws_blank_where_nothing_is_known():
    """Kaizhou's rates have years without an on-time rate: the interactive table draws a blank
    there (itables draws NaN), as the static tables do."""
    from policy_review.pages import parts
    from policy_review.review import trends as tt

    rates = tt.rates(tt.load_trends("kaizhou", "en"))
    assert rates["on_time_rate"].isna().any()
    assert not missing_words([visible_text(parts.interactive(rates).data)])
