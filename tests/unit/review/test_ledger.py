"""The countdown ledger: its validation rules (ledger.csv), its loading, the computations
(``policy_review.review.ledger``) and views (``policy_review.pages.ledger_page``) on the synthetic example,
and the template to fill in.

Validation tests copy ``data/`` into a temporary project root (``POLICY_REVIEW_ROOT``), break the
example's ledger in one way, and check the exact ``file:line: column: what is wrong``.
"""

from __future__ import annotations

import csv
import gc
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import openpyxl
import pandas as pd
import pytest

from policy_review.core import labels, paths
from policy_review.pages import charts, ledger_grid, ledger_page as lgv
from policy_review.review import ledger as lg, loaded_reviews, year_review as rv
from policy_review.tables import ledger_template, names
from policy_review.tables.curated_tables import CURATED
from policy_review.tables.load import load_region
from policy_review.tables.validate import validate
from tests.conftest import missing_glyphs

SHIPPED = paths.data_dir()
REGION = "example"
LEDGER_AT = f"data/curated/{REGION}/ledger.csv"
HEADER = ["task_id", "checkpoint", "status", "note"]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root holding a copy of the shipped data."""
    shutil.copytree(SHIPPED, tmp_path / "data")
    monkeypatch.setenv("POLICY_REVIEW_ROOT", str(tmp_path))
    rv.region_tables.cache_clear()
    yield tmp_path
    rv.region_tables.cache_clear()


def ledger_path(region: str = REGION) -> Path:
    return paths.curated_dir(region) / "ledger.csv"


def read_rows(region: str = REGION) -> list[dict[str, str]]:
    with ledger_path(region).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def write_rows(rows: list[dict[str, str]], region: str = REGION, header: list[str] | None = None) -> None:
    with ledger_path(region).open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header or HEADER, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def change(index: int = 0, **cells: str) -> None:
    rows = read_rows()
    rows[index].update(cells)
    write_rows(rows)


def problems(region: str = REGION) -> list[str]:
    return [str(p) for p in validate(paths.curated_dir(region))]


# --- the table and its rules ---------------------------------------------------------------


def test_ledger_is_an_optional_curated_table():
    assert CURATED["ledger"].column_names == HEADER
    assert not (SHIPPED / "curated" / "kaizhou" / "ledger.csv").exists()


def test_shipped_ledger_loads_typed():
    ledger = load_region(REGION)["ledger"]
    assert list(ledger.columns) == HEADER
    assert str(ledger["checkpoint"].dtype).startswith("datetime64")
    assert len(ledger) == 4 * len(load_region(REGION)["tasks"])


def test_region_without_ledger_gets_an_empty_frame_with_the_columns():
    ledger = load_region("kaizhou")["ledger"]
    assert ledger.empty and list(ledger.columns) == HEADER
    assert str(ledger["checkpoint"].dtype).startswith("datetime64")


def test_unknown_task(root):
    change(task_id="t-missing")
    assert problems() == [f"{LEDGER_AT}:2: task_id: unknown task 't-missing': no such task_id in tasks.csv"]


def test_checkpoint_outside_the_plan_year(root):
    first = read_rows()[0]
    change(checkpoint="2020-12-31")
    assert problems() == [
        f"{LEDGER_AT}:2: checkpoint: checkpoint 2020-12-31 is outside 2021, the plan year "
        f"of task {first['task_id']}"
    ]


def test_checkpoint_not_a_date(root):
    change(checkpoint="2021-13-01")
    assert problems() == [f"{LEDGER_AT}:2: checkpoint: '2021-13-01' is not a date written YYYY-MM-DD"]


def test_checkpoint_in_excel_date_format(root):
    change(checkpoint="2021/3/31")
    assert problems() == [f"{LEDGER_AT}:2: checkpoint: '2021/3/31' is not a date written YYYY-MM-DD"]


def test_status_outside_the_progress_vocabulary(root):
    change(status="done")
    assert problems() == [
        f"{LEDGER_AT}:2: status: unknown status 'done': expected one of complete, "
        "continuing, delayed, not_started, not_rated (vocabulary progress)"
    ]


def test_duplicate_task_and_checkpoint(root):
    rows = read_rows()
    rows.append(dict(rows[0], status="delayed"))
    write_rows(rows)
    line = len(rows) + 1
    assert problems() == [
        f"{LEDGER_AT}:{line}: checkpoint: duplicate checkpoint {rows[0]['checkpoint']} for "
        f"task {rows[0]['task_id']}: already on line 2"
    ]


def test_same_checkpoint_for_two_tasks_is_fine(root):
    rows = read_rows()
    assert rows[0]["checkpoint"] == rows[4]["checkpoint"] and rows[0]["task_id"] != rows[4]["task_id"]
    assert problems() == []


def test_empty_required_cells(root):
    change(task_id="", status="")
    assert sorted(problems()) == [
        f"{LEDGER_AT}:2: status: empty: status is required",
        f"{LEDGER_AT}:2: task_id: empty: task_id is required",
    ]


def test_note_is_optional(root):
    write_rows(read_rows(), header=HEADER[:3])
    assert problems() == []


def test_missing_column(root):
    write_rows(read_rows(), header=["task_id", "status", "note"])
    assert problems() == [f"{LEDGER_AT}:1: checkpoint: required column is missing from the header"]


def test_misnamed_ledger_file(root):
    ledger_path().rename(ledger_path().with_name("ledgers.csv"))
    assert problems() == [
        f"data/curated/{REGION}/ledgers.csv: -: not read: did you mean ledger.csv? "
        "(tables are CSV files named after the table)"
    ]


def test_a_ledger_for_a_region_with_named_tasks(root):
    """A ledger needs no report text: kaizhou's named 2018 tasks can have one."""
    write_rows(
        [
            {"task_id": "t-2018-a01", "checkpoint": "2018-03-31", "status": "continuing"},
            {"task_id": "t-2018-a01", "checkpoint": "2018-06-30", "status": "complete", "note": "已完成"},
        ],
        region="kaizhou",
    )
    assert problems("kaizhou") == []
    review = rv.load_review("kaizhou", 2018)
    assert lg.has_ledger(review)
    assert lg.status_matrix(review).loc["t-2018-a01", "2018-06-30"] == "complete"


