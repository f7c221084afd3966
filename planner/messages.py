"""The one place rule ids, warning codes and error codes become sentences, in Chinese or English.

Templates are English source strings marked for Qt's lupdate; Chinese comes from
resources/translations/planner_zh_CN.qm through a QTranslator (QtCore only, no application needed), so the
CLI, the GUI table and the report all use the same words.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.checking.rules import PLACES, round_half_up, round_half_up_array
from planner.model import ACHIEVED, CONTROL_RULES, INDICATOR_RULES, CheckWarning, Violation
from planner.resources import resource_path

if TYPE_CHECKING:
    from planner.versions.diff import ParcelChange, PlanDiff

CONTEXT = "messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks text for lupdate; Qt itself is only loaded when a Chinese translation is needed."""
    return text

LANGUAGES = ("zh", "en")

RULE_NAMES = {
    "far_max": QT_TRANSLATE_NOOP("messages", "FAR above maximum"),
    "far_min": QT_TRANSLATE_NOOP("messages", "FAR below minimum"),
    "density_max": QT_TRANSLATE_NOOP("messages", "Building density above maximum"),
    "density_min": QT_TRANSLATE_NOOP("messages", "Building density below minimum"),
    "height_max": QT_TRANSLATE_NOOP("messages", "Height above limit"),
    "height_min": QT_TRANSLATE_NOOP("messages", "Height below minimum"),
    "green_min": QT_TRANSLATE_NOOP("messages", "Green ratio below minimum"),
    "green_max": QT_TRANSLATE_NOOP("messages", "Green ratio above maximum"),
    "land_use": QT_TRANSLATE_NOOP("messages", "Use not allowed by land use"),
    "crosses_parcel": QT_TRANSLATE_NOOP("messages", "Building crosses a parcel boundary"),
    "outside_plan": QT_TRANSLATE_NOOP("messages", "Building outside the plan"),
    "crosses_red_line": QT_TRANSLATE_NOOP("messages", "Building crosses the road red line"),
    "beyond_red_line": QT_TRANSLATE_NOOP("messages", "Building beyond the road red line"),
    "setback": QT_TRANSLATE_NOOP("messages", "Setback from the road red line too small"),
    "green_line": QT_TRANSLATE_NOOP("messages", "Building on green line land"),
    "blue_line": QT_TRANSLATE_NOOP("messages", "Building on blue line land"),
    "purple_line": QT_TRANSLATE_NOOP("messages", "Building on purple line land"),
    "yellow_line": QT_TRANSLATE_NOOP("messages", "Building on yellow line land"),
    "ecological_red_line": QT_TRANSLATE_NOOP("messages", "Building in the ecological protection red line"),
    "basic_farmland": QT_TRANSLATE_NOOP("messages", "Building on permanent basic farmland"),
    "building_line": QT_TRANSLATE_NOOP("messages", "Building outside the building control line"),
}

#: Short titles of warning codes (a table column, a filter); one per code of WARNING_TEMPLATES.
WARNING_NAMES = {
    "missing_id": QT_TRANSLATE_NOOP("messages", "Missing id"),
    "geometry_repaired": QT_TRANSLATE_NOOP("messages", "Geometry repaired"),
    "geometry_unrepairable": QT_TRANSLATE_NOOP("messages", "Geometry not repairable"),
    "geometry_missing": QT_TRANSLATE_NOOP("messages", "No geometry"),
    "geometry_not_polygon": QT_TRANSLATE_NOOP("messages", "Not a polygon"),
    "duplicate_parcel_id": QT_TRANSLATE_NOOP("messages", "Duplicate parcel id"),
    "parcels_overlap": QT_TRANSLATE_NOOP("messages", "Parcels overlap"),
    "land_use_field_missing": QT_TRANSLATE_NOOP("messages", "No land-use field"),
    "indicator_field_missing": QT_TRANSLATE_NOOP("messages", "No limit field"),
    "unreadable_indicator": QT_TRANSLATE_NOOP("messages", "Unreadable limit"),
    "percent_assumed": QT_TRANSLATE_NOOP("messages", "Percentages assumed"),
    "zero_limit_ignored": QT_TRANSLATE_NOOP("messages", "Zero limit ignored"),
    "empty_limit": QT_TRANSLATE_NOOP("messages", "Contradictory limits"),
    "building_id_field_missing": QT_TRANSLATE_NOOP("messages", "No building-id field"),
    "unreadable_value": QT_TRANSLATE_NOOP("messages", "Unreadable value"),
    "no_floor_area": QT_TRANSLATE_NOOP("messages", "No floor area"),
    "no_height": QT_TRANSLATE_NOOP("messages", "No height"),
    "green_layer_missing": QT_TRANSLATE_NOOP("messages", "No green layer"),
    "impossible_value": QT_TRANSLATE_NOOP("messages", "Impossible value"),
    "duplicate_building_id": QT_TRANSLATE_NOOP("messages", "Duplicate building id"),
    "use_field_missing": QT_TRANSLATE_NOOP("messages", "No building-use field"),
    "use_missing": QT_TRANSLATE_NOOP("messages", "No building use"),
    "unreadable_factor": QT_TRANSLATE_NOOP("messages", "Unreadable green factor"),
    "dxf_open_lines": QT_TRANSLATE_NOOP("messages", "Open lines in CAD"),
    "dxf_no_id": QT_TRANSLATE_NOOP("messages", "No id text"),
    "dxf_text_outside": QT_TRANSLATE_NOOP("messages", "Text in no outline"),
    "dxf_text_unused": QT_TRANSLATE_NOOP("messages", "Text not understood"),
    "dxf_storeys_unreadable": QT_TRANSLATE_NOOP("messages", "Unreadable storeys text"),
    "dxf_text_conflict": QT_TRANSLATE_NOOP("messages", "Texts disagree"),
    "dxf_land_use_conflict": QT_TRANSLATE_NOOP("messages", "Land-use text and CAD layer disagree"),
    "dxf_units_scaled": QT_TRANSLATE_NOOP("messages", "Drawing units converted to metres"),
    "dxf_units_ignored": QT_TRANSLATE_NOOP("messages", "Drawing units not believed"),
    "dxf_units_unknown": QT_TRANSLATE_NOOP("messages", "Drawing units not used"),
    "crs_assumed": QT_TRANSLATE_NOOP("messages", "Coordinate system assumed"),
    "crs_missing_fits": QT_TRANSLATE_NOOP("messages", "No coordinate system"),
    "reprojected": QT_TRANSLATE_NOOP("messages", "Reprojected"),
    "scheme_outside_plan": QT_TRANSLATE_NOOP("messages", "Scheme outside the plan"),
    "unknown_use": QT_TRANSLATE_NOOP("messages", "Unknown building use"),
    "unknown_land_use": QT_TRANSLATE_NOOP("messages", "Unknown land-use code"),
    "land_use_missing": QT_TRANSLATE_NOOP("messages", "No land-use code"),
    "land_use_ancillary": QT_TRANSLATE_NOOP("messages", "Allowed only as ancillary"),
    "land_use_undecided": QT_TRANSLATE_NOOP("messages", "Land use too broad to judge"),
    "land_use_old_edition": QT_TRANSLATE_NOOP("messages", "GBJ 137-90 land-use code"),
    "land_use_edition_unclear": QT_TRANSLATE_NOOP("messages", "Land-use code differs by edition"),
    "land_use_edition_found": QT_TRANSLATE_NOOP("messages", "Land-use edition told by the codes"),
    "land_use_editions_mixed": QT_TRANSLATE_NOOP("messages", "Land-use editions mixed"),
    "land_use_edition_conflict": QT_TRANSLATE_NOOP("messages", "Land-use codes of another edition"),
    "unreadable_setback": QT_TRANSLATE_NOOP("messages", "Unreadable setback"),
    "plan_conflict": QT_TRANSLATE_NOOP("messages", "Plan conflict: construction on protected land"),
    "control_kind_unknown": QT_TRANSLATE_NOOP("messages", "Control line of unknown kind"),
    "control_layer_skipped": QT_TRANSLATE_NOOP("messages", "Control-line layer not used"),
    "control_geometry_unusable": QT_TRANSLATE_NOOP("messages", "Neither a line nor an area"),
    "unreadable_line_value": QT_TRANSLATE_NOOP("messages", "Unreadable line setback"),
    "setback_unknown": QT_TRANSLATE_NOOP("messages", "Setback not known"),
    "setback_uncertain": QT_TRANSLATE_NOOP("messages", "Setback depends on unknown height"),
    "diff_duplicate_id": QT_TRANSLATE_NOOP("messages", "Parcel id used twice"),
    "coordinates_not_finite": QT_TRANSLATE_NOOP("messages", "Coordinates not numbers"),
    "coordinates_absurd": QT_TRANSLATE_NOOP("messages", "Impossible coordinates"),
    "coordinates_outside_crs": QT_TRANSLATE_NOOP("messages", "Coordinates outside the coordinate system"),
    "coordinates_far_away": QT_TRANSLATE_NOOP("messages", "Vertex far from the layer"),
    "ring_not_closed": QT_TRANSLATE_NOOP("messages", "Ring not closed"),
    "geometry_unreadable": QT_TRANSLATE_NOOP("messages", "Geometry unreadable"),
    "gdal_warning": QT_TRANSLATE_NOOP("messages", "Warning while reading"),
    "line_degenerate": QT_TRANSLATE_NOOP("messages", "Line without length"),
    "unused_indicator_columns": QT_TRANSLATE_NOOP("messages", "Indicator-like fields not used"),
    "land_use_names_read": QT_TRANSLATE_NOOP("messages", "Land use read from names"),
    "absolute_height_not_checked": QT_TRANSLATE_NOOP("messages", "Absolute elevation limit not checked"),
    "storeys_estimated": QT_TRANSLATE_NOOP("messages", "Storeys estimated from height"),
}

