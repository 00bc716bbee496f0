"""Trust is per row (issue 27, point 1): `policy-review draft` writes curated-shaped tables whose
rows are all ``review_status: extracted``; until a researcher reviews them, every view says the
review is a draft (with how many rows are reviewed), the summary and the index say so, and the
comparison flags the row and leaves it out of its rankings. Once every row is reviewed, it is
curated."""

from __future__ import annotations

import csv
import html
import json

import pytest

from policy_review.core.labels import t
from policy_review.pages import index_page, parts, year_page
from policy_review.review import compare, summary, year_review as rv
from tests.conftest import run_cli

REGION, YEAR = "tongliang", 2021


def _set_status(folder, status: str, rows: slice = slice(None)) -> int:
    """Mark ``rows`` of every drafted table in ``folder`` with ``status`` (a reviewed row gets the
    English gloss and area a reviewed row needs); returns how many rows were marked."""
    marked = 0
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
        if not table or "review_status" not in table[0]:
            continue
        for row in table[rows]:
            row["review_status"] = status
            if status == "reviewed":
                for column, value in (("summary_en", "Checked by hand."), ("label_en", "checked")):
                    if column in row and not row[column]:
                        row[column] = value
                if "area_id" in row and not row["area_id"]:
                    row["area_id"] = "organisation"
            marked += 1
        with file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(table)
    return marked


def _fresh(region: str, year: int, lang: str = "en") -> rv.YearReview:
    rv.region_tables.cache_clear()
    return rv.load_review(region, year, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_draft_nobody_reviewed_is_still_a_draft_everywhere(project_copy, lang):
    result = run_cli("draft", REGION, str(YEAR), env_root=project_copy)
    assert result.returncode == 0, result.stderr
    review = _fresh(REGION, YEAR, lang)
    counts = review.review_status
    assert review.has_curated_rows and counts["reviewed"] == 0 and counts["extracted"] > 0
    assert not review.curated
    # every view that depends on it carries the draft banner, with how many rows are reviewed
    banner = parts.banners(review).data
    assert t("partly_reviewed_banner", lang, reviewed=0, total=counts["extracted"]).split(":")[0] in banner
    assert parts.chart_banner(review) == t("tag_uncurated", lang)
    notes = year_page.data_notes(review).data
    assert t("note_curated", lang, region=REGION)[:12] not in notes
    assert str(counts["extracted"]) in notes
    # the summary, the index and the comparison say draft, not curated
    headline = summary.headline_of(review)
    assert headline["curated"] is False and headline["rows"] == counts["extracted"]
    line = summary.headline_text(headline, lang).splitlines()[1]
    assert t("hl_curated", lang) not in line.replace(t("hl_uncurated", lang), "")
    out = project_copy / "reports"
    (out / REGION).mkdir(parents=True)
    stem = str(YEAR) if lang == "en" else f"{YEAR}.{lang}"
    (out / REGION / f"{stem}.summary.json").write_text(json.dumps(headline), encoding="utf-8")
    (out / REGION / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
    index = index_page.write_index(out, []).read_text(encoding="utf-8")
    assert summary.curation(headline, lang) == t("hl_uncurated", lang)
    assert html.escape(t("hl_uncurated", lang)) in index
    row = compare.comparison_row(review)
    assert row["draft"] and row["rows_reviewed"] == 0 and row["rows"] == counts["extracted"]
    kaizhou = compare.comparison_row(rv.load_review("kaizhou", 2018, lang))
    ranked = compare.ranking(compare.Comparison(2021, lang, [dict(kaizhou, year=2021), row]))
    assert list(ranked["region"]) == ["kaizhou"]  # left out of the rankings until reviewed


def test_trust_follows_the_rows_as_they_are_reviewed(project_copy):
    assert run_cli("draft", REGION, str(YEAR), env_root=project_copy).returncode == 0
    folder = project_copy / "data" / "curated" / REGION
    _set_status(folder, "reviewed", slice(0, 1))  # the first row of each table
    partly = _fresh(REGION, YEAR)
    counts = partly.review_status
    assert 0 < counts["reviewed"] < counts["reviewed"] + counts["extracted"]
    assert not partly.curated
    banner = parts.banners(partly).data
    assert f"{counts['reviewed']} of the {counts['reviewed'] + counts['extracted']} rows" in banner
    assert "draft" in summary.headline_text(summary.headline_of(partly)).splitlines()[1]
    _set_status(folder, "reviewed")
    reviewed = _fresh(REGION, YEAR)
    assert reviewed.curated and reviewed.review_status["extracted"] == 0
    assert parts.banners(reviewed).data.count("pr-banner") == 1  # the excerpt's banner only
    assert not compare.comparison_row(reviewed)["draft"]


def test_the_shipped_curated_reports_are_reviewed_row_by_row():
    """Kaizhou's tables are curated by hand (no review_status column): every row is reviewed."""
    for year in (2018, 2019, 2020):
        review = rv.load_review("kaizhou", year)
        assert review.curated and review.review_status["extracted"] == 0
    assert not rv.load_review("wuhan", 2023).curated  # a draft from the text alone
