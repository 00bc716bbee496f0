"""`policy-review import` of saved web pages: the three real pages of pingtan.gov.cn, and pages
made to hold what other sites do (a metadata block with varying labels, other encodings,
scripts, styles and javascript: links)."""

from __future__ import annotations

import datetime as dt

import pytest

from policy_review.core.errors import BadInput
from policy_review.sources.importers import importer_for, metadata, read_file
from policy_review.tables import importing
from tests.import_files import PAGES, crawl_text, squeezed

#: The page furniture the crawl's text holds and the importer leaves out (the crawl's own
#: one-line text of each page: title, time and share links at the top, source and attachment at the end).
CRAWL_FURNITURE = {
    "jingfaju": [
        " 时间：2023-03-30 16:56 微信 微博 QQ空间 ",
        " 来源：平潭综合实验区经济发展局 附件下载 2022年法治建设情况报告.pdf",
    ],
    "junshan": [" 时间：2021-05-17 11:03 微信 微博 QQ空间", " 来源：平潭综合实验区君山片区管理局 附件下载"],
    "suping": [
        "关于印发《2020年苏平片区普法依法治理工作要点》的通知 关于印发《2020年苏平片区普法依法治理 "
        "工作要点》的通知 时间：2020-06-17 17:09 微信 微博 QQ空间 ",
        " 来源：平潭综合实验区苏平片区管理局 附件下载",
    ],
}

