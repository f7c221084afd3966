"""Review files record the scheme they were written for; a review of another scheme is never applied; a cut-off
review file is called cut off; interrupted saves leave no temporary files behind for long."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.cli import main
from planner.messages import error_message, notice_message
from planner.model import InputError
from planner.resources import sample_path
from planner.review import (
    STALE_AFTER_SECONDS,
    FindingNote,
    Review,
    ReviewForAnotherScheme,
    ReviewStore,
    SchemeFile,
    archive_path,
    backup_path,
    load_review,
    read_review,
    remove_stale_temporaries,
    review_path,
    save_review,
    scheme_mismatch,
    scheme_of,
)

ROOT = Path(__file__).resolve().parents[2]
PLAN = str(sample_path("xiguan_plan.gpkg"))
VIOLATING = sample_path("scheme_violating.gpkg")
COMPLIANT = sample_path("scheme_compliant.gpkg")
FAR = "v|far_max|XG-06-04|"

REVIEW = Review(opinion="同意按临界情况处理。", reviewer="李明",
                notes={FAR: FindingNote("计容面积以竣工测量为准", True, "测量误差"),
                       "v|land_use|XG-07-01|11#": FindingNote("住宅不符合用地性质，需调整。")})


@pytest.fixture(scope="module")
def schemes(tmp_path_factory):
    """Copies of the two sample schemes (so review files can sit beside them) and their checks' identities."""
    folder = tmp_path_factory.mktemp("schemes")
    out = {}
    for name, source in (("violating", VIOLATING), ("compliant", COMPLIANT)):
        path = folder / f"{name}.gpkg"
        shutil.copy(source, path)
        result = check(load_plan(PLAN), load_buildings(path, "建筑"), load_green(path, "绿地"))
        out[name] = (path, result)
    return out


def identity(schemes, name):
    return scheme_of(schemes[name][1].inputs)


# -- the scheme's identity ----------------------------------------------------------------------------------

def test_identity_is_each_scheme_file_with_its_sha256(schemes):
    path, result = schemes["violating"]
    scheme = scheme_of(result.inputs)
    assert set(scheme) == {"buildings", "green"}, "the plan is not part of the scheme"
    assert scheme["buildings"] == SchemeFile(str(path), "建筑", result.inputs["buildings"].sha256)
    assert scheme["green"] == SchemeFile(str(path), "绿地", result.inputs["green"].sha256)
    assert len(scheme["buildings"].sha256) == 64


def test_saved_review_records_the_scheme(tmp_path, schemes):
    file = tmp_path / "r.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["schema"] == "planner.review/1"
    path, result = schemes["violating"]
    assert data["scheme"]["buildings"] == {"path": str(path), "layer": "建筑",
                                           "sha256": result.inputs["buildings"].sha256}
    assert data["scheme"]["green"]["layer"] == "绿地"
    assert load_review(file) == REVIEW.for_scheme(identity(schemes, "violating"))


def test_mismatch_is_another_sha256_or_layer_and_a_role_on_one_side_only_is_none():
    old = {"buildings": SchemeFile("/a/s.gpkg", "建筑", "a" * 64)}
    assert scheme_mismatch(old, {"buildings": SchemeFile("/b/copy.gpkg", "建筑", "a" * 64)}) is None, \
        "a moved copy is the same scheme"
    assert scheme_mismatch(old, {**old, "green": SchemeFile("/a/s.gpkg", "绿地", "b" * 64)}) is None
    changed = {"buildings": SchemeFile("/a/s.gpkg", "建筑", "c" * 64)}
    assert scheme_mismatch(old, changed) == ("buildings", old["buildings"], changed["buildings"])
    other_layer = {"buildings": SchemeFile("/a/s.gpkg", "方案二建筑", "a" * 64)}
    assert scheme_mismatch(old, other_layer)[0] == "buildings"
    green = {"green": SchemeFile("/a/g.gpkg", "绿地", "d" * 64)}
    assert scheme_mismatch({**old, **green}, {**old, "green": SchemeFile("/a/g.gpkg", "绿地", "e" * 64)})[0] == "green"


