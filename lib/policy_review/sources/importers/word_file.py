"""A Word file (.docx, also as WPS saves it), read with python-docx: paragraphs and tables in
reading order, Word's automatic numbering written out as the document shows it.

Before the file is opened, the zip archive is checked (members and their declared sizes: at most
``MAX_UNZIPPED_BYTES`` in all, no member compressed more than ``MAX_COMPRESSION_RATIO`` times:
a zip bomb is refused unopened), and so is the nesting of its XML parts (at most
``MAX_XML_DEPTH``). A table is a line per row, its cells separated by tabs. A paragraph numbered
by Word (``numbering.xml``: ``numFmt`` ``chineseCounting`` 一 … 十一, ``ideographDigital``
〇 一 二, ``decimal`` and the rest; ``lvlText`` such as ``%1、`` or ``（%1）``) gets its number as
text, counted per list (``numId``) and level (``ilvl``), a level restarting below a higher one;
bullets are left out. The number is followed by a space unless it ends in a full-width mark
(``一、``, ``（一）``). Fields: the document's title property where it holds Chinese, a metadata
block in the text, then the title line, document number and signature date (:mod:`.metadata`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import cn2an
import lxml.etree

from .base import (
    MAX_COMPRESSION_RATIO,
    MAX_UNZIPPED_BYTES,
    MAX_XML_DEPTH,
    MAX_ZIP_MEMBERS,
    Imported,
    Importer,
    refused,
    register,
)
from .metadata import Fields, read_block, read_document_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The parts read, whose nesting is checked first.
XML_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
#: Members smaller than this are not judged by their compression ratio (tiny parts compress well).
RATIO_FLOOR_BYTES = 1024 * 1024

_CJK = re.compile("[\\u4e00-\\u9fff]")
_DIGITS = "\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d"  # 〇一二三四五六七八九
_HEAVENLY_STEMS = "\u7532\u4e59\u4e19\u4e01\u620a\u5df1\u5e9a\u8f9b\u58ec\u7678"  # 甲乙丙丁戊己庚辛壬癸
_CIRCLED = "".join(chr(0x2460 + i) for i in range(20))  # ① … ⑳
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
#: The formats that count in Chinese numerals (一 … 十一 … 一百); LibreOffice writes
#: ``taiwaneseCountingThousand`` for Word's ``chineseCounting``.
_COUNTING = (
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
)
_FULL_WIDTH_END = re.compile("[\\u3000-\\u303f\\uff00-\\uffef]$")


@register
class WordImporter(Importer):
    format = "docx"
    extension = "docx"
    order = 20

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04")

    def parse(self, data: bytes, path: Path) -> Imported:
        check_archive(data, path)
        import docx  # deferred: python-docx is only needed to import a Word file

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as error:  # python-docx raises many kinds on a broken file
            raise refused(path, f"cannot be read as a Word file ({type(error).__name__}: {error})") from None
        text = "\n".join(line for line in document_lines(document) if line.strip())
        if not text.strip():
            raise refused(path, "the Word file holds no text")
        fields = Fields()
        title = document.core_properties.title
        if title and _CJK.search(title):
            fields.offer("title", title, "the Word file title property", (1, 0))
        lines = text.split("\n")
        read_block(lines, fields, "block", numbered=True)
        read_document_lines(lines, fields)
        return Imported(text, fields.values, fields.read_from, self.format, self.extension)


def check_archive(data: bytes, path: Path) -> None:
    """Refuse a zip that is no Word file, or whose content is too large, too compressed or nested
    too deep, before anything in it is decompressed for reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise refused(path, f"a damaged zip (Word) file ({error}); save it again") from None
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise refused(
            path, f"the Word file holds {len(members):,} parts, over the limit of {MAX_ZIP_MEMBERS:,}"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED_BYTES:
        raise refused(
            path, f"the Word file decompresses to {total:,} bytes, over the limit of {MAX_UNZIPPED_BYTES:,}"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise refused(
                path,
                f"the Word file's part {member.filename} is compressed {ratio:,.0f} times, over the "
                f"limit of {MAX_COMPRESSION_RATIO}: a zip bomb, not a document",
            )
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        raise refused(
            path, "a zip archive that is not a Word document (no word/document.xml); save it as .docx"
        )
    for name in XML_PARTS:
        if name in names:
            check_xml_depth(archive.read(name), name, path)


def check_xml_depth(xml: bytes, name: str, path: Path) -> None:
    """Refuse an XML part nested deeper than ``MAX_XML_DEPTH`` (read as a stream, stopped there)."""
    depth = 0
    try:
        for event, _ in lxml.etree.iterparse(
            io.BytesIO(xml), events=("start", "end"), resolve_entities=False, no_network=True
        ):
            depth += 1 if event == "start" else -1
            if depth > MAX_XML_DEPTH:
                raise refused(
                    path, f"the Word file's {name} nests over {MAX_XML_DEPTH} deep; it is no document"
                )
    except lxml.etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():  # libxml2's own limit, met within one chunk of events
            raise refused(
                path, f"the Word file's {name} nests over {MAX_XML_DEPTH} deep; it is no document"
            ) from None
        raise refused(
            path, f"the Word file's {name} is not well-formed XML ({error}); save it again"
        ) from None


def document_lines(document) -> list[str]:
    """The body's paragraphs (numbered as Word shows them) and table rows, in reading order."""
    numbering = Numbering(document)
    lines: list[str] = []
    for element in _blocks(document.element.body):
        if element.tag == f"{W}p":
            lines.extend(_paragraph_text(element, document, numbering).split("\n"))
        elif element.tag == f"{W}tbl":
            lines.extend(_table_rows(element))
    return lines


def _blocks(parent):
    """Paragraphs and tables of a container, content controls (``w:sdt``) opened."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(element, document, numbering: Numbering) -> str:
    from docx.text.paragraph import Paragraph  # python-docx, deferred with the module above

    paragraph = Paragraph(element, document.part)
    text = paragraph.text
    number = numbering.label(element, paragraph)
    if not number:
        return text
    return number + ("" if _FULL_WIDTH_END.search(number) else " ") + text


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.iter(f"{W}tr"):
        cells = []
        for cell in row.iterchildren(f"{W}tc"):
            texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iter(f"{W}p")]
            cells.append(" ".join(t.strip() for t in texts if t.strip()))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


class Numbering:
    """Word's automatic numbering: each list's (``numId``) counters by level, as the document
    is read in order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId → ilvl → level
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            self.levels[abstract.get(f"{W}abstractNumId")] = {
                int(level.get(f"{W}ilvl", "0")): _level(level) for level in abstract.iterchildren(f"{W}lvl")
            }
        for num in root.iterchildren(f"{W}num"):
            abstract = num.find(f"{W}abstractNumId")
            overrides = {}
            for override in num.iterchildren(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = _int(start.get(f"{W}val"), 1)
            if abstract is not None:
                self.lists[num.get(f"{W}numId")] = (abstract.get(f"{W}val"), overrides)

    def label(self, element, paragraph) -> str:
        """The number Word shows before this paragraph ("" when it has none), counted."""
        num_id, ilvl = _num_pr(element, paragraph)
        if num_id is None or num_id not in self.lists:
            return ""
        abstract, overrides = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level["format"] in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at, level)
            value = counters.get(at, overrides.get(at, shown["start"]))
            return format_number(value, "decimal" if level["legal"] else shown["format"])

        return re.sub("%([1-9])", number, level["text"])


def _level(level) -> dict:
    def val(tag: str, default: str) -> str:
        found = level.find(f"{W}{tag}")
        return found.get(f"{W}val", default) if found is not None else default

    return {
        "start": _int(val("start", "1"), 1),
        "format": val("numFmt", "decimal"),
        "text": val("lvlText", "%1."),
        "legal": level.find(f"{W}isLgl") is not None,
    }


def _num_pr(element, paragraph) -> tuple[str | None, int]:
    """The paragraph's list and level: its own ``numPr``, else its style's (and their bases')."""
    sources = [element.find(f"{W}pPr")]
    style = paragraph.style if paragraph.style is not None else None
    seen = 0
    while style is not None and seen < 20:
        sources.append(style.element.find(f"{W}pPr"))
        style, seen = style.base_style, seen + 1
    num_id, ilvl = None, None
    for ppr in sources:
        pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if pr is None:
            continue
        if num_id is None and pr.find(f"{W}numId") is not None:
            num_id = pr.find(f"{W}numId").get(f"{W}val")
        if ilvl is None and pr.find(f"{W}ilvl") is not None:
            ilvl = _int(pr.find(f"{W}ilvl").get(f"{W}val"), 0)
    return (None if num_id in (None, "0") else num_id), ilvl or 0


def _int(value: str | None, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word writes it in the format ``fmt`` (``numFmt``)."""
    if fmt in _COUNTING:
        return cn2an.an2cn(value, "up" if fmt == "chineseLegalSimplified" else "low")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                roman, rest = roman + digits, rest - amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)
