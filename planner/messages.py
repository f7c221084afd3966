"""The one place rule ids, warning codes and error codes become sentences, in Chinese or English.

Templates are English source strings marked for Qt's lupdate; Chinese comes from
resources/translations/planner_zh_CN.qm through a QTranslator (QtCore only, no application needed), so the
CLI, the GUI table and the report all use the same words.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.checking.rules import PLACES, round_half_up, round_half_up_array
from planner.model import (ACHIEVED, CONTROL_RULES, DECLARED_RULES, INDICATOR_RULES, SUNLIGHT_RULES, CheckWarning,
                           Violation)
from planner.resources import resource_path

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    "case_file_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be read as a case file ({error})."),
    "case_key_unknown": QT_TRANSLATE_NOOP("messages", "{path}: \"{key}\" is not a case detail. A case has: {keys}."),
    "case_number_missing": QT_TRANSLATE_NOOP("messages", "{path}: the case has no number (受理号). Give it as "
                                                         "number = \"...\"."),
    "case_value": QT_TRANSLATE_NOOP("messages", "{path}: {key} = \"{value}\" cannot be read; expected {expected}."),
    "holidays_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: the office's holiday table cannot be read "
                                                         "({error})."),
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
    "output_folder_missing": QT_TRANSLATE_NOOP("messages", "{path}: cannot be written: the folder {folder} does "
                                                           "not exist. Choose an existing folder, or create this "
                                                           "one first, and export again."),
    "output_not_writable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be written: the folder is read-only for "
                                                         "you, or the file is open in another program. Close the "
                                                         "file, or choose another folder or name, and export "
                                                         "again."),
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
              "green": QT_TRANSLATE_NOOP("messages", "green area"),
              "existing": QT_TRANSLATE_NOOP("messages", "Existing buildings")}

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


#: Translations looked up so far, by (lang, context, text): a city's findings ask for the same few templates
#: ~10^5 times, and a dict lookup is a twentieth of a call into Qt's translator.
_TRANSLATED: dict[tuple[str, str, str], str] = {}


def tr(text: str, lang: str, context: str = CONTEXT) -> str:
    """`text` in `lang`; a module whose short words would clash with others' (exports) has its own context."""
    key = (lang, context, text)
    translated = _TRANSLATED.get(key)
    if translated is None:
        translator = _translator(lang)
        translated = text if translator is None else translator.translate(context, text) or text
        _TRANSLATED[key] = translated
    return translated


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
    if v.rule in DECLARED_RULES:
        return declared_message(v, lang)
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
    elif v.rule in SUNLIGHT_RULES:
        return sunlight_message(v, template, lang)
    return _fill(template, lang, values)


def _fill_columns(template: str, **columns: list[str]) -> list[str]:
    """`template` filled row by row from columns of texts (a field without a column is "-", as _fill shows it).

    The template is rewritten once with numbered fields ("{parcel}" -> "{0}") for the columns it names, so each
    row is one str.format of a tuple, without a dict per row or columns it does not show."""
    n_rows = len(next(iter(columns.values()))) if columns else 0
    numbered, used = _numbered(template)
    if not used:
        return [numbered.format()] * n_rows
    return list(map(numbered.format, *(columns[name] if name in columns else ["-"] * n_rows for name in used)))


@lru_cache(maxsize=256)
def _numbered(template: str) -> tuple[str, tuple[str, ...]]:
    """`template` with its fields numbered in order of first use, and their names: "{a} {b} {a:>3}" ->
    ("{0} {1} {0:>3}", ("a", "b"))."""
    from string import Formatter

    parts, used = [], []
    for literal, field, spec, conversion in Formatter().parse(template):
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if name not in used:
            used.append(name)
        parts.append("{" + str(used.index(name)) + field[len(name):] + (f"!{conversion}" if conversion else "")
                     + (f":{spec}" if spec else "") + "}")
    return "".join(parts), tuple(used)


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
    for rule, ks in plain_groups.items():  # filled column by column, as _fill fills one
        found = [violations[k] for k in ks]
        columns = {"parcel": [v.parcel for v in found], "building": [v.building for v in found],
                   "use": [v.actual for v in found], "code": [v.limit for v in found]}
        if rule == "crosses_parcel":  # as violation_message words it: each parcel with the footprint's area on it
            crossed = [v.details.get("parcels", []) for v in found]
            columns["count"] = [len(parcels) for parcels in crossed]
            areas = [v.details.get("areas", []) for v in found]
            shown = iter([f"{p} ({a:,.1f} m²)" for parcels, on in zip(crossed, areas) for p, a in zip(parcels, on)])
            columns["parcels"] = [_listed(list(islice(shown, min(len(parcels), len(on)))), lang)
                                  for parcels, on in zip(crossed, areas)]
        texts = _fill_columns(tr(VIOLATION_TEMPLATES[rule], lang),
                              **{key: _quoted_column(key, values) for key, values in columns.items()})
        for k, text in zip(ks, texts):
            out[k] = text
    return out  # type: ignore[return-value]


def _quoted_column(key: str, values: list) -> list:
    """_quoted over a column, with None as "-" (what _fill shows for a value it is not given)."""
    limit = QUOTE_LIMIT if key == "text" else VALUE_LIMIT
    if set(map(type, values)) == {str} and max(map(len, values)) <= limit:  # the usual column: nothing to do
        return values
    return ["-" if x is None else f"{x[:limit]}…" if isinstance(x, str) and len(x) > limit else x for x in values]


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


#: Stand-ins for a warning's parcel and building while warning_messages words one warning of a kind.
_PARCEL_MARK, _BUILDING_MARK = "\x00parcel\x00", "\x00building\x00"


def _long(value: Any) -> bool:
    return isinstance(value, str) and len(value) > QUOTE_LIMIT


def warning_messages(warnings: Sequence[CheckWarning], lang: str) -> list[str]:
    """warning_message for many warnings at once, byte for byte the same sentences.

    A city's warnings are mostly a few kinds with the same details (a use beside a land-use code, a layer without
    heights) on thousands of parcels and buildings: each (code, details) is worded once with stand-ins for the
    parcel and the building, which are then put in.
    """
    worded: dict[tuple, str] = {}
    out = []
    for w in warnings:
        details = repr(w.details)
        if "\x00" in details or w.code not in WARNING_TEMPLATES or _long(w.parcel) or _long(w.building):
            # a stand-in could clash, or a long id be cut inside a longer quoted value: worded alone
            out.append(warning_message(w, lang))
            continue
        key = (w.code, w.parcel is None, w.building is None, details)
        pattern = worded.get(key)
        if pattern is None:
            marked = CheckWarning(w.code, None if w.parcel is None else _PARCEL_MARK,
                                  None if w.building is None else _BUILDING_MARK, w.details)
            pattern = (warning_message(marked, lang).replace("{", "{{").replace("}", "}}")
                       .replace(_PARCEL_MARK, "{0}").replace(_BUILDING_MARK, "{1}"))
            worded[key] = pattern
        out.append(pattern.format(_quoted("parcel", w.parcel), _quoted("building", w.building)))
    return out


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


