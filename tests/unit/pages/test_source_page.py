"""The report text as a page of its own: every quoted span anchored by its offsets (Kaizhou reports)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from policy_review.pages import source_page as sp
from policy_review.review import year_review as rv


class Marks(HTMLParser):
    """The page's text (tags stripped) and the text inside each ``<mark id=...>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text_parts: list[str] = []
        self.in_text = 0
        self.open: list[tuple[str | None, int]] = []  # (id, where its text starts)
        self.marks: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("class") == "pr-text":
            self.in_text = 1
        elif self.in_text and tag == "mark":
            self.open.append((a.get("id"), len("".join(self.text_parts))))

    def handle_endtag(self, tag):
        if self.in_text and tag == "mark":
            mark_id, at = self.open.pop()
            self.marks[mark_id] = "".join(self.text_parts)[at:]
        elif self.in_text and tag == "div":
            self.in_text = 0

    def handle_data(self, data):
        if self.in_text:
            self.text_parts.append(data)


@pytest.mark.parametrize("year", [2018, 2019, 2020])
def test_every_quoted_span_is_anchored_by_its_offsets(year):
    r = rv.load_review("kaizhou", year)
    page = sp.source_html(r)
    parsed = Marks()
    parsed.feed(page)
    assert "".join(parsed.text_parts) == r.text  # the report whole, nothing added or lost
    found = sp.spans(r)
    assert len(parsed.marks) == len(found) > 0
    for span in found:  # (no crossing spans in the curated tables: every mark holds its whole span)
        assert parsed.marks[sp.anchor(span.start, span.end)] == r.text[span.start : span.end]
    # every figure of this report has its span, and its text is the figure as written
    for _, f in r.figures.iterrows():
        assert parsed.marks[sp.anchor(f["start"], f["end"])] == f["raw"]


def test_the_2016_baseline_is_a_span_of_its_own():
    r = rv.load_review("kaizhou", 2018, "zh")
    fig = r.figures.set_index("raw").loc["19.55%"]
    target = sp.href(r, fig["start"], fig["end"])
    assert target == f"2018.zh.source.html#s{int(fig['start'])}-{int(fig['end'])}"
    link = sp.link(r, fig["start"], fig["end"], "19.55%")
    assert link.startswith('<a class="pr-src" href="2018.zh.source.html#')
    assert sp.link(r, None, None, "<b>") == html.escape("<b>")  # no offsets: text only, escaped


def test_crossing_spans_stay_well_formed():
    r = rv.load_review("kaizhou", 2018)
    text = "一二三四五六七八"
    crossing = [sp.Span(0, 4, ("evidence",), ("a",)), sp.Span(2, 6, ("issues",), ("b",))]
    out = sp.marked_text(text, crossing, r.lang)
    parsed = Marks()
    parsed.feed(f'<div class="pr-text">{out}</div>')
    assert "".join(parsed.text_parts) == text
    assert parsed.marks["s0-4"] == "一二三四" and parsed.marks["s2-6"] == "三四"  # cut where the first ends
