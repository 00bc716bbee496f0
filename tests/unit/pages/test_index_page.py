"""The index page (``reports/index.html``) written from the runs' summaries: grouped by region with
the trends pages beside the years, numbers linked to the run's sections, every column explained,
in the runs' language; comparison pages listed when present; text from data escaped."""

from __future__ import annotations

import html as html_module
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from policy_review.pages import index_page
from policy_review.review import summary, year_review as rv

SCRIPT = "<script>alert(1)</script>"


def _run(out, region: str, year: int, lang: str, **changes) -> None:
    """A rendered run as the runner leaves it: the page and its summary (the real headline numbers)."""
    stem = str(year) if lang == "en" else f"{year}.{lang}"
    folder = out / region
    folder.mkdir(parents=True, exist_ok=True)
    h = summary.headline_of(rv.load_review(region, year, lang)) | changes
    (folder / f"{stem}.summary.json").write_text(json.dumps(h, ensure_ascii=False), encoding="utf-8")
    (folder / f"{stem}.html").write_text("<html></html>", encoding="utf-8")


class _Index(HTMLParser):
    """Sections (by id) with their links, rows (with lang) and the column explanations."""

    def __init__(self):
        super().__init__()
        self.lang, self.section, self.links, self.rows, self.terms = None, None, {}, [], []
        self._in_dt = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "section":
            self.section = attrs["id"]
        elif tag == "a":
            self.links.setdefault(self.section, []).append(attrs["href"])
        elif tag == "tr" and "lang" in attrs:
            self.rows.append(attrs["lang"])
        elif tag == "dt":
            self._in_dt = True

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None
        elif tag == "dt":
            self._in_dt = False

    def handle_data(self, data):
        if self._in_dt:
            self.terms.append(data)


def _index(out, outcomes=()) -> tuple[str, _Index]:
    html = index_page.write_index(out, list(outcomes)).read_text(encoding="utf-8")
    parser = _Index()
    parser.feed(html)
    return html, parser


def test_grouped_by_region_with_trends_beside_and_numbers_linked(tmp_path):
    for year in (2018, 2019):
        _run(tmp_path, "kaizhou", year, "en")
    _run(tmp_path, "example", 2021, "en")
    (tmp_path / "kaizhou" / "trends.html").write_text("<html></html>", encoding="utf-8")
    html, index = _index(tmp_path)
    assert index.lang == "en" and "<h1>Rule-of-law government report reviews</h1>" in html
    assert list(index.links) == ["region-example", "region-kaizhou"]
    kaizhou = index.links["region-kaizhou"]
    assert "kaizhou/trends.html" in kaizhou and "kaizhou/2018.html" in kaizhou
    assert not any(link.startswith("example/") for link in kaizhou)
    # Kaizhou 2019, as the report states it: 121 annual tasks announced, 51 assigned, 48 on time, 3 delayed
    row = next(r for r in html.split("<tr") if 'href="kaizhou/2019.html"' in r).split("</tr>")[0]
    for number in (121, 51, 48, 3):
        assert f'<a href="kaizhou/2019.html#sec-funnel">{number}</a>' in row
    assert '<a href="kaizhou/2019.html#sec-commitments">7 of 13</a>' in row  # last year's commitments shown
    assert '<a href="kaizhou/2019.html#sec-figures">' in row
    assert '<a href="kaizhou/2019.html#sec-problems">' in row
    # every number's link goes to a section of the year page (the ids the headings carry)
    sections = {m for m in re.findall(r'href="kaizhou/2019\.html#([^"]+)"', html)}
    assert sections <= set(index_page.SECTIONS.values())
    # every column is explained under the tables
    for column in (
        "Year",
        "Report",
        "Annual tasks",
        "Long-term tasks assigned",
        "Figures",
        "Problems admitted",
        "Last year's commitments shown",
    ):
        assert column in index.terms
    assert any(term.startswith("Evidence items") for term in index.terms)


def test_a_chinese_runs_row_is_chinese_and_an_all_chinese_index_too(tmp_path):
    _run(tmp_path, "kaizhou", 2019, "en")
    _run(tmp_path, "kaizhou", 2019, "zh")
    html, index = _index(tmp_path)
    assert index.lang == "en" and index.rows == ["en", "zh"]
    zh_row = next(r for r in html.split("<tr") if 'href="kaizhou/2019.zh.html"' in r).split("</tr>")[0]
    words = re.sub(r"<[^>]+>", " ", zh_row)  # what the row shows (its tags name the index's columns)
    assert "节选" in words and "已审核" in words and "13项中7项" in words and "中文" in words
    assert "excerpt" not in words and "curated" not in words
    (tmp_path / "kaizhou" / "2019.html").unlink()  # only the Chinese run is left
    html, index = _index(tmp_path)
    assert index.lang == "zh" and "<h1>法治政府建设年度报告审读</h1>" in html and "各列说明" in html
    assert "开州区" in html  # the region by its Chinese name
    assert not re.search(r">[^<]*\b(Report|Year|Figures|excerpt|curated)\b", html.split("<body>")[1])


def test_comparison_pages_are_listed_and_not_taken_for_a_region(tmp_path):
    _run(tmp_path, "kaizhou", 2019, "en")
    (tmp_path / "compare").mkdir()
    (tmp_path / "compare" / "2019.html").write_text("<html></html>", encoding="utf-8")
    html, index = _index(tmp_path)
    assert "region-compare" not in index.links
    assert '<a href="compare/2019.html" lang="en">2019</a>' in html and "Comparisons across regions" in html
    (tmp_path / "compare" / "2019.html").unlink()
    html, _ = _index(tmp_path)
    assert "Comparisons across regions" not in html


def test_text_from_data_is_escaped_and_failures_are_marked(tmp_path):
    _run(tmp_path, "kaizhou", 2019, "en", title=SCRIPT, region_name=SCRIPT)
    failed = SimpleNamespace(
        ok=False,
        region="kaizhou",
        stem="2019",
        failure_line=lambda: f"FAILED kaizhou 2019 in cell 3: {SCRIPT}",
    )
    html, _ = _index(tmp_path, [failed])
    assert "<script>" not in html and html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert "latest run failed; showing the last good report" in html


def test_no_runs_yet(tmp_path):
    html, index = _index(tmp_path)
    assert index.lang == "en" and "No runs yet." in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_column_heading_has_an_explanation(tmp_path, lang):
    """Each heading is a term of the list under the tables; a stage or level under a group
    heading is named in its group's explanation."""
    _run(tmp_path, "kaizhou", 2018, lang)
    html, index = _index(tmp_path)
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<thead>")[1].split("</thead>")[0], re.S)
    top, sub = ([html_module.unescape(h) for h in re.findall(r"<th[^>]*>([^<]+)</th>", r)] for r in rows)
    explanations = dict(zip(index.terms, map(html_module.unescape, re.findall(r"<dd>([^<]+)</dd>", html))))
    assert len(top) == 8 and len(sub) == 7
    for heading in top:
        assert any(term.startswith(heading) for term in explanations), heading
    annual = explanations[index_page.labels.t("ix_group_annual", lang)]
    evidence = next(
        v for k, v in explanations.items() if k.startswith(index_page.labels.t("ix_group_evidence", lang))
    )
    for heading in sub:
        assert heading in annual or heading in evidence, heading
