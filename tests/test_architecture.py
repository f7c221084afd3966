"""The core never imports Qt: it must run in batch jobs and servers without a display."""

import subprocess
import sys

CORE = ["planner.model", "planner.io.indicators", "planner.io.landuse", "planner.io.fields", "planner.io.crs", "planner.io.gdal", "planner.io.frames",
        "planner.io.layers", "planner.checking.rules", "planner.io.controls", "planner.checking.engine", "planner.io.plan_version", "planner.versions.compare",
        "planner.versions.diff", "planner.report.serialise", "planner.report.frames", "planner.review"]


def test_core_imports_no_qt():
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + \
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'planner.gui')))\n" \
        "print(','.join(bad))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
