"""Qt's GUI application and the report's fonts: QtGui only, so reports are made without a display."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
)

_APP: QGuiApplication | None = None


#: CJK families in order of preference; any other family that writes Simplified Chinese comes next.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
                "SimSun")


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (fonts and painting need one), created offscreen when there is no display."""
    global _APP
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(sys.argv[:1] or ["planner"])
    return _APP


def cjk_family() -> str | None:
    """A font family that has Chinese glyphs, preferring the common sans families."""
    families = QFontDatabase.families()
    for name in CJK_FAMILIES:
        if name in families:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def report_font(point_size: float = 9.5) -> QFont:
    font = QFont()
    family = cjk_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    return font