# --- the map's tools (planner.gui.map_tools) ----------------------------------------------------------------------

MAP_TOOLBAR = QT_TRANSLATE_NOOP("messages", "Map tools")
#: (name, tooltip) of each tool of the map's toolbar.
MAP_TOOL_TEXTS = {
    "identify": (QT_TRANSLATE_NOOP("messages", "Identify and select"),
                 QT_TRANSLATE_NOOP("messages", "Identify and select: click a parcel or building to select it and "
                                               "see its attributes; drag to move the map.")),
    "pan": (QT_TRANSLATE_NOOP("messages", "Pan"),
            QT_TRANSLATE_NOOP("messages", "Pan: drag to move the map; a click selects nothing.")),
    "zoom_in": (QT_TRANSLATE_NOOP("messages", "Zoom in"),
                QT_TRANSLATE_NOOP("messages", "Zoom in: click where to zoom in, or drag a rectangle to show it "
                                              "whole.")),
    "zoom_out": (QT_TRANSLATE_NOOP("messages", "Zoom out"),
                 QT_TRANSLATE_NOOP("messages", "Zoom out: click where to zoom out.")),
    "zoom_all": (QT_TRANSLATE_NOOP("messages", "Zoom to all"),
                 QT_TRANSLATE_NOOP("messages", "Zoom to all: show every loaded layer whole.")),
    "measure": (QT_TRANSLATE_NOOP("messages", "Measure distance"),
                QT_TRANSLATE_NOOP("messages", "Measure distance: click points along the way; double-click or Esc "
                                              "ends the line, Esc again clears it.")),
    "measure_area": (QT_TRANSLATE_NOOP("messages", "Measure area"),
                     QT_TRANSLATE_NOOP("messages", "Measure area: click the corners; double-click or Esc closes the "
                                                   "polygon, Esc again clears it.")),
    "status_view": (QT_TRANSLATE_NOOP("messages", "Status colours"),
                    QT_TRANSLATE_NOOP("messages", "Colour parcels by the check's verdict (violation, pass, not "
                                                  "assessed).")),
    "land_use_view": (QT_TRANSLATE_NOOP("messages", "Land-use colours"),
                      QT_TRANSLATE_NOOP("messages", "Colour parcels by their land-use class (GB 50137-2011 and the "
                                                    "国土空间 land and sea use classes).")),
}
MEASURE_DISTANCE_TEXT = QT_TRANSLATE_NOOP("messages", "Length {length} (last segment {segment})")
MEASURE_AREA_TEXT = QT_TRANSLATE_NOOP("messages", "Area {area}, perimeter {perimeter}")
IDENTIFY_PARCEL = QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land use {land_use}, area {area}")
IDENTIFY_LIMIT = QT_TRANSLATE_NOOP("messages", "{indicator}: limit {limit}")
IDENTIFY_BUILDING = QT_TRANSLATE_NOOP("messages", "Building {building}: {storeys} storeys, height {height}, "
                                                  "use {use}")
NOT_STATED = QT_TRANSLATE_NOOP("messages", "not stated")


def map_tool_text(tool: str, lang: str) -> tuple[str, str]:
    """(name, tooltip) of a map tool in a language."""
    name, tip = MAP_TOOL_TEXTS[tool]
    return tr(name, lang), tr(tip, lang)


def measure_distance_message(length: float, segment: float, lang: str) -> str:
    """"Length 12.00 m (last segment 5.00 m)"."""
    return _fill(MEASURE_DISTANCE_TEXT, lang, {"length": f"{length:,.2f} m", "segment": f"{segment:,.2f} m"})


def measure_area_message(area: float, perimeter: float, lang: str) -> str:
    """"Area 6.00 m², perimeter 12.00 m"."""
    return _fill(MEASURE_AREA_TEXT, lang, {"area": f"{area:,.2f} m²", "perimeter": f"{perimeter:,.2f} m"})


def identify_parcel_message(parcel: str, land_use: str | None, area: float, limits: dict[str, str],
                            lang: str) -> str:
    """A parcel's attributes, one per line: id, land use with its name, area, then each stated limit."""
    lines = [_fill(IDENTIFY_PARCEL, lang, {"parcel": parcel, "land_use": land_use_text(land_use, lang),
                                           "area": format_area(area)})]
    for indicator, text in limits.items():
        if text:
            lines.append(_fill(IDENTIFY_LIMIT, lang, {"indicator": tr(INDICATOR_NAMES.get(indicator, indicator), lang),
                                                      "limit": text}))
    return "\n".join(lines)


def identify_building_message(building: str, storeys: float | None, height: float | None, use: str | None,
                              lang: str) -> str:
    """A building's attributes: its number (楼号), storeys, height and use; "not stated" where it has none."""
    missing = tr(NOT_STATED, lang)

    def number(value: float | None, unit: str = "") -> str:
        if value is None or value != value:
            return missing
        return f"{value:g}{unit}"

    return _fill(IDENTIFY_BUILDING, lang, {"building": building, "storeys": number(storeys),
                                           "height": number(height, " m"), "use": use or missing})


# --- cases (issue 15): the case register, `planner case`, resubmissions --------------------------------------

ERROR_TEMPLATES.update({
    "case_exists": QT_TRANSLATE_NOOP("messages", "{path}: a case numbered {number} is already registered. See it "
                                                 "with: planner case show {number}; give a new case another number."),
    "case_unknown": QT_TRANSLATE_NOOP("messages", "{path}: no case numbered {number} is registered. The registered "
                                                  "cases are listed by: planner case list."),
    "case_closed": QT_TRANSLATE_NOOP("messages", "{path}: case {number} is closed (办结); it takes no more "
                                                 "submissions."),
    "case_role_missing": QT_TRANSLATE_NOOP("messages", "{path}: case {number} has no {role} file registered; give "
                                                       "it with {option}."),
    "register_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be read as a case register ({error}). "
                                                         "Name another file with --register, or restore this one "
                                                         "from a backup."),
    "register_newer": QT_TRANSLATE_NOOP("messages", "{path}: the case register was written by a later Planner "
                                                    "(register version {version}; this Planner reads up to "
                                                    "{supported}). Update Planner to open it."),
    "register_locked": QT_TRANSLATE_NOOP("messages", "{path}: the case register is busy: another Planner has been "
                                                     "writing to it for more than 10 seconds. Wait for it to finish "
                                                     "or close it, then try again."),
})

