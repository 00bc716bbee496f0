"""A web page as saved ("Save page as", or as a crawl stored it): its body text, one paragraph
per line, and the provenance its ``<meta>`` tags and visible metadata block state.

The page is decoded in the encoding it declares (``<meta charset>`` or ``http-equiv``: GB2312
and GBK are read as their superset GB18030; UTF-8, Big5, ...), else as the package's sniffer
finds it (UTF-8 or GB18030). lxml parses it once: its nesting is checked (at most
``MAX_XML_DEPTH``: libxml2 cuts deeper trees short without a word), its ``<meta>`` tags
(``ArticleTitle``, ``PubDate``, ``ContentSource``, ``SiteName``, ``ColumnName``, ``Keywords``,
``Url``, … as ``metadata_labels.csv`` lists them) and the visible block (``索 引 号：…``,
``[ 发布机构 ]…``, ``来源：…``) are read. trafilatura finds the body text on a copy of the tree:
scripts, styles, forms and links' targets never reach it, nor the page's navigation, comments
and footer. Each paragraph is one line (trafilatura trims its start), its runs of spaces (the
no-break spaces Word pages are full of) one space; a table row is a line, its cells separated
by tabs. The page's furniture left at the start or end (扫一扫在手机上查看当前页面, 打印, 关闭,
分享到) is dropped, and the title the page shows above the text heads it when the body does not
start with it.
"""

from __future__ import annotations

import codecs
import copy
import re
from pathlib import Path

import lxml.etree
import lxml.html

from policy_review.core import decoding

from .base import MAX_XML_DEPTH, Imported, Importer, refused, register
from .metadata import Fields, meta_labels, read_block, read_document_lines

#: <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
_DECLARED = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
}
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|meta|body|title)[\s>/]", re.I)

#: Elements whose text a reader never sees.
_HIDDEN = {"script", "style", "noscript", "template", "head", "iframe", "svg", "select", "object", "button"}
#: Elements that begin a line of their own.
_LINE_TAGS = {
    "p", "div", "br", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "header", "footer", "nav", "aside", "main", "form", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "blockquote", "center", "hr",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}

#: Runs of spaces within a line (not U+3000, the published indentation).
_SPACES = re.compile("[ \\t\\u00a0\\u2002\\u2003\\u200b]+")
_EDGE = " \t\u00a0\u2002\u2003\u200b"
#: A page's furniture: 扫一扫…, 打印(本页), 关闭(窗口/本页), 分享到…, 微信, 微博, QQ空间, 字体/字号：….
_FURNITURE = re.compile(
    "^(?:\\u626b\\u4e00\\u626b.*|\\u6253\\u5370(?:\\u672c\\u9875)?|\\u5173\\u95ed(?:\\u7a97\\u53e3|\\u672c\\u9875)?"
    "|\\u5206\\u4eab\\u5230.*|\\u5fae\\u4fe1|\\u5fae\\u535a|QQ\\u7a7a\\u95f4|\\u5b57(?:\\u4f53|\\u53f7)[:\\uff1a].*)$"
)
_BRACKETS = "[]\u3010\u3011 \u3000"
#: A table row as trafilatura writes it: | cell | cell |.
_TABLE_ROW = re.compile("^\\|(.*)\\|$")
#: How far into the body the page's title is looked for before it is put at the head.
TITLE_WINDOW = 400


@register
class WebPageImporter(Importer):
    format = "html"
    extension = "html"
    order = 40

    def sniff(self, head: bytes) -> bool:
        start = head.removeprefix(decoding.UTF8_BOM).lstrip()
        return start.startswith(b"<") and _HTML_START.search(start) is not None

    def parse(self, data: bytes, path: Path) -> Imported:
        page = decode_page(data, path)
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        try:
            root = lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
        except (lxml.etree.ParserError, ValueError) as error:
            raise refused(path, f"the page cannot be read as HTML ({error})") from None
        check_depth(root, path)
        fields = Fields()
        read_meta(root, fields)
        lines = visible_lines(root)
        read_block(lines, fields, "page block")
        text = body_text(root, path)
        read_document_lines(text.split("\n"), fields)
        title = fields.values.get("title")
        if isinstance(title, str) and not _starts_with(text, title):
            text = f"{title}\n{text}"
        return Imported(text, fields.values, fields.read_from, self.format, self.extension)


