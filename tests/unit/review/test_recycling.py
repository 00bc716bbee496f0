"""Recycled text: sentences repeated from last year's report, on the example's truth and on the
shipped real reports as a reader can check them by hand; pairs of reports sharing runs."""

from __future__ import annotations

import pytest

from policy_review.example import district
from policy_review.review import recycling as rc, shared_text, year_review as rv

# ---------------------------------------------------------------- what a sentence is


def _one(text: str, year: int):
    found = [s for s in rc.sentences(text, year)]
    assert len(found) == 1, found
    return found[0]


def test_full_width_forms_indentation_and_traditional_characters_read_as_their_plain_forms():
    words = "\u5168\u5e74\u529e\u7406\u884c\u653f\u590d\u8b70\u6848\u4ef6\uff11\uff12\u4ef6"
    published = "\u3000\u3000\uff08\u4e00\uff09" + words + "\uff1b"
    # （一）全年办理行政复議案件１２件； : full-width brackets, digits and semicolon, U+3000, 議 traditional
    assert "\uff08" in published and "\uff11" in published and "\uff1b" in published and "\u3000" in published
    assert "\u8b70" in published
    plain = "(一)全年办理行政复议案件12件;"
    a, b = _one(published, 2020), _one(plain, 2020)
    assert a.wording == b.wording and a.figures == b.figures == (("n", "12"),)
    assert (
        published[a.start : a.end]
        == "\u5168\u5e74\u529e\u7406\u884c\u653f\u590d\u8b70\u6848\u4ef6\uff11\uff12\u4ef6"
    )
    assert (a.start, a.end) == (b.start + 2, b.end + 2)  # the offsets stay the text of record's


def test_list_markers_are_not_figures_and_short_sentences_do_not_count():
    for marker in (
        "1.",
        "3\u3001",
        "(2)",
        "\u7b2c\u4e00,",
        "\u4e00\u662f",
        "\u4e8c\u3001",
    ):  # 3、 第一, 一是 二、
        s = _one(marker + "动态调整权责清单并向社会公布", 2021)
        assert s.figures == () and s.wording == "动态调整权责清单并向社会公布", marker
    assert not _one("现将有关情况报告如下。", 2021).counted  # a formula of ten characters
    assert _one("区政府常务会议研究法治政府建设工作", 2021).counted


def test_figures_are_compared_apart_and_years_by_their_distance_from_the_report():
    before = rc.sentences("2018年度任务已按期完成48项,实施方案(2017\u20142020年)全面落实。", 2018)
    as_was = rc.sentences("2019年度任务已按期完成48项,实施方案(2017\u20142020年)全面落实。", 2019)
    new = rc.sentences("2019年度任务已按期完成51项,实施方案(2017\u20142020年)全面落实。", 2019)
    assert as_was[0].wording == new[0].wording == before[0].wording
    assert [r["class"] for r in rc.match(as_was, before)] == ["as_was"]
    assert [r["class"] for r in rc.match(new, before)] == ["new_figures"]
    # a year of the same distance, or the same year, is the same; another distance is not
    assert rc.same_figures((("y", 2019, 0),), (("y", 2018, 0),))
    assert rc.same_figures((("y", 2020, 1),), (("y", 2020, 2),))
    assert not rc.same_figures((("y", 2021, 2),), (("y", 2018, 0),))


def test_near_repeats_are_scored_and_kept_from_the_threshold():
    before = rc.sentences("不断健全依法行政制度体系,提升政府治理能力。", 2023)
    near = rc.sentences("不断完善依法行政制度体系,提升政府治理能力。", 2024)
    other = rc.sentences("扎实开展领导干部述法,推动全覆盖工作落实。", 2024)
    hit = rc.match(near, before)[0]
    assert hit["class"] == "near" and rc.NEAR <= hit["similarity"] < 1
    assert hit["similarity"] == round(rc.similarity(near[0].wording, before[0].wording), 3)
    assert rc.match(other, before)[0]["class"] is None


# ---------------------------------------------------------------- the example's truth


@pytest.fixture(scope="module")
def example_2022():
    return rv.load_review("example", 2022), district.build().reports[2022]


def test_every_sentence_the_example_carried_over_is_found_with_its_class_and_last_years_span(example_2022):
    review, truth = example_2022
    found = rc.year_on_year(review).set_index(["start", "end"])
    counted = {(s.start, s.end) for s in rc.sentences(review.text, 2022) if s.counted}
    carried = [c for c in truth.carried if (c["start"], c["end"]) in counted]
    assert {c["class"] for c in carried} == {"as_was", "new_figures"} and len(carried) >= 4
    for c in carried:
        row = found.loc[(c["start"], c["end"])]
        assert row["class"] == c["class"]
        assert (row["prev_start"], row["prev_end"]) == (c["prev_start"], c["prev_end"])
    share = rc.summary(review)["share"]
    assert share >= len(carried) / len(counted)


def test_the_problems_the_example_admits_again_are_found_exactly(example_2022):
    review, truth = example_2022
    again = rc.problems_again(review)
    assert sorted(again["issue_id"]) == sorted(truth.again) and len(truth.again) == 2
    assert rc.summary(review)["problems_again"] == 2
    before = rc.text_of("example", 2021)
    for row in again.itertuples():  # each admitted again is last year's problem in its words
        last = rc.sentences(before[int(row.prev_start) : int(row.prev_end)], 2021)[0].wording
        assert last in {s.wording for s in rc.sentences(review.text[int(row.start) : int(row.end)], 2022)}