#: A case's status (model.CASE_STATUSES): 受理 / 审查中 / 已一次性告知补正 / 已办结.
CASE_STATUS_NAMES = {
    "accepted": QT_TRANSLATE_NOOP("messages", "Case accepted"),
    "reviewing": QT_TRANSLATE_NOOP("messages", "Under review"),
    "notified": QT_TRANSLATE_NOOP("messages", "Told to correct (one notice)"),
    "closed": QT_TRANSLATE_NOOP("messages", "Closed"),
}
#: The columns of the case list (`planner case list`, the window's case list).
CASE_COLUMNS = {
    "number": QT_TRANSLATE_NOOP("messages", "Case number"),
    "project": QT_TRANSLATE_NOOP("messages", "Project"),
    "applicant": QT_TRANSLATE_NOOP("messages", "Applicant"),
    "received": QT_TRANSLATE_NOOP("messages", "Received"),
    "deadline": QT_TRANSLATE_NOOP("messages", "Deadline"),
    "working_days_left": QT_TRANSLATE_NOOP("messages", "Working days left"),
    "status": QT_TRANSLATE_NOOP("messages", "Case status"),
}
#: Labels of a case's other details (`planner case show`, the new-case form).
CASE_LABELS = {
    "site": QT_TRANSLATE_NOOP("messages", "Site"),
    "limit_days": QT_TRANSLATE_NOOP("messages", "Time limit (working days)"),
    "officer": QT_TRANSLATE_NOOP("messages", "Officer (经办人)"),
    "reviewer": QT_TRANSLATE_NOOP("messages", "Reviewer (审核人)"),
    "approver": QT_TRANSLATE_NOOP("messages", "Approver (审定人)"),
}
#: Kinds of document a case records (planner.cases.register.REPORT_KINDS) and the declared-figures file's role.
CASE_REPORT_KINDS = {
    "report": QT_TRANSLATE_NOOP("messages", "Violation report"),
    "notice": QT_TRANSLATE_NOOP("messages", "Notice to the applicant"),
    "opinion": QT_TRANSLATE_NOOP("messages", "Review opinion"),
    "conditions": QT_TRANSLATE_NOOP("messages", "Planning conditions"),
    "spreadsheet": QT_TRANSLATE_NOOP("messages", "Spreadsheet"),
    "geopackage": QT_TRANSLATE_NOOP("messages", "GeoPackage of the findings"),
    "json": QT_TRANSLATE_NOOP("messages", "JSON of the check"),
}
CASE_DECLARED_ROLE = QT_TRANSLATE_NOOP("messages", "Declared indicators")
CASE_OVERDUE = QT_TRANSLATE_NOOP("messages", "overdue")
CASE_DUE_SOON = QT_TRANSLATE_NOOP("messages", "due soon")
CASE_DEADLINE_ESTIMATED = QT_TRANSLATE_NOOP("messages", "{date} (estimated: no official holiday data for that year, "
                                                        "weekends only)")
CASE_NONE = QT_TRANSLATE_NOOP("messages", "No case is registered in {path}.")
CASE_ADDED = QT_TRANSLATE_NOOP("messages", "Case {number} registered in {path}; deadline: {deadline}.")
CASE_CLOSED = QT_TRANSLATE_NOOP("messages", "Case {number} closed.")
CASE_SECTIONS = {
    "files": QT_TRANSLATE_NOOP("messages", "Files"),
    "submissions": QT_TRANSLATE_NOOP("messages", "Submissions"),
    "reports": QT_TRANSLATE_NOOP("messages", "Reports issued"),
    "events": QT_TRANSLATE_NOOP("messages", "Status changes"),
}
CASE_SUBMISSION_LINE = QT_TRANSLATE_NOOP("messages", "Submission {number}, checked {time}: {violations} violations, "
                                                     "{warnings} warnings")
CASE_WITH_APPLICATION = QT_TRANSLATE_NOOP("messages", "with the application")
CASE_SUBMISSION = QT_TRANSLATE_NOOP("messages", "submission {number}")
CASE_RECORDED = QT_TRANSLATE_NOOP("messages", "Case {number}: recorded as submission {submission} in {path}.")
RESUBMISSION_TITLE = QT_TRANSLATE_NOOP("messages", "Against submission {previous}: {fixed} fixed, {still_open} "
                                                   "still open, {new} new.")
RESUBMISSION_ALL_FIXED = QT_TRANSLATE_NOOP("messages", "Every item of submission {previous} is fixed and nothing "
                                                       "new was found.")
RESUBMISSION_FIRST = QT_TRANSLATE_NOOP("messages", "First submission of case {number}: nothing to compare with.")
RESUBMISSION_SECTIONS = {
    "fixed": QT_TRANSLATE_NOOP("messages", "Fixed"),
    "still_open": QT_TRANSLATE_NOOP("messages", "Still open"),
    "new": QT_TRANSLATE_NOOP("messages", "New"),
}


def case_status_name(status: str, lang: str) -> str:
    return tr(CASE_STATUS_NAMES[status], lang) if status in CASE_STATUS_NAMES else status


def case_days_left_text(days: int | None, overdue: bool, due_soon: bool, lang: str) -> str:
    """Working days left as the case list shows them: the number (negative: overdue by that many), marked
    "(overdue)" or "(due soon)" (within planner.cases.register.DUE_SOON_DAYS working days)."""
    if days is None:
        return "-"
    mark = CASE_OVERDUE if overdue else CASE_DUE_SOON if due_soon else None
    if mark is None:
        return str(days)
    word = tr(mark, lang)
    return f"{days}（{word}）" if lang == "zh" else f"{days} ({word})"


def case_deadline_text(deadline, estimated: bool, lang: str) -> str:
    """A deadline (YYYY-MM-DD), marked when it was counted with weekends only (CaseDetails.deadline_estimated)."""
    if deadline is None:
        return "-"
    return _fill(CASE_DEADLINE_ESTIMATED, lang, {"date": deadline.isoformat()}) if estimated else deadline.isoformat()

# === issue 15: declared figures (技术经济指标), notices (一次性告知书), opinions (审查意见书), 规划条件 ========# One delimited block: what the documents of planner.report.notice / opinion / conditions say.

