"""The reading layer: the analysis view (widths, spaces, script, invisible characters, layout),
its map back to the text of record, page furniture, and a document's title, addressee and
signature, on the whole published texts as stored and on Kaizhou's page copy."""

from __future__ import annotations

import csv

import pytest

from policy_review.core import paths
from policy_review.sources.marks import CLAUSE_STOPS, DOCUMENT_NUMBER, SENTENCE_STOPS
from policy_review.sources.reading import read, view
from policy_review.sources.report_text import read_report_text
from tests.conftest import ROOT

WHOLE = ROOT / "tests" / "data" / "whole"
TRUTH = ROOT / "tests" / "truth"


def _whole(name: str) -> str:
    return (WHOLE / f"{name}.txt").read_text(encoding="utf-8")


def _titles() -> dict[str, dict]:
    with open(TRUTH / "titles.csv", encoding="utf-8") as handle:
        return {row["text"]: row for row in csv.DictReader(handle)}


def _quotes(reading, kind: str) -> list[str]:
    return [reading.quote(p.start, p.end) for p in reading.parts_of(kind)]


# --- the view -------------------------------------------------------------------------------------


def test_full_width_forms_read_as_ascii_one_for_one():
    text = "（一）加强管理，共１２项；比上年增长５％：ｘ"
    assert "\uff08" in text and "\uff0c" in text and "\uff11" in text and "\uff05" in text
    reading = read(text)
    assert reading.text == "(一)加强管理,共12项;比上年增长5%:x"
    assert len(reading.text) == len(text)
    assert reading.quote(0, 3) == "（一）"


def test_spaces_and_traditional_characters():
    text = "\u3000\u3000機關法治建設\u00a0情況"
    assert "\u3000" in text and "\u00a0" in text
    assert view(text) == "  机关法治建设 情况"


def test_an_invisible_character_is_left_out_and_spans_map_back():
    text = "共审查1\u200b2项,其中\ufeff废止3件"
    reading = read(text)
    assert reading.text == "共审查12项,其中废止3件"
    start = reading.text.index("12项")
    assert reading.original_span(start, start + 3) == (3, 7)
    assert reading.quote(start, start + 3) == "1\u200b2项"
    three = reading.text.index("3件")
    assert reading.quote(three, three + 2) == "3件"
    assert reading.view_offset(text.index("3件")) == three


def test_an_indentation_inside_a_line_reads_as_a_line_break():
    text = "取得成效。\u3000\u3000（一）加强领导。 （二）强化保障。"
    assert "\u3000" in text and "\uff08" in text
    reading = read(text)
    assert reading.text == "取得成效。\n (一)加强领导。\n(二)强化保障。"


def test_stops_are_defined_once():
    assert set(SENTENCE_STOPS) == {"\u3002", ";", "!", "?", "\n"}
    assert set(CLAUSE_STOPS) == set(SENTENCE_STOPS) | {",", ":"}


@pytest.mark.parametrize(
    "written, number",
    [
        ("(开州委发〔2017〕5号)", "〔2017〕5号"),
        ("渝府发［2018］12号", "[2018]12号"),
        ("川府发【2019】3号", "【2019】3号"),
        ("开州府发〔201918号", "〔201918号"),
        ("市政府第290号令", "第290号令"),
    ],
)
def test_a_document_number_in_every_form(written, number):
    found = DOCUMENT_NUMBER.search(view(written))
    assert found and found.group() == view(number)


def test_a_year_is_no_document_number():
    assert DOCUMENT_NUMBER.search(view("2017年完成5项")) is None


# --- page furniture -------------------------------------------------------------------------------


def test_kaizhou_page_copy_keeps_its_portal_out_of_the_body():
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    reading = read(text)
    furniture = _quotes(reading, "furniture")
    assert furniture[0].startswith("您当前的位置")
    assert furniture[1].startswith("[ 索引号 ]")
    assert furniture[-1].startswith("扫一扫在手机打开当前页") and furniture[-1].endswith("新闻媒体网站")
    assert _quotes(reading, "title") == ["2018年我区法治政府建设情况汇报"]
    body = reading.quote(*reading.body)
    assert body.startswith("一、开展的主要工作及成效") and body.endswith("确保工作进度和质量。")
    assert "扫一扫" not in reading.text and "索引号" not in reading.text


