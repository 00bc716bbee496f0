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
  (:func:`evidence_rate`, :func:`rate_with_counts`);
- a progress category keeps the report's own word beside it (进度稍缓 is "delayed" as a
  category, "slowed" in the report: :func:`stated_progress_word`);
- a year read from an excerpt or an uncurated draft is partial: charts draw it hollow
  (:func:`is_partial`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from policy_review.core.labels import t
from policy_review.sources.marks import CLAUSE_STOPS, LIST_STOP
from policy_review.sources.reading import read
from policy_review.tables.vocabularies import LEVELS, unreported


@dataclass(frozen=True)
class Metric:
    """One number's definition: its parts are texts of the catalogue, in every language it has."""

    key: str
    over: bool  # a rate: it has a denominator

    def part(self, part: str, lang: str) -> str:
        """``name``, ``counts`` (the numerator, or what is counted), ``over`` (the denominator) or
        ``excluded`` (what is left out, and why)."""
        return t(f"metric_{self.key}_{part}", lang)

    def text(self, lang: str) -> str:
        body = t("metric_body", lang, name=self.part("name", lang), counts=self.part("counts", lang))
        if self.over:
            body += t("metric_over", lang, over=self.part("over", lang))
        return t("metric_text", lang, body=body, excluded=self.part("excluded", lang))


#: Every number's definition, by key: its name, what it counts, over what (a rate), and what it
#: leaves out, each a text of the catalogue (``metric_<key>_<part>`` in ``core/labels.csv``).
METRICS: dict[str, Metric] = {
    "plan_count": Metric("plan_count", over=False),
    "on_time_rate": Metric("on_time_rate", over=True),
    "evidence_items": Metric("evidence_items", over=False),
    "evidence_rate": Metric("evidence_rate", over=True),
    "area_reporting": Metric("area_reporting", over=False),
    "area_counts": Metric("area_counts", over=False),
    "progress": Metric("progress", over=False),
    "task_accounting": Metric("task_accounting", over=False),
    "rates_reported": Metric("rates_reported", over=False),
    "figures": Metric("figures", over=False),
    "problems": Metric("problems", over=False),
    "commitments": Metric("commitments", over=False),
    "followthrough_rate": Metric("followthrough_rate", over=True),
    "publication": Metric("publication", over=False),
    "statutory": Metric("statutory", over=False),
    "ledger_overdue": Metric("ledger_overdue", over=True),
    "recurring_themes": Metric("recurring_themes", over=False),
    "recycled_sentence": Metric("recycled_sentence", over=False),
    "recycled_share": Metric("recycled_share", over=True),
    "recycled_passages": Metric("recycled_passages", over=True),
    "problems_again": Metric("problems_again", over=False),
    "shared_runs": Metric("shared_runs", over=True),
}


def definition(key: str, lang: str) -> str:
    """The written definition of one metric, in ``lang``."""
    return METRICS[key].text(lang)


def definitions(keys, lang: str) -> list[str]:
    """The definitions of the metrics a page shows, for its data notes."""
    return [definition(k, lang) for k in keys]


#: The definitions of what is repeated from last year's report (``review/recycling.py``).
RECYCLED_METRICS = ("recycled_sentence", "recycled_share", "recycled_passages", "problems_again")
YEAR_PAGE_METRICS = (
    "plan_count",
    "area_reporting",
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
)
TRENDS_PAGE_METRICS = (
    "plan_count",
    "on_time_rate",
    "evidence_rate",
    "followthrough_rate",
    "recurring_themes",
    "rates_reported",
    *RECYCLED_METRICS,
)
#: The comparison's definitions of recycled text (its other notes are sentences of their own).
COMPARE_PAGE_METRICS = ("recycled_sentence", "recycled_share", "shared_runs")


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
    """Evidenced items ÷ all items (evidenced + mentioned + claimed): see ``METRICS["evidence_rate"]``."""
    c = evidence_counts(evidence)
    return ratio(c["evidenced"], sum(c.values()))


def is_partial(review) -> bool:
    """Whether a year's numbers come from less than a whole reviewed report (an excerpt or an
    uncurated draft): such years are drawn hollow, never as a line's real turn."""
    return bool(review.is_excerpt or not review.curated)


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

#: What reports write for the progress categories whose plain name says more (or less) than the
#: report: "delayed" for 进度稍缓 reads as late, where the report says slowed. Longest first.
PROGRESS_WORDS = {
    "delayed": ("进度稍缓", "进度滞后", "进展缓慢", "推进缓慢", "未按期完成", "延期", "推迟", "滞后", "稍缓"),
    "not_started": ("尚未启动", "未启动", "尚未开展"),
}

#: English glosses of those words, for the English pages.
PROGRESS_GLOSS = {
    "进度稍缓": "progress somewhat slowed",
    "进度滞后": "behind schedule",
    "进展缓慢": "slow progress",
    "推进缓慢": "slow progress",
    "未按期完成": "not completed on time",
    "延期": "postponed",
    "推迟": "postponed",
    "滞后": "behind",
    "稍缓": "somewhat slowed",
    "尚未启动": "not yet started",
    "未启动": "not started",
    "尚未开展": "not yet begun",
}


def stated_progress_word(text: str, start, end, progress: str) -> str | None:
    """The report's own word for a task's progress category, from the sentence that names the
    task (the nearest after the name, else before it): 进度稍缓 for a task rated ``delayed``."""
    if start is None or pd.isna(start) or progress not in PROGRESS_WORDS:
        return None
    start, end = int(start), int(end)
    stops = "。;;\n"
    left = max(text.rfind(s, 0, start) for s in stops) + 1
    rights = [i for i in (text.find(s, end) for s in stops) if i != -1]
    right = min(rights) if rights else len(text)
    after, before = text[end:right], text[left:start]
    best = None
    for word in PROGRESS_WORDS[progress]:
        at = after.find(word)
        if at != -1 and (best is None or at < best[0]):
            best = (at, word)
    if best:
        return best[1]
    return next((w for w in PROGRESS_WORDS[progress] if w in before), None)


def progress_label(category_name: str, word: str | None, lang: str) -> str:
    """A progress category shown with the report's word: ``delayed (进度稍缓, “progress somewhat
    slowed”)`` / ``滞后(原文:进度稍缓)``."""
    if not word:
        return category_name
    gloss = PROGRESS_GLOSS.get(word)
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
    if not isinstance(quote, str) or progress not in PROGRESS_WORDS:
        return None
    return next((w for w in PROGRESS_WORDS[progress] if w in quote), None)
