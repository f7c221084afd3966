"""violation_messages (the sentences of many findings at once) says byte for byte what violation_message says
for each finding: on the bundled samples with their control lines, and on generated findings of every rule."""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import numpy as np
import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.io.controls import load_controls
from planner.messages import (
    INDICATOR_REASONS,
    LIST_KEYS,
    VIOLATION_TEMPLATES,
    WARNING_TEMPLATES,
    format_value,
    format_values,
    violation_message,
    violation_messages,
    warning_message,
    warning_messages,
)
from planner.model import INDICATOR_RULES, CheckWarning, Violation
from planner.report.serialise import sentences

SAMPLES = Path(__file__).resolve().parents[2] / "sample_plans"
LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def sample_results():
    plan = load_plan(SAMPLES / "xiguan_plan.gpkg")
    lines = load_controls(SAMPLES / "xiguan_lines.gpkg")
    out = []
    for name in ("violating", "compliant"):
        path = SAMPLES / f"scheme_{name}.gpkg"
        buildings, green = load_buildings(path, "建筑"), load_green(path, "绿地")
        out.append(check(plan, buildings, green))
        out.append(check(plan, buildings, green, controls=[lines]))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_samples_bulk_equals_one_by_one(sample_results, lang):
    total = 0
    for result in sample_results:
        one_by_one = [violation_message(v, lang) for v in result.violations]
        assert violation_messages(result.violations, lang) == one_by_one
        assert list(sentences(result, lang).values()) == one_by_one
        total += len(one_by_one)
    assert total > 10  # the violating scheme has findings to compare


def _generated() -> list[Violation]:
    """Findings of every rule, with values on and beside rounding boundaries, missing bounds and parcels,
    marginal breaches, height findings naming buildings, and overlong parcel ids."""
    rng = np.random.default_rng(13)
    found: list[Violation] = []
    edges = [2.5, 2.505, 2.495, 0.3505, 0.35, 0.0, 1e-9, 99.95, 100.05, 1234.5678, 0.125, 0.0005]
    for rule, (indicator, side) in INDICATOR_RULES.items():
        values = edges + rng.uniform(0, 150 if indicator == "height" else 3, 40).round(rng.integers(1, 6)).tolist()
        for k, actual in enumerate(values):
            bound = float(rng.choice(edges))
            limit = (None, bound) if side == "hi" else (bound, None)
            if k % 7 == 3:
                limit = (bound / 2, bound * 2)
            parcel = None if k == 5 else ("P" * 1200 if k == 6 else f"A-{k:02d}")
            details = {}
            if indicator == "height" and k % 5 == 0:
                count = 1 + k % 3
                details = {"buildings": [f"{j}#" for j in range(count)], "heights": [actual - j for j in range(count)]}
            found.append(Violation(rule, parcel, None, float(actual), limit, marginal=k % 9 == 4, details=details))
    for heights in ([31.25], [31.25, None, 30.0], [], None, [32.0, 31.0, 30.0, 29.0]):  # fewer or more heights
        found.append(Violation("height_max", "H", None, 31.25, (None, 24.0),
                               details={"buildings": ["1#", "2#", "3#"], "heights": heights}))
    for k in range(6):
        found.append(Violation("land_use", f"B{k}" if k else None, f"{k}#", "R2" if k % 2 else None,
                               "G1" if k != 3 else None))
    found.append(Violation("crosses_parcel", None, "9#", details={"parcels": ["A", "B"], "areas": [12.25, 3.5]}))
    found.append(Violation("crosses_parcel", "A (east)", None, details={"parcels": ["A (east)", "B"],
                                                                        "areas": [1234567.25, 0.05]}))
    found.append(Violation("crosses_parcel", "A", "9#", details={"parcels": [f"P{j:03d}" for j in range(120)],
                                                                  "areas": [float(j) for j in range(120)]}))
    found.append(Violation("crosses_parcel", "A", "9#", details={}))
    # Sunlight (planner/checking/sunlight.py): with and without the numbers a sentence uses.
    sun = {"standard_hours": 3.0, "day": "dahan", "type": "home", "band": [8.0, 16.0], "length": 12.5,
           "facing": 179.7}
    found.append(Violation("sunlight", None, "1#", 0.15, 3.0, details=sun))
    found.append(Violation("sunlight_impact", None, "XZ-9", 2.5333, 3.0, details={**sun, "before": 8.0}))
    found.append(Violation("sunlight_impact", None, "XZ-9", None, None, details={}))
    found.append(Violation("outside_plan", None, "8#", 15.25, details={"footprint_area": 400.0}))
    found.append(Violation("crosses_red_line", "A", "7#", details={"line_kind": "road_red_line", "lines": ["R1"],
                                                                     "length": 12.345}))
    found.append(Violation("beyond_red_line", "A", "7#", details={"line_kind": "road_red_line", "lines": ["R1", "R2"],
                                                                    "distance": 3.005}))
    for marginal, source in ((False, "parcel"), (True, "line"), (False, "table"), (False, "")):
        found.append(Violation("setback", "A", "6#", 4.99996 if marginal else 3.2, 5.0, marginal,
                               {"line_kind": "road_red_line", "lines": ["R1"], "line": "R1", "source": source,
                                "road_class": None, "height_class": "high_rise"}))
    for rule in ("green_line", "blue_line", "purple_line", "yellow_line", "ecological_red_line", "basic_farmland",
                 "building_line"):
        found.append(Violation(rule, "A", "5#", details={"line_kind": rule, "lines": ["L1"], "how": "overlaps",
                                                           "area": 20.5}))
        found.append(Violation(rule, "A", "5#", details={"line_kind": rule, "lines": ["L2"], "how": "crosses",
                                                           "area": None}))
    found.append(Violation("no_such_rule", "A", "4#"))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_generated_every_rule_bulk_equals_one_by_one(lang):
    found = _generated()
    assert {v.rule for v in found} >= set(VIOLATION_TEMPLATES)
    bulk = violation_messages(found, lang)
    for v, text in zip(found, bulk, strict=True):
        assert text == violation_message(v, lang), v
    # Spot check a hand-worked sentence, so the two cannot agree on something wrong.
    if lang == "en":
        assert bulk[0] == "Parcel A-00: FAR 2.50 exceeds the maximum " + bulk[0].rsplit(" ", 1)[1]
        assert bulk[1].startswith("Parcel A-01: FAR 2.51 exceeds the maximum ")