#: How one indicator of one parcel fared (indicator_verdict); the inspector and the report use these words.
VERDICT_NAMES = {
    "pass": QT_TRANSLATE_NOOP("messages", "pass"),
    "violation": QT_TRANSLATE_NOOP("messages", "violation"),
    "marginal violation": QT_TRANSLATE_NOOP("messages", "marginal violation"),
    "not assessed": QT_TRANSLATE_NOOP("messages", "not assessed"),
    "not controlled": QT_TRANSLATE_NOOP("messages", "not controlled"),
}

#: A parcel's verdict (model.PARCEL_STATES): the map, tables, inspector, report and exports use these words.
PARCEL_STATUS_NAMES = {
    "violation": QT_TRANSLATE_NOOP("messages", "violation"),
    "pass": QT_TRANSLATE_NOOP("messages", "pass"),
    "partial": QT_TRANSLATE_NOOP("messages", "partly checked"),
    "not_assessed": QT_TRANSLATE_NOOP("messages", "not assessed"),
}
#: What was not checked, said wherever the overall verdict is said (model.CheckResult.unchecked_counts).
UNCHECKED_LINE = QT_TRANSLATE_NOOP("messages", "Not checked: {items}. These parcels are not counted as "
                                               "compliant: see the warnings for why.")
UNCHECKED_ITEM = QT_TRANSLATE_NOOP("messages", "{item} on {count} parcels")
LAND_USE_NAME = QT_TRANSLATE_NOOP("messages", "land use")

#: After a FAR that rests on storeys estimated from building heights, wherever the FAR is shown.
FAR_ESTIMATED = QT_TRANSLATE_NOOP("messages", "(estimated)")


def achieved_text(parcel: Any, indicator: str, lang: str, *, exact: bool = False) -> str:
    """A parcel's achieved value as shown (`exact`: unrounded, for a marginal breach): the FAR marked when it rests
    on estimated storeys."""
    text = format_value(indicator, getattr(parcel, ACHIEVED[indicator]), exact=exact)
    if indicator == "far" and getattr(parcel, "far_estimated", False):
        text += " " + tr(FAR_ESTIMATED, lang)
    return text


#: An indicator as a column heading (tables of the window, the report and the terminal).
INDICATOR_LABELS = {
    "far": QT_TRANSLATE_NOOP("messages", "FAR"),
    "density": QT_TRANSLATE_NOOP("messages", "Density"),
    "height": QT_TRANSLATE_NOOP("messages", "Height"),
    "green_ratio": QT_TRANSLATE_NOOP("messages", "Green ratio"),
}
#: An indicator inside a sentence.
INDICATOR_NAMES = {
    "far": QT_TRANSLATE_NOOP("messages", "FAR"),
    "density": QT_TRANSLATE_NOOP("messages", "building density"),
    "height": QT_TRANSLATE_NOOP("messages", "height"),
    "green_ratio": QT_TRANSLATE_NOOP("messages", "green ratio"),
}

VIOLATION_TEMPLATES = {
    "far_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: FAR {actual} exceeds the maximum {bound}."),
    "far_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: FAR {actual} is below the minimum {bound}."),
    "density_max": QT_TRANSLATE_NOOP("messages",
                                     "Parcel {parcel}: building density {actual} exceeds the maximum {bound}."),
    "density_min": QT_TRANSLATE_NOOP("messages",
                                     "Parcel {parcel}: building density {actual} is below the minimum {bound}."),
    "height_max": QT_TRANSLATE_NOOP("messages",
                                    "Parcel {parcel}: the tallest building is {actual}, above the limit {bound}."),
    "height_min": QT_TRANSLATE_NOOP("messages",
                                    "Parcel {parcel}: the tallest building is {actual}, below the minimum {bound}."),
    "green_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: green ratio {actual} is below the minimum {bound}."),
    "green_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: green ratio {actual} exceeds the maximum {bound}."),
    "land_use": QT_TRANSLATE_NOOP("messages",
                                  "Building {building} ({use}) stands on parcel {parcel}, whose land use {code} "
                                  "does not allow it."),
    "crosses_parcel": QT_TRANSLATE_NOOP("messages", "Building {building} stands in {count} parcels: {parcels}."),
    "outside_plan": QT_TRANSLATE_NOOP("messages",
                                      "Building {building}: {area} of its {footprint} footprint lies on no parcel "
                                      "of the plan."),
    "crosses_red_line": QT_TRANSLATE_NOOP("messages", "Building {building} crosses the road red line {lines} "
                                                      "({length} of the line lies inside it)."),
    "beyond_red_line": QT_TRANSLATE_NOOP("messages", "Building {building} stands beyond the road red line {lines}, "
                                                     "{distance} from it, on the road's side."),
    "setback": QT_TRANSLATE_NOOP("messages", "Building {building} stands {distance} from the road red line {line}; "
                                             "{required} is required ({source})."),
    **{rule: QT_TRANSLATE_NOOP("messages", "Building {building}: {area} of its footprint lies within the {kind} "
                                           "{lines}.")
       for rule in ("green_line", "blue_line", "purple_line", "yellow_line", "ecological_red_line",
                    "basic_farmland")},
    "building_line": QT_TRANSLATE_NOOP("messages", "Building {building}: {area} of its footprint lies outside the "
                                                   "building control line {lines}."),
}
#: A building crossing an open line of a zone's kind, or an open building control line (no area to measure).
CROSSING_TEMPLATE = QT_TRANSLATE_NOOP("messages", "Building {building} crosses the {kind} {lines}.")
SETBACK_SOURCES = {
    "parcel": QT_TRANSLATE_NOOP("messages", "the setback of parcel {parcel}"),
    "line": QT_TRANSLATE_NOOP("messages", "the setback stated on the line"),
    "table": QT_TRANSLATE_NOOP("messages", "setback table: {road_class}, {height_class}"),
}
#: Kinds of control line (planner.io.controls.KINDS).
KIND_NAMES = {
    "road_red_line": QT_TRANSLATE_NOOP("messages", "road red line"),
    "green_line": QT_TRANSLATE_NOOP("messages", "green line"),
    "blue_line": QT_TRANSLATE_NOOP("messages", "blue line"),
    "purple_line": QT_TRANSLATE_NOOP("messages", "purple line"),
    "yellow_line": QT_TRANSLATE_NOOP("messages", "yellow line"),
    "ecological_red_line": QT_TRANSLATE_NOOP("messages", "ecological protection red line"),
    "basic_farmland": QT_TRANSLATE_NOOP("messages", "permanent basic farmland"),
    "building_line": QT_TRANSLATE_NOOP("messages", "building control line"),
}
HEIGHT_CLASS_NAMES = {
    "multi_storey": QT_TRANSLATE_NOOP("messages", "low or multi-storey building"),
    "high_rise": QT_TRANSLATE_NOOP("messages", "high-rise building"),
}
#: A height finding naming its buildings (details["buildings"], tallest first, and details["heights"]).
HEIGHT_TEMPLATES = {
    "height_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the tallest building, {building}, is {actual}, "
                                                "above the limit {bound}."),
    "height_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the tallest building, {building}, is {actual}, "
                                                "below the minimum {bound}."),
}
HEIGHT_SEVERAL = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the tallest building, {building}, is {actual}, "
                                               "above the limit {bound}; {count} buildings are above it: "
                                               "{buildings}.")
#: After the exact value of a marginal breach (one that would pass once rounded): inside the sentence, before its
#: full stop.
MARGINAL_NOTE = QT_TRANSLATE_NOOP("messages", "({shown} when rounded to {precision}; the limit applies to the exact "
                                              "value)")
#: Display precision in words (planner.checking.rules.PRECISION).
PRECISION_TEXTS = {"far": "0.01", "density": "0.1%", "green_ratio": "0.1%", "height": "0.1 m", "distance": "0.01 m"}