# --- the computations on the example -------------------------------------------------------


@pytest.fixture(scope="module")
def review() -> rv.YearReview:
    return rv.load_review(REGION, 2021, "en")


def test_has_ledger(review):
    assert lg.has_ledger(review)
    assert not lg.has_ledger(rv.load_review("kaizhou", 2018))


def test_status_matrix_has_every_task_at_every_checkpoint(review):
    m = lg.status_matrix(review)
    assert len(m) == 165
    cps = ["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"]
    assert [str(c.date()) for c in lg.checkpoints(review)] == cps
    assert m[cps].notna().all().all()
    # grouped by framework area, in the framework's order, each area in one block
    assert list(dict.fromkeys(m["area_id"])) == list(names.area_names(2020, "en"))
    assert (m["area_id"].to_numpy()[1:] != m["area_id"].to_numpy()[:-1]).sum() == 7


def test_final_statuses_match_the_tasks_progress(review):
    final = lg.final_status(review)
    tasks = lg.plan_tasks(review).set_index("task_id")
    assert (final == tasks.loc[final.index, "progress"]).all()


def test_overdue_at_year_end_matches_the_reported_delayed_count(review):
    o = lg.overdue_by_checkpoint(review)
    assert list(o.columns) == ["checkpoint", "due", "due_complete", "overdue"]
    assert (o["due"] == o["due_complete"] + o["overdue"]).all()
    assert o["due"].is_monotonic_increasing and o.iloc[-1]["due"] == 121
    assert o.iloc[-1]["overdue"] == rv.plan_count(review, "annual", "delayed")
    assert len(lg.overdue_tasks(review)) == o["overdue"].sum()


