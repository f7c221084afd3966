"""The terminal summary of `planner check` stays bounded on a city: at most 200 parcel rows (those not passing
first), at most 500 findings and 500 warnings, each with a line saying how many more there are."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.cli import MORE_FINDINGS, MORE_PARCELS, SUMMARY_FINDING_LIMIT, SUMMARY_PARCEL_LIMIT, print_summary
from planner.messages import tr
from planner.model import CheckWarning, ParcelTable, Violation

SAMPLES = Path(__file__).resolve().parents[2] / "sample_plans"
N = 1000


@pytest.fixture(scope="module")
def sample():
    path = SAMPLES / "scheme_violating.gpkg"
    return check(load_plan(SAMPLES / "xiguan_plan.gpkg"), load_buildings(path, "建筑"), load_green(path, "绿地"))


def _city(sample, n: int = N):
    """The sample's parcel table tiled to n parcels with ids C0000…: every 10th violates (a FAR finding), every
    10th+1 partial, every 50th+2 not assessed, the rest pass; 6 findings and 6 warnings per violating parcel."""
    p = sample.parcels
    take = np.arange(n) % len(p)
    status = np.array(["pass"] * n, dtype=object)
    status[0::10], status[1::10], status[2::50] = "violation", "partial", "not_assessed"
    ids = np.array([f"C{k:04d}" for k in range(n)], dtype=object)
    per_parcel = tuple(tuple(Violation("far_max", ids[k], None, 3.0 + j, (None, 2.5)) for j in range(6))
                       if status[k] == "violation" else () for k in range(n))
    values = {}
    for f in dataclasses.fields(ParcelTable):
        value = getattr(p, f.name)
        if isinstance(value, np.ndarray) and len(value) == len(p) and f.name not in ("building_offsets",):
            values[f.name] = value[take]
        elif isinstance(value, dict):
            values[f.name] = {key: column[take] for key, column in value.items()}
    values.update(ids=ids, status=status, violations=per_parcel, building_ids=np.array([], dtype=object),
                  building_offsets=np.zeros(n + 1, dtype=np.int64), far_estimated=None)
    parcels = dataclasses.replace(p, **values)
    violations = tuple(v for found in per_parcel for v in found)
    warnings = tuple(CheckWarning("no_height", ids[k], f"{k}#", {}) for k in range(0, n, 10)) * 6
    return dataclasses.replace(sample, parcels=parcels, violations=violations, warnings=warnings)


def test_city_summary_is_bounded_non_passing_first(sample):
    result = _city(sample)
    out = io.StringIO()
    print_summary(result, "en", out)
    lines = out.getvalue().splitlines()
    rows = [line for line in lines if line.startswith("C")]
    assert len(rows) == SUMMARY_PARCEL_LIMIT == 200
    # 100 violating + 100 partial + 20 not assessed = 220 not passing: the 200 rows are all of them, in plan order
    non_passing = [f"C{k:04d}" for k in range(N) if k % 10 in (0, 1) or k % 50 == 2][:200]
    assert [row.split()[0] for row in rows] == non_passing
    assert tr(MORE_PARCELS, "en").format(count="800") in lines
    assert "… 800 more parcels (every parcel is in the JSON: --json, and the report: --pdf)." in lines
    # 600 findings and 600 warnings: 500 of each shown, each followed by the count of the rest
    assert "Violations (600):" in lines and "Warnings (600):" in lines
    assert sum(line.startswith("  [") for line in lines) == 2 * SUMMARY_FINDING_LIMIT == 1000
    assert lines.count("  … 100 more (every one is in the JSON: --json, and the report: --pdf).") == 2
    assert lines.count("  " + tr(MORE_FINDINGS, "en").format(count="100")) == 2
    assert any(line.startswith("600 violations on 100 of 1000 parcels") for line in lines)


def test_city_summary_rows_pass_fill_up_to_the_limit(sample):
    """Fewer than 200 not passing: they come first, then passing parcels up to 200 rows."""
    result = _city(sample, 300)  # 30 violating (180 findings), 30 partial, 6 not assessed
    out = io.StringIO()
    print_summary(result, "zh", out)
    rows = [line.split()[0] for line in out.getvalue().splitlines() if line.startswith("C")]
    assert len(rows) == 200
    assert rows[:66] == [f"C{k:04d}" for k in range(300) if k % 10 in (0, 1) or k % 50 == 2]
    assert rows[66:] == [f"C{k:04d}" for k in range(300) if not (k % 10 in (0, 1) or k % 50 == 2)][:134]
    assert tr(MORE_PARCELS, "zh").format(count="100") in out.getvalue()
    assert "……另有 100 个地块未列出（全部地块见 JSON 输出（--json）和报告（--pdf））。" in out.getvalue()


def test_small_result_is_listed_whole(sample):
    out = io.StringIO()
    print_summary(sample, "en", out)
    text = out.getvalue()
    assert "more parcels" not in text and "every one is in the JSON" not in text
    assert sum(line.startswith("  [") for line in text.splitlines()) == len(sample.violations) + len(sample.warnings)