WARNING_TEMPLATES = {
    "missing_id": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} has no {field}; "
                                                "it is called #{fid}."),
    "geometry_repaired": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}had an invalid "
                                                       "polygon ({reason}); it was repaired and checked."),
    "geometry_unrepairable": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has an invalid "
                                                           "polygon ({reason}) that could not be repaired; "
                                                           "it is not checked."),
    "geometry_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has no geometry; "
                                                      "it is not checked."),
    "geometry_not_polygon": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}is a "
                                                          "{geometry_type}, not a polygon; it is not checked."),
    "duplicate_parcel_id": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: parcel id {parcel} is used by "
                                                         "{count} parcels; each is checked on its own."),
    "parcels_overlap": QT_TRANSLATE_NOOP("messages", "Building {building} stands where parcels {parcels} of the "
                                                     "plan overlap: {area} m² of it counts on more than one "
                                                     "parcel."),
    "land_use_field_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no land-use field was found; "
                                                            "land use is not checked."),
    "indicator_field_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no {indicator} field was found "
                                                             "(looked for {wanted}); {indicator} is not checked on "
                                                             "any parcel. If the layer holds it under another name, "
                                                             "name that field in the field mapping."),
    "unreadable_indicator": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: field {field} reads \"{text}\", "
                                                          "which cannot be read as a limit ({reason}); "
                                                          "{indicator} is not assessed on this parcel."),
    "percent_assumed": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: {count} values of field {field} have no "
                                                     "% sign and were read as percentages (e.g. 35 = 35%): "
                                                     "{parcels}."),
    "zero_limit_ignored": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: {count} values of field {field} are "
                                                        "a bare 0, read as not controlled: {parcels}."),
    "empty_limit": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the {indicator} limits \"{text}\" contradict "
                                                 "each other; {indicator} is not assessed."),
    "building_id_field_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no building-id field; "
                                                               "buildings are called by feature number."),
    "unreadable_value": QT_TRANSLATE_NOOP("messages", "Building {building}: field {field} reads \"{text}\", which "
                                                      "is not a number; it is not used."),
    "no_floor_area": QT_TRANSLATE_NOOP("messages", "Building {building} has neither storeys nor a counted floor "
                                                   "area; FAR is not checked on the parcels it stands on."),
    "no_height": QT_TRANSLATE_NOOP("messages", "Building {building} has neither a height nor storey heights; "
                                               "height is not checked on the parcels it stands on."),
    "green_layer_missing": QT_TRANSLATE_NOOP("messages", "No green layer was given: the green ratio is not checked "
                                                         "on the {count} parcels that limit it. Load the scheme's "
                                                         "green areas to check it."),
    "impossible_value": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} (building {building}) "
                                                      "has {field} = {text}, which no building can have; it is "
                                                      "taken as unknown. Correct the value in the scheme file."),
    "duplicate_building_id": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: building id {building} is used "
                                                           "by {count} buildings; findings naming it may mean any "
                                                           "of them. Give each building its own id."),
    "use_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} (building {building}) has no "
                                                 "use ({field} is empty); land use is not checked on the parcels it "
                                                 "stands on. Give it a use in the scheme file (in a drawing: a use "
                                                 "text such as 住宅 inside its outline)."),
    "use_field_missing": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no building-use field; land use is "
                                                       "not checked."),
    "unreadable_factor": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: green area {green} has factor "
                                                       "\"{text}\" in field {field}, not a number from 0 to 1; "
                                                       "it counts 0."),
    "dxf_open_lines": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: {count} lines do not close, so "
                                                    "they are not read as outlines (handles {handles})."),
    "dxf_no_id": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: the outline with handle {outline} "
                                               "holds no id text; it is called {name}."),
    "dxf_text_outside": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: text \"{text}\" (handle "
                                                      "{handle}) lies in no outline of the layers read; it is not "
                                                      "used."),
    "dxf_text_unused": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: text \"{text}\" (handle {handle}) "
                                                     "in {name} is not understood; it is not used."),
    "dxf_storeys_unreadable": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: text \"{text}\" (handle "
                                                            "{handle}) in {name} looks like storeys but cannot be "
                                                            "read (write 18F, 18层, 18/-2 or -2F); it is not used."),
    "dxf_text_conflict": QT_TRANSLATE_NOOP("messages", "{path} CAD layer {cad_layer}: the texts in {name} (handle "
                                                       "{outline}) disagree: {texts}; none of them is used."),
    "dxf_land_use_conflict": QT_TRANSLATE_NOOP("messages", "{path}: parcel {parcel} has land-use text \"{text}\" "
                                                           "but its CAD layer {cad_layer} says \"{code}\"; the text "
                                                           "is used."),
    "dxf_units_scaled": QT_TRANSLATE_NOOP("messages", "{path} (CAD layers {layer}): the drawing is in {unit} "
                                                      "($INSUNITS {units}); its coordinates are divided by "
                                                      "{divisor} to measure in metres."),
    "dxf_units_ignored": QT_TRANSLATE_NOOP("messages", "{path} (CAD layers {layer}): the drawing's header says it "
                                                       "is in {unit} ($INSUNITS {units}), but read so its outlines "
                                                       "would typically be {size} across; they are sized in metres, "
                                                       "so the drawing is read in metres."),
    "dxf_units_unknown": QT_TRANSLATE_NOOP("messages", "{path} (CAD layers {layer}): the drawing's header says it "
                                                       "is in {unit} ($INSUNITS {units}), a unit plans are not "
                                                       "drawn in (AutoCAD's imperial template sets inches); it is "
                                                       "read in metres. If it really is in {unit}, scale it to "
                                                       "metres in CAD."),
    "crs_assumed": QT_TRANSLATE_NOOP("messages", "{path} has no coordinate system; its coordinates look metric "
                                                 "and are taken to be in {crs}."),
    "crs_missing_fits": QT_TRANSLATE_NOOP("messages", "{path} has no coordinate system; its coordinates fit "
                                                      "{fits}. They are measured as they are, as planar metres: "
                                                      "give the file its coordinate system to be sure of its "
                                                      "areas and distances."),
    "reprojected": QT_TRANSLATE_NOOP("messages", "{path} was reprojected from {from} to {to} for measuring."),
    "scheme_outside_plan": QT_TRANSLATE_NOOP("messages", "No building of {path} touches any parcel: is the "
                                                         "coordinate system right?"),
    "unknown_use": QT_TRANSLATE_NOOP("messages", "Building {building}: use \"{text}\" is not in the land-use "
                                                 "table; its land use is not checked."),
    "unknown_land_use": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land-use code \"{text}\" is not in the "
                                                      "land-use table; land use is not checked there."),
    "land_use_missing": QT_TRANSLATE_NOOP("messages", "Parcel {parcel} has no land-use code; land use is not "
                                                      "checked there."),
    "land_use_ancillary": QT_TRANSLATE_NOOP("messages", "Building {building} ({use}) stands on parcel {parcel}, whose "
                                                        "land use {name} allows {kind} buildings only as ancillary "
                                                        "to its main use: check that this one serves it."),
    "land_use_undecided": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land use {text} ({name}) does not say "
                                                        "which buildings may stand there (a broad class, "
                                                        "special-purpose land or a sea use); land use is not checked "
                                                        "there. Check it by hand or give the parcel a finer code."),
    "land_use_old_edition": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land-use code {text} is read as a GBJ "
                                                          "137-90 code, whose classes differ from GB 50137-2011's; "
                                                          "land use is not checked there. Convert the code to GB "
                                                          "50137-2011 or the 2023 用地用海 classification, or check "
                                                          "it by hand."),
    "land_use_edition_unclear": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land-use code {text} allows other "
                                                              "buildings in {edition} than in {other_edition}, and "
                                                              "the plan does not say which it follows; land use is "
                                                              "not checked there. Give the plan's edition "
                                                              "(--land-use-edition)."),
    "land_use_edition_found": QT_TRANSLATE_NOOP("messages", "{path}: land-use codes {codes} exist only in {edition}, "
                                                            "so the plan's codes of that kind are read by that "
                                                            "edition. If the plan follows another, give its edition "
                                                            "(--land-use-edition)."),
    "land_use_editions_mixed": QT_TRANSLATE_NOOP("messages", "{path}: the land-use codes mix two editions: {codes} "
                                                             "exist only in {edition}, {other_codes} only in "
                                                             "{other_edition}. Each is read by the edition that has "
                                                             "it, and a code the two read differently is judged only "
                                                             "where both readings agree. Give the plan's edition "
                                                             "(--land-use-edition) or correct the codes."),
    "land_use_edition_conflict": QT_TRANSLATE_NOOP("messages", "{path}: the plan is said to follow {edition}, but "
                                                               "land-use codes {codes} exist only in "
                                                               "{other_edition}; they are read by that edition. "
                                                               "Correct the codes or the edition given."),
    "unreadable_setback": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: field {field} reads \"{text}\", which is "
                                                        "not a distance; setbacks there come from the line or the "
                                                        "setback table."),
    "plan_conflict": QT_TRANSLATE_NOOP("messages", "Parcel {parcel} ({code}) is construction land, but {area} of it "
                                                   "lies within the {kind} {lines}: the plans conflict."),
    "control_kind_unknown": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: neither field {field} nor the layer "
                                                          "name tells what kind of control line {count} features "
                                                          "are ({texts}); they are not used: {lines}."),
    "control_layer_skipped": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: neither its name nor a field says "
                                                           "which control line it holds; it is not used."),
    "control_geometry_unusable": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} is a "
                                                               "{geometry_type}, neither a line nor an area; it is "
                                                               "not used."),
    "unreadable_line_value": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: line {line} has \"{text}\" in "
                                                           "field {field}, which is not a distance; it is not used."),
    "setback_unknown": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: {count} road red lines state neither a "
                                                     "setback nor a road class of the setback table (field {field}: "
                                                     "{texts}); setbacks from them are checked only on parcels "
                                                     "that state one: {lines}."),
    "setback_uncertain": QT_TRANSLATE_NOOP("messages", "Building {building} stands {distance} from the road red line "
                                                       "{line}: enough for a low or multi-storey building ({low}), "
                                                       "not for a high-rise one ({high}). Its height is not known, "
                                                       "so the setback is not judged."),
    "diff_duplicate_id": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: parcel id {parcel} is used by {count} "
                                                       "parcels; they are matched to the other version by their "
                                                       "geometry."),
    "coordinates_not_finite": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a vertex "
                                                            "whose coordinates are not numbers {vertex}; it is left "
                                                            "out. Correct the vertex and check again."),
    "coordinates_absurd": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a vertex at "
                                                        "{vertex}, too far out to be anywhere on Earth; it is left "
                                                        "out. Correct the vertex and check again."),
    "coordinates_outside_crs": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a vertex "
                                                             "at {vertex}, far outside the area its coordinate "
                                                             "system {crs} covers; it is left out. Correct the "
                                                             "vertex, or the layer's coordinate system, and check "
                                                             "again."),
    "coordinates_far_away": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a vertex at "
                                                          "{vertex}, far away from all the other features of the "
                                                          "layer; it is left out. Correct the vertex and check "
                                                          "again."),
    "ring_not_closed": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a polygon ring "
                                                     "that is not closed (its last point is not its first); it was "
                                                     "closed with a straight line and checked. Check its outline."),
    "geometry_unreadable": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}has a geometry "
                                                         "that cannot be read ({reason}); it is left out."),
    "line_degenerate": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: feature {fid} {who}is a line whose "
                                                     "points all coincide, so it has no length; it is left out."),
    "gdal_warning": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: reading the file gave a warning: "
                                                  "{message}"),
    "unused_indicator_columns": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: fields {fields} look like "
                                                              "indicators but were not read. If one of them holds a "
                                                              "limit, name it in a mapping (--mapping) or in the "
                                                              "field-mapping dialog, and check again."),
    "land_use_names_read": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: field {field} gives land use by name, "
                                                         "not by code; {count} names were looked up in the land-use "
                                                         "table and checked as these codes: {names}."),
    "absolute_height_not_checked": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: field {field} holds absolute "
                                                                 "elevation limits (绝对高度) on {count} parcels "
                                                                 "({parcels}). An elevation above the datum cannot be "
                                                                 "compared with building heights, so Planner does not "
                                                                 "check it: compare the buildings' top elevations with "
                                                                 "it by hand. On {only} of these parcels ({only_parcels}) "
                                                                 "it is the only height limit, so height is not checked "
                                                                 "there."),
    "storeys_estimated": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: building {building} (feature {fid}) "
                                                       "states neither storeys nor a counted floor area; {storeys} "
                                                       "storeys were estimated from its height {height} m at "
                                                       "{storey_height} m a storey ({basis}). The FAR of the "
                                                       "parcels it stands on is an estimate: ask for its storeys "
                                                       "or counted floor area."),
}
#: absolute_height_not_checked where every parcel with an absolute limit also has a height limit.
ABSOLUTE_HEIGHT_BESIDE = QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: field {field} holds absolute elevation "
                                                       "limits (绝对高度) on {count} parcels ({parcels}). An elevation "
                                                       "above the datum cannot be compared with building heights, so "
                                                       "Planner does not check it: compare the buildings' top "
                                                       "elevations with it by hand. These parcels also have a height "
                                                       "limit, which is checked.")
