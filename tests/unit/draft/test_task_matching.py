"""A plan's tasks matched to the same year's report: statuses with the passage and why, a blanket
claim scoped to its area and kind, one passage per task, and tasks.csv written by the draft with
reviewed rows kept."""

from __future__ import annotations

import shutil

import pandas as pd

from policy_review.draft.extract import extract_report
from policy_review.draft.plans import read_plan, work_items
from policy_review.draft.report_draft import write_draft
from policy_review.draft.task_matching import match_tasks

PLAN = (
    "某区2021年法治政府建设工作要点\n一、年度重点任务\n(一)依法全面履行政府职能\n"
    "1.动态调整权责清单。(牵头单位:区委编办;完成时限:6月底前)\n"
    "2.清理规范证明事项。(牵头单位:区司法局;完成时限:年底前)\n"
    "3.开展涉企收费专项清理。(牵头单位:区发展改革委;完成时限:年底前)\n"
    "(二)坚持严格规范公正文明执法\n"
    "1.开展行政执法案卷评查。(牵头单位:区司法局;完成时限:年底前)\n"
)
REPORT = (
    "某区人民政府关于2021年度法治政府建设情况的报告\n"
    "一、主要工作\n(一)依法全面履行政府职能。本领域各项年度任务均按计划推进。\n"
    "1.动态调整权责清单。区委编办调整权责事项312项。\n"
    "2.清理规范证明事项。按照上级部署稳步推进。\n"
    "(二)坚持严格规范公正文明执法\n"
    "1.加强执法队伍建设。组织培训3场。\n"
)


def test_statuses_passages_and_reasons():
    items = work_items(read_plan(PLAN))
    extraction = extract_report(REPORT, 2021)
    rows = match_tasks(items, extraction["evidence"], REPORT, sections=extraction["sections"])
    by_name = {r["name"]: r for r in rows}
    evidenced = by_name["动态调整权责清单"]
    assert evidenced["status"] == "evidenced" and "312项" in evidenced["quote"]
    assert REPORT[evidenced["start"] : evidenced["end"]] == evidenced["quote"]
    assert "names the lead unit (委编办)" in evidenced["why"] and "same area (functions)" in evidenced["why"]
    assert by_name["清理规范证明事项"]["status"] == "mentioned"
    claimed = by_name["开展涉企收费专项清理"]
    assert claimed["status"] == "claimed" and "本领域各项年度任务均按计划推进" in claimed["why"]
    # the enforcement paragraph has no blanket claim and no passage on case-file review
    unreported = by_name["开展行政执法案卷评查"]
    assert unreported["status"] == "not_reported"
    assert "not reported does not mean not done" in unreported["why"]


def test_draft_writes_tasks_from_the_plan_and_keeps_reviewed_rows(project_copy, tmp_path):
    shutil.move(project_copy / "data" / "curated" / "example", project_copy / "curated-aside")
    out = tmp_path / "draft"
    written = write_draft("example", 2021, out)
    assert out / "tasks.csv" in written
    tasks = pd.read_csv(out / "tasks.csv", dtype=str, keep_default_na=False)
    assert len(tasks) == 165 and set(tasks["basis"]) == {"stated"}
    assert set(tasks["review_status"]) == {"extracted"} and tasks["draft_basis"].str.len().gt(0).all()
    assert tasks["kind"].value_counts().to_dict() == {"annual": 121, "long_term": 44}
    tasks.loc[0, ["review_status", "reporting"]] = ["reviewed", "not_reported"]
    tasks.to_csv(out / "tasks.csv", index=False)
    write_draft("example", 2021, out)
    again = pd.read_csv(out / "tasks.csv", dtype=str, keep_default_na=False)
    kept = again[again["task_id"] == tasks.loc[0, "task_id"]]
    assert (
        len(kept) == 1
        and kept.iloc[0]["reporting"] == "not_reported"
        and kept.iloc[0]["review_status"] == "reviewed"
    )
    assert len(again) == 165


def test_a_plan_that_stops_before_its_first_task_gives_no_tasks_and_the_review_loads():
    """南沙's 2020 plan opening stops in its preamble: the review of its 2020 report has no plan
    tasks (and says nothing was matched), it does not fail."""
    from policy_review.draft.task_matching import plan_tasks
    from policy_review.review import year_review as rv

    r = rv.load_review("nansha", 2020, "en")
    assert plan_tasks("nansha", 2020, r.text).empty
    assert r.tasks.empty and not r.curated


def test_a_task_an_excerpt_does_not_reach_is_not_in_the_available_part():
    """The example's 2021 plan matched to its 2021 report cut to the opening (as an excerpt): the
    tasks the cut text holds nothing of are not_in_excerpt, never not_reported; the whole report
    read as a full one keeps not_reported, and the cut one read as full does too."""
    from policy_review.core import paths
    from policy_review.draft.task_matching import plan_tasks
    from policy_review.sources.report_text import read_report_text

    text = read_report_text(paths.report_text_path("example", 2021))
    cut = text[: len(text) // 3]
    excerpt = plan_tasks("example", 2021, cut, excerpt=True)
    assert "not_reported" not in set(excerpt["reporting"])
    assert (excerpt["reporting"] == "not_in_excerpt").any()
    away = excerpt[excerpt["reporting"] == "not_in_excerpt"]
    assert away["draft_basis"].str.contains("not in the available part").all()
    as_full = plan_tasks("example", 2021, cut)
    assert list(as_full["reporting"].replace("not_reported", "not_in_excerpt")) == list(excerpt["reporting"])
    assert "not_in_excerpt" not in set(plan_tasks("example", 2021, text)["reporting"])