def test_progress_by_unit_worst_first(review):
    u = lg.progress_by_unit(review)
    assert 25 <= len(u) <= 35
    assert u["annual"].sum() == 121 and u["long_term"].sum() == 44
    shares = u["share_not_complete"].astype(float).fillna(-1).tolist()
    assert shares == sorted(shares, reverse=True)
    assert (u["not_complete"] == u["annual"] - u["complete"]).all()


def test_reconciliation_counts_every_task_once(review):
    rec = lg.reconciliation(review)
    assert len(rec) == 165 and rec["task_id"].is_unique
    assert rec["agrees"].all()  # the curated reporting follows from the evidence table
    counts = lg.reconciliation_counts(review)
    assert counts.loc["total", "total"] == 165
    assert counts.loc["total", "annual"] == 121 and counts.loc["total", "long_term"] == 44
    assert all(counts.loc[r, "total"] > 0 for r in lg.REPORTING)  # some of each kind of coverage
    by_status = lg.reconciliation_by_status(review)
    assert by_status.to_numpy().sum() == 165
    evidenced = rec[rec["reporting"] == "evidenced"]
    assert evidenced["quote"].notna().all() and (evidenced["evidence_items"] > 0).all()
    text = review.text
    assert all(text[s:e] == q for s, e, q in zip(evidenced["start"], evidenced["end"], evidenced["quote"]))


def _one_task_curated_as(reporting: str, monkeypatch) -> str:
    """The example's first 2021 task curated as not reported, curated as ``reporting`` instead
    (in the tables the reviews load); returns its id."""
    tables = dict(rv.region_tables(REGION))
    tasks = tables["tasks"].copy()
    first = tasks.index[(tasks["plan_year"] == 2021) & (tasks["reporting"] == "not_reported")][0]
    tasks.loc[first, "reporting"] = reporting
    tables["tasks"] = tasks
    monkeypatch.setattr(rv, "region_tables", lambda region: tables)
    return tasks.loc[first, "task_id"]


def test_reconciliation_sees_a_disagreement_with_the_evidence(review, monkeypatch):
    task = _one_task_curated_as("evidenced", monkeypatch)
    rec = lg.reconciliation(review).set_index("task_id")
    assert not rec.loc[task, "agrees"]
    assert lgv.reconciliation_frame(review).columns[-1] == "Per evidence table"


def test_on_an_excerpt_every_task_is_counted_and_the_silence_is_not_a_report(review, monkeypatch):
    """A ledger beside an excerpt: a task curated as not in the available part is counted under
    that level (not dropped from the totals), and the finding and the notes say what the
    silence of an excerpt means."""
    import dataclasses

    _one_task_curated_as("not_in_excerpt", monkeypatch)
    excerpt = dataclasses.replace(review, provenance={**review.provenance, "coverage": "excerpt"})
    assert excerpt.is_excerpt
    counts = lg.reconciliation_counts(excerpt)
    assert list(counts.index) == [*lg.REPORTING, "not_in_excerpt", "total"]
    assert counts.loc["not_in_excerpt", "total"] == 1
    assert counts.loc["total", "total"] == 165 == counts.loc[list(counts.index[:-1]), "total"].sum()
    assert lg.reconciliation_by_status(excerpt).to_numpy().sum() == 165
    rec = lg.reconciliation(excerpt)
    # the evidence table cannot tell silence from the end of the excerpt: every task it has
    # nothing of is "not in the available part"
    assert set(rec.loc[rec["evidence_items"] == 0, "from_evidence"]) <= {"claimed", "not_in_excerpt"}
    for lang in ("en", "zh"):
        shown = dataclasses.replace(excerpt, lang=lang)
        finding = lgv.reconciliation_finding(shown)
        assert (
            labels.t(
                "reconciliation_finding_excerpt",
                lang,
                n=165,
                **{r: int(counts.loc[r, "total"]) for r in counts.index[:-1]},
            )
            == finding
        )
        fig = lgv.reconciliation_chart(shown)
        assert labels.t("not_in_excerpt_note", lang) in _texts(fig).replace("\n", "")
        assert names.term("reporting", "not_in_excerpt", lang) in [
            text.get_text() for text in fig.axes[0].get_legend().get_texts()
        ]
        matplotlib.pyplot.close(fig)
    # a task curated so is counted so even in a whole report; with none, a whole report has the four
    assert lg.reconciliation_counts(review).loc["not_in_excerpt", "total"] == 1
    monkeypatch.undo()
    assert list(lg.reconciliation_counts(review).index) == [*lg.REPORTING, "total"]


