"""What the law asks of a report: the publication deadline of the rule in force for its year
(``data/reference/reporting_rules.csv``) and the content items it must cover
(``statutory_requirements.csv``), each found in the report with its passage or not."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from policy_review.draft.figures import section_at
from policy_review.review.year_review import YearReview, sentence_around
from policy_review.sources import provenance
from policy_review.sources.reading import read
from policy_review.tables.load import reference_table


def reporting_rule(year: int) -> dict:
    """The publication rule in force for a report on ``year`` (``data/reference/reporting_rules.csv``)."""
    for rule in reference_table("reporting_rules").to_dict("records"):
        last = rule["last_report_year"] if pd.notna(rule["last_report_year"]) else 9999
        if rule["first_report_year"] <= year <= last:
            return rule
    raise LookupError(f"no reporting rule covers report year {year}")


def publication_check(review: YearReview) -> dict:
    """Whether the report was published before the deadline of the rule in force."""
    rule = reporting_rule(review.year)
    deadline = dt.date.fromisoformat(f"{review.year + 1}-{rule['deadline_month_day']}")
    published_date = provenance.published_date(review.provenance)
    return {
        "rule_id": rule["rule_id"],
        "rule": rule["name_zh"],
        "rule_en": rule["name_en"],
        "deadline": f"before {deadline.isoformat()}",
        "deadline_date": deadline.isoformat(),
        "published": published_date.isoformat() if published_date else None,
        "in_time": (published_date < deadline) if published_date else None,
        "days_to_spare": (deadline - published_date).days if published_date else None,
    }


def statutory_check(review: YearReview) -> pd.DataFrame:
    """Which of the five content items required since 2019 the report covers, with the passage.

    An item is covered when a section heading of the report carries one of its ``keywords``
    (``data/reference/statutory_requirements.csv``), else when a sentence of the report
    carries one of its ``passage_keywords``
    (``found_by`` says which); the measures and results of the year are also covered by the
    report's first work passage (an evidence item). In an excerpt, an item not found is
    "cannot tell (excerpt)", never "no"."""
    req = reference_table("statutory_requirements").sort_values("order")
    sections = review.extraction.get("sections", [])
    reading = read(review.text)
    work = (
        review.evidence[review.evidence["reporting"] != "claimed"]
        if not review.evidence.empty
        else review.evidence
    )
    rows = []
    for _, r in req.iterrows():
        pattern = re.compile("|".join(map(re.escape, r["keywords"].split("|"))))
        found = None
        hit = next((s for s in sections if pattern.search(s.get("title", ""))), None)
        if hit is not None:
            found = {
                "section": hit.get("path"),
                "quote": hit.get("title"),
                "start": hit.get("start"),
                "found_by": "heading",
            }
        elif pd.notna(r.get("passage_keywords")) and r.get("passage_keywords"):
            in_passage = re.compile("|".join(map(re.escape, r["passage_keywords"].split("|"))))
            for match in in_passage.finditer(reading.text):
                if not reading.in_furniture(match.start()):
                    start, end = reading.original_span(match.start(), match.end())
                    quote = sentence_around(review.text, start, end)
                    found = {
                        "section": _section_of(sections, start),
                        "quote": quote,
                        "start": review.text.find(quote, max(0, start - len(quote))),
                        "found_by": "passage",
                    }
                    break
        if found is None and r["item_id"] == "next_year_plans" and not review.commitments.empty:
            first = review.commitments.sort_values("start").iloc[0]  # a closing 下一步 paragraph
            found = {
                "section": first["section_path"],
                "quote": first["quote"],
                "start": int(first["start"]),
                "found_by": "commitment",
            }
        if found is None and r["item_id"] == "measures_results" and not work.empty:
            first = work.sort_values("start").iloc[0]
            found = {
                "section": first["section_path"],
                "quote": first["quote"],
                "start": int(first["start"]),
                "found_by": "work passage",
            }
        covered = True if found else (None if review.is_excerpt else False)
        rows.append(
            {
                "item_id": r["item_id"],
                "name_zh": r["name_zh"],
                "name_en": r["name_en"],
                "covered": covered,
                **(
                    found
                    or {
                        "section": None,
                        "quote": None,
                        "start": None,
                        "found_by": "not reached (excerpt)"
                        if review.is_excerpt
                        else "no heading or sentence",
                    }
                ),
            }
        )
    return pd.DataFrame(rows).astype({"covered": object})


def _section_of(sections: list[dict], position: int) -> str | None:

    return section_at(sections, position)
