"""Words shown to readers, in English or Chinese by the ``lang`` parameter: the catalogue.

Every heading, label, legend, table header, note and finding of the pages comes from here, as a
key with an English and a Chinese template (``{fields}`` filled in by :func:`t`); this is the one
module that asks which language a page is in. Quotes from the sources stay in Chinese. Vocabulary
values (statuses, stages, kinds, themes) take their names from ``data/reference/vocabularies.csv``
so the data and the display cannot disagree; a table's own bilingual columns (``name_zh`` and
``name_en``) are chosen by :func:`localized`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import paths
from .load import reference_table

TEXT: dict[str, tuple[str, str]] = {
    # section headings of the year review
    "title": ("{region} {year}: rule-of-law government report review",
              "{region} {year}年法治政府建设报告审读"),
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
    "sec_t_areas": ("3. Reporting by framework area", "三、按纲要领域的报告情况"),
    "sec_t_problems": ("4. Recurring problems", "四、反复出现的问题"),
    "sec_t_figures": ("5. Figures across years", "五、跨年度数据"),
    "sec_t_notes": ("6. Data notes", "六、数据说明"),
    # the areas across years (trends_views.area_trend_table)
    "crosswalk_sentence": ("Every year is shown in the areas of the {outline}, so the years before and after "
                           "the 2020/2021 change compare like with like: {moves} ({file}).",
                           "各年度均按{outline}的领域列示,2020/2021年纲要更替前后可以同口径比较:{moves}"
                           "(见{file})。"),
    "crosswalk_moved": ("“{old}” is counted under “{new}”", "“{old}”计入“{new}”"),
    "crosswalk_split": ("{new} were part of “{old}” before 2021", "{new}在2021年前属于“{old}”"),
    "and_sep": (" and ", "和"),
    "year_excerpt_tag": (" (excerpt)", "(节选)"),
    "areas_trend_intro": ("Every year is shown in the areas of the {outline}.",
                          "各年度均按{outline}的领域列示。"),
    "areas_trend_none": ("No year has evidence items or named tasks by area.",
                         "各年度均无可按领域归类的内容。"),
    "area_held_by": ("in “{area}” then", "当时属于“{area}”"),
    "area_items": (" ({n} items)", "({n}项)"),
    "area_item_one": (" (1 item)", "(1项)"),
    "untranslated_name": ("{name} (Chinese name, not translated)", "{name}"),
    "not_shown": ("not shown on the page", "原网页未显示"),
    "section_preamble": ("preamble", "开头部分"),
    # banners and notes
    "excerpt_banner": ("EXCERPT: the source stops early; what it leaves out may be in the part not available",
                       "节选:来源文本不完整,未见内容可能在缺失部分"),
    "synthetic_banner": ("SYNTHETIC EXAMPLE DATA: not a real district", "合成示例数据:并非真实地区"),
    "uncurated_banner": ("UNCURATED DRAFT: extracted automatically from the report text, not reviewed",
                         "未经审核的草稿:由报告文本自动提取,未经人工核对"),
    "not_reported_note": ("“Not reported” (未见报告) means the report says nothing about it, "
                          "not that the work was not done.",
                          "“未见报告”指报告中没有相关内容,并不意味着工作未完成。"),
    "source_line": ("Source: {title} ({publisher}, published {published})",
                    "来源:{title}({publisher},发布日期:{published})"),
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
    "ledger_intro": ("The countdown ledger (倒计时工作台账) lists every task of the {year} plan with its "
                     "lead unit and deadline, and records its progress at each checkpoint ({checkpoints}). "
                     "It is the task list the report itself does not give: here the {n} tasks are read "
                     "against what the report says of each.",
                     "倒计时工作台账列明{year}年度计划的每项任务及其牵头单位和完成时限,并记录各时间节点"
                     "({checkpoints})的进度。报告本身不列任务清单:此处将{n}项任务逐项与报告内容对照。"),
    "ledger_source": ("Source: countdown ledger (倒计时工作台账) of {region}, {year} "
                      "(data/curated/{region_id}/ledger.csv)",
                      "来源:{region}{year}年倒计时工作台账(data/curated/{region_id}/ledger.csv)"),
    "ledger_deadline_box": ("deadline", "完成时限"),
    "ledger_finding": ("At {day}, {done} of {annual} annual tasks were complete and {not_done} not; "
                       "{advancing} of {long_term} long-term tasks were advancing",
                       "截至{day},年度任务完成{done}/{annual}项,{not_done}项未完成;\n长期坚持任务持续推进{advancing}/{long_term}项"),
    "overdue_finding": ("At {day}, {overdue} of {due} tasks due were overdue (most: {peak} at {peak_day})",
                        "{day}时{due}项到期任务中{overdue}项逾期未完成(逾期最多:{peak_day},{peak}项)"),
    "overdue_none": ("No task was overdue at any checkpoint.", "各时间节点均无逾期未完成的任务。"),
    "units_all_done": ("Every lead unit had completed its annual tasks at {day}",
                       "截至{day},各牵头单位的年度任务均已完成"),
    "units_finding": ("At {day}, {lagging} of {units} lead units had annual tasks not complete; {worst} the "
                      "largest share ({not_complete} of {annual})",
                      "截至{day},{lagging}个牵头单位有未完成的年度任务;{worst}未完成占比最"
                      "高({not_complete}/{annual})"),
    "reconciliation_finding": ("Of {n} planned tasks, the report evidences {evidenced}, mentions "
                               "{mentioned}, only claims {claimed} and says nothing of {not_reported}",
                               "计划{n}项任务中,报告有实证{evidenced}项、仅提及{mentioned}项、"
                               "仅笼统声称{claimed}项、未见报告{not_reported}项"),
    "reconciliation_status_note": ("Columns: ledger status at {day}. {claimed_late} of the tasks the report "
                                   "only claims were not complete or not advancing in the ledger; "
                                   "{silent_done} tasks the report says nothing of were complete in it.",
                                   "列为{day}台账进度。仅笼统声称的任务中有{claimed_late}项在台账中未完成或"
                                   "未推进;未见报告的任务中有{silent_done}项台账显示已完成。"),
    "col_id": ("id", "编号"),
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
    # the interactive tables' controls (DataTables' language option, built by table_controls)
    "dt_lengthMenu": ("_MENU_ entries per page", "每页显示 _MENU_ 项"),
    "dt_info": ("Showing _START_ to _END_ of _TOTAL_ entries", "显示第 _START_ 至 _END_ 项,共 _TOTAL_ 项"),
    "dt_infoEmpty": ("Showing 0 to 0 of 0 entries", "显示第 0 至 0 项,共 0 项"),
    "dt_infoFiltered": ("(filtered from _MAX_ total entries)", "(从 _MAX_ 项中筛选)"),
    "dt_search": ("Search:", "搜索:"),
    "dt_zeroRecords": ("No matching records found", "没有匹配的结果"),
    "dt_emptyTable": ("No data available in table", "表中没有数据"),
    "dt_loadingRecords": ("Loading...", "加载中……"),
    "dt_processing": ("Processing...", "处理中……"),
    "dt_all": ("All", "全部"),
    # data notes (review.data_notes)
    "note_curated": ("Tables come from the reviewed (curated) data in data/curated/{region}/; figures and "
                     "offsets are checked against the source text.",
                     "各表来自已审核数据(data/curated/{region}/);数据及其位置均已与来源文本核对。"),
    "note_uncurated": ("No curated data for this report: every table is an uncurated draft extracted "
                       "automatically from the report text.",
                       "本报告没有已审核数据:各表均为由报告文本自动提取、未经审核的草稿。"),
    "note_excerpt": ("The source is an excerpt that stops mid-text: anything not found may be in the part "
                     "not available; follow-ups not found are marked so.",
                     "来源为中途截断的节选:未见内容可能在缺失部分;未见落实的工作打算已作相应标注。"),
    "note_tasks_from_plan": ("Tasks are read from the {year} work plan (data/plans/{region}/{year}.txt) and "
                             "matched to this report automatically (BM25 over jieba words, with the area "
                             "and the lead unit as evidence): a draft, not reviewed; each task's row says "
                             "why.",
                             "任务取自{year}年度工作计划(data/plans/{region}/{year}.txt),并自动与本报告匹"
                             "配(按结巴分词计算词语相关度,参考所属领域和牵头单位):为未经审核的草稿,每项任务"
                             "均注明依据。"),
    "note_no_tasks": ("No tasks are recorded for this report.", "本报告未记录任务。"),
    "note_no_evidence": ("No evidence items are recorded for this report.", "本报告未记录报告事项。"),
    "note_no_issues": ("No problems are recorded for this report.", "本报告未记录问题。"),
    "note_no_commitments": ("No commitments are recorded for this report.", "本报告未记录工作打算。"),
    "note_no_previous": ("No report for {year} is available: recurrence of problems and follow-up of earlier "
                         "commitments cannot be checked.",
                         "缺少{year}年度报告:无法核对问题是否重复出现及以往工作打算的落实情况。"),
    "toc_label": ("Contents", "目录"),
    # the index page (index_page.py)
    "ix_title": ("Rule-of-law government report reviews", "法治政府建设年度报告审读"),
    "ix_intro": ("Each run reviews one region's report for one year against its plan. Every number links to "
                 "the section of the run's page that shows it, where each figure stands with its quoted "
                 "passage.",
                 "每次运行对照计划审读一个地区一个年度的报告。每个数字都链接到该次运行页面中展示它的章节,"
                 "页面中每项数据均附原文。"),
    "ix_failed_heading": ("Failed in the latest run", "最近一次运行失败"),
    "ix_failed_row": ("latest run failed; showing the last good report",
                      "最近一次运行失败,显示上次成功生成的页面"),
    "ix_trends": ("Trends across the years", "历年趋势"),
    "ix_trends_link": ("trends (English)", "历年趋势(中文)"),
    "ix_compare_heading": ("Comparisons across regions", "跨地区比较"),
    "ix_compare_link": ("{year}", "{year}年(中文)"),
    "ix_no_runs": ("No runs yet.", "尚无运行结果。"),
    "ix_columns_heading": ("What the columns mean", "各列说明"),
    "ix_page_lang": ("English", "中文"),
    "ix_full": ("full text", "全文"),
    "ix_excerpt": ("excerpt", "节选"),
    "ix_curated": ("curated", "已审核"),
    "ix_uncurated": ("uncurated draft", "未审核草稿"),
    "ix_published": ("published {date}", "{date}发布"),
    "ix_of": ("{shown} of {total}", "{total}项中{shown}项"),
    "ix_col_year": ("Year", "年度"),
    "ix_col_report": ("Report", "报告"),
    "ix_group_annual": ("Annual tasks", "年度任务"),
    "ix_col_announced": ("announced", "预告"),
    "ix_col_assigned": ("assigned", "交办"),
    "ix_col_on_time": ("on time", "按期完成"),
    "ix_col_delayed": ("delayed", "滞后"),
    "ix_col_long_term": ("Long-term tasks assigned", "长期坚持任务交办"),
    "ix_group_evidence": ("Evidence items", "报告事项"),
    "ix_col_figures": ("Figures", "数据"),
    "ix_col_problems": ("Problems admitted", "承认的问题"),
    "ix_col_followups": ("Last year's commitments shown", "上年打算可见"),
    "ix_def_year": ("The year the report is about (its page; a tag names a page in another language).",
                    "报告所述年度(链接到审读页面;标签注明其他语言的页面)。"),
    "ix_def_report": ("The report's title, whether the text is full or an excerpt that stops early, whether "
                      "its tables are curated (reviewed) or an uncurated draft, and when it was published.",
                      "报告标题;文本为全文还是不完整的节选;数据已经审核还是未审核草稿;发布日期。"),
    "ix_def_annual": ("Annual tasks of the report's year at each stage: announced (in the previous report), "
                      "assigned, completed on time and delayed; – where the reports do not say.",
                      "报告年度的年度任务在各阶段的数量:预告(上一年度报告所述)、交办、按期完成、"
                      "滞后;报告未说明的为–。"),
    "ix_def_long_term": ("Long-term tasks assigned for the year, as the report states; – where it does not "
                         "say.",
                         "报告所述当年交办的长期坚持任务数;未说明的为–。"),
    "ix_def_followups": ("Of the commitments last year's report made for this year, how many this report "
                         "shows (evidenced or mentioned); – when there were none or last year's report is "
                         "not available.",
                         "上一年度报告对本年度的工作打算中,本报告可见(有实证或仅提及)的数量;"
                         "没有打算或上年报告缺失时为–。"),
    # the comparison across regions (compare.ipynb)
    "cmp_title": ("{year}: regions compared", "{year}年各地区对比"),
    "sec_c_table": ("1. One row per region", "一、各地区一览"),
    "sec_c_heatmap": ("2. Framework areas reported, by province", "二、各省份按纲要领域的报告情况"),
    "sec_c_ranking": ("3. Rankings (comparable reports only)", "三、排名(仅限可比报告)"),
    "sec_c_problems": ("4. Problems admitted, by theme", "四、按主题的承认问题"),
    "sec_c_notes": ("5. Data notes", "五、数据说明"),
    "cmp_flags": ("{n} of {total} rows are flagged and not comparable: {excerpt} excerpt(s), {draft} "
                  "uncurated draft(s), {synthetic} synthetic; rankings leave them out{unless}.",
                  "{total}行中有{n}行已标注为不可比:节选{excerpt}份、未审核草稿{draft}份、"
                  "合成数据{synthetic}份;排名不含这些行{unless}。"),
    "cmp_flags_included": (" (this page was asked to include them, and marks them)",
                           "(本页按要求纳入并加以标注)"),
    "cmp_no_ranking": ("No comparable report to rank for this year.", "本年度没有可排名的可比报告。"),
    "cmp_flag_excerpt": ("excerpt", "节选"),
    "cmp_flag_draft": ("draft", "草稿"),
    "cmp_flag_synthetic": ("synthetic", "合成"),
    "cmp_region": ("Region", "地区"),
    "cmp_province": ("Province", "省份"),
    "cmp_flagged": ("Flags", "标注"),
    "cmp_published": ("Published", "发布日期"),
    "cmp_days_early": ("Days before deadline (negative: late)", "早于期限天数(负数为逾期)"),
    "cmp_statutory": ("Statutory items (of {n})", "法定事项(共{n}项)"),
    "cmp_plan": ("Annual tasks announced / assigned / completed / delayed", "年度任务 提出/交办/完成/延期"),
    "cmp_long_term": ("Long-term tasks assigned", "长期任务交办"),
    "cmp_evidence": ("Evidence items evidenced / mentioned / claimed", "事项 有实证/仅提及/笼统声称"),
    "cmp_evidence_rate": ("Share evidenced", "实证率"),
    "cmp_figures_per_1000": ("Figures per 1,000 characters", "每千字数据个数"),
    "cmp_areas": ("Areas reported (of those in force)", "已报告领域(占现行纲要领域)"),
    "cmp_problems": ("Problems admitted", "承认问题数"),
    "cmp_followthrough": ("Last year's commitments shown", "上年打算落实率"),
    "cmp_regions": ("regions", "地区数"),
    "cmp_rank": ("Rank", "名次"),
    "cmp_heatmap_note": ("Each cell: the share of the province's regions whose report gives concrete "
                         "evidence in the area. Open a province for its regions; each cell links to the "
                         "region's coverage section. Not reported means the report says nothing about it, "
                         "not that the work was not done.",
                         "每格为该省份中报告在该领域有实证的地区所占比例。展开省份可见各地区,每格链接到该地"
                         "区的覆盖情况一节。未见报告指报告未提及,不等于未开展工作。"),
    "cmp_no_province": ("(province not known)", "(省份不详)"),
    "cmp_note_rows": ("Each row is computed by the region's year review ({n} regions with a report on "
                      "{year}); every cell links to the region's page, at the section it comes from.",
                      "每行取自该地区的年度审读({year}年有报告的地区{n}个);每格链接到该地区页面的对应一节。"),
    "cmp_note_days": ("Days before deadline: the publication deadline of the rule in force minus the "
                      "publication date.", "早于期限天数:现行规定的公开期限减去发布日期。"),
    "cmp_note_rate": ("Share evidenced: evidence items with concrete evidence over those evidenced or "
                      "mentioned (blanket claims left out).",
                      "实证率:有实证的事项数除以有实证与仅提及的事项数(笼统声称不计)。"),
    "cmp_note_figures": ("Figures per 1,000 characters: figures extracted or curated, per 1,000 characters "
                         "of the report text as "
                         "published.", "每千字数据个数:每一千字报告原文中的数据个数。"),
    "cmp_note_follow": ("Last year's commitments shown: last year's commitments this report evidences or "
                        "mentions, over all of them.",
                        "上年打算落实率:本报告有实证或提及的上年打算占全部上年打算的比例。"),
    # provenance fields
    "not_stated": ("not stated", "未注明"),
    "date_unknown": ("unknown", "不详"),
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
    "in_time_spare": ("{answer} ({days} days to spare)", "{answer}(提前{days}天)"),
    "deadline_rule": ("before {date} ({rule})", "{date}之前({rule})"),
    "area_none": ("(none)", "(无)"),
    "area_unclassified": ("not classified (draft)", "未归类(草稿)"),
    # running text
    "list_sep": (", ", "、"),
    "clause_sep": ("; ", ";"),
    # why a draft follow-up has its status (followup.follow_up: reason, reason_zh)
    "fu_why_delayed": ("the matched passage says the work slowed ({word})",
                       "匹配段落称工作进度放缓(原文:{word})"),
    "fu_why_evidenced": ("the matched passage carries a concrete result", "匹配段落载有具体成果"),
    "fu_why_mentioned": ("the matched passage describes the work, nothing concrete",
                         "匹配段落仅描述工作,无具体成果"),
    "fu_reason_matched": ("{why}; shared words: {terms} (score {score})",
                          "{why};共同词语:{terms}(匹配分{score})"),
    "fu_reason_excerpt": ("not in the available part: the report is an excerpt",
                          "不在现有部分中:该报告为节选"),
    "fu_reason_none": ("no passage of the {year} report shares enough words",
                       "{year}年度报告中没有共同词语足够多的段落"),
    "fu_reason_none_best": ("no passage of the {year} report shares enough words (best score {score} in "
                            "{section})",
                            "{year}年度报告中没有共同词语足够多的段落(最高匹配分{score},见“{section}”)"),
    "sentence_end": (".", "。"),
    "year_finding": ("{year}: {finding}", "{year}年:{finding}"),
    "report_of_year": ("{year} report", "{year}年度报告"),
    "tag_excerpt": ("excerpt", "节选"),
    "tag_uncurated": ("uncurated draft", "未审核草稿"),
    "count_at_stage": ("{n} {stage}", "{stage}{n}项"),
    "kind_counts": ("{kind}: {counts}", "{kind}:{counts}"),
    # year review: findings (chart titles), axes and empty-table notes
    "funnel_none": ("No task counts stated", "报告未说明任务数量"),
    "funnel_shrank": ("{year}: {announced} annual tasks announced, only {assigned} assigned{tail}",
                      "{year}年:预告年度任务{announced}项,实际交办仅{assigned}项{tail}"),
    "funnel_on_time": ("; {n} done on time", ",按期完成{n}项"),
    "funnel_delayed": (", {n} delayed", ",滞后{n}项"),
    "funnel_excerpt_end": (" (the source is an excerpt).", "(来源为节选)。"),
    "plan_cited_not_available": (
        "The plan this report cites, 《{title}》{number}, is not available to the workbook: the task list "
        "behind the counts above is not known, and no task list is made up for it.",
        "本报告所依据的《{title}》{number}未能获取:上述任务数量背后的任务清单不详,本审读不作推测。"),
    "plan_number": (" ({number})", "({number})"),
    "plan_available": ("The year's work plan is in the workbook: its tasks are read from the plan text.",
                       "本年度工作计划文本已收录,任务清单据其读取。"),
    "plan_tasks_draft": (" They are matched to the report automatically: a draft, not reviewed.",
                         "各项任务与报告的对应为自动匹配,属未经审核的草稿。"),
    "axis_evidence_items": ("evidence items", "事项数"),
    "coverage_none": ("{year}: no evidence items recorded", "{year}年:没有记录报告事项"),
    "coverage_finding": ("{year} report: work reported in {reported} of {areas} areas, {silent} not "
                         "reported; most in {area_lower} ({items} items)",
                         "{year}年报告:{reported}个领域有报告内容,{silent}个未见报告;{area}最多({items}项)"),
    "tasks_none": ("No tasks are named for this year.", "本年度没有点名的任务。"),
    "figures_none": ("No figures.", "没有数据。"),
    "rates_none": ("The report gives no rates (percentages).", "报告未给出比例数据。"),
    "rates_finding": ("{n} rates reported; the lowest is {lowest}", "报告给出{n}个比例,最低为{lowest}"),
    "problems_none": ("No problems are recorded for this report.", "本报告未记录问题。"),
    "commitments_none": ("The report states no plans for the next year", "报告未载明下一年度工作安排"),
    "commitments_excerpt_end": (" (the excerpt stops before them, if any).", "(节选文本未包含该部分)。"),
    "followups_none": ("Last year's report made no recorded commitments for this year.",
                       "上一年度报告没有记录对本年度的工作打算。"),
    "col_quote_last_year": ("Quote (source text) (last year)", "原文(上年)"),
    "col_quote_this_year": ("Quote (source text) (this year)", "原文(本年)"),
    "axis_commitments": ("commitments", "工作打算数"),
    # metrics (metrics.py): a definition, a rate with its counts, a category with the report's word
    "metric_body": ("{name}: {counts}", "{name}:{counts}"),
    "metric_over": (" ÷ {over}", " ÷ {over}"),
    "metric_text": ("{body}. Left out: {excluded}.", "{body}。不计:{excluded}。"),
    "rate_with_counts": ("{rate} ({numerator} of {denominator})", "{rate}({denominator}项中{numerator}项)"),
    "progress_word": ("{category} ({word})", "{category}(原文:{word})"),
    "progress_word_gloss": ("{category} ({word}, “{gloss}”)", "{category}(原文:{word})"),
    # the plain-text headline (summary.headline_text: nbval and the CLI read the English lines)
    "hl_title": ("{region} {year}: {title}", "{region} {year}年:{title}"),
    "hl_source": ("source: {coverage}, {curation}, published {published} ({timeliness})",
                  "来源:{coverage},{curation},发布日期:{published}({timeliness})"),
    "hl_coverage_full": ("full", "全文"),
    "hl_coverage_excerpt": ("excerpt", "节选"),
    "hl_curated": ("curated", "已审核"),
    "hl_uncurated": ("uncurated draft", "未审核草稿"),
    "hl_in_time": ("in time", "按时"),
    "hl_late": ("late or unknown", "逾期或未知"),
    "hl_kind": ("{kind} tasks: {parts}", "{kind_name}:{parts}"),
    "hl_stage": ("{stage} {n}", "{stage_name}{n}项"),
    "hl_sep": (", ", ","),
    "hl_no_counts": ("no counts stated", "报告未说明数量"),
    "hl_evidence": ("evidence items: {evidenced} evidenced, {mentioned} mentioned, {claimed} claimed",
                    "报告事项:有实证{evidenced}项,仅提及{mentioned}项,笼统声称{claimed}项"),
    "hl_counts": ("figures {figures}, problems {problems}, commitments {commitments}",
                  "数据{figures}个,问题{problems}项,下年度打算{commitments}项"),
    "hl_followups": ("follow-ups of last year's commitments: {parts}", "上年打算落实:{parts}"),
    "hl_followup": ("{status} {n}", "{status_name}{n}项"),
    # trends: headline, source line, findings, rates table and chart
    "th_years": ("{region}: reports for {years}", "{region}:{years}年度报告"),
    "th_count": ("{kind} {stage} {n}", "{kind_name}{stage_name}{n}项"),
    "trends_source": ("Source: reports of {years} ({publisher})", "来源:{years}年度报告({publisher})"),
    "trends_source_excerpts": ("; {years} excerpt", ";{years}年为节选"),
    "plan_trend_default": ("Annual task counts by stage", "各阶段年度任务数"),
    "plan_trend_finding": ("{year}: {announced} annual tasks announced, {assigned} assigned",
                           "{year}年:预告年度任务{announced}项,实际交办{assigned}项"),
    "rate_year": ("Year", "年度"),
    "rate_annual_assigned": ("Annual tasks assigned", "交办年度任务"),
    "rate_annual_on_time": ("Done on time", "按期完成"),
    "rate_on_time_rate": ("On-time rate", "按期完成率"),
    "rate_evidence_rate": ("Evidence rate (evidenced of all items, claims included)", "实证率(含笼统声称)"),
    "rate_followups": ("Last year's commitments", "上年打算"),
    "rate_followups_shown": ("Shown this year", "本年可见"),
    "rate_followthrough_rate": ("Follow-through rate", "落实可见率"),
    "rate_followups_judged": ("Found either way", "可判断数"),
    "rate_excerpt": ("Excerpt", "节选"),
    "line_on_time_rate": ("on-time completion (annual)", "年度任务按期完成率"),
    "line_evidence_rate": ("evidence rate (claims included)", "实证率(含笼统声称)"),
    "line_followthrough_rate": ("last year's commitments shown", "上年打算落实可见率"),
    "rates_default": ("Rates by year", "各年度比率"),
    "on_time_finding": ("{year}: {on_time} of {assigned} assigned annual tasks done on time",
                        "{year}年:交办的{assigned}项年度任务中{on_time}项按期完成"),
    "problems_none_short": ("no problems recorded", "未记录问题"),
    "problems_none_title": ("No problems recorded", "未记录问题"),
    "themes_recur": ("{n} problem themes recur across years", "{n}类问题跨年度重复出现"),
    "themes_recur_none": ("No problem theme is admitted in two years (excerpts may hide some)",
                          "没有问题主题在两个年度重复出现(节选可能遗漏)"),
    "figures_recur_none": ("No figure recurs across years.", "没有跨年度重复的数据。"),
    "tag_curated": ("curated", "已审核"),
    "tag_full_text": ("full text", "全文"),
    "tag_sep": (", ", ","),
    "followup_finding": ("Of {total} commitments made for {year}, {shown} show up in this report, {delayed} "
                         "delayed, {not_found} not found",
                         "上年对{year}年的{total}项打算中,{shown}项在本报告中可见,{delayed}项滞"
                         "后,{not_found}项未见报告"),
    # the report text as a page of its own (source_page.py)
    "source_page_title": ("{region} {year}: the report text", "{region}{year}年度报告原文"),
    "source_page_note": ("The report as published. The {n} passages the review quotes are underlined; a link "
                         "from the review highlights its passage.",
                         "报告原文。审读页引用的{n}处原文加下划线;从审读页点击链接即高亮对应原文。"),
    "source_page_back": ("Back to the review", "返回审读页"),
    # the written headline (findings.py): {numbers} arrive as links, already escaped
    "wh_end": (".", "。"),
    "wh_and": (" and ", "、"),
    "wh_list_sep": (", ", "、"),
    "wh_plan_shrank": ("The plan shrank between announcement and assignment: {announced} annual tasks "
                       "announced for {year} in the {source} report, {assigned} assigned ({change})",
                       "计划在预告与交办之间收缩:{source}年度报告预告{year}年年度任务{announced}项,实际交办"
                       "{assigned}项({change})"),
    "wh_plan_grew": ("The plan grew between announcement and assignment: {announced} annual tasks announced "
                     "for {year} in the {source} report, {assigned} assigned ({change})",
                     "计划在预告与交办之间扩大:{source}年度报告预告{year}年年度任务{announced}项,实际交办"
                     "{assigned}项({change})"),
    "wh_plan_on_time": ("; {on_time} done on time", ";按期完成{on_time}项"),
    "wh_plan_delayed": (", {delayed} {word}", ",{delayed}项{word}"),
    "wh_plan_kind": ("{n} {kind} tasks", "{kind}{n}项"),
    "wh_plan_stated": ("The report states {parts} for {year}", "报告载明{year}年{parts}"),
    "wh_plan_claim": (", and covers them with one blanket claim: “{claim}”",
                      ",并以一句笼统表述概括:“{claim}”"),
    "wh_evidence": ("Of {total} work items in the report, {evidenced} carry concrete evidence ({rate}); "
                    "of the rest, {mentioned} only mentioned, {claimed} blanket claim(s)",
                    "报告所列{total}项工作事项中,{evidenced}项有实证({rate});{mentioned}项仅提及,{claimed}项"
                    "为笼统声称"),
    "wh_excerpt_part": (" (from the excerpt: the part available only)", "(节选文本,仅反映现有部分)"),
    "wh_coverage": ("The report covers {n} of {total} framework areas; not reported: {silent}",
                    "报告涉及纲要{total}个领域中的{n}个;未见报告:{silent}"),
    "wh_named_only": ("; {n} ({areas}) only through the tasks it names ({tasks})",
                      ";其中{n}个({areas})仅见于点名的任务({tasks})"),
    "wh_coverage_all": ("The report covers all {total} framework areas", "报告涉及纲要全部{total}个领域"),
    "wh_not_reported": (". Not reported is not the same as not done.", "。未见报告不等于未完成。"),
    "wh_rates": ("The report gives {n} rates for {year}; the lowest is {low}: {what}",
                 "报告给出{year}年比例{n}个,最低为{low}({what})"),
    "wh_baseline": ("; {raw} ({what}) is the {year} baseline it compares with, not a {report_year} result",
                    ";{raw}({what})为对比所用的{year}年基数,不是{report_year}年的结果"),
    "wh_problems_recur": ("Problems admitted: {n}; {recurring} of them under a theme last year's report "
                          "admitted too",
                          "报告承认问题{n}项,其中{recurring}项的主题上年报告亦有"),
    "wh_problems": ("Problems admitted: {n}; with no report for {year}, recurrence cannot be checked",
                    "报告承认问题{n}项;缺少{year}年度报告,无法判断是否重复出现"),
    "wh_followups": ("Of {total} commitments made for {year} in last year's report, {shown} show up in this "
                     "report, {delayed} delayed and {not_found} not found",
                     "上年报告对{year}年的{total}项打算中,{shown}项在本报告中可见,{delayed}项滞"
                     "后,{not_found}项未见报告"),
    "col_tasks_named": ("Tasks named", "点名任务"),
    "col_as_written": ("As written", "原文写法"),
    "sub_definitions": ("What each number means", "各项数字的定义"),
    "tasks_named_only": ("{status}: {n} task(s) named, no work item", "{status}:点名任务{n}项,未列事项"),
    "coverage_finding_named": ("{year} report: work reported in {n} of {total} areas ({named} only through "
                               "the tasks it names), {silent} not reported; most in {top} ({items} items)",
                               "{year}年报告:{n}个领域有报告内容(其中{named}个仅见于点名任务),{silent}个未见"
                               "报告;{top}最多({items}项)"),
    "baseline_tick": (" — {year} baseline", "——{year}年基数"),
    "rates_finding_year": ("{n} rates for {year}; the lowest is {low}",
                           "报告给出{year}年比例{n}个,最低为{low}"),
    "rates_finding_base": ("; {n} earlier-year baseline(s) drawn hollow", ";另有{n}个往年基数(空心)"),
    "rates_finding_baselines": ("{n} rates, all of earlier years (baselines)", "{n}个比例均为往年基数"),
    "partial_year_legend": ("hollow, dashed: excerpt or draft year", "空心、虚线:节选或草稿年度"),
    "partial_years_alt": ("; {years} drawn hollow (excerpt or draft: part of a report)",
                          ";{years}年以空心点表示(节选或草稿,仅为报告的一部分)"),
    "not_applicable": ("n/a", "不适用"),
    "col_overdue_at": ("Overdue at checkpoints", "逾期时间节点"),
    "col_ledger_status_last": ("Ledger status (last overdue checkpoint)", "台账进度(最后逾期节点)"),
    "print_links": ("Links (addresses of the numbered links above)", "链接(上文编号链接的地址)"),
}


def pick(pair: tuple[str, str], lang: str):
    """The one of an ``(English, Chinese)`` pair that ``lang`` reads (English for any other language)."""
    en, zh = pair
    return zh if lang == "zh" else en


def t(key: str, lang: str, **fields) -> str:
    """The text for ``key`` in ``lang`` (``en`` or ``zh``), with ``{fields}`` filled in (a template
    may leave some of the fields unused: e.g. the English one a slug, the Chinese one its name)."""
    return pick(TEXT[key], lang).format(**fields)


def table_controls(lang: str) -> dict:
    """The words of an interactive table's controls (DataTables' ``language`` option), offline:
    "entries per page", "Showing 1 to 10 of 104 entries", search, paging, sorting."""
    plain = ("lengthMenu", "info", "infoEmpty", "infoFiltered", "search", "zeroRecords", "emptyTable",
             "loadingRecords", "processing")
    return {**{k: t(f"dt_{k}", lang) for k in plain}, "lengthLabels": {"-1": t("dt_all", lang)}}


def note_text(record: dict, key: str, lang: str) -> str | None:
    """A reviewer's note of a provenance file or table row: ``key`` holds it in English,
    ``<key>_zh`` in Chinese (the English one where there is no Chinese)."""
    english = record.get(key)
    return pick((english, record.get(f"{key}_zh") or english), lang)


def common_language(langs: list[str]) -> str:
    """The language every item is in, or English when they differ (or there are none)."""
    return langs[0] if langs and len(set(langs)) == 1 else "en"


def join(items, lang: str) -> str:
    """Items as a list in running text: ``2018, 2019`` / ``2018、2019``."""
    return t("list_sep", lang).join(str(i) for i in items)


#: What a drafted row's English name holds until a researcher translates it (e.g. a plan's task).
UNTRANSLATED = "(not translated)"


#: What a provenance file writes for a field its page does not show (title: not shown).
NOT_SHOWN = ("not shown", "unknown")


def stated(value, lang: str) -> str:
    """A provenance field as a page shows it: "not shown on the page" in the page's language
    where the file says ``not shown`` (or nothing), never the file's English word."""
    if value is None or (isinstance(value, float)
                         and value != value) or str(value).strip() in NOT_SHOWN + ("",):
        return t("not_shown", lang)
    return str(value)


