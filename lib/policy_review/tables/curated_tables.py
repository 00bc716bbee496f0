"""The declaration of every curated table (``data/curated/<region>/``): plan counts, tasks,
evidence, figures, problems, commitments, follow-ups and the countdown ledger, and the columns a
drafted row carries until a researcher reviews it."""

from __future__ import annotations

from policy_review.tables.columns import (
    AREA,
    SECTION,
    SUMMARY,
    Col,
    Table,
    id_column,
    name_columns,
    passage_columns,
    report_year_column,
)

_KIND = Col("kind", vocab="task_kind", description="annual or long-term (长期坚持)", example="annual")

#: Columns every curated table may carry for rows drafted from the text
#: (``policy-review draft``): whether a researcher has reviewed the row, and what decided it.
DRAFT_COLUMNS = (
    Col(
        "review_status",
        optional=True,
        vocab="review_status",
        description="extracted (drafted from the text, not reviewed) or reviewed; empty: reviewed",
        example="extracted",
    ),
    Col(
        "draft_basis",
        optional=True,
        description="what decided the drafted row's calls",
        example="area: functions (score 13: 证明事项、审批); reporting: figure 67项",
    ),
)
#: Cells a drafted row may leave empty until it is reviewed (its area when not classified,
#: the English gloss a researcher writes).
FILLED_ON_REVIEW = ("area_id", "summary_en", "label_en")

