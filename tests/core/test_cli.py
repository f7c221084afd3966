"""`planner check` as users run it: exit codes, one-line errors, the planner.check/1 JSON, languages."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

from planner.cli import main
from tests.helpers import rect, write_layer

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"
PLAN = SAMPLES / "xiguan_plan.gpkg"
COMPLIANT = SAMPLES / "scheme_compliant.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"
QM = ROOT / "resources" / "translations" / "planner_zh_CN.qm"

CJK = re.compile(r"[\u4e00-\u9fff]")

#: Layers without a CRS are written on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")


def compliant_args(*extra: str) -> list[str]:
    return ["check", "--plan", str(PLAN), "--buildings", str(COMPLIANT), "--green", str(COMPLIANT), *extra]


def violating_args(*extra: str) -> list[str]:
    return ["check", "--plan", str(PLAN), "--buildings", str(VIOLATING), "--green", str(VIOLATING), *extra]


def run_module(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, check=False,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=300)


# --- exit codes on the samples --------------------------------------------------------------------------

def test_compliant_sample_exits_0():
    done = run_module(compliant_args("--lang", "en"))
    assert done.returncode == 0, done.stderr
    assert "XG-02-01" in done.stdout
    assert "Traceback" not in done.stderr


def test_violating_sample_exits_1():
    done = run_module(violating_args("--lang", "en"))
    assert done.returncode == 1, done.stderr
    assert "XG-06-04" in done.stdout
    assert "Traceback" not in done.stderr


def test_main_exit_codes_on_the_samples(capsys):
    assert main(compliant_args("--lang", "en")) == 0
    capsys.readouterr()
    assert main(violating_args("--lang", "en")) == 1
    out = capsys.readouterr().out
    # Findings are named by their rule's name, never its id (ids are for the JSON).
    assert "[FAR above maximum] Parcel XG-06-01: FAR 2.78 exceeds the maximum 2.00." in out
    assert "far_max" not in out


# --- inputs that cannot be checked: exit 2, one line on stderr ---------------------------------------------

def _missing_file(tmp_path):
    return ["--plan", str(tmp_path / "nope.gpkg"), "--buildings", str(VIOLATING)], "nope.gpkg"


def _missing_buildings_file(tmp_path):
    return ["--plan", str(PLAN), "--buildings", str(tmp_path / "方案.gpkg")], "方案.gpkg"


def _missing_layer(tmp_path):
    return ["--plan", str(PLAN), "--plan-layer", "no_such_layer", "--buildings", str(VIOLATING)], "xiguan_plan.gpkg"


def _unrecognised_fields(tmp_path):
    path = write_layer(tmp_path / "odd_fields.gpkg", "dikuai", [rect(0, 0, 100, 50)], foo=["A"], bar=["≤2.5"])
    return ["--plan", str(path), "--buildings", str(VIOLATING)], "odd_fields.gpkg"


def _ambiguous_layer(tmp_path):
    path = tmp_path / "two_layers.gpkg"
    frame = gpd.GeoDataFrame({"地块编号": ["A"], "用地代码": ["070102"], "容积率": ["≤2.5"]},
                             geometry=[rect(0, 0, 100, 50)], crs="EPSG:4542")
    pyogrio.write_dataframe(frame, path, layer="alpha", driver="GPKG")
    pyogrio.write_dataframe(frame, path, layer="beta", driver="GPKG", append=True)
    return ["--plan", str(path), "--buildings", str(VIOLATING)], "two_layers.gpkg"


def _degrees_without_crs(tmp_path):
    from shapely.geometry import box
    path = write_layer(tmp_path / "degrees.gpkg", "jianzhu", [box(98.49, 39.74, 98.4902, 39.7402)], crs=None,
                       建筑编号=["1"], 层数=[3])
    return ["--plan", str(PLAN), "--buildings", str(path)], "degrees.gpkg"


BAD_INPUTS = {
    "missing_file": _missing_file,
    "missing_buildings_file": _missing_buildings_file,
    "missing_layer": _missing_layer,
    "unrecognised_fields": _unrecognised_fields,
    "ambiguous_layer": _ambiguous_layer,
    "degrees_without_crs": _degrees_without_crs,
}


def assert_one_line_error(stderr: str, name: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("planner:"), stderr
    assert name in lines[0], stderr


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_subprocess(tmp_path, case):
    args, name = BAD_INPUTS[case](tmp_path)
    done = run_module(["check", *args, "--lang", "en"])
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert_one_line_error(done.stderr, name)
    assert done.stdout == ""


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_main(tmp_path, capsys, case):
    args, name = BAD_INPUTS[case](tmp_path)
    assert main(["check", *args, "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert_one_line_error(captured.err, name)
    assert captured.out == ""


def test_bad_input_after_a_slow_read_still_exits_with_one_line(tmp_path, capsys, monkeypatch):
    import planner.cli
    # Stands in for a plan large enough that reading it takes longer than the progress threshold.
    monkeypatch.setattr(planner.cli, "PROGRESS_AFTER_SECONDS", 0.0)
    args, name = _missing_buildings_file(tmp_path)
    assert main(["check", *args, "--lang", "en"]) == 2
    assert_one_line_error(capsys.readouterr().err, name)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_erased_before_the_error(tmp_path, monkeypatch):
    import planner.cli
    monkeypatch.setattr(planner.cli, "PROGRESS_AFTER_SECONDS", 0.0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    args, name = _missing_buildings_file(tmp_path)
    assert main(["check", *args, "--lang", "en"]) == 2
    raw = terminal.getvalue()
    erase = "\r\033[K"
    assert "reading the plan" in raw  # progress was shown while reading ...
    shown = raw.rsplit(erase, 1)[1]  # ... and what the terminal keeps after the last erase is the error alone
    assert_one_line_error(shown, name)


def test_ambiguous_layer_message_lists_the_layers(tmp_path, capsys):
    args, _name = _ambiguous_layer(tmp_path)
    assert main(["check", *args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "alpha" in err and "beta" in err


def test_unrecognised_fields_message_lists_the_fields(tmp_path, capsys):
    args, _name = _unrecognised_fields(tmp_path)
    assert main(["check", *args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "foo" in err and "bar" in err


def test_named_layer_resolves_the_ambiguity(tmp_path, capsys):
    args, _name = _ambiguous_layer(tmp_path)
    # The scheme lies elsewhere, so this is a run with findings (outside_plan), not an input error.
    assert main(["check", *args, "--plan-layer", "beta", "--lang", "en"]) == 1
    assert "planner:" not in capsys.readouterr().err


# --- the JSON document ---------------------------------------------------------------------------------

TOP_KEYS = {"schema", "crs", "inputs", "parcels", "violations", "warnings", "summary", "sunlight", "sunlight_settings"}
INPUT_KEYS = {"path", "layer", "features", "crs", "sha256"}
PARCEL_KEYS = {"id", "land_use", "site_area", "gfa", "footprint_area", "green_area", "far", "density", "max_height",
               "green_ratio", "limits", "buildings", "status", "checked", "violations"}
CHECKED_KEYS = {"far", "density", "height", "green_ratio", "land_use"}
#: Keys beyond DESIGN 2.3 that the document may carry (the plan's limit texts, the parcels a building crosses).
PARCEL_EXTRA_KEYS = {"limit_texts"}
LIMIT_KEYS = {"far", "density", "height", "green_ratio"}
VIOLATION_KEYS = {"kind", "rule", "parcel", "building", "actual", "limit", "marginal", "message"}
CROSSING_EXTRA_KEYS = {"parcels", "areas"}
#: Keys of control-line findings (planner.report.serialise.CONTROL_KEYS), present by rule.
CONTROL_EXTRA_KEYS = {"line_kind", "how", "lines", "area", "length", "distance", "required", "source", "line",
                      "segment", "road_class", "height_class"}
#: Keys of height findings: the buildings they are about, tallest first, with their heights.
HEIGHT_EXTRA_KEYS = {"buildings", "heights"}
WARNING_KEYS = {"kind", "code", "message", "parcel", "building"}
PLAN_CONFLICT_EXTRA_KEYS = {"line_kind", "lines", "area"}
SUMMARY_KEYS = {"parcels_checked", "parcels_violating", "parcels_partial", "parcels_not_assessed", "violations",
                "warnings"}
RULE_KINDS = {"far_max": "indicator", "far_min": "indicator", "density_max": "indicator", "density_min": "indicator",
              "height_max": "indicator", "height_min": "indicator", "green_min": "indicator",
              "green_max": "indicator", "land_use": "land_use", "crosses_parcel": "geometry",
              "outside_plan": "geometry", "crosses_red_line": "control_line", "beyond_red_line": "control_line",
              "green_line": "control_line", "blue_line": "control_line", "purple_line": "control_line",
              "yellow_line": "control_line", "ecological_red_line": "protected_zone",
              "basic_farmland": "protected_zone", "setback": "setback", "building_line": "building_line"}
RULES = set(RULE_KINDS)


def check_violation(v: dict) -> None:
    extra = CROSSING_EXTRA_KEYS if v["rule"] == "crosses_parcel" else set()
    if v["rule"] in ("height_max", "height_min"):
        extra = HEIGHT_EXTRA_KEYS
        assert len(v["buildings"]) == len(v["heights"]) >= 1
        assert max(v["heights"]) == v["actual"]  # the tallest building is the height found
    if v["kind"] in ("control_line", "protected_zone", "setback", "building_line"):
        extra = CONTROL_EXTRA_KEYS
        assert {"line_kind", "how", "lines"} <= set(v)
    assert VIOLATION_KEYS <= set(v) <= VIOLATION_KEYS | extra, sorted(v)
    assert v["rule"] in RULES
    assert v["kind"] == RULE_KINDS[v["rule"]]
    assert isinstance(v["marginal"], bool)
    assert isinstance(v["message"], str) and v["message"]
    if v["rule"] in ("density_max", "density_min", "green_min", "green_max"):
        assert 0 <= v["actual"] < 1
        assert all(b is None or 0 <= b <= 1 for b in v["limit"])


def check_document(doc: dict, *, green: bool = True) -> None:
    assert set(doc) == TOP_KEYS
    assert doc["schema"] == "planner.check/1"
    assert doc["crs"] == "EPSG:4542"
    assert set(doc["inputs"]) == {"plan", "buildings", "green", "lines"}
    assert isinstance(doc["inputs"]["lines"], list)
    for info in doc["inputs"]["lines"]:
        assert set(info) == INPUT_KEYS
    for role in ("plan", "buildings") + (("green",) if green else ()):
        info = doc["inputs"][role]
        assert set(info) == INPUT_KEYS | ({"version"} if role == "plan" else set())
        assert isinstance(info["features"], int) and info["features"] > 0
        assert re.fullmatch(r"[0-9a-f]{64}", info["sha256"])
        assert info["crs"] == "EPSG:4542"
    assert set(doc["inputs"]["plan"]["version"]) == {"label", "approval_number", "approval_date"}
    if not green:
        assert doc["inputs"]["green"] is None
    assert doc["parcels"]
    for p in doc["parcels"]:
        assert PARCEL_KEYS <= set(p) <= PARCEL_KEYS | PARCEL_EXTRA_KEYS, sorted(p)
        assert set(p["limits"]) == LIMIT_KEYS
        for indicator, bounds in p["limits"].items():
            assert isinstance(bounds, list) and len(bounds) == 2
            if indicator in ("density", "green_ratio"):
                assert all(b is None or 0 <= b <= 1 for b in bounds), (p["id"], indicator, bounds)
        assert 0 <= p["density"] < 1  # a fraction, not a percentage
        if green:
            assert 0 <= p["green_ratio"] < 1
        else:
            assert p["green_ratio"] is None and p["green_area"] is None
        assert p["status"] in ("pass", "violation", "partial", "not_assessed")
        assert (p["status"] == "violation") == bool(p["violations"])
        assert set(p["checked"]) == CHECKED_KEYS
        assert set(p["checked"].values()) <= {"pass", "fail", "not_controlled", "not_checked"}
        # Never a silent pass: "pass" only when nothing went unchecked and something was checked.
        if p["status"] == "pass":
            assert "not_checked" not in p["checked"].values() and "pass" in p["checked"].values()
        if "not_checked" in p["checked"].values():
            assert p["status"] != "pass"
        assert all(isinstance(b, str) for b in p["buildings"])
        for v in p["violations"]:
            check_violation(v)
    for v in doc["violations"]:
        check_violation(v)
    for w in doc["warnings"]:
        extra = PLAN_CONFLICT_EXTRA_KEYS if w["code"] == "plan_conflict" else set()
        assert set(w) == WARNING_KEYS | extra
        assert w["kind"] == ("plan_conflict" if w["code"] == "plan_conflict" else "input")
        assert isinstance(w["code"], str) and w["message"]
    assert set(doc["summary"]) == SUMMARY_KEYS
    assert doc["summary"] == {
        "parcels_checked": len(doc["parcels"]),
        "parcels_violating": sum(p["status"] == "violation" for p in doc["parcels"]),
        "parcels_partial": sum(p["status"] == "partial" for p in doc["parcels"]),
        "parcels_not_assessed": sum(p["status"] == "not_assessed" for p in doc["parcels"]),
        "violations": len(doc["violations"]),
        "warnings": len(doc["warnings"]),
    }


def test_json_to_stdout_is_only_json(capsys):
    assert main(violating_args("--json", "-", "--lang", "en")) == 1
    out = capsys.readouterr().out
    doc = json.loads(out)  # the whole of stdout: no summary table around it
    check_document(doc)
    assert len(doc["violations"]) == 13


def test_json_to_stdout_subprocess():
    done = run_module(violating_args("--json", "-", "--lang", "en"))
    assert done.returncode == 1
    check_document(json.loads(done.stdout))


def test_json_of_the_compliant_sample(capsys):
    assert main(compliant_args("--json", "-", "--lang", "en")) == 0
    doc = json.loads(capsys.readouterr().out)
    check_document(doc)
    assert doc["violations"] == []
    assert all(p["status"] == "pass" for p in doc["parcels"])


def test_json_without_green_layer(capsys):
    assert main(["check", "--plan", str(PLAN), "--buildings", str(VIOLATING), "--json", "-", "--lang", "en"]) == 1
    doc = json.loads(capsys.readouterr().out)
    check_document(doc, green=False)
    assert not any(v["rule"].startswith("green") for v in doc["violations"])
    # Without a green layer a green-ratio limit is not checked, so no parcel with one is shown as compliant.
    for p in doc["parcels"]:
        controlled = p["limits"]["green_ratio"] != [None, None]
        assert p["checked"]["green_ratio"] == ("not_checked" if controlled else "not_controlled"), p["id"]


def test_json_values_are_raw(capsys):
    assert main(violating_args("--json", "-", "--lang", "en")) == 1
    doc = json.loads(capsys.readouterr().out)
    parcels = {p["id"]: p for p in doc["parcels"]}
    assert parcels["XG-05-01"]["far"] == pytest.approx(6048 / 19500, rel=1e-12)  # not 0.31
    assert parcels["XG-05-01"]["density"] == pytest.approx(3828 / 19500, rel=1e-12)  # not 19.6
    assert parcels["XG-06-01"]["limits"]["green_ratio"] == [pytest.approx(0.35), None]


def test_json_to_a_file_and_summary_to_stdout(tmp_path, capsys):
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    assert main(violating_args("--json", str(target), "--lang", "en")) == 1
    out = capsys.readouterr().out
    check_document(json.loads(target.read_text(encoding="utf-8")))
    assert not out.lstrip().startswith("{")
    assert "XG-06-04" in out and "[FAR above maximum]" in out and "EPSG:4542" in out


def test_json_to_a_file_subprocess(tmp_path):
    target = tmp_path / "result.json"
    done = run_module(compliant_args("--json", str(target), "--lang", "en"))
    assert done.returncode == 0
    check_document(json.loads(target.read_text(encoding="utf-8")))
    assert "XG-02-01" in done.stdout


# --- languages -----------------------------------------------------------------------------------------

def _messages(capsys, lang: str) -> dict:
    assert main(violating_args("--json", "-", "--lang", lang)) == 1
    doc = json.loads(capsys.readouterr().out)
    return {(v["rule"], v["parcel"], v["building"]): v["message"] for v in doc["violations"]}


def test_english_messages(capsys):
    messages = _messages(capsys, "en")
    text = messages[("far_max", "XG-06-01", None)]
    assert "XG-06-01" in text and "2.78" in text and "2.00" in text
    assert not CJK.search(text)


@pytest.mark.xfail(not QM.exists(), reason="resources/translations/planner_zh_CN.qm not built yet", strict=False)
def test_chinese_messages_differ_from_english(capsys):
    en, zh = _messages(capsys, "en"), _messages(capsys, "zh")
    assert en.keys() == zh.keys()
    for key in en:
        assert en[key] != zh[key], key
    text = zh[("far_max", "XG-06-01", None)]
    assert CJK.search(text) and "XG-06-01" in text and "2.78" in text


# --- the plan's land-use edition -------------------------------------------------------------------------

def _canal_plan(tmp_path):
    """A parcel coded 1311 (2020 trial: 干渠, a canal; 2023: 水工设施用地) with a pumping station on it."""
    plan = write_layer(tmp_path / "plan.gpkg", "地块", [rect(0, 0, 100, 50)], 地块编号=["A"], 用地代码=["1311"],
                       容积率=[""])
    scheme = write_layer(tmp_path / "scheme.gpkg", "建筑", [rect(10, 10, 20, 10)], 建筑编号=["P"],
                         建筑用途=["泵站"], 层数=[1.0])
    return ["check", "--plan", str(plan), "--buildings", str(scheme), "--lang", "en"]


@pytest.mark.parametrize(("extra", "exit_code", "state"), [
    ([], 0, "not_checked"),  # the two editions disagree: not checked, never a pass
    (["--land-use-edition", "2020"], 1, "fail"),
    (["--land-use-edition", "2023"], 0, "pass"),
])
def test_land_use_edition_option(tmp_path, capsys, extra, exit_code, state):
    out = tmp_path / "out.json"
    assert main([*_canal_plan(tmp_path), *extra, "--json", str(out)]) == exit_code
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["parcels"][0]["checked"]["land_use"] == state
    codes = [w["code"] for w in doc["warnings"]]
    assert ("land_use_edition_unclear" in codes) == (not extra)


def test_unknown_land_use_edition_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*_canal_plan(tmp_path), "--land-use-edition", "2015"])
    assert exc.value.code == 2
    assert "--land-use-edition" in capsys.readouterr().err


def test_json_is_indented_unless_it_holds_a_city_of_findings(tmp_path, monkeypatch, capsys):
    """18 findings (13 violations, 5 warnings): indented for a person to read; over the limit (here lowered to
    17) the same document compact, as a city's 10^5 findings are written (a third smaller)."""
    import planner.cli as cli

    assert main(violating_args("--json", str(tmp_path / "indented.json"), "--lang", "en")) == 1
    monkeypatch.setattr(cli, "JSON_INDENTED_FINDINGS", 17)
    assert main(violating_args("--json", str(tmp_path / "compact.json"), "--lang", "en")) == 1
    capsys.readouterr()
    indented, compact = (tmp_path / "indented.json").read_text("utf-8"), (tmp_path / "compact.json").read_text("utf-8")
    assert indented.startswith('{\n  "schema": "planner.check/1"') and indented.count("\n") > 500
    assert compact.startswith('{"schema":"planner.check/1"') and compact.count("\n") == 1 and compact.endswith("}\n")
    first, second = json.loads(indented), json.loads(compact)
    assert len(first["violations"]) + len(first["warnings"]) == 18
    assert first == second
