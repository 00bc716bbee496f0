"""Every number the pages show, defined once: what is counted, over what, what is left out and why.

A researcher quotes these numbers, so each has one written definition here (:data:`METRICS`,
in English and Chinese) and the pages' data notes print the definitions of the numbers they
show (:func:`definitions`). The functions below compute the numbers whose meaning is easy to
get wrong:

- rates belong to the year they describe: a report on 2018 that says 由2016年的19.55%提高至
  2018年的45.88% gives a 2016 baseline and a 2018 result (:func:`report_rates`);
- an area counts as reported when the report names a task of it, even with no work item
  (:func:`area_reporting`); an area an excerpt never reaches is ``not_in_excerpt``, never
  ``not_reported`` (:func:`unreported`);
- the evidence rate keeps blanket claims in its denominator, and is shown with its counts
  (:func:`evidence_rate`, :func:`rate_with_counts`); every rate is computed from its definition's
  parts (:meth:`Metric.value`), so a page and its note cannot disagree;
- trust is per row: a row drafted from the text is ``extracted`` until a researcher marks it
  reviewed (:func:`review_status_counts`);
- a progress category keeps the report's own word beside it (进度稍缓 is "delayed" as a
  category, "slowed" in the report: :func:`stated_progress_word`);
- a year read from an excerpt or an uncurated draft is partial: charts draw it hollow
  (:func:`is_partial`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from policy_review.core.labels import t
from policy_review.sources.marks import CLAUSE_STOPS, LIST_STOP
from policy_review.sources.reading import read
from policy_review.tables import names, vocabularies as v
from policy_review.tables.vocabularies import LEVELS, unreported


@dataclass(frozen=True)
class Metric:
    """One number's definition: its parts are texts of the catalogue, in every language it has.

    A rate names the counts it adds up above the line (``numerator``) and below it
    (``denominator``), so that what a page computes and what its note prints are one definition
    (:meth:`value`); a count or a list has neither."""

    key: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        """Whether it is a rate (it has a denominator)."""
        return bool(self.denominator)

    def part(self, part: str, lang: str) -> str:
        """``name``, ``counts`` (the numerator, or what is counted), ``over`` (the denominator) or
        ``excluded`` (what is left out, and why)."""
        return t(f"metric_{self.key}_{part}", lang)

    def text(self, lang: str) -> str:
        body = t("metric_body", lang, name=self.part("name", lang), counts=self.part("counts", lang))
        if self.over:
            body += t("metric_over", lang, over=self.part("over", lang))
        return t("metric_text", lang, body=body, excluded=self.part("excluded", lang))

    def parts(self, counts: Mapping[str, int | None]) -> tuple[int | None, int | None]:
        """The rate's numerator and denominator from ``counts`` (None where a count is unknown)."""
        return _total(counts, self.numerator), _total(counts, self.denominator)

    def value(self, counts: Mapping[str, int | None]) -> float | None:
        """The rate from ``counts``, to three places (None where it is unknown or nothing is counted)."""
        return ratio(*self.parts(counts))


def _total(counts: Mapping[str, int | None], keys: tuple[str, ...]) -> int | None:
    values = [counts.get(k) for k in keys]
    if any(x is None or (isinstance(x, float) and pd.isna(x)) for x in values):
        return None
    return int(sum(values))


_ITEMS = (v.EVIDENCED, v.MENTIONED, v.CLAIMED)

#: Every number's definition, by key: its name, what it counts, over what (a rate), and what it
#: leaves out, each a text of the catalogue (``metric_<key>_<part>`` in ``core/labels.csv``).
METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("rows_reviewed", (v.REVIEWED,), (v.REVIEWED, v.EXTRACTED)),
        Metric("plan_count"),
        Metric("on_time_rate", (v.COMPLETED_ON_TIME,), (v.ASSIGNED,)),
        Metric("evidence_items"),
        Metric("evidence_rate", (v.EVIDENCED,), _ITEMS),
        Metric("area_reporting"),
        Metric("areas_reported"),
        Metric("area_counts"),
        Metric("progress"),
        Metric("task_accounting"),
        Metric("rates_reported"),
        Metric("figures"),
        Metric("figures_per_1000"),
        Metric("problems"),
        Metric("commitments"),
        Metric("followthrough_rate", v.FOLLOWUP_SHOWN, v.FOLLOWUP_STATUSES),
        Metric("publication"),
        Metric("statutory"),
        Metric("ledger_overdue", ("overdue",), ("due",)),
        Metric("recurring_themes"),
        Metric("province_evidenced", (v.EVIDENCED,), ("reached",)),
        Metric("recycled_sentence"),
        Metric("recycled_share", ("repeated",), ("sentences",)),
        Metric("recycled_passages", ("repeated",), ("passages",)),
        Metric("problems_again"),
        Metric("shared_runs", ("shared",), ("sentences",)),
    )
}