def section_name(path, lang: str) -> str:
    """A section path as a page shows it (the text before the first heading: "preamble")."""
    if not isinstance(path, str) or not path:
        return ""
    return t("section_preamble", lang) if path == "preamble" else path


def localized(df: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """A table's column ``<base>_<lang>`` (e.g. ``name_en``), where it has one, with the Chinese
    ``<base>_zh`` where that is blank; the Chinese column for a Chinese page. A name marked
    :data:`UNTRANSLATED` shows the Chinese name with a marker saying it is not translated."""
    source = df[f"{base}_zh"]
    own = df.get(f"{base}_{lang}")
    if own is None:
        return source
    blank = own.isna() | (own.astype(str).str.strip() == "")
    untranslated = own.astype(str).str.strip() == UNTRANSLATED
    marked = source.map(lambda zh: t("untranslated_name", lang, name=zh))
    return own.where(~blank, source).where(~untranslated, marked)


def localized_value(row, base: str, lang: str) -> str:
    """One row's ``<base>_<lang>``, else its ``<base>_zh`` (see :func:`localized`)."""
    own = row.get(f"{base}_{lang}")
    if isinstance(own, str) and own.strip() == UNTRANSLATED:
        return t("untranslated_name", lang, name=row[f"{base}_zh"])
    return own if isinstance(own, str) and own.strip() else row[f"{base}_zh"]


def translation(df: pd.DataFrame, base: str, lang: str) -> pd.Series | None:
    """A table's column ``<base>_<lang>`` (e.g. ``summary_en``, a reviewer's English summary of a
    Chinese quote), or None when there is none in ``lang`` (a Chinese page shows the quote only)."""
    return df.get(f"{base}_{lang}")


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
    """``{area_id: name}`` of the 2015–2020 areas (``areas.csv``)."""
    a = _areas().sort_values("order", kind="stable")
    return dict(zip(a["area_id"], a["name_zh" if lang == "zh" else "name_en"]))


@lru_cache(maxsize=16)
def _every_area_name(root: str, lang: str) -> dict[str, str]:
    """``{area_id: name}`` of the 2015–2020 areas, then the areas only the 2021–2025 outline has."""
    names = dict(_area_names(root, lang))
    later = reference_table("areas_2021").sort_values("order", kind="stable")
    names.update({k: v for k, v in zip(later["area_id"], later["name_zh" if lang == "zh" else "name_en"])
                  if k not in names})
    return names


@lru_cache(maxsize=64)
def _framework_area_names(root: str, lang: str, year: int) -> dict[str, str]:
    """``{area_id: name}`` of the framework in force for a report on ``year``."""
    from .frameworks import area_names as in_force

    return in_force(year, "zh" if lang == "zh" else "en")


def term(vocabulary: str, value: str, lang: str) -> str:
    """Display name of a vocabulary value, e.g. ``term("reporting", "not_reported", "zh")`` → 未见报告."""
    return _vocabulary_names(str(paths.root()), lang).get(vocabulary, {}).get(value, str(value))


def terms(vocabulary: str, lang: str) -> dict[str, str]:
    """Every value of a vocabulary with its display name, in the vocabulary's order."""
    return dict(_vocabulary_names(str(paths.root()), lang).get(vocabulary, {}))


def area_name(area_id: str, lang: str) -> str:
    names = _every_area_name(str(paths.root()), lang)
    if area_id in names:
        return names[area_id]
    if area_id == "unclassified":
        return t("area_unclassified", lang)
    return str(area_id) if area_id else t("area_none", lang)


def area_names(lang: str, year: int | None = None) -> dict[str, str]:
    """``{area_id: name}``: of the framework in force for a report on ``year`` when given."""
    if year is not None:
        return dict(_framework_area_names(str(paths.root()), lang, int(year)))
    return dict(_area_names(str(paths.root()), lang))


def region_name(provenance: dict, lang: str) -> str:
    key = "region_name_zh" if lang == "zh" else "region_name_en"
    return provenance.get(key) or provenance.get("region") or ""