#: Where the storey height of a storeys_estimated warning comes from.
STOREY_HEIGHT_BASES = {
    "stated": QT_TRANSLATE_NOOP("messages", "the storey height in field {field}"),
    "use": QT_TRANSLATE_NOOP("messages", "assumed for {use} in storey_heights.toml"),
    "default": QT_TRANSLATE_NOOP("messages", "assumed for any use in storey_heights.toml"),
}

#: Editions of the land-use classification (planner.io.landuse.EDITIONS), inside a sentence.
EDITION_NAMES = {
    "1990": QT_TRANSLATE_NOOP("messages", "GBJ 137-90 (the classification before 2011)"),
    "2011": QT_TRANSLATE_NOOP("messages", "GB 50137-2011"),
    "2020": QT_TRANSLATE_NOOP("messages", "the 2020 trial 用地用海 classification"),
    "2023": QT_TRANSLATE_NOOP("messages", "the 2023 用地用海 classification"),
}
#: Codes a land-use edition warning lists at most; more are counted.
CODES_SHOWN = 8
MORE_CODES = QT_TRANSLATE_NOOP("messages", "and {count} more")

ERROR_TEMPLATES = {
    "file_missing": QT_TRANSLATE_NOOP("messages", "{path}: no such file."),
    "file_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be read as a GIS layer ({error})."),
    "layer_missing": QT_TRANSLATE_NOOP("messages", "{path}: has no layer \"{layer}\"; its layers are: {layers}."),
    "layer_ambiguous": QT_TRANSLATE_NOOP("messages", "{path}: has several layers ({layers}); name the {role} layer."),
    "empty_layer": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: has no features."),
    "no_geometry": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: has no geometry."),
    "no_polygons": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: has no usable polygons."),
    "nothing_usable": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: none of its {count} features can be "
                                                    "used. The first: {first}"),
    "path_is_folder": QT_TRANSLATE_NOOP("messages", "{path} is a folder, not a file. Choose the layer file inside "
                                                    "it (.gpkg, .shp, .geojson, .dxf …); only a File Geodatabase "
                                                    "(.gdb) is opened as a folder."),
    "file_empty": QT_TRANSLATE_NOOP("messages", "{path} is empty (0 bytes): it was not saved or copied completely. "
                                                "Get the file again from its source."),
    "file_truncated": QT_TRANSLATE_NOOP("messages", "{path} is cut off: it holds {size} bytes, but its header says "
                                                    "{expected}, so the features after the cut are missing. It was "
                                                    "probably not copied or downloaded completely; get the file "
                                                    "again from its source."),
    "file_damaged": QT_TRANSLATE_NOOP("messages", "{path} is damaged: its database cannot be read. Get the file "
                                                  "again from its source."),
    "file_format_unknown": QT_TRANSLATE_NOOP("messages", "{path} is not in a format Planner reads (GeoPackage, "
                                                         "Shapefile, GeoJSON, FlatGeobuf, File Geodatabase or "
                                                         "DXF)."),
    "gdb_unreadable": QT_TRANSLATE_NOOP("messages", "{path} is a folder that cannot be opened as a File "
                                                    "Geodatabase: it is incomplete or not a geodatabase. Copy the "
                                                    "whole .gdb folder again."),
    "gpkg_no_layers": QT_TRANSLATE_NOOP("messages", "{path} is a GeoPackage without any layer. Check that this is "
                                                    "the right file, or export the layer into it again."),
    "dbf_missing": QT_TRANSLATE_NOOP("messages", "{path}: the Shapefile's attribute table {dbf} is missing, so its "
                                                 "features have no fields (ids, limits, storeys). Copy the .dbf "
                                                 "file next to the .shp."),
    "shx_missing": QT_TRANSLATE_NOOP("messages", "{path}: the Shapefile's index file {shx} is missing. Copy the "
                                                 ".shx file next to the .shp."),
    "shapefile_encoding_wrong": QT_TRANSLATE_NOOP("messages", "{path}: its texts are not {encoding}, although "
                                                              "{source} says so. Name the right encoding in a .cpg "
                                                              "file beside it (Chinese Shapefiles are usually GBK: "
                                                              "write 936 into it) and check again."),
    "dxf_truncated": QT_TRANSLATE_NOOP("messages", "{path}: the drawing is cut off: it does not end with the DXF "
                                                   "end marker (0 / EOF), so the entities after the cut are "
                                                   "missing. Save the drawing again in CAD, or get the file again "
                                                   "from its source."),
    "fields_unrecognised": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no {needed} field recognised "
                                                         "(looked for {wanted}); its fields are: {fields}. "
                                                         "Name them with --mapping."),
    # The same in the window, whose user names the fields in the field-mapping dialog, not with --mapping.
    "fields_unrecognised_window": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: no {needed} field "
                                                                "recognised (looked for {wanted}); its fields are: "
                                                                "{fields}. Open the file again and name its fields in "
                                                                "the field-mapping dialog."),
    "mapping_unknown_target": QT_TRANSLATE_NOOP("messages", "{path}: mapping [{role}] names \"{target}\", which is "
                                                            "not one of {targets}."),
    "mapping_missing_field": QT_TRANSLATE_NOOP("messages", "{path}: the mapping says [{role}] {target} = "
                                                           "\"{field}\", but the layer has no such field; its "
                                                           "fields are: {fields}."),
    "mapping_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: the mapping file is not valid TOML ({error})."),
    "mapping_shared_field": QT_TRANSLATE_NOOP("messages", "{path}: the mapping names field \"{field}\" for "
                                                          "{targets} of the [{role}] layer; one field can hold "
                                                          "only one of them. Name the right field for each."),
    "mapping_is_folder": QT_TRANSLATE_NOOP("messages", "{path}: is a folder; --mapping takes a .toml file."),
    "mapping_not_utf8": QT_TRANSLATE_NOOP("messages", "{path}: the mapping file is not UTF-8 text; save it as "
                                                      "UTF-8 (in Notepad: Save as, Encoding UTF-8)."),
    "mapping_unknown_role": QT_TRANSLATE_NOOP("messages", "{path}: unknown mapping table [{role}]; use {roles}."),
    "dxf_no_outlines": QT_TRANSLATE_NOOP("messages", "{path}: CAD layers {layer} hold no closed polylines, circles "
                                                     "or hatches ({count} open lines). Close the outlines in CAD or "
                                                     "name other layers; layers with outlines: {layers}."),
    "crs_missing_degrees": QT_TRANSLATE_NOOP("messages", "{path}: has no coordinate system and its coordinates "
                                                         "look like degrees; areas cannot be measured. Add a .prj "
                                                         "or reproject it."),
    "crs_mismatch": QT_TRANSLATE_NOOP("messages", "{path}: its coordinates (x {x}, y {y} at the centre) cannot "
                                                  "be in the coordinate system it declares, {crs}: read in it, "
                                                  "they lie outside the area that system is made for ({area}). "
                                                  "The numbers fit {fits}. Give the file its right coordinate "
                                                  "system (in GIS: Define Projection, not Project) and check "
                                                  "again."),
    "crs_missing_mismatch": QT_TRANSLATE_NOOP("messages", "{path}: has no coordinate system, and its coordinates "
                                                          "(x {x}, y {y} at the centre) cannot be in {crs}, the "
                                                          "coordinate system of the other layers (made for "
                                                          "{area}). The numbers fit {fits}. Give the file its "
                                                          "coordinate system (a .prj, or Define Projection in "
                                                          "GIS), or move it onto the plan's coordinates, and "
                                                          "check again."),
    "unexpected": QT_TRANSLATE_NOOP("messages", "Unexpected error: {error}."),
    "output_unwritable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be written ({error})."),
    "review_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: the review file cannot be read ({error}). Restore "
                                                       "it from a copy, or move it away to begin a new review."),
    "review_not_utf8": QT_TRANSLATE_NOOP("messages", "{path}: the review file is not UTF-8 text: it was saved in "
                                                     "another encoding (by an editor, perhaps). Save it again as "
                                                     "UTF-8, or restore it from a copy."),
    "review_truncated": QT_TRANSLATE_NOOP("messages", "{path}: the review file is incomplete: it is cut off after "
                                                      "{size} bytes (a save was interrupted, or the file was "
                                                      "copied in part). Its backup copy {backup} is whole: use it "
                                                      "instead (name it with --review, or copy it over the cut-off "
                                                      "file)."),
    "review_truncated_no_backup": QT_TRANSLATE_NOOP("messages", "{path}: the review file is incomplete: it is cut "
                                                                "off after {size} bytes (a save was interrupted, or "
                                                                "the file was copied in part), and there is no whole "
                                                                "backup copy {backup}. Restore the file from a copy, "
                                                                "or move it away to begin a new review."),
    "review_other_scheme": QT_TRANSLATE_NOOP("messages", "{path}: the review file was written for another scheme "
                                                         "({role} {written_path}, layer {written_layer}, SHA-256 "
                                                         "{written_sha256}), not for the one given ({given_path}, "
                                                         "layer {given_layer}, SHA-256 {given_sha256}); its notes "
                                                         "and approved exceptions are not applied. Name the review "
                                                         "file of this scheme, or open the scheme in Planner to "
                                                         "import the notes and review them again."),
    "review_scheme_changed": QT_TRANSLATE_NOOP("messages", "{path}: the review file was written for an earlier "
                                                           "content of the {role} {given_path}, layer {given_layer} "
                                                           "(SHA-256 {written_sha256}, now {given_sha256}): the "
                                                           "scheme has changed since it was reviewed, so its notes "
                                                           "and approved exceptions are not applied. Open the "
                                                           "scheme in Planner to import the notes and review them "
                                                           "again."),
}