def decode_page(data: bytes, path: Path) -> str:
    """The page's text in the encoding it declares, else as the sniffer finds it."""
    if data.startswith(decoding.UTF8_BOM):
        return _decoded(data[len(decoding.UTF8_BOM) :], "utf-8", path)
    declared = _DECLARED.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(_SUPERSETS.get(name, name)).name
        except LookupError:
            encoding = None
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass  # the declaration is wrong: the sniffer decides
    try:
        return decoding.sniff(data).text
    except decoding.Undecodable:
        raise refused(
            path, "the page is neither in the encoding it declares nor UTF-8 or GB18030; save it again"
        ) from None


def _decoded(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise refused(
            path, f"the page is not valid {encoding} (byte {error.start:,}); save it again"
        ) from None


def check_depth(root, path: Path) -> None:
    """Refuse a page nested deeper than ``MAX_XML_DEPTH`` (walked without recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise refused(path, f"the page nests its elements over {MAX_XML_DEPTH} deep; it is no saved page")
        stack.extend((child, depth + 1) for child in element)


def read_meta(root, fields: Fields) -> None:
    """The ``<meta name=… content=…>`` (or ``property=…``) tags the labels table names, then the
    page's ``<title>`` and canonical link as the last resort for the title and address."""
    names = meta_labels()
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip()
        if name.lower() in names and meta.get("content"):
            field, rank = names[name.lower()]
            fields.offer(field, meta.get("content"), f"meta {name}", (1, rank))
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        fields.offer("title", title.text_content(), "the page <title>", (6, 0))
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            fields.offer("address", link.get("href"), "the page canonical link", (2, 0))


def visible_lines(root) -> list[str]:
    """The text a reader sees, a line per block element, table cells separated by tabs (where a
    page's metadata block is read)."""
    parts: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag.lower() if isinstance(item.tag, str) else ""
        if item.tail:
            stack.append(item.tail)
        if tag in _HIDDEN or not tag:
            continue
        end = "\n" if tag in _LINE_TAGS else "\t" if tag in _CELL_TAGS else ""
        if end:
            stack.append(end)
        stack.extend(reversed(list(item)))
        if item.text:
            stack.append(item.text)
        if end:
            stack.append(end)
    return [line.strip(_EDGE) for line in "".join(parts).split("\n") if line.strip(_EDGE)]


def body_text(root, path: Path) -> str:
    """The page's body text by trafilatura, one paragraph per line, furniture at its ends left out."""
    import trafilatura  # deferred: a heavy import only `import` of a web page needs

    extracted = trafilatura.extract(
        copy.deepcopy(root),
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        favor_recall=True,
    )
    lines = [_cells(_SPACES.sub(" ", line).strip(_EDGE).rstrip()) for line in (extracted or "").split("\n")]
    lines = [line for line in lines if line]
    while lines and _FURNITURE.match(lines[-1].strip(_BRACKETS)):
        lines.pop()
    while lines and _FURNITURE.match(lines[0].strip(_BRACKETS)):
        lines.pop(0)
    if not lines:
        raise refused(path, "no body text found on the page; save the page with its text, or its text alone")
    return "\n".join(lines)


def _cells(line: str) -> str:
    """A table row's cells separated by tabs; any other line as it is."""
    row = _TABLE_ROW.match(line)
    return "\t".join(cell.strip() for cell in row.group(1).split(" | ")) if row else line


def _starts_with(text: str, title: str) -> bool:
    """Whether the title is among the body's first characters (spaces and line breaks aside)."""
    return _squeezed(title) in _squeezed(text[: TITLE_WINDOW + len(title) * 2])[: TITLE_WINDOW + len(title)]


def _squeezed(text: str) -> str:
    return re.sub("[\\s\\u3000\\u00a0]+", "", text)
