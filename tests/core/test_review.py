"""Reviewer notes: finding keys, the review file (atomic, with a backup), orphaned notes, and the review panel."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest

from planner import check, load_buildings, load_green, load_plan
from planner.model import CheckWarning, InputError, Violation, finding_key, key_parts
from planner.resources import sample_path
from planner.review import (
    SCHEMA,
    FindingNote,
    Review,
    ReviewStore,
    annotated,
    backup_path,
    load_review,
    orphaned_notes,
    review_path,
    save_review,
)


def _check_violating():
    scheme = sample_path("scheme_violating.gpkg")
    return check(load_plan(sample_path("xiguan_plan.gpkg")), load_buildings(scheme, "建筑"), load_green(scheme, "绿地"))


@pytest.fixture(scope="module")
def result():
    return _check_violating()


@pytest.fixture(scope="module")
def result_again():
    """A second, separate check of the same files: new objects, same findings."""
    return _check_violating()


def findings(result):
    return [*result.violations, *result.warnings]


def violation(result, rule, parcel=None):
    return next(v for v in result.violations if v.rule == rule and (parcel is None or v.parcel == parcel))


CHINESE = Review(
    opinion="方案总体符合控规要求。XG-06-01 地块容积率超标，请修改后重新报审。",
    reviewer="张伟（规划科）",
    notes={"v|far_max|XG-06-01|": FindingNote("经规委会第12次会议研究，同意按“2.78”执行。", True, "规委会〔2024〕12号纪要"),
           "v|land_use|XG-07-01|11#": FindingNote("住宅不符合用地性质 1401，需调整。")},
)


# -- finding keys ----------------------------------------------------------------------------------------

def test_keys_are_the_same_in_two_checks_of_the_same_data(result, result_again):
    assert findings(result) and len(findings(result)) == len(findings(result_again))
    assert [finding_key(f) for f in findings(result)] == [finding_key(f) for f in findings(result_again)]


def test_keys_of_the_violating_sample_are_unique(result):
    keys = [finding_key(f) for f in findings(result)]
    assert len(set(keys)) == len(keys)
    assert "v|far_max|XG-06-01|" in keys
    assert all(key.startswith("v|") for key in keys[:len(result.violations)])
    assert all(key.startswith("w|") for key in keys[len(result.violations):])


def test_keys_do_not_depend_on_measured_values(result):
    far = violation(result, "far_max", "XG-06-01")
    assert finding_key(dataclasses.replace(far, actual=far.actual + 0.0004, marginal=True)) == finding_key(far)
    crossing = violation(result, "crosses_parcel")
    # Which parcel holds the largest share is a measurement too.
    moved = dataclasses.replace(crossing, parcel="XG-06-02", details={"parcels": ["XG-06-02", "XG-06-01"]})
    assert finding_key(moved) == finding_key(crossing)
    overlap = CheckWarning("parcels_overlap", None, "3#", {"parcels": "A, B", "area": 12.5})
    assert finding_key(dataclasses.replace(overlap, details={"parcels": "A, B", "area": 12.50001})) == \
        finding_key(overlap)


def test_warning_keys_tell_apart_what_identifies_a_warning():
    source = {"path": "/data/scheme.gpkg", "layer": "建筑"}
    a = CheckWarning("unreadable_value", None, "1#", {**source, "field": "层数", "text": "十"})
    assert finding_key(a) != finding_key(dataclasses.replace(a, details={**source, "field": "高度", "text": "十"}))
    assert finding_key(a) != finding_key(dataclasses.replace(a, details={**source, "field": "层数", "text": "x"}))
    assert finding_key(a) != finding_key(dataclasses.replace(a, building="2#"))
    assert finding_key(a) != finding_key(dataclasses.replace(a, code="no_height"))
    # A warning on a feature does not depend on where the file lies; one about a whole file names the file.
    assert finding_key(a) == finding_key(dataclasses.replace(a, details={**a.details, "path": "/elsewhere/x.gpkg"}))
    plan = CheckWarning("reprojected", None, None, {"path": "/data/plan.gpkg", "from": "EPSG:4490", "to": "EPSG:4542"})
    scheme = CheckWarning("reprojected", None, None, {"path": "/data/scheme.gpkg", "from": "EPSG:4490",
                                                      "to": "EPSG:4542"})
    assert finding_key(plan) != finding_key(scheme)
    assert finding_key(plan) == finding_key(dataclasses.replace(plan, details={**plan.details,
                                                                               "path": "D:/审查/plan.gpkg"}))


def test_key_parts_read_back_what_a_key_names():
    v = Violation("land_use", "XG|01", "1#", "住宅", "M1")
    key = finding_key(v)
    assert key_parts(key) == {"kind": "violation", "code": "land_use", "parcel": "XG|01", "building": "1#"}
    assert key != finding_key(Violation("land_use", "XG", "01|1#"))
    parts = key_parts(finding_key(CheckWarning("no_height", None, "G-4", {"path": "s.gpkg", "layer": "建筑"})))
    assert parts == {"kind": "warning", "code": "no_height", "parcel": None, "building": "G-4"}


# -- the review ------------------------------------------------------------------------------------------

def test_with_note_adds_replaces_and_removes(result):
    far = violation(result, "far_max", "XG-06-01")
    review = Review()
    assert review.note_for(far) == FindingNote() and review.is_empty
    assert review.get(far) is None, "get tells a finding nobody wrote on from one with a note"
    noted = review.with_note(far, FindingNote("请核实", True, "批复"))
    assert noted.note_for(far) == FindingNote("请核实", True, "批复")
    assert noted.note_for(finding_key(far)) is noted.notes[finding_key(far)] is noted.get(far)
    assert review.notes == {}, "reviews are values: with_note leaves the original alone"
    assert noted.with_note(far, FindingNote()).notes == {}
    assert noted.with_note(far, FindingNote("  \n", False, " ")).notes == {}
    # Permissive data: an accepted note without a reason is kept (the panel asks for the reason).
    assert noted.with_note(far, FindingNote(accepted=True)).note_for(far) == FindingNote(accepted=True)
    assert noted.with_opinion("同意").opinion == "同意" and noted.with_reviewer("李").reviewer == "李"
    assert noted.with_opinion("同意").notes == noted.notes


def test_orphaned_notes_are_those_whose_finding_is_gone(result):
    far = violation(result, "far_max", "XG-06-01")
    gone = Violation("height_max", "XG-99-99", None, 80.0, (None, 60.0))
    review = Review().with_note(far, FindingNote("still there")).with_note(gone, FindingNote("fixed", True, "改了"))
    orphans = orphaned_notes(review, result)
    assert orphans == {finding_key(gone): FindingNote("fixed", True, "改了")}
    assert key_parts(next(iter(orphans)))["parcel"] == "XG-99-99"
    assert finding_key(gone) in review.notes, "orphaned notes are reported, not dropped"
    assert annotated(review, result) == [(far, FindingNote("still there"))]
    assert orphaned_notes(Review(), result) == {}


def test_review_path_is_next_to_the_scheme(tmp_path):
    assert review_path(tmp_path / "方案.gpkg") == tmp_path / "方案.gpkg.review.json"
    assert review_path(str(tmp_path / "scheme.shp")) == tmp_path / "scheme.shp.review.json"
    gdb = tmp_path / "scheme.gdb"
    gdb.mkdir()
    assert review_path(f"{gdb}{os.sep}") == tmp_path / "scheme.gdb.review.json"
    assert backup_path(tmp_path / "a.review.json") == tmp_path / "a.review.json.bak"


# -- the file --------------------------------------------------------------------------------------------

def test_round_trip_with_chinese(tmp_path):
    path = tmp_path / "方案.gpkg.review.json"
    save_review(CHINESE, path)
    assert load_review(path) == CHINESE
    text = path.read_text(encoding="utf-8")
    assert "张伟（规划科）" in text, "Chinese is written as is, not as \\u escapes"
    data = json.loads(text)
    assert data["schema"] == SCHEMA == "planner.review/1"
    assert data["saved_at"][:2] == "20" and "T" in data["saved_at"]
    assert data["notes"]["v|far_max|XG-06-01|"] == {"accepted": True, "note": "经规委会第12次会议研究，同意按“2.78”执行。",
                                                   "reason": "规委会〔2024〕12号纪要"}
    assert list(data) == sorted(data)
    assert not backup_path(path).exists(), "nothing to back up on the first save"
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no temporary file is left behind"


def test_second_save_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "scheme.gpkg.review.json"
    first = Review(opinion="初稿")
    save_review(first, path)
    save_review(CHINESE, path)
    assert load_review(path) == CHINESE
    assert load_review(backup_path(path)) == first
    save_review(CHINESE.with_opinion("定稿"), path)
    assert load_review(backup_path(path)) == CHINESE
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, backup_path(path).name]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "scheme.gpkg.review.json"
    save_review(Review(opinion="a"), path)
    os.chmod(path, 0o640)
    save_review(Review(opinion="b"), path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("fail", ["replace_file", "replace_backup", "fsync", "write"])
def test_a_crash_mid_save_leaves_the_previous_file_whole(tmp_path, monkeypatch, fail):
    path = tmp_path / "scheme.gpkg.review.json"
    save_review(CHINESE, path)
    before = path.read_bytes()

    class Crash(Exception):
        pass

    real_replace = os.replace

    def replace(src, dst):
        target = os.fspath(dst)
        if (fail == "replace_file" and target == os.fspath(path)) or \
                (fail == "replace_backup" and target.endswith(".bak")):
            raise Crash
        return real_replace(src, dst)

    def crash(*args, **kwargs):
        raise Crash

    if fail == "fsync":
        monkeypatch.setattr(os, "fsync", crash)
    elif fail == "write":
        monkeypatch.setattr(json, "dumps", crash)
    else:
        monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Crash):
        save_review(CHINESE.with_opinion("改过的意见").with_reviewer("李四"), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_review(path) == CHINESE
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "temporary files are cleaned up"


def test_a_missing_file_is_an_empty_review(tmp_path):
    assert load_review(tmp_path / "nothing.review.json") == Review()


@pytest.mark.parametrize("content", [
    b'{"schema": "planner.review/1", "notes": {}} trailing',  # not JSON (a cut-off file: test_review_identity)
    b'{"schema": "planner.review/1", "notes": {"a" 1}}',
    b"[1, 2, 3]",
    b'{"schema": "planner.check/1"}',
    b'{"opinion": "no schema"}',
    b'{"schema": "planner.review/1", "notes": []}',
    b'{"schema": "planner.review/1", "notes": {"v|far_max|A|": "text"}}',
    b'{"schema": "planner.review/1", "notes": {"v|far_max|A|": {"accepted": "yes"}}}',
    b'{"schema": "planner.review/1", "opinion": 5}',
])
def test_a_corrupt_file_is_review_unreadable(tmp_path, content):
    path = tmp_path / "scheme.gpkg.review.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_review(path)
    assert caught.value.code == "review_unreadable"
    assert caught.value.details["path"] == str(path) and caught.value.details["error"]


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", '{"schema": "planner.review/1", "opinion": "同意"}'
                                     .encode("gbk")])
def test_a_file_in_another_encoding_is_said_to_be_so(tmp_path, content):
    path = tmp_path / "scheme.gpkg.review.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_review(path)
    assert caught.value.code == "review_not_utf8" and caught.value.details == {"path": str(path)}


def test_a_directory_in_the_way_is_review_unreadable(tmp_path):
    path = tmp_path / "scheme.gpkg.review.json"
    path.mkdir()
    with pytest.raises(InputError, match="review_unreadable"):
        load_review(path)


def test_a_bom_and_unknown_keys_are_tolerated(tmp_path):
    path = tmp_path / "scheme.gpkg.review.json"
    data = {"schema": SCHEMA, "opinion": "同意", "extra": 1,
            "notes": {"v|far_max|A|": {"note": "n", "accepted": True, "later": "x"}, "v|far_min|A|": {}}}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert load_review(path) == Review(opinion="同意", notes={"v|far_max|A|": FindingNote("n", True, "")})


def test_store_propagates_an_unreadable_review(tmp_path):
    scheme = tmp_path / "scheme.gpkg"
    review_path(scheme).write_text("{not json", encoding="utf-8")
    store = ReviewStore()
    with pytest.raises(InputError, match="review_unreadable"):
        store.open_for(scheme)
    assert store.path is None, "an unreadable review is never overwritten by the store"
    assert review_path(scheme).read_text(encoding="utf-8") == "{not json"


# -- the panel -------------------------------------------------------------------------------------------