RULE_NAMES.update({
    "declared_site_area": QT_TRANSLATE_NOOP("messages", "Declared site area differs from the drawing"),
    "declared_gfa": QT_TRANSLATE_NOOP("messages", "Declared total floor area differs from the drawing"),
    "declared_counted_gfa": QT_TRANSLATE_NOOP("messages", "Declared counted floor area differs from the drawing"),
    "declared_far": QT_TRANSLATE_NOOP("messages", "Declared FAR differs from the drawing"),
    "declared_density": QT_TRANSLATE_NOOP("messages", "Declared building density differs from the drawing"),
    "declared_green_ratio": QT_TRANSLATE_NOOP("messages", "Declared green ratio differs from the drawing"),
    "declared_height": QT_TRANSLATE_NOOP("messages", "Declared height differs from the drawing"),
})

#: A declared indicator inside a sentence and as a row of the 技术经济指标 table (model.DECLARED_INDICATORS).
DECLARED_NAMES = {
    "site_area": QT_TRANSLATE_NOOP("messages", "site area"),
    "gfa": QT_TRANSLATE_NOOP("messages", "total floor area"),
    "counted_gfa": QT_TRANSLATE_NOOP("messages", "counted floor area"),
    "far": INDICATOR_NAMES["far"],
    "density": INDICATOR_NAMES["density"],
    "green_ratio": INDICATOR_NAMES["green_ratio"],
    "height": INDICATOR_NAMES["height"],
}
DECLARED_TEMPLATES = {
    "parcel": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: declared {indicator} {declared}, measured {measured}, "
                                            "a difference of {difference}, beyond the tolerance of {tolerance}."),
    "scheme": QT_TRANSLATE_NOOP("messages", "Whole scheme: declared {indicator} {declared}, measured {measured}, "
                                            "a difference of {difference}, beyond the tolerance of {tolerance}."),
}
#: Where a declared figure is for the whole scheme (no parcel), in tables.
WHOLE_SCHEME = QT_TRANSLATE_NOOP("messages", "Whole scheme")

ERROR_TEMPLATES.update({
    "declared_unreadable": QT_TRANSLATE_NOOP("messages", "{path}: cannot be read as declared indicators ({error}). "
                                                         "Give a CSV or XLSX table with the columns parcel, "
                                                         "indicator and declared."),
    "declared_column_missing": QT_TRANSLATE_NOOP("messages", "{path}: has no column {column} ({names}); its "
                                                             "columns are: {columns}."),
    "declared_indicator_unknown": QT_TRANSLATE_NOOP("messages", "{path} row {row}, column {column}: \"{value}\" is "
                                                                "not an indicator Planner knows; use one of "
                                                                "{indicators}."),
    "declared_value": QT_TRANSLATE_NOOP("messages", "{path} row {row}, column {column}: \"{value}\" cannot be read "
                                                    "as a number; expected e.g. {expected}."),
    "declared_duplicate": QT_TRANSLATE_NOOP("messages", "{path} row {row}: {value} of parcel {parcel} is declared "
                                                        "again (first in row {first}); keep one."),
    "declared_parcel_unknown": QT_TRANSLATE_NOOP("messages", "{path} row {row}: parcel {parcel} is not one the "
                                                             "scheme stands on ({parcels}); correct the parcel id, "
                                                             "or leave it blank for the whole scheme."),
    "conditions_parcel_unknown": QT_TRANSLATE_NOOP("messages", "{path}: the plan has no parcel {parcel}; parcels "
                                                               "such as {parcels}."),
})


def format_declared(indicator: str, value: float | None) -> str:
    """A declared or measured figure as a 技术经济指标表 shows it: areas in m², the rest as the plan's indicators."""
    if value is None:
        return "-"
    if indicator in ("site_area", "gfa", "counted_gfa"):
        return format_area(value)
    return format_value(indicator, value)


def declared_message(v: Violation, lang: str) -> str:
    """A declared_<indicator> finding: "申报容积率2.48，实测2.78，相差0.30，超出允许误差0.01。" after its parcel."""
    indicator = v.details.get("indicator") or v.rule.removeprefix("declared_")
    values = {"parcel": v.parcel, "indicator": tr(DECLARED_NAMES.get(indicator, indicator), lang),
              "declared": format_declared(indicator, v.limit), "measured": format_declared(indicator, v.actual),
              "difference": format_declared(indicator, abs(v.details.get("difference", 0.0))),
              "tolerance": format_declared(indicator, v.details.get("tolerance"))}
    return _fill(DECLARED_TEMPLATES["parcel" if v.parcel is not None else "scheme"], lang, values)


#: A building named in a document to the applicant: "4#楼" for a numbered building, else "建筑 A-1".
BUILDING_NUMBERED = QT_TRANSLATE_NOOP("messages", "Building no. {building}")
BUILDING_NAMED = QT_TRANSLATE_NOOP("messages", "Building {building}")


def building_label(building: Any, lang: str) -> str:
    text = str(building)
    return _fill(BUILDING_NUMBERED if text.endswith("#") else BUILDING_NAMED, lang, {"building": text})


#: What the applicant must do about each finding, with the plan's basis ({basis}): the items of the 一次性告知书.
ACTION_TEMPLATES = {
    "far_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the FAR is {actual}, above the plan's maximum "
                                             "{bound} (basis: {basis}); reduce the counted floor area so that the "
                                             "FAR is {bound} or less."),
    "far_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the FAR is {actual}, below the plan's minimum "
                                             "{bound} (basis: {basis}); add counted floor area so that the FAR is "
                                             "at least {bound}."),
    "density_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the building density is {actual}, above the "
                                                 "plan's maximum {bound} (basis: {basis}); reduce the footprints so "
                                                 "that the density is {bound} or less."),
    "density_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the building density is {actual}, below the "
                                                 "plan's minimum {bound} (basis: {basis}); enlarge the footprints so "
                                                 "that the density is at least {bound}."),
    "height_max": QT_TRANSLATE_NOOP("messages", "{building} is {actual} high, above the height limit {bound} of "
                                                "parcel {parcel} (basis: {basis}); lower it to {bound} or less."),
    "height_min": QT_TRANSLATE_NOOP("messages", "{building} is {actual} high, below the minimum height {bound} of "
                                                "parcel {parcel} (basis: {basis}); raise it to {bound} or more."),
    "green_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the green ratio is {actual}, below the plan's "
                                               "minimum {bound} (basis: {basis}); add green area so that the green "
                                               "ratio is at least {bound}."),
    "green_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the green ratio is {actual}, above the plan's "
                                               "maximum {bound} (basis: {basis}); rearrange the green areas so that "
                                               "the green ratio is {bound} or less."),
    "land_use": QT_TRANSLATE_NOOP("messages", "{building} ({use}) stands on parcel {parcel}, whose land use {code} "
                                              "does not allow it (basis: {basis}); change the building's use or "
                                              "remove it from the parcel."),
    "crosses_parcel": QT_TRANSLATE_NOOP("messages", "{building} stands across the parcels {parcels} (basis: "
                                                    "{basis}); rearrange it so that it stands on one parcel."),
    "outside_plan": QT_TRANSLATE_NOOP("messages", "{building}: {area} of its footprint lies outside the plan's "
                                                  "parcels (basis: {basis}); move it onto the site."),
    "crosses_red_line": QT_TRANSLATE_NOOP("messages", "{building} crosses the road red line {lines} (basis: "
                                                      "{basis}); move it back behind the red line and keep the "
                                                      "required setback."),
    "beyond_red_line": QT_TRANSLATE_NOOP("messages", "{building} stands beyond the road red line {lines}, on the "
                                                     "road (basis: {basis}); move it behind the red line and keep "
                                                     "the required setback."),
    "setback": QT_TRANSLATE_NOOP("messages", "{building} stands {distance} from the road red line {line}, less than "
                                             "the required {required} ({source}; basis: {basis}); move it back so "
                                             "that it stands at least {required} from the line."),
    **{rule: QT_TRANSLATE_NOOP("messages", "{building} takes up land within the {kind} {lines} (basis: {basis}); "
                                           "rearrange it so that it stays out of the {kind}.")
       for rule in ("green_line", "blue_line", "purple_line", "yellow_line", "ecological_red_line",
                    "basic_farmland")},
    "building_line": QT_TRANSLATE_NOOP("messages", "{building} extends beyond the building control line {lines} "
                                                   "(basis: {basis}); keep it within the building control line."),
}
#: A height finding about several buildings, and one naming none (the tallest of the parcel).
ACTION_HEIGHT_SEVERAL = QT_TRANSLATE_NOOP("messages", "On parcel {parcel}, {buildings} are above the height limit "
                                                      "{bound} (basis: {basis}); lower each to {bound} or less.")
