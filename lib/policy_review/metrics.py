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

from .labels import pick, t

LEVELS = ("evidenced", "mentioned", "claimed")  # reporting levels a report can give, strongest first
NOT_IN_EXCERPT = "not_in_excerpt"  # nothing in an excerpt: the part not available may hold it
SILENT = ("not_reported", NOT_IN_EXCERPT)  # an area's reporting when its text holds nothing of it


@dataclass(frozen=True)
class Metric:
    """One number's definition, in both languages: (English, Chinese) for each part."""

    name: tuple[str, str]
    counts: tuple[str, str]  # numerator, or what is counted
    over: tuple[str, str] | None  # denominator (None for a count)
    excluded: tuple[str, str]  # what is left out, and why

    def text(self, lang: str) -> str:
        body = t("metric_body", lang, name=pick(self.name, lang), counts=pick(self.counts, lang))
        if self.over:
            body += t("metric_over", lang, over=pick(self.over, lang))
        return t("metric_text", lang, body=body, excluded=pick(self.excluded, lang))


METRICS: dict[str, Metric] = {
    "plan_count": Metric(
        ("Task counts", "任务数量"),
        (
            "the number of tasks of a kind (annual, long-term) at a stage (announced, assigned, completed, "
            "completed on time, delayed) as a report states it, with its quote",
            "报告所述某类任务(年度、长期坚持)在某一阶段(预告、交办、完成、按期完成、滞后)的数量,附原文",
        ),
        None,
        (
            "nothing is added up or inferred: a stage the reports do not state stays blank",
            "不作加总或推算:报告未说明的阶段留空",
        ),
    ),
    "on_time_rate": Metric(
        ("On-time rate", "按期完成率"),
        ("annual tasks completed on time, as stated", "报告所述按期完成的年度任务数"),
        ("annual tasks assigned, as stated", "报告所述交办的年度任务数"),
        (
            "long-term tasks (they have no deadline); years where either count is not stated",
            "长期坚持任务(无完成时限);任一数量未说明的年度",
        ),
    ),
    "evidence_items": Metric(
        ("Evidence items", "报告事项"),
        (
            "passages of the report about a piece of work, each rated evidenced (a figure, named document, "
            "date or case), mentioned (work described, nothing concrete) or claimed (a blanket claim only)",
            "报告中关于某项工作的段落,分为有实证(有数据、文件名、日期或案例)、仅提及(只描述工作)、笼统声称(仅概括性表述)",
        ),
        None,
        (
            "passages that are not about work (headings, problems, plans for next year)",
            "与工作无关的段落(标题、问题、下一年度打算)",
        ),
    ),
    "evidence_rate": Metric(
        ("Evidence rate", "实证率"),
        ("evidence items rated evidenced", "有实证的报告事项数"),
        (
            "all evidence items: evidenced + mentioned + claimed (claims stay in: a report that only claims "
            "has a low rate, not none)",
            "全部报告事项:有实证 + 仅提及 + 笼统声称(笼统声称计入分母)",
        ),
        (
            "nothing of the report; but from an excerpt the rate covers only the part available, and is "
            "drawn hollow",
            "报告内容均计入;节选文本只反映现有部分,图中以空心点表示",
        ),
    ),
    "area_reporting": Metric(
        ("Reporting of an area", "领域报告情况"),
        (
            "the strongest level among the area's evidence items and the tasks of the area the report "
            "names (a task named with no work item is mentioned); not reported when there is neither, or not "
            "in the available part when the text is an excerpt",
            "该领域报告事项与报告点名任务中的最高等级(只点名未列事项的任务算作仅提及);两者皆无为未见报告,"
            "文本为节选时为不在现有部分",
        ),
        None,
        (
            "tasks listed only in a plan or ledger (the report does not name them); not reported never means "
            "not done",
            "仅见于计划或台账、报告未点名的任务;未见报告不等于未完成",
        ),
    ),
    "area_counts": Metric(
        ("Counts by area", "各领域数量"),
        (
            "evidence items of the area by reporting level; tasks of the area by progress as the report "
            "states "
            "it",
            "该领域按报告等级统计的报告事项数;按报告所述进展统计的任务数",
        ),
        None,
        (
            "items with no framework area (blanket claims covering every area are counted in their own area)",
            "未归入纲要领域的事项",
        ),
    ),
    "progress": Metric(
        ("Progress", "进展"),
        (
            "the category of what the report states (complete, continuing, delayed, not started, not rated), "
            "shown with the report's own word, e.g. delayed (进度稍缓, slowed)",
            "报告所述进展的类别(已完成、持续推进、滞后、未启动、未评定),并列报告原词,如 滞后(进度稍缓)",
        ),
        None,
        (
            "progress the report does not state is not rated, never assumed",
            "报告未说明的进展为未评定,不作推断",
        ),
    ),
    "task_accounting": Metric(
        ("Task accounting", "任务核对"),
        (
            "declared: tasks assigned (or, where not stated, announced); named: tasks the report names; not "
            "identifiable: declared − named (at least 0); evidence items given: items of the kind, claims "
            "excepted",
            "报告数量:交办数(未说明时为预告数);报告点名:报告点名的任务数;无法识别:报告数量 − 点名数(不小于0);"
            "报告列举事项:该类事项数(不含笼统声称)",
        ),
        None,
        ("tasks of a plan or ledger the report does not name", "报告未点名的计划或台账任务"),
    ),
    "rates_reported": Metric(
        ("Rates the report gives", "报告给出的比例"),
        (
            "percentages in the text, each under the year it describes (the year written just before it, "
            "else "
            "the report's year); an earlier year is a baseline",
            "文中的百分比,按其所述年度归类(紧邻其前所写年份,否则为报告年度);早于报告年度的为基数",
        ),
        None,
        (
            "baselines are shown as such and never compared as this year's highest or lowest",
            "基数单独标明,不作为本年度的最高或最低值",
        ),
    ),
    "figures": Metric(
        ("Figures", "数据"),
        (
            "numbers in the report text with value, unit and qualifier (余, 多, 近, 以上 …), each with its "
            "quoted sentence and "
            "offsets",
            "报告文本中的数字,含数值、单位和修饰词(余、多、近、以上等),附原句和位置",
        ),
        None,
        ("years, dates, document numbers, ordinals and list numbering", "年份、日期、文号、序数和条目编号"),
    ),
    "problems": Metric(
        ("Problems admitted", "承认的问题"),
        (
            "problems the report admits, by theme; recurs: the same theme is admitted in last year's report",
            "报告承认的问题,按主题;重复出现:上年报告承认了同一主题",
        ),
        None,
        (
            "recurrence cannot be judged when last year's report is not available",
            "上年报告缺失时无法判断是否重复",
        ),
    ),
    "commitments": Metric(
        ("Commitments", "工作打算"),
        ("next-year plans the report states", "报告载明的下一年度工作安排"),
        None,
        ("general intentions with no piece of work", "无具体工作的一般性表态"),
    ),
    "followthrough_rate": Metric(
        ("Follow-through rate", "打算落实可见率"),
        (
            "last year's commitments for this year that this report shows (evidenced or mentioned)",
            "上年对本年度的打算中本报告可见的(有实证或仅提及)",
        ),
        (
            "all of last year's commitments for this year, not found included",
            "上年对本年度的全部打算(含未见报告)",
        ),
        (
            "nothing; from an excerpt, not found may be in the part not available (drawn hollow)",
            "不排除;节选文本中未见的可能在缺失部分(图中以空心点表示)",
        ),
    ),
    "publication": Metric(
        ("Days to spare", "提前天数"),
        (
            "the publication deadline of the rule in force minus the date published",
            "现行规定的公开期限减去发布日期",
        ),
        None,
        ("reports whose publication date is not known", "发布日期不明的报告"),
    ),
    "statutory": Metric(
        ("Statutory check", "法定要求核对"),
        (
            "a required content item is covered when a section heading carries one of its keywords",
            "章节标题含有某项法定内容的关键词即视为覆盖",
        ),
        None,
        (
            "in an excerpt an item not found is cannot tell, not missing",
            "节选文本中未找到的为无法判断,而非缺失",
        ),
    ),
    "ledger_overdue": Metric(
        ("Overdue at a checkpoint", "时间节点逾期"),
        (
            "ledger tasks whose deadline is on or before the checkpoint and whose ledger status there is not "
            "complete",
            "完成时限不晚于该时间节点、且台账在该节点的进度不是已完成的任务",
        ),
        ("ledger tasks due by the checkpoint", "截至该节点已到期的台账任务"),
        ("long-term tasks and tasks with no deadline", "长期坚持任务及无完成时限的任务"),
    ),
    "recurring_themes": Metric(
        ("Recurring problems", "反复出现的问题"),
        (
            "problems admitted per theme and report; a theme recurs when admitted in two or more years",
            "各年度报告按主题承认的问题数;两个及以上年度承认的主题为重复出现",
        ),
        None,
        (
            "an excerpt year with no problem is n/a (its problems section may be in the part not available), "
            "not 0",
            "节选年度未见问题记为不适用(问题部分可能缺失),而非0",
        ),
    ),
}


def definition(key: str, lang: str) -> str:
    """The written definition of one metric, in ``lang``."""
    return METRICS[key].text(lang)


def definitions(keys, lang: str) -> list[str]:
    """The definitions of the metrics a page shows, for its data notes."""
    return [definition(k, lang) for k in keys]


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
)
TRENDS_PAGE_METRICS = (
    "plan_count",
    "on_time_rate",
    "evidence_rate",
    "followthrough_rate",
    "recurring_themes",
    "rates_reported",
)


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


def unreported(excerpt: bool) -> str:
    """What an area the text holds nothing of is: ``not_reported`` in a whole report,
    ``not_in_excerpt`` in an excerpt (the part not available may report it). The one place
    that decides it."""
    return NOT_IN_EXCERPT if excerpt else "not_reported"


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
_CLAUSE_STOPS = "。;;,,、\n"


def described_year(text: str, start: int, report_year: int) -> int:
    """The year a figure describes: a year written just before it in its clause (由2016年的19.55%
    → 2016), else the report's year."""
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