# --- the views -----------------------------------------------------------------------------


def _figures(review):
    return [
        ledger_grid.ledger_chart(review),
        lgv.overdue_chart(review),
        lgv.unit_progress_chart(review),
        lgv.reconciliation_chart(review),
    ]


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_have_no_missing_glyph_and_carry_the_synthetic_banner(lang, caplog):
    review = rv.load_review(REGION, 2021, lang)
    figs = _figures(review)
    assert missing_glyphs(figs, caplog) == []
    for fig in figs:
        assert "合成示例数据" in _texts(fig) if lang == "zh" else "SYNTHETIC EXAMPLE DATA" in _texts(fig)


class _Grid(HTMLParser):
    """The ledger grid's cells: area header rows, and per task row its id, name, unit and status cells."""

    def __init__(self):
        super().__init__()
        self.areas, self.tasks, self._row, self._cell, self._in_body = [], [], None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = {"area": attrs.get("class") == "a", "cells": []}
        elif tag in ("td", "th") and self._row is not None:
            self._cell = {"text": "", **attrs}

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row["cells"].append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (self.areas if self._row["area"] else self.tasks).append(self._row["cells"])
            self._row = None


def _grid(review) -> _Grid:
    parser = _Grid()
    parser.feed(ledger_grid.ledger_grid(review).data)
    return parser


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ledger_grid_shows_every_task_at_every_checkpoint_by_area(lang):
    review = rv.load_review(REGION, 2021, lang)
    grid, m = _grid(review), lg.status_matrix(review)
    cps = [c for c in m.columns if c[:4] == "2021"]
    assert len(grid.tasks) == 165 and len(grid.areas) == 8
    assert [row[0]["text"] for row in grid.tasks] == [task.removeprefix("t-2021-") for task in m.index]
    expected = m["name_zh"] if lang == "zh" else m["name_en"]
    assert [row[1]["text"] for row in grid.tasks] == list(expected)
    # each status cell carries the status's colour, mark and name, as the matrix has it
    progress = names.terms("progress", lang)
    for row, (_, task) in zip(grid.tasks, m.iterrows()):
        for cell, cp in zip(row[3:], cps):
            status = task[cp]
            assert cell["text"] == ledger_grid.STATUS_MARKS[status]
            assert f"background-color:{charts.colour(status)}" in cell["style"]
            assert cell["title"].startswith(progress[status])
    # the deadline's cell is outlined, once per task whose deadline is a checkpoint
    outlined = sum(ledger_grid._DEADLINE in cell["style"] for row in grid.tasks for cell in row[3:])
    assert outlined == sum(pd.notna(d) and d.strftime("%Y-%m-%d") in cps for d in m["deadline"])
    # the area rows count the tasks that follow them
    html = ledger_grid.ledger_grid(review).data
    for block in html.split('<tr class="a">')[1:]:
        header = block.split("</tr>", 1)[0]
        counted = sum(int(n) for n in re.findall(r"(\d+) ", header.split("(")[-1]))
        assert counted == block.count('<td class="i">')
    assert ("合成示例数据" if lang == "zh" else "SYNTHETIC EXAMPLE DATA") in html
    assert ledger_grid.ledger_finding(review) in html and "ledger.csv" in html


