"""What Planner hands out: JSON documents (`serialise`), XLSX and GeoPackage (`exports`), the symbology shared
with the window's map (`symbology`), maps (`maps`), the report document one section per function
(`document`) and its pages on PDF or a printer (`pages`), and GeoDataFrames of a result for scripts (`frames`:
CheckResult.to_geodataframes, provided to model by the package `planner` when imported).

May import: the core (model, io, check, versions), planner.messages, planner.review, and Qt's QtCore/QtGui
(QtPrintSupport for printing); never QtWidgets, never planner.gui or planner.cli. See docs/architecture.md.
"""
