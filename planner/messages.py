"""The one place rule ids, warning codes and error codes become sentences, in Chinese or English.

Templates are English source strings marked for Qt's lupdate; Chinese comes from
resources/translations/planner_zh_CN.qm through a QTranslator (QtCore only, no application needed), so the
CLI, the GUI table and the report all use the same words.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.checking.rules import PLACES, round_half_up, round_half_up_array
from planner.model import CONTROL_RULES, INDICATOR_RULES, CheckWarning, Violation
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
    "crs_assumed": QT_TRANSLATE_NOOP("messages", "Coordinate system assumed"),
    "reprojected": QT_TRANSLATE_NOOP("messages", "Reprojected"),
    "scheme_outside_plan": QT_TRANSLATE_NOOP("messages", "Scheme outside the plan"),
    "unknown_use": QT_TRANSLATE_NOOP("messages", "Unknown building use"),
    "unknown_land_use": QT_TRANSLATE_NOOP("messages", "Unknown land-use code"),
    "land_use_missing": QT_TRANSLATE_NOOP("messages", "No land-use code"),
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
MARGINAL_NOTE = QT_TRANSLATE_NOOP("messages", "Marginal: {shown} when rounded, but the exact value {exact} breaches.")

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
    "crs_assumed": QT_TRANSLATE_NOOP("messages", "{path} has no coordinate system; its coordinates look metric "
                                                 "and are taken to be in {crs}."),
    "reprojected": QT_TRANSLATE_NOOP("messages", "{path} was reprojected from {from} to {to} for measuring."),
    "scheme_outside_plan": QT_TRANSLATE_NOOP("messages", "No building of {path} touches any parcel: is the "
                                                         "coordinate system right?"),
    "unknown_use": QT_TRANSLATE_NOOP("messages", "Building {building}: use \"{text}\" is not in the land-use "
                                                 "table; its land use is not checked."),
    "unknown_land_use": QT_TRANSLATE_NOOP("messages", "Parcel {parcel}: land-use code \"{text}\" is not in the "
                                                      "land-use table; land use is not checked there."),
    "land_use_missing": QT_TRANSLATE_NOOP("messages", "Parcel {parcel} has no land-use code; land use is not "
                                                      "checked there."),
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
}

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

ROLE_NAMES = {"lines": QT_TRANSLATE_NOOP("messages", "control line"),
              "plan": QT_TRANSLATE_NOOP("messages", "plan parcel"),
              "buildings": QT_TRANSLATE_NOOP("messages", "building"),
              "green": QT_TRANSLATE_NOOP("messages", "green area")}

#: What a layer lacked when its fields could not be recognised.
NEEDED_NAMES = {"id": QT_TRANSLATE_NOOP("messages", "parcel-id"),
                "indicators": QT_TRANSLATE_NOOP("messages", "land-use or indicator"),
                "floors": QT_TRANSLATE_NOOP("messages", "storeys or counted-area")}

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
        text = _fill(template, lang, {"parcel": v.parcel, "actual": format_value(indicator, v.actual),
                                      "bound": format_value(indicator, bound)})
        if v.marginal:
            text += " " + _fill(MARGINAL_NOTE, lang, {"shown": format_value(indicator, v.actual),
                                                      "exact": format_value(indicator, v.actual, exact=True)})
        return text
    values = {"parcel": v.parcel, "building": v.building, "use": v.actual, "code": v.limit}
    if v.rule == "crosses_parcel":
        parcels = v.details.get("parcels", [])
        areas = v.details.get("areas", [])
        values["count"] = len(parcels)
        values["parcels"] = ", ".join(f"{p} ({format_area(a)})" for p, a in zip(parcels, areas))
    elif v.rule == "outside_plan":
        values["area"] = format_area(v.actual)
        values["footprint"] = format_area(v.details.get("footprint_area", 0.0))
    elif v.rule in CONTROL_RULES:
        return _control_message(v, template, lang)
    return _fill(template, lang, values)


def _control_message(v: Violation, template: str, lang: str) -> str:
    d = v.details
    values: dict[str, Any] = {"building": v.building, "parcel": v.parcel, "lines": ", ".join(d.get("lines", ())),
                              "kind": tr(KIND_NAMES.get(d.get("line_kind", ""), d.get("line_kind", "")), lang)}
    if v.rule == "setback":
        values.update(distance=format_distance(v.actual), required=format_distance(v.limit), line=d.get("line"),
                      source=setback_source(v, lang))
        text = _fill(template, lang, values)
        if v.marginal:
            text += " " + _fill(MARGINAL_NOTE, lang, {"shown": format_distance(v.actual),
                                                      "exact": format_distance(v.actual, exact=True)})
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
    if "indicator" in values:
        values["indicator"] = tr(INDICATOR_NAMES.get(values["indicator"], values["indicator"]), lang)
    if "line_kind" in values:
        values["kind"] = tr(KIND_NAMES.get(values["line_kind"], values["line_kind"]), lang)
    if isinstance(values.get("lines"), list):
        values["lines"] = ", ".join(map(str, values["lines"]))
    if isinstance(values.get("area"), float) and w.code == "plan_conflict":
        values["area"] = format_area(values["area"])
    for key in ("distance", "low", "high"):
        if w.code == "setback_uncertain" and isinstance(values.get(key), float):
            values[key] = format_distance(values[key])
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
    return details


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
        old, new = (code or "-" for code in change.land_use)
        parts.append(f"{tr(DIFF_LAND_USE, lang)} {old} → {new}")
    for indicator, (old, new) in change.indicators.items():
        parts.append(f"{tr(INDICATOR_NAMES[indicator], lang)} {old or not_controlled} → {new or not_controlled}")
    if change.geometry:
        parts.append(_fill(DIFF_REDRAWN, lang, {"old": format_area(change.area_old),
                                                "new": format_area(change.area_new)}))
    return "; ".join(parts)


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
