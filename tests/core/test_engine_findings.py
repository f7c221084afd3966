"""How the engine files its findings: per parcel in rule order, alongside land-use warnings on other parcels.

Three 100 m x 50 m parcels side by side: A (x 0-100, residential 070102, FAR <= 0.1), B (x 100-200, a code
the land-use table does not know) and C (x 200-300, no land-use code).
"""

from __future__ import annotations

import numpy as np
import shapely

from planner.checking.engine import _add_levels, _by_parcel_then, _level_tables, check
from planner.io.layers import load_buildings, load_plan
from tests.helpers import rect, write_layer


def _check(tmp_path, buildings):
    plan = write_layer(tmp_path / "plan.gpkg", "地块", [rect(0, 0, 100, 50), rect(100, 0, 100, 50),
                                                      rect(200, 0, 100, 50)],
                       地块编号=["A", "B", "C"], 用地代码=["070102", "ZZ99", ""], 容积率=["≤0.1", "", ""],
                       建筑密度=["", "", ""], 建筑限高=["", "", ""], 绿地率=["", "", ""])
    scheme = write_layer(tmp_path / "buildings.gpkg", "建筑", [g for _id, g, _use in buildings],
                         建筑编号=[i for i, _g, _use in buildings], 建筑用途=[u for _i, _g, u in buildings],
                         层数=np.full(len(buildings), 3.0))
    return check(load_plan(plan), load_buildings(scheme))


def test_land_use_findings_and_unknown_codes_together(tmp_path):
    result = _check(tmp_path, [("1", rect(10, 10, 20, 20), "工业"),   # industry on residential land
                               ("2", rect(120, 10, 20, 20), "住宅"),  # on B: code unknown
                               ("3", rect(220, 10, 20, 20), "住宅")])  # on C: no code
    land_use = [v for v in result.violations if v.rule == "land_use"]
    assert [(v.parcel, v.building, v.actual, v.limit) for v in land_use] == [("A", "1", "工业", "070102")]
    assert [(w.code, w.parcel) for w in result.warnings if w.code in ("unknown_land_use", "land_use_missing")] == [
        ("unknown_land_use", "B"), ("land_use_missing", "C")]


def test_each_parcel_lists_its_findings_in_rule_order(tmp_path):
    result = _check(tmp_path, [("1", rect(10, 10, 20, 20), "工业"),
                               ("2", rect(90, 10, 20, 20), "住宅"),  # half on A, half on B
                               ("3", rect(40, 10, 20, 20), "仓库")])  # 商业 is ancillary on 070102 now
    by_parcel = {p.id: [(v.rule, v.building) for v in p.violations] for p in result.parcels}
    assert by_parcel["A"][0] == ("far_max", None)
    assert sorted(by_parcel["A"][1:3]) == [("land_use", "1"), ("land_use", "3")]
    assert by_parcel["A"][3:] == [("crosses_parcel", "2")]
    assert by_parcel["B"] == [("crosses_parcel", "2")]
    assert [v.rule for v in result.violations] == ["far_max", "land_use", "land_use", "crosses_parcel"]


def test_sort_by_parcel_then_key_is_lexsort():
    rng = np.random.default_rng(0)
    for n_parcels in (50, 70_000):  # rows that fit 16 bits (radix sort) and rows that do not
        parcel = rng.integers(0, n_parcels, 5000)
        key = rng.integers(0, 40, 5000).astype(float)  # many ties: they keep their order
        assert np.array_equal(_by_parcel_then(parcel, key), np.lexsort((key, parcel)))
    assert len(_by_parcel_then(np.array([], dtype=np.int64), np.array([]))) == 0


def _weighted_union_area_one_group(geometry, weights):
    """The engine's former per-group loop, the reference for the table of groups."""
    area, covered_above = 0.0, 0.0
    for level in np.unique(weights)[::-1]:
        covered = shapely.union_all(geometry[weights >= level]).area
        area += level * (covered - covered_above)
        covered_above = covered
    return area


def test_level_tables_give_each_groups_weighted_union_area():
    rng = np.random.default_rng(1)
    sizes = rng.integers(1, 9, 300)
    corners = rng.uniform(0, 50, (sizes.sum(), 2))
    geometry = shapely.box(*corners.T, *(corners + rng.uniform(1, 30, corners.shape)).T)
    weights = rng.choice([0.0, 0.3, 0.6, 1.0], sizes.sum())
    weights[rng.random(sizes.sum()) < 0.01] = np.nan
    tables, levels = _level_tables(geometry, weights, sizes)
    got = _add_levels(shapely.area(shapely.union_all(tables, axis=1)), levels, len(sizes))
    starts = np.cumsum(sizes) - sizes
    want = [_weighted_union_area_one_group(geometry[s:s + n], weights[s:s + n]) for s, n in zip(starts, sizes)]
    assert np.array_equal(got, np.array(want), equal_nan=True)  # bit for bit, NaN where a factor is NaN
