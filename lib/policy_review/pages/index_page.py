"""``reports/index.html``: every rendered run with its headline numbers, by region, self-contained
and offline.

The runs of a region are listed by year, with the region's trends pages beside them, and the
comparison pages across regions (``compare/<year>.html``) where a run made them. Every number
links to the section of the run's page that shows it; each column is explained under the tables.
Language: the index is in Chinese when every run in the folder is a Chinese run, else in English;
a Chinese run's row is in Chinese either way (its words, links and notes), marked ``lang="zh"``.
The document is laid out by ``templates/pages/index.html.j2`` (autoescape on).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from policy_review.core import labels, outputs
from policy_review.core.atomic import atomic_write_text
from policy_review.core.labels import t
from policy_review.pages import documents
from policy_review.review import metrics, summary
from policy_review.tables import names, vocabularies as v
from policy_review.tables.params import LANGS

#: Where each number of a row is shown on the run's page (the section headings' anchors).
SECTIONS = {
    "plan": "sec-funnel",
    "evidence": "sec-coverage",
    "figures": "sec-figures",
    "problems": "sec-problems",
    "followups": "sec-commitments",
}
#: The annual tasks' stages a row shows, in the funnel's order.
STAGES_SHOWN = (v.ANNOUNCED, v.ASSIGNED, v.COMPLETED_ON_TIME, v.DELAYED)


@dataclass
class Run:
    """One rendered year review: its summary (``<stem>.summary.json``) and where its page is."""

    region: str
    stem: str
    summary: dict
    failed: bool = False
    lang: str = field(init=False)
    year: int = field(init=False)

    def __post_init__(self):
        base, self.lang = outputs.parse_stem(self.stem)  # the name, not the file's word, says which
        self.year = int(base)

    @property
    def href(self) -> str:
        return f"{self.region}/{outputs.name(self.stem, outputs.PAGE)}"


def _summary(path: Path) -> dict | None:
    """A run's summary, or None where the file is not one a run wrote (a link, a FIFO, not JSON)."""
    try:
        summary = json.loads(outputs.read_output(path))
    except (OSError, ValueError, RecursionError):
        return None
    return summary if isinstance(summary, dict) else None


def _runs(out_dir: Path, region: str, failed: set[str]) -> list[Run]:
    """The year runs of a region's folder with a page and a sound summary (in the index's order)."""
    folder, runs = out_dir / region, []
    for stem in outputs.listed(folder, outputs.SUMMARY):
        base, lang = outputs.parse_stem(stem)
        if not base.isdigit() or lang not in LANGS:
            continue
        if not outputs.regular_file(folder / outputs.name(stem, outputs.PAGE)):
            continue
        summary = _summary(folder / outputs.name(stem, outputs.SUMMARY))
        if summary is not None:
            run = Run(region, stem, summary, failed=f"{region}/{stem}" in failed)
            if _row(run, "en") is not None:  # every number the row shows is there
                runs.append(run)
    return sorted(runs, key=lambda r: (r.year, r.lang != outputs.PLAIN_LANG, r.stem))


def _page_lang(stem: str) -> str:
    return outputs.parse_stem(stem)[1]


def index_language(runs: list[Run]) -> str:
    """The runs' language when they share one (a folder of Chinese runs has a Chinese index), else English."""
    return labels.common_language([r.lang for r in runs])


def _number(value, run: Run, section: str) -> dict:
    """A number of a row, linked to the section of the run's page that shows it."""
    if value is None:
        return {"text": "–", "href": None}
    return {"text": str(value), "href": f"{run.href}#{SECTIONS[section]}"}


def _row(run: Run, index_lang: str) -> dict | None:
    """One run's cells, in the run's language; None where its summary lacks what a row shows."""
    try:
        return _cells(run, index_lang)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def _cells(run: Run, index_lang: str) -> dict:
    h, lang = run.summary, run.lang
    annual, long_term = h["plan"][v.ANNUAL], h["plan"][v.LONG_TERM]
    ev, fu = h["evidence_items"], h["followups_of_last_year"]
    shown, total = metrics.METRICS["followthrough_rate"].parts(fu)
    facts = [t("ix_excerpt" if h.get("excerpt") else "ix_full", lang), summary.curation(h, lang)]
    if h.get("published"):
        facts.append(t("ix_published", lang, date=h["published"]))
    return {
        "lang": lang,
        "href": run.href,
        "year": run.year,
        "page_lang": t("ix_page_lang", lang) if lang != index_lang else None,
        "title": labels.stated(h.get("title"), lang),
        "facts": facts,
        "sep": t("list_sep", lang),
        "excerpt": bool(h.get("excerpt")),
        "failed": t("ix_failed_row", lang) if run.failed else None,
        v.ANNUAL: [_number(annual.get(s), run, "plan") for s in STAGES_SHOWN],
        v.LONG_TERM: _number(long_term.get(v.ASSIGNED), run, "plan"),
        "evidence": [_number(ev.get(level), run, "evidence") for level in v.LEVELS],
        "figures": _number(h.get("figures"), run, "figures"),
        "problems": _number(h.get("problems"), run, "problems"),
        "followups": {
            "text": t("ix_of", lang, shown=shown, total=total),
            "href": f"{run.href}#{SECTIONS['followups']}",
        }
        if total
        else {"text": "–", "href": None},
    }


