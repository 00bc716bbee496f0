"""The plan a report cites, beside its plan counts: Kaizhou's 2019 report names its plan, which the
workbook does not have, so the review says so instead of inventing a task list."""

from __future__ import annotations

import shutil

from policy_review.pages import year_page
from policy_review.review import year_review as rv
from policy_review.review.plan_review import cited_plan, plan_document, plan_document_note, short_name


def test_kaizhou_2019_names_its_plan_and_says_it_is_not_available():
    review = rv.load_review("kaizhou", 2019)
    doc = plan_document(review)
    assert doc["available"] is False
    assert doc["cited"]["title"] == "2019年开州区法治政府建设工作要点"
    assert doc["cited"]["document_number"] == "开州府发〔2019〕18号"
    assert doc["cited"]["number_as_written"] == "开州府发〔201918号"  # as printed in the report
    assert review.text[doc["cited"]["start"] : doc["cited"]["end"]] == doc["cited"]["quote"]
    note = plan_document_note(review)
    assert "《2019年开州区法治政府建设工作要点》 (开州府发〔2019〕18号)" in note and "not available" in note
    zh = plan_document_note(rv.load_review("kaizhou", 2019, "zh"))
    assert "《2019年开州区法治政府建设工作要点》(开州府发〔2019〕18号)未能获取" in zh
    # beside the 121 -> 51 funnel, which stays as the reports state it
    assert (rv.plan_count(review, "annual", "announced"), rv.plan_count(review, "annual", "assigned")) == (
        121,
        51,
    )
    assert review.tasks.empty or len(review.tasks) < 51  # no invented task list
    assert "开州府发〔2019〕18号" in year_page.plan_source_note(review).data


def test_a_higher_level_or_party_plan_is_not_the_governments_own():
    text = (
        "按照《2020年重庆市法治政府建设工作要点》相关要求,研究审议《中共重庆市开州区委全面依法治区委员"
        "会2020年工作要点》,印发《开州区2020年法治政府建设工作要点》。"
    )
    assert cited_plan(text, 2020, "重庆市开州区")["title"] == "开州区2020年法治政府建设工作要点"
    assert cited_plan(text.replace("开州区2020", "开州区2019"), 2020, "重庆市开州区") is None
    assert (
        cited_plan("结合实际制定《2020年全区法治政府建设工作要点》", 2020, "重庆市铜梁区")["title"]
        == "2020年全区法治政府建设工作要点"
    )


def test_short_names():
    assert [short_name(n) for n in ("重庆市开州区", "河南省驻马店市西平县", "广东省广州市南沙区")] == [
        "开州",
        "西平",
        "南沙",
    ]


def test_a_region_with_its_plan_says_the_tasks_come_from_it():
    review = rv.load_review("example", 2021)
    assert plan_document(review)["available"] and "read from the plan text" in plan_document_note(review)
    # the 2018 report cites no plan of its own
    assert plan_document_note(rv.load_review("kaizhou", 2018)) is None


def test_the_examples_task_accounting_from_its_plan_and_report_text_alone(project_copy):
    """With the example's curated tables moved aside, its tasks come from the plan text, matched to
    the report text, within the targets against the generator's truth."""
    from policy_review.example import district

    shutil.move(project_copy / "data" / "curated" / "example", project_copy / "curated-aside")
    truth = district.build()
    for year in district.YEARS:
        review = rv.load_review("example", year)
        assert not review.curated and review.tasks_from_plan
        tasks = review.tasks
        planned = {t.name_zh: t for t in truth.plans[year]}
        assert len(tasks) == len(planned) and set(tasks["name_zh"]) == set(planned)
        right = sum(
            planned[name].reporting == status for name, status in zip(tasks["name_zh"], tasks["reporting"])
        )
        assert right / len(tasks) >= 0.85, right / len(tasks)
        leads = sum(
            planned[n].unit and district.UNITS[planned[n].unit][0] == u
            for n, u in zip(tasks["name_zh"], tasks["lead_unit"])
        )
        assert leads / len(tasks) >= 0.95
        accounting = rv.task_accounting(review).set_index("kind")
        annual = [t for t in truth.plans[year] if t.kind == "annual"]
        assert accounting.loc["annual", "declared"] == len(annual)
        named = sum(t.reporting in ("evidenced", "mentioned") for t in annual)
        assert abs(accounting.loc["annual", "named"] - named) <= 0.05 * len(annual)
        assert "draft" in plan_document_note(review) and any("work plan" in n for n in rv.data_notes(review))
        for row in tasks[tasks["start"].notna()].itertuples():
            assert review.text[int(row.start) : int(row.end)] == row.quote


def test_a_bracketed_note_in_a_name_is_left_out_in_either_width():
    """A name with a note in full-width brackets, as published (\uff08…\uff09), or ASCII ones."""
    full = "\u91cd\u5e86\u5e02\u5f00\u5dde\u533a\uff08\u8bd5\u70b9\uff09"  # 重庆市开州区（试点）
    assert "\uff08" in full and ord(full[-4]) == 0xFF08
    assert (
        short_name(full) == short_name(full.replace("\uff08", "(").replace("\uff09", ")")) == "\u5f00\u5dde"
    )
