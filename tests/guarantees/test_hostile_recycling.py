"""A report built to make the search for repeats slow: the work stays linear in its sentences."""

from __future__ import annotations

from policy_review.review import recycling as rc, shared_text


def _counting(monkeypatch, module, name: str) -> list[int]:
    calls = [0]
    real = getattr(module, name)

    def counted(*args):
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_one_sentence_written_many_times_costs_a_bounded_work_per_sentence(monkeypatch):
    compared = _counting(monkeypatch, rc, "same_figures")
    scored = _counting(monkeypatch, rc, "similarity")
    work = []
    for n in (300, 3_000):
        compared[0] = scored[0] = 0
        same = "区政府常务会议研究法治政府建设工作12次。" * n
        reworded = "".join(f"区政府全体会议研究法治政府建设事项{i}次。" for i in range(n))
        rows = rc.match(rc.sentences(same + reworded, 2021), rc.sentences(same + reworded, 2020))
        assert len(rows) == 2 * n and all(r["class"] for r in rows)
        work.append(compared[0] + scored[0])
    assert work[1] <= 11 * work[0]  # ten times the text, about ten times the work


def test_runs_of_a_stock_sentence_across_regions_stay_bounded():
    stock = "本领域各项年度任务均按计划推进并取得成效。" * 2_000
    pairs = shared_text.shared_runs(
        {"a": (stock, 2022, ()), "b": (stock + "另有一句不同的话在这里。", 2022, ())}
    )
    assert len(pairs) == 1 and pairs.iloc[0]["longest_run"] >= shared_text.RUN
