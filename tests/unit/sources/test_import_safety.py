"""`policy-review import`: nothing lost, nothing overwritten, nothing half-written. A folder is
imported file by file (one line each, exit 2 if any was refused); an existing text is replaced
only with --force; a failure or a problem found after writing puts everything back; `validate`
checks that each kept original is there and unchanged."""

from __future__ import annotations

import shutil

import pytest

from policy_review.core.errors import BadInput, Problem
from policy_review.tables import importing, validate
from tests.conftest import run_cli
from tests.import_files import KAIZHOU_TEXT, PAGES, files_under


def test_a_folder_gives_one_line_per_file_and_exit_2_if_one_was_refused(tmp_path, project_copy):
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copyfile(PAGES["junshan"], folder / "a-junshan.html")
    shutil.copyfile(PAGES["suping"], folder / "b-suping.htm")
    (folder / "c-notes.txt").write_text("no Chinese report here\n", encoding="utf-8")
    (folder / ".hidden").write_text("left out", encoding="utf-8")
    done = run_cli("import", str(folder), "--region", "pingtan-test", env_root=project_copy)
    assert done.returncode == 2
    out, err = done.stdout.splitlines(), done.stderr.splitlines()
    assert out[0].startswith(
        f"imported: {folder / 'a-junshan.html'} -> data/plans/pingtan-test/2021.txt (plan 2021, html)"
    )
    assert out[1].startswith(
        f"imported: {folder / 'b-suping.htm'} -> data/plans/pingtan-test/2020.txt (plan 2020, html)"
    )
    assert err == [f"{folder / 'c-notes.txt'}: -: the report contains no Chinese text "
                   "(expected a Chinese report in UTF-8 or GB18030)"]  # fmt: skip
    assert out[2].startswith("next: ")
    again = run_cli("import", str(folder / "a-junshan.html"), str(folder / "b-suping.htm"), "--region",
                    "pingtan-test", env_root=project_copy)  # fmt: skip
    assert again.returncode == 0
    assert [line.split(":")[0] for line in again.stdout.splitlines()] == ["unchanged", "unchanged"]


def test_a_region_that_is_no_folder_name_is_refused(project_copy):
    done = run_cli("import", str(PAGES["jingfaju"]), "--region", "../Pingtan", env_root=project_copy)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "a region is a folder name of lower-case letters, digits, - and _" in done.stderr
    assert not (project_copy / "data" / "sources" / "..").resolve().joinpath("Pingtan").exists()


def test_nothing_is_replaced_without_force(project_copy, tmp_path):
    before = files_under(project_copy)
    other = tmp_path / "other.txt"
    other.write_text(
        KAIZHOU_TEXT.read_text(encoding="utf-8").replace("2018年我区", "2018年本区"), encoding="utf-8"
    )
    with pytest.raises(BadInput) as error:
        importing.import_file(other, region="kaizhou")
    assert "there already" in str(error.value) and "--force replaces" in str(error.value)
    assert files_under(project_copy) == before
    # forced, the new text would no longer hold the quotes Kaizhou's curated tables point to:
    # refused, and everything put back
    with pytest.raises(BadInput) as error:
        importing.import_file(other, region="kaizhou", force=True)
    assert "data/curated/kaizhou/" in str(error.value) and "does not match the report text" in str(
        error.value
    )
    assert files_under(project_copy) == before
    # where no quote points into it, --force replaces the text, its provenance and the original
    outcome = importing.import_file(other, region="longhua", year=2019, kind="report", force=True)
    assert outcome.status == "imported"
    assert "2018年本区" in (project_copy / "data/reports/longhua/2019.txt").read_text(encoding="utf-8")
    assert (project_copy / "data/sources/longhua/2019-report.txt").read_bytes() == other.read_bytes()
    assert validate.validate(project_copy / "data" / "reports" / "longhua") == []


def test_problems_found_after_writing_put_everything_back(project_copy, monkeypatch):
    before = files_under(project_copy)
    calls = []

    def problems(folder):
        calls.append(folder)
        return {Problem(folder / "2022.yaml", "found wrong after writing")} if len(calls) > 1 else set()

    monkeypatch.setattr(importing, "_problems_of", problems)
    with pytest.raises(BadInput) as error:
        importing.import_file(PAGES["jingfaju"], region="rolled-back")
    assert "found wrong after writing" in str(error.value)
    assert files_under(project_copy) == before
    assert not (project_copy / "data" / "reports" / "rolled-back").exists()
    assert not (project_copy / "data" / "sources" / "rolled-back").exists()


def test_a_failure_while_writing_leaves_every_file_as_it_was(project_copy, monkeypatch):
    """With --force over Kaizhou's 2018 report, a disk that fills on the third file: the text and
    provenance already moved into place are put back, no temporary file is left."""
    before = files_under(project_copy)
    writes = []

    def failing(temporary, data):
        writes.append(temporary)
        if len(writes) == 3:
            raise OSError(28, "No space left on device")
        temporary.write_bytes(data)

    monkeypatch.setattr(importing, "_write_bytes", failing)
    with pytest.raises(Exception, match="space"):
        importing.import_file(KAIZHOU_TEXT, region="kaizhou", force=True)
    assert files_under(project_copy) == before  # nor any temporary
    assert not (project_copy / "data" / "sources" / "kaizhou").exists()


def test_validate_checks_the_original_is_there_and_unchanged(project_copy):
    importing.import_file(PAGES["junshan"], region="pingtan-check")
    assert validate.validate(project_copy / "data" / "plans" / "pingtan-check") == []
    original = project_copy / "data" / "sources" / "pingtan-check" / "2021-plan.html"
    original.write_bytes(original.read_bytes() + b"<!-- edited -->")
    problems = [str(p) for p in validate.validate(project_copy / "data" / "plans" / "pingtan-check")]
    assert len(problems) == 1
    assert problems[0].startswith("data/plans/pingtan-check/2021.yaml:")
    assert (
        ": original: the original data/sources/pingtan-check/2021-plan.html has changed since it was imported"
        in problems[0]
    )
    original.unlink()
    problems = [str(p) for p in validate.validate(project_copy / "data" / "plans" / "pingtan-check")]
    assert len(problems) == 1 and "2021-plan.html is missing: put the saved file back" in problems[0]
    done = run_cli("validate", env_root=project_copy)
    assert done.returncode == 2 and "is missing" in done.stderr


def test_validate_checks_original_and_read_from_are_well_formed(project_copy):
    importing.import_file(PAGES["jingfaju"], region="pingtan-form")
    prov = project_copy / "data" / "reports" / "pingtan-form" / "2022.yaml"
    text = prov.read_text(encoding="utf-8")
    bad = text.replace("  file: 2022-report.html", "  file: ../../../etc/passwd")
    prov.write_text(bad.replace("  site: meta SiteName", "  sight: meta SiteName"), encoding="utf-8")
    problems = [str(p) for p in validate.validate(prov.parent)]
    assert any("'../../../etc/passwd' is not a file name in data/sources/<region>/" in p for p in problems)
    prov.write_text(text.replace("  site: meta SiteName", "  sight: meta SiteName"), encoding="utf-8")
    problems = [str(p) for p in validate.validate(prov.parent)]
    line = text.splitlines().index("read_from:") + 1
    assert problems == [
        f"data/reports/pingtan-form/2022.yaml:{line}: read_from: read_from names 'sight', "
        "which is not a field of this file"
    ]