ACTION_HEIGHT_PARCEL = {
    "height_max": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the tallest building is {actual} high, above the "
                                                "height limit {bound} (basis: {basis}); lower it to {bound} or less."),
    "height_min": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the tallest building is {actual} high, below the "
                                                "minimum height {bound} (basis: {basis}); raise it to {bound} or "
                                                "more."),
}
ACTION_DECLARED = {
    "parcel": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: the declared {indicator} {declared} does not match "
                                            "the {measured} measured on the drawing (a difference of {difference}); "
                                            "correct the table of technical and economic indicators and declare it "
                                            "again."),
    "scheme": QT_TRANSLATE_NOOP("messages", "Whole scheme: the declared {indicator} {declared} does not match the "
                                            "{measured} measured on the drawing (a difference of {difference}); "
                                            "correct the table of technical and economic indicators and declare it "
                                            "again."),
}
#: After an item the official wrote a note on.
ACTION_SUNLIGHT = QT_TRANSLATE_NOOP("messages", "{finding} (Basis: GB 50180-2018 clause 4.0.9 and the city's "
                                                "sunlight rules.)")
ACTION_NOTE = QT_TRANSLATE_NOOP("messages", "(Note: {note})")
#: The plan a requirement comes from: its name and approval number.
BASIS_WITH_APPROVAL = QT_TRANSLATE_NOOP("messages", "{plan}, approved by {approval}")


def plan_basis(plan: str, approval: str, lang: str) -> str:
    """The basis named in an item: "《西关单元控制性详细规划》，酒政函〔2024〕58号"."""
    name = f"《{plan}》" if lang == "zh" and plan and not plan.startswith("《") else plan
    if not approval:
        return name or "-"
    return _fill(BASIS_WITH_APPROVAL, lang, {"plan": name, "approval": approval})


def action_message(v: Violation, lang: str, basis: str) -> str:
    """What the applicant must do about a finding, in one sentence with the plan's basis (the 一次性告知书's item)."""
    if v.rule in DECLARED_RULES:
        indicator = v.details.get("indicator") or v.rule.removeprefix("declared_")
        values = {"parcel": v.parcel, "indicator": tr(DECLARED_NAMES.get(indicator, indicator), lang),
                  "declared": format_declared(indicator, v.limit), "measured": format_declared(indicator, v.actual),
                  "difference": format_declared(indicator, abs(v.details.get("difference", 0.0)))}
        return _fill(ACTION_DECLARED["parcel" if v.parcel is not None else "scheme"], lang, values)
    if v.rule in SUNLIGHT_RULES:  # the finding says what to change; its basis is the sunlight standard, not the plan
        return _fill(ACTION_SUNLIGHT, lang, {"finding": violation_message(v, lang)})
    template = ACTION_TEMPLATES.get(v.rule)
    if template is None:  # a rule without its own words: the finding, then the basis
        return violation_message(v, lang) + (f"（{basis}）" if lang == "zh" else f" ({basis})")
    values: dict[str, Any] = {"parcel": v.parcel, "basis": basis,
                              "building": building_label(v.building, lang) if v.building is not None else None}
    if v.rule in INDICATOR_RULES:
        indicator, side = INDICATOR_RULES[v.rule]
        bound = v.limit[1] if side == "hi" else v.limit[0]
        values.update(actual=format_value(indicator, v.actual, exact=v.marginal), bound=format_value(indicator, bound))
        if indicator == "height":
            named = list(v.details.get("buildings") or ())
            heights = list(v.details.get("heights") or ()) + [None] * len(named)
            if not named:
                template = ACTION_HEIGHT_PARCEL[v.rule]
            elif v.rule == "height_max" and len(named) > 1:
                template = ACTION_HEIGHT_SEVERAL
                values["buildings"] = _listed([f"{building_label(b, lang)} ({format_value('height', h)})"
                                               if h is not None else building_label(b, lang)
                                               for b, h in zip(named, heights)], lang)
            else:
                values["building"] = building_label(named[0], lang)
        return _fill(template, lang, values)
    d = v.details
    if v.rule == "land_use":
        values.update(use=v.actual, code=v.limit)
    elif v.rule == "crosses_parcel":
        values["parcels"] = _listed([str(p) for p in d.get("parcels", [])], lang)
    elif v.rule == "outside_plan":
        values["area"] = format_area(v.actual or 0.0)
    elif v.rule in CONTROL_RULES:
        values.update(lines=_listed([str(x) for x in d.get("lines", ())], lang),
                      kind=tr(KIND_NAMES.get(d.get("line_kind", ""), d.get("line_kind", "")), lang))
        if v.rule == "setback":
            values.update(distance=format_distance(v.actual, exact=v.marginal), required=format_distance(v.limit),
                          line=d.get("line"), source=setback_source(v, lang))
    return _fill(template, lang, values)