def definition(key: str, lang: str) -> str:
    """The written definition of one metric, in ``lang``."""
    return METRICS[key].text(lang)


def definitions(keys, lang: str) -> list[str]:
    """The definitions of the metrics a page shows, for its data notes."""
    return [definition(k, lang) for k in keys]


def rate(key: str, counts: Mapping[str, int | None]) -> float | None:
    """The rate ``key`` of ``METRICS`` from ``counts``: the one way every page computes it."""
    return METRICS[key].value(counts)


def shown_rate(key: str, counts: Mapping[str, int | None], lang: str) -> str:
    """The rate ``key`` as a page shows it, beside its counts: ``67% (2 of 3)``; blank when unknown."""
    return rate_with_counts(*METRICS[key].parts(counts), lang)


#: The definitions of what is repeated from last year's report (``review/recycling.py``).
RECYCLED_METRICS = ("recycled_sentence", "recycled_share", "recycled_passages", "problems_again")
#: The comparison's definitions of text shared between reports, printed in its own section.
COMPARE_PAGE_METRICS = ("recycled_sentence", "recycled_share", "shared_runs")

#: The numbers each page kind shows, by the key of their definition (its data notes print these).
PAGE_METRICS = {
    "year": (
        "rows_reviewed",
        "plan_count",
        "area_reporting",
        "areas_reported",
        "area_counts",
        "evidence_items",
        "evidence_rate",
        "progress",
        "task_accounting",
        "figures",
        "rates_reported",
        "problems",
        "commitments",
        "followthrough_rate",
        "publication",
        "statutory",
        *RECYCLED_METRICS,
    ),
    "ledger": ("ledger_overdue",),
    "trends": (
        "rows_reviewed",
        "plan_count",
        "on_time_rate",
        "evidence_rate",
        "followthrough_rate",
        "recurring_themes",
        "rates_reported",
        *RECYCLED_METRICS,
    ),
    "compare": (
        "rows_reviewed",
        "publication",
        "statutory",
        "plan_count",
        "evidence_items",
        "evidence_rate",
        "figures_per_1000",
        "areas_reported",
        "province_evidenced",
        "problems",
        "followthrough_rate",
    ),
    "index": ("rows_reviewed", "plan_count", "evidence_items", "figures", "problems", "followthrough_rate"),
}


# ---------------------------------------------------------------- rates and counts


def ratio(numerator: int | None, denominator: int | None) -> float | None:
    """``numerator / denominator`` to three places, or None where either is unknown or nothing is counted."""
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def rate_with_counts(numerator: int | None, denominator: int | None, lang: str) -> str:
    """A rate as shown beside its counts: ``67% (2 of 3)`` / ``67%(3项中2项)``; blank when unknown."""
    r = ratio(numerator, denominator)
    if r is None:
        return ""
    return t("rate_with_counts", lang, rate=f"{r:.0%}", numerator=numerator, denominator=denominator)


def evidence_counts(evidence: pd.DataFrame) -> dict[str, int]:
    """Evidence items by reporting level."""
    counts = evidence["reporting"].value_counts().to_dict() if not evidence.empty else {}
    return {level: int(counts.get(level, 0)) for level in LEVELS}


def evidence_rate(evidence: pd.DataFrame) -> float | None:
    """Evidenced items ÷ all items (evidenced + mentioned + claimed): ``METRICS["evidence_rate"]``."""
    return rate("evidence_rate", evidence_counts(evidence))


def followthrough_rate(counts: Mapping[str, int]) -> float | None:
    """Last year's commitments this report shows ÷ all of them: ``METRICS["followthrough_rate"]``."""
    return rate("followthrough_rate", counts)


def is_partial(review) -> bool:
    """Whether a year's numbers come from less than a whole reviewed report (an excerpt or a
    draft with rows nobody has reviewed): such years are drawn hollow, never as a line's real turn."""
    return bool(review.is_excerpt or not review.curated)


# ---------------------------------------------------------------- trust, row by row


def review_status_counts(frames) -> dict[str, int]:
    """Rows by review status over ``frames`` (the tables a page uses): a row is ``extracted`` when
    its ``review_status`` says so (drafted from the text, not reviewed yet), else ``reviewed`` (a
    table curated by hand has no status: its rows are reviewed). See ``METRICS["rows_reviewed"]``."""
    extracted = reviewed = 0
    for frame in frames:
        if frame is None or frame.empty:
            continue
        if "review_status" in frame:
            n = int((frame["review_status"] == v.EXTRACTED).sum())
        else:
            n = 0
        extracted += n
        reviewed += len(frame) - n
    return {v.REVIEWED: reviewed, v.EXTRACTED: extracted}


# ---------------------------------------------------------------- areas


