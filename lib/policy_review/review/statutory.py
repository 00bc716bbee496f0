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
from policy_review.tables import vocabularies as v
from policy_review.tables.load import reference_table


def reporting_rule(year: int) -> dict:
    """The publication rule in force for a report on ``year`` (``data/reference/reporting_rules.csv``)."""
    for rule in reference_table("reporting_rules").to_dict("records"):
        last = rule["last_report_year"] if pd.notna(rule["last_report_year"]) else 9999
        if rule["first_report_year"] <= year <= last:
            return rule
    raise LookupError(f"no reporting rule covers report year {year}")


def rule_applies(rule_id: str, year: int) -> bool:
    """Whether the rule ``rule_id`` is in force for a report on ``year`` (from its first report
    year on, up to its last where it has one: ``reporting_rules.csv``)."""
    first, last = rule_years(rule_id)
    return first <= year and (last is None or year <= last)


def rule_years(rule_id: str) -> tuple[int, int | None]:
    """The first and last report years of the rule ``rule_id`` (None: still in force)."""
    rules = reference_table("reporting_rules").set_index("rule_id")
    first, last = rules.loc[rule_id, "first_report_year"], rules.loc[rule_id, "last_report_year"]
    return int(first), None if pd.isna(last) else int(last)


def publication_check(review: YearReview) -> dict:
    """Whether the report was published before the deadline of the rule in force. ``in_time`` is
    None when the publication date is not known (``published`` is None then): what is unknown is
    the date, so the answer says so (never "late")."""
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
    """Which content items the law asks of a report the report covers, with the passage.

    An item is ``required`` when the rule that asks for it (its ``rule_id``) is in force for the
    report's year: the five items of the 2019 regulation are not required of a report on 2018,
    and an item not required is "not required then" (``covered`` None), never "no", and is not
    counted (:func:`statutory_counts`); where it is found anyway, its passage is shown.

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
        review.evidence[review.evidence["reporting"] != v.CLAIMED]
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
        required = rule_applies(r["rule_id"], review.year)
        covered = True if found else (None if review.is_excerpt or not required else False)
        rows.append(
            {
                "item_id": r["item_id"],
                "name_zh": r["name_zh"],
                "name_en": r["name_en"],
                "required": required,
                "required_from": rule_years(r["rule_id"])[0],
                "covered": covered,
                **(
                    found
                    or {
                        "section": None,
                        "quote": None,
                        "start": None,
                        "found_by": "not required then"
                        if not required
                        else "not reached (excerpt)"
                        if review.is_excerpt
                        else "no heading or sentence",
                    }
                ),
            }
        )
    return pd.DataFrame(rows).astype({"covered": object})


def statutory_counts(review: YearReview) -> tuple[int, int]:
    """The required items the report covers, and how many items are required of it
    (``metrics.METRICS["statutory"]``): items not required in its year are not counted."""
    items = statutory_check(review)
    required = items[items["required"]]
    return int((required["covered"] == True).sum()), len(required)  # noqa: E712  (None: cannot tell)


def _section_of(sections: list[dict], position: int) -> str | None:
    return section_at(sections, position)
