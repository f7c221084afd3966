"""The official documents of issue 15 read back as PDF: the 一次性告知书 (every non-accepted finding exactly once, as
what to do, with its basis), the 审查意见书 (case, basis, indicators, findings by parcel, sign-off levels,
resubmission) and the 规划条件 of a parcel."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner import check, load_buildings, load_controls, load_green, load_plan
from planner.cases.office import OfficeSettings
from planner.checking.conditions import parcel_conditions
from planner.checking.declared import with_declared
from planner.io.declared import read_declared
from planner.messages import action_message, chinese_date
from planner.model import CaseDetails
from planner.report.notice import notice_items, write_notice
from planner.report.official import document_meta
from planner.report.opinion import write_opinion
from planner.review import FindingNote, Review

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_plans"
PLAN = SAMPLES / "xiguan_plan.gpkg"
VIOLATING = SAMPLES / "scheme_violating.gpkg"
LINES = SAMPLES / "xiguan_lines.gpkg"
PLAN_NAME = "酒泉市肃州区西关单元控制性详细规划"
CASE = CaseDetails(number="酒自然资规〔2026〕第0123号", project="西关花园二期住宅项目", applicant="酒泉市西关置业有限公司",
                   site="肃州区西关单元XG-06街坊", received=date(2026, 2, 24), deadline=date(2026, 3, 24),
                   officer="张明", reviewer="李华", approver="王强")
ISSUED = date(2026, 3, 5)
NOTE = "请同时提交日照分析"

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout


@pytest.fixture(scope="module")
def checked():
    result = check(load_plan(PLAN), load_buildings(VIOLATING, "建筑"), load_green(VIOLATING, "绿地"),
                   controls=[load_controls(LINES)])
    result = with_declared(result, read_declared(SAMPLES / "xiguan_declared.csv"))
    marginal = next(v for v in result.violations if v.marginal)  # XG-06-04 FAR 2.5004: accepted
    noted = next(v for v in result.violations if v.rule == "height_max")
    review = (Review(opinion="建议按告知内容修改后重新报送。", reviewer="张明")
              .with_note(marginal, FindingNote(accepted=True, reason="测量误差范围内"))
              .with_note(noted, FindingNote(note=NOTE)))
    meta = document_meta(result, CASE, authority="酒泉市自然资源局", plan_name=PLAN_NAME, issued=ISSUED,
                         settings=OfficeSettings(resubmit_days=10))
    return result, review, meta, marginal, noted


def test_every_finding_not_accepted_is_one_item(checked):
    result, review, meta, marginal, noted = checked
    items, accepted = notice_items(result, meta, "zh", review)
    assert accepted == 1
    assert [item.finding for item in items] == [v for v in result.violations if v is not marginal]
    assert len({item.text for item in items}) == len(items)  # nothing twice
    assert next(i.text for i in items if i.finding is noted).endswith(f"（审查人员备注：{NOTE}）")


def test_height_item_is_what_to_do_with_the_basis(checked):
    result, _, meta, _, noted = checked
    assert action_message(noted, "zh", "酒政函〔2024〕58号") == (
        "4#楼建筑高度49.5 m，超过地块XG-06-02建筑限高45.0 m（依据：酒政函〔2024〕58号），应降至45.0 m及以下。")


def test_dates_are_written_the_chinese_way():
    assert chinese_date(date(2025, 3, 5), "zh") == "2025年3月5日"
    assert chinese_date(date(2025, 3, 5), "en") == "5 March 2025"


def test_resubmission_deadline_counts_working_days(checked):
    _, _, meta, _, _ = checked
    assert meta.issued == ISSUED
    assert meta.resubmit_by == date(2026, 3, 19)  # 10 working days after Thursday 5 March 2026
    assert not meta.resubmit_estimated


@needs_poppler
def test_notice_pdf(checked, tmp_path):
    result, review, meta, marginal, _ = checked
    path = tmp_path / "notice.pdf"
    write_notice(result, meta, path, "zh", review)
    text = _squash(_text(path))
    for words in ("一次性告知书", CASE.number, CASE.project, CASE.applicant, "2026年3月5日", "2026年3月19日",
                  "经办人：张明", "（盖章）", "酒泉市自然资源局"):
        assert _squash(words) in text, words
    items, _ = notice_items(result, meta, "zh", review)
    for item in items:
        assert text.count(_squash(item.text)) == 1, item.text
    assert "XG-06-04容积率2.5004" not in text  # the accepted exception is left out
    assert "另有1项经审查人员认定为经批准的例外情形" in text


@needs_poppler
def test_opinion_pdf_three_levels_and_resubmission(checked, tmp_path):
    result, review, meta, marginal, noted = checked
    fixed = next(v for v in result.violations if v.rule == "far_min")
    resubmission = SimpleNamespace(fixed=[fixed], still_open=[noted], new=[])
    path = tmp_path / "opinion.pdf"
    write_opinion(result, meta, path, "zh", review, resubmission)
    text = _squash(_text(path))
    for words in ("审查意见书", CASE.number, "审查依据", "酒政函〔2024〕58号", "技术经济指标", "申报值", "实测值",
                  "地块XG-06-01", "经办人", "审核人", "审定人", "张明", "李华", "王强", "（盖章）",
                  "建议按告知内容修改后重新报送。", "已整改（1项）", "仍未整改（1项）", "新增问题（0项）",
                  "认定为经批准的例", "审查结论以本意见书签署人员的意见为准"):
        assert _squash(words) in text, words
    # A table cell's lines interleave with its neighbours' in the text layer: the whole note, in the page.
    from planner.report.opinion import opinion_page

    assert "认定为经批准的例外情形：测量误差范围内" in opinion_page(result, meta, "zh", review).html("t")


@needs_poppler
def test_opinion_with_two_signoff_levels(checked, tmp_path):
    result, review, meta, _, _ = checked
    from dataclasses import replace

    path = tmp_path / "opinion2.pdf"
    write_opinion(result, replace(meta, signoff_levels=2), path, "zh", review)
    text = _squash(_text(path))
    assert "审核人" in text and "审定人" not in text


def test_conditions_of_an_amended_parcel():
    conditions = parcel_conditions(load_plan(PLAN), "XG-06-04", [load_controls(LINES)])
    assert conditions.approval == "酒政函〔2025〕12号"  # the parcel's own approval, not the layer's first
    assert conditions.texts["far"] == "≤2.5" and conditions.limits["far"] == (None, 2.5)
    assert conditions.site_area == pytest.approx(10000.0)
    assert {(t.kind, t.id) for t in conditions.lines} >= {("road_red_line", "HX-WH-24"),
                                                          ("building_line", "JZKZX-06")}


@needs_poppler
def test_conditions_cli_pdf_and_unknown_parcel(tmp_path):
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    path = tmp_path / "c.pdf"
    run = subprocess.run([sys.executable, "-m", "planner", "conditions", "--plan", str(PLAN), "--parcel", "XG-06-04",
                          "--pdf", str(path), "--lines", str(LINES), "--lang", "zh", "--plan-name", PLAN_NAME],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    text = _squash(_text(path))
    for words in ("地块XG-06-04规划条件", "R2/B1（二类居住用地", "酒政函〔2025〕12号", "≤2.5", "≤2.50", "≤80米",
                  "HX-WH-24", "建筑控制线", "（盖章）"):
        assert _squash(words) in text, words
    run = subprocess.run([sys.executable, "-m", "planner", "conditions", "--plan", str(PLAN), "--parcel", "XG-99",
                          "--pdf", str(tmp_path / "x.pdf"), "--lang", "en"], capture_output=True, text=True, cwd=ROOT,
                         env=env)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "XG-99" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


@needs_poppler
def test_check_writes_notice_and_opinion_from_a_case_file(tmp_path):
    import os

    case = tmp_path / "case.toml"
    case.write_text(f'number = "{CASE.number}"\nproject = "{CASE.project}"\napplicant = "{CASE.applicant}"\n'
                    'received = "2026-09-28"\nofficer = "张明"\nreviewer = "李华"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(PLAN), "--buildings", str(VIOLATING),
                          "--buildings-layer", "建筑", "--declared", str(SAMPLES / "xiguan_declared.csv"), "--case",
                          str(case), "--notice", str(tmp_path / "n.pdf"), "--opinion", str(tmp_path / "o.pdf"),
                          "--signoff-levels", "2", "--lang", "zh", "--review", str(tmp_path / "none.json")],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 2 and "none.json" in run.stderr  # a named review that is missing stops the run
    run = subprocess.run([sys.executable, "-m", "planner", "check", "--plan", str(PLAN), "--buildings", str(VIOLATING),
                          "--buildings-layer", "建筑", "--declared", str(SAMPLES / "xiguan_declared.csv"), "--case",
                          str(case), "--notice", str(tmp_path / "n.pdf"), "--opinion", str(tmp_path / "o.pdf"),
                          "--signoff-levels", "2", "--lang", "zh"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 1, run.stderr
    notice = _squash(_text(tmp_path / "n.pdf"))
    assert "地块XG-06-01申报容积率2.48，与图纸实测2.78不符（相差0.30）" in notice
    opinion = _squash(_text(tmp_path / "o.pdf"))
    # Received on Monday 28 September 2026: 20 working days over 国庆 (1-7 October off, Saturday 10 October
    # worked): 29, 30 September, 8, 9, 10, 12-16, 19-23, 26-30 October.
    assert "法定办结期限2026年10月30日" in opinion
    assert "审定人" not in opinion