CURATED = {
    table.name: table
    for table in (
        Table(
            "plan_counts",
            "plan count",
            (
                id_column("count_id", "pc-2019-annual-announced"),
                Col("plan_year", "year", description="the year the tasks are for", example="2019"),
                _KIND,
                Col("stage", vocab="plan_stage", description="what the count counts", example="assigned"),
                Col("count", "count", description="how many tasks", unit="tasks", example="15"),
                report_year_column("the report the quote is in"),
                *passage_columns(what="the passage that states the count"),
                Col("note", optional=True, description="the reviewer's note", example=""),
            ),
            "quote",
            title="how many tasks of each kind, at each stage",
        ),
        Table(
            "tasks",
            "task",
            (
                id_column("task_id", "t-2018-a01"),
                Col("plan_year", "year", description="the year the task is for", example="2018"),
                _KIND,
                *name_columns("the task", "证明事项清单", "List of certification (proof) items"),
                AREA,
                Col("lead_unit", optional=True, description="the unit responsible", example="区司法局"),
                Col(
                    "deadline", "date", optional=True, description="the task's deadline", example="2021-06-30"
                ),
                Col("basis", vocab="task_basis", description="how we know the task", example="named"),
                Col(
                    "reporting",
                    vocab="reporting",
                    description="how the report covers it",
                    example="evidenced",
                ),
                Col(
                    "progress",
                    vocab="progress",
                    description="its progress as the report states it",
                    example="complete",
                ),
                report_year_column("the report that names it"),
                *passage_columns(
                    optional=True,
                    what="the passage that names the task",
                    note="required when `basis` is `named`; all three or none",
                ),
                Col("note", optional=True, description="the reviewer's note", example=""),
            ),
            "quote",
            title="task-level plan rows where the task is known",
        ),
        Table(
            "evidence",
            "evidence item",
            (
                id_column("evidence_id", "ev-2018-001"),
                report_year_column(),
                SECTION,
                AREA,
                Col(
                    "task_id",
                    optional=True,
                    ref="tasks",
                    description="the task the passage reports on",
                    example="t-2018-a01",
                ),
                Col(
                    "kind",
                    vocab="task_kind",
                    description="which part of the report it sits in",
                    example="annual",
                ),
                Col(
                    "reporting",
                    vocab="reporting",
                    description="how concrete the passage is (never `not_reported`)",
                    example="evidenced",
                ),
                *passage_columns(),
                SUMMARY,
            ),
            "quote",
            title="passages of a report about a piece of work",
        ),
        Table(
            "figures",
            "figure",
            (
                id_column("figure_id", "fig-2018-001"),
                report_year_column(),
                Col(
                    "value",
                    "number",
                    description="the number: `2000余项` → 2000; `1.8万件` → 18000; "
                    "`45.88%` → 45.88; `九成以上` → 90",
                    unit="the row's `unit`",
                    example="2000",
                ),
                Col(
                    "unit",
                    description="counter or unit as written (`项`, `件`, `人次`, `%`, `万元`, ...); "
                    "`万` multiplies into the value except in money units (`516万元` → 516, `万元`); `成` "
                    "becomes `%`",
                    example="项",
                ),
                Col(
                    "qualifier",
                    optional=True,
                    description="`余`, `多`, `近`, `约`, `以上`, `左右`, `之多`",
                    example="余",
                ),
                Col("raw", description="the span as written; `text[start:end] == raw`", example="2000余项"),
                Col("label_zh", description="what it counts, in Chinese", example="证明事项"),
                Col("label_en", description="what it counts, in English", example="certification items"),
                Col("kind", vocab="figure_kind", description="what kind of number it is", example="count"),
                Col(
                    "evidence_id",
                    optional=True,
                    ref="evidence",
                    description="the evidence item it sits in",
                    example="ev-2018-002",
                ),
                Col(
                    "start",
                    "offset",
                    description="where `raw` starts in the report text",
                    unit="characters",
                    example="253",
                ),
                Col(
                    "end",
                    "offset",
                    description="where `raw` ends (exclusive)",
                    unit="characters",
                    example="256",
                ),
            ),
            "raw",
            title="numbers in the text",
        ),
        Table(
            "issues",
            "issue",
            (
                id_column("issue_id", "is-2018-01"),
                report_year_column(),
                Col(
                    "theme",
                    vocab="problem_theme",
                    description="the kind of problem",
                    example="uneven_attention",
                ),
                AREA,
                *passage_columns(),
                SUMMARY,
            ),
            "quote",
            title="problems a report admits",
        ),
        Table(
            "commitments",
            "commitment",
            (
                id_column("commitment_id", "cm-2018-01"),
                report_year_column("the report that states it"),
                Col("for_year", "year", description="the year it is for (`report_year + 1`)", example="2019"),
                SECTION,
                AREA,
                Col("task_id", optional=True, ref="tasks", description="the task it continues", example=""),
                *passage_columns(),
                SUMMARY,
            ),
            "quote",
            title="next-year plans a report states",
        ),
        Table(
            "followups",
            "follow-up",
            (
                id_column("followup_id", "fu-2019-01"),
                Col(
                    "commitment_id",
                    ref="commitments",
                    description="the commitment followed up",
                    example="cm-2018-01",
                ),
                report_year_column("the report that follows it up (`for_year` of the commitment)", "2019"),
                Col(
                    "status",
                    vocab="followup_status",
                    description="what the report says of it",
                    example="evidenced",
                ),
                *passage_columns(
                    optional=True, note="empty when `status` is `not_found`, required otherwise"
                ),
                Col(
                    "reason",
                    optional=True,
                    description="why: required for `not_found` (e.g. the source is an excerpt)",
                    example="the 2019 source is an excerpt that stops mid-sentence",
                ),
                Col(
                    "reason_zh",
                    optional=True,
                    description="the reason in Chinese, shown on Chinese pages (the English "
                    "`reason` where it is empty)",
                    example="2019年度来源为中途截断的节选,落实情况可能在缺失部分",
                ),
                SUMMARY,
            ),
            "quote",
            title="what the next report says of each commitment",
        ),
        # the countdown ledger (倒计时工作台账): a task's progress at each checkpoint; one row per
        # (task_id, checkpoint), so no single column is unique
        Table(
            "ledger",
            "ledger entry",
            (
                Col(
                    "task_id",
                    ref="tasks",
                    description="the task",
                    example="t-2021-a001",
                    description_zh="任务编号,须为同一地区tasks.csv中的task_id",
                ),
                Col(
                    "checkpoint",
                    "date",
                    description="the checkpoint date, within the task's `plan_year`; "
                    "usually 03-31, 06-30, 09-30 and 12-31",
                    example="2021-03-31",
                    description_zh="时间节点,格式YYYY-MM-DD,须在任务所属年度内",
                ),
                Col(
                    "status",
                    vocab="progress",
                    description="progress at that checkpoint",
                    example="continuing",
                    description_zh="该节点的进度",
                ),
                Col(
                    "note",
                    optional=True,
                    description="what the ledger says, in the ledger's words (e.g. the reason for a delay)",
                    example="已起草实施方案,正在征求意见",
                    description_zh="台账备注,如滞后原因",
                ),
            ),
            key=("task_id", "checkpoint"),
            title="the countdown ledger (倒计时工作台账), optional",
        ),
    )
}


def _with_draft_columns(table: Table) -> Table:
    return Table(
        table.name, table.noun, table.columns + DRAFT_COLUMNS, table.text_column, table.title, table.key
    )


CURATED = {
    name: (_with_draft_columns(table) if name != "ledger" else table) for name, table in CURATED.items()
}

#: Curated tables that cite a report (``report_year``, and a passage where ``text_column`` is set).
REPORT_TABLES = tuple(name for name, table in CURATED.items() if "report_year" in table.column_names)
