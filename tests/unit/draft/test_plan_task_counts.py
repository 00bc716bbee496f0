"""A count of tasks is a plan count only when it states the rule-of-law plan's own tasks (issue 27,
point 6): 共推出168项改革任务 (a business-environment reform's) is a figure, and the passage that
gives it is evidenced, not a blanket claim; a draft's "not classified" items are no framework area.

The fixtures hold the report's forms as published: full-width commas and parentheses (U+FF0C,
U+FF08), checked by code point below.
"""

from __future__ import annotations

import pytest

from policy_review.draft.classifiers import using
from policy_review.draft.extract import extract_report
from policy_review.draft.task_counts import is_plan_task_count

#: A report's opening in the form published pages use: a heading, then a passage whose only
#: number is a reform's count of its own tasks (full-width comma and parentheses).
REFORM = (
    "\u4e00\u3001\u4e3b\u8981\u5de5\u4f5c\n"  # 一、主要工作
    "\uff08\u4e00\uff09\u4f18\u5316\u8425\u5546\u73af\u5883\u3002"  # （一）优化营商环境。
    "\u5171\u63a8\u51fa168\u9879\u6539\u9769\u4efb\u52a1\uff0c"  # 共推出168项改革任务，
    "\u5404\u9879\u5de5\u4f5c\u53d6\u5f97\u660e\u663e\u6210\u6548\u3002\n"  # 各项工作取得明显成效。
    "\uff08\u4e8c\uff09\u6cd5\u6cbb\u653f\u5e9c\u5efa\u8bbe\u3002"  # （二）法治政府建设。
    "2022\u5e74\u5ea6\u4efb\u52a1\u517115\u9879\u3002\n"  # 2022年度任务共15项。
)


def test_the_fixture_holds_the_full_width_forms():
    assert "\uff0c" in REFORM and "\uff08" in REFORM and "\uff09" in REFORM
    assert ord(REFORM[REFORM.index("168") + 8]) == 0xFF0C  # the comma after 改革任务


def test_a_reforms_count_of_its_tasks_is_a_figure_not_a_plan_count():
    result = extract_report(REFORM, 2022)
    counts = {c["count"]: c for c in result["task_counts"]}
    assert 168 not in counts  # another programme's tasks
    assert counts[15]["kind"] == "annual" and counts[15]["stage"] == "assigned"  # the plan's own
    assert "168\u9879" in [f["raw"] for f in result["figures"]]
    passage = next(e for e in result["evidence"] if "168" in e["raw"])
    assert passage["reporting"] == "evidenced", passage  # not turned into a blanket claim


@pytest.mark.parametrize(
    "phrase, own",
    [
        ("\u5171\u63a8\u51fa168\u9879\u6539\u9769\u4efb\u52a1", False),  # 共推出168项改革任务
        ("\u5b8c\u621012\u9879\u6574\u6539\u4efb\u52a1", False),  # 完成12项整改任务
        ("2018\u5e74\u5ea6\u4efb\u52a1\u517115\u9879", True),  # 2018年度任务共15项
        ("\u201c\u957f\u671f\u575a\u6301\u201d\u4efb\u52a144\u9879", True),  # “长期坚持”任务44项
        ("\u7b496\u9879\u4efb\u52a1\u672a\u80fd\u6309\u671f\u5b8c\u6210", True),  # 等6项任务未能按期完成
        (
            "\u6cd5\u6cbb\u653f\u5e9c\u5efa\u8bbe\u6539\u9769\u4efb\u52a110\u9879",
            True,
        ),  # 法治政府建设改革任务10项
    ],
)
def test_whose_tasks_a_count_states(phrase, own):
    assert is_plan_task_count(phrase) is own


def test_not_classified_is_no_framework_area():
    """Tongliang 2020 (an uncurated excerpt, 2015–2020 outline: 8 areas) has draft items no area
    decides (read with the term lists): they are shown as "not classified (draft)", and the page
    counts 8 areas, not 9."""
    from policy_review.core.labels import t
    from policy_review.pages import coverage, findings
    from policy_review.review import year_review as rv

    with using("terms"):  # the term lists leave some of its items undecided (the model decides all)
        review = rv.load_review("tongliang", 2020)
    cov = rv.coverage_by_area(review)
    assert len(cov) == 9 and list(cov["area_id"])[-1] == "unclassified" and not cov["in_framework"].iloc[-1]
    reported, total = rv.areas_reported(review)
    assert total == 8 and reported < total
    finding = coverage.coverage_finding(review, cov)
    assert f" of {total} areas" in finding and " of 9 areas" not in finding
    coverage_sentence = next(s for s in findings.plain_headline(review) if "framework areas" in s)
    assert f"{reported} of {total} framework areas" in coverage_sentence, coverage_sentence
    assert t("area_unclassified", "en") not in coverage_sentence
