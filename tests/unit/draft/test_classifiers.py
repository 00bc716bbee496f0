"""Area classifiers: the protocol and its registry, the linear model (deterministic, explained, the
shipped file what a fresh training gives), hand-labelled passages of whole published reports, and
an unknown classifier's name as bad input."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from policy_review.core import paths
from policy_review.core.errors import BadInput
from policy_review.draft import classifiers
from policy_review.draft.classification import classify_area
from policy_review.draft.classifiers import Call, linear, training
from policy_review.draft.extract import extract_report
from policy_review.run.preflight import check_inputs
from policy_review.sources import reading
from policy_review.sources.report_text import read_report_text
from policy_review.tables.params import Run, RunParameters
from tests.conftest import ROOT, run_cli

WHOLE = ROOT / "tests" / "data" / "whole"
TRUTH = ROOT / "tests" / "truth" / "passages.csv"


# --- the protocol and the registry ----------------------------------------------------------------


class Toy:
    """A classifier of the protocol that files everything under rules."""

    name = "toy"

    def classify(self, text: str, year: int, headings: tuple[str, ...] = ()) -> Call:
        return Call("rules", 1.0, ("toy",), "functions", 0.0)


@pytest.fixture
def toy_registered():
    classifiers.register("toy")(Toy)
    yield
    classifiers.REGISTRY.pop("toy", None)


def test_a_registered_classifier_is_chosen_by_name_and_drafts_use_it(toy_registered, monkeypatch):
    assert isinstance(Toy(), classifiers.AreaClassifier)
    monkeypatch.setenv(classifiers.ENV, "toy")
    assert classifiers.problems() == []
    assert classify_area("修订突发事件应急预案", 2022) == Call("rules", 1.0, ("toy",), "functions", 0.0)
    text = read_report_text(paths.report_text_path("kaizhou", 2018))
    evidence = extract_report(text, 2018)["evidence"]
    assert evidence and {e["area_id"] for e in evidence} == {"rules"}
    assert {tuple(e["terms"]) for e in evidence} == {("toy",)}


def test_using_sets_a_classifier_for_a_block_only(toy_registered):
    assert classifiers.setting() == classifiers.DEFAULT == "linear"
    with classifiers.using("toy"):
        assert classify_area("开展执法人员培训", 2018).label == "rules"
        with classifiers.using("terms") as terms:
            assert (
                terms.name == "terms" and classify_area("开展行政执法案卷评查", 2018).label == "enforcement"
            )
        assert classify_area("开展行政执法案卷评查", 2018).label == "rules"
    assert classifiers.chosen().name == "linear"


def test_an_unknown_classifier_is_bad_input(monkeypatch, tmp_path):
    monkeypatch.setenv(classifiers.ENV, "bayes")
    (problem,) = classifiers.problems()
    line = str(problem)
    assert line == "POLICY_REVIEW_CLASSIFIER: -: unknown area classifier 'bayes': use one of linear, terms"
    with pytest.raises(BadInput) as raised:
        classify_area("开展执法人员培训", 2018)
    assert str(raised.value) == line
    # before any kernel starts, with the other input problems
    with pytest.raises(BadInput) as raised:
        check_inputs(
            [Run(paths.params_dir() / "kaizhou-2018.yaml", RunParameters(region="kaizhou", year=2018))]
        )
    assert line in str(raised.value)
    # the command line: exit 2, the one line, no traceback
    report = tmp_path / "report.txt"
    report.write_text(read_report_text(paths.report_text_path("kaizhou", 2019)), encoding="utf-8")
    done = run_cli("extract", str(report))
    assert done.returncode == 2 and done.stdout == ""
    assert line in done.stderr and "Traceback" not in done.stderr


# --- the linear model -----------------------------------------------------------------------------


def test_a_linear_call_carries_its_probability_its_features_and_the_runner_up():
    text = "严格落实重大行政决策程序,对涉及群众切身利益的重大行政决策事项开展公众参与和专家论证。"
    call = classifiers.named("linear").classify(text, 2019, ("强化重大行政决策程序",))
    assert call.label == "decisions"
    assert linear.FLOOR <= call.score <= 1.0 and call.runner_up not in (None, "decisions")
    assert 0.0 <= call.runner_up_score < call.score
    assert 1 <= len(call.terms) <= linear.SHOWN and "重大行政决策" in call.terms
    assert all(term in text or term in "强化重大行政决策程序" for term in call.terms)
    # a passage about nothing the model knows is not classified (below the floor)
    assert classifiers.named("linear").classify("会议精神。", 2022).label == classifiers.UNCLASSIFIED


def test_the_linear_model_reads_the_framework_in_force():
    model = classifiers.named("linear")
    assert model.classify("修订突发事件应急预案,开展应急演练", 2022).label == "emergencies"
    assert model.classify("修订突发事件应急预案,开展应急演练", 2019).label == "functions"  # before 2021
    assert model.classify("组织领导干部学法,开展法治培训", 2019).label == "capacity"
    assert model.classify("组织领导干部学法,开展法治培训", 2022).label == "organisation"


def _sample(found: list[training.Example]) -> list[training.Example]:
    """Every third example of the 2015–2020 framework: enough to fit, quick to fit twice."""
    return [e for e in found if e.framework == "outline_2015_2020"][::3]


@pytest.fixture(scope="module")
def examples() -> list[training.Example]:
    return training.examples()


def test_fitting_is_deterministic(examples):
    first = linear.fit(_sample(examples), "outline_2015_2020")
    second = linear.fit(_sample(examples), "outline_2015_2020")
    assert first.classes == second.classes and first.features == second.features
    assert np.array_equal(first.coef, second.coef) and np.array_equal(first.idf, second.idf)
    assert np.array_equal(first.intercept, second.intercept)
    both = linear.Model({"outline_2015_2020": first}, {}), linear.Model({"outline_2015_2020": second}, {})
    assert both[0].to_json() == both[1].to_json()


def test_the_shipped_file_reads_back_as_written():
    model = linear.shipped()
    assert linear.Model.from_json(model.to_json()).to_json() == linear.MODEL_FILE.read_text(encoding="utf-8")


def test_training_examples_are_the_term_lists_sure_calls_the_curated_rows_and_the_terms(examples):
    sources = {e.source for e in examples}
    assert sources == {"terms", "curated", "term list"}
    # a curated row of the 2015–2020 outline is carried into 2021–2025 through the crosswalk
    capacity = [e for e in examples if e.source == "curated" and e.label == "capacity"]
    assert capacity and all(e.framework == "outline_2015_2020" for e in capacity)
    carried = {(e.framework, e.label) for e in examples if e.where == capacity[0].where}
    assert carried == {("outline_2015_2020", "capacity"), ("outline_2021_2025", "organisation")}
    # a term call is learnt from only where it is sure
    assert all(e.label != classifiers.UNCLASSIFIED for e in examples)
    # leaving a region out leaves out its reports and its curated rows
    without = training.examples(exclude=("kaizhou",))
    assert not any("kaizhou" in e.where for e in without) and any("kaizhou" in e.where for e in examples)


@pytest.mark.slow
def test_the_shipped_model_is_what_a_fresh_training_gives(examples):
    """Fails when the term lists, the curated tables, the reports or the way passages are cut
    changed and ``make model`` was not run."""
    shipped = linear.shipped()
    assert shipped.about["trained_on"]["fingerprint"] == training.fingerprint(examples), "run make model"
    for framework, part in shipped.parts.items():
        fresh = linear.fit(examples, framework)
        assert fresh.classes == part.classes
        common = set(fresh.features) & set(part.features)
        assert len(common) >= 0.98 * max(len(fresh.features), len(part.features))
        for feature in common:  # within what another machine's arithmetic can move
            a, b = fresh.coef[:, fresh.features[feature]], part.coef[:, part.features[feature]]
            assert np.abs(a - b).max() <= 0.05, feature


# --- hand-labelled passages of whole published reports ---------------------------------------------

#: Passages of ``tests/truth/passages.csv`` that both classifiers call as labelled today, with the
#: headings above them (the passage's own, then its chapter's), as a reader finds them in the text.
HANDFUL = [
    ("longhua-2019-report", 683, 2019, ("加强规范性文件管理", "加强制度建设"), "rules"),
    (
        "longhua-2019-report",
        1188,
        2019,
        ("制定并公布重大行政决策事项目录和重大行政决策听证事项目录", "强化重大行政决策程序"),
        "decisions",
    ),
    ("longhua-2019-report", 2183, 2019, ("定期组织执法案卷评查", "推进行政执法规范化建设"), "enforcement"),
    (
        "longhua-2019-report",
        2695,
        2019,
        ("提高行政复议案件办理质量", "积极开展行政复议和行政应诉工作"),
        "disputes",
    ),
    ("pingtan-jingfaju-2022-report", 1049, 2022, ("疫情防控强保障", "坚持规范引领"), "emergencies"),
    ("pingtan-jingfaju-2022-report", 2795, 2022, ("规范权力运行", "正确履行职能"), "oversight"),
    (
        "pingtan-jingfaju-2022-report",
        264,
        2022,
        ("深入学习贯彻习近平法治思想", "加强党的领导"),
        "organisation",
    ),
]


@pytest.fixture(scope="module")
def truth() -> dict[tuple[str, int], dict]:
    with TRUTH.open(encoding="utf-8") as handle:
        return {(row["text"], int(row["start"])): row for row in csv.DictReader(handle)}


def test_the_whole_texts_are_stored_as_published():
    longhua = (WHOLE / "longhua-2019-report.txt").read_text(encoding="utf-8")
    jingfaju = (WHOLE / "pingtan-jingfaju-2022-report.txt").read_text(encoding="utf-8")
    assert "\u3000" in longhua and "\uff08\u4e00\uff09" in longhua  # U+3000 indentation, （一）
    assert "\uff0c" in jingfaju and "\n" not in jingfaju.strip()  # full-width commas, one line


@pytest.mark.parametrize("classifier", ["terms", "linear"])
@pytest.mark.parametrize(("name", "start", "year", "headings", "area"), HANDFUL)
def test_labelled_passages_of_whole_reports(truth, classifier, name, start, year, headings, area):
    row = truth[(name, start)]
    assert row["area_id"] == area
    original = (WHOLE / f"{name}.txt").read_text(encoding="utf-8")
    text = reading.read(original).text[start : int(row["end"])]
    assert original[start:].startswith(row["quote_start"])
    assert all(h in reading.read(original).text for h in headings)
    call = classifiers.named(classifier).classify(text, year, headings)
    assert call.label == area, (call, row["why"])
    assert call.score > 0 and call.terms


def test_the_model_file_says_what_it_learnt_from():
    about = json.loads(linear.MODEL_FILE.read_text(encoding="utf-8"))["about"]
    assert about["trained_on"]["left_out"] == [] and about["settings"]["C"] == linear.C
    assert set(about["trained_on"]["by_source"]) == {"terms", "curated", "term list"}
    assert linear.MODEL_FILE.stat().st_size < 300_000
    assert str(paths.root()) not in linear.MODEL_FILE.read_text(encoding="utf-8")
