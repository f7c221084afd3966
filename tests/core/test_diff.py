"""`planner diff`: what an amendment changed, worked by hand on small rectangles, and the sample pair in full."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from planner.cli import main
from planner.io.layers import load_plan
from planner.messages import change_message
from planner.report.serialise import DIFF_SCHEMA as SCHEMA
from planner.report.serialise import diff_json
from planner.versions.diff import KINDS, MATCH_SHARE, diff_plans
from tests.helpers import rect, write_layer

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"

#: A parcel row: id, geometry, then optional field overrides.
DEFAULTS = {"用地代码": "R2", "容积率": "≤2.5", "建筑密度": "≤30%", "建筑限高": "≤60m", "绿地率": "≥35%"}


def plan(path: Path, rows: list[tuple], crs: str = "EPSG:4542") -> Path:
    """A plan layer of (id, geometry[, {field: text}]) rows, every other field at DEFAULTS."""
    columns: dict[str, list] = {"地块编号": [r[0] for r in rows]}
    for field, default in DEFAULTS.items():
        columns[field] = [(r[2] if len(r) > 2 else {}).get(field, default) for r in rows]
    return write_layer(path, "控规地块", [r[1] for r in rows], crs=crs, **columns)


def diff_of(tmp_path: Path, old_rows: list[tuple], new_rows: list[tuple]):
    return diff_plans(load_plan(plan(tmp_path / "old.gpkg", old_rows)), load_plan(plan(tmp_path / "new.gpkg", new_rows)))


def doc_of(tmp_path: Path, old_rows: list[tuple], new_rows: list[tuple]) -> dict:
    return diff_json(diff_of(tmp_path, old_rows, new_rows), "en")


def block(x: float = 0.0, w: float = 100.0, h: float = 100.0):
    return rect(x, 0, w, h)


NEIGHBOURS = [("N-1", rect(0, 200, 100, 100)), ("N-2", rect(100, 200, 100, 100))]


# --- limits and land use --------------------------------------------------------------------------------

def test_changed_limit_is_reported_as_written(tmp_path):
    doc = doc_of(tmp_path, [("A", block()), *NEIGHBOURS], [("A", block(), {"容积率": "≤3.0"}), *NEIGHBOURS])
    assert doc["changed"] == [{"id": "A", "indicators": {"far": {"old": "≤2.5", "new": "≤3.0"}}, "geometry": False,
                               "area_old": 10000.0, "area_new": 10000.0}]
    assert doc["unchanged"] == 2
    assert doc["added"] == doc["removed"] == doc["split"] == doc["merged"] == []


@pytest.mark.parametrize(("field", "old", "new"), [
    ("容积率", "≤2.5", "2.5"),  # a bare FAR is a maximum
    ("容积率", "≤２.５", "≤2.5"),  # full-width digits
    ("容积率", "1.0-2.0", "1.0～2.0"),
    ("绿地率", "≥35%", "0.35"),  # a bare green ratio is a minimum; 35% is 0.35
    ("绿地率", "35%", "≥35％"),
    ("建筑密度", "≤30%", "30"),  # read as 30 %
    ("建筑限高", "≤60m", "60米"),
    ("容积率", "—", "/"),  # not controlled either way
    ("容积率", "", "—"),
    ("容积率", "见图则", "见图则"),  # unreadable, but the same text
])
def test_same_limit_written_differently_is_unchanged(tmp_path, field, old, new):
    doc = doc_of(tmp_path, [("A", block(), {field: old})], [("A", block(), {field: new})])
    assert doc["changed"] == [] and doc["unchanged"] == 1


@pytest.mark.parametrize(("field", "old", "new", "key", "shown"), [
    ("容积率", "≤2.5", "≤2.5000001", "far", ("≤2.5", "≤2.5000001")),
    ("容积率", "≤2.5", "≥2.5", "far", ("≤2.5", "≥2.5")),  # same number, other side
    ("容积率", "—", "≤2.0", "far", (None, "≤2.0")),  # newly controlled: old is null
    ("建筑限高", "≤60m", "", "height", ("≤60m", None)),
    ("容积率", "见图则", "≤3.0", "far", ("见图则", "≤3.0")),  # the unreadable text is what the official wrote
    ("容积率", "见图则", "—", "far", ("见图则", None)),
    ("容积率", "见图则", "见附图", "far", ("见图则", "见附图")),
    ("绿地率", "≥35%", "≥30%", "green_ratio", ("≥35%", "≥30%")),
    ("建筑密度", "≤30%", "≤25%", "density", ("≤30%", "≤25%")),
])
def test_limit_differing_by_meaning_is_changed(tmp_path, field, old, new, key, shown):
    doc = doc_of(tmp_path, [("A", block(), {field: old})], [("A", block(), {field: new})])
    assert [c["indicators"] for c in doc["changed"]] == [{key: {"old": shown[0], "new": shown[1]}}]


def test_land_use_change_and_normalised_codes(tmp_path):
    doc = doc_of(tmp_path, [("A", block(), {"用地代码": "R2"}), ("B", block(200), {"用地代码": "R2/B1"}),
                            ("C", block(400), {"用地代码": "b1"})],
                 [("A", block(), {"用地代码": "B1"}), ("B", block(200), {"用地代码": "R2／B1"}),
                  ("C", block(400), {"用地代码": " Ｂ1 "})])
    assert doc["changed"] == [{"id": "A", "indicators": {}, "land_use": {"old": "R2", "new": "B1"},
                               "geometry": False, "area_old": 10000.0, "area_new": 10000.0}]
    assert doc["unchanged"] == 2


# --- geometry -------------------------------------------------------------------------------------------

def test_split_into_new_ids(tmp_path):
    doc = doc_of(tmp_path, [("A", block()), *NEIGHBOURS], [("A1", rect(0, 0, 40, 100)), ("A2", rect(40, 0, 60, 100)),
                                                           *NEIGHBOURS])
    assert doc["split"] == [{"from": "A", "into": ["A1", "A2"]}]
    assert doc["added"] == doc["removed"] == doc["changed"] == [] and doc["unchanged"] == 2


def test_split_where_one_piece_keeps_the_id(tmp_path):
    diff = diff_of(tmp_path, [("A-1", block()), *NEIGHBOURS],
                   [("A-1a", rect(60, 0, 40, 100)), ("A-1", rect(0, 0, 60, 100)), *NEIGHBOURS])
    doc = diff_json(diff, "en")
    assert doc["split"] == [{"from": "A-1", "into": ["A-1", "A-1a"]}]
    assert doc["changed"] == doc["added"] == doc["removed"] == []
    assert diff.old_kind.tolist() == ["split", "unchanged", "unchanged"]
    assert diff.new_kind.tolist() == ["split", "split", "unchanged", "unchanged"]


def test_small_piece_carved_off_keeping_the_id_is_a_split(tmp_path):
    doc = doc_of(tmp_path, [("A-1", block())], [("A-1", rect(0, 0, 95, 100)), ("A-1a", rect(95, 0, 5, 100))])
    assert doc["split"] == [{"from": "A-1", "into": ["A-1", "A-1a"]}] and doc["changed"] == []


def test_split_in_three_in_natural_order(tmp_path):
    doc = doc_of(tmp_path, [("B-7", block())], [("B-10", rect(0, 0, 30, 100)), ("B-9", rect(30, 0, 30, 100)),
                                                 ("B-7", rect(60, 0, 40, 100))])
    assert doc["split"] == [{"from": "B-7", "into": ["B-7", "B-9", "B-10"]}]


def test_merge_into_a_new_id_and_keeping_one(tmp_path):
    old = [("A", rect(0, 0, 50, 100)), ("B", rect(50, 0, 50, 100)), ("C", rect(200, 0, 50, 100)),
           ("D", rect(250, 0, 50, 100)), ("E", rect(300, 0, 50, 100))]
    new = [("AB", rect(0, 0, 100, 100)), ("D", rect(200, 0, 150, 100))]
    diff = diff_of(tmp_path, old, new)
    doc = diff_json(diff, "en")
    assert doc["merged"] == [{"from": ["A", "B"], "into": "AB"}, {"from": ["C", "D", "E"], "into": "D"}]
    assert doc["changed"] == doc["added"] == doc["removed"] == doc["split"] == [] and doc["unchanged"] == 0
    assert diff.old_kind.tolist() == ["merged"] * 5 and diff.new_kind.tolist() == ["merged"] * 2


def test_reshaped_parcel(tmp_path):
    doc = doc_of(tmp_path, [("A", block())], [("A", rect(0, 0, 100, 103), {"容积率": "≤2.8"})])
    assert doc["changed"] == [{"id": "A", "indicators": {"far": {"old": "≤2.5", "new": "≤2.8"}}, "geometry": True,
                               "area_old": 10000.0, "area_new": pytest.approx(10300.0)}]


def test_boundary_moved_between_neighbours_changes_both(tmp_path):
    # 30 % of A goes to B: both keep their ids, neither is a split or a merge.
    doc = doc_of(tmp_path, [("A", rect(0, 0, 100, 100)), ("B", rect(100, 0, 100, 100))],
                 [("A", rect(0, 0, 70, 100)), ("B", rect(70, 0, 130, 100))])
    assert [(c["id"], c["geometry"], c["area_old"], c["area_new"]) for c in doc["changed"]] == [
        ("A", True, 10000.0, 7000.0), ("B", True, 10000.0, 13000.0)]
    assert doc["split"] == doc["merged"] == doc["added"] == doc["removed"] == []


@pytest.mark.parametrize(("size", "grow", "redrawn"), [
    (100.0, 0.005, False),  # 0.5 m² of difference: under 1 m²
    (100.0, 0.05, False),  # 5 m²: over 1 m², under 0.1 % of 10,000 m²
    (100.0, 0.12, True),  # 12 m²: over both
    (10.0, 0.05, False),  # 0.5 m² on a 100 m² parcel: under 1 m²
    (10.0, 0.15, True),  # 1.5 m²
])
def test_reshape_threshold(tmp_path, size, grow, redrawn):
    """Redrawn: symmetric difference > max(1 m², 0.1 % of the larger area); the east side moves by `grow` m."""
    doc = doc_of(tmp_path, [("A", rect(0, 0, size, size))], [("A", rect(0, 0, size + grow, size))])
    assert [c["geometry"] for c in doc["changed"]] == ([True] if redrawn else [])


def test_added_and_removed(tmp_path):
    doc = doc_of(tmp_path, [("A", block()), ("GONE", block(300))], [("A", block()), ("NEW-2", block(600)),
                                                                     ("NEW-10", block(800))])
    assert doc["added"] == ["NEW-2", "NEW-10"] and doc["removed"] == ["GONE"] and doc["unchanged"] == 1


def test_renamed_parcel_keeps_the_new_id(tmp_path):
    diff = diff_of(tmp_path, [("A", block()), ("B", block(300))],
                   [("Z", block()), ("B2", rect(300, 0, 100, 104), {"容积率": "≤2.0"})])
    doc = diff_json(diff, "en")
    assert doc["changed"] == [
        {"id": "B2", "renamed_from": "B", "indicators": {"far": {"old": "≤2.5", "new": "≤2.0"}}, "geometry": True,
         "area_old": 10000.0, "area_new": pytest.approx(10400.0)},
        {"id": "Z", "renamed_from": "A", "indicators": {}, "geometry": False, "area_old": 10000.0,
         "area_new": 10000.0},
    ]
    assert doc["added"] == doc["removed"] == []
    assert diff.old_kind.tolist() == diff.new_kind.tolist() == ["renamed", "renamed"]
    assert diff.old_match.tolist() == [0, 1] and diff.new_match.tolist() == [0, 1]


@pytest.mark.parametrize(("width", "renamed"), [(100 / MATCH_SHARE - 1, True), (100 / MATCH_SHARE + 1, False)])
def test_rename_threshold(tmp_path, width, renamed):
    doc = doc_of(tmp_path, [("A", block())], [("Z", rect(0, 0, width, 100))])
    assert [c.get("renamed_from") for c in doc["changed"]] == (["A"] if renamed else [])
    assert (doc["added"], doc["removed"]) == (([], []) if renamed else (["Z"], ["A"]))


def test_id_reused_for_other_land_is_removed_and_added(tmp_path):
    # Renumbering after a removal: old X-2 is gone, old X-3 is now called X-2.
    doc = doc_of(tmp_path, [("X-1", block()), ("X-2", block(200)), ("X-3", block(400))],
                 [("X-1", block()), ("X-2", block(400))])
    assert doc["removed"] == ["X-2"] and doc["added"] == []
    assert [(c["id"], c["renamed_from"]) for c in doc["changed"]] == [("X-2", "X-3")]


def test_duplicate_ids_are_matched_by_geometry(tmp_path):
    old = [("D", block()), ("D", block(300)), ("E", block(600))]
    new = [("D", block(300), {"容积率": "≤3.0"}), ("D", block()), ("E", block(600)), ("E", block(900))]
    diff = diff_of(tmp_path, old, new)
    doc = diff_json(diff, "en")
    assert [(c["id"], c["indicators"]) for c in doc["changed"]] == [("D", {"far": {"old": "≤2.5", "new": "≤3.0"}})]
    assert diff.changed[0].old_row == 1 and diff.changed[0].new_row == 0
    assert doc["added"] == ["E"] and doc["unchanged"] == 2
    assert [w["code"] for w in doc["warnings"]] == ["diff_duplicate_id", "diff_duplicate_id", "diff_duplicate_id"]
    assert "duplicate_parcel_id" not in {w.code for w in diff.warnings}


def test_kinds_are_aligned_with_the_rows(tmp_path):
    old = [("KEEP", block()), ("FAR", block(200)), ("GONE", block(400)), ("S", block(600)), ("M1", rect(800, 0, 50, 100)),
           ("M2", rect(850, 0, 50, 100)), ("OLDNAME", block(1000))]
    new = [("NEWNAME", block(1000)), ("M", rect(800, 0, 100, 100)), ("S-b", rect(650, 0, 50, 100)),
           ("S-a", rect(600, 0, 50, 100)), ("FAR", block(200), {"容积率": "≤1.0"}), ("KEEP", block()), ("ADD", block(1200))]
    diff = diff_of(tmp_path, old, new)
    assert diff.old_kind.tolist() == ["unchanged", "changed", "removed", "split", "merged", "merged", "renamed"]
    assert diff.new_kind.tolist() == ["renamed", "merged", "split", "split", "changed", "unchanged", "added"]
    assert set(diff.old_kind) | set(diff.new_kind) <= set(KINDS)
    assert diff.old_match.tolist() == [5, 4, -1, -1, -1, -1, 0]
    assert diff.new_match.tolist() == [6, -1, -1, -1, 1, 0, -1]
    assert diff.added_rows.tolist() == [6] and diff.removed_rows.tolist() == [2]
    assert len(diff.old_geometry) == len(old) and len(diff.new_geometry) == len(new)


def test_different_crs_still_match(tmp_path):
    rows = [("A", block()), ("B", block(100)), ("C", rect(0, 100, 200, 100))]
    old = plan(tmp_path / "old.gpkg", rows)
    frame = gpd.read_file(old).to_crs("EPSG:4490")
    frame.loc[frame["地块编号"] == "B", "容积率"] = "≤2.0"
    new = tmp_path / "new.gpkg"
    frame.to_file(new, layer="控规地块", driver="GPKG", engine="pyogrio")
    diff = diff_plans(load_plan(new), load_plan(old))  # the old in degrees, the new in metres
    assert diff.crs == "EPSG:4542"
    doc = diff_json(diff, "en")
    assert [(c["id"], c["geometry"], list(c["indicators"])) for c in doc["changed"]] == [("B", False, ["far"])]
    assert doc["changed"][0]["area_old"] == pytest.approx(10000.0, rel=1e-6)
    assert doc["unchanged"] == 2 and doc["added"] == doc["removed"] == []
    assert doc["old"]["crs"] == "EPSG:4490" and doc["new"]["crs"] == "EPSG:4542"
    assert [w["code"] for w in doc["warnings"]] == ["reprojected"]


# --- the command ----------------------------------------------------------------------------------------

def test_identical_versions_exit_0(tmp_path, capsys):
    old = plan(tmp_path / "old.gpkg", [("A", block())])
    new = plan(tmp_path / "new.gpkg", [("A", block(), {"容积率": "2.5"})])
    assert main(["diff", "--old", str(old), "--new", str(new), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 removed, 0 changed, 0 split, 0 merged, 1 unchanged." in out
    assert "The two versions are the same." in out


def test_different_versions_exit_1_and_say_what_changed(tmp_path, capsys):
    old = plan(tmp_path / "old.gpkg", [("XG-01-02", block()), ("B", block(200))])
    new = plan(tmp_path / "new.gpkg", [("XG-01-02", block(), {"容积率": "≤3.0", "用地代码": "B1"}),
                                       ("B1", rect(200, 0, 50, 100)), ("B2", rect(250, 0, 50, 100))])
    assert main(["diff", "--old", str(old), "--new", str(new), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "0 added, 0 removed, 1 changed, 1 split, 0 merged, 0 unchanged." in out
    # Land-use codes with their names beside them.
    assert "  XG-01-02  land use R2 (Class-2 residential land) → B1 (Commercial); FAR ≤2.5 → ≤3.0\n" in out
    assert "Split (1):\n  B  → B1, B2\n" in out


def test_json_to_stdout_and_file(tmp_path, capsys):
    old = plan(tmp_path / "old.gpkg", [("A", block())])
    new = plan(tmp_path / "new.gpkg", [("A", block(), {"绿地率": "≥30%"}), ("B", block(300))])
    assert main(["diff", "--old", str(old), "--new", str(new), "--json", "-", "--lang", "en"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == ["schema", "old", "new", "added", "removed", "changed", "split", "merged", "unchanged",
                         "warnings"]
    assert doc["schema"] == SCHEMA == "planner.diff/1"
    for side, path in (("old", old), ("new", new)):
        assert {"path", "layer", "features", "crs", "sha256"} <= set(doc[side])
        assert doc[side]["path"] == str(path) and doc[side]["layer"] == "控规地块" and len(doc[side]["sha256"]) == 64
    assert doc["added"] == ["B"] and doc["changed"][0]["indicators"] == {"green_ratio": {"old": "≥35%", "new": "≥30%"}}
    target = tmp_path / "diff.json"
    assert main(["diff", "--old", str(old), "--new", str(new), "--json", str(target), "--lang", "en"]) == 1
    assert json.loads(target.read_text(encoding="utf-8")) == doc
    assert "1 added" in capsys.readouterr().out  # with --json PATH the summary is printed too


def test_missing_file_exits_2_with_one_line(tmp_path):
    new = plan(tmp_path / "new.gpkg", [("A", block())])
    done = subprocess.run([sys.executable, "-m", "planner", "diff", "--old", str(tmp_path / "nope.gpkg"), "--new",
                           str(new), "--lang", "en"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"planner: {tmp_path / 'nope.gpkg'}: no such file."]
    assert done.stdout == ""


def test_unwritable_json_exits_2(tmp_path, capsys):
    old = plan(tmp_path / "old.gpkg", [("A", block())])
    assert main(["diff", "--old", str(old), "--new", str(old), "--json", str(tmp_path / "no" / "d.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_layers_and_mapping(tmp_path, capsys):
    both = tmp_path / "both.gpkg"
    write_layer(both, "2021", [block()], 编号=["A"], 容积率=["≤2.5"])
    write_layer(both, "2025", [block()], 编号=["A"], 容积率=["≤2.0"])
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[plan]\nid = "编号"\n', encoding="utf-8")
    args = ["diff", "--old", str(both), "--new", str(both), "--mapping", str(mapping), "--lang", "en"]
    assert main(args) == 2  # two layers, none named
    assert "name the plan parcel layer" in capsys.readouterr().err
    assert main([*args, "--old-layer", "2021", "--new-layer", "2025", "--json", "-"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["changed"][0]["indicators"] == {"far": {"old": "≤2.5", "new": "≤2.0"}}
    assert (doc["old"]["layer"], doc["new"]["layer"]) == ("2021", "2025")


# --- the sample pair ------------------------------------------------------------------------------------

SAMPLE_OLD = SAMPLES / "xiguan_plan.gpkg"
SAMPLE_NEW = SAMPLES / "xiguan_plan_2025.gpkg"


def test_sample_amendment_in_full():
    diff = diff_plans(load_plan(SAMPLE_OLD), load_plan(SAMPLE_NEW))
    doc = diff_json(diff, "en")
    assert doc["added"] == ["XG-13-01"]
    assert doc["removed"] == ["XG-DL-01"]
    assert doc["changed"] == [
        {"id": "XG-03-03", "indicators": {}, "land_use": {"old": "090104", "new": "0902"}, "geometry": False,
         "area_old": 6300.0, "area_new": 6300.0},
        {"id": "XG-06-01", "indicators": {"far": {"old": "≤2.0", "new": "≤2.8"}}, "geometry": False,
         "area_old": 10000.0, "area_new": 10000.0},
        {"id": "XG-06-04", "indicators": {"height": {"old": "≤80米", "new": "≤50米"}}, "geometry": False,
         "area_old": 10000.0, "area_new": 10000.0},
        {"id": "XG-09-01", "indicators": {}, "geometry": True, "area_old": 19800.0, "area_new": 18360.0},
        {"id": "XG-DL-01", "renamed_from": "XG-DL-02", "indicators": {}, "geometry": False, "area_old": 6000.0,
         "area_new": 6000.0},
    ]
    assert doc["split"] == [{"from": "XG-04-01", "into": ["XG-04-01", "XG-04-04"]}]
    assert doc["merged"] == [{"from": ["XG-11-02", "XG-11-03"], "into": "XG-11-02"}]
    assert doc["unchanged"] == 27
    # XG-04-01's "见图则" is the old version's only note; the new version reads everywhere.
    assert [w["code"] for w in doc["warnings"]] == ["unreadable_indicator"]
    assert doc["old"]["features"] == doc["new"]["features"] == 36
    assert doc["new"]["version"] == {"label": None, "approval_number": "酒政函〔2025〕37号",
                                     "approval_date": "2025-06-18"}
    assert set(diff.new_kind) == {"unchanged", "changed", "renamed", "split", "merged", "added"}
    assert set(diff.old_kind) == {"unchanged", "changed", "renamed", "split", "merged", "removed"}
    assert change_message(diff.changed[1], "en") == "FAR ≤2.0 → ≤2.8"
    assert change_message(diff.changed[3], "en") == "boundary redrawn, area 19,800.0 m² → 18,360.0 m²"


def test_sample_amendment_on_the_command_line(capsys):
    assert main(["diff", "--old", str(SAMPLE_OLD), "--new", str(SAMPLE_NEW), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "1 added, 1 removed, 5 changed, 1 split, 1 merged, 27 unchanged." in out
    assert "  XG-DL-01  renamed from XG-DL-02\n" in out
    assert "  XG-11-02, XG-11-03  → XG-11-02\n" in out


def test_identical_sample_exits_0():
    assert main(["diff", "--old", str(SAMPLE_OLD), "--new", str(SAMPLE_OLD), "--lang", "en"]) == 0


def test_kinds_cover_every_row():
    diff = diff_plans(load_plan(SAMPLE_OLD), load_plan(SAMPLE_NEW))
    assert np.all(np.isin(diff.old_kind, KINDS)) and np.all(np.isin(diff.new_kind, KINDS))
    assert "added" not in set(diff.old_kind) and "removed" not in set(diff.new_kind)


def test_sample_amendment_changes_two_verdicts_of_the_violating_scheme(monkeypatch):
    from planner.checking.engine import check
    from planner.io.layers import load_buildings, load_green

    monkeypatch.syspath_prepend(str(SAMPLES))
    from generate_amendment import VIOLATIONS_GONE, VIOLATIONS_NEW

    scheme = SAMPLES / "scheme_violating.gpkg"
    buildings, green = load_buildings(scheme), load_green(scheme)
    before, after = (check(load_plan(p), buildings, green) for p in (SAMPLE_OLD, SAMPLE_NEW))
    found = [{(v.rule, v.parcel, v.building) for v in result.violations} for result in (before, after)]
    assert sorted(found[0] - found[1]) == VIOLATIONS_GONE and sorted(found[1] - found[0]) == VIOLATIONS_NEW


def test_sample_amendment_backwards_is_the_mirror_image():
    old, new = load_plan(SAMPLE_OLD), load_plan(SAMPLE_NEW)
    forward, backward = diff_plans(old, new), diff_plans(new, old)
    assert (backward.added, backward.removed) == (forward.removed, forward.added)
    assert [(s.old_id, s.new_ids) for s in backward.splits] == [(m.new_id, m.old_ids) for m in forward.merges]
    assert [(m.old_ids, m.new_id) for m in backward.merges] == [(s.new_ids, s.old_id) for s in forward.splits]
    assert [(c.renamed_from, c.id) for c in backward.changed if c.renamed_from] == [("XG-DL-01", "XG-DL-02")]
    assert [(c.indicators, c.land_use, c.geometry) for c in backward.changed] == [
        ({k: (b, a) for k, (a, b) in c.indicators.items()}, c.land_use and c.land_use[::-1], c.geometry)
        for c in forward.changed]
    assert backward.unchanged == forward.unchanged
