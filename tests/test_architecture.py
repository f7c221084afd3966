"""The core never imports Qt: it must run in batch jobs and servers without a display."""

import subprocess
import sys

CORE = ["planner.model", "planner.indicators", "planner.landuse", "planner.fields", "planner.crs", "planner.io",
        "planner.layers", "planner.rules", "planner.controls", "planner.engine", "planner.versions", "planner.compare",
        "planner.diff", "planner.serialise", "planner.review"]


def test_core_imports_no_qt():
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + \
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'planner.gui')))\n" \
        "print(','.join(bad))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