def with_note(sentence: str, note: str, lang: str) -> str:
    """An item followed by the official's note on it."""
    if not note:
        return sentence
    return f"{sentence}{_fill(ACTION_NOTE, lang, {'note': note})}" if lang == "zh" else \
        f"{sentence} {_fill(ACTION_NOTE, lang, {'note': note})}"


def chinese_date(day: Any, lang: str) -> str:
    """A date as documents write it: 2025年3月5日; in English 5 March 2025."""
    if day is None:
        return "-"
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


# === end of issue 15 block ==========================================================================================


# --- sunlight (planner/checking/sunlight.py) ---------------------------------------------------------------

RULE_NAMES.update({
    "sunlight": QT_TRANSLATE_NOOP("messages", "Sunlight below the standard"),
    "sunlight_impact": QT_TRANSLATE_NOOP("messages", "Scheme cuts an existing home's sunlight"),
})
VIOLATION_TEMPLATES.update({
    "sunlight": QT_TRANSLATE_NOOP("messages", "Building {building} ({type}): {length} of its main facades get less "
                                              "than {hours} of sun on {day} ({band}); the least is {actual}, on the "
                                              "facade facing {facing}. Move or lower the buildings that shade it."),
    "sunlight_impact": QT_TRANSLATE_NOOP("messages", "Existing building {building} ({type}): the scheme cuts its sun "
                                                     "on {day} from {before} to {actual}, below the standard of "
                                                     "{hours} ({band}), along {length} of its main facades (facing "
                                                     "{facing}). Change the scheme buildings that shade it."),
})
WARNING_NAMES.update({
    "sunlight_no_location": QT_TRANSLATE_NOOP("messages", "Sunlight not checked"),
    "sunlight_no_height": QT_TRANSLATE_NOOP("messages", "No height for sunlight"),
    "sunlight_height_estimated": QT_TRANSLATE_NOOP("messages", "Height estimated for sunlight"),
})
WARNING_TEMPLATES.update({
    "sunlight_no_location": QT_TRANSLATE_NOOP("messages", "Sunlight was not checked: no layer has a coordinate "
                                                          "system, so the site's latitude is not known. Give the "
                                                          "files their coordinate system."),
    "sunlight_no_height": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: building {building} has no height, so "
                                                        "it casts no shadow in the sunlight analysis and the hours "
                                                        "around it may be too high. Add its height or storeys."),
    "sunlight_height_estimated": QT_TRANSLATE_NOOP("messages", "{path} layer {layer}: existing building {building} "
                                                               "has storeys but no height; {height} m ({storeys} "
                                                               "storeys of {storey_height} m) is used in the "
                                                               "sunlight analysis. Add its height if it is known."),
})
ERROR_TEMPLATES.update({
    "sunlight_choice": QT_TRANSLATE_NOOP("messages", "Sunlight standard: climate zone {zone} with city size {size} "
                                                     "is not a row of GB 50180-2018 table 4.0.9. Give "
                                                     "--sunlight-zone I-VII and, except in zones V and VI, "
                                                     "--city-size large or small."),
    "sunlight_city_unknown": QT_TRANSLATE_NOOP("messages", "Sunlight standard: resources/sunlight.toml has no city "
                                                           "named {city}. Its cities: {cities}."),
})
STAGE_NAMES["sunlight"] = QT_TRANSLATE_NOOP("messages", "analysing sunlight")
HOURS_TEXT = QT_TRANSLATE_NOOP("messages", "{hours} h {minutes} min")
FACING_TEXT = QT_TRANSLATE_NOOP("messages", "{degrees}° from north")
SUNLIGHT_CHOICE = QT_TRANSLATE_NOOP("messages", "Sunlight: climate zone {zone}, {size} city{city}; homes {day} "
                                                "≥ {hours} ({band}, true solar time); sweep angle {sweep}°, step "
                                                "{step} min, sampling {spacing} m, {height} m above the ground "
                                                "floor; latitude {latitude}°.")
SUNLIGHT_NOT_CHOSEN = QT_TRANSLATE_NOOP("messages", "Sunlight: not checked (choose --sunlight-zone and --city-size, "
                                                    "or --sunlight-city).")
CITY_SIZE_NAMES = {"large": QT_TRANSLATE_NOOP("messages", "large (城区常住人口 ≥ 50万)"),
                   "small": QT_TRANSLATE_NOOP("messages", "small (城区常住人口 < 50万)")}


