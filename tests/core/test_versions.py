"""Plan versions (批复文号, 批复时间, label) and verdicts across versions (`planner check --compare-plan`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import geopandas as gpd
import pandas as pd
import pytest

from planner.checking.engine import check
from planner.cli import main
from planner.io.layers import load_buildings, load_plan
from planner.io.plan_version import normalise_date, read_version, with_version
from planner.model import PlanVersion
from planner.versions.compare import compare_verdicts
from tests.helpers import rect


def write_plan(path, far_texts, **extra):
    """Two 100 m x 100 m parcels (10,000 m² each) side by side: P1 at x 0-100, P2 at x 100-200."""
    frame = gpd.GeoDataFrame({"地块编号": ["P1", "P2"], "用地代码": ["070102", "070102"], "容积率": far_texts,
                              **extra}, geometry=[rect(0, 0, 100, 100), rect(100, 0, 100, 100)], crs="EPSG:4542")
    frame.to_file(path, layer="控规地块", engine="pyogrio")
    return path


def write_scheme(path):
    """On P1: a 50 x 40 m block of 10 storeys = 20,000 m² counted, FAR 2.0.
    On P2: a 40 x 25 m block of 12 storeys = 12,000 m², FAR 1.2."""
    frame = gpd.GeoDataFrame({"建筑编号": ["1#", "2#"], "地上层数": [10, 12], "建筑高度": [30.0, 36.0],
                              "建筑用途": ["住宅", "住宅"]},
                             geometry=[rect(10, 10, 50, 40), rect(130, 10, 40, 25)], crs="EPSG:4542")
    frame.to_file(path, layer="建筑", engine="pyogrio")
    return path


# --- the version a plan layer carries --------------------------------------------------------------------

@pytest.mark.parametrize(("written", "iso"), [
    ("2025-06-18", "2025-06-18"), ("2025/6/18", "2025-06-18"), ("2025年6月18日", "2025-06-18"),
    ("2025.06.18", "2025-06-18"), ("20250618", "2025-06-18"), (dt.date(2025, 6, 18), "2025-06-18"),
    (pd.Timestamp("2025-06-18 00:00"), "2025-06-18"), ("2025年6月", "2025年6月"), ("2025-02-30", "2025-02-30"),
    (None, ""), (float("nan"), ""), ("  ", ""),
])
def test_approval_dates_are_read_as_iso_or_kept_as_written(written, iso):
    assert normalise_date(written) == iso


def test_a_plan_layer_reads_its_approval_number_and_date(tmp_path):
    path = write_plan(tmp_path / "plan.gpkg", ["≤2.5", "≤2.5"], 批复文号=["酒政函〔2025〕37号"] * 2,
                      批复时间=["2025/6/18", "2025/6/18"])
    assert load_plan(path).info.version == PlanVersion("", "酒政函〔2025〕37号", "2025-06-18")


def test_pinyin_fields_and_a_version_label_are_read(tmp_path):
    path = write_plan(tmp_path / "plan.gpkg", ["≤2.5", "≤2.5"], PFWH=["A号", "A号"], PFSJ=["20210930"] * 2,
                      规划版本=["2021版", "2021版"])
    version = load_plan(path).info.version
    assert version == PlanVersion("2021版", "A号", "2021-09-30")
    assert version.describe() == "2021版 (A号, 2021-09-30)"


def test_a_plan_amended_parcel_by_parcel_names_its_approvals_and_the_latest_date():
    frame = pd.DataFrame({"PFWH": ["甲", "甲", "乙", None], "PFSJ": ["2021-09-30", "2021-09-30", "2025-06-18", ""]})
    version = read_version(frame, None, "PFWH", "PFSJ")
    assert version.approval_number == "甲；乙"  # most common first
    assert version.approval_date == "2025-06-18"


def test_a_plan_without_version_fields_has_an_unknown_version_the_official_can_state(tmp_path):
    plan = load_plan(write_plan(tmp_path / "plan.gpkg", ["≤2.5", "≤2.5"]))
    assert plan.info.version == PlanVersion() and not plan.info.version.known
    stated = with_version(plan, "2026 调整", "酒政函〔2026〕9号", "2026年3月2日")
    assert stated.info.version == PlanVersion("2026 调整", "酒政函〔2026〕9号", "2026-03-02")
    assert stated.ids.tolist() == plan.ids.tolist()  # the rest of the layer is untouched
    # What the official states replaces the data's own fields only where stated.
    assert with_version(stated, approval_date="2026-04-01").info.version.approval_number == "酒政函〔2026〕9号"


def test_the_json_names_the_version_used_and_the_cli_can_state_it(tmp_path):
    plan = write_plan(tmp_path / "plan.gpkg", ["≤2.5", "≤2.5"], PFWH=["A号", "A号"], PFSJ=["2021-09-30"] * 2)
    scheme = write_scheme(tmp_path / "scheme.gpkg")
    out = tmp_path / "out.json"
    assert main(["check", "--plan", str(plan), "--buildings", str(scheme), "--json", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["inputs"]["plan"]["version"] == {
        "label": None, "approval_number": "A号", "approval_date": "2021-09-30"}
    assert main(["check", "--plan", str(plan), "--buildings", str(scheme), "--json", str(out),
                 "--plan-version", "2021版", "--plan-approval-date", "2021年10月8日"]) == 0
    assert json.loads(out.read_text("utf-8"))["inputs"]["plan"]["version"] == {
        "label": "2021版", "approval_number": "A号", "approval_date": "2021-10-08"}


# --- verdicts across versions ------------------------------------------------------------------------------

def test_findings_that_appear_disappear_and_change_between_versions(tmp_path):
    scheme = load_buildings(write_scheme(tmp_path / "scheme.gpkg"))
    # Old: P1 ≤1.8 (FAR 2.0 breaks it), P2 ≤1.5 (1.2 passes).
    old = check(load_plan(write_plan(tmp_path / "old.gpkg", ["≤1.8", "≤1.5"])), scheme)
    # New: P1 ≤1.9 (2.0 still breaks it, against another limit), P2 ≤1.0 (1.2 now breaks it).
    new = check(load_plan(write_plan(tmp_path / "new.gpkg", ["≤1.9", "≤1.0"])), scheme)
    comparison = compare_verdicts(old, new)
    assert [(v.rule, v.parcel, v.actual) for v in comparison.appeared] == [("far_max", "P2", pytest.approx(1.2))]
    assert comparison.disappeared == ()
    [(before, after)] = comparison.changed
    assert (before.parcel, before.limit, after.limit) == ("P1", (None, 1.8), (None, 1.9))
    assert comparison.summary == {"appeared": 1, "disappeared": 0, "changed": 1, "unchanged": 0}
    # The other way round, P2's finding disappears.
    back = compare_verdicts(new, old)
    assert [(v.rule, v.parcel) for v in back.disappeared] == [("far_max", "P2")]


def test_identical_versions_give_no_difference(tmp_path):
    scheme = load_buildings(write_scheme(tmp_path / "scheme.gpkg"))
    plan = load_plan(write_plan(tmp_path / "plan.gpkg", ["≤1.8", "≤1.0"]))
    comparison = compare_verdicts(check(plan, scheme), check(plan, scheme))
    assert not comparison.differs and comparison.unchanged == 2


def test_compare_plan_on_the_command_line(tmp_path, capsys):
    scheme = write_scheme(tmp_path / "scheme.gpkg")
    old = write_plan(tmp_path / "old.gpkg", ["≤2.5", "≤1.5"], PFWH=["旧号", "旧号"])
    new = write_plan(tmp_path / "new.gpkg", ["≤1.9", "≤1.5"], PFWH=["新号", "新号"])
    out = tmp_path / "out.json"
    code = main(["check", "--plan", str(new), "--buildings", str(scheme), "--compare-plan", str(old),
                 "--json", str(out), "--lang", "en"])
    assert code == 1  # the exit code follows the version in force: P1's FAR 2.0 breaks ≤1.9
    printed = capsys.readouterr().out
    assert "Against the other plan version 旧号" in printed
    assert "1 findings appear, 0 disappear and 0 change" in printed
    doc = json.loads(out.read_text("utf-8"))
    assert doc["inputs"]["plan"]["version"]["approval_number"] == "新号"
    compare = doc["compare"]
    assert compare["plan"]["version"]["approval_number"] == "旧号"
    assert compare["summary"] == {"appeared": 1, "disappeared": 0, "changed": 0, "unchanged": 0}
    assert [(v["rule"], v["parcel"], v["limit"]) for v in compare["appeared"]] == [("far_max", "P1", [None, 1.9])]


def test_compare_plan_that_cannot_be_read_is_one_clear_error(tmp_path, capsys):
    scheme = write_scheme(tmp_path / "scheme.gpkg")
    new = write_plan(tmp_path / "new.gpkg", ["≤1.9", "≤1.5"])
    code = main(["check", "--plan", str(new), "--buildings", str(scheme), "--compare-plan",
                 str(tmp_path / "missing.gpkg"), "--lang", "en"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "missing.gpkg" in err[0]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_report_names_the_version_and_lists_the_findings_that_depend_on_it(tmp_path):
    scheme = write_scheme(tmp_path / "scheme.gpkg")
    old = write_plan(tmp_path / "old.gpkg", ["≤2.5", "≤1.5"], PFWH=["旧号", "旧号"])
    new = write_plan(tmp_path / "new.gpkg", ["≤1.9", "≤1.5"], PFWH=["新号", "新号"], PFSJ=["2025-06-18"] * 2)
    pdf = tmp_path / "report.pdf"
    assert main(["check", "--plan", str(new), "--buildings", str(scheme), "--compare-plan", str(old),
                 "--pdf", str(pdf), "--lang", "en"]) == 1
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "新号(2025-06-18)" in text  # the version in force, in the title block and the running header
    assert "Findingsthatdependontheplanversion" in text
    assert "againsttheplanversion旧号.Undertheversioninforce(新号),1findingsappear" in text
    assert "Appears" in text and "P1" in text and "Otherplanversion" in text and "old.gpkg" in text