def test_a_review_of_the_same_scheme_is_applied_without_notices(tmp_path, schemes):
    file = tmp_path / "r.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    review, notices = read_review(file, identity(schemes, "violating"))
    assert notices == ()
    assert review.note_for(FAR).accepted is True


def test_a_review_of_another_scheme_is_refused(tmp_path, schemes):
    file = tmp_path / "r.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    with pytest.raises(ReviewForAnotherScheme) as caught:
        read_review(file, identity(schemes, "compliant"))
    error = caught.value
    assert isinstance(error, InputError) and error.code == "review_other_scheme"
    assert error.role == "buildings" and error.review.note_for(FAR).accepted is True
    violating, compliant = schemes["violating"][0], schemes["compliant"][0]
    assert error.details["written_path"] == str(violating) and error.details["given_path"] == str(compliant)
    message = error_message(error.code, error.details, "en")
    sha = schemes["violating"][1].inputs["buildings"].sha256
    assert message.startswith(f"{file}: the review file was written for another scheme (buildings file "
                              f"{violating}, layer 建筑, SHA-256 {sha[:12]}…), not for the one given ({compliant}")
    assert "not applied" in message
    zh = error_message(error.code, error.details, "zh")
    assert "另一方案" in zh and str(violating) in zh and str(compliant) in zh


def test_a_review_of_an_earlier_content_of_the_same_file_is_refused(tmp_path, schemes):
    path, result = schemes["violating"]
    earlier = {"buildings": SchemeFile(str(path), "建筑", "0" * 64)}
    file = tmp_path / "r.review.json"
    save_review(REVIEW.for_scheme(earlier), file)
    with pytest.raises(ReviewForAnotherScheme) as caught:
        read_review(file, scheme_of(result.inputs))
    assert caught.value.code == "review_scheme_changed"
    message = error_message(caught.value.code, caught.value.details, "en")
    assert f"an earlier content of the buildings file {path}, layer 建筑 (SHA-256 000000000000…, now " \
           f"{result.inputs['buildings'].sha256[:12]}…)" in message


def test_a_review_naming_no_scheme_is_read_with_a_notice_and_records_the_scheme_on_save(tmp_path, schemes):
    path, _result = schemes["violating"]
    scheme_dir = tmp_path / "s"
    scheme_dir.mkdir()
    scheme_file = scheme_dir / "violating.gpkg"
    old_format = {"schema": "planner.review/1", "opinion": "旧意见", "reviewer": "", "notes": {
        FAR: {"note": "", "accepted": True, "reason": "纪要"}}}
    review_path(scheme_file).write_text(json.dumps(old_format, ensure_ascii=False), encoding="utf-8")
    scheme = identity(schemes, "violating")
    review, notices = read_review(review_path(scheme_file), scheme)
    assert review.note_for(FAR).accepted is True and review.scheme == scheme
    assert [n.code for n in notices] == ["review_names_no_scheme"]
    text = notice_message(notices[0].code, notices[0].details, "en")
    assert text.startswith(f"{review_path(scheme_file)}: the review file names no scheme")
    assert f"belongs to {path}, layer 建筑" in text

    store = ReviewStore()
    store.open_for(scheme_file, scheme)
    assert [n.code for n in store.notices] == ["review_names_no_scheme"]
    assert store.save(), "the identity is written at the next save, though nothing else changed"
    data = json.loads(review_path(scheme_file).read_text(encoding="utf-8"))
    assert data["scheme"]["buildings"]["sha256"] == scheme["buildings"].sha256
    assert data["notes"][FAR]["accepted"] is True


def test_store_binds_green_loaded_later_and_refuses_another_scheme(tmp_path, schemes):
    scheme_file = tmp_path / "violating.gpkg"
    full = identity(schemes, "violating")
    store = ReviewStore()
    store.open_for(scheme_file, {"buildings": full["buildings"]})
    assert store.accepts(full)
    store.bind(full)
    assert store.save(REVIEW) and load_review(review_path(scheme_file)).scheme == full
    assert not store.accepts(identity(schemes, "compliant"))
    with pytest.raises(ReviewForAnotherScheme):
        store.open_for(scheme_file, identity(schemes, "compliant"))
    assert store.path is None, "a refused review leaves the store unbound: no edit is saved over it"