#: What a reader checks on each page: its title, source, time, address (and the signature's date).
EXPECTED = {
    "jingfaju": {
        "title": "平潭综合实验区经济发展局2022年法治建设情况报告",
        "publisher": "平潭综合实验区经济发展局",
        "published": dt.date(2023, 3, 30),
        "written": dt.date(2023, 3, 29),
        "address": "https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202303/t20230330_45245.htm",
        "site": "平潭综合实验区党工委管委会",
        "column": "部门文件",
    },
    "junshan": {
        "title": "平潭综合实验区君山片区管理局关于印发《2021年君山片区普法依法治理工作要点》的通知",
        "publisher": "平潭综合实验区君山片区管理局",
        "published": dt.date(2021, 5, 17),
        "written": dt.date(2021, 5, 16),
        "address": "https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202105/t20210517_26782.htm",
        "site": "平潭综合实验区党工委管委会",
        "column": "部门文件",
    },
    "suping": {
        "title": "关于印发《2020年苏平片区普法依法治理工作要点》的通知",
        "publisher": "平潭综合实验区苏平片区管理局",
        "published": dt.date(2020, 6, 17),
        "written": dt.date(2020, 6, 16),
        "address": "https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202006/t20200617_21587.htm",
        "site": "平潭综合实验区党工委管委会",
        "column": "部门文件",
        "keywords": "通知",
    },
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_real_page_gives_its_whole_text_without_the_furniture(name):
    imported, data = read_file(PAGES[name])
    assert imported.format == "html" and data == PAGES[name].read_bytes()
    crawl = crawl_text(name)
    for furniture in CRAWL_FURNITURE[name]:
        assert furniture in crawl
        crawl = crawl.replace(furniture, " ")
    # the same characters, in the same order, as the crawl's text less the page's furniture
    assert squeezed(imported.text) == squeezed(crawl)
    lines = imported.text.split("\n")
    assert all(line == line.strip() and line for line in lines)  # a paragraph a line, no blank line
    assert "扫一扫" not in imported.text and "QQ空间" not in imported.text


def test_each_paragraph_is_one_line():
    text = read_file(PAGES["jingfaju"])[0].text.split("\n")
    assert text[0] == "平潭综合实验区经济发展局2022年法治建设情况报告"  # the title the page shows heads it
    assert text[1].startswith("2022年，区经济发展局在区党工委、管委会的正确领导下")
    assert text[1].endswith("提供了有力的法治保障。")
    assert text[2] == "一、加强党的领导，坚定法治建设方向"
    assert text[-2:] == ["平潭综合实验区经济发展局", "2023年3月29日"]  # the signature
    assert "\u3001" in text[2] and "\uff0c" in text[2]  # 、 and ， as published, not folded to ASCII


def test_ten_thousand_no_break_spaces_become_one_space():
    page = PAGES["suping"].read_bytes()
    assert page.count(b"&nbsp;") > 9_000
    text = read_file(PAGES["suping"])[0].text
    assert "\u00a0" not in text and "  " not in text
    assert max(len(line) for line in text.split("\n")) < 2_000
    assert "现将《2020年苏平片区普法依法治理工作要点》印发给你们，请结合实际认真贯彻落实。" in text.split(
        "\n"
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_real_page_gives_every_field_a_reader_can_check(name):
    imported = read_file(PAGES[name])[0]
    assert imported.fields == EXPECTED[name]
    where = imported.read_from
    assert where["title"] == "meta ArticleTitle" and where["address"] == "meta Url"
    assert where["site"] == "meta SiteName" and where["column"] == "meta ColumnName"
    assert where["publisher"] == "page block 来源"  # the visible 来源：, the same as meta ContentSource
    assert where["published"].startswith("page block 时间 (")
    assert "the date it was signed (" in where["written"]


@pytest.mark.parametrize(
    ("name", "kind", "region", "year"),
    [
        ("jingfaju", "report", "pingtan-jingfaju", 2022),
        ("junshan", "plan", "pingtan-junshan", 2021),
        ("suping", "plan", "pingtan-suping", 2020),
    ],
)
def test_importing_a_page_writes_text_provenance_and_original(project_copy, name, kind, region, year):
    region += "-again"  # the shipped import of the page is there already
    outcome = importing.import_file(PAGES[name], region=region)
    assert (outcome.status, outcome.kind, outcome.year) == (
        "imported",
        kind,
        year,
    )  # kind and year from the title
    folder = "reports" if kind == "report" else "plans"
    text = project_copy / "data" / folder / region / f"{year}.txt"
    assert text.read_text(encoding="utf-8") == read_file(PAGES[name])[0].text
    original = project_copy / "data" / "sources" / region / f"{year}-{kind}.html"
    assert original.read_bytes() == PAGES[name].read_bytes()
    from policy_review.sources import provenance

    model = provenance.ReportProvenance if kind == "report" else provenance.PlanProvenance
    fields = provenance.read(text.with_suffix(".yaml"), model)
    for field, value in EXPECTED[name].items():
        assert fields[field] == value, field
    assert fields["original"]["sha256"] == provenance.sha256_of(PAGES[name].read_bytes())
    assert fields["original"] == {
        "file": original.name,
        "sha256": fields["original"]["sha256"],
        "format": "html",
    }
    assert fields["read_from"]["region"] == "option --region"
    assert fields["read_from"][f"{kind}_year"] == f"the title ({year}年)"
    assert fields["region_name_zh"] == "unknown" and fields["read_from"]["region_name_zh"] == "unknown"
    assert fields["coverage"] == "full"
    number = "index_number" if kind == "report" else "document_number"
    assert fields[number] is None and fields["read_from"][number] == "unknown"


# --- pages made to hold what other sites do ----------------------------------------------------

BLOCK_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>测试区2021年法治政府建设情况的报告_测试区人民政府</title>
<style>body {{ color: red }} .x::after {{ content: "样式里的字" }}</style>
<script>document.write("脚本里的字"); var a = "alert";</script>
</head><body>
<div class="nav"><a href="javascript:alert(1)">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table class="meta">
<tr><td>索 引 号：</td><td>11500234008646033P/2022-00001</td><td>主題分類：</td><td>其他</td></tr>
<tr><td>發文字號：</td><td>测政办〔2022〕3号</td><td>发文机关：</td><td>测试区人民政府办公室</td></tr>
<tr><td>发文日期：</td><td>2022年3月1日</td><td>发布日期：</td><td>2022-03-05</td></tr>
</table>
<div class="article"><h1>测试区人民政府关于2021年度法治政府建设情况的报告</h1>
{body}
<p><a href="javascript:void(0)" onclick="alert('x')">打印本页</a></p>
<noscript>请开启脚本</noscript>
</div></body></html>"""
BODY = "".join(
    f"<p>　　{text}</p>"
    for text in (
        "2021年，测试区认真贯彻落实法治政府建设各项部署，现将有关情况报告如下：",
        "一、主要工作和成效",
        "（一）深化“放管服”改革。全年共清理证明事项67项，取消7项，按期办结率100%。",
        "（二）严格规范公正文明执法。开展行政执法案卷评查，共评查案卷120卷。",
        "二、存在的不足",
        "执法人员培训仍需加强，行政复议应诉能力有待提升。",
    )
)


def _block_page(tmp_path, encoding: str = "gb18030", body: str = BODY):
    page = BLOCK_PAGE.format(body=body)
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode(encoding))
    return path, page


def test_the_metadata_block_is_read_whatever_its_labels(tmp_path):
    path, page = _block_page(tmp_path)
    assert "\uff1a" in page and "索 引 号" in page  # full-width colons, spaces inside a label
    assert "\u767c\u6587\u5b57\u865f" in page and "\u4e3b\u984c\u5206\u985e" in page  # 發文字號, 主題分類
    imported = read_file(path)[0]
    assert imported.fields == {
        "index_number": "11500234008646033P/2022-00001",
        "topic": "其他",
        "document_number": "测政办〔2022〕3号",
        "publisher": "测试区人民政府办公室",
        "written": dt.date(2022, 3, 1),
        "published": dt.date(2022, 3, 5),
        "title": "测试区2021年法治政府建设情况的报告_测试区人民政府",
    }
    assert imported.read_from["index_number"] == "page block 索引号"
    assert imported.read_from["document_number"] == "page block 發文字號"
    assert imported.read_from["publisher"] == "page block 发文机关"
    assert imported.read_from["written"] == "page block 发文日期 (2022年3月1日)"
    assert imported.read_from["title"] == "the page <title>"


def test_scripts_styles_and_links_never_reach_the_text(tmp_path):
    path, page = _block_page(tmp_path)
    assert "<script>" in page and "<style>" in page and "javascript:" in page
    text = read_file(path)[0].text
    for trace in (
        "alert",
        "javascript",
        "脚本里的字",
        "样式里的字",
        "color",
        "请开启脚本",
        "打印本页",
        "首页",
    ):
        assert trace not in text, trace
    lines = text.split("\n")
    assert lines[0] == "测试区2021年法治政府建设情况的报告_测试区人民政府"  # no body title found: the <title>
    assert "2021年，测试区认真贯彻落实法治政府建设各项部署，现将有关情况报告如下：" in lines
    assert "（一）深化“放管服”改革。全年共清理证明事项67项，取消7项，按期办结率100%。" in lines
    assert "索 引 号：\t11500234008646033P/2022-00001\t主題分類：\t其他" in lines  # the block, a row a line


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "big5"])
def test_a_page_is_read_in_the_encoding_it_declares(tmp_path, encoding):
    body = "<p>　　二〇二一年，測試區依法行政，共辦理案件120件。</p>" if encoding == "big5" else BODY
    page = BLOCK_PAGE.format(body=body).replace("charset=gb2312", f"charset={encoding}")
    if encoding == "big5":
        page = page.replace("测", "測").replace("试", "試").replace("关", "關").replace("况", "況")
        page = page.replace("报", "報").replace("区", "區").replace("设", "設").replace("务", "務")
        page = "".join(ch for ch in page if _encodes(ch, "big5"))
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    imported = read_file(path)[0]
    expected = "測試區依法行政" if encoding == "big5" else "全年共清理证明事项67项"
    assert expected in imported.text


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_a_real_page_saved_as_gb18030_reads_the_same(tmp_path):
    page = PAGES["junshan"].read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    path = tmp_path / "junshan.html"
    path.write_bytes(page.encode("gb18030"))
    assert read_file(path)[0].text == read_file(PAGES["junshan"])[0].text


def test_the_format_is_told_by_the_first_bytes_not_the_name(tmp_path):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(PAGES["jingfaju"].read_bytes())
    assert read_file(renamed)[0].format == "html"
    assert importer_for(b"\xef\xbb\xbf  <!DOCTYPE html><html>", renamed).format == "html"
    assert importer_for("关于<html>的报告".encode(), renamed).format == "page_text"


def test_a_page_nested_too_deep_is_refused(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 300 + "深" + "</div>" * 300 + "</body></html>", encoding="utf-8"
    )
    with pytest.raises(BadInput) as error:
        read_file(path)
    assert "nests its elements over 200 deep" in str(error.value)


def test_a_page_without_body_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>空</title></head><body><script>x()</script></body></html>", "utf-8")
    with pytest.raises(BadInput) as error:
        read_file(path)
    assert "no body text found on the page" in str(error.value)


def test_the_labels_are_reference_data(project_copy):
    """A site's new label is a row of metadata_labels.csv, not code."""
    file = project_copy / "data" / "reference" / "metadata_labels.csv"
    assert "index_number,block,索引号," in file.read_text(encoding="utf-8")
    assert metadata.block_pairs("档案编号：A-1") == []
    with file.open("a", encoding="utf-8") as out:
        out.write("index_number,block,档案编号,a site's own label\n")
    assert metadata.block_pairs("档案编号：A-1") == [("档案编号", "A-1")]
    assert metadata.block_pairs("【 档 案 编 号 】A-1 [ 有效性 ]") == [("档案编号", "A-1"), ("有效性", "")]


@pytest.mark.parametrize(
    "line",
    [
        "\u7d22\u5f15\u53f7\uff1a A-1",  # 索引号：(full-width colon U+FF1A)
        "\u7d22\u3000\u5f15\u3000\u53f7: A-1",  # 索　引　号 (U+3000 between the characters)
        "\u3010\u7d22\u5f15\u53f7\u3011A-1",  # 【索引号】 (U+3010, U+3011)
        "\uff3b \u7d22\u5f15\u53f7 \uff3dA-1",  # ［ 索引号 ］ (U+FF3B, U+FF3D)
        "\u00a0\u7d22\u00a0\u5f15\u00a0\u53f7\u00a0\uff1a\u00a0A-1",  # no-break spaces (U+00A0)
        "\u7d22\u5f15\u865f\t A-1",  # 索引號 (traditional), then a table cell
    ],
)
def test_a_label_in_any_of_its_forms(line):
    assert any(ch in line for ch in "\uff1a\u3000\u3010\uff3b\u00a0\u865f")  # the form is really there
    assert metadata.block_pairs(line)[0][1] == "A-1"


def test_a_label_inside_a_sentence_is_no_block():
    assert metadata.block_pairs("\u672c\u5e02\u7684\u7d22\u5f15\u53f7\uff1aA-1") == []  # 本市的索引号：
    assert metadata.parse_date("\uff12\uff10\uff12\uff13\u5e74\uff13\u6708\uff12\uff19\u65e5") == dt.date(
        2023, 3, 29
    )
