"""Chinese that reads as Chinese, and words that say what is meant: GEOS's reasons translated, full-width
punctuation in Chinese sentences, rule names (not ids) in the terminal, marginal breaches with their exact value,
land-use names beside codes in a plan amendment."""

from __future__ import annotations

import re

import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.cli import main
from planner.io.controls import load_controls
from planner.messages import change_message, geos_reason, violation_message, warning_message
from planner.model import CheckWarning, Violation
from planner.resources import resource_path, sample_path

QM = resource_path("translations", "planner_zh_CN.qm")
pytestmark = pytest.mark.skipif(not QM.exists(), reason="the Chinese translation is not built")

#: Chinese characters and punctuation (CJK symbols, full-width forms, curly quotes).
HAN = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d]"
#: ASCII punctuation touching Chinese: what a Chinese sentence must not hold.
ASCII_BESIDE_HAN = re.compile(f"{HAN}\\s?[(),;:]|[(),;:]\\s?{HAN}|{HAN} \\(")


@pytest.fixture(scope="module")
def result():
    plan = load_plan(sample_path("xiguan_plan.gpkg"))
    scheme = sample_path("scheme_violating.gpkg")
    return check(plan, load_buildings(scheme, "建筑"), load_green(scheme, "绿地"),
                 controls=[load_controls(sample_path("xiguan_lines.gpkg"))])


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("Self-intersection[456426 4400465]", "自相交（456426, 4400465）", "self-intersection at (456426, 4400465)"),
    ("Ring Self-intersection[10.5 20]", "环自相交（10.5, 20）", "ring self-intersection at (10.5, 20)"),
    ("Too few points in geometry component[1 2]", "顶点过少（1, 2）", "too few points at (1, 2)"),
    ("Hole lies outside shell[3 4]", "内环位于外轮廓之外（3, 4）", "hole outside the outline at (3, 4)"),
    ("something GEOS never said", "something GEOS never said", "something GEOS never said"),
])
def test_geos_reasons_are_translated(text, zh, en):
    assert geos_reason(text, "zh") == zh and geos_reason(text, "en") == en


def test_a_repaired_polygon_names_its_fault_in_chinese(result):
    repaired = next(w for w in result.warnings if w.code == "geometry_repaired")
    text = warning_message(repaired, "zh")
    assert "多边形无效（自相交（456426, 4400465））" in text and "Self-intersection" not in text
    assert "(self-intersection at (456426, 4400465))" in warning_message(repaired, "en")


def test_chinese_sentences_use_full_width_punctuation(result):
    sentences = [violation_message(v, "zh") for v in result.violations]
    sentences += [warning_message(w, "zh") for w in result.warnings]
    for sentence in sentences:
        assert not ASCII_BESIDE_HAN.search(sentence), sentence
    # As the crossing and the marginal breach read before: caught.
    assert ASCII_BESIDE_HAN.search("建筑3#跨越2宗地块：XG-06-01 (280.0 m²), XG-06-02 (168.0 m²)。")
    crossing = next(v for v in result.violations if v.rule == "crosses_parcel")
    assert violation_message(crossing, "zh") == "建筑3#跨越2宗地块：XG-06-01（280.0 m²）、XG-06-02（168.0 m²）。"
    assert violation_message(crossing, "en") == ("Building 3# stands in 2 parcels: XG-06-01 (280.0 m²), "
                                                 "XG-06-02 (168.0 m²).")


def test_lists_in_chinese_warnings_are_joined_with_the_enumeration_comma():
    overlap = CheckWarning("parcels_overlap", None, "5#", {"parcels": "A-1, A-2", "area": 12.0})
    assert "A-1、A-2" in warning_message(overlap, "zh")
    assert "A-1, A-2" in warning_message(overlap, "en")


def test_a_marginal_breach_shows_its_exact_value_and_the_rounding():
    marginal = Violation("far_max", "XG-06-04", None, 2.5004, (None, 2.5), True, {})
    assert violation_message(marginal, "zh") == ("地块XG-06-04：容积率2.5004，超过上限2.50"
                                                 "（修约至0.01后为2.50，但控制指标按精确值判定）。")
    assert violation_message(marginal, "en") == ("Parcel XG-06-04: FAR 2.5004 exceeds the maximum 2.50 (2.50 when "
                                                 "rounded to 0.01; the limit applies to the exact value).")
    height = Violation("height_max", "P", None, 45.04, (None, 45.0), True, {"buildings": ["1#"], "heights": [45.04]})
    assert "45.040 m" in violation_message(height, "en") and "rounded to 0.1 m" in violation_message(height, "en")
    setback = Violation("setback", "P", "1#", 6.996, 7.0, True, {"line": "L-1", "lines": ["L-1"], "source": "line",
                                                                 "line_kind": "road_red_line"})
    assert "6.9960 m from the road red line L-1" in violation_message(setback, "en")
    assert "修约至0.01 m后为7.00 m" in violation_message(setback, "zh")


def test_the_terminal_names_rules_not_ids(capsys):
    args = ["check", "--plan", str(sample_path("xiguan_plan.gpkg")), "--buildings",
            str(sample_path("scheme_violating.gpkg")), "--green", str(sample_path("scheme_violating.gpkg"))]
    assert main([*args, "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "  【容积率超过上限】地块XG-06-01：容积率2.78，超过上限2.00。\n" in out
    assert "  【几何图形已修复】" in out and "不符合项（13）：" in out and "提示（5）：" in out
    assert "[far_max]" not in out and "far_max" not in out
    # The summary table shows a marginal breach's exact value too.
    assert "2.5004 (≤2.50) ✗" in out
    assert main([*args, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "  [FAR above maximum] Parcel XG-06-01: FAR 2.78 exceeds the maximum 2.00.\n" in out
    assert "Violations (13):" in out and "[geometry_repaired]" not in out


def test_a_land_use_change_names_both_uses():
    from planner.versions.diff import diff_plans

    diff = diff_plans(load_plan(sample_path("xiguan_plan.gpkg")), load_plan(sample_path("xiguan_plan_2025.gpkg")))
    change = next(c for c in diff.changed if c.land_use is not None)
    assert change_message(change, "zh") == "用地性质 090104（旅馆用地） → 0902（商务金融用地）"
    assert change_message(change, "en").startswith("land use 090104 (")
