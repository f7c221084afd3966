"""Numbers that cannot be in the CRS a layer declares are refused naming the CRSs they fit; a plan in degrees is
measured in the CGCS2000 zone of its centre; a drawing's $INSUNITS is honoured."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import ezdxf
import numpy as np
import pytest
import shapely
from ezdxf.math import Matrix44
from pyproj import CRS, Transformer

from planner.checking.engine import check
from planner.cli import main, print_summary
from planner.io import crs as crsmod
from planner.io import dxf
from planner.io.layers import load_buildings, load_plan
from planner.messages import error_message, warning_message
from planner.model import InputError
from tests.core.test_dxf import plan_drawing, scheme_drawing
from tests.helpers import ROOT, SAMPLES, X0, Y0, rect, write_layer

pytestmark = pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")

TO_4326 = Transformer.from_crs("EPSG:4542", "EPSG:4326", always_xy=True)


def moved(geometry, crs: str | None = None, dx: float = 0.0, factor: float = 1.0):
    """A geometry around (X0, Y0) in EPSG:4542 converted to `crs` (None: the same numbers), shifted by dx."""
    if crs is not None:
        transformer = Transformer.from_crs("EPSG:4542", crs, always_xy=True)
        geometry = shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return shapely.transform(geometry, lambda xy: xy * factor + [dx, 0.0])


def plan_file(tmp_path, crs="EPSG:4542", convert: str | None = None, dx: float = 0.0):
    """Parcel P-1 (100 m x 100 m, FAR ≤ 1.0) and P-2 (100 x 80, FAR ≤ 0.5)."""
    geometry = [moved(rect(0, 0, 100, 100), convert, dx), moved(rect(120, 0, 100, 80), convert, dx)]
    return write_layer(tmp_path / "plan.gpkg", "地块", geometry, crs=crs, 地块编号=["P-1", "P-2"],
                       容积率=["≤1.0", "≤0.5"])


def buildings_file(tmp_path, crs="EPSG:4542", convert: str | None = None, dx: float = 0.0):
    """Building 1 (20 x 30, 6 storeys) on P-1, building 2 (40 x 30, 5 storeys) on P-2: FAR 0.36 and 0.75."""
    geometry = [moved(rect(10, 10, 20, 30), convert, dx), moved(rect(130, 10, 40, 30), convert, dx)]
    return write_layer(tmp_path / "buildings.gpkg", "建筑", geometry, crs=crs, 建筑编号=["1", "2"], 层数=[6, 5])


def refused(plan, buildings) -> InputError:
    with pytest.raises(InputError) as caught:
        check(load_plan(plan), load_buildings(buildings))
    return caught.value


# --- declared CRSs the numbers cannot be in -----------------------------------------------------------------

def test_web_mercator_numbers_labelled_utm_exit_2_naming_web_mercator(tmp_path):
    """The issue's file: labelled EPSG:32649, numbers Web Mercator (x about 11 million here, at Jiuquan)."""
    plan = plan_file(tmp_path)
    buildings = buildings_file(tmp_path, crs="EPSG:32649", convert="EPSG:3857")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(plan), "--buildings",
                           str(buildings), "--lang", "en"], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env=env, timeout=300, check=False)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert str(buildings) in line
    assert "declares, EPSG:32649 WGS 84 / UTM zone 49N" in line
    assert "The numbers fit EPSG:3857 WGS 84 / Pseudo-Mercator. " in line  # the only one near the plan


def test_the_mismatch_in_detail(tmp_path):
    buildings = buildings_file(tmp_path, crs="EPSG:32649", convert="EPSG:3857")
    error = refused(plan_file(tmp_path), buildings)
    assert error.code == "crs_mismatch"
    x, y = Transformer.from_crs("EPSG:4542", "EPSG:3857", always_xy=True).transform(X0 + 90, Y0 + 25)
    assert error.details == {"path": str(buildings), "crs": "EPSG:32649 WGS 84 / UTM zone 49N",
                             "x": f"{x:.0f}", "y": f"{y:.0f}", "area": "108°E–114°E, 0°N–84°N",
                             "fits": ["EPSG:3857 WGS 84 / Pseudo-Mercator"], "more": 0, "zones": None}
    zh = error_message(error.code, error.details, "zh")
    assert str(buildings) in zh and "EPSG:3857" in zh and "{" not in zh