def hours_text(hours: float | None, lang: str) -> str:
    """Hours of sun to the minute: "1 h 50 min" (zh "1小时50分")."""
    if hours is None or hours != hours:
        return "-"
    total = int(round(hours * 60))
    return tr(HOURS_TEXT, lang).format(hours=total // 60, minutes=total % 60)


def _sun_names(kind: str, key: str, lang: str) -> str:
    from planner.checking.sunlight import table

    section = table()["days"] if key == "days" else table()["types"]
    entry = section.get(kind) or (table()["old_district"] if kind == "old_district" else {})
    if kind == "old_district":
        return "旧区改建住宅" if lang == "zh" else "housing in old-district redevelopment"
    return str(entry.get("zh" if lang == "zh" else "en", kind))


def band_text(band) -> str:
    def clock(h: float) -> str:
        return f"{int(h)}:{int(round((h - int(h)) * 60)):02d}"
    return f"{clock(band[0])}-{clock(band[1])}"


def sunlight_message(v: Violation, template: str, lang: str) -> str:
    d = v.details
    from planner.checking.sunlight import table

    band = d.get("band")
    if band is None:
        day_row = next((r for r in table()["national"] if r["day"] == d.get("day")), None)
        band = day_row["band"] if day_row else (0, 0)
    values = {"building": v.building, "type": _sun_names(d.get("type", ""), "types", lang),
              "day": _sun_names(d.get("day", ""), "days", lang), "hours": hours_text(v.limit, lang),
              "actual": hours_text(v.actual, lang), "before": hours_text(d.get("before"), lang),
              "length": f"{d.get('length', 0.0):,.1f} m", "band": band_text(band),
              "facing": tr(FACING_TEXT, lang).format(degrees=f"{d.get('facing', 0.0):.0f}")}
    return _fill(template, lang, values)


def sunlight_choice_text(sun: Any, lang: str) -> str:
    """The line naming the sunlight standard and parameters a check used (or that it was not checked)."""
    if sun is None:
        return tr(SUNLIGHT_NOT_CHOSEN, lang)
    config = sun.settings
    home = config.standard("home")
    city = (f"，{config.city}" if lang == "zh" else f", {config.city}") if config.city else ""
    return _fill(SUNLIGHT_CHOICE, lang, {
        "zone": config.zone, "size": tr(CITY_SIZE_NAMES.get(config.size, config.size), lang), "city": city,
        "day": _sun_names(home.day, "days", lang), "hours": hours_text(home.hours, lang),
        "band": band_text(home.band), "sweep": f"{config.sweep_angle:g}", "step": f"{config.step_minutes:g}",
        "spacing": f"{config.spacing:g}", "height": f"{config.height:g}", "latitude": f"{sun.latitude:.2f}"})


# --- sunlight in the report and the XLSX (planner/report/document.py _sunlight_section, exports.py) -------------

SECTION_SUNLIGHT = QT_TRANSLATE_NOOP("messages", "Sunlight")
SUNLIGHT_NOT_ANALYSED = QT_TRANSLATE_NOOP("messages", "Sunlight was not analysed: no sunlight standard was chosen "
                                                      "for this check. To have it analysed, choose the climate zone "
                                                      "and city size, or the city (planner check: --sunlight-zone "
                                                      "and --city-size, or --sunlight-city; in the window: View > "
                                                      "Sunlight standard).")
SUNLIGHT_INTRO = QT_TRANSLATE_NOOP("messages", "Hours of sun on the standard day along every facade of every "
                                               "building that needs sun (homes, dormitories, homes for the elderly, "
                                               "kindergartens, schools), in the scheme and around it, at points every "
                                               "{spacing} m along the facades, {height} m above the ground floor, on "
                                               "a flat site. A facade facing between {low}° and {high}° from north "
                                               "that would get the standard with nothing around it is held to it.")
SUNLIGHT_PARAMETERS_HEADING = QT_TRANSLATE_NOOP("messages", "Parameters used")
SUNLIGHT_BUILDINGS_HEADING = QT_TRANSLATE_NOOP("messages", "Buildings that need sun")
SUNLIGHT_NO_BUILDINGS = QT_TRANSLATE_NOOP("messages", "No building that needs sun is in the scheme or within reach "
                                                      "of its shadows.")
HEADER_PARAMETER = QT_TRANSLATE_NOOP("messages", "Parameter")
HEADER_VALUE = QT_TRANSLATE_NOOP("messages", "Value")
PARAM_ZONE = QT_TRANSLATE_NOOP("messages", "Climate zone and city size")
PARAM_CITY = QT_TRANSLATE_NOOP("messages", "City entry")
PARAM_STANDARD = QT_TRANSLATE_NOOP("messages", "Standard day, hours and time band")
PARAM_SWEEP = QT_TRANSLATE_NOOP("messages", "Minimum sweep angle")
PARAM_SPACING = QT_TRANSLATE_NOOP("messages", "Sampling spacing")
PARAM_STEP = QT_TRANSLATE_NOOP("messages", "Time step")
PARAM_HEIGHT = QT_TRANSLATE_NOOP("messages", "Calculation height")
PARAM_CONTINUOUS = QT_TRANSLATE_NOOP("messages", "Minimum continuous sunshine counted")
PARAM_COUNTING = QT_TRANSLATE_NOOP("messages", "Counting")
PARAM_EXISTING = QT_TRANSLATE_NOOP("messages", "Existing homes")
PARAM_SITE = QT_TRANSLATE_NOOP("messages", "Site")
STANDARD_TEXT = QT_TRANSLATE_NOOP("messages", "{type}: {day} ≥ {hours}, {band} (true solar time)")
HEIGHT_TEXT = QT_TRANSLATE_NOOP("messages", "{height} m above the floor of the lowest storey")
COUNTING_ALL = QT_TRANSLATE_NOOP("messages", "every sunlit period added up")
COUNTING_PERIODS = QT_TRANSLATE_NOOP("messages", "the longest {periods} sunlit periods added up")
COUNTING_LONGEST = QT_TRANSLATE_NOOP("messages", "the longest sunlit period only")
EXISTING_RULE_TEXT = {
    "no_worse": QT_TRANSLATE_NOOP("messages", "may not be pushed below the standard by the scheme, nor lose sun "
                                              "where already below it"),
    "below_only": QT_TRANSLATE_NOOP("messages", "may not be pushed below the standard by the scheme"),
    "none": QT_TRANSLATE_NOOP("messages", "not checked"),
}
SITE_TEXT = QT_TRANSLATE_NOOP("messages", "latitude {latitude}°, longitude {longitude}°; grid north {north}° from "
                                          "true north")
HEADER_SUN_ROLE = QT_TRANSLATE_NOOP("messages", "Scheme or existing")
HEADER_SUN_STANDARD = QT_TRANSLATE_NOOP("messages", "Standard")
HEADER_FACADE = QT_TRANSLATE_NOOP("messages", "Facade")
HEADER_LEAST_SUN = QT_TRANSLATE_NOOP("messages", "Least sun")
HEADER_LENGTH_BELOW = QT_TRANSLATE_NOOP("messages", "Length below the standard")
HEADER_BEFORE = QT_TRANSLATE_NOOP("messages", "Without the scheme")
SUN_ROLE_SCHEME = QT_TRANSLATE_NOOP("messages", "scheme")
SUN_ROLE_EXISTING = QT_TRANSLATE_NOOP("messages", "existing")
BEFORE_TEXT = QT_TRANSLATE_NOOP("messages", "least {hours}; {length} below")
NO_HELD_FACADE = QT_TRANSLATE_NOOP("messages", "no facade held to the standard")
MINUTES_TEXT = QT_TRANSLATE_NOOP("messages", "{minutes} min")
ZONE_SIZE_TEXT = QT_TRANSLATE_NOOP("messages", "zone {zone}, {size} city")
PARAM_EXISTING_FILE = QT_TRANSLATE_NOOP("messages", "Existing buildings file")
EXISTING_FILE_TEXT = QT_TRANSLATE_NOOP("messages", "{file}, layer {layer}, {features} buildings")
NO_EXISTING_FILE = QT_TRANSLATE_NOOP("messages", "none given: only the scheme's buildings cast shadows, and no "
                                                 "existing home is checked")


def sunlight_parameter_rows(sun: Any, lang: str, existing: Any = None) -> list[tuple[str, str]]:
    """(parameter, value) rows of the sunlight settings a check used (sun: a SunlightResult; existing: the
    InputInfo of the existing buildings, None when none were given)."""
    config = sun.settings
    home = config.standard("home")
    continuous = config.min_continuous.get(home.day, 0.0)
    if config.counting == "longest":
        counting = tr(COUNTING_LONGEST, lang)
    elif config.periods > 0:
        counting = tr(COUNTING_PERIODS, lang).format(periods=config.periods)
    else:
        counting = tr(COUNTING_ALL, lang)
    return [
        (tr(PARAM_ZONE, lang), tr(ZONE_SIZE_TEXT, lang).format(
            zone=config.zone, size=tr(CITY_SIZE_NAMES.get(config.size, config.size), lang))),
        (tr(PARAM_CITY, lang), config.city or "-"),
        (tr(PARAM_STANDARD, lang), sunlight_standard_text(home, lang)),
        (tr(PARAM_SWEEP, lang), f"{config.sweep_angle:g}°"),
        (tr(PARAM_SPACING, lang), f"{config.spacing:g} m"),
        (tr(PARAM_STEP, lang), tr(MINUTES_TEXT, lang).format(minutes=f"{config.step_minutes:g}")),
        (tr(PARAM_HEIGHT, lang), tr(HEIGHT_TEXT, lang).format(height=f"{config.height:g}")),
        (tr(PARAM_CONTINUOUS, lang), tr(MINUTES_TEXT, lang).format(minutes=f"{continuous:g}")),
        (tr(PARAM_COUNTING, lang), counting),
        (tr(PARAM_EXISTING, lang), tr(EXISTING_RULE_TEXT.get(config.existing_rule, config.existing_rule), lang)),
        (tr(PARAM_EXISTING_FILE, lang), tr(NO_EXISTING_FILE, lang) if existing is None else
         tr(EXISTING_FILE_TEXT, lang).format(file=os.path.basename(str(existing.path)), layer=existing.layer,
                                             features=existing.features)),
        (tr(PARAM_SITE, lang), tr(SITE_TEXT, lang).format(latitude=f"{sun.latitude:.4f}",
                                                          longitude=f"{sun.longitude:.4f}", north=f"{sun.north:.2f}")),
    ]


def sunlight_standard_text(standard: Any, lang: str) -> str:
    """"住宅: 大寒日 ≥ 3小时0分, 8:00-16:00 (真太阳时)"."""
    return _fill(STANDARD_TEXT, lang, {"type": _sun_names(standard.type, "types", lang),
                                       "day": _sun_names(standard.day, "days", lang),
                                       "hours": hours_text(standard.hours, lang), "band": band_text(standard.band)})


def sunlight_facade_rows(sun: Any, lang: str) -> list[tuple[list[str], bool]]:
    """Per building that needs sun, one row per facade held to the standard (or one row saying none is): cells
    [building, scheme or existing, standard, facade facing, least sun, length below, without the scheme], and
    whether the facade is below the standard. Scheme buildings first, then the existing ones."""
    rows: list[tuple[list[str], bool]] = []
    for entry in sorted(sun.buildings, key=lambda b: b.existing):
        role = tr(SUN_ROLE_EXISTING if entry.existing else SUN_ROLE_SCHEME, lang)
        standard = sunlight_standard_text(entry.standard, lang)
        held = [f for f in entry.facades if f.held]
        if not held:
            rows.append(([entry.building, role, standard, tr(NO_HELD_FACADE, lang), "-", "-", "-"], False))
            continue
        for f in held:
            before = "-"
            if f.min_hours_before is not None:
                before = tr(BEFORE_TEXT, lang).format(hours=hours_text(f.min_hours_before, lang),
                                                      length=f"{f.length_below_before or 0.0:,.1f} m")
            rows.append(([entry.building, role, standard, tr(FACING_TEXT, lang).format(degrees=f"{f.facing:.0f}"),
                          hours_text(f.min_hours, lang), f"{f.length_below:,.1f} m", before], f.length_below > 0))
    return rows


# --- the report's detail pages, bounded (planner check --max-detail-maps) ---------------------------------------

DETAIL_MAPS_LEFT_OUT = QT_TRANSLATE_NOOP(
    "messages", "Detail pages with maps are given for the first {shown} of the {total} violating parcels, in the "
                "order of the parcels table; the findings on the other {left} are listed in one table after them. "
                "To have a detail page and map for every violating parcel, make the report again with a higher "
                "limit on detail maps (planner check: --max-detail-maps {total}).")


# === issue 15 in the window: the open case, its resubmission, declared figures and documents ===================
CASE_WINDOW_TITLE = QT_TRANSLATE_NOOP("messages", "Case {number} · {project} · deadline {deadline}")
CASE_WINDOW_STATUS = QT_TRANSLATE_NOOP("messages", "Case {number}: deadline {deadline}; working days left: {days}")
CASE_REVIEW_RESTORED = QT_TRANSLATE_NOOP("messages", "The review notes of case {number} were restored from the "
                                                     "case register ({path}).")
CASE_REVIEW_CARRIED = QT_TRANSLATE_NOOP("messages", "The review notes of case {number} were written for an earlier "
                                                    "submission: they were carried over to be reviewed again, and no "
                                                    "finding stays accepted as an exception.")
DECLARED_APPLIED = QT_TRANSLATE_NOOP("messages", "Declared indicators from {path}: {count} figures, {differs} differ "
                                                 "from the drawing beyond tolerance.")
DECLARED_TYPED_SAVED = QT_TRANSLATE_NOOP("messages", "The figures typed in were saved to {path}.")
DECLARED_NEEDS_CHECK = QT_TRANSLATE_NOOP("messages", "Open a plan and a scheme and let them be checked first: "
                                                     "declared figures are compared with what the scheme measures.")
DOCUMENT_NEEDS_CHECK = QT_TRANSLATE_NOOP("messages", "Open a plan and a scheme and let them be checked first: the "
                                                     "{document} is written from the check.")
DOCUMENT_NEEDS_PARCEL = QT_TRANSLATE_NOOP("messages", "Select a parcel on the map first: the planning conditions "
                                                      "are written for one parcel.")
DOCUMENT_NEEDS_PLAN = QT_TRANSLATE_NOOP("messages", "Open a plan layer first: the planning conditions are read "
                                                    "from the plan.")
DOCUMENT_WRITING = QT_TRANSLATE_NOOP("messages", "Writing {path}…")
DOCUMENT_WRITTEN = QT_TRANSLATE_NOOP("messages", "Written: {path}")
DOCUMENT_RECORDED = QT_TRANSLATE_NOOP("messages", "Written: {path}; recorded with case {number}.")
CASE_CLOSE_CONFIRM = QT_TRANSLATE_NOOP("messages", "Close case {number} ({project})? Its status becomes “Closed” "
                                                   "and it takes no further submissions; the files stay open in the "
                                                   "window.")
CASE_CLOSE_NONE = QT_TRANSLATE_NOOP("messages", "No case is open in the window: open one from File > Cases…, or "
                                                "close it in the case list.")
CASE_REGISTER_SHOWN = QT_TRANSLATE_NOOP("messages", "Case register: {path}")
# === end of issue 15 in the window =============================================================================