def test_to_review_again_keeps_notes_but_no_accepted_exception_nor_opinion():
    again = REVIEW.for_scheme({"buildings": SchemeFile("/a", "b", "a" * 64)}).to_review_again()
    assert again.note_for(FAR) == FindingNote("计容面积以竣工测量为准", False, "测量误差")
    assert again.notes["v|land_use|XG-07-01|11#"] == REVIEW.notes["v|land_use|XG-07-01|11#"]
    assert not any(n.accepted for n in again.notes.values())
    assert again.opinion == "" and again.reviewer == "李明" and again.scheme == {}


def test_take_over_keeps_the_other_review_aside_and_saves_the_new_one(tmp_path, schemes):
    scheme_file = tmp_path / "violating.gpkg"
    other_scheme = identity(schemes, "compliant")
    save_review(REVIEW.for_scheme(other_scheme), review_path(scheme_file))
    before = review_path(scheme_file).read_bytes()
    store = ReviewStore()
    with pytest.raises(ReviewForAnotherScheme) as caught:
        store.open_for(scheme_file, identity(schemes, "violating"))
    kept = store.take_over(caught.value, identity(schemes, "violating"), caught.value.review.to_review_again())
    sha = other_scheme["buildings"].sha256
    assert kept == archive_path(review_path(scheme_file), other_scheme) == \
        tmp_path / f"violating.gpkg.review.{sha[:12]}.json"
    assert kept.read_bytes() == before
    saved = load_review(review_path(scheme_file))
    assert saved.scheme == identity(schemes, "violating") and saved.notes and not saved.note_for(FAR).accepted
    assert read_review(review_path(scheme_file), identity(schemes, "violating"))[1] == ()


