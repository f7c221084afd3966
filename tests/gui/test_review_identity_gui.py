"""The window never applies a review written for another scheme: it asks whether to import the notes to review
them again (no approved exception carried over) or to start a fresh review, and keeps the other review aside."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.resources import sample_path
from planner.review import (
    FindingNote,
    Review,
    SchemeFile,
    archive_path,
    backup_path,
    load_review,
    review_path,
    save_review,
)

PLAN = str(sample_path("xiguan_plan.gpkg"))
FAR = "v|far_max|XG-06-04|"
OTHER = {"buildings": SchemeFile("/elsewhere/other.gpkg", "建筑", "1" * 64)}
REVIEW = Review(opinion="同意。", reviewer="李明", notes={FAR: FindingNote("以竣工测量为准", True, "测量误差")})


@pytest.fixture
def scheme(tmp_path):
    path = tmp_path / "scheme.gpkg"
    shutil.copy(sample_path("scheme_violating.gpkg"), path)
    return path


@pytest.fixture
def questions(monkeypatch):
    """Answers the window's question with the button named in `questions.answer`; records what was asked."""

    class Questions(list):
        answer = "Import the notes to review again"

    asked = Questions()

    def exec_(box):
        asked.append((box.windowTitle(), box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text() == asked.answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def open_scheme(qtbot, window, scheme, green=True, plan=True):
    files = [("plan", PLAN, "控规地块")] if plan else []
    files.append(("buildings", str(scheme), "建筑"))
    if green:
        files.append(("green", str(scheme), "绿地"))
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files(files)


def identity(window):
    return {role: SchemeFile(str(window.session.layers[role].info.path), window.session.layers[role].info.layer,
                             window.session.layers[role].info.sha256) for role in ("buildings", "green")}


def test_importing_the_notes_of_another_schemes_review(qtbot, window, scheme, questions):
    save_review(REVIEW.for_scheme(OTHER), review_path(scheme))
    before = review_path(scheme).read_bytes()
    open_scheme(qtbot, window, scheme)
    assert len(questions) == 1
    title, text, informative = questions[0]
    assert title == "Review notes of another scheme"
    assert text.startswith(f"{review_path(scheme)} holds the review of another scheme (buildings file "
                           "/elsewhere/other.gpkg, layer 建筑, SHA-256 111111111111…); the scheme open is "
                           f"{scheme}, layer 建筑")
    kept = archive_path(review_path(scheme), OTHER)
    assert "Import its 1 notes" in informative and "(1 were)" in informative and str(kept) in informative
    review = window.review_panel.review()
    assert review.note_for(FAR) == FindingNote("以竣工测量为准", False, "测量误差"), "never accepted silently"
    assert review.opinion == ""
    assert kept.read_bytes() == before, "the other review is kept as it was"
    saved = load_review(review_path(scheme))
    assert saved.scheme == identity(window) and not saved.note_for(FAR).accepted
    assert window.review_panel.notice().startswith("Notes imported from the review of another scheme")
    assert not window.review_panel.notice_label.isHidden()


def test_starting_a_fresh_review_instead(qtbot, window, scheme, questions):
    save_review(REVIEW.for_scheme(OTHER), review_path(scheme))
    questions.answer = "Start a fresh review"
    open_scheme(qtbot, window, scheme)
    assert len(questions) == 1
    assert window.review_panel.review().notes == {} and window.review_panel.review().opinion == ""
    assert load_review(archive_path(review_path(scheme), OTHER)) == REVIEW.for_scheme(OTHER)
    saved = load_review(review_path(scheme))
    assert saved.notes == {} and saved.scheme == identity(window)
    assert window.review_panel.notice().startswith("A fresh review was begun")


def test_the_review_of_the_same_scheme_opens_without_a_question(qtbot, window, scheme, questions):
    open_scheme(qtbot, window, scheme)
    save_review(REVIEW.for_scheme(identity(window)), review_path(scheme))
    window.close()  # what a restart does; the review is re-read for the scheme opened next
    window.review_store.close()
    window.session = type(window.session)()
    open_scheme(qtbot, window, scheme)
    assert questions == []
    assert window.review_panel.review().note_for(FAR).accepted is True
    assert window.review_panel.notice_label.isHidden()


def test_reopening_the_same_files_keeps_the_review(qtbot, window, scheme, questions):
    open_scheme(qtbot, window, scheme)
    window.review_panel.set_review(window.review_panel.review().with_note(FAR, REVIEW.notes[FAR]))
    open_scheme(qtbot, window, scheme)  # the same plan and scheme files again
    assert questions == []
    assert window.review_panel.review().note_for(FAR).accepted is True
    window._save_review()
    saved = load_review(review_path(scheme))
    assert saved.note_for(FAR).accepted is True and saved.scheme == identity(window)


def test_the_scheme_changed_on_disk_while_open_is_asked_about(qtbot, window, scheme, questions):
    open_scheme(qtbot, window, scheme)
    window.review_panel.set_review(window.review_panel.review().with_note(FAR, REVIEW.notes[FAR]))
    window._save_review()
    written_for = identity(window)
    shutil.copy(sample_path("scheme_compliant.gpkg"), scheme)  # the scheme amended in the same file
    questions.answer = "Import the notes to review again"
    open_scheme(qtbot, window, scheme, plan=False)  # the scheme reloaded
    assert len(questions) == 1
    assert questions[0][1].startswith(f"{review_path(scheme)} holds the review of an earlier content of the "
                                      f"buildings file {scheme}, layer 建筑 (SHA-256 "
                                      f"{written_for['buildings'].sha256[:12]}…, now ")
    assert window.review_panel.review().note_for(FAR) == FindingNote("以竣工测量为准", False, "测量误差")
    assert load_review(archive_path(review_path(scheme), written_for)).note_for(FAR).accepted is True


def test_green_loaded_later_joins_the_review_without_a_question(qtbot, window, scheme, questions):
    open_scheme(qtbot, window, scheme, green=False)
    window.review_panel.set_review(window.review_panel.review().with_opinion("意见"))
    window._save_review()
    with qtbot.waitSignal(window.checkFinished, timeout=20000):
        window.open_files([("green", str(scheme), "绿地")])
    window._save_review()
    assert questions == []
    assert load_review(review_path(scheme)).scheme == identity(window)


def test_a_review_naming_no_scheme_opens_with_a_notice(qtbot, window, scheme, questions):
    review_path(scheme).write_text(json.dumps({"schema": "planner.review/1", "opinion": "旧意见", "notes": {
        FAR: {"note": "", "accepted": True, "reason": "纪要"}}}, ensure_ascii=False), encoding="utf-8")
    open_scheme(qtbot, window, scheme)
    assert questions == []
    assert window.review_panel.review().note_for(FAR).accepted is True
    assert window.review_panel.notice().startswith(f"{review_path(scheme)}: the review file names no scheme")
    window.close()
    assert load_review(review_path(scheme)).scheme == identity(window), "recorded at the next save"


def test_a_cut_off_review_opens_its_whole_backup_with_a_notice(qtbot, window, scheme, questions):
    open_scheme(qtbot, window, scheme)
    me = identity(window)
    window.review_store.close()
    window.session = type(window.session)()
    save_review(REVIEW.for_scheme(me), review_path(scheme))
    save_review(REVIEW.for_scheme(me).with_opinion("第二版"), review_path(scheme))
    review_path(scheme).write_bytes(review_path(scheme).read_bytes()[:60])
    open_scheme(qtbot, window, scheme)
    assert questions == []
    assert window.review_panel.review().opinion == "同意。"
    assert window.review_panel.notice().startswith(f"{review_path(scheme)} is cut off (a save was interrupted); "
                                                   f"the notes are taken from its backup copy "
                                                   f"{backup_path(review_path(scheme))}")
