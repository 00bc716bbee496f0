"""The heading tree on texts as published: full-width markers, one-line crawls (headings inside a
line where their numbering runs on), slips of the original's numbering, and the whole texts'
hand-labelled headings (``tests/truth/``)."""

from __future__ import annotations

import csv

from policy_review.core import paths
from policy_review.draft.sections import content_start, find_sections, plan_chapters, problem_chapters
from policy_review.sources.reading import read, view
from policy_review.sources.report_text import read_report_text
from tests.conftest import ROOT

WHOLE = ROOT / "tests" / "data" / "whole"
TRUTH = ROOT / "tests" / "truth"


def _sections(text: str) -> list[dict]:
    return find_sections(read(text))


def _paths(text: str) -> list[str]:
    return [s["path"] for s in _sections(text)]


def _whole(name: str) -> str:
    return (WHOLE / f"{name}.txt").read_text(encoding="utf-8")


def test_full_width_markers_are_headings():
    text = (
        "\u3000\u3000一、主要工作\n"
        "\u3000\u3000（一）加强领导。１．建立制度；２．落实责任。\n"
        "\u3000\u3000（二）强化保障，一是经费；二是人员。\n"
        "\u3000\u3000二、存在的问题和不足\n"
    )
    assert "\uff08" in text and "\uff11" in text and "\uff1b" in text and "\u3000" in text
    assert _paths(text) == [
        "一",
        "一/(一)",
        "一/(一)/1",
        "一/(一)/2",
        "一/(二)",
        "一/(二)/一是",
        "一/(二)/二是",
        "二",
    ]
    sections = _sections(text)
    assert text[sections[1]["start"] : sections[1]["start"] + 3] == "（一）"
    assert [s["path"] for s in problem_chapters(sections)] == ["二"]


def test_headings_inside_one_line_where_their_numbering_runs_on():
    text = (
        "总体情况如下。一、主要工作（一）加强领导，成立领导小组。（二）强化保障。"
        "二、问题与不足：一是经费不足；二是人员不够。"
    )
    assert "\uff08" in text
    assert _paths(text) == ["一", "一/(一)", "一/(二)", "二", "二/一是", "二/二是"]
    titles = {s["path"]: s["title"] for s in _sections(text)}
    assert titles["一"] == "主要工作"
    assert titles["一/(一)"] == "加强领导"


def test_a_reference_or_a_quotation_is_no_heading():
    text = "一、工作\n依照第（一）项规定办理。“（二）”为引用。《条例（三）》已废止。\n"
    assert _paths(text) == ["一"]


def test_a_heading_on_its_own_line_keeps_its_whole_line_as_title():
    sections = _sections(_whole("longhua-2019-report"))
    titles = {s["path"]: s["title"] for s in sections}  # titles of the analysis view
    assert titles["一"] == view("积极统筹部署和指导监督，高效推进法治政府建设")
    assert titles["八"] == "2020年法治政府建设工作计划"
    assert titles["三/(一)"] == "加强规范性文件管理"
    assert [s["path"] for s in plan_chapters(sections, 2019)] == ["八"]
    assert plan_chapters(sections, 2017) == []  # 2020's plan is no plan for the year after 2017


def test_a_crawl_onto_one_line_reads_like_the_page_a_line_per_paragraph():
    crawl = _whole("pingtan-jingfaju-2022-report")
    shipped = read_report_text(paths.report_text_path("pingtan-jingfaju", 2022))
    assert "\n" not in crawl and "\uff08" in crawl
    one_line = [(s["path"], view(s["title"])) for s in _sections(crawl)]
    lines = [(s["path"], view(s["title"])) for s in _sections(shipped)]
    assert one_line == lines
    assert [p for p, _ in one_line if "/" not in p] == ["一", "二", "三", "四", "五"]
    # chapter 三 prints （一） twice: both are headings, as on the page
    assert [p for p, _ in one_line if p.startswith("三/")] == ["三/(一)", "三/(一)", "三/(三)"]


def test_the_last_section_stops_before_a_closing_plan_paragraph():
    text = _whole("pingtan-jingfaju-2022-report")
    last = _sections(text)[-1]
    assert last["path"] == "五/(三)"
    assert text[: last["end"]].endswith("深入有序健康发展。")


def test_whole_plans_headings_are_those_a_reader_finds():
    with open(TRUTH / "plan_tasks.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for name in ("pingtan-junshan-2021-plan", "pingtan-suping-2020-plan"):
        reading = read(_whole(name))
        found = {content_start(s, reading.text) for s in find_sections(reading)}
        truth = {int(row["start"]) for row in rows if row["text"] == name}
        assert found == truth, name


def test_suping_numbers_its_items_straight_through_the_chapters():
    paths_ = _paths(_whole("pingtan-suping-2020-plan"))
    assert "二/(四)" in paths_ and "六/(二十一)" in paths_
    assert len([p for p in paths_ if "/" not in p]) == 6 and len(paths_) == 27
