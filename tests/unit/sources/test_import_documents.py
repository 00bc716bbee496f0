"""`policy-review import` of PDFs (made with matplotlib's PDF backend and the project's CJK font)
and Word files (made with python-docx: Word's automatic numbering, a table), .doc through
LibreOffice where it is installed, and every bad document refused with one line (exit 2)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from policy_review.core.errors import BadInput
from policy_review.sources.importers import base, office_file, pdf_file, read_file
from tests.conftest import run_cli
from tests.import_files import make_docx, make_image_pdf, make_pdf

#: A paragraph typeset over three lines: the first (indented two ems) and the second reach the
#: right margin, the third does not; full-width characters only, so that the lines' widths are exact.
RUN_ON = (
    "本局认真贯彻落实法治政府建设各项部署，全年共办理行政",
    "许可事项一百二十件，按期办结率百分之百，清理证明事项六十",
    "七项。",
)
REPORT_PAGES = [
    [
        (0, "测试局2022年法治政府建设情况报告"),
        (0, "测政发〔2023〕5号"),
        (2, "一、主要工作"),
        (2, RUN_ON[0]),
        (0, RUN_ON[1]),
        (0, RUN_ON[2]),
        (2, "二、存在的问题"),
        (2, "执法人员培训仍需加强。"),
        (0, "- 1 -"),
    ],
    [
        (2, "三、下一步工作"),
        (2, "继续推进依法行政。"),
        (14, "测试局"),
        (14, "2023年3月29日"),
        (0, "- 2 -"),
    ],
]


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    return make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", REPORT_PAGES)


def test_a_pdf_gives_a_paragraph_a_line_without_page_numbers(report_pdf):
    assert len(RUN_ON[0]) + 2 == len(RUN_ON[1])  # the same width, once indented
    imported = read_file(report_pdf)[0]
    assert imported.format == "pdf"
    assert imported.text.split("\n") == [
        "测试局2022年法治政府建设情况报告",
        "测政发〔2023〕5号",
        "一、主要工作",
        "".join(RUN_ON),
        "二、存在的问题",
        "执法人员培训仍需加强。",
        "三、下一步工作",
        "继续推进依法行政。",
        "测试局",
        "2023年3月29日",
    ]
    assert "\uff0c" in imported.text and "\u3014" in imported.text  # ，and 〔 as typeset


def test_a_pdf_gives_the_fields_its_lines_show(report_pdf):
    imported = read_file(report_pdf)[0]
    assert imported.fields == {
        "title": "测试局2022年法治政府建设情况报告",
        "document_number": "测政发〔2023〕5号",
        "written": dt.date(2023, 3, 29),
    }
    assert imported.read_from == {
        "title": "line 1, the first line that reads as a title",
        "document_number": "line 2, a document number alone on a line",
        "written": "line 10, the date it was signed (2023年3月29日)",
    }


def test_a_pdf_is_imported_as_a_report(report_pdf, project_copy):
    done = run_cli("import", str(report_pdf), "--region", "ceshi", env_root=project_copy)
    assert done.returncode == 0, done.stderr
    assert "(report 2022, pdf)" in done.stdout
    kept = project_copy / "data" / "sources" / "ceshi" / "2022-report.pdf"
    assert kept.read_bytes() == report_pdf.read_bytes()


def _refused(path, project_copy) -> str:
    """The one line `import` prints for a file it refuses (exit 2, nothing written)."""
    done = run_cli("import", str(path), "--region", "ceshi", env_root=project_copy)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert not (project_copy / "data" / "reports" / "ceshi").exists()
    assert not (project_copy / "data" / "sources" / "ceshi").exists()
    return lines[0]


def test_a_scanned_pdf_is_refused_in_one_line(tmp_path, project_copy):
    line = _refused(make_image_pdf(tmp_path / "scan.pdf"), project_copy)
    assert line == f"{tmp_path / 'scan.pdf'}: -: {pdf_file.NO_TEXT_LAYER}"
    assert "the PDF has no usable text layer" in line and "OCR it first" in line


def test_a_pdf_whose_fonts_map_to_no_characters_is_refused(report_pdf, tmp_path, project_copy):
    """Without its ToUnicode maps (replaced by a name of the same length) the text comes out as
    (cid:…) codes: refused, never written as a garbled report."""
    data = report_pdf.read_bytes()
    assert b"/ToUnicode" in data
    garbled = tmp_path / "garbled.pdf"
    garbled.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    with pytest.raises(BadInput):
        read_file(garbled)
    assert _refused(garbled, project_copy).endswith(pdf_file.NO_TEXT_LAYER)


def test_a_pdf_over_the_page_limit_is_refused_before_its_text_is_read(report_pdf, monkeypatch):
    monkeypatch.setattr(pdf_file, "MAX_PDF_PAGES", 1)
    monkeypatch.setattr(pdf_file, "_page_lines", lambda page: pytest.fail("text read"))
    with pytest.raises(BadInput) as error:
        read_file(report_pdf)
    assert str(error.value).endswith("the PDF has 2 pages, over the limit of 1")


def test_a_broken_pdf_is_refused(tmp_path, project_copy):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert "cannot be read as a PDF" in _refused(broken, project_copy)


# --- Word files -----------------------------------------------------------------------------

PLAN = [
    (None, "测试区2021年法治政府建设工作要点"),
    (None, "测政办〔2021〕8号"),
    (0, "依法全面履行政府职能"),
    (1, "深化“放管服”改革"),
    (2, "清理证明事项"),
    (2, "推行权责清单"),
    (1, "优化营商环境"),
    (0, "完善依法行政制度体系"),
    (1, "加强规范性文件备案审查"),
    *((0, f"第{n}项工作") for n in range(3, 12)),
]
TABLE = [["任务", "责任单位", "完成时限"], ["清理证明事项", "区司法局", "2021年6月底前"]]
PLAN_TEXT = [
    "测试区2021年法治政府建设工作要点",
    "测政办〔2021〕8号",
    "一、依法全面履行政府职能",
    "（一）深化“放管服”改革",
    "1. 清理证明事项",
    "2. 推行权责清单",
    "任务\t责任单位\t完成时限",
    "清理证明事项\t区司法局\t2021年6月底前",
    "（二）优化营商环境",
    "二、完善依法行政制度体系",
    "（一）加强规范性文件备案审查",  # a level restarts below a higher one
    *(f"{n}、第{k}项工作" for n, k in zip("三四五六七八九十", range(3, 11))),
    "十一、第11项工作",
]


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory):
    return make_docx(tmp_path_factory.mktemp("docx") / "plan.docx", PLAN, TABLE, table_after=5)


def test_word_numbering_and_tables_in_reading_order(plan_docx):
    imported = read_file(plan_docx)[0]
    assert imported.format == "docx"
    assert imported.text.split("\n") == PLAN_TEXT
    assert (
        "\u3001" in imported.text and "\uff08\u4e00\uff09" in imported.text
    )  # 、 and （一） from numbering.xml


def test_a_word_file_gives_its_fields(plan_docx, project_copy):
    imported = read_file(plan_docx)[0]
    assert imported.fields == {
        "title": "测试区2021年法治政府建设工作要点",
        "document_number": "测政办〔2021〕8号",
    }
    assert imported.read_from["document_number"] == "line 2, a document number alone on a line"
    done = run_cli("import", str(plan_docx), "--region", "ceshi", env_root=project_copy)
    assert done.returncode == 0, done.stderr
    assert "(plan 2021, docx)" in done.stdout  # a plan, of 2021, from its title
    plan = project_copy / "data" / "plans" / "ceshi" / "2021.yaml"
    assert "document_number: 测政办〔2021〕8号" in plan.read_text(encoding="utf-8")


def _docx_with(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_unopened(tmp_path, plan_docx, project_copy):
    parts = {name: zipfile.ZipFile(plan_docx).read(name) for name in zipfile.ZipFile(plan_docx).namelist()}
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_with({**parts, "word/media/padding.bin": b"\0" * (50 * 1024 * 1024)}))
    assert bomb.stat().st_size < 200_000
    line = _refused(bomb, project_copy)
    assert "is compressed" in line and "a zip bomb, not a document" in line


def test_a_word_file_too_large_unzipped_is_refused(tmp_path, plan_docx, monkeypatch):
    monkeypatch.setattr(base, "MAX_UNZIPPED_BYTES", 1000)
    from policy_review.sources.importers import word_file

    monkeypatch.setattr(word_file, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(BadInput) as error:
        read_file(plan_docx)
    assert "decompresses to" in str(error.value) and "over the limit of 1,000" in str(error.value)


def test_word_xml_nested_too_deep_is_refused(tmp_path, plan_docx):
    parts = {name: zipfile.ZipFile(plan_docx).read(name) for name in zipfile.ZipFile(plan_docx).namelist()}
    deep = b"<a>" * 300 + b"</a>" * 300
    parts["word/document.xml"] = b'<?xml version="1.0"?>' + deep
    path = tmp_path / "deep.docx"
    path.write_bytes(_docx_with(parts))
    with pytest.raises(BadInput) as error:
        read_file(path)
    assert "word/document.xml nests over 200 deep" in str(error.value)


def test_a_zip_that_is_no_word_file_is_refused(tmp_path, project_copy):
    path = tmp_path / "sheet.docx"
    path.write_bytes(_docx_with({"xl/workbook.xml": b"<workbook/>"}))
    assert "a zip archive that is not a Word document" in _refused(path, project_copy)


def test_a_binary_of_no_known_format_is_refused(tmp_path, project_copy):
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 100)
    line = _refused(path, project_copy)
    assert line.endswith(
        "not a web page, text, PDF or Word file (it starts with the bytes 89 50 4E 47 0D 0A 1A 0A); "
        "save the report as one of those"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("报告" * 100, encoding="utf-8")
    with pytest.raises(BadInput) as error:
        read_file(path)
    assert "over the limit of 100 bytes" in str(error.value)


# --- .doc and WPS through LibreOffice ---------------------------------------------------------


def test_without_libreoffice_a_doc_is_refused_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(office_file, "office_command", lambda: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(office_file.OLE2_MAGIC + b"\0" * 600)
    with pytest.raises(BadInput) as error:
        read_file(path)
    assert len(error.value.problems) == 1
    assert "apt-get install libreoffice-writer-nogui" in str(error.value)


@pytest.mark.skipif(
    office_file.office_command() is None,
    reason="LibreOffice is not installed (Debian's libreoffice-writer-nogui; .ci/run installs it)",
)
def test_a_doc_is_read_through_libreoffice(plan_docx, tmp_path, project_copy):
    import subprocess

    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(
        [office_file.office_command(), profile, "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(plan_docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    doc = tmp_path / "plan.doc"
    assert doc.read_bytes().startswith(office_file.OLE2_MAGIC)
    imported = read_file(doc)[0]
    assert (imported.format, imported.extension) == ("office", "doc")
    assert imported.text.split("\n") == PLAN_TEXT  # the numbering survives the round trip
    done = run_cli("import", str(doc), "--region", "ceshi", env_root=project_copy)
    assert done.returncode == 0, done.stderr
    assert (project_copy / "data" / "sources" / "ceshi" / "2021-plan.doc").read_bytes() == doc.read_bytes()


def test_without_libreoffice_the_command_refuses_a_doc_in_one_line(tmp_path, project_copy):
    import os
    import subprocess
    import sys

    path = tmp_path / "plan.wps"
    path.write_bytes(office_file.OLE2_MAGIC + b"\0" * 600)
    env = {**os.environ, "POLICY_REVIEW_ROOT": str(project_copy), "PATH": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", "policy_review.cli", "import", str(path), "--region", "ceshi"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{path}: -: a .doc or WPS file: reading it needs LibreOffice (Debian's libreoffice-writer-nogui: "
        "apt-get install libreoffice-writer-nogui), or save it as .docx and import that"
    ]