def _region_name(runs: list[Run], region: str, lang: str) -> str:
    names = [r.summary.get("region_name") for r in sorted(runs, key=lambda r: r.lang != lang)]
    return next((n for n in names if n), region)


def _columns(lang: str) -> list[dict]:
    """Each column's heading and what it means (shown under the tables)."""
    rep = names.terms("reporting", lang)
    levels = labels.join([rep[level] for level in v.LEVELS], lang)
    annual = t("ix_def_annual", lang) + " " + metrics.definition("plan_count", lang)
    return [
        {"name": t("ix_col_year", lang), "means": t("ix_def_year", lang)},
        {
            "name": t("ix_col_report", lang),
            "means": t("ix_def_report", lang) + " " + metrics.definition("rows_reviewed", lang),
        },
        {"name": t("ix_group_annual", lang), "means": annual},
        {"name": t("ix_col_long_term", lang), "means": t("ix_def_long_term", lang)},
        {
            "name": t("ix_group_evidence", lang) + f" ({levels})",
            "means": metrics.definition("evidence_items", lang),
        },
        {"name": t("ix_col_figures", lang), "means": metrics.definition("figures", lang)},
        {"name": t("ix_col_problems", lang), "means": metrics.definition("problems", lang)},
        {"name": t("ix_col_followups", lang), "means": metrics.definition("followthrough_rate", lang)},
    ]


def _headers(lang: str) -> dict:
    rep = names.terms("reporting", lang)
    return {
        "year": t("ix_col_year", lang),
        "report": t("ix_col_report", lang),
        v.ANNUAL: t("ix_group_annual", lang),
        "stages": [t(f"ix_col_{s}", lang) for s in ("announced", "assigned", "on_time", "delayed")],
        "long_term": t("ix_col_long_term", lang),
        "evidence": t("ix_group_evidence", lang),
        "levels": [rep[level] for level in v.LEVELS],
        "figures": t("ix_col_figures", lang),
        "problems": t("ix_col_problems", lang),
        "followups": t("ix_col_followups", lang),
    }


def write_index(out_dir: Path, outcomes) -> Path:
    """Link every run that has HTML in ``out_dir`` (this invocation's and earlier ones), grouped by
    region with each region's trends pages, and the comparison pages; mark runs whose latest
    execution failed."""
    failed = {f"{o.region}/{o.stem}" for o in outcomes if not o.ok}
    regions, every_run = [], []
    for region in outputs.listed_regions(out_dir):
        runs = _runs(out_dir, region, failed)
        trends = [s for s in outputs.listed(out_dir / region, outputs.PAGE) if s.startswith(outputs.TRENDS)]
        if runs or trends:
            regions.append((region, runs, trends))
            every_run += runs
    lang = index_language(every_run)
    groups = []
    for region, runs, trends in regions:
        groups.append(
            {
                "id": f"region-{region}",
                "name": _region_name(runs, region, lang),
                "rows": [_row(r, lang) for r in runs],
                "trends": [
                    {
                        "href": f"{region}/{outputs.name(stem, outputs.PAGE)}",
                        "lang": _page_lang(stem),
                        "text": t("ix_trends_link", _page_lang(stem)),
                    }
                    for stem in trends
                ],
            }
        )
    compare_dir = out_dir / outputs.COMPARE_DIR
    compare = [
        {
            "href": f"{outputs.COMPARE_DIR}/{outputs.name(stem, outputs.PAGE)}",
            "lang": _page_lang(stem),
            "text": t("ix_compare_link", _page_lang(stem), year=outputs.parse_stem(stem)[0]),
        }
        for stem in (outputs.listed(compare_dir, outputs.PAGE) if outputs.real_folder(compare_dir) else [])
        if outputs.parse_stem(stem)[0].isdigit()
    ]
    page = documents.render(
        "index.html.j2",
        lang=lang,
        title=t("ix_title", lang),
        intro=t("ix_intro", lang),
        not_reported=t("not_reported_note", lang),
        groups=groups,
        headers=_headers(lang),
        columns=_columns(lang),
        failures=[o.failure_line() for o in outcomes if not o.ok],
        failed_heading=t("ix_failed_heading", lang),
        trends_label=t("ix_trends", lang),
        compare_heading=t("ix_compare_heading", lang),
        compare=compare,
        columns_heading=t("ix_columns_heading", lang),
        no_runs=t("ix_no_runs", lang),
    )
    return atomic_write_text(out_dir / outputs.INDEX, page, within=out_dir)