def test_gauss_kruger_numbers_with_the_zone_number_labelled_without(tmp_path):
    """x = 33 457 000: zone 33 (CM 99E) of the 3-degree zones, labelled as EPSG:4542, the same zone without it."""
    buildings = buildings_file(tmp_path, dx=33_000_000)
    error = refused(plan_file(tmp_path), buildings)
    assert error.code == "crs_mismatch" and error.details["path"] == str(buildings)
    assert error.details["crs"] == "EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E"
    assert error.details["fits"] == ["EPSG:4521 CGCS2000 / 3-degree Gauss-Kruger zone 33",
                                     "EPSG:2357 Xian 1980 / 3-degree Gauss-Kruger zone 33",
                                     "EPSG:2409 Beijing 1954 / 3-degree Gauss-Kruger zone 33"]
    assert error.details["more"] == 0


def test_gauss_kruger_numbers_without_the_zone_number_labelled_with(tmp_path):
    error = refused(plan_file(tmp_path), buildings_file(tmp_path, crs="EPSG:4521"))
    assert error.code == "crs_mismatch"
    # Near the plan only the zones of CM 99E fit: the 3-degree zone, the 6-degree one, then the older datums.
    assert error.details["fits"][:2] == ["EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E",
                                         "EPSG:4506 CGCS2000 / Gauss-Kruger CM 99E"]
    assert error.details["more"] == 3  # Beijing 1954 3° and 6°, and UTM zone 47N


@pytest.mark.parametrize("declared", ["EPSG:4542", "EPSG:32649"])
def test_degrees_labelled_as_a_projected_crs(tmp_path, declared):
    buildings = buildings_file(tmp_path, crs=declared, convert="EPSG:4326")
    error = refused(plan_file(tmp_path), buildings)
    assert error.code == "crs_mismatch" and error.details["path"] == str(buildings)
    assert error.details["fits"] == ["EPSG:4490 China Geodetic Coordinate System 2000", "EPSG:4326 WGS 84"]
    assert float(error.details["x"]) == pytest.approx(TO_4326.transform(X0 + 90, Y0 + 25)[0], abs=1e-4)


def test_metres_labelled_as_degrees_with_nothing_to_say_where(tmp_path):
    """A plan in Gauss-Krüger metres labelled EPSG:4326 and buildings without a CRS: the zone cannot be told."""
    plan = plan_file(tmp_path, crs="EPSG:4326")
    buildings = buildings_file(tmp_path, crs=None)
    error = refused(plan, buildings)
    assert error.code == "crs_mismatch" and error.details["path"] == str(plan)
    assert error.details["zones"] == "75°E–135°E"
    assert error.details["fits"] == []  # no zone number in x: no zoned CRS, no Web Mercator fits
    message = error_message(error.code, error.details, "en")
    assert ("The numbers fit a Gauss-Krüger or UTM zone without the zone number in x, central meridian "
            "75°E–135°E (the numbers alone cannot tell which") in message


def test_numbers_that_fit_nothing(tmp_path):
    buildings = buildings_file(tmp_path, crs="EPSG:4542", dx=5e9)
    error = refused(plan_file(tmp_path), buildings)
    assert error.details["fits"] == [] and error.details["zones"] is None
    assert "The numbers fit none of the coordinate systems tried" in error_message(error.code, error.details, "en")