@pytest.mark.parametrize("scheme", [
    "[]",
    '{"buildings": "x.gpkg"}',
    '{"buildings": {"path": "x.gpkg", "layer": "建筑", "sha256": "not a hash"}}',
    '{"buildings": {"path": 5, "layer": "建筑", "sha256": "' + "a" * 64 + '"}}',
    '{"buildings": {"path": "x.gpkg", "layer": "建筑"}}',
])
def test_a_garbled_scheme_field_is_review_unreadable(tmp_path, scheme):
    file = tmp_path / "r.review.json"
    file.write_text('{"schema": "planner.review/1", "notes": {}, "scheme": ' + scheme + "}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_review(file)
    assert caught.value.code == "review_unreadable" and "scheme" in caught.value.details["error"]


def test_an_unknown_scheme_role_is_ignored(tmp_path):
    file = tmp_path / "r.review.json"
    entry = {"path": "x.gpkg", "layer": "L", "sha256": "A" * 64}
    file.write_text(json.dumps({"schema": "planner.review/1", "scheme": {"buildings": entry, "later": entry}}),
                    encoding="utf-8")
    assert load_review(file).scheme == {"buildings": SchemeFile("x.gpkg", "L", "a" * 64)}


# -- cut-off files -----------------------------------------------------------------------------------------

def test_every_cut_of_a_review_file_is_called_cut_off(tmp_path, schemes):
    """Whatever the point an interrupted save or copy stops at (inside a Chinese character, a string, a
    literal, between keys), the file is reported as cut off, never as an encoding or syntax problem."""
    file = tmp_path / "r.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    whole = file.read_bytes()
    end = whole.rindex(b"}")  # cut anywhere before the closing brace
    codes = set()
    for size in range(end):
        file.write_bytes(whole[:size])
        with pytest.raises(InputError) as caught:
            load_review(file)
        codes.add(caught.value.code)
        assert caught.value.details["size"] == size
    assert codes == {"review_truncated_no_backup"}
    file.write_bytes(whole[:end - 1] + b"\x00" * 4096)  # zeros where a crash left the end unwritten
    with pytest.raises(InputError, match="review_truncated_no_backup"):
        load_review(file)


def test_a_cut_off_file_names_its_whole_backup(tmp_path):
    file = tmp_path / "scheme.gpkg.review.json"
    save_review(Review(opinion="第一版"), file)
    save_review(REVIEW, file)
    file.write_bytes(file.read_bytes()[:100])
    with pytest.raises(InputError) as caught:
        load_review(file)
    assert caught.value.code == "review_truncated"
    message = error_message(caught.value.code, caught.value.details, "en")
    assert message == (f"{file}: the review file is incomplete: it is cut off after 100 bytes (a save was "
                       f"interrupted, or the file was copied in part). Its backup copy {backup_path(file)} is "
                       "whole: use it instead (name it with --review, or copy it over the cut-off file).")
    assert "截断" in error_message(caught.value.code, caught.value.details, "zh")
    backup_path(file).write_bytes(b'{"schema": "planner.review/1", "opi')
    with pytest.raises(InputError, match="review_truncated_no_backup"):
        load_review(file)


def test_the_store_opens_the_backup_of_a_cut_off_file_and_keeps_it_whole(tmp_path):
    scheme_file = tmp_path / "scheme.gpkg"
    file = review_path(scheme_file)
    save_review(Review(opinion="第一版"), file)
    save_review(Review(opinion="第二版"), file)
    file.write_bytes(file.read_bytes()[:40])
    store = ReviewStore()
    review = store.open_for(scheme_file)
    assert review.opinion == "第一版"
    assert [n.code for n in store.notices] == ["review_backup_used", "review_names_no_scheme"]
    assert "backup copy" in notice_message(store.notices[0].code, store.notices[0].details, "en")
    assert store.save(), "the cut-off file is replaced at the next save"
    assert load_review(file).opinion == "第一版"
    assert load_review(backup_path(file)).opinion == "第一版", "the cut-off file never replaces a whole backup"


# -- temporary files of interrupted saves --------------------------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_removed_on_the_next_save(tmp_path):
    file = tmp_path / "scheme.gpkg.review.json"
    old = time.time() - STALE_AFTER_SECONDS - 5
    dead, alive = _dead_pid(), os.getpid()
    names = {
        f".scheme.gpkg.review.json.{dead}.abcd1234.tmp": (old, False),  # killed save, its process gone
        ".scheme.gpkg.review.json.k2j4_x9q.tmp": (old, False),  # an older Planner's name, without a pid
        f".scheme.gpkg.review.json.bak.{dead}.zz11yy22.tmp": (old, False),  # the backup's
        f".other.gpkg.review.3f2a9c1b0d4e.json.{dead}.qwertyui.tmp": (old, False),  # another scheme's archive's
        f".scheme.gpkg.review.json.{dead}.fresh123.tmp": (time.time(), True),  # may be in use: too young
        f".scheme.gpkg.review.json.{alive}.running1.tmp": (old, True),  # its process still runs
        ".scheme.gpkg.abcd1234.tmp": (old, True),  # not a review file's
        "scheme.gpkg.review.json.abcd1234.tmp": (old, True),  # not hidden: not our name
        "notes.tmp": (old, True),
    }
    for name, (mtime, _kept) in names.items():
        (tmp_path / name).write_bytes(b"x" * 1000)
        os.utime(tmp_path / name, (mtime, mtime))
    save_review(REVIEW, file)
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {file.name} | {name for name, (_m, kept) in names.items() if kept}
    assert load_review(file) == REVIEW


def test_stale_temporaries_of_a_killed_save_are_removed(tmp_path):
    """A save killed between writing its temporary file and renaming it (as `kill -9` leaves it)."""
    file = tmp_path / "scheme.gpkg.review.json"
    script = ("import os, sys\n"
              "from planner.review import Review, save_review\n"
              "os.replace = lambda *a: os._exit(9)  # killed before the rename\n"
              f"save_review(Review(opinion='x' * 100000), {str(file)!r})\n")
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 9
    stale = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(stale) == 2 and not file.exists()
    assert remove_stale_temporaries(tmp_path) == [], "a minute has not passed: they might be in use"
    removed = remove_stale_temporaries(tmp_path, now=time.time() + STALE_AFTER_SECONDS + 1)
    assert sorted(removed) == sorted(stale) and not any(tmp_path.iterdir())


# -- the CLI -------------------------------------------------------------------------------------------------

def _planner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", "check", "--plan", PLAN, *args, "--lang", "en"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)


def test_cli_refuses_a_review_of_another_scheme(tmp_path, schemes):
    file = tmp_path / "violating.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    compliant = schemes["compliant"][0]
    run = _planner("--buildings", str(compliant), "--buildings-layer", "建筑", "--green", str(compliant),
                   "--green-layer", "绿地", "--review", str(file))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    violating = schemes["violating"][0]
    assert lines[0].startswith(f"planner: {file}: the review file was written for another scheme (buildings file "
                               f"{violating}, layer 建筑, SHA-256 ")
    assert f"not for the one given ({compliant}, layer 建筑" in lines[0]


def test_cli_uses_a_review_of_the_same_scheme(tmp_path, schemes):
    file = tmp_path / "violating.review.json"
    save_review(REVIEW.for_scheme(identity(schemes, "violating")), file)
    violating = schemes["violating"][0]
    xlsx = tmp_path / "r.xlsx"
    code = main(["check", "--plan", PLAN, "--buildings", str(violating), "--buildings-layer", "建筑", "--green",
                 str(violating), "--green-layer", "绿地", "--review", str(file), "--lang", "en", "--xlsx", str(xlsx)])
    assert code == 1
    import openpyxl
    cells = [str(c.value) for sheet in openpyxl.load_workbook(xlsx).worksheets for row in sheet.iter_rows()
             for c in row]
    assert "测量误差" in cells


def test_cli_leaves_out_a_review_beside_a_changed_scheme(tmp_path, schemes, capsys):
    scheme = tmp_path / "scheme.gpkg"
    shutil.copy(VIOLATING, scheme)
    earlier = {"buildings": SchemeFile(str(scheme), "建筑", "0" * 64)}
    save_review(REVIEW.for_scheme(earlier), review_path(scheme))
    xlsx = tmp_path / "r.xlsx"
    code = main(["check", "--plan", PLAN, "--buildings", str(scheme), "--buildings-layer", "建筑", "--lang", "en",
                 "--xlsx", str(xlsx)])
    assert code == 1, "the check goes on without the review"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"planner: {review_path(scheme)}: the review file was written for "
                                               f"an earlier content of the buildings file {scheme}")
    import openpyxl
    cells = [str(c.value) for sheet in openpyxl.load_workbook(xlsx).worksheets for row in sheet.iter_rows()
             for c in row]
    assert "测量误差" not in cells and "同意按临界情况处理。" not in cells


def test_cli_reads_a_review_naming_no_scheme_with_a_notice(tmp_path, capsys):
    file = tmp_path / "old.review.json"
    file.write_text(json.dumps({"schema": "planner.review/1", "opinion": "旧", "notes": {}}), encoding="utf-8")
    code = main(["check", "--plan", PLAN, "--buildings", str(VIOLATING), "--buildings-layer", "建筑",
                 "--review", str(file), "--lang", "en"])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"planner: {file}: the review file names no scheme")


def test_cli_calls_a_cut_off_review_cut_off(tmp_path):
    file = tmp_path / "scheme.review.json"
    save_review(Review(opinion="第一版"), file)
    save_review(REVIEW, file)
    whole = file.read_bytes()
    cut = whole.index("计容".encode()) + 1  # inside a Chinese character
    file.write_bytes(whole[:cut])
    run = _planner("--buildings", str(VIOLATING), "--buildings-layer", "建筑", "--review", str(file))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert lines == [f"planner: {file}: the review file is incomplete: it is cut off after {cut} bytes (a save was "
                     f"interrupted, or the file was copied in part). Its backup copy {backup_path(file)} is whole: "
                     "use it instead (name it with --review, or copy it over the cut-off file)."]
