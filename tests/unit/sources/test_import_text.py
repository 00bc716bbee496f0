"""`policy-review import` of a page copied as text: Kaizhou's 2018 report gives exactly the text
and provenance shipped by hand, and the same draft; the importer decides region, kind and year
from what it reads; the shipped imports (Pingtan's pages, Longhua's text) validate."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from policy_review.core.errors import BadInput
from policy_review.draft.extract import extract_report_file
from policy_review.sources import provenance
from policy_review.sources.importers import read_file
from policy_review.tables import importing
from tests.conftest import ROOT, run_cli
from tests.import_files import KAIZHOU_TEXT

SHIPPED = ROOT / "data" / "reports" / "kaizhou" / "2018.yaml"
CHECKED = ("title", "publisher", "index_number", "written", "published")


def test_the_kaizhou_fixture_is_the_shipped_text():
    assert KAIZHOU_TEXT.read_bytes() == (ROOT / "data" / "reports" / "kaizhou" / "2018.txt").read_bytes()


def test_kaizhou_page_text_is_the_text_of_record_unchanged_with_its_provenance(project_copy):
    outcome = importing.import_file(KAIZHOU_TEXT, region="kaizhou-imported")
    assert (outcome.status, outcome.kind, outcome.year, outcome.format) == (
        "imported",
        "report",
        2018,
        "page_text",
    )
    text = project_copy / "data" / "reports" / "kaizhou-imported" / "2018.txt"
    assert text.read_bytes() == KAIZHOU_TEXT.read_bytes()  # navigation, block and footer kept
    fields = provenance.read(text.with_suffix(".yaml"))
    shipped = provenance.read(SHIPPED)
    for name in CHECKED:
        assert fields[name] == shipped[name], name
    assert fields["written"] == fields["published"] == dt.date(2019, 2, 2)
    assert fields["read_from"]["index_number"] == "line 3, block 索引号"
    assert fields["read_from"]["title"] == "line 5, the first line that reads as a title"
    assert "document_number" not in fields  # [ 发文字号 ] is empty on the page
    assert fields["topic"] == fields["genre"] == "其他"
    kept = project_copy / "data" / "sources" / "kaizhou-imported" / "2018-report.txt"
    assert kept.read_bytes() == KAIZHOU_TEXT.read_bytes()
    assert fields["original"] == {
        "file": "2018-report.txt",
        "sha256": provenance.sha256_of(KAIZHOU_TEXT.read_bytes()),
        "format": "page_text",
    }
    # the draft from the imported text is the draft from the hand-made copy
    assert extract_report_file(text) | {"source": ""} == extract_report_file(
        ROOT / "data/reports/kaizhou/2018.txt"
    ) | {"source": ""}


def test_the_block_in_the_text_uses_ascii_brackets_and_the_title_line_follows_it():
    text = KAIZHOU_TEXT.read_text(encoding="utf-8")
    assert "[ \u7d22\u5f15\u53f7 ]" in text and "\u6c47\u62a5\n" in text  # [ 索引号 ], …汇报
    imported = read_file(KAIZHOU_TEXT)[0]
    assert imported.text == text


def test_the_region_is_the_one_whose_provenance_names_the_publisher(project_copy):
    """Without --region, Kaizhou's text goes to kaizhou (开州区政府办公室 publishes its reports);
    there it finds the hand-made 2018 report and changes nothing."""
    before = (project_copy / "data" / "reports" / "kaizhou" / "2018.yaml").read_bytes()
    with pytest.raises(BadInput) as error:
        importing.import_file(KAIZHOU_TEXT)
    assert "data/reports/kaizhou/2018.txt is there already" in str(error.value)
    assert (project_copy / "data" / "reports" / "kaizhou" / "2018.yaml").read_bytes() == before
    assert not (project_copy / "data" / "sources" / "kaizhou").exists()
    for old in (project_copy / "data" / "reports" / "kaizhou").glob("2018.*"):
        old.unlink()
    outcome = importing.import_file(KAIZHOU_TEXT)
    assert outcome.region == "kaizhou" and outcome.status == "imported"
    fields = provenance.read(project_copy / "data" / "reports" / "kaizhou" / "2018.yaml")
    assert fields["read_from"]["region"].startswith("the publisher, as in data/reports/kaizhou/")


def test_kaizhou_through_the_command_line(project_copy):
    for old in (project_copy / "data" / "reports" / "kaizhou").glob("2018.*"):
        old.unlink()
    done = run_cli("import", str(KAIZHOU_TEXT), env_root=project_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported: ")
    assert "params/kaizhou-2018.yaml" in done.stdout  # what to do next: it exists, so `make run`
    again = run_cli("import", str(KAIZHOU_TEXT), env_root=project_copy)
    assert again.returncode == 0 and again.stdout.startswith("unchanged: ")
    checked = run_cli("validate", env_root=project_copy)
    assert checked.returncode == 0, checked.stderr


def test_without_a_title_the_kind_and_year_are_asked_for(tmp_path, project_copy):
    copy = tmp_path / "longhua.txt"
    shutil.copyfile(ROOT / "data" / "sources" / "longhua" / "2019-report.txt", copy)
    with pytest.raises(BadInput) as error:
        importing.import_file(copy, region="longhua2")
    assert str(error.value).endswith(
        "cannot tell a report from a plan: no title found; give --kind report or --kind plan"
    )
    with pytest.raises(BadInput) as error:
        importing.import_file(copy, region="longhua2", kind="report")
    assert str(error.value).endswith("cannot tell the year: no title found; give --year")
    with pytest.raises(BadInput) as error:
        importing.import_file(copy, kind="report", year=2019)
    assert "cannot tell the region: give --region" in str(error.value)
    outcome = importing.import_file(copy, region="longhua2", kind="report", year=2019)
    assert outcome.status == "imported" and "title" in outcome.unknown


@pytest.mark.parametrize(
    ("title", "kind", "year"),
    [
        ("关于2021年度法治政府建设情况的报告", "report", 2021),
        ("2018年我区法治政府建设情况汇报", "report", 2018),
        ("西平县2020年度法治政府建设工作安排", "plan", 2020),
        ("关于印发《2021年君山片区普法依法治理工作要点》的通知", "plan", 2021),
        ("某区2022年法治政府建设工作计划", "plan", 2022),
    ],
)
def test_kind_and_year_from_the_title(tmp_path, project_copy, title, kind, year):
    path = tmp_path / "doc.txt"
    path.write_text(
        f"{title}\n一、主要工作\n本区认真贯彻落实各项部署，全年共办理案件120件。\n", encoding="utf-8"
    )
    outcome = importing.import_file(path, region="somewhere")
    assert (outcome.kind, outcome.year) == (kind, year)


@pytest.mark.parametrize(
    ("region", "kind", "year"),
    [
        ("pingtan-jingfaju", "report", 2022),
        ("pingtan-junshan", "plan", 2021),
        ("pingtan-suping", "plan", 2020),
        ("longhua", "report", 2019),
    ],
)
def test_the_shipped_imports_are_what_import_gives(project_copy, region, kind, year):
    """Each shipped import is the import of its kept original (same text), and importing the
    original again changes nothing."""
    folder = project_copy / "data" / ("reports" if kind == "report" else "plans") / region
    original = next((project_copy / "data" / "sources" / region).glob(f"{year}-{kind}.*"))
    model = provenance.ReportProvenance if kind == "report" else provenance.PlanProvenance
    fields = provenance.read(folder / f"{year}.yaml", model)
    assert fields["original"]["sha256"] == provenance.sha256_of(original.read_bytes())
    assert (folder / f"{year}.txt").read_text(encoding="utf-8") == read_file(original)[0].text
    assert fields["region_name_zh"] != "unknown" and fields["region_name_en"] != "unknown"
    options = {"year": year, "kind": kind} if region == "longhua" else {}
    outcome = importing.import_file(original, region=region, **options)
    assert outcome.status == "unchanged"
