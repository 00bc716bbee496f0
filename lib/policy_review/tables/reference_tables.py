"""The declaration of every reference table (``data/reference/``): the national frameworks and
their crosswalk, term lists, vocabularies, statutory requirements and reporting rules, the
words for slowed or unstarted work, and the provinces."""

from __future__ import annotations

from policy_review.tables.columns import (
    ORDER,
    Col,
    Table,
    id_column,
    in_force_columns,
    name_columns,
)

REFERENCE = {
    table.name: table
    for table in (
        Table(
            "areas",
            "area",
            (
                id_column("area_id", "functions", "unique id of the area"),
                ORDER,
                *name_columns(
                    "the area",
                    "依法全面履行政府职能",
                    "Performing government functions fully according to law",
                ),
            ),
            title="the areas of the rule-of-law government framework",
        ),
        Table(
            "vocabularies",
            "vocabulary",
            (
                Col(
                    "vocabulary",
                    description="the vocabulary's name, as a column's allowed values cite it",
                    example="task_kind",
                ),
                Col(
                    "value",
                    description="a value the cells may hold, written as in the tables",
                    example="annual",
                ),
                ORDER,
                *name_columns("the value", "年度任务", "annual"),
                Col(
                    "description",
                    optional=True,
                    description="what the value means",
                    example="a task for one year",
                ),
            ),
            title="the allowed values of the curated tables' coded columns",
            key=("vocabulary", "value"),
        ),
        Table(
            "statutory_requirements",
            "statutory requirement",
            (
                id_column("item_id", "measures_results", "unique id of the item"),
                ORDER,
                Col(
                    "rule_id",
                    ref="reporting_rules",
                    description="the rule that requires the item",
                    example="supervision_2019",
                ),
                *name_columns(
                    "what the report must contain",
                    "上一年度推进法治政府建设的主要举措和成效",
                    "Main measures and results of the past year",
                ),
                Col(
                    "keywords",
                    description="headings that show the item is there, separated by `|`",
                    example="主要工作|主要举措|成效",
                ),
                Col(
                    "passage_keywords",
                    optional=True,
                    description="phrases that show the item in a sentence of the report, separated by `|`",
                    example="第一责任人",
                ),
            ),
            title="what a report must contain, item by item",
        ),
        Table(
            "reporting_rules",
            "reporting rule",
            (
                id_column("rule_id", "supervision_2019", "unique id of the rule"),
                *name_columns(
                    "the rule's title",
                    "法治政府建设与责任落实督察工作规定",
                    "Regulation on supervising rule-of-law government building and accountability",
                ),
                *in_force_columns("the rule", "2019-05-06", "2019", "2018"),
                Col(
                    "deadline_month_day",
                    "month_day",
                    description="publication deadline, in the year after the report year",
                    example="04-01",
                ),
                Col(
                    "deadline_zh",
                    description="the deadline as the rule words it",
                    example="每年4月1日之前报告上一年度法治政府建设情况并向社会公开",
                ),
                Col(
                    "deadline_en",
                    description="the deadline in English",
                    example="report on the past year and publish it before 1 April",
                ),
            ),
            title="the rules on when reports are due and what they contain",
        ),
        # the national outlines by the years they cover; areas.csv holds the 2015–2020 areas
        Table(
            "frameworks",
            "framework",
            (
                Col("framework_id", unique=True, description="the outline", example="outline_2021_2025"),
                *name_columns(
                    "the outline's title",
                    "法治政府建设实施纲要(2021—2025年)",
                    "Outline for building a rule-of-law government (2021–2025)",
                ),
                *in_force_columns("the outline", "2021-08-11", "2021", "2020"),
                Col("areas_table", description="the reference table of its areas", example="areas_2021"),
            ),
            title="The national outlines (纲要) and the report years each is in force for",
        ),
        Table(
            "areas_2021",
            "area of the 2021–2025 outline",
            (
                id_column("area_id", "emergencies", "unique id of the area"),
                ORDER,
                *name_columns("the area", "健全突发事件应对体系", "The system for responding to emergencies"),
            ),
            title="The areas of the 法治政府建设实施纲要(2021—2025年)",
        ),
        Table(
            "area_crosswalk",
            "crosswalk row",
            (
                Col("area_2015", ref="areas", description="an area of the 2015–2020 outline"),
                Col(
                    "area_2021",
                    ref="areas_2021",
                    description="an area of the 2021–2025 outline that continues it",
                ),
                Col("note", optional=True, description="how the two areas relate", example="same chapter"),
            ),
            key=("area_2015", "area_2021"),
            title="How the 2015–2020 areas map onto the 2021–2025 areas",
        ),
        Table(
            "area_terms",
            "area term",
            (
                Col("area_id", description="the area the term points to (of either outline)"),
                Col(
                    "framework_id",
                    optional=True,
                    ref="frameworks",
                    description="the outline the term belongs to; empty: both",
                ),
                Col("term_zh", description="the term, a word once segmented", example="备案审查"),
                Col("term_en", description="an English gloss of the term", example="filing review"),
                Col(
                    "weight",
                    "number",
                    description="what one occurrence adds to the area's score",
                    example="2",
                ),
            ),
            key=("area_id", "framework_id", "term_zh"),
            title="Terms that point a passage to a framework area (draft classification)",
        ),
        Table(
            "theme_terms",
            "theme term",
            (
                Col(
                    "theme",
                    vocab="problem_theme",
                    description="the problem theme the term points to",
                    example="uneven_attention",
                ),
                Col("term_zh", description="the term, a word once segmented", example="重视不够"),
                Col("term_en", description="an English gloss of the term", example="too little attention"),
                Col(
                    "weight",
                    "number",
                    description="what one occurrence adds to the theme's score",
                    example="3",
                ),
            ),
            key=("theme", "term_zh"),
            title="Terms that point an admitted problem to a theme",
        ),
        Table(
            "reporting_terms",
            "reporting term",
            (
                Col(
                    "rule",
                    description="claim (a blanket claim), issued (a verb of issuing a document) or "
                    "followed (a verb of following a higher-level document)",
                ),
                Col("term_zh", description="the words, as a report writes them", example="基本完成"),
                Col("term_en", description="an English gloss", example="basically completed"),
            ),
            key=("rule", "term_zh"),
            title="Terms that decide an evidence item's reporting class in a draft",
        ),
        Table(
            "progress_words",
            "progress word",
            (
                Col(
                    "word_zh",
                    unique=True,
                    description="the words, as a report writes them (a longer word is found before "
                    "a word it holds)",
                    example="进度稍缓",
                ),
                Col(
                    "progress",
                    vocab="progress",
                    description="the progress category the words state",
                    example="delayed",
                ),
                Col("gloss_en", description="an English gloss", example="progress somewhat slowed"),
            ),
            title="What reports write for slowed or unstarted work, and the progress each states",
        ),
        Table(
            "provinces",
            "province",
            (
                ORDER,
                Col(
                    "name_zh",
                    unique=True,
                    description="the province-level division's full name; a region whose Chinese "
                    "name begins with it (or with its `short_zh`) belongs to it",
                    example="重庆市",
                ),
                Col("short_zh", description="the name as it begins a shorter region name", example="重庆"),
                Col("name_en", description="the name in English", example="Chongqing"),
            ),
            title="The province-level divisions a comparison groups its regions by",
        ),
        Table(
            "metadata_labels",
            "metadata label",
            (
                Col(
                    "field",
                    vocab="metadata_field",
                    description="the provenance field the label gives",
                    example="index_number",
                ),
                Col(
                    "source",
                    vocab="metadata_source",
                    description="where the label is: `block` (a visible block of `label: value` or "
                    "`[ label ]value` pairs, on a page or in its text) or `meta` (the `name` of a "
                    "`<meta>` tag, matched ignoring case)",
                    example="block",
                ),
                Col(
                    "label",
                    description="the label as a page writes it, without spaces, brackets or colon "
                    "(spaces may stand between its characters, brackets around it, a colon after it); "
                    "the first row of a field and source wins",
                    example="索引号",
                ),
                Col("note", optional=True, description="where the label is used", example="traditional form"),
            ),
            key=("source", "label"),
            title="Labels of a saved page's metadata, and the provenance field each gives (import)",
        ),
    )
}