def test_a_crawled_page_keeps_its_furniture_out_before_and_after_the_body():
    text = _whole("pingtan-jingfaju-2022-report")
    assert "\n" not in text and "\uff1a" in text
    reading = read(text)
    assert [f.strip() for f in _quotes(reading, "furniture")] == [
        "时间：2023-03-30 16:56 微信 微博 QQ空间",
        "来源：平潭综合实验区经济发展局 附件下载 2022年法治建设情况报告.pdf",
    ]
    assert _quotes(reading, "title") == ["平潭综合实验区经济发展局2022年法治建设情况报告"]
    assert _quotes(reading, "signature") == ["平潭综合实验区经济发展局"]
    assert _quotes(reading, "date") == ["2023年3月29日"]
    truth = _titles()["pingtan-jingfaju-2022-report"]
    assert reading.body == (int(truth["start"]), int(truth["end"]))
    assert "微博" not in reading.text and "附件下载" not in reading.text


def test_share_words_in_a_sentence_are_not_furniture():
    reading = read("通过微信公众号、微博等平台开展普法宣传,打印宣传册300份。")
    assert reading.parts_of("furniture") == []


def test_a_line_of_share_buttons_is_furniture():
    reading = read("标题\n微信 微博 QQ空间\n正文开始,内容。")
    assert _quotes(reading, "furniture") == ["微信 微博 QQ空间"]


# --- title, addressee, signature ----------------------------------------------------------------


def test_longhua_closing_signature_and_date_end_the_body():
    text = _whole("longhua-2019-report")
    assert "\u3000" in text and "\uff08" in text
    reading = read(text)
    assert _quotes(reading, "closing") == ["专此报告。"]
    assert _quotes(reading, "signature") == ["深圳市龙华区人民政府"]
    assert _quotes(reading, "date") == ["2019年12月18日"]
    assert _quotes(reading, "title") == []  # the stored copy has no title
    truth = _titles()["longhua-2019-report"]
    assert reading.body == (int(truth["start"]), int(truth["end"]))


def test_a_covering_notice_its_addressee_signature_and_the_plan_title_after_it():
    text = _whole("pingtan-junshan-2021-plan")
    reading = read(text)
    assert _quotes(reading, "addressee") == ["各处室（中心），东庠办事处，各相关单位，各行政村："]
    assert _quotes(reading, "signature") == ["平潭综合实验区君山片区管理局"]
    assert _quotes(reading, "date") == ["2021年5月16日"]
    titles = [(p.start, p.end) for p in reading.parts_of("title")]
    assert (177, 196) in titles  # the plan's own title, as the truth tables' README gives it
    assert text[177:196] == "2021年君山片区普法依法治理工作要点"


def test_a_title_printed_twice_and_the_plan_title_of_suping():
    text = _whole("pingtan-suping-2020-plan")
    reading = read(text)
    titles = [(p.start, p.end) for p in reading.parts_of("title")]
    assert titles[0][0] == 0 and (219, 238) in titles
    assert _quotes(reading, "addressee") == ["各处室、机关党委、办事处，局属单位："]


def test_a_title_over_two_lines_after_a_document_number():
    text = read_report_text(paths.report_text_path("daying", 2022))
    reading = read(text)
    assert _quotes(reading, "document_number") == ["大府〔2023〕16号 签发人:唐紫薇"]
    assert _quotes(reading, "title") == ["大英县人民政府\n关于2022年度法治政府建设情况的报告"]


def test_a_signature_without_a_date_at_the_end():
    reading = read("一、工作\n完成了工作。\n\n  示例区人民政府\n")
    assert _quotes(reading, "signature") == ["示例区人民政府"]