def test_the_diff_refuses_a_mislabelled_version(tmp_path, capsys):
    old = plan_file(tmp_path)
    (tmp_path / "new").mkdir()
    new = plan_file(tmp_path / "new", crs="EPSG:4490")  # Gauss-Krüger numbers said to be degrees
    assert main(["diff", "--old", str(old), "--new", str(new), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(new) in err
    assert "The numbers fit EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E; " in err


# --- layers without a CRS ------------------------------------------------------------------------------

def test_a_layer_without_a_crs_whose_x_carries_the_zone_number(tmp_path):
    plan = plan_file(tmp_path, crs=None, dx=33_000_000)
    error = refused(plan, buildings_file(tmp_path))
    assert error.code == "crs_missing_mismatch" and error.details["path"] == str(plan)
    assert error.details["crs"] == "EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E"
    assert error.details["fits"][0] == "EPSG:4521 CGCS2000 / 3-degree Gauss-Kruger zone 33"
    assert "has no coordinate system" in error_message(error.code, error.details, "en")


def test_a_drawing_in_local_coordinates_beside_a_plan_with_a_crs(tmp_path):
    """Before: taken to be in EPSG:4542, every building outside the plan. Now: said, exit 2."""
    scheme = scheme_drawing(tmp_path / "scheme.dxf", origin=(0.0, 0.0))
    code = main(["check", "--plan", str(plan_file(tmp_path)), "--buildings", str(scheme), "--lang", "en"])
    assert code == 2


def test_no_layer_with_a_crs_and_zoned_numbers_is_warned_and_measured(tmp_path):
    plan = load_plan(plan_file(tmp_path, crs=None, dx=33_000_000))
    buildings = load_buildings(buildings_file(tmp_path, crs=None, dx=33_000_000))
    result = check(plan, buildings)
    notes = [w for w in result.warnings if w.code.startswith("crs_")]
    assert [w.code for w in notes] == ["crs_missing_fits", "crs_missing_fits"]
    assert notes[0].details["fits"][0] == "EPSG:4521 CGCS2000 / 3-degree Gauss-Kruger zone 33"
    assert "fit EPSG:4521 CGCS2000 / 3-degree Gauss-Kruger zone 33; " in warning_message(notes[0], "en")
    assert result.crs == "local"
    assert [p.far for p in result.parcels] == pytest.approx([600 * 6 / 10000, 1200 * 5 / 8000])


def test_layers_without_a_crs_in_plain_metres_are_as_before(tmp_path):
    result = check(load_plan(plan_file(tmp_path, crs=None)), load_buildings(buildings_file(tmp_path, crs=None)))
    assert {w.code for w in result.warnings} >= {"crs_assumed"}
    assert "crs_missing_fits" not in {w.code for w in result.warnings}


# --- what must pass --------------------------------------------------------------------------------------

def test_the_sample_plans_and_the_test_origin_fit_epsg_4542():
    import pyogrio

    for path in sorted(SAMPLES.glob("*.gpkg")) + [SAMPLES / "xiguan_plan_gbk.shp"]:
        for name, _kind in pyogrio.list_layers(path):
            frame = pyogrio.read_dataframe(path, layer=name)
            assert crsmod.fits(CRS.from_user_input(frame.crs), tuple(frame.total_bounds)), (path, name)
    assert crsmod.fits(CRS.from_epsg(4542), (X0 - 5000, Y0 - 5000, X0 + 5000, Y0 + 5000))
    assert crsmod.fits(CRS.from_epsg(4490), (112.88, 9.54, 112.9, 9.56))  # Nansha, south of EPSG's area for 4490
    assert crsmod.fits(CRS.from_epsg(4547), (480_000, 2_500_000, 520_000, 2_520_000))  # Guangzhou, 22.6N 114E


def test_an_esri_prj_and_a_city_zone():
    esri = CRS.from_wkt((SAMPLES / "xiguan_plan_gbk.prj").read_text())
    assert crsmod.fits(esri, (X0, Y0, X0 + 100, Y0 + 100))
    assert not crsmod.fits(esri, (X0 + 33e6, Y0, X0 + 33e6 + 100, Y0 + 100))
    # A city's own zone (central meridian 114.33E, false northing -3 000 000) has no EPSG code or area of use:
    # it is used near its central meridian; a weak match with EPSG:4543 must not lend it that zone's area.
    city = CRS.from_proj4("+proj=tmerc +lat_0=0 +lon_0=114.33 +k=1 +x_0=50000 +y_0=-3000000 +ellps=GRS80 +units=m")
    assert crsmod._declared_area(city) == pytest.approx((111.33, -80.0, 117.33, 84.0))
    assert crsmod.fits(city, (40_000, 400_000, 60_000, 420_000))  # Wuhan: 30.6N, 114.2E


def test_every_candidate_is_the_projection_its_epsg_code_says():
    for c in crsmod.candidates():
        if c.kind != "zone":
            continue
        params = {p.name: p.value for p in CRS.from_epsg(c.code).coordinate_operation.params}
        assert (params["Longitude of natural origin"], params["False easting"],
                params["Scale factor at natural origin"]) == (c.cm, c.false_easting, c.scale), c.code
    # Read through pyproj, the same numbers land where the fast reading puts them (within the datum shifts).
    lon, lat = crsmod._read_in_candidates((X0 + 33e6, Y0, X0 + 33e6 + 1, Y0 + 1))
    row = [c.code for c in crsmod.candidates()].index(2409)  # Beijing 1954 zone 33
    exact = Transformer.from_crs("EPSG:2409", "EPSG:4214", always_xy=True).transform(X0 + 33e6, Y0)
    assert (lon[row, 0], lat[row, 0]) == pytest.approx(exact, abs=0.01)


# --- a plan in degrees is measured in the CGCS2000 zone of its centre ----------------------------------------

@pytest.mark.parametrize("plan_crs", ["EPSG:4326", "EPSG:4490"])
def test_a_geographic_plan_is_measured_in_the_cgcs2000_zone_of_its_centre(tmp_path, plan_crs):
    """Before: a plan in degrees beside buildings in UTM zone 47N was measured in the buildings' UTM zone."""
    plan = load_plan(plan_file(tmp_path, crs=plan_crs, convert=plan_crs))
    buildings = load_buildings(buildings_file(tmp_path, crs="EPSG:32647", convert="EPSG:32647"))
    result = check(plan, buildings)
    assert result.crs == "EPSG:4542"  # CM 99E: Jiuquan, lon 98.5
    assert [p.site_area for p in result.parcels] == pytest.approx([10000, 8000], rel=1e-6)
    assert [p.far for p in result.parcels] == pytest.approx([0.36, 0.75], rel=1e-5)
    assert result.inputs["plan"].measured_in == "EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E"
    assert result.inputs["buildings"].measured_in == "EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E"
    out = io.StringIO()
    print_summary(result, "en", out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Working CRS: EPSG:4542"
    assert lines[1].endswith(f"· {plan_crs}, measured in EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E, the "
                             "zone of its centre")
    assert lines[2].endswith("· EPSG:32647, measured in EPSG:4542 CGCS2000 / 3-degree Gauss-Kruger CM 99E")


def test_a_plan_in_its_own_zone_is_said_as_before(tmp_path):
    result = check(load_plan(plan_file(tmp_path)), load_buildings(buildings_file(tmp_path)))
    assert result.inputs["plan"].measured_in is None
    out = io.StringIO()
    print_summary(result, "en", out)
    assert out.getvalue().splitlines()[1].endswith("· EPSG:4542")


def test_the_json_of_a_geographic_plan(tmp_path):
    plan = plan_file(tmp_path, crs="EPSG:4326", convert="EPSG:4326")
    out = tmp_path / "r.json"
    assert main(["check", "--plan", str(plan), "--buildings", str(buildings_file(tmp_path)), "--json", str(out),
                 "--lang", "en"]) == 1  # P-2: FAR 0.75 > 0.5
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["crs"] == "EPSG:4542" and result["inputs"]["plan"]["crs"] == "EPSG:4326"


# --- drawing units ----------------------------------------------------------------------------------------

def scaled_copy(source, target, factor: float, units: int):
    """The drawing with every entity scaled by `factor` about the origin, its header saying `units`."""
    doc = ezdxf.readfile(source)
    for entity in doc.modelspace():
        entity.transform(Matrix44.scale(factor))
    doc.header["$INSUNITS"] = units
    doc.saveas(target)
    return target


def check_json(tmp_path, plan, scheme, name: str) -> dict:
    out = tmp_path / f"{name}.json"
    code = main(["check", "--plan", str(plan), "--buildings", str(scheme), "--green", str(scheme), "--json",
                 str(out), "--lang", "en"])
    assert code == 1
    return json.loads(out.read_text(encoding="utf-8"))


def same_findings(a: dict, b: dict) -> None:
    def numbers(doc):
        return {p["id"]: [p[k] for k in ("site_area", "far", "density", "green_ratio")] for p in doc["parcels"]}
    assert numbers(a).keys() == numbers(b).keys()
    for pid, values in numbers(a).items():
        assert values == pytest.approx(numbers(b)[pid], rel=1e-6), pid
    assert [(v["rule"], v["parcel"], v["building"]) for v in a["violations"]] == \
        [(v["rule"], v["parcel"], v["building"]) for v in b["violations"]]


@pytest.mark.parametrize("units,factor,divisor", [(4, 1000.0, 1000), (5, 100.0, 100)])
def test_a_drawing_in_millimetres_or_centimetres_is_scaled_to_metres(tmp_path, units, factor, divisor):
    """Before: read as metres, every building outside the plan. Now: the findings of the metre drawing."""
    plan = plan_drawing(tmp_path / "plan.dxf")
    metres = scheme_drawing(tmp_path / "scheme_m.dxf")
    scaled = scaled_copy(metres, tmp_path / "scheme_mm.dxf", factor, units)
    assert dxf.drawing_units(scaled.read_bytes()) == units
    want, got = check_json(tmp_path, plan, metres, "m"), check_json(tmp_path, plan, scaled, "mm")
    same_findings(got, want)
    notes = [w for w in got["warnings"] if w["code"] == "dxf_units_scaled"]
    unit = {4: "millimetres", 5: "centimetres"}[units]
    assert [w["message"] for w in notes] == [
        f"scheme_mm.dxf (CAD layers {layer}): the drawing is in {unit} ($INSUNITS {units}); its coordinates are "
        f"divided by {divisor} to measure in metres." for layer in ("建筑", "绿地")]
    assert "dxf_units_scaled" not in {w["code"] for w in want["warnings"]}


def test_a_drawing_in_metres_whose_header_says_millimetres(tmp_path):
    """AutoCAD's metric template says millimetres whatever is drawn: outlines sized in metres are read in metres."""
    plan = plan_drawing(tmp_path / "plan.dxf")
    metres = scheme_drawing(tmp_path / "scheme_m.dxf")
    said_mm = scaled_copy(metres, tmp_path / "scheme_said_mm.dxf", 1.0, 4)
    got = check_json(tmp_path, plan, said_mm, "said_mm")
    same_findings(got, check_json(tmp_path, plan, metres, "m"))
    [note] = [w for w in got["warnings"] if w["code"] == "dxf_units_ignored" and "建筑" in w["message"]]
    assert note["message"].startswith("scheme_said_mm.dxf (CAD layers 建筑): the drawing's header says it is in "
                                      "millimetres ($INSUNITS 4), but read so its outlines would typically be "
                                      "0.03 m across")


def test_a_drawing_in_inches_is_read_in_metres_with_a_warning(tmp_path):
    plan = plan_drawing(tmp_path / "plan.dxf")
    metres = scheme_drawing(tmp_path / "scheme_m.dxf")
    inches = scaled_copy(metres, tmp_path / "scheme_in.dxf", 1.0, 1)
    got = check_json(tmp_path, plan, inches, "in")
    same_findings(got, check_json(tmp_path, plan, metres, "m"))
    assert any(w["code"] == "dxf_units_unknown" and "inches ($INSUNITS 1)" in w["message"] for w in got["warnings"])


def test_units_in_text_and_binary_headers(tmp_path):
    header = b"  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1015\n  9\n$INSUNITS\n 70\n%s\n  0\nENDSEC\n"
    assert [dxf.drawing_units(header % v) for v in (b"4", b"     5", b"6")] == [4, 5, 6]
    assert dxf.drawing_units(b"  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1015\n") == 0
    doc = ezdxf.new("R2018")
    doc.header["$INSUNITS"] = 4
    doc.saveas(tmp_path / "b.dxf", fmt="bin")
    assert dxf.drawing_units((tmp_path / "b.dxf").read_bytes()) == 4


def test_control_lines_in_millimetres(tmp_path):
    from planner.io.controls import load_controls

    doc = ezdxf.new("R2018")
    doc.header["$INSUNITS"] = 4
    doc.modelspace().add_line((500_000_000, 4_400_000_000), (500_100_000, 4_400_000_000),
                              dxfattribs={"layer": "道路红线"})
    doc.saveas(tmp_path / "lines.dxf")
    lines = load_controls(tmp_path / "lines.dxf")
    assert shapely.length(lines.geometry[0]) == pytest.approx(100.0)
    assert shapely.get_coordinates(lines.geometry[0])[0].tolist() == pytest.approx([500_000.0, 4_400_000.0])
    assert lines.warnings[0].code == "dxf_units_scaled"  # then: the red line states no setback
