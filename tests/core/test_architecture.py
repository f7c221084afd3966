"""The layers hold at run time too: import-linter (pyproject.toml, run in CI) reads the imports; these run them.

A check, its JSON, spreadsheet and PDF report must work in a batch job or on a server without a display: the
core loads no Qt at all, and a Chinese check with a PDF report (Qt's translator, QtGui for the pages) never
loads QtWidgets.
"""

import subprocess
import sys

from tests.helpers import SAMPLES

ARGS = ["check", "--plan", str(SAMPLES / "xiguan_plan.gpkg"), "--buildings", str(SAMPLES / "scheme_violating.gpkg"),
        "--green", str(SAMPLES / "scheme_violating.gpkg"), "--lines", str(SAMPLES / "xiguan_lines.gpkg")]


def _modules_after(code: str) -> list[str]:
    """The PySide6/shiboken6/planner.gui modules loaded after running `code` in a fresh interpreter."""
    probe = code + "\nimport sys\nprint(','.join(sorted(m for m in sys.modules " \
                   "if m.startswith(('PySide6', 'shiboken6', 'planner.gui')))))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1:] or [""]
    return [m for m in last[0].split(",") if m]


def test_a_check_through_the_python_api_loads_no_qt():
    code = ("import planner\n"
            f"plan = planner.load_plan({str(SAMPLES / 'xiguan_plan.gpkg')!r})\n"
            f"scheme = {str(SAMPLES / 'scheme_violating.gpkg')!r}\n"
            "result = planner.check(plan, planner.load_buildings(scheme), planner.load_green(scheme),\n"
            f"                       controls=[planner.load_controls({str(SAMPLES / 'xiguan_lines.gpkg')!r})])\n"
            "assert result.violations\n"
            "from planner.review import load_review\n"
            "from planner.versions.diff import diff_plans\n")
    assert _modules_after(code) == []


def test_a_chinese_check_with_every_output_never_loads_widgets(tmp_path):
    outputs = ["--lang", "zh", "--json", str(tmp_path / "r.json"), "--pdf", str(tmp_path / "r.pdf"),
               "--xlsx", str(tmp_path / "r.xlsx"), "--gpkg", str(tmp_path / "r.gpkg")]
    code = ("import contextlib, io\nfrom planner.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main({ARGS + outputs!r}) == 1\n")
    loaded = _modules_after(code)
    assert "PySide6.QtCore" in loaded and "PySide6.QtGui" in loaded  # the translator and the PDF's pages ran
    assert [m for m in loaded if m.startswith(("PySide6.QtWidgets", "PySide6.QtPrintSupport", "planner.gui"))] == []
    assert (tmp_path / "r.pdf").stat().st_size > 10_000
