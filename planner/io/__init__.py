"""Files to input layers, headless: everything that reads what an official loads.

Owns: GDAL layer reading (`gdal.read_layer`, giving a `raw.RawLayer`), GeoDataFrames taken as layers (`frames`;
`gdal.read_layer` tells a frame from a path for every loader), CAD drawings (`dxf`), field recognition and
mappings (`fields`), CRSs (`crs`), the plan version a layer states (`plan_version`), what a path holds before
GDAL opens it and what GDAL's failures mean (`files`), the one geometry cleaner (`clean`), the reference tables a layer is read against (indicator syntax `indicators`, land-use codes
`landuse`, control-line kinds and setbacks `controls`) and the loaders
`layers.load_plan/load_buildings/load_green`, `controls.load_controls`.

May import: planner.model, planner.resources, planner.parallel. Never Qt, never the layers above
(check, versions, messages, report, cli, gui). See docs/architecture.md.
"""