@pytest.mark.parametrize("indicator", ["far", "density", "height", "green_ratio"])
def test_format_values_with_repeats_equals_format_value(indicator):
    """A long column with repeated values (formatted once per distinct value) and NaN ("-")."""
    rng = np.random.default_rng(7)
    column = rng.choice([2.5, 2.505, 0.3505, 0.125, 99.95, np.nan, 1e-9], 1000)
    assert format_values(indicator, column) == ["-" if x != x else format_value(indicator, float(x)) for x in column]


# --- warnings --------------------------------------------------------------------------------------------

def _generated_warnings() -> list[CheckWarning]:
    """A warning of every code, its details filled from the placeholders of its template (lists where sentences
    list, the words warning_message translates), on a parcel, a building, both and neither, with ids that hold
    braces, Chinese, NUL and more characters than a sentence quotes; and warnings of an unknown code."""
    found = []
    ids = ["A-01", "地块{0}", "{parcel}", "B\x00", "x" * 150, 7]
    for k, (code, template) in enumerate(sorted(WARNING_TEMPLATES.items())):
        details: dict = {}
        for _, name, _, _ in Formatter().parse(template):
            if name in (None, "", "who", "parcel", "building"):
                continue
            details[name] = (["L1", "L{2}"] if name in LIST_KEYS else
                             next(iter(INDICATOR_REASONS)) if name == "reason" else
                             "far" if name == "indicator" else 12.5 if name in ("area", "distance") else
                             f"值{name}{k}")
        details.setdefault("line_kind", "red_line")
        for parcel, building in [(ids[k % len(ids)], None), (None, ids[(k + 1) % len(ids)]),
                                 (ids[(k + 2) % len(ids)], ids[(k + 3) % len(ids)]), (None, None),
                                 ("P-2", "B-3"), ("P-4", "B-5")]:
            found.append(CheckWarning(code, parcel, building, dict(details)))
    found.append(CheckWarning("not_a_code", "P-1", None, {"x": 1}))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_warnings_bulk_equals_one_by_one(sample_results, lang):
    warnings = _generated_warnings() + [w for result in sample_results for w in result.warnings]
    assert len({w.code for w in warnings}) == len(WARNING_TEMPLATES) + 1
    assert warning_messages(warnings, lang) == [warning_message(w, lang) for w in warnings]


def test_warnings_bulk_words_each_kind_once(monkeypatch):
    """Ten thousand warnings on as many buildings, from two files, are worded from two sentences."""
    import planner.messages as messages

    calls = []
    real = messages.warning_message
    monkeypatch.setattr(messages, "warning_message", lambda w, lang: calls.append(w) or real(w, lang))
    warnings = [CheckWarning("no_height", None, f"J{k}", {"path": "b.gpkg", "layer": "建筑"}) for k in range(5000)]
    warnings += [CheckWarning("no_height", None, f"K{k}", {"path": "c.gpkg", "layer": "建筑"}) for k in range(5000)]
    texts = messages.warning_messages(warnings, "zh")
    assert len(calls) == 2
    assert texts[4999] == real(warnings[4999], "zh") and "J4999" in texts[4999]
    assert texts[5000] == real(warnings[5000], "zh") and "K0" in texts[5000]


def test_fill_columns_numbers_the_fields_it_fills():
    from planner.messages import _fill_columns

    template = "{{literal}} {parcel} {actual:>6} {parcel!r} {missing}"
    texts = _fill_columns(template, parcel=["A", "地块"], actual=["1.5", "22"], unused=["x", "y"])
    assert texts == ["{literal} A    1.5 'A' -", "{literal} 地块     22 '地块' -"]
    assert _fill_columns("No fields.", parcel=["A", "B"]) == ["No fields.", "No fields."]
