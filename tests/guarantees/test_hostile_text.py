"""Hostile text and sizes: old line endings, mixed encodings, parameters a notebook is given by
hand, and inputs that would validate but cannot run (SECURITY.md)."""

from __future__ import annotations

import json

import pytest

from policy_review.core import decoding
from policy_review.core.edited_files import MAX_TABLE_ROWS, read_table
from policy_review.core.errors import BadInput
from policy_review.review import trends, year_review as rv
from policy_review.sources import report_text
from policy_review.tables import params
from tests.conftest import ROOT, run_cli
from tests.hostile import CURATED, LONG_NAME, QUICK, REGION, REPORTS, assert_bad_input

# --- line endings, mixed encodings --------------------------------------------------------------


@pytest.mark.parametrize(
    "name", [f"{REPORTS}/2018.txt", f"{REPORTS}/2019.txt", "data/reports/example/2021.txt"]
)
def test_cr_only_line_endings_review_like_lf(project_copy, name):
    from policy_review.draft.extract import extract_report_file

    lf = (project_copy / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    (project_copy / "lf.txt").write_bytes(lf.encode("utf-8"))
    (project_copy / "cr.txt").write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    text, _ = report_text.read_report(project_copy / "cr.txt")
    assert text == lf
    from_cr = extract_report_file(project_copy / "cr.txt")
    from_lf = extract_report_file(project_copy / "lf.txt")
    assert from_cr["sections"] and from_cr["figures"]
    assert {k: v for k, v in from_cr.items() if k != "source"} == {
        k: v for k, v in from_lf.items() if k != "source"
    }
    raw = (project_copy / "cr.txt").read_bytes().decode("utf-8")
    for figure in from_cr["figures"]:
        assert raw[figure["start"] : figure["end"]] == figure["raw"], "offsets into the file's text"


def test_cr_only_region_report_validates_and_reviews(project_copy):
    path = project_copy / REPORTS / "2018.txt"
    lf = path.read_text(encoding="utf-8")
    path.chmod(0o644)
    path.write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    assert run_cli("validate", env_root=project_copy).returncode == 0
    review = rv.load_review(REGION, 2018)
    assert len(review.figures) > 10 and review.text == lf


def mixed(text: str, line: int, words: str) -> bytes:
    """GB18030 text with ``words`` pasted into line ``line`` (1-based) as UTF-8."""
    lines = text.split("\n")
    before = "\n".join(lines[: line - 1]) + "\n" + lines[line - 1][:6]
    after = lines[line - 1][6:] + "\n" + "\n".join(lines[line:])
    return before.encode("gb18030") + words.encode("utf-8") + after.encode("gb18030")


@pytest.mark.parametrize(
    "name, nth, words",
    [
        ("kaizhou/2018.txt", 3, "复议"),
        ("kaizhou/2018.txt", 20, "法治政府"),
        ("kaizhou/2019.txt", 2, "依法行政"),
        ("example/2022.txt", 10, "行政执法"),
    ],
)
def test_utf8_inside_gb18030_is_flagged_with_its_line(project_copy, name, nth, words):
    """Chinese words pasted as UTF-8 into the ``nth`` paragraph of a GB18030 report."""
    text = (project_copy / "data/reports" / name).read_text(encoding="utf-8")
    line = [n for n, para in enumerate(text.split("\n"), start=1) if len(para) > 20][nth]
    target = project_copy / "incoming.txt"
    target.write_bytes(mixed(text, line, words))
    result = run_cli("extract", "incoming.txt", env_root=project_copy)
    assert_bad_input(result, f"incoming.txt:{line}: -:", "mixes encodings")
    assert result.stdout == ""


def test_plain_gb18030_is_not_flagged(project_copy):
    for name in (
        "kaizhou/2018.txt",
        "kaizhou/2019.txt",
        "kaizhou/2020.txt",
        "example/2021.txt",
        "example/2022.txt",
    ):
        text = (project_copy / "data/reports" / name).read_text(encoding="utf-8")
        decoded = decoding.sniff(text.encode("gb18030"))
        assert decoded.encoding == "gb18030" and decoded.suspicious is None, name


#: Every shipped report (Kaizhou and the other governments' texts), as the sniffer is given them.
SHIPPED_REPORTS = sorted((ROOT / "data/reports").glob("*/*.txt"))


def test_shipped_reports_saved_as_gb18030_gbk_or_big5_hold_no_utf8():
    """No false alarm: every shipped report saved again as GB18030, as GBK (where it can be) and,
    in traditional characters, as Big5 holds no UTF-8 for the sniffer (Big5 is refused for other
    reasons: it reads as rare and private-use characters)."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    assert len(SHIPPED_REPORTS) >= 15
    for path in SHIPPED_REPORTS:
        text = path.read_text(encoding="utf-8")
        decoded = decoding.sniff(text.encode("gb18030"))
        assert decoded.encoding == "gb18030" and decoded.suspicious is None, path.name
        try:
            assert decoding.sniff(text.encode("gbk")).suspicious is None, path.name
        except UnicodeEncodeError:
            pass  # a character GBK lacks (Kaizhou 2018): GB18030 above
        big5 = to_traditional.convert(text).encode("big5", errors="replace")
        assert decoding.embedded_utf8(big5) is None, path.name


def pasted(text: str, at: int, words: str) -> bytes:
    """GB18030 text with ``words`` pasted in UTF-8 before character ``at``."""
    return text[:at].encode("gb18030") + words.encode("utf-8") + text[at:].encode("gb18030")


@pytest.mark.parametrize(
    "name, anchor, words",
    [
        ("kaizhou/2018.txt", "[ 索引号 ]", "府"),  # before ASCII that a shifted byte swallows
        ("kaizhou/2019.txt", "] [ 发布机构 ]", "行"),
        ("kaizhou/2020.txt", "P/2022", "区"),  # before a Latin letter
        ("kaizhou/2018.txt", "法治", "中"),  # inside a paragraph
        ("kaizhou/2019.txt", "依法", "，"),  # full-width punctuation
        ("example/2022.txt", "\n", "。"),  # at the end of a line
        ("example/2021.txt", "一、", "“"),  # general punctuation (lead byte E2)
        ("example/2022.txt", "法律明白人", "复全"),  # two, after a character ending in a lead byte
        ("kaizhou/2018.txt", "持续", "工年"),  # ... or as three common ones
    ],
)
def test_one_utf8_character_inside_gb18030_is_flagged_with_its_line(name, anchor, words):
    """A single character (or two) pasted as UTF-8: GB18030 reads it as other characters, often
    valid ones, and shifts the rest of the line by a byte."""
    text = (ROOT / "data/reports" / name).read_text(encoding="utf-8")
    at = text.index(anchor)
    decoded = decoding.sniff(pasted(text, at, words))
    line = text.count("\n", 0, at) + 1
    assert decoded.encoding == "gb18030"
    assert decoded.suspicious == (line, f"the words {words!r} written in UTF-8 inside GB18030 text")


def test_utf8_pasted_anywhere_into_any_shipped_report_is_flagged():
    """Common characters of the report itself, one to five of them, pasted at seeded positions
    (anywhere, at a line's start, at its end) into every shipped report saved as GB18030: each
    is flagged on its line."""
    import random

    rng = random.Random(15)
    missed = []
    for path in SHIPPED_REPORTS:
        text = path.read_text(encoding="utf-8")
        pool = sorted(ch for ch in set(text) if ord(ch) > 0x2000 and decoding.is_common(ch))
        for _ in range(12):
            at = rng.randrange(len(text))
            where = rng.choice(["anywhere", "start", "end"])
            if where == "start":
                at = text.rfind("\n", 0, at) + 1
            elif where == "end":
                at = text.find("\n", at) % (len(text) + 1)
            words = "".join(rng.choice(pool) for _ in range(rng.choice([1, 1, 1, 2, 3, 5])))
            try:
                found = decoding.sniff(pasted(text, at, words)).suspicious
            except decoding.Undecodable:
                found = None
            if found is None or found[0] != text.count("\n", 0, at) + 1:
                missed.append((path.name, at, words, found))
    assert missed == []


def test_one_utf8_character_in_a_gb18030_report_fails_extract_with_its_line(project_copy):
    text = (project_copy / REPORTS / "2018.txt").read_text(encoding="utf-8")
    at = text.index("[ 索引号 ]")
    (project_copy / "incoming.txt").write_bytes(pasted(text, at, "府"))
    result = run_cli("extract", "incoming.txt", env_root=project_copy)
    assert_bad_input(result, f"incoming.txt:{text.count(chr(10), 0, at) + 1}: -:", "mixes encodings")
    assert result.stdout == ""


@pytest.mark.parametrize("ch", ["\ue000", "\uf8ff", "\ufffd", "\U000f0001"])
def test_private_use_or_replacement_character_is_flagged(tmp_path, ch):
    text = "法治政府建设年度报告\n一、主要工作\n依法行政" + ch + "全面推进\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        report_text.read_report(path)
    (problem,) = caught.value.problems
    assert problem.line == 3 and f"U+{ord(ch):04X}" in problem.message
    table = tmp_path / "t.csv"
    table.write_text("a,b\n1,2\n3,x" + ch + "\n", encoding="utf-8")
    _, problems = read_table(table)
    assert [(p.line, f"U+{ord(ch):04X}" in p.message) for p in problems] == [(3, True)]


def test_table_with_utf8_inside_gb18030_is_flagged(project_copy):
    path = project_copy / CURATED / "issues.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(mixed(text, 3, "依法行政"))
    _, problems = read_table(path)
    assert any(p.line == 3 and "mixes encodings" in p.message for p in problems), problems


# --- the notebooks' first call refuses parameters the runner would refuse ---------------------


@pytest.mark.parametrize(
    "region, year, lang, column",
    [
        (REGION, 2018, "xx", "lang"),
        (REGION, "2018", "en", "year"),
        ("Kaizhou", 2018, "en", "region"),
        ("../kaizhou", 2018, "zh", "region"),
        (REGION, 1999, "en", "year"),
    ],
)
def test_load_review_refuses_bad_parameters(region, year, lang, column):
    with pytest.raises(BadInput) as caught:
        rv.load_review(region, year, lang)
    assert [p.column for p in caught.value.problems] == [column]


def test_load_trends_refuses_bad_parameters():
    with pytest.raises(BadInput, match="lang"):
        trends.load_trends(REGION, "fr")
    with pytest.raises(BadInput, match="region"):
        trends.load_trends(LONG_NAME, "en")


@pytest.mark.slow
def test_papermill_with_an_unknown_lang_fails_in_the_first_call(tmp_path):
    import papermill as pm

    notebook = ROOT / "notebooks" / "year_review.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as caught:
        pm.execute_notebook(
            str(notebook),
            str(tmp_path / "out.ipynb"),
            parameters={"lang": "xx"},
            kernel_name="python3",
            progress_bar=False,
            cwd=str(notebook.parent),
        )
    assert caught.value.ename == "BadInput" and "lang" in caught.value.evalue
    executed = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    ran = [c for c in code if c.get("execution_count")]
    assert "load_review" in "".join(ran[-1]["source"]), "the first call after the parameters fails"
    assert len(ran) == 3, "the parameters, the injected parameters and the first call"


# --- inputs that would validate but cannot run: refused with a limit ---------------------------


def test_report_with_an_absurdly_long_line_is_refused(project_copy):
    text = (project_copy / REPORTS / "2018.txt").read_text(encoding="utf-8")
    flat = text.replace("\n", "") * 4
    assert len(flat) > report_text.MAX_LINE_CHARS
    (project_copy / "flat.txt").write_text("标题\n" + flat + "\n", encoding="utf-8")
    result = run_cli("extract", "flat.txt", env_root=project_copy, timeout=QUICK)
    assert_bad_input(result, "flat.txt:2: -:", "characters long, over the limit of 20,000")


def test_report_over_the_size_limit_is_refused_before_it_is_read(project_copy, monkeypatch):
    monkeypatch.setattr(report_text, "MAX_REPORT_BYTES", 10_000)
    with pytest.raises(BadInput, match="over the limit of 10,000 bytes"):
        report_text.read_report(project_copy / REPORTS / "2018.txt")
    assert report_text.read_report(project_copy / REPORTS / "2019.txt")[1] == "utf-8"


def test_table_over_the_row_limit_is_refused(project_copy):
    path = project_copy / CURATED / "figures.csv"
    header, first = path.read_text(encoding="utf-8").split("\n")[:2]
    path.write_text(header + "\n" + (first + "\n") * (MAX_TABLE_ROWS + 5), encoding="utf-8")
    result = run_cli("validate", CURATED, env_root=project_copy, timeout=QUICK)
    assert_bad_input(
        result, f"{CURATED}/figures.csv:{MAX_TABLE_ROWS + 2}: -:", f"more than {MAX_TABLE_ROWS:,} rows"
    )


def test_params_problem_messages_stay_short():
    assert params.shown(10**4000).endswith("…") and len(params.shown(10**4000)) == 80
    assert params.shown("kaizhou") == "'kaizhou'"
