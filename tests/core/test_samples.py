"""Golden tests on the bundled samples, plus the designed numbers of sample_plans/README.md stated outright.

tests/golden/*.json were written once by
    python -m planner check --plan sample_plans/xiguan_plan.gpkg --buildings sample_plans/scheme_<name>.gpkg
        --green sample_plans/scheme_<name>.gpkg --json tests/golden/<name>.json --lang en
(from the repository root) and checked by hand against README.md's "Designed numbers" tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from planner.checking.engine import check
from planner.cli import main
from planner.io.layers import load_buildings, load_green, load_plan

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PLAN = "sample_plans/xiguan_plan.gpkg"
GBK_PLAN = "sample_plans/xiguan_plan_gbk.shp"
SCHEMES = {"violating": "sample_plans/scheme_violating.gpkg", "compliant": "sample_plans/scheme_compliant.gpkg"}
IGNORED = {"path", "message"}


def run_cli(tmp_path: Path, monkeypatch, name: str, plan: str = PLAN) -> tuple[int, dict]:
    monkeypatch.chdir(ROOT)  # relative paths, as when the golden files were written
    out = tmp_path / f"{name}.json"
    code = main(["check", "--plan", plan, "--buildings", SCHEMES[name], "--green", SCHEMES[name],
                 "--json", str(out), "--lang", "en"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def assert_matches(got, want, where: str = "$") -> None:
    """Equal apart from "path" and "message" keys; floats to rel 1e-9."""
    if isinstance(want, dict):
        assert isinstance(got, dict), where
        assert set(got) - IGNORED == set(want) - IGNORED, (where, sorted(got), sorted(want))
        for key in want:
            if key not in IGNORED:
                assert_matches(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (where, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            assert_matches(g, w, f"{where}[{i}]")
    elif isinstance(want, float) or (isinstance(got, float) and isinstance(want, int) and not isinstance(want, bool)):
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12), where
    else:
        assert got == want, where


# --- golden files ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "exit_code"), [("violating", 1), ("compliant", 0)])
def test_matches_golden(tmp_path, monkeypatch, name, exit_code):
    code, doc = run_cli(tmp_path, monkeypatch, name)
    assert code == exit_code
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    # The sample files are committed: their sha256 is part of the comparison (inputs.*.sha256).
    assert_matches(doc, golden)


def test_golden_inputs_name_the_sample_files():
    for name, scheme in SCHEMES.items():
        golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert golden["inputs"]["plan"]["path"] == PLAN
        assert golden["inputs"]["plan"]["layer"] == "控规地块"
        assert golden["inputs"]["plan"]["features"] == 36
        assert golden["inputs"]["buildings"]["path"] == scheme
        assert golden["inputs"]["buildings"]["layer"] == "建筑"
        assert golden["inputs"]["green"]["layer"] == "绿地"


def test_gbk_shapefile_plan_gives_the_same_results(tmp_path, monkeypatch):
    code, doc = run_cli(tmp_path, monkeypatch, "violating", plan=GBK_PLAN)
    assert code == 1
    golden = json.loads((GOLDEN / "violating.json").read_text(encoding="utf-8"))
    plan_input = doc["inputs"].pop("plan")
    golden["inputs"].pop("plan")
    assert plan_input["layer"] == "xiguan_plan_gbk"
    assert plan_input["features"] == 36
    assert plan_input["crs"] == "EPSG:4542"
    assert_matches(doc, golden)


def test_gbk_shapefile_reads_like_the_geopackage():
    gpkg, shp = load_plan(ROOT / PLAN), load_plan(ROOT / GBK_PLAN)
    assert shp.fields.columns == gpkg.fields.columns
    assert list(shp.ids) == list(gpkg.ids)
    assert list(shp.land_use) == list(gpkg.land_use)
    for indicator in ("far", "density", "height", "green_ratio"):
        np.testing.assert_array_equal(shp.lower[indicator], gpkg.lower[indicator])
        np.testing.assert_array_equal(shp.upper[indicator], gpkg.upper[indicator])
        assert list(shp.texts[indicator]) == list(gpkg.texts[indicator])


# --- the designed numbers, independently of the golden files ------------------------------------------------

@pytest.fixture(scope="module")
def results():
    plan = load_plan(ROOT / PLAN)
    out = {}
    for name, scheme in SCHEMES.items():
        out[name] = check(plan, load_buildings(ROOT / scheme), load_green(ROOT / scheme))
    return out


def parcels_of(result):
    return {p.id: p for p in result.parcels}


# README "scheme_violating.gpkg": parcel, code, site, counted, footprint, height, green m², buildings.
VIOLATING_TABLE = [
    ("XG-05-01", "100101", 19500, 6048, 3828, 10.5, 5025, ("G-1", "G-2", "G-3", "G-4")),
    ("XG-05-02", "M1", 19500, 22500, 7000, 19.0, 2470, ("G-5", "G-6", "G-7")),
    ("XG-06-01", "070102", 10000, 27780, 2080, 54.0, 1990, ("1#", "2#", "3#")),
    ("XG-06-02", "070102", 10000, 20408, 2868, 49.5, 3780, ("3#", "4#", "5#", "6#")),
    ("XG-06-03", "0902", 10000, 9530, 2180, 18.3, 3005, ("7#", "8#")),
    ("XG-06-04", "R2/B1", 10000, 25004, 1400, 54.9, 4230, ("9#",)),
    ("XG-07-01", "1401", 16200, 2700, 450, 18.6, 13150, ("11#",)),
]

COMPLIANT_TABLE = [
    # 1#-5# 640 x 11 = 7040 each, 6# 640 x 10.5 = 6720; green 11685 - 130 + 0.25 x 640 + 0.6 x 256.
    ("XG-02-01", "070102", 26000, 5 * 7040 + 6720, 3840, 34.5, 11685 - 130 + 0.25 * 640 + 0.6 * 256,
     ("1#", "2#", "3#", "4#", "5#", "6#")),
    ("XG-02-02", "080404", 6300, 3600, 1200, 10.8, 2895, ("YE-1",)),
    ("XG-02-03", "0901", 7628, 3520, 1760, 10.2, 2340, ("S-1",)),
    ("XG-03-01", "070102", 23400, 38400, 2560, 46.5, 9955, ("A-1", "A-2", "A-3", "A-4")),
]


@pytest.mark.parametrize(("name", "table"), [("violating", VIOLATING_TABLE), ("compliant", COMPLIANT_TABLE)])
def test_designed_parcel_numbers(results, name, table):
    parcels = parcels_of(results[name])
    assert sorted(parcels) == sorted(row[0] for row in table)
    for pid, code, site, counted, footprint, height, green, buildings in table:
        p = parcels[pid]
        assert p.land_use == code
        assert p.site_area == pytest.approx(site)
        assert p.gfa == pytest.approx(counted)
        assert p.far == pytest.approx(counted / site)
        assert p.footprint_area == pytest.approx(footprint)
        assert p.density == pytest.approx(footprint / site)
        assert p.max_height == pytest.approx(height)
        assert p.green_area == pytest.approx(green)
        assert p.green_ratio == pytest.approx(green / site)
        assert sorted(p.buildings) == sorted(buildings)


def test_designed_violations(results):
    result = results["violating"]
    got = sorted((v.rule, v.parcel if v.building is None or v.rule == "land_use" else None, v.building)
                 for v in result.violations)
    assert got == sorted([
        ("far_min", "XG-05-01", None), ("density_min", "XG-05-01", None), ("green_max", "XG-05-01", None),
        ("land_use", "XG-05-02", "G-6"), ("far_max", "XG-06-01", None), ("green_min", "XG-06-01", None),
        ("crosses_parcel", None, "3#"), ("density_max", "XG-06-02", None), ("height_max", "XG-06-02", None),
        ("height_min", "XG-06-03", None), ("far_max", "XG-06-04", None), ("outside_plan", None, "10#"),
        ("land_use", "XG-07-01", "11#"),
    ])


def test_marginal_far_on_xg_06_04(results):
    (v,) = [v for v in results["violating"].violations if v.parcel == "XG-06-04"]
    assert v.rule == "far_max"
    assert v.actual == pytest.approx(2.5004, rel=1e-12)  # 25004 / 10000
    assert v.limit == (None, 2.5)
    assert v.marginal is True
    others = [v for v in results["violating"].violations if v.parcel != "XG-06-04"]
    assert not any(v.marginal for v in others)


def test_far_of_xg_06_01(results):
    # 1# 900 x 18 + 2# 900 x 11 + 3#'s share 448 x 6 x 280 / 448 = 16200 + 9900 + 1680.
    p = parcels_of(results["violating"])["XG-06-01"]
    assert p.far == pytest.approx((900 * 18 + 900 * 11 + 448 * 6 * 280 / 448) / 10000)
    assert p.far == pytest.approx(2.778)
    assert parcels_of(results["violating"])["XG-06-02"].gfa == pytest.approx(1000 * 16 + 1400 * 2 + 300 * 2 + 1008)


def test_3_crosses_xg_06_01_and_xg_06_02(results):
    (v,) = [v for v in results["violating"].violations if v.rule == "crosses_parcel"]
    assert v.building == "3#"
    assert dict(zip(v.details["parcels"], v.details["areas"])) == {
        "XG-06-01": pytest.approx(20 * 14), "XG-06-02": pytest.approx(12 * 14)}
    parcels = parcels_of(results["violating"])
    assert v in parcels["XG-06-01"].violations and v in parcels["XG-06-02"].violations


def test_10_is_outside_the_plan(results):
    (v,) = [v for v in results["violating"].violations if v.rule == "outside_plan"]
    assert v.building == "10#" and v.parcel is None
    assert v.actual == pytest.approx(20 * 14)
    assert all("10#" not in p.buildings for p in results["violating"].parcels)


def test_height_min_on_xg_06_03(results):
    (v,) = [v for v in results["violating"].violations if v.parcel == "XG-06-03"]
    assert v.rule == "height_min"
    assert v.actual == pytest.approx(4.5 + 2.1 + 3 * 3.9)
    assert v.limit == (24.0, 50.0)


def test_gatehouse_is_not_a_land_use_violation(results):
    assert not [v for v in results["violating"].violations if v.building == "G-3"]


def test_designed_warnings(results):
    found = {(w.code, w.building) for w in results["violating"].warnings}
    assert {("no_floor_area", "G-4"), ("geometry_repaired", "G-7"), ("unknown_use", "8#")} <= found
    # The plan's unreadable XG-04-01 容积率 ("见图则") is reported too, though no scheme touches it.
    assert ("unreadable_indicator", "XG-04-01") in {(w.code, w.parcel) for w in results["violating"].warnings}


def test_compliant_scheme_has_no_findings(results):
    result = results["compliant"]
    assert result.violations == ()
    assert all(p.status == "pass" for p in result.parcels)
    # README: "no violations, no warnings". The one warning left is about the plan itself (XG-04-01's
    # 容积率 "见图则"), not the scheme.
    assert [(w.code, w.parcel, w.building) for w in result.warnings] == [("unreadable_indicator", "XG-04-01", None)]