#: What the official should know about a review file that was still used, and the window's question about a
#: review written for another scheme (planner.review.Notice, ReviewForAnotherScheme); worded by notice_message.
NOTICE_TEMPLATES = {
    "review_names_no_scheme": QT_TRANSLATE_NOOP("messages", "{path}: the review file names no scheme (it was saved "
                                                            "by an earlier version of Planner), so whether it "
                                                            "belongs to {given_path}, layer {given_layer} cannot be "
                                                            "told. Its notes and approved exceptions are used: make "
                                                            "sure they are for this scheme. The scheme is recorded "
                                                            "when the review is next saved."),
    "review_backup_used": QT_TRANSLATE_NOOP("messages", "{path} is cut off (a save was interrupted); the notes are "
                                                        "taken from its backup copy {backup}, which may lack the "
                                                        "last changes: check them. The next save replaces the "
                                                        "cut-off file."),
    "review_other_scheme": QT_TRANSLATE_NOOP("messages", "{path} holds the review of another scheme ({role} "
                                                         "{written_path}, layer {written_layer}, SHA-256 "
                                                         "{written_sha256}); the scheme open is {given_path}, layer "
                                                         "{given_layer} (SHA-256 {given_sha256})."),
    "review_scheme_changed": QT_TRANSLATE_NOOP("messages", "{path} holds the review of an earlier content of the "
                                                           "{role} {given_path}, layer {given_layer} (SHA-256 "
                                                           "{written_sha256}, now {given_sha256}): the scheme has "
                                                           "changed since it was reviewed."),
    "review_import_question": QT_TRANSLATE_NOOP("messages", "Import its {count} notes to review them again? No "
                                                            "finding stays accepted as an approved exception "
                                                            "({accepted} were): accept each again where it still "
                                                            "holds. The overall opinion is not carried over. Or "
                                                            "start a fresh review. Either way the earlier review is "
                                                            "kept as {kept}."),
    "review_imported": QT_TRANSLATE_NOOP("messages", "Notes imported from the review of another scheme (kept as "
                                                     "{kept}): no finding is accepted as an exception until you "
                                                     "accept it again."),
    "review_fresh": QT_TRANSLATE_NOOP("messages", "A fresh review was begun; the review of another scheme is kept "
                                                  "as {kept}."),
}
REVIEW_OTHER_TITLE = QT_TRANSLATE_NOOP("messages", "Review notes of another scheme")
REVIEW_IMPORT_BUTTON = QT_TRANSLATE_NOOP("messages", "Import the notes to review again")
REVIEW_FRESH_BUTTON = QT_TRANSLATE_NOOP("messages", "Start a fresh review")

#: The file of a scheme a review names (planner.review.SCHEME_ROLES).
SCHEME_FILE_NAMES = {"buildings": QT_TRANSLATE_NOOP("messages", "buildings file"),
                     "green": QT_TRANSLATE_NOOP("messages", "green-area file")}
#: How many hex digits of a SHA-256 a message shows: enough to tell two files apart at a glance.
SHA256_SHOWN = 12

#: Why an indicator text could not be read (planner.io.indicators.REASONS).
INDICATOR_REASONS = {
    "unreadable": QT_TRANSLATE_NOOP("messages", "not a number, comparison or range"),
    "negative": QT_TRANSLATE_NOOP("messages", "a negative number"),
    "percent_not_allowed": QT_TRANSLATE_NOOP("messages", "a percentage where none belongs"),
    "over_100_percent": QT_TRANSLATE_NOOP("messages", "more than 100%"),
    "empty_range": QT_TRANSLATE_NOOP("messages", "the lower end is above the upper end"),
    "per_use_values": QT_TRANSLATE_NOOP("messages", "one value per use, and which applies cannot be told"),
}

#: The coordinate systems a layer's numbers fit (planner.io.crs.fitting), when more are found than named, or none.
FITS_MORE = QT_TRANSLATE_NOOP("messages", "{fits} and {more} more")
FITS_UNZONED = QT_TRANSLATE_NOOP("messages", "a Gauss-Krüger or UTM zone without the zone number in x, central "
                                             "meridian {zones} (the numbers alone cannot tell which: name the zone "
                                             "the data was surveyed in)")
FITS_NONE = QT_TRANSLATE_NOOP("messages", "none of the coordinate systems tried (Web Mercator; WGS 84 and CGCS2000 "
                                          "in degrees; the Gauss-Krüger zones of CGCS2000, Xi'an 80 and Beijing "
                                          "54, with and without the zone number; UTM)")
#: A drawing unit ($INSUNITS, planner.io.dxf).
DXF_UNIT_NAMES = {
    1: QT_TRANSLATE_NOOP("messages", "inches"),
    2: QT_TRANSLATE_NOOP("messages", "feet"),
    3: QT_TRANSLATE_NOOP("messages", "miles"),
    4: QT_TRANSLATE_NOOP("messages", "millimetres"),
    5: QT_TRANSLATE_NOOP("messages", "centimetres"),
    7: QT_TRANSLATE_NOOP("messages", "kilometres"),
    10: QT_TRANSLATE_NOOP("messages", "yards"),
    14: QT_TRANSLATE_NOOP("messages", "decimetres"),
    21: QT_TRANSLATE_NOOP("messages", "US survey feet"),
}
DXF_UNIT_OTHER = QT_TRANSLATE_NOOP("messages", "unit {units}")
#: GEOS's reasons why a polygon is invalid (shapely.is_valid_reason), in words of the official's language.
GEOS_REASONS = {
    "Self-intersection": QT_TRANSLATE_NOOP("messages", "self-intersection"),
    "Ring Self-intersection": QT_TRANSLATE_NOOP("messages", "ring self-intersection"),
    "Too few points in geometry component": QT_TRANSLATE_NOOP("messages", "too few points"),
    "Hole lies outside shell": QT_TRANSLATE_NOOP("messages", "hole outside the outline"),
    "Interior is disconnected": QT_TRANSLATE_NOOP("messages", "interior cut in two"),
    "Nested holes": QT_TRANSLATE_NOOP("messages", "holes inside holes"),
    "Nested shells": QT_TRANSLATE_NOOP("messages", "outlines inside outlines"),
    "Duplicate Rings": QT_TRANSLATE_NOOP("messages", "duplicate rings"),
    "Invalid Coordinate": QT_TRANSLATE_NOOP("messages", "invalid coordinate"),
    "Ring is not closed": QT_TRANSLATE_NOOP("messages", "ring not closed"),
}
_GEOS_REASON = re.compile(r"^\s*(?P<reason>[A-Za-z][A-Za-z -]*?)\s*(?:\[(?P<x>\S+)\s+(?P<y>[^\]\s]+)\s*\])?\s*$")


