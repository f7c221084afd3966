"""The Chinese translation is complete, keeps every placeholder, and the committed .qm matches the .ts.

To fix a failure here, run resources/translations/update.sh, translate what it marks unfinished in
planner_zh_CN.ts, and run it again.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from planner.messages import CONTEXT
from planner.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "planner_zh_CN.ts")
QM = resource_path("translations", "planner_zh_CN.qm")
PLACEHOLDER = re.compile(r"{(\w+)}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name"), message) for context in root.iter("context")
            for message in context.iter("message")]


def _translations() -> dict[tuple[str, str], str]:
    """(context, source) -> translation. The core's sentences use the "messages" context; widgets use
    self.tr(), whose context is their class name."""
    return {(context, message.findtext("source")): message.findtext("translation")
            for context, message in _messages()}


def _marked_sources() -> set[str]:
    """Every QT_TRANSLATE_NOOP("messages", "...") under planner/, read the way lupdate reads it."""
    found = set()
    for path in (ROOT / "planner").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
                    and ast.literal_eval(node.args[0]) == CONTEXT):
                found.add(ast.literal_eval(node.args[1]))
    return found


def test_ts_is_chinese_and_holds_the_messages_context():
    root = ET.parse(TS).getroot()
    assert root.get("language") == "zh_CN"
    assert CONTEXT in {context for context, _ in _messages()}


def test_every_marked_string_is_in_the_ts():
    missing = _marked_sources() - {source for context, source in _translations() if context == CONTEXT}
    assert not missing, f"run resources/translations/update.sh and translate: {sorted(missing)}"


def test_no_unfinished_or_obsolete_entries():
    bad = [message.findtext("source") for _, message in _messages()
           if message.find("translation").get("type") or not message.findtext("translation")]
    assert not bad, f"unfinished, obsolete or empty translations: {bad}"


@pytest.mark.parametrize(("context", "source"), sorted(_translations()))
def test_placeholders_are_kept(context, source):
    translation = _translations()[(context, source)]
    assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translation))
    # Same count of each too: a sentence that names {indicator} twice still does.
    assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))
    assert HAN.search(translation), "the translation has no Chinese in it"


def test_qm_translates_every_source():
    translator = QTranslator()
    assert translator.load(str(QM))
    wrong = {(context, source): translator.translate(context, source)
             for (context, source), translation in _translations().items()
             if translator.translate(context, source) != translation}
    assert not wrong, "planner_zh_CN.qm is stale: run resources/translations/update.sh"


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease is not on PATH")
def test_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(["pyside6-lrelease", "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), "planner_zh_CN.qm is stale: run resources/translations/update.sh"
