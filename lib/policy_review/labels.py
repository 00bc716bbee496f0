"""Words shown to readers, in English or Chinese by the ``lang`` parameter.

Headings, labels, legends and table headers come from here; quotes from the sources stay in
Chinese. Vocabulary values (statuses, stages, kinds, themes) take their names from
``data/reference/vocabularies.csv`` so the data and the display cannot disagree.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import paths
from .curated import reference_table

TEXT: dict[str, tuple[str, str]] = {
    # section headings of the year review
    "title": ("{region} {year}: rule-of-law government report review", "{region} {year}年法治政府建设报告审读"),
    "sec_source": ("1. Source", "一、来源"),
    "sec_headline": ("2. Headline", "二、要点"),
    "sec_funnel": ("3. Plan funnel", "三、任务计划漏斗"),
    "sec_coverage": ("4. Coverage by framework area", "四、按纲要领域的报告覆盖"),
    "sec_accounting": ("5. Task accounting", "五、任务核对"),
    "sec_figures": ("6. Figures", "六、数据"),
    "sec_problems": ("7. Problems admitted", "七、承认的问题"),
    "sec_commitments": ("8. Commitments and follow-up", "八、工作打算及其落实"),
    "sec_statutory": ("9. Statutory check", "九、法定要求核对"),
    "sec_notes": ("10. Data notes", "十、数据说明"),
    # trends headings
    "trends_title": ("{region}: trends across the years", "{region}:历年趋势"),
    "sec_t_plan": ("1. Plan counts by kind and stage", "一、各类任务各阶段数量"),
    "sec_t_rates": ("2. Completion, evidence and follow-through rates", "二、完成率、实证率与打算落实率"),
    "sec_t_problems": ("3. Recurring problems", "三、反复出现的问题"),
    "sec_t_figures": ("4. Figures across years", "四、跨年度数据"),
    "sec_t_notes": ("5. Data notes", "五、数据说明"),
    # banners and notes
    "excerpt_banner": ("EXCERPT: the source stops early; what it leaves out may be in the part not available",
                       "节选:来源文本不完整,未见内容可能在缺失部分"),
    "synthetic_banner": ("SYNTHETIC EXAMPLE DATA: not a real district", "合成示例数据:并非真实地区"),
    "uncurated_banner": ("UNCURATED DRAFT: extracted automatically from the report text, not reviewed",
                         "未经审核的草稿:由报告文本自动提取,未经人工核对"),
    "not_reported_note": ("“Not reported” (未见报告) means the report says nothing about it, not that the work was not done.",
                          "“未见报告”指报告中没有相关内容,并不意味着工作未完成。"),
    "source_line": ("Source: {title} ({publisher}, published {published})",
                    "来源:{title}({publisher},{published}发布)"),
    # table headers
    "col_item": ("Item", "项目"),
    "col_value": ("Value", "内容"),
    "col_kind": ("Kind", "类别"),
    "col_stage": ("Stage", "阶段"),
    "col_count": ("Count", "数量"),
    "col_quote": ("Quote (source text)", "原文"),
    "col_source": ("Source report", "来源报告"),
    "col_area": ("Framework area", "纲要领域"),
    "col_task": ("Task", "任务"),
    "col_reporting": ("Reporting", "报告情况"),
    "col_progress": ("Progress (as stated)", "进展(报告所述)"),
    "col_label": ("What it counts", "统计对象"),
    "col_unit": ("Unit", "单位"),
    "col_qualifier": ("Qualifier", "修饰"),
    "col_section": ("Section", "章节"),
    "col_theme": ("Theme", "主题"),
    "col_recurs": ("Also in previous report", "上年报告亦有"),
    "col_status": ("Follow-up", "落实情况"),
    "col_summary": ("Summary", "摘要"),
    "col_year": ("Year", "年度"),
    "col_declared": ("Declared", "报告数量"),
    "col_named": ("Named in report", "报告点名"),
    "col_unidentified": ("Not identifiable", "无法识别"),
    "col_items_given": ("Evidence items given", "报告列举事项"),
    "col_covered": ("Covered", "是否覆盖"),
    "col_requirement": ("Required content", "法定内容"),
    "col_offsets": ("Offsets", "位置"),
    "col_reason": ("Reason", "原因"),
    # the countdown ledger (ledger.py)
    "sec_ledger": ("Countdown ledger: the plan task by task", "倒计时工作台账:逐项核对任务"),
    "sub_ledger_chart": ("Every task at every checkpoint", "各项任务在各时间节点的进度"),
    "sub_ledger_overdue": ("Overdue tasks at each checkpoint", "各时间节点逾期未完成的任务"),
    "sub_ledger_units": ("Progress by lead unit", "各牵头单位进度"),
    "sub_ledger_reconciliation": ("Plan against report, task by task", "计划与报告逐项对照"),
    "ledger_intro": ("The countdown ledger (倒计时工作台账) lists every task of the {year} plan with its lead unit "
                     "and deadline, and records its progress at each checkpoint ({checkpoints}). It is the task "
                     "list the report itself does not give: here the {n} tasks are read against what the report "
                     "says of each.",
                     "倒计时工作台账列明{year}年度计划的每项任务及其牵头单位和完成时限,并记录各时间节点"
                     "({checkpoints})的进度。报告本身不列任务清单:此处将{n}项任务逐项与报告内容对照。"),
    "ledger_source": ("Source: countdown ledger (倒计时工作台账) of {region}, {year} (data/curated/{region_id}/ledger.csv)",
                      "来源:{region}{year}年倒计时工作台账(data/curated/{region_id}/ledger.csv)"),
    "ledger_deadline_box": ("deadline", "完成时限"),
    "col_checkpoint": ("Checkpoint", "时间节点"),
    "col_lead_unit": ("Lead unit", "牵头单位"),
    "col_deadline": ("Deadline", "完成时限"),
    "col_ledger_status": ("Ledger status", "台账进度"),
    "col_ledger_final": ("Ledger status at {checkpoint}", "{checkpoint}台账进度"),
    "col_note": ("Ledger note", "台账备注"),
    "col_annual_tasks": ("Annual tasks", "年度任务"),
    "col_not_complete": ("Not complete", "未完成"),
    "col_share_not_complete": ("Share not complete", "未完成占比"),
    "col_long_term_tasks": ("Long-term tasks", "长期坚持任务"),
    "col_long_term_not_advancing": ("Long-term not advancing", "长期任务未推进"),
    "col_due": ("Due by then", "已到期"),
    "col_due_complete": ("Due and complete", "到期已完成"),
    "col_overdue": ("Overdue (due, not complete)", "逾期未完成"),
    "col_total": ("Total", "合计"),
    "col_evidence_says": ("Per evidence table", "按事项表推得"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "unknown": ("cannot tell (excerpt)", "无法判断(节选)"),
    # provenance fields
    "f_title": ("Title", "标题"),
    "f_publisher": ("Publisher", "发布机构"),
    "f_index_number": ("Index number", "索引号"),
    "f_written": ("Written", "成文日期"),
    "f_published": ("Published", "发布日期"),
    "f_address": ("Address", "网址"),
    "f_coverage": ("Coverage", "文本完整性"),
    "f_deadline": ("Publication deadline", "公开期限"),
    "f_in_time": ("Published in time", "是否按时公开"),
    "coverage_full": ("full text", "全文"),
    "coverage_excerpt": ("excerpt (stops early)", "节选(不完整)"),
    "curated": ("curated (reviewed tables)", "已审核数据"),
    "extracted": ("extracted (uncurated draft)", "自动提取(未审核)"),
}


def t(key: str, lang: str, **fields) -> str:
    """The text for ``key`` in ``lang`` (``en`` or ``zh``), with ``{fields}`` filled in."""
    en, zh = TEXT[key]
    return (zh if lang == "zh" else en).format(**fields)


def _vocabularies() -> pd.DataFrame:
    return reference_table("vocabularies")


def _areas() -> pd.DataFrame:
    return reference_table("areas")


# Views look names up hundreds of times a run: they are read from the reference tables once
# (per project root and language) into dicts, in the tables' order.

@lru_cache(maxsize=16)
def _vocabulary_names(root: str, lang: str) -> dict[str, dict[str, str]]:
    """``{vocabulary: {value: name}}``."""
    column = "name_zh" if lang == "zh" else "name_en"
    names: dict[str, dict[str, str]] = {}
    v = _vocabularies().sort_values(["vocabulary", "order"], kind="stable")
    for vocabulary, value, name in zip(v["vocabulary"], v["value"], v[column]):
        names.setdefault(vocabulary, {})[value] = name
    return names


@lru_cache(maxsize=16)
def _area_names(root: str, lang: str) -> dict[str, str]:
    """``{area_id: name}``."""
    a = _areas().sort_values("order", kind="stable")
    return dict(zip(a["area_id"], a["name_zh" if lang == "zh" else "name_en"]))


def term(vocabulary: str, value: str, lang: str) -> str:
    """Display name of a vocabulary value, e.g. ``term("reporting", "not_reported", "zh")`` → 未见报告."""
    return _vocabulary_names(str(paths.root()), lang).get(vocabulary, {}).get(value, str(value))


def terms(vocabulary: str, lang: str) -> dict[str, str]:
    """Every value of a vocabulary with its display name, in the vocabulary's order."""
    return dict(_vocabulary_names(str(paths.root()), lang).get(vocabulary, {}))


def area_name(area_id: str, lang: str) -> str:
    names = _area_names(str(paths.root()), lang)
    if area_id in names:
        return names[area_id]
    return str(area_id) if area_id else ("(none)" if lang != "zh" else "(无)")


def area_names(lang: str) -> dict[str, str]:
    return dict(_area_names(str(paths.root()), lang))


def region_name(provenance: dict, lang: str) -> str:
    key = "region_name_zh" if lang == "zh" else "region_name_en"
    return provenance.get(key) or provenance.get("region") or ""