def test_ledger_grid_shows_the_ledgers_notes_and_escapes_them(review, monkeypatch):
    ledger = lg.ledger_of(review).copy()
    first = ledger.index[ledger["task_id"].str.startswith("t-2021-")][0]
    ledger.loc[first, "note"] = '<script>alert("x")</script>'
    html = ledger_grid.ledger_grid(review, ledger).data
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert (
        ledger_grid.ledger_grid(review).data.count("&lt;script&gt;") == 0
    )  # the shipped ledger is computed apart


def test_computed_once_per_review_and_ledger(review, monkeypatch):
    calls = []
    real = lg.entries_of
    monkeypatch.setattr(lg, "entries_of", lambda *a: calls.append(1) or real(*a))
    fresh = rv.load_review(REGION, 2021, "en")
    first = lg.ledger_entries(fresh)
    first.loc[0, "status"] = "changed by the caller"
    again = lg.ledger_entries(fresh)
    assert len(calls) == 1 and again.loc[0, "status"] != "changed by the caller"
    lg.ledger_entries(fresh, lg.ledger_of(fresh).copy())  # another ledger: computed afresh
    assert len(calls) == 2
    kept = loaded_reviews.reviews_kept()
    del fresh, first, again
    gc.collect()
    assert loaded_reviews.reviews_kept() == kept - 1  # nothing kept once the review is gone


def test_every_html_view_carries_the_synthetic_banner(review):
    for view in (
        ledger_grid.ledger_grid,
        lgv.overdue_table,
        lgv.unit_progress_table,
        lgv.reconciliation_counts_table,
        lgv.reconciliation_status_table,
    ):
        assert "SYNTHETIC EXAMPLE DATA" in view(review).data


def _displayed(monkeypatch, review) -> list:
    shown = []
    monkeypatch.setattr(lgv, "display", lambda *objs: shown.extend(objs))
    monkeypatch.setattr(lgv.parts, "interactive", lambda df, **kw: shown.append(df))
    lgv.show_ledger(review)
    return shown


def test_show_ledger_shows_everything(monkeypatch, review):
    shown = _displayed(monkeypatch, review)
    figures = [x for x in shown if isinstance(x, matplotlib.figure.Figure)]
    frames = [x for x in shown if isinstance(x, pd.DataFrame)]
    assert len(figures) == 3 and len(frames) == 1 and len(frames[0]) == 165
    html = " ".join(x.data for x in shown if hasattr(x, "data") and isinstance(x.data, str))
    assert html.count('<td class="i">') == 165  # the task × checkpoint grid
    assert 'id="sec-ledger"' in html and "SYNTHETIC EXAMPLE DATA" in html and "未见报告" in html


def test_show_ledger_shows_nothing_without_a_ledger(monkeypatch):
    assert _displayed(monkeypatch, rv.load_review("kaizhou", 2018)) == []


# --- the template --------------------------------------------------------------------------


def test_template_files_are_current(tmp_path):
    written = ledger_template.write_template(tmp_path)
    shipped = SHIPPED / "templates"
    assert (tmp_path / "ledger_template.csv").read_bytes() == (shipped / "ledger_template.csv").read_bytes()
    for path in written[1:]:
        new, old = openpyxl.load_workbook(path), openpyxl.load_workbook(shipped / path.name)
        assert new.sheetnames == old.sheetnames == ["ledger", "instructions"]
        for sheet in new.sheetnames:
            assert [[c.value for c in r] for r in new[sheet].iter_rows()] == [
                [c.value for c in r] for r in old[sheet].iter_rows()
            ]


def test_template_has_the_ledger_columns_and_one_example_row():
    with (SHIPPED / "templates" / "ledger_template.csv").open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == HEADER and len(rows) == 2
    sheet = openpyxl.load_workbook(SHIPPED / "templates" / "ledger_template.xlsx")["ledger"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["B2"].number_format == "yyyy-mm-dd" and sheet["A3"].value is None


def test_the_template_row_validates_where_its_task_exists(root):
    shutil.copy(root / "data" / "templates" / "ledger_template.csv", ledger_path())
    assert problems() == []