def geos_reason(text: str, lang: str) -> str:
    """GEOS's "Self-intersection[456426 4400465]" as "self-intersection at (456426, 4400465)", or in Chinese
    "自相交（456426, 4400465）"; a text GEOS words otherwise is kept as it is."""
    match = _GEOS_REASON.match(str(text))
    if match is None or match["reason"] not in GEOS_REASONS:
        return str(text)
    reason = tr(GEOS_REASONS[match["reason"]], lang)
    if match["x"] is None:
        return reason
    x, y = match["x"], match["y"]
    return f"{reason}（{x}, {y}）" if lang == "zh" else f"{reason} at ({x}, {y})"


ROLE_NAMES = {"lines": QT_TRANSLATE_NOOP("messages", "control line"),
              "plan": QT_TRANSLATE_NOOP("messages", "plan parcel"),
              "buildings": QT_TRANSLATE_NOOP("messages", "building"),
              "green": QT_TRANSLATE_NOOP("messages", "green area")}

#: What a layer lacked when its fields could not be recognised.
NEEDED_NAMES = {"id": QT_TRANSLATE_NOOP("messages", "parcel-id"),
                "indicators": QT_TRANSLATE_NOOP("messages", "land-use or indicator"),
                "floors": QT_TRANSLATE_NOOP("messages", "storeys, counted-area or height")}

#: Stages reported by the loaders and planner.checking.engine.check through the progress callback.
STAGE_NAMES = {
    "reading plan": QT_TRANSLATE_NOOP("messages", "reading the plan"),
    "reading buildings": QT_TRANSLATE_NOOP("messages", "reading the buildings"),
    "reading green": QT_TRANSLATE_NOOP("messages", "reading the green areas"),
    "reading lines": QT_TRANSLATE_NOOP("messages", "reading the control lines"),
    "align": QT_TRANSLATE_NOOP("messages", "aligning coordinate systems"),
    "overlay": QT_TRANSLATE_NOOP("messages", "overlaying buildings on parcels"),
    "indicators": QT_TRANSLATE_NOOP("messages", "measuring FAR, density and height"),
    "green": QT_TRANSLATE_NOOP("messages", "measuring green ratio"),
    "findings": QT_TRANSLATE_NOOP("messages", "checking the rules"),
    "controls": QT_TRANSLATE_NOOP("messages", "checking control lines and setbacks"),
    "results": QT_TRANSLATE_NOOP("messages", "collecting results"),
    "comparing": QT_TRANSLATE_NOOP("messages", "comparing with the other plan version"),
    "drawing": QT_TRANSLATE_NOOP("messages", "preparing the map and the findings table"),
    "done": QT_TRANSLATE_NOOP("messages", "done"),
}


def stage_name(stage: str, lang: str) -> str:
    return tr(STAGE_NAMES.get(stage, stage), lang)


WHO_PARCEL = QT_TRANSLATE_NOOP("messages", "(parcel {parcel}) ")
WHO_BUILDING = QT_TRANSLATE_NOOP("messages", "(building {building}) ")
WHO_GREEN = QT_TRANSLATE_NOOP("messages", "(green area {green}) ")
WHO_LINE = QT_TRANSLATE_NOOP("messages", "(line {line}) ")


def default_language() -> str:
    """Chinese on a Chinese locale, English otherwise (the POSIX locale variables, else Qt's system locale)."""
    name = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), "")
    if not name:
        from PySide6.QtCore import QLocale  # Windows and macOS keep the locale outside the environment

        name = QLocale.system().name()
    return "zh" if name.lower().startswith("zh") else "en"


@lru_cache(maxsize=None)
def _translator(lang: str):
    if lang != "zh":
        return None
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(resource_path("translations", "planner_zh_CN.qm"))):
        return None
    return translator


def tr(text: str, lang: str, context: str = CONTEXT) -> str:
    """`text` in `lang`; a module whose short words would clash with others' (exports) has its own context."""
    translator = _translator(lang)
    if translator is None:
        return text
    return translator.translate(context, text) or text


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "-"


#: A cell's text quoted in a sentence is cut to this many characters, any other value to the second: a 1 MB cell
#: must not flood the terminal or the report.
QUOTE_LIMIT, VALUE_LIMIT = 100, 1000


def _quoted(key: str, value: Any) -> Any:
    limit = QUOTE_LIMIT if key == "text" else VALUE_LIMIT
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}…"
    return value


def _fill(template: str, lang: str, values: dict[str, Any]) -> str:
    return tr(template, lang).format_map(_Blank({k: _quoted(k, v) for k, v in values.items() if v is not None}))


# --- numbers ---------------------------------------------------------------------------------------

def format_value(indicator: str, value: float | None, *, exact: bool = False) -> str:
    """FAR two decimals, ratios as percent with one decimal, heights in metres with one decimal (half-up).

    `exact` shows two more decimals, unrounded in spirit, to explain a marginal breach.
    """
    if value is None:
        return "-"
    places = PLACES[indicator] + (2 if exact else 0)
    shown = value if exact else round_half_up(value, indicator)
    if indicator in ("density", "green_ratio"):
        # shown is already on the 0.001 grid, so x100 cannot move it across a rounding boundary.
        return f"{shown * 100:.{places - 2}f}%"
    text = f"{shown:.{places}f}"
    return f"{text} m" if indicator == "height" else text


def format_values(indicator: str, values: np.ndarray) -> list[str]:
    """format_value over a column (NaN shows as "-"), rounding the whole column at once."""
    values = np.asarray(values, dtype=float)
    if len(values) > 64:  # limits and many achieved values repeat: each distinct value is formatted once
        distinct, inverse = np.unique(values, return_inverse=True)
        if len(distinct) < len(values) // 2:
            texts = format_values(indicator, distinct)
            return [texts[i] for i in inverse.ravel().tolist()]
    rounded = round_half_up_array(values, indicator)
    places = PLACES[indicator]
    if indicator in ("density", "green_ratio"):
        return ["-" if v != v else f"{v * 100:.{places - 2}f}%" for v in rounded.tolist()]
    unit = " m" if indicator == "height" else ""
    return ["-" if v != v else f"{v:.{places}f}{unit}" for v in rounded.tolist()]


def format_limits(indicator: str, lower: np.ndarray, upper: np.ndarray) -> list[str]:
    """format_limit over columns of bounds (NaN = that side not controlled); "" where nothing is controlled."""
    los, his = format_values(indicator, lower), format_values(indicator, upper)
    out = []
    for lo, hi in zip(los, his):
        if lo != "-" and hi != "-":
            out.append(f"{lo}–{hi}")
        elif hi != "-":
            out.append(f"≤{hi}")
        elif lo != "-":
            out.append(f"≥{lo}")
        else:
            out.append("")
    return out


def format_limit(indicator: str, limit: tuple[float | None, float | None] | None) -> str:
    """(lo, hi) as people write it: ≤2.50, ≥35.0%, 1.20–2.00."""
    if not limit:
        return "-"
    lo, hi = limit
    if lo is not None and hi is not None:
        return f"{format_value(indicator, lo)}–{format_value(indicator, hi)}"
    if hi is not None:
        return f"≤{format_value(indicator, hi)}"
    if lo is not None:
        return f"≥{format_value(indicator, lo)}"
    return "-"


def format_area(value: float) -> str:
    return f"{value:,.1f} m²"


def format_distance(value: float | None, *, exact: bool = False) -> str:
    """Metres with two decimals (half-up), four to explain a marginal setback breach."""
    if value is None:
        return "-"
    if exact:
        return f"{value:.4f} m"
    return f"{round_half_up(value, 'distance'):.2f} m"


# --- sentences -------------------------------------------------------------------------------------

def rule_name(rule: str, lang: str) -> str:
    return tr(RULE_NAMES.get(rule, rule), lang)


def violation_message(v: Violation, lang: str) -> str:
    """One sentence for a finding: the same words in the CLI, the GUI table and the report."""
    template = VIOLATION_TEMPLATES.get(v.rule)
    if template is None:
        return f"{v.rule}: {v.parcel or ''} {v.building or ''}".strip()
    if v.rule in INDICATOR_RULES:
        indicator, side = INDICATOR_RULES[v.rule]
        bound = v.limit[1] if side == "hi" else v.limit[0]
        # A marginal breach shows its exact value: "2.50 exceeds 2.50" would contradict itself.
        values = {"parcel": v.parcel, "actual": format_value(indicator, v.actual, exact=v.marginal),
                  "bound": format_value(indicator, bound)}
        named = list(v.details.get("buildings") or ())
        if indicator == "height" and named:
            heights = list(v.details.get("heights") or ())
            values.update(building=named[0], count=len(named),
                          buildings=_listed([f"{b} ({format_value('height', h)})" if h is not None else b
                                             for b, h in zip(named, heights + [None] * len(named))], lang))
            template = HEIGHT_SEVERAL if v.rule == "height_max" and len(named) > 1 else HEIGHT_TEMPLATES[v.rule]
        text = _fill(template, lang, values)
        if v.marginal:
            text = _with_note(text, _fill(MARGINAL_NOTE, lang, {"shown": format_value(indicator, v.actual),
                                                                "precision": PRECISION_TEXTS[indicator]}), lang)
        return text
    values = {"parcel": v.parcel, "building": v.building, "use": v.actual, "code": v.limit}
    if v.rule == "crosses_parcel":
        parcels = v.details.get("parcels", [])
        areas = v.details.get("areas", [])
        values["count"] = len(parcels)
        values["parcels"] = _listed([f"{p} ({format_area(a)})" for p, a in zip(parcels, areas)], lang)
    elif v.rule == "outside_plan":
        values["area"] = format_area(v.actual)
        values["footprint"] = format_area(v.details.get("footprint_area", 0.0))
    elif v.rule in CONTROL_RULES:
        return _control_message(v, template, lang)
    return _fill(template, lang, values)


