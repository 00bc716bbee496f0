"""Provenance files of reports and plans, checked by their pydantic models (issue 11 item 10:
index number and date written may be missing; title, publisher, published and coverage may not)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from policy_review.core import paths
from policy_review.pages import year_page
from policy_review.review import statutory, year_review as rv
from policy_review.sources import provenance
from policy_review.tables.validate import validate
from tests.conftest import ROOT
from tests.module_scan import lines_asking

REPORT = "data/reports/kaizhou/2018.yaml"
PLAN = "data/plans/nansha/2020.yaml"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    rv.region_tables.cache_clear()
    yield tmp_path
    rv.region_tables.cache_clear()


def _edit(root: Path, relative: str, field: str, value: str | None) -> int:
    """Set (None: remove) one field; return the line it is (was) on."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{field}:"))
    if value is None:
        del lines[at]
    else:
        lines[at] = f"{field}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def _problems(relative: str) -> list[str]:
    return [str(p) for p in validate(paths.root() / relative)]


def test_the_shipped_provenance_is_sound():
    for region in ("kaizhou", "example"):
        assert provenance.region_problems(region) == []
    for region in ("nansha", "xiping", "example"):
        assert provenance.plan_problems(region, ROOT / "data/plans" / region) == []


def test_index_number_and_written_may_be_missing_and_are_shown_as_not_stated(root):
    _edit(root, REPORT, "index_number", None)
    _edit(root, REPORT, "written", None)
    assert _problems(REPORT) == []
    review = rv.load_review("kaizhou", 2018)
    html = year_page.source_table(review).data
    assert html.count("not stated") == 2
    zh = rv.load_review("kaizhou", 2018, lang="zh")
    assert year_page.source_table(zh).data.count("未注明") == 2


def test_published_may_be_unknown_but_not_left_out(root):
    _edit(root, REPORT, "published", "unknown")
    assert _problems(REPORT) == []
    check = statutory.publication_check(rv.load_review("kaizhou", 2018))
    assert check["published"] is None and check["in_time"] is None
    line = _edit(root, REPORT, "published", "")
    assert _problems(REPORT) == [
        f"{REPORT}:{line}: published: empty: write the day the report was published (YYYY-MM-DD), or unknown"
    ]
    _edit(root, REPORT, "published", None)
    assert _problems(REPORT) == [f"{REPORT}: published: missing: the provenance needs the report's published"]


@pytest.mark.parametrize("field", ["title", "publisher", "coverage"])
def test_the_required_fields_stay_required(root, field):
    _edit(root, REPORT, field, None)
    (problem,) = _problems(REPORT)
    assert problem.startswith(f"{REPORT}: {field}: missing: the provenance needs the report's")


def test_problems_name_the_yaml_line_of_the_field(root):
    written = _edit(root, REPORT, "written", "2019-03-20")
    published = _edit(root, REPORT, "published", "2019-03-01")
    synthetic = (root / REPORT).read_text(encoding="utf-8").count("\n") + 1
    with (root / REPORT).open("a", encoding="utf-8") as file:
        file.write("\nsynthetic: perhaps\n")
    assert written < published
    assert _problems(REPORT) == [
        f"{REPORT}:{published}: published: published before it was written",
        f"{REPORT}:{synthetic + 1}: synthetic: 'perhaps': input should be a valid boolean",
    ]


def test_a_plan_is_checked_like_a_report_plus_its_document_number(root):
    line = _edit(root, PLAN, "published", "unknown")
    assert _problems(PLAN) == []
    _edit(root, PLAN, "coverage", "partial")
    _edit(root, PLAN, "document_number", None)
    assert _problems(PLAN) == [
        f"{PLAN}: document_number: missing: the provenance needs the plan's document number",
        f"{PLAN}:{line + 1}: coverage: coverage is 'partial': expected full or excerpt",
    ]


def test_is_synthetic_is_what_the_provenance_says():
    from policy_review.review.trends import load_trends
    from policy_review.tables.load import load_year

    assert load_year("example", 2021).is_synthetic is True
    assert load_year("kaizhou", 2018).is_synthetic is False
    assert rv.load_review("example", 2022).is_synthetic is True
    assert load_trends("example").is_synthetic and not load_trends("kaizhou").is_synthetic


def test_synthetic_is_true_or_false_as_written(root):
    with (root / REPORT).open("a", encoding="utf-8") as file:
        file.write("\nsynthetic: 'yes'\n")
    (problem,) = _problems(REPORT)
    assert ": synthetic: 'yes': input should be a valid boolean" in problem


#: Ways of asking a provenance whether its data is synthetic other than ``is_synthetic``.
#: (a table's ``synthetic`` column, as the comparison's, is not a provenance)
ASKS_SYNTHETIC = re.compile(r"""(provenance|\bp)\s*\[\s*["']synthetic["']|\.get\(\s*["']synthetic["']""")


def test_only_is_synthetic_asks_whether_data_is_synthetic():
    """One way of asking (``RegionYear.is_synthetic``, which a ``YearReview`` and ``Trends`` share):
    no module reads the provenance's ``synthetic`` field itself, but the one that defines it."""
    assert lines_asking(ASKS_SYNTHETIC, "load.py") == []
    assert ASKS_SYNTHETIC.search('if r.provenance.get("synthetic"):')  # the pattern does find one
    assert ASKS_SYNTHETIC.search("p['synthetic'] is True")
    assert not ASKS_SYNTHETIC.search('df["comparable"] = ~df["synthetic"]')