def test_shares_are_over_counted_sentences_and_passages(example_2022):
    review, _ = example_2022
    s = rc.summary(review)
    rows = rc.year_on_year(review)
    assert s["sentences"] == len(rows) == sum(1 for x in rc.sentences(review.text, 2022) if x.counted)
    assert s["repeated"] == sum(s["by_class"].values()) == int(rows["class"].notna().sum())
    assert s["evidence"]["total"] == len(review.evidence[review.evidence["report_year"] == 2022])
    sections = rc.by_section(review)
    assert int(sections["sentences"].sum()) == s["sentences"]
    assert set(sections["section"]) >= {"一", "二", "三", "四"}


def test_last_years_sentences_carried_forward_are_the_same_pairs_seen_from_2021():
    before = rv.load_review("example", 2021)
    ahead = rc.carried_forward(before)
    back = rc.year_on_year(rv.load_review("example", 2022))
    back = back[back["class"].notna()]
    assert set(zip(ahead["start"], ahead["end"])) == set(
        zip(back["prev_start"].astype(int), back["prev_end"].astype(int))
    )


# ---------------------------------------------------------------- the shipped real reports, by hand


def _repeats(region: str, year: int) -> list[tuple[str, str, str]]:
    review = rv.load_review(region, year)
    before = rc.text_of(region, year - 1)
    rows = rc.year_on_year(review)
    rows = rows[rows["class"].notna()]
    return [
        (c, review.text[int(s) : int(e)], before[int(ps) : int(pe)])
        for c, s, e, ps, pe in zip(
            rows["class"], rows["start"], rows["end"], rows["prev_start"], rows["prev_end"]
        )
    ]


def test_kaizhou_2019_repeats_nothing_of_2018_and_2020_only_the_title_of_2019():
    assert _repeats("kaizhou", 2019) == []
    title_2019 = "重庆市开州区人民政府2019年度法治政府建设情况报告"
    title_2020 = "重庆市开州区人民政府关于2020年度法治政府建设情况的报告"
    assert _repeats("kaizhou", 2020) == [("near", title_2020, title_2019)] * 2  # the title is there twice
    s = rc.summary(rv.load_review("kaizhou", 2020))
    assert s["excerpt"] and s["previous_excerpt"] and s["evidence"]["repeated"] == 0


def test_tongliang_repeats_its_title_and_first_heading():
    assert _repeats("tongliang", 2021) == [
        ("as_was", "重庆市铜梁区2021年法治政府建设工作报告", "重庆市铜梁区2020年法治政府建设工作报告")
    ]
    assert _repeats("tongliang", 2022) == [
        ("near", "2022年推进法治政府建设的主要举措和成效", "2021年推进法治政府建设主要举措和成效")
    ]
    assert _repeats("tongliang", 2023) == [
        ("as_was", "2023年推进法治政府建设的主要举措和成效", "2022年推进法治政府建设的主要举措和成效"),
        ("near", "更加深入全面学习宣传贯彻习近平法治思想", "学习宣传贯彻习近平法治思想更加全面深入"),
    ]


def test_wuhan_rewords_rather_than_repeats():
    found = _repeats("wuhan", 2023)
    assert [c for c, _, _ in found] == ["near", "near"]
    assert found[0][1].endswith("将党的领导贯穿法治政府建设全过程和各方面")
    assert found[0][2].startswith("将党的领导贯穿法治政府建设全过程和各方面")
    assert _repeats("wuhan", 2024) == [("near", "不断完善依法行政制度体系", "不断健全依法行政制度体系")]


def test_a_report_without_last_years_has_no_share():
    review = rv.load_review("kaizhou", 2018)
    assert rc.summary(review) == {"available": False, "excerpt": False, "previous_excerpt": False}
    assert rc.year_on_year(review)["class"].isna().all()


# ---------------------------------------------------------------- across regions


def test_a_report_copied_with_the_name_changed_is_paired_with_its_source_and_spans_slice_both():
    text = rc.text_of("example", 2022)
    copy = text.replace("示例区", "某某县")
    unrelated = rc.text_of("kaizhou", 2018)
    pairs = shared_text.shared_runs(
        {
            "example": (text, 2022, ("示例区",)),
            "copy": (copy, 2022, ("某某县",)),
            "other": (unrelated, 2022, ("开州区",)),
        }
    )
    assert len(pairs) == 1
    p = pairs.iloc[0]
    assert {p["a"], p["b"]} == {"example", "copy"} and p["share_a"] == p["share_b"] == 1.0
    texts = {"example": text, "copy": copy}
    a, b = texts[p["a"]][p["a_start"] : p["a_end"]], texts[p["b"]][p["b_start"] : p["b_end"]]
    assert a.replace("示例区", "某某县") == b.replace("示例区", "某某县") and len(a) > 100


def test_many_copies_of_one_template_give_one_row_each_not_every_pair():
    text = rc.text_of("example", 2022)
    reports = {f"r{i}": (text.replace("示例区", f"某{i:02d}县"), 2022, (f"某{i:02d}县",)) for i in range(12)}
    pairs = shared_text.shared_runs(reports)
    assert len(pairs) <= 12 and set(pairs["a"]) | set(pairs["b"]) == set(reports)
