"""`planner case ...` and `planner check --case`: exit codes, one-line errors, the case list's JSON, and a case
checked twice (the violating sample, then its resubmission) reporting what was fixed and what is still open."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planner.cli import _case_for, build_parser, main
from tests.helpers import ROOT, SAMPLES

PLAN = SAMPLES / "xiguan_plan.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"
RESUBMITTED = SAMPLES / "scheme_resubmitted.gpkg"
NUMBER = "酒规审〔2026〕101号"


def add_args(register, *extra: str) -> list[str]:
    return ["case", "add", "--register", str(register), "--number", NUMBER, "--project", "西关小区住宅",
            "--applicant", "酒泉某置业有限公司", "--received", "2026-09-29", "--officer", "张三", *extra]


def scheme(path) -> list[str]:
    return ["--buildings", str(path), "--buildings-layer", "建筑", "--green", str(path), "--green-layer", "绿地"]


def run_module(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, check=False,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=300)


def test_add_list_json_show_close(tmp_path, capsys):
    register = tmp_path / "cases.sqlite"
    assert main(add_args(register, "--plan", str(PLAN), "--plan-layer", "控规地块", "--lang", "en")) == 0
    assert "deadline: 2026-11-02" in capsys.readouterr().out
    assert main(["case", "list", "--register", str(register), "--json", "--today", "2026-10-28"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1
    row = listed[0]
    assert {k: row[k] for k in ("number", "project", "applicant", "received", "deadline", "deadline_estimated",
                                "working_days_left", "status", "due_soon", "overdue")} == {
        "number": NUMBER, "project": "西关小区住宅", "applicant": "酒泉某置业有限公司", "received": "2026-09-29",
        "deadline": "2026-11-02", "deadline_estimated": False, "working_days_left": 3, "status": "accepted",
        "due_soon": True, "overdue": False}
    assert main(["case", "list", "--register", str(register), "--today", "2026-11-04", "--lang", "zh"]) == 0
    table = capsys.readouterr().out
    assert "-2（逾期）" in table and "受理" in table
    assert main(["case", "show", NUMBER, "--register", str(register), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["files"][0]["role"] == "plan" and len(shown["files"][0]["sha256"]) == 64
    assert [e["status"] for e in shown["events"]] == ["accepted"]
    assert main(["case", "close", NUMBER, "--register", str(register), "--lang", "en"]) == 0
    assert main(["case", "show", NUMBER, "--register", str(register), "--lang", "zh"]) == 0
    assert "已办结" in capsys.readouterr().out


def test_add_from_a_case_file_with_options_overriding(tmp_path, capsys):
    case_file = tmp_path / "case.toml"
    case_file.write_text(f'number = "{NUMBER}"\nproject = "旧名称"\nreceived = 2026-09-29\nlimit_days = 15\n',
                         encoding="utf-8")
    register = tmp_path / "r.sqlite"
    assert main(["case", "add", "--register", str(register), "--from", str(case_file), "--project", "新名称"]) == 0
    capsys.readouterr()
    assert main(["case", "list", "--register", str(register), "--json", "--today", "2026-10-01"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    # 15 working days after 29 September: 30 September, then (after 1-7 October) 8, 9, 10 (调休 Saturday),
    # 12-16, 19-23 and 26 October.
    assert (row["project"], row["limit_days"], row["deadline"]) == ("新名称", 15, "2026-10-26")


def test_case_for_reads_a_number_or_a_file(tmp_path, capsys):
    register = tmp_path / "r.sqlite"
    assert main(add_args(register)) == 0
    args = build_parser().parse_args(["check", "--case", NUMBER, "--register", str(register)])
    case = _case_for(args)
    assert (case.number, case.officer, str(case.deadline)) == (NUMBER, "张三", "2026-11-02")
    case_file = tmp_path / "c.toml"
    case_file.write_text('number = "X-1"\nreceived = "2026-09-29"\n', encoding="utf-8")
    from_file = _case_for(build_parser().parse_args(["check", "--case", str(case_file), "--plan", "p",
                                                     "--buildings", "b"]))
    assert (from_file.number, str(from_file.deadline)) == ("X-1", "2026-11-02")
    assert _case_for(build_parser().parse_args(["check", "--plan", "p", "--buildings", "b"])) is None


@pytest.mark.parametrize(("args", "expected"), [
    (["case", "show", "nope"], "no case numbered nope is registered"),
    (["case", "close", "nope"], "no case numbered nope is registered"),
    (["check", "--case", "nope"], "no case numbered nope is registered"),
])
def test_unknown_numbers_exit_2_with_one_line(tmp_path, args, expected):
    done = run_module([*args, "--register", str(tmp_path / "r.sqlite"), "--lang", "en"])
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and expected in done.stderr and "Traceback" not in done.stderr


def test_duplicate_number_and_bad_register_exit_2(tmp_path, capsys):
    register = tmp_path / "r.sqlite"
    assert main(add_args(register)) == 0
    assert main([*add_args(register), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"受理号为{NUMBER}的案卷已登记" in err
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite" * 500)
    assert main(["case", "list", "--register", str(junk), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"planner: {junk}: cannot be read as a case register") and err.count("\n") == 1
    assert main(["case", "add", "--register", str(register), "--number", "Y", "--received", "29/09/2026",
                 "--lang", "en"]) == 2
    assert 'received = "29/09/2026" cannot be read; expected YYYY-MM-DD' in capsys.readouterr().err


def test_check_without_plan_or_case_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--buildings", str(VIOLATING)])
    assert stop.value.code == 2 and "--plan" in capsys.readouterr().err


def test_a_case_checked_twice_reports_fixed_and_still_open(tmp_path, capsys):
    register = tmp_path / "r.sqlite"
    assert main(add_args(register, "--plan", str(PLAN), "--plan-layer", "控规地块", *scheme(VIOLATING))) == 0
    capsys.readouterr()
    # The registered files are checked: the first submission.
    assert main(["check", "--case", NUMBER, "--register", str(register), "--lang", "en"]) == 1
    first = capsys.readouterr().out
    assert f"First submission of case {NUMBER}" in first and "recorded as submission 1" in first
    # The resubmission, given on the command line; the plan still comes from the register.
    report = tmp_path / "r2.json"
    assert main(["check", "--case", NUMBER, "--register", str(register), *scheme(RESUBMITTED), "--lang", "en",
                 "--json", str(report)]) == 1
    second = capsys.readouterr().out
    assert "Against submission 1: 3 fixed, 10 still open, 0 new." in second
    data = json.loads(report.read_text(encoding="utf-8"))
    found = data["resubmission"]
    assert (found["previous_submission"], found["submission"]) == (1, 2)
    assert sorted(item["key"] for item in found["fixed"]) == [
        "v|height_max|XG-06-02|", "v|land_use|XG-07-01|11#", "v|outside_plan||10#"]
    still = {item["key"] for item in found["still_open"]}
    assert "v|density_max|XG-06-02|" in still and "v|land_use|XG-05-02|G-6" in still and len(still) == 10
    assert found["new"] == []
    assert all(item["message"] for item in found["still_open"])
    assert data["case"]["number"] == NUMBER and data["case"]["deadline"] == "2026-11-02"
    # Checking the same resubmission again re-checks submission 2 (still against 1), no third one.
    assert main(["check", "--case", NUMBER, "--register", str(register), *scheme(RESUBMITTED), "--lang", "en"]) == 1
    assert "Against submission 1: 3 fixed" in capsys.readouterr().out
    assert main(["case", "show", NUMBER, "--register", str(register), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(s["number"], s["violations"]) for s in shown["submissions"]] == [(1, 13), (2, 10)]
    assert [r["kind"] for r in shown["reports"]] == ["json"]
    assert [e["status"] for e in shown["events"]] == ["accepted", "reviewing"]
    resubmitted = [f for f in shown["files"] if f["submission"] == 2 and f["role"] == "buildings"]
    assert len(resubmitted) == 1 and resubmitted[0]["path"] == str(RESUBMITTED)