def _fill_columns(template: str, **columns: list[str]) -> list[str]:
    """`template` filled row by row from columns of texts (a missing value is given as "-", as _fill shows it)."""
    names = list(columns)
    try:
        return [template.format(**dict(zip(names, row))) for row in zip(*columns.values())]
    except (KeyError, IndexError):  # a translation naming a field the English does not: "-" as _fill says it
        return [template.format_map(_Blank(zip(names, row))) for row in zip(*columns.values())]


def violation_messages(violations: list[Violation], lang: str) -> list[str]:
    """violation_message for many findings at once, byte for byte the same sentences.

    Findings are grouped by (rule, template): each group's template is translated once and its numbers are
    formatted as a column (format_values). Marginal breaches, height findings naming buildings, crossings and
    control-line findings (a few per city) are worded one by one.
    """
    out: list[str | None] = [None] * len(violations)
    indicator_groups: dict[str, list[int]] = {}
    plain_groups: dict[str, list[int]] = {}
    height_groups: dict[str, list[int]] = {}
    for k, v in enumerate(violations):
        rule = v.rule
        if rule in INDICATOR_RULES:
            if not v.marginal and v.actual is not None:
                if INDICATOR_RULES[rule][0] == "height" and v.details.get("buildings"):
                    height_groups.setdefault(rule, []).append(k)
                else:
                    indicator_groups.setdefault(rule, []).append(k)
                continue
        elif rule in ("land_use", "crosses_parcel"):
            plain_groups.setdefault(rule, []).append(k)
            continue
        out[k] = violation_message(v, lang)
    blank = _Blank
    for rule, ks in indicator_groups.items():
        indicator, side = INDICATOR_RULES[rule]
        at = 1 if side == "hi" else 0
        found = [violations[k] for k in ks]
        actual = format_values(indicator, np.array([v.actual for v in found], dtype=float))
        bound = format_values(indicator, np.array([np.nan if v.limit[at] is None else v.limit[at] for v in found],
                                                  dtype=float))
        parcels = ["-" if p is None else p if not isinstance(p, str) or len(p) <= VALUE_LIMIT else _quoted("parcel", p)
                   for p in (v.parcel for v in found)]
        texts = _fill_columns(tr(VIOLATION_TEMPLATES[rule], lang), parcel=parcels, actual=actual, bound=bound)
        for k, text in zip(ks, texts):
            out[k] = text
    for rule, ks in height_groups.items():  # a height finding naming its buildings, tallest first, with heights
        side = INDICATOR_RULES[rule][1]
        found = [violations[k] for k in ks]
        actual = format_values("height", np.array([v.actual for v in found], dtype=float))
        bound = format_values("height", np.array([np.nan if v.limit[1 if side == "hi" else 0] is None
                                                  else v.limit[1 if side == "hi" else 0] for v in found], dtype=float))
        named = [list(v.details["buildings"]) for v in found]
        heights = [list(v.details.get("heights") or ())[:len(n)] for v, n in zip(found, named)]
        flat = [h for hs in heights for h in hs if h is not None]
        if any(h != h for h in flat):  # a NaN height: worded one by one, as violation_message shows it
            for k, v in zip(ks, found):
                out[k] = violation_message(v, lang)
            continue
        shown = iter(format_values("height", np.array(flat, dtype=float)))
        one, several = tr(HEIGHT_TEMPLATES[rule], lang), tr(HEIGHT_SEVERAL, lang)
        for k, v, a, b, n, hs in zip(ks, found, actual, bound, named, heights):
            hs = hs + [None] * (len(n) - len(hs))
            listed = _listed([f"{name} ({next(shown)})" if h is not None else name for name, h in zip(n, hs)], lang)
            values = {"parcel": v.parcel, "actual": a, "bound": b, "building": n[0], "count": len(n),
                      "buildings": listed}
            template = several if rule == "height_max" and len(n) > 1 else one
            out[k] = template.format_map(blank({key: _quoted(key, value) for key, value in values.items()
                                                if value is not None}))
    for rule, ks in plain_groups.items():
        template = tr(VIOLATION_TEMPLATES[rule], lang)
        crossing = rule == "crosses_parcel"
        for k in ks:
            v = violations[k]
            values = {"parcel": v.parcel, "building": v.building, "use": v.actual, "code": v.limit}
            if crossing:  # as violation_message words it: each parcel with the footprint's area on it
                parcels = v.details.get("parcels", [])
                values["count"] = len(parcels)
                values["parcels"] = _listed([f"{p} ({a:,.1f} m²)" for p, a in zip(parcels, v.details.get("areas", []))],
                                            lang)
            out[k] = template.format_map(blank({key: _quoted(key, value) for key, value in values.items()
                                                if value is not None}))
    return out  # type: ignore[return-value]


def _with_note(sentence: str, note: str, lang: str) -> str:
    """`note` (in parentheses) at the end of `sentence`, before its full stop."""
    stop = sentence[-1:] if sentence[-1:] in (".", "。") else ""
    body = sentence[:-1] if stop else sentence
    return f"{body}{note}{stop}" if lang == "zh" else f"{body} {note}{stop}"


#: Details that are lists of ids or texts (given as lists, or joined with ", " where they were found).
LIST_KEYS = ("lines", "parcels", "texts", "handles", "buildings")


def _listed(items: list[str], lang: str) -> str:
    """Items of a list inside a sentence: "4# (49.5 m), 5# (46.0 m)"; in Chinese "4#（49.5 m）、5#（46.0 m）"."""
    if lang == "zh":
        return "、".join(item.replace(" (", "（").replace(")", "）") for item in items)
    return ", ".join(items)


def _control_message(v: Violation, template: str, lang: str) -> str:
    d = v.details
    values: dict[str, Any] = {"building": v.building, "parcel": v.parcel,
                              "lines": _listed([str(x) for x in d.get("lines", ())], lang),
                              "kind": tr(KIND_NAMES.get(d.get("line_kind", ""), d.get("line_kind", "")), lang)}
    if v.rule == "setback":
        values.update(distance=format_distance(v.actual, exact=v.marginal), required=format_distance(v.limit),
                      line=d.get("line"), source=setback_source(v, lang))
        text = _fill(template, lang, values)
        if v.marginal:
            text = _with_note(text, _fill(MARGINAL_NOTE, lang, {"shown": format_distance(v.actual),
                                                                "precision": PRECISION_TEXTS["distance"]}), lang)
        return text
    if v.rule == "crosses_red_line":
        values["length"] = format_distance(d.get("length"))
    elif v.rule == "beyond_red_line":
        values["distance"] = format_distance(d.get("distance"))
    elif d.get("how") == "crosses":
        template = CROSSING_TEMPLATE
    else:
        values["area"] = format_area(d.get("area") or 0.0)
    return _fill(template, lang, values)


def setback_source(v: Violation, lang: str) -> str:
    """Where a setback requirement came from: the parcel, the line, or the table (road class, height class)."""
    source = v.details.get("source", "")
    values: dict[str, Any] = {"parcel": v.parcel}
    if source == "table":
        from planner.io.controls import default_table

        road_class = v.details.get("road_class")
        height_class = v.details.get("height_class")
        values["road_class"] = default_table().road_class_name(road_class, lang) if road_class else "-"
        values["height_class"] = tr(HEIGHT_CLASS_NAMES.get(height_class or "", "-"), lang) if height_class else "-"
    return _fill(SETBACK_SOURCES[source], lang, values) if source in SETBACK_SOURCES else source


def warning_message(w: CheckWarning, lang: str) -> str:
    template = WARNING_TEMPLATES.get(w.code)
    values: dict[str, Any] = {"parcel": w.parcel, "building": w.building, **w.details}
    if "reason" in values and values["reason"] in INDICATOR_REASONS:
        values["reason"] = tr(INDICATOR_REASONS[values["reason"]], lang)
    elif isinstance(values.get("reason"), str) and w.code.startswith("geometry_"):
        values["reason"] = geos_reason(values["reason"], lang)
    if "indicator" in values:
        values["indicator"] = tr(INDICATOR_NAMES.get(values["indicator"], values["indicator"]), lang)
    if "line_kind" in values:
        values["kind"] = tr(KIND_NAMES.get(values["line_kind"], values["line_kind"]), lang)
    for key in LIST_KEYS:  # lists of ids inside a sentence: "a, b" ("a、b" in Chinese)
        if isinstance(values.get(key), list):
            values[key] = _listed([str(v) for v in values[key]], lang)
        elif lang == "zh" and isinstance(values.get(key), str):
            values[key] = values[key].replace(", ", "、")
    if isinstance(values.get("lines"), list):
        values["lines"] = ", ".join(map(str, values["lines"]))
    for key in ("edition", "other_edition"):
        if values.get(key) in EDITION_NAMES:
            values[key] = tr(EDITION_NAMES[values[key]], lang)
    for key in ("codes", "other_codes"):
        if isinstance(values.get(key), list):
            values[key] = _code_list(values[key], lang)
    for key, plain in (("names", "name"), ("kinds", "kind")):  # per language, chosen here
        if isinstance(values.get(key), dict):
            values[plain] = values[key].get("zh" if lang.startswith("zh") else "en")
    if isinstance(values.get("area"), float) and w.code == "plan_conflict":
        values["area"] = format_area(values["area"])
    for key in ("distance", "low", "high"):
        if w.code == "setback_uncertain" and isinstance(values.get(key), float):
            values[key] = format_distance(values[key])
    _word_crs_and_units(values, lang)
    if w.code == "absolute_height_not_checked" and not values.get("only"):
        template = ABSOLUTE_HEIGHT_BESIDE
    if w.code == "storeys_estimated" and values.get("basis") in STOREY_HEIGHT_BASES:
        if values.get("use_id"):
            from planner.io.landuse import shipped_table

            values["use"] = shipped_table().use_name(values["use_id"], lang)
        values["basis"] = _fill(STOREY_HEIGHT_BASES[values["basis"]], lang, values)
    if w.parcel is not None:
        values["who"] = _fill(WHO_PARCEL, lang, values)
    elif w.building is not None:
        values["who"] = _fill(WHO_BUILDING, lang, values)
    elif values.get("green") is not None:
        values["who"] = _fill(WHO_GREEN, lang, values)
    elif values.get("line") is not None:
        values["who"] = _fill(WHO_LINE, lang, values)
    else:
        values["who"] = ""
    if template is None:
        return f"{w.code}: " + ", ".join(f"{k}={v}" for k, v in values.items() if v)
    return _fill(template, lang, values)