def area_reporting(
    evidence: pd.DataFrame, tasks: pd.DataFrame, areas: dict[str, str], excerpt: bool = False
) -> pd.DataFrame:
    """Per framework area: evidence items by level, named tasks by reporting level, and the
    area's reporting (the strongest of both, else :func:`unreported`): see ``METRICS["area_reporting"]``."""
    named = tasks
    if not tasks.empty:
        named = tasks[(tasks["basis"] == "named") | tasks["start"].notna()] if "basis" in tasks else tasks
        named = named[named["reporting"].isin(LEVELS)]
    rows = []
    for area_id, name in areas.items():
        row = {"area_id": area_id, "area": name}
        items = evidence[evidence["area_id"] == area_id] if not evidence.empty else evidence
        tk = named[named["area_id"] == area_id] if not named.empty else named
        for level in LEVELS:
            row[level] = int((items["reporting"] == level).sum()) if not items.empty else 0
            row[f"tasks_{level}"] = int((tk["reporting"] == level).sum()) if not tk.empty else 0
        row["tasks_named"] = len(tk)
        row["area_reporting"] = next(
            (lv for lv in LEVELS if row[lv] or row[f"tasks_{lv}"]), unreported(excerpt)
        )
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- rates by the year they describe

_YEAR_BEFORE = re.compile(r"(?<!\d)(20\d\d|19\d\d)年(?:度|底|末|全年)?的?$")
_CLAUSE_STOPS = CLAUSE_STOPS + LIST_STOP


def described_year(text: str, start: int, report_year: int) -> int:
    """The year a figure describes: a year written just before it in its clause (由2016年的19.55%
    → 2016), else the report's year. Read on the text's analysis view."""
    reading = read(text)
    text, start = reading.text, reading.view_offset(start)
    left = max(text.rfind(s, 0, start) for s in _CLAUSE_STOPS) + 1
    before = text[max(left, start - 12) : start]
    m = _YEAR_BEFORE.search(before)
    return int(m.group(1)) if m else report_year


def report_rates(review) -> pd.DataFrame:
    """The percentages the report gives, each with the year it describes and whether it is a
    baseline (a year before the report's): see ``METRICS["rates_reported"]``."""
    f = review.figures
    cols = [
        "figure_id",
        "value",
        "raw",
        "qualifier",
        "label_zh",
        "label_en",
        "start",
        "end",
        "year",
        "baseline",
    ]
    if f.empty:
        return pd.DataFrame(columns=cols)
    pct = f[f["kind"] == "percent"].copy()
    pct["year"] = [described_year(review.text, int(s), review.year) for s in pct["start"]]
    pct["baseline"] = pct["year"] < review.year
    for col in ("qualifier", "label_en"):
        if col not in pct:
            pct[col] = None
    return pct[cols].reset_index(drop=True)


def lowest_rate_of_year(review):
    """The lowest rate that describes the report's own year (baselines left out), or None."""
    r = report_rates(review)
    r = r[~r["baseline"]]
    return None if r.empty else r.loc[r["value"].idxmin()]


# ---------------------------------------------------------------- progress in the report's words


def stated_progress_word(text: str, start, end, progress: str) -> str | None:
    """The report's own word for a task's progress category, from the sentence that names the
    task (the nearest after the name, else before it): 进度稍缓 for a task rated ``delayed``."""
    words = names.progress_words()
    if start is None or pd.isna(start) or progress not in words:
        return None
    start, end = int(start), int(end)
    stops = "。;;\n"
    left = max(text.rfind(s, 0, start) for s in stops) + 1
    rights = [i for i in (text.find(s, end) for s in stops) if i != -1]
    right = min(rights) if rights else len(text)
    after, before = text[end:right], text[left:start]
    best = None
    for word in words[progress]:
        at = after.find(word)
        if at != -1 and (best is None or at < best[0]):
            best = (at, word)
    if best:
        return best[1]
    return next((w for w in words[progress] if w in before), None)


def progress_label(category_name: str, word: str | None, lang: str) -> str:
    """A progress category shown with the report's word: ``delayed (进度稍缓, “progress somewhat
    slowed”)`` / ``滞后（原文：进度稍缓）``."""
    if not word:
        return category_name
    gloss = names.progress_gloss(word)
    return t(
        "progress_word_gloss" if gloss else "progress_word",
        lang,
        category=category_name,
        word=word,
        gloss=gloss,
    )


def word_in_quote(quote, progress: str) -> str | None:
    """The report's word for ``progress`` in a quoted passage (e.g. a plan count's quote
    3项因受机构改革影响进度稍缓 → 进度稍缓), or None."""
    words = names.progress_words()
    if not isinstance(quote, str) or progress not in words:
        return None
    return next((w for w in words[progress] if w in quote), None)