def _code_list(codes: list, lang: str) -> str:
    """Codes in a sentence: "0603, 090301", the first CODES_SHOWN of a longer list and how many more."""
    shown = ", ".join(map(str, codes[:CODES_SHOWN]))
    if len(codes) <= CODES_SHOWN:
        return shown
    return shown + " " + _fill(MORE_CODES, lang, {"count": len(codes) - CODES_SHOWN})


def error_message(code: str, details: dict[str, Any], lang: str) -> str:
    template = ERROR_TEMPLATES.get(code)
    details = _worded_details(code, details, lang)
    if template is None:
        return f"{code}: " + ", ".join(f"{k}={v}" for k, v in details.items())
    return _fill(template, lang, details)


def notice_message(code: str, details: dict[str, Any], lang: str) -> str:
    """A notice about a review file (NOTICE_TEMPLATES), worded as error_message words an error."""
    template = NOTICE_TEMPLATES.get(code)
    details = _worded_details(code, details, lang)
    if template is None:
        return f"{code}: " + ", ".join(f"{k}={v}" for k, v in details.items())
    return _fill(template, lang, details)


def _worded_details(code: str, details: dict[str, Any], lang: str) -> dict[str, Any]:
    details = dict(details)
    if code == "layer_ambiguous" and details.get("role") in ROLE_NAMES:
        details["role"] = tr(ROLE_NAMES[details["role"]], lang)
    elif code.startswith("review_") and details.get("role") in SCHEME_FILE_NAMES:
        details["role"] = tr(SCHEME_FILE_NAMES[details["role"]], lang)
    if details.get("needed") in NEEDED_NAMES:
        details["needed"] = tr(NEEDED_NAMES[details["needed"]], lang)
    if isinstance(details.get("first"), CheckWarning):  # nothing_usable: why the first feature was left out
        details["first"] = warning_message(details["first"], lang)
    for key, value in details.items():
        if key.endswith("sha256") and isinstance(value, str) and len(value) > SHA256_SHOWN:
            details[key] = value[:SHA256_SHOWN] + "…"
    _word_crs_and_units(details, lang)
    return details


def _word_crs_and_units(values: dict[str, Any], lang: str) -> None:
    """The coordinate systems a layer fits as one list (planner.io.crs), a drawing unit by name (planner.io.dxf)."""
    if isinstance(values.get("fits"), (list, tuple)):
        separator = "；" if lang == "zh" else "; "
        fits = separator.join(map(str, values["fits"]))
        if fits and values.get("more"):
            fits = _fill(FITS_MORE, lang, {"fits": fits, "more": values["more"]})
        if values.get("zones"):
            fits = separator.join(f for f in (fits, _fill(FITS_UNZONED, lang, {"zones": values["zones"]})) if f)
        values["fits"] = fits or tr(FITS_NONE, lang)
    if isinstance(values.get("units"), int):
        name = DXF_UNIT_NAMES.get(values["units"])
        values["unit"] = tr(name, lang) if name else _fill(DXF_UNIT_OTHER, lang, {"units": values["units"]})
    if isinstance(values.get("size"), float):
        values["size"] = format_distance(values["size"]) if values["size"] >= 0.01 else "< 0.01 m"


# --- names and verdicts ----------------------------------------------------------------------------

def warning_name(code: str, lang: str) -> str:
    return tr(WARNING_NAMES.get(code, code), lang)


def verdict_name(code: str, lang: str) -> str:
    return tr(VERDICT_NAMES.get(code, code), lang)


# --- plan versions compared (planner/diff.py) -------------------------------------------------------

#: What happened to a parcel between two plan versions (planner.versions.diff.KINDS): a map legend's words.
DIFF_KIND_NAMES = {
    "unchanged": QT_TRANSLATE_NOOP("messages", "unchanged"),
    "changed": QT_TRANSLATE_NOOP("messages", "changed"),
    "renamed": QT_TRANSLATE_NOOP("messages", "renamed"),
    "split": QT_TRANSLATE_NOOP("messages", "split"),
    "merged": QT_TRANSLATE_NOOP("messages", "merged"),
    "added": QT_TRANSLATE_NOOP("messages", "added"),
    "removed": QT_TRANSLATE_NOOP("messages", "removed"),
}
#: Headings of the lists in `planner diff`'s summary.
DIFF_SECTION_TITLES = {
    "changed": QT_TRANSLATE_NOOP("messages", "Changed"),
    "split": QT_TRANSLATE_NOOP("messages", "Split"),
    "merged": QT_TRANSLATE_NOOP("messages", "Merged"),
    "added": QT_TRANSLATE_NOOP("messages", "Added"),
    "removed": QT_TRANSLATE_NOOP("messages", "Removed"),
}
DIFF_ROLE_NAMES = {"old": QT_TRANSLATE_NOOP("messages", "Old plan"), "new": QT_TRANSLATE_NOOP("messages", "New plan")}
DIFF_COUNTS = QT_TRANSLATE_NOOP("messages", "{added} added, {removed} removed, {changed} changed, {split} split, "
                                "{merged} merged, {unchanged} unchanged.")
DIFF_SAME = QT_TRANSLATE_NOOP("messages", "The two versions are the same.")
DIFF_LAND_USE = QT_TRANSLATE_NOOP("messages", "land use")
DIFF_RENAMED = QT_TRANSLATE_NOOP("messages", "renamed from {old}")
DIFF_REDRAWN = QT_TRANSLATE_NOOP("messages", "boundary redrawn, area {old} → {new}")


def diff_kind_name(kind: str, lang: str) -> str:
    return tr(DIFF_KIND_NAMES.get(kind, kind), lang)


def diff_counts_message(counts: dict[str, int], lang: str) -> str:
    """ "1 added, 1 removed, 5 changed, 1 split, 1 merged, 27 unchanged." (planner.versions.diff.PlanDiff.counts)"""
    return _fill(DIFF_COUNTS, lang, counts)


def change_message(change: ParcelChange, lang: str) -> str:
    """What changed on one parcel (a planner.versions.diff.ParcelChange), as written in each version:
    "renamed from XG-08-03; land use 090104 → 0902; FAR ≤2.0 → ≤2.8; boundary redrawn, area …"."""
    not_controlled = tr(VERDICT_NAMES["not controlled"], lang)
    parts = []
    if change.renamed_from is not None:
        parts.append(_fill(DIFF_RENAMED, lang, {"old": change.renamed_from}))
    if change.land_use is not None:
        old, new = (land_use_text(code, lang) for code in change.land_use)
        parts.append(f"{tr(DIFF_LAND_USE, lang)} {old} → {new}")
    for indicator, (old, new) in change.indicators.items():
        parts.append(f"{tr(INDICATOR_NAMES[indicator], lang)} {old or not_controlled} → {new or not_controlled}")
    if change.geometry:
        parts.append(_fill(DIFF_REDRAWN, lang, {"old": format_area(change.area_old),
                                                "new": format_area(change.area_new)}))
    return ("；" if lang == "zh" else "; ").join(parts)


def land_use_text(code: str | None, lang: str) -> str:
    """A land-use code with its name beside it: "090104 (Park)", in Chinese "090104（公园绿地）"; "-" for none, the
    bare code when the land-use table does not know it."""
    if not code:
        return "-"
    from planner.io.landuse import shipped_table

    name = shipped_table().land_use_name(code, lang)
    if not name or name == code:
        return code
    return f"{code}（{name}）" if lang == "zh" else f"{code} ({name})"


def diff_warning_messages(diff: PlanDiff, lang: str) -> list[tuple[str, str]]:
    """(code, sentence) per warning, each sentence once: both versions often carry the same note."""
    seen: dict[tuple[str, str], None] = {}
    for w in diff.warnings:
        seen.setdefault((w.code, warning_message(w, lang)), None)
    return list(seen)


def parcel_status_name(status: str, lang: str) -> str:
    """A parcel's verdict in words: violation, pass, partly checked, not assessed."""
    return tr(PARCEL_STATUS_NAMES[status], lang) if status in PARCEL_STATUS_NAMES else status


def unchecked_message(counts: dict[str, int], lang: str) -> str | None:
    """One sentence naming each item not checked and on how many parcels (None when everything was checked)."""
    if not counts:
        return None
    names = {**INDICATOR_NAMES, "land_use": LAND_USE_NAME}
    separator = "；" if lang == "zh" else "; "
    items = separator.join(_fill(UNCHECKED_ITEM, lang, {"item": tr(names[item], lang), "count": count})
                           for item, count in counts.items())
    return _fill(UNCHECKED_LINE, lang, {"items": items})
