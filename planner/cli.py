"""`planner check ...` for batch checks; `planner` alone (or `planner gui ...`) starts the desktop application."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
import time
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np
import orjson

from planner.checking.verdicts import indicator_breaches
from planner.io.landuse import EDITIONS
from planner.messages import (
    CASE_DECLARED_ROLE,
    CASE_REPORT_KINDS,
    FAR_ESTIMATED,
    INDICATOR_LABELS,
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    default_language,
    error_message,
    format_limits,
    format_value,
    format_values,
    parcel_status_name,
    rule_name,
    stage_name,
    sunlight_choice_text,
    tr,
    unchecked_message,
    violation_message,
    warning_message,
    warning_name,
)
from planner.model import ACHIEVED, INDICATORS, CheckResult, InputError, InputInfo, ParcelTable
from planner.resources import planner_version

if TYPE_CHECKING:
    from planner.versions.diff import PlanDiff

EXIT_PASS, EXIT_VIOLATIONS, EXIT_INPUT = 0, 1, 2
PROGRESS_AFTER_SECONDS = 1.5


LAYER_HELP = ("the layer to read; of a DXF drawing, CAD layers separated by ';', with * ? patterns (\"YD*;用地*\"); "
              "default: the only layer, or the ones whose names say what they hold")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner", description="Check building schemes against a regulatory "
                                     "detailed plan (控制性详细规划).")
    parser.add_argument("--version", action="version", version=f"planner {planner_version()}")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="check a scheme against a plan and report the breaches",
                           description="Exit 0: no violations; 1: violations found; 2: the input could not be "
                           "checked.")
    check.add_argument("--plan", metavar="FILE", help="plan parcel layer (GPKG, SHP, GeoJSON, FGB, GDB, DXF); "
                       "required unless --case NUMBER has one registered")
    check.add_argument("--plan-layer", metavar="NAME", help=LAYER_HELP)
    check.add_argument("--buildings", metavar="FILE", help="scheme building footprints; required unless --case "
                       "NUMBER has them registered")
    check.add_argument("--buildings-layer", metavar="NAME", help=LAYER_HELP)
    check.add_argument("--green", metavar="FILE", help="scheme green areas (without it, green ratio is not assessed)")
    check.add_argument("--green-layer", metavar="NAME", help=LAYER_HELP)
    check.add_argument("--lines", metavar="FILE", action=_LinesFile, dest="lines", default=[],
                       help="control lines and zones: road red lines (setbacks), green/blue/purple/yellow lines, "
                       "ecological red lines, basic farmland, building control lines; repeatable. Without "
                       "--lines-layer, every layer of FILE whose name or kind field says what it holds is read")
    check.add_argument("--lines-layer", metavar="NAME", action=_LinesLayer, dest="lines",
                       help="the layer of the --lines FILE just before it; repeat it to read several layers of "
                       "that file")
    check.add_argument("--compare-plan", metavar="FILE", help="another version of the plan (e.g. the one before an "
                       "amendment): check the scheme against it too and list the findings that appear, disappear "
                       "or change between the versions; --plan stays the version in force")
    check.add_argument("--compare-plan-layer", metavar="NAME")
    check.add_argument("--mapping", metavar="FILE.toml", help="field names for layers Planner does not recognise")
    check.add_argument("--land-use-edition", choices=EDITIONS, metavar="{" + ",".join(EDITIONS) + "}",
                       help="the land-use classification the plan's codes follow: 1990 (GBJ 137-90), 2011 "
                            "(GB 50137-2011), 2020 (用地用海 2020 trial) or 2023 (用地用海 2023); default: told by the "
                            "codes (letter codes GB 50137-2011 unless C, T or D codes say GBJ 137-90; numeric codes "
                            "by the codes only one 用地用海 edition has). Not applied to --compare-plan")
    check.add_argument("--json", metavar="PATH|-", help="write the planner.check/1 JSON to PATH, or to stdout with -")
    check.add_argument("--lang", choices=LANGUAGES, help="language of messages (default: from the system locale)")
    check.add_argument("--pdf", metavar="PATH", help="write the violation report as PDF")
    check.add_argument("--max-detail-maps", metavar="N", type=int, default=200,
                       help="in the PDF, a detail page with a map for at most the first N violating parcels; the "
                            "findings on the others in one table (default 200)")
    check.add_argument("--xlsx", metavar="PATH", help="write parcels, findings and buildings as a spreadsheet")
    check.add_argument("--gpkg", metavar="PATH", help="write the violating parcels and buildings as a GeoPackage")
    check.add_argument("--review", metavar="FILE", help="reviewer notes to print (default: the review file saved "
                       "next to the buildings file by the desktop application, if there is one). A review written "
                       "for another scheme is refused (exit 2); one found beside the buildings is then left out")
    check.add_argument("--authority", metavar="NAME", default="", help="authority named in the report's title")
    check.add_argument("--scheme-name", metavar="TEXT", default="", help="scheme name/number for the report")
    check.add_argument("--plan-name", metavar="TEXT", default="", help="plan name for the report")
    check.add_argument("--plan-version", metavar="TEXT", default="",
                       help="plan version label (default: the layer's 规划版本/version field, if any)")
    check.add_argument("--plan-approval", metavar="TEXT", default="",
                       help="approval number 批复文号 of the plan version (default: the layer's PFWH/批复文号 field)")
    check.add_argument("--plan-approval-date", metavar="DATE", default="",
                       help="approval date 批复时间 (default: the layer's PFSJ/批复时间 field)")
    check.add_argument("--reviewer", metavar="NAME", default="", help="reviewer named in the report")
    _add_document_arguments(check)  # issue 15
    _add_sunlight_arguments(check)
    gui = sub.add_parser("gui", help="open the desktop application (the default with no command)",
                         description="Without files, opens the bundled sample plan and its violating scheme.")
    gui.add_argument("--plan", metavar="FILE")
    gui.add_argument("--plan-layer", metavar="NAME")
    gui.add_argument("--buildings", metavar="FILE")
    gui.add_argument("--buildings-layer", metavar="NAME")
    gui.add_argument("--green", metavar="FILE")
    gui.add_argument("--green-layer", metavar="NAME")
    gui.add_argument("--lang", choices=LANGUAGES)
    gui.add_argument("--screenshot", metavar="PNG", help="save the window once loaded and checked, then exit")
    _add_diff_parser(sub)
    _add_case_options(check, gui)
    _add_case_parser(sub)
    _add_conditions_parser(sub)  # issue 15
    return parser


class _LinesFile(argparse.Action):
    """--lines FILE: one more control-line file (its layer, if any, follows as --lines-layer)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        entries = list(getattr(namespace, self.dest) or [])
        entries.append((values, None))
        setattr(namespace, self.dest, entries)


class _LinesLayer(argparse.Action):
    """--lines-layer NAME: the layer of the --lines FILE before it; a second one reads another layer of it."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        entries = list(getattr(namespace, self.dest) or [])
        if not entries:
            parser.error("--lines-layer needs a --lines FILE before it")
        path, layer = entries[-1]
        if layer is None:
            entries[-1] = (path, values)
        else:
            entries.append((path, values))
        setattr(namespace, self.dest, entries)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        _require_check_files(parser, args)
    if args.command == "case":
        return run_case(args)
    if args.command in ("check", "diff"):
        with _warnings_to_log():
            return run_check(args) if args.command == "check" else run_diff(args)
    if args.command == "conditions":  # issue 15
        with _warnings_to_log():
            return run_conditions(args)
    from planner.gui.app import run_gui

    if args.command is None:
        return run_gui()
    files = [(role, path, layer) for role, path, layer in (
        ("plan", args.plan, args.plan_layer), ("buildings", args.buildings, args.buildings_layer),
        ("green", args.green, args.green_layer)) if path]
    return run_gui(files or None, lang=args.lang, screenshot=args.screenshot, register=args.register)


# --- planner diff: what an amendment changed -------------------------------------------------------

EXIT_SAME, EXIT_DIFFERENT = 0, 1


def _add_diff_parser(sub) -> None:
    diff = sub.add_parser("diff", help="list what changed between two versions of a plan (调整)",
                          description="Parcels added, removed, split, merged, renamed, and changed in limits, land "
                          "use or boundary. Exit 0: the versions are the same; 1: they differ; 2: the input could "
                          "not be read.")
    diff.add_argument("--old", required=True, metavar="FILE", help="the earlier plan version's parcel layer")
    diff.add_argument("--old-layer", metavar="NAME")
    diff.add_argument("--new", required=True, metavar="FILE", help="the amended plan version's parcel layer")
    diff.add_argument("--new-layer", metavar="NAME")
    diff.add_argument("--mapping", metavar="FILE.toml", help="field names for layers Planner does not recognise")
    diff.add_argument("--json", metavar="PATH|-", help="write the planner.diff/1 JSON to PATH, or to stdout with -")
    diff.add_argument("--lang", choices=LANGUAGES, help="language of messages (default: from the system locale)")


def run_diff(args: argparse.Namespace) -> int:
    from planner.io.fields import load_mapping
    from planner.io.layers import load_plan
    from planner.report.serialise import diff_json
    from planner.versions.diff import diff_plans

    lang = args.lang or default_language()
    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
        diff = diff_plans(load_plan(args.old, args.old_layer, mapping), load_plan(args.new, args.new_layer, mapping))
        if args.json:
            _write_json(diff_json(diff, lang), args.json)
    except Exception as exc:  # an input that cannot be used, or a bug: one line either way
        return _failed(exc, lang)
    if args.json != "-":
        print_diff_summary(diff, lang, sys.stdout)
    return EXIT_SAME if diff.same else EXIT_DIFFERENT


def _write_json(data: dict, target: str) -> None:
    try:
        _write_document(orjson.dumps(data, option=orjson.OPT_INDENT_2), target)
    except OSError as exc:
        raise InputError("output_unwritable", path=exc.filename or target, error=exc.strerror or str(exc)) from None


#: Findings up to which the JSON is indented for a person to read. A city's (10^5 findings, ~150 MB indented) is
#: written compact: a third smaller, and ~0.2-0.4 s sooner; no one reads it by eye, and every reader parses both.
JSON_INDENTED_FINDINGS = 10_000


def _json_layout(findings: int) -> int:
    """orjson's option for a document of `findings` findings: indented, or compact for a city's."""
    return orjson.OPT_INDENT_2 if findings <= JSON_INDENTED_FINDINGS else 0


def _write_document(document: bytes, target: str) -> None:
    """A JSON document and its final newline to `target` (a path, or stdout with "-"), without joining them:
    the document of a city of 200,000 parcels is most of a gigabyte."""
    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()
    else:
        with open(target, "wb") as out:
            out.write(document)
            out.write(b"\n")


def print_diff_summary(diff: PlanDiff, lang: str, out: TextIO) -> None:
    """Both versions, the counts, then one line per parcel that changed, split, merged, appeared or went."""
    from planner.messages import (
        DIFF_ROLE_NAMES,
        DIFF_SAME,
        DIFF_SECTION_TITLES,
        change_message,
        diff_counts_message,
        diff_warning_messages,
    )

    lines = []
    for role, info in (("old", diff.old), ("new", diff.new)):
        lines.append(_input_line(tr(DIFF_ROLE_NAMES[role], lang), info, lang, first=role == "old"))
    lines.append(tr(QT_TRANSLATE_NOOP("messages", "Working CRS"), lang) + f": {diff.crs or '-'}")
    lines += ["", diff_counts_message(diff.counts, lang)]
    separator = "、" if lang == "zh" else ", "
    sections = {
        "changed": [(c.id, change_message(c, lang)) for c in diff.changed],
        "split": [(s.old_id, "→ " + separator.join(s.new_ids)) for s in diff.splits],
        "merged": [(separator.join(m.old_ids), "→ " + m.new_id) for m in diff.merges],
        "added": [(pid, "") for pid in diff.added],
        "removed": [(pid, "") for pid in diff.removed],
    }
    for kind, rows in sections.items():
        if rows:
            width = max(_width(first) for first, _ in rows)
            lines += ["", _heading(tr(DIFF_SECTION_TITLES[kind], lang), len(rows), lang)]
            lines += [f"  {_pad(first, width)}  {rest}".rstrip() for first, rest in rows]
    warnings = diff_warning_messages(diff, lang)
    if warnings:
        lines += ["", _heading(tr(QT_TRANSLATE_NOOP('messages', 'Warnings'), lang), len(warnings), lang)]
        lines += [f"  {_tagged(warning_name(code, lang), message, lang)}" for code, message in warnings]
    if diff.same:
        lines += ["", tr(DIFF_SAME, lang)]
    out.write("\n".join(lines) + "\n")


class _Progress:
    """A one-line progress indicator on a terminal's stderr, shown once a run takes more than a moment.

    It rewrites itself in place and is erased before anything else is printed, so an error stays one line.
    When stderr is not a terminal (a script, CI) it prints nothing.
    """

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.lang = lang
        self.enabled = stream.isatty()
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, fraction: float, stage: str) -> None:
        elapsed = time.monotonic() - self.start
        if not self.enabled or elapsed < PROGRESS_AFTER_SECONDS:
            return
        self.stream.write(f"\r\033[K[{elapsed:5.1f}s {fraction * 100:3.0f}%] {stage_name(stage, self.lang)}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def run_check(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    progress = _Progress(sys.stderr, lang)
    try:
        _case_begin(args)
        result, layers = _check(args, progress)
        comparison = _compare(args, result, layers, progress) if args.compare_plan else None
        result = _with_declared(args, result)  # issue 15
        progress.clear()
        review = _review(args, result, lang)
        _case_compare(args, result)
        messages = _write_outputs(args, result, layers, review, lang, comparison)
        _write_documents(args, result, review, lang)  # issue 15
        _case_record(args, result, review, messages, lang)
    except Exception as exc:  # an input that cannot be used, or a bug: one line either way
        progress.clear()
        return _failed(exc, lang)
    if args.json != "-":
        print_summary(result, lang, sys.stdout, messages)
        if result.sunlight is not None or getattr(args, "sunlight_matters", False):
            print(sunlight_choice_text(result.sunlight, lang))
        if comparison is not None:
            print_comparison(comparison, lang, sys.stdout)
        print_case_run(args, lang, messages, sys.stdout)
    return EXIT_VIOLATIONS if result.violations else EXIT_PASS


def _review(args: argparse.Namespace, result: CheckResult, lang: str):
    """The review named with --review, else the one saved next to the buildings file, else none.

    A review written for another scheme (planner.review.scheme_of: other buildings or green files, or the same
    files changed since) is never applied: named with --review it stops the run (ReviewForAnotherScheme, an
    InputError: exit 2); found beside the buildings it is left out, with the same sentence on stderr, and the
    check goes on. A review that names no scheme (an older file) is used, with a notice on stderr.
    """
    from planner.messages import notice_message
    from planner.review import ReviewForAnotherScheme, read_review, review_path, scheme_of

    scheme = scheme_of(result.inputs)
    if args.review:
        if not Path(args.review).exists():
            raise InputError("file_missing", path=args.review)
        review, notices = read_review(args.review, scheme)
    else:
        beside = review_path(args.buildings)
        if not beside.exists():
            return None
        try:
            review, notices = read_review(beside, scheme)
        except ReviewForAnotherScheme as exc:
            print(f"planner: {error_message(exc.code, exc.details, lang)}", file=sys.stderr)
            return None
    for notice in notices:
        print(f"planner: {notice_message(notice.code, notice.details, lang)}", file=sys.stderr)
    return review


def _write_outputs(args: argparse.Namespace, result: CheckResult, layers: dict, review, lang: str,
                   comparison=None) -> dict[int, str]:
    """JSON, PDF, XLSX and GeoPackage as asked. Returns each violation's sentence for the summary."""
    from planner.parallel import in_background
    from planner.report.serialise import comparison_json, result_json, sentences

    messages = sentences(result, lang)
    # The same sentences in the violations' order, for the exports (they take them as a list).
    in_order = list(map(messages.__getitem__, map(id, result.violations))) if args.xlsx or args.gpkg else None
    try:
        if args.json:
            data = result_json(result, lang, messages)
            if comparison is not None:
                data["compare"] = comparison_json(comparison, lang)
            data.update(_case_json(args, result, messages))
            document = orjson.dumps(data, option=_json_layout(len(result.violations) + len(result.warnings)))
            # The file is written (the GIL let go) while this thread frees the tree: a city's tree has ~10^6 objects.
            written = in_background(_write_document, document, args.json)
            del data, document
            written.result()
        if args.pdf:
            from planner.report.document import ReportMeta, write_pdf

            meta = ReportMeta(authority=args.authority, scheme_name=args.scheme_name or Path(args.buildings).stem,
                              plan_name=args.plan_name or Path(args.plan).stem,
                              reviewer=args.reviewer or (review.reviewer if review is not None else ""))
            write_pdf(result, layers, meta, args.pdf, lang, review, comparison,
                      max_detail_maps=max(0, args.max_detail_maps))
        if args.xlsx:
            from planner.report.exports import write_xlsx

            write_xlsx(result, args.xlsx, lang, review, in_order)
        if args.gpkg:
            from planner.report.exports import write_findings_gpkg

            write_findings_gpkg(result, layers["plan"], layers["buildings"], args.gpkg, lang, review, in_order)
    except OSError as exc:
        raise InputError("output_unwritable", path=exc.filename or "", error=exc.strerror or str(exc)) from None
    return messages


def _check(args: argparse.Namespace, progress: _Progress) -> tuple[CheckResult, dict]:
    from planner.checking.engine import check
    from planner.io.controls import load_controls
    from planner.io.fields import load_mapping
    from planner.io.layers import load_buildings, load_green, load_plan
    from planner.io.plan_version import with_version

    mapping = load_mapping(args.mapping) if args.mapping else None
    progress(0.0, "reading plan")
    plan = with_version(load_plan(args.plan, args.plan_layer, mapping), args.plan_version, args.plan_approval,
                        args.plan_approval_date)
    progress(0.0, "reading buildings")
    buildings = load_buildings(args.buildings, args.buildings_layer, mapping)
    green = None
    if args.green:
        progress(0.0, "reading green")
        green = load_green(args.green, args.green_layer, mapping)
    controls = []
    for path, layer in args.lines:
        progress(0.0, "reading lines")
        controls.append(load_controls(path, layer, mapping))
    layers = {"plan": plan, "buildings": buildings, **({"green": green} if green is not None else {}),
              **({"lines": controls} if controls else {})}
    result = check(plan, buildings, green, controls=controls, land_use_edition=args.land_use_edition,
                   progress=progress)
    return _sunlight(args, result, layers, mapping, progress), layers


def _compare(args: argparse.Namespace, result: CheckResult, layers: dict, progress: _Progress):
    """Check the same scheme against the --compare-plan version and compare the verdicts."""
    from planner.io.fields import load_mapping
    from planner.io.layers import load_plan
    from planner.versions.compare import verdicts_against

    mapping = load_mapping(args.mapping) if args.mapping else None
    progress(0.0, "reading plan")
    old_plan = load_plan(args.compare_plan, args.compare_plan_layer, mapping)
    return verdicts_against(old_plan, result, layers["buildings"], layers.get("green"), layers.get("lines", []),
                            progress)


@contextmanager
def _warnings_to_log():
    """Python warnings of the libraries (GDAL through pyogrio, shapely, numpy) kept off the terminal: stderr is
    one line on exit 2 and empty otherwise. The loaders turn those that matter into warnings of the check
    (planner.io.files.reading_warnings, planner.io.clean); any others go to the log in the cache folder."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            if caught:
                _log_lines([f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught])


def log_dir() -> Path:
    """The cache folder that holds planner.log: $XDG_CACHE_HOME/planner, else ~/.cache/planner."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "planner"


def _log_lines(lines: list[str]) -> str:
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "planner.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n" + "\n".join(lines) + "\n")
        return str(log)
    except OSError:
        return "no log"


def _log_traceback() -> str:
    return _log_lines([traceback.format_exc()])


def _failed(exc: Exception, lang: str) -> int:
    """Exit 2 with one line on stderr: what cannot be used and where (an InputError), or, for a bug, that it
    happened and where its traceback was logged. Call it inside the `except` that caught `exc`."""
    if isinstance(exc, InputError):
        print(f"planner: {error_message(exc.code, exc.details, lang)}", file=sys.stderr)
    else:
        log = _log_traceback()
        print(f"planner: {error_message('unexpected', {'error': f'{type(exc).__name__}: {exc}'}, lang)} "
              f"({log})", file=sys.stderr)
    return EXIT_INPUT


# --- the human-readable summary --------------------------------------------------------------------

#: Characters a terminal draws two columns wide (CJK, Hangul, full-width forms).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _width(text: str) -> int:
    if text.isascii():  # most cells (ids, numbers): no regex needed, a city has hundreds of thousands
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


ROLE_NAMES = {"plan": QT_TRANSLATE_NOOP("messages", "Plan"), "buildings": QT_TRANSLATE_NOOP("messages", "Buildings"),
              "green": QT_TRANSLATE_NOOP("messages", "Green areas"),
              "lines": QT_TRANSLATE_NOOP("messages", "Control lines"),
              "existing": QT_TRANSLATE_NOOP("messages", "Existing buildings")}
SUMMARY_COLUMNS = (QT_TRANSLATE_NOOP("messages", "Parcel"), QT_TRANSLATE_NOOP("messages", "Land use"),
                   *(INDICATOR_LABELS[i] for i in INDICATORS), QT_TRANSLATE_NOOP("messages", "Status"))




def _heading(title: str, count: int, lang: str) -> str:
    """A section heading with its count: "Violations (23):", in Chinese "不符合项（23）："."""
    return f"{title}（{count}）：" if lang == "zh" else f"{title} ({count}):"


def _tagged(name: str, text: str, lang: str) -> str:
    """A finding's sentence after its rule's name (never its id: ids are for the JSON): "[FAR above maximum] …",
    in Chinese "【容积率超过上限】…"."""
    return f"【{name}】{text}" if lang == "zh" else f"[{name}] {text}"


def _summary_rows(parcels: ParcelTable, lang: str) -> list[list[str]]:
    """One row per parcel: achieved value (limit) per indicator, ✗ where a rule on it is broken; a marginal breach
    (one that would pass once rounded) with its exact value, since the rounded one would not show it."""
    columns = [[str(i) for i in parcels.ids.tolist()], [c or "-" for c in parcels.land_use.tolist()]]
    estimated = tr(FAR_ESTIMATED, lang)
    for indicator in INDICATORS:
        achieved = getattr(parcels, ACHIEVED[indicator])
        values = format_values(indicator, achieved)
        limits = format_limits(indicator, parcels.lower[indicator], parcels.upper[indicator])
        breaches = [indicator_breaches(found, indicator) for found in parcels.violations]
        values = [format_value(indicator, float(achieved[k]), exact=True)
                  if found and all(v.marginal for v in found) else value
                  for k, (value, found) in enumerate(zip(values, breaches))]
        if indicator == "far" and parcels.far_estimated is not None:
            values = [f"{v} {estimated}" if e else v for v, e in zip(values, parcels.far_estimated.tolist())]
        columns.append([value + (f" ({limit})" if limit else "") + (" ✗" if found else "")
                        for value, limit, found in zip(values, limits, breaches)])
    columns.append([parcel_status_name(status, lang) for status in parcels.status.tolist()])
    return [list(row) for row in zip(*columns)]


#: An input measured in another CRS than its own; a plan in degrees or Web Mercator is measured in the zone of
#: its centre (planner.io.crs.working_crs).
MEASURED_IN = QT_TRANSLATE_NOOP("messages", "{crs}, measured in {working}")
MEASURED_IN_ZONE = QT_TRANSLATE_NOOP("messages", "{crs}, measured in {working}, the zone of its centre")


def _input_line(title: str, info: InputInfo, lang: str = "en", first: bool = False) -> str:
    """One input as the summaries show it: file, layer, features, CRS (and the one it was measured in) and (a
    plan's) version. `first`: the layer the working CRS was chosen by (the plan; the old one in a diff)."""
    version = f" · {info.version.describe()}" if info.version is not None and info.version.known else ""
    crs = info.crs or "-"
    if info.measured_in:
        template = MEASURED_IN_ZONE if first else MEASURED_IN
        crs = tr(template, lang).format(crs=crs, working=info.measured_in)
    return f"{title}: {info.path} [{info.layer}] {info.features} · {crs}{version}"


#: The terminal summary lists at most this many parcels (those not passing first) and this many findings and
#: warnings; a line then says how many more there are (every one is in the JSON and the report).
SUMMARY_PARCEL_LIMIT = 200
SUMMARY_FINDING_LIMIT = 500
MORE_PARCELS = QT_TRANSLATE_NOOP("messages", "… {count} more parcels (every parcel is in the JSON: --json, and the "
                                             "report: --pdf).")
MORE_FINDINGS = QT_TRANSLATE_NOOP("messages", "… {count} more (every one is in the JSON: --json, and the report: "
                                              "--pdf).")


def _shown_parcels(parcels: ParcelTable, limit: int = SUMMARY_PARCEL_LIMIT) -> tuple[ParcelTable, int]:
    """The parcels the summary table lists and how many it leaves out: all of them up to `limit`, else those not
    passing (violation, partial, not_assessed) first, in their order, up to `limit` rows."""
    if len(parcels) <= limit:
        return parcels, 0
    status = np.asarray(parcels.status, dtype=object)
    order = np.concatenate([np.flatnonzero(status != "pass"), np.flatnonzero(status == "pass")])[:limit]
    take = order.tolist()
    shown = dataclasses.replace(
        parcels, ids=parcels.ids[order], land_use=parcels.land_use[order], status=parcels.status[order],
        **{ACHIEVED[i]: getattr(parcels, ACHIEVED[i])[order] for i in INDICATORS},
        lower={i: parcels.lower[i][order] for i in INDICATORS}, upper={i: parcels.upper[i][order] for i in INDICATORS},
        violations=tuple(parcels.violations[k] for k in take),
        far_estimated=None if parcels.far_estimated is None else parcels.far_estimated[order])
    return shown, len(parcels) - len(take)


def print_summary(result: CheckResult, lang: str, out: TextIO, messages: dict[int, str] | None = None) -> None:
    """A table of the parcels the scheme touches, then each finding and warning in a sentence; bounded
    (SUMMARY_PARCEL_LIMIT, SUMMARY_FINDING_LIMIT) with a line saying how many more, for a city."""
    header = [tr(c, lang) for c in SUMMARY_COLUMNS]
    shown, more_parcels = _shown_parcels(result.parcels)
    rows = _summary_rows(shown, lang)
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [tr(QT_TRANSLATE_NOOP("messages", "Working CRS"), lang) + f": {result.crs}"]
    for role, info in [*result.inputs.items(), *(("lines", info) for info in result.lines)]:
        if info is not None:
            lines.append(_input_line(tr(ROLE_NAMES[role], lang), info, lang, first=role == "plan"))
    lines.append("")
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    if more_parcels:
        lines.append(tr(MORE_PARCELS, lang).format(count=f"{more_parcels:,}"))
    limit = SUMMARY_FINDING_LIMIT
    if result.violations:
        title = tr(QT_TRANSLATE_NOOP("messages", "Violations"), lang)
        lines += ["", _heading(title, len(result.violations), lang)]
        lines += [f"  {_tagged(rule_name(v.rule, lang), messages[id(v)] if messages else violation_message(v, lang), lang)}"
                  for v in result.violations[:limit]]
        if len(result.violations) > limit:
            lines.append("  " + tr(MORE_FINDINGS, lang).format(count=f"{len(result.violations) - limit:,}"))
    if result.warnings:
        title = tr(QT_TRANSLATE_NOOP("messages", "Warnings"), lang)
        lines += ["", _heading(title, len(result.warnings), lang)]
        lines += [f"  {_tagged(warning_name(w.code, lang), warning_message(w, lang), lang)}"
                  for w in result.warnings[:limit]]
        if len(result.warnings) > limit:
            lines.append("  " + tr(MORE_FINDINGS, lang).format(count=f"{len(result.warnings) - limit:,}"))
    closing = tr(QT_TRANSLATE_NOOP("messages", "{violations} violations on {parcels_violating} of "
                                   "{parcels_checked} parcels; {warnings} warnings."), lang)
    lines += ["", closing.format(**result.summary)]
    unchecked = unchecked_message(result.unchecked_counts(), lang)
    if unchecked:
        lines.append(unchecked)
    out.write("\n".join(lines) + "\n")


COMPARISON_TITLE = QT_TRANSLATE_NOOP("messages", "Against the other plan version {old} ({path}):")
COMPARISON_COUNTS = QT_TRANSLATE_NOOP("messages", "{appeared} findings appear, {disappeared} disappear and "
                                      "{changed} change under the version in force; {unchanged} are the same.")
COMPARISON_SAME = QT_TRANSLATE_NOOP("messages", "The verdicts are the same under both versions ({unchanged} "
                                    "findings).")
#: Markers of the comparison lines: + appears under the version in force, - disappears, ~ changes.
COMPARISON_LINES = {
    "appeared": QT_TRANSLATE_NOOP("messages", "Appear"),
    "disappeared": QT_TRANSLATE_NOOP("messages", "Disappear"),
    "changed": QT_TRANSLATE_NOOP("messages", "Change"),
}


def print_comparison(comparison, lang: str, out: TextIO) -> None:
    """The findings that depend on the plan version, after the summary of the version in force."""
    from planner.model import version_name

    old = comparison.old_plan
    lines = ["", tr(COMPARISON_TITLE, lang).format(old=version_name(old, full=True), path=old.path)]
    if not comparison.differs:
        lines.append("  " + tr(COMPARISON_SAME, lang).format(**comparison.summary))
        out.write("\n".join(lines) + "\n")
        return
    lines.append("  " + tr(COMPARISON_COUNTS, lang).format(**comparison.summary))
    for kind, marker, found in (("appeared", "+", comparison.appeared), ("disappeared", "-", comparison.disappeared)):
        if found:
            lines.append("  " + _heading(tr(COMPARISON_LINES[kind], lang), len(found), lang))
            lines += [f"    {marker} {_tagged(rule_name(v.rule, lang), violation_message(v, lang), lang)}"
                      for v in found]
    if comparison.changed:
        lines.append("  " + _heading(tr(COMPARISON_LINES['changed'], lang), len(comparison.changed), lang))
        for before, after in comparison.changed:
            lines.append(f"    ~ {_tagged(rule_name(after.rule, lang), violation_message(after, lang), lang)}")
            lines.append(f"      ← {violation_message(before, lang)}")
    out.write("\n".join(lines) + "\n")


# --- cases (issue 15): `planner case ...`, `planner check --case`, --register --------------------------------
# planner.cases.register does the work; these functions read options, word the results and set exit codes.

REGISTER_HELP = ("the case register (an SQLite file; default: cases.sqlite in Planner's user data folder, "
                 "e.g. ~/.local/share/Planner/Planner)")


def _add_case_options(check: argparse.ArgumentParser, gui: argparse.ArgumentParser) -> None:
    check.add_argument("--case", metavar="NUMBER|FILE.toml",
                       help="the application this check is for: a case NUMBER in the register (its plan, buildings, "
                       "green and lines files are checked when not given here; the check is recorded as a "
                       "submission and compared with the last one, and the reports written are recorded), or a "
                       "FILE.toml with the case's details (number, project, applicant, site, received, limit_days, "
                       "officer, reviewer, approver), recorded nowhere")
    check.add_argument("--register", metavar="PATH", help=REGISTER_HELP)
    gui.add_argument("--register", metavar="PATH", help=REGISTER_HELP)


def _add_case_parser(sub) -> None:
    case = sub.add_parser("case", help="the case register: add, list, show and close applications (案卷)",
                          description="Exit 0: done; 2: the register or the input could not be used.")
    actions = case.add_subparsers(dest="case_command", required=True)
    add = actions.add_parser("add", help="register a new case (受理)")
    add.add_argument("--from", dest="from_file", metavar="FILE.toml", help="the case's details from a file (the "
                     "options below override its values)")
    add.add_argument("--number", help="case number 受理号 (required, unique in the register)")
    add.add_argument("--project", help="project name 项目名称")
    add.add_argument("--applicant", help="applicant 建设单位")
    add.add_argument("--site", help="site 建设地点")
    add.add_argument("--received", metavar="YYYY-MM-DD", help="date of acceptance 受理日期")
    add.add_argument("--limit-days", metavar="N", help="time limit in working days (default 20, 行政许可法 第四十二条)")
    add.add_argument("--officer", help="officer 经办人")
    add.add_argument("--reviewer", help="reviewer 审核人")
    add.add_argument("--approver", help="approver 审定人")
    for role in ("plan", "buildings", "green"):
        add.add_argument(f"--{role}", metavar="FILE", help=f"the case's {role} file, registered with its SHA-256")
        add.add_argument(f"--{role}-layer", metavar="NAME")
    add.add_argument("--lines", metavar="FILE", action=_LinesFile, dest="lines", default=[],
                     help="a control-line file of the case; repeatable")
    add.add_argument("--lines-layer", metavar="NAME", action=_LinesLayer, dest="lines")
    listing = actions.add_parser("list", help="the cases with their deadlines and working days left")
    listing.add_argument("--json", action="store_true", help="one JSON object per case, as a JSON array")
    listing.add_argument("--open", action="store_true", help="leave closed cases out")
    listing.add_argument("--today", metavar="YYYY-MM-DD", help="count working days left from this day "
                         "(default: today)")
    show = actions.add_parser("show", help="a case's details, files, submissions, reports and status changes")
    show.add_argument("number")
    show.add_argument("--json", action="store_true")
    show.add_argument("--today", metavar="YYYY-MM-DD", help="count working days left from this day")
    close = actions.add_parser("close", help="close a case (办结)")
    close.add_argument("number")
    for parser in (add, listing, show, close):
        parser.add_argument("--register", metavar="PATH", help=REGISTER_HELP)
        parser.add_argument("--lang", choices=LANGUAGES, help="language of messages (default: from the system "
                            "locale)")


def _require_check_files(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--plan and --buildings are required unless a registered case (--case NUMBER) may hold them."""
    if args.case and not _is_case_file(args.case):
        return
    missing = [f"--{role}" for role in ("plan", "buildings") if not getattr(args, role)]
    if missing:
        parser.error("the following arguments are required: " + ", ".join(missing))


def _is_case_file(value: str) -> bool:
    return value.lower().endswith(".toml") or Path(value).is_file()


def _register_path(args: argparse.Namespace) -> Path:
    from planner.cases.register import default_register_path

    return Path(args.register) if getattr(args, "register", None) else default_register_path()


def _case_for(args: argparse.Namespace):
    """The case a command is for (`--case NUMBER` from the register, `--case FILE.toml` from the file), with its
    deadline counted over working days; None without --case. Raises InputError (exit 2) for an unknown number,
    an unreadable file or register."""
    from planner.cases.case_file import read_case_file, with_deadline
    from planner.cases.register import open_register

    value = getattr(args, "case", None)
    if not value:
        return None
    if _is_case_file(value):
        return with_deadline(read_case_file(value))
    with open_register(_register_path(args)) as register:
        return register.get_case(value)


@dataclasses.dataclass
class _CaseRun:
    """What `planner check --case NUMBER` carries from before the check to after it."""

    number: str
    register: Path
    previous: object = None  # the register's Submission compared with, or None (the first)
    resubmission: object = None  # planner.cases.resubmission.Resubmission
    submission: int | None = None  # the number the check is recorded as
    sentences: dict = dataclasses.field(default_factory=dict)  # finding key -> this check's sentence


def _case_begin(args: argparse.Namespace) -> None:
    """For --case NUMBER: the registered files fill in what the command line does not give."""
    args.case_run = None
    if not getattr(args, "case", None) or _is_case_file(args.case):
        if getattr(args, "case", None):
            _case_for(args)  # a case file that cannot be read stops the run before the check
        return
    from planner.cases.register import open_register

    path = _register_path(args)
    with open_register(path) as register:
        record = register.record(args.case)
    if record.case.status == "closed":
        raise InputError("case_closed", number=args.case, path=str(path))
    current = record.current_files()
    for role in ("plan", "buildings", "green"):
        if not getattr(args, role):
            found = [f for f in current if f.role == role]
            if found:
                setattr(args, role, found[-1].path)
                setattr(args, f"{role}_layer", getattr(args, f"{role}_layer") or found[-1].layer or None)
            elif role != "green":
                raise InputError("case_role_missing", number=args.case, path=str(path),
                                 role=tr(ROLE_NAMES[role], default_language() if not args.lang else args.lang),
                                 option=f"--{role}")
    if not args.lines:
        args.lines = [(f.path, f.layer or None) for f in current if f.role == "lines"]
    args.case_run = _CaseRun(number=args.case, register=path)


def _submitted_files(args: argparse.Namespace, result: CheckResult) -> list:
    from planner.cases.register import CaseFile

    files = [CaseFile(role=role, path=os.path.abspath(info.path), layer=info.layer, sha256=info.sha256)
             for role, info in result.inputs.items() if info is not None]
    files += [CaseFile(role="lines", path=os.path.abspath(info.path), layer=info.layer, sha256=info.sha256)
              for info in result.lines]
    if getattr(args, "declared", None):
        files.append(CaseFile.of("declared", args.declared))
    return files


def _case_compare(args: argparse.Namespace, result: CheckResult) -> None:
    """Compare the check with the case's last submission of another scheme (before the outputs: the JSON and
    the documents carry the comparison)."""
    run = getattr(args, "case_run", None)
    if run is None:
        return
    from planner.cases.register import open_register
    from planner.cases.resubmission import compare_submissions, finding_records

    from planner.cases.register import scheme_digest

    files = _submitted_files(args, result)
    with open_register(run.register) as register:
        run.previous = register.previous_submission(run.number, files)
        submissions = register.submissions(run.number)
    # The number add_submission will give it: the latest again when the scheme is the same, else the next one.
    same = bool(submissions) and submissions[-1].scheme == scheme_digest(files)
    run.submission = (submissions[-1].number if same else submissions[-1].number + 1) if submissions else 1
    if run.previous is not None:
        run.resubmission = compare_submissions(run.previous.findings, finding_records(result), run.previous.number,
                                               run.submission)


#: Outputs of `planner check` recorded as reports of the case: option -> kind (planner.cases.register.REPORT_KINDS).
_CASE_OUTPUTS = (("pdf", "report"), ("notice", "notice"), ("opinion", "opinion"), ("xlsx", "spreadsheet"),
                 ("gpkg", "geopackage"), ("json", "json"))


def _case_record(args: argparse.Namespace, result: CheckResult, review, messages: dict[int, str],
                 lang: str) -> None:
    """Record the check as a submission of the case, with the files checked, the reports written and the review,
    in one transaction (the review in a second one)."""
    run = getattr(args, "case_run", None)
    if run is None:
        return
    from planner.cases.register import Report, open_register
    from planner.cases.resubmission import finding_records

    reports = [Report(kind=kind, path=os.path.abspath(path), sha256="", issued_at="")
               for option, kind in _CASE_OUTPUTS if (path := getattr(args, option, None)) and path != "-"]
    with open_register(run.register) as register:
        records = finding_records(result, messages, lang)
        run.submission = register.add_submission(run.number, _submitted_files(args, result), records, reports)
        run.sentences = {r["key"]: r.get("message") for r in records["violations"]}
        if run.resubmission is not None:
            run.resubmission = dataclasses.replace(run.resubmission, current=run.submission)
        if review is not None and not review.is_empty:
            from planner.review import review_text

            register.save_review(run.number, review_text(review))
        if getattr(args, "notice", None):
            register.set_status(run.number, "notified")


def _case_json(args: argparse.Namespace, result: CheckResult, messages: dict[int, str]) -> dict:
    """The case's part of planner.check/1: "case" (details, deadline) and "resubmission" (fixed, still open,
    new against the last submission, each with its sentence: this check's for those still open or new, the
    previous check's for those fixed; null on the first)."""
    run = getattr(args, "case_run", None)
    if run is None:
        return {}
    from planner.model import finding_key

    now = {finding_key(v): messages.get(id(v)) for v in result.violations}
    resubmission = None
    if run.resubmission is not None:
        resubmission = run.resubmission.as_json()
        for kind in ("still_open", "new"):
            for item in resubmission[kind]:
                item["message"] = now.get(item["key"])
    from planner.cases.register import open_register

    with open_register(run.register) as register:
        case = register.get_case(run.number)
    return {"case": {"number": case.number, "project": case.project, "applicant": case.applicant,
                     "received": case.received.isoformat() if case.received else None,
                     "deadline": case.deadline.isoformat() if case.deadline else None,
                     "deadline_estimated": case.deadline_estimated, "status": case.status},
            "resubmission": resubmission}


def _where(record: dict, lang: str) -> str:
    from planner.cases.resubmission import where

    named = where(record)
    return " · ".join(x for x in (named["parcel"], named["building"]) if x) or "-"


def print_case_run(args: argparse.Namespace, lang: str, messages: dict[int, str], out: TextIO) -> None:
    """After the summary: the comparison with the case's last submission, and where the check was recorded."""
    run = getattr(args, "case_run", None)
    if run is None:
        return
    from planner.messages import (
        CASE_RECORDED,
        RESUBMISSION_ALL_FIXED,
        RESUBMISSION_FIRST,
        RESUBMISSION_SECTIONS,
        RESUBMISSION_TITLE,
    )

    lines = [""]
    found = run.resubmission
    if found is None:
        lines.append(tr(RESUBMISSION_FIRST, lang).format(number=run.number))
    else:
        lines.append(tr(RESUBMISSION_TITLE, lang).format(previous=found.previous, **found.summary))
        for kind, marker, items in (("fixed", "✓", found.fixed), ("still_open", "✗", found.still_open),
                                    ("new", "+", found.new)):
            if not items:
                continue
            lines.append("  " + _heading(tr(RESUBMISSION_SECTIONS[kind], lang), len(items), lang))
            for item in items:
                if kind == "fixed":  # the sentence of the check that found it, if in the same language
                    own = item.get("message") if found.previous_lang == lang else None
                else:
                    own = run.sentences.get(item["key"])
                text = own or _where(item, lang)
                lines.append(f"    {marker} {_tagged(rule_name(item['rule'], lang), text, lang)}")
        if found.all_fixed:
            lines.append("  " + tr(RESUBMISSION_ALL_FIXED, lang).format(previous=found.previous))
    lines.append(tr(CASE_RECORDED, lang).format(number=run.number, submission=run.submission, path=run.register))
    out.write("\n".join(lines) + "\n")


def _case_role_name(role: str, lang: str) -> str:
    if role == "declared":
        return tr(CASE_DECLARED_ROLE, lang)
    return tr(ROLE_NAMES[role], lang) if role in ROLE_NAMES else role


def _case_report_kind(kind: str, lang: str) -> str:
    return tr(CASE_REPORT_KINDS[kind], lang) if kind in CASE_REPORT_KINDS else kind


def run_case(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    try:
        with _warnings_to_log():
            {"add": _case_add, "list": _case_list, "show": _case_show, "close": _case_close}[args.case_command](
                args, lang)
    except Exception as exc:  # an input that cannot be used, or a bug: one line either way
        return _failed(exc, lang)
    return EXIT_PASS


# === issue 15: declared figures, 一次性告知书, 审查意见书, 规划条件 ==============================================
def _add_document_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("--declared", metavar="FILE", help="the applicant's declared indicators (技术经济指标), CSV or "
                       "XLSX with the columns parcel (blank: the whole scheme), indicator and declared; a figure "
                       "that differs from the drawing beyond tolerance is a finding (kind declared)")
    check.add_argument("--notice", metavar="PDF", help="write the 一次性告知书 to the applicant: every item to correct")
    check.add_argument("--opinion", metavar="PDF", help="write the 审查意见书 (the review opinion to sign)")
    check.add_argument("--resubmit-days", metavar="N", type=int, default=None,
                       help="working days the applicant has to resubmit after the notice (default: the office's "
                            "setting in office.toml, else 10)")
    check.add_argument("--signoff-levels", type=int, choices=(2, 3), default=None,
                       help="sign-off lines of the opinion: 3 (经办/审核/审定) or 2 (一审一核); default: the "
                            "office's setting, else 3")


def _with_declared(args: argparse.Namespace, result: CheckResult) -> CheckResult:
    """The result with the --declared figures beside the measured ones, and their findings."""
    if not getattr(args, "declared", None):
        return result
    from planner.checking.declared import with_declared
    from planner.io.declared import read_declared

    return with_declared(result, read_declared(args.declared), args.declared)


def _office_settings(args: argparse.Namespace):
    from planner.cases.office import load_office_settings

    return load_office_settings().overridden(resubmit_days=args.resubmit_days, signoff_levels=args.signoff_levels,
                                             authority=args.authority)


def _write_documents(args: argparse.Namespace, result: CheckResult, review, lang: str) -> None:
    """--notice and --opinion."""
    if not (getattr(args, "notice", None) or getattr(args, "opinion", None)):
        return
    from planner.report.official import document_meta

    if args.resubmit_days is not None and not 1 <= args.resubmit_days <= 366:
        raise InputError("case_value", path="--resubmit-days", key="resubmit_days", value=str(args.resubmit_days),
                         expected="1-366")
    meta = document_meta(result, _case_for(args), plan_name=args.plan_name, settings=_office_settings(args))
    try:
        if args.notice:
            from planner.report.notice import write_notice

            write_notice(result, meta, args.notice, lang, review)
        if args.opinion:
            from planner.report.opinion import write_opinion

            case_run = getattr(args, "case_run", None)
            write_opinion(result, meta, args.opinion, lang, review, case_run.resubmission if case_run else None)
    except OSError as exc:
        raise InputError("output_unwritable", path=exc.filename or "", error=exc.strerror or str(exc)) from None


def _add_conditions_parser(sub) -> None:
    conditions = sub.add_parser("conditions", help="write a parcel's planning conditions (规划条件) as PDF",
                                description="The parcel's indicators as written and as read, its land use, setback "
                                "and the control lines that touch it, with the plan's approval number. Exit 0: "
                                "written; 2: the input could not be read.")
    conditions.add_argument("--plan", required=True, metavar="FILE", help="plan parcel layer")
    conditions.add_argument("--plan-layer", metavar="NAME", help=LAYER_HELP)
    conditions.add_argument("--parcel", required=True, metavar="ID", help="the parcel's id (地块编号)")
    conditions.add_argument("--pdf", required=True, metavar="PATH", help="the PDF to write")
    conditions.add_argument("--lines", metavar="FILE", action=_LinesFile, dest="lines", default=[],
                            help="control lines and zones (repeatable), as for planner check")
    conditions.add_argument("--lines-layer", metavar="NAME", action=_LinesLayer, dest="lines")
    conditions.add_argument("--mapping", metavar="FILE.toml", help="field names for layers Planner does not recognise")
    conditions.add_argument("--plan-name", metavar="TEXT", default="", help="plan name for the sheet")
    conditions.add_argument("--plan-approval", metavar="TEXT", default="", help="approval number 批复文号")
    conditions.add_argument("--authority", metavar="NAME", default="", help="the issuing authority")
    conditions.add_argument("--land-use-edition", choices=EDITIONS, metavar="{" + ",".join(EDITIONS) + "}")
    conditions.add_argument("--lang", choices=LANGUAGES, help="language (default: from the system locale)")


def run_conditions(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    try:
        from planner.checking.conditions import parcel_conditions
        from planner.io.controls import load_controls
        from planner.io.fields import load_mapping
        from planner.io.layers import load_plan
        from planner.io.plan_version import with_version
        from planner.report.conditions import write_conditions
        from planner.report.official import document_meta

        mapping = load_mapping(args.mapping) if args.mapping else None
        plan = with_version(load_plan(args.plan, args.plan_layer, mapping), "", args.plan_approval, "")
        controls = [load_controls(path, layer, mapping) for path, layer in args.lines]
        conditions = parcel_conditions(plan, args.parcel, controls, land_use_edition=args.land_use_edition)
        meta = document_meta(None, plan_name=args.plan_name, settings=_office_settings_plain(args),
                             plan_info=plan.info)
        try:
            write_conditions(conditions, meta, args.pdf, lang)
        except OSError as exc:
            raise InputError("output_unwritable", path=exc.filename or args.pdf,
                             error=exc.strerror or str(exc)) from None
    except Exception as exc:  # an input that cannot be used, or a bug: one line either way
        return _failed(exc, lang)
    return EXIT_PASS


def _today(args: argparse.Namespace):
    from planner.cases.case_file import case_details

    if not getattr(args, "today", None):
        return None
    return case_details({"number": "-", "received": args.today}, "--today").received


def _case_add(args: argparse.Namespace, lang: str) -> None:
    from planner.cases.case_file import CASE_KEYS, case_details
    from planner.cases.register import CaseFile, open_register
    from planner.messages import CASE_ADDED, case_deadline_text

    values: dict = {}
    source = "planner case add"
    if args.from_file:
        import tomllib

        path = Path(args.from_file)
        if not path.is_file():
            raise InputError("file_missing", path=str(path))
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise InputError("case_file_unreadable", path=str(path), error=str(error)) from None
        source = str(path)
    for key in CASE_KEYS:
        if getattr(args, key, None) not in (None, ""):
            values[key] = getattr(args, key)
    case = case_details(values, source)
    files = []
    for role in ("plan", "buildings", "green"):
        if getattr(args, role):
            if not Path(getattr(args, role)).exists():
                raise InputError("file_missing", path=getattr(args, role))
            files.append(CaseFile.of(role, getattr(args, role), getattr(args, f"{role}_layer")))
    for path, layer in args.lines:
        if not Path(path).exists():
            raise InputError("file_missing", path=path)
        files.append(CaseFile.of("lines", path, layer))
    register_path = _register_path(args)
    with open_register(register_path) as register:
        added = register.add_case(case, files)
    print(tr(CASE_ADDED, lang).format(number=added.number, path=register_path,
                                      deadline=case_deadline_text(added.deadline, added.deadline_estimated, lang)))


def _case_table(rows, lang: str) -> list[str]:
    from planner.messages import CASE_COLUMNS, case_days_left_text, case_deadline_text, case_status_name

    header = [tr(CASE_COLUMNS[key], lang) for key in CASE_COLUMNS]
    cells = [[r.case.number, r.case.project or "-", r.case.applicant or "-",
              r.case.received.isoformat() if r.case.received else "-",
              case_deadline_text(r.case.deadline, r.case.deadline_estimated, lang),
              case_days_left_text(r.working_days_left, r.overdue, r.due_soon, lang) if r.case.status != "closed"
              else "-", case_status_name(r.case.status, lang)] for r in rows]
    widths = [max(_width(row[i]) for row in [header, *cells]) for i in range(len(header))]
    return ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in [header, *cells]]


def _case_list(args: argparse.Namespace, lang: str) -> None:
    from planner.cases.register import open_register
    from planner.messages import CASE_NONE

    path = _register_path(args)
    with open_register(path) as register:
        rows = register.list_cases(_today(args), include_closed=not args.open)
    if args.json:
        _write_json([row.as_json() for row in rows], "-")  # type: ignore[arg-type]
        return
    if not rows:
        print(tr(CASE_NONE, lang).format(path=path))
        return
    print("\n".join(_case_table(rows, lang)))


def _local_time(stamp: str) -> str:
    """A stored UTC time stamp in local time, to the minute."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _case_show(args: argparse.Namespace, lang: str) -> None:
    from planner.cases.register import open_register
    from planner.messages import (
        CASE_LABELS,
        CASE_SECTIONS,
        CASE_SUBMISSION,
        CASE_SUBMISSION_LINE,
        CASE_WITH_APPLICATION,
        case_status_name,
    )

    with open_register(_register_path(args)) as register:
        record = register.record(args.number, _today(args))
    if args.json:
        _write_json(record.as_json(), "-")
        return
    case = record.case
    lines = _case_table([record.row], lang)
    for key, label in CASE_LABELS.items():
        value = getattr(case, key)
        colon = "：" if lang == "zh" else ": "
        lines.append(f"{tr(label, lang)}{colon}{value if value not in ('', None) else '-'}")
    if record.files:
        lines += ["", _heading(tr(CASE_SECTIONS["files"], lang), len(record.files), lang)]
        for f in record.files:
            when = tr(CASE_WITH_APPLICATION, lang) if f.submission is None else \
                tr(CASE_SUBMISSION, lang).format(number=f.submission)
            layer = f" [{f.layer}]" if f.layer else ""
            lines.append(f"  {_case_role_name(f.role, lang)}{'：' if lang == 'zh' else ': '}"
                         f"{f.path}{layer} · SHA-256 {f.sha256 or '-'} · {when}")
    if record.submissions:
        lines += ["", _heading(tr(CASE_SECTIONS["submissions"], lang), len(record.submissions), lang)]
        lines += ["  " + tr(CASE_SUBMISSION_LINE, lang).format(number=s.number, time=_local_time(s.checked_at),
                                                               violations=s.violations, warnings=s.warnings)
                  for s in record.submissions]
    if record.reports:
        lines += ["", _heading(tr(CASE_SECTIONS["reports"], lang), len(record.reports), lang)]
        lines += [f"  {_local_time(r.issued_at)}  {_case_report_kind(r.kind, lang)}{'：' if lang == 'zh' else ': '}{r.path} · SHA-256 {r.sha256 or '-'}"
                  for r in record.reports]
    lines += ["", _heading(tr(CASE_SECTIONS["events"], lang), len(record.events), lang)]
    lines += [f"  {_local_time(e.at)}  {case_status_name(e.status, lang)}" + (f" ({e.note})" if e.note else "")
              for e in record.events]
    print("\n".join(lines))


def _case_close(args: argparse.Namespace, lang: str) -> None:
    from planner.cases.register import open_register
    from planner.messages import CASE_CLOSED

    with open_register(_register_path(args)) as register:
        register.close_case(args.number)
    print(tr(CASE_CLOSED, lang).format(number=args.number))


def _office_settings_plain(args: argparse.Namespace):
    from planner.cases.office import load_office_settings

    return load_office_settings().overridden(authority=args.authority)


# === end of issue 15 ============================================================================================


# --- sunlight (日照分析): --existing, --sunlight-zone, --city-size, --sunlight-city -----------------------------

def _add_sunlight_arguments(check: argparse.ArgumentParser) -> None:
    from planner.checking.sunlight import CITY_SIZES, ZONES, city_names

    check.add_argument("--existing", metavar="FILE", help="existing buildings around the site (现状建筑) with heights "
                       "or storeys and uses: they shade the scheme, and their homes are checked for the sun the "
                       "scheme takes from them")
    check.add_argument("--existing-layer", metavar="NAME", help=LAYER_HELP)
    check.add_argument("--sunlight-zone", choices=ZONES, help="building climate zone (建筑气候区划) for the sunlight "
                       "standard of GB 50180-2018 table 4.0.9; without it or --sunlight-city, sunlight is not checked")
    check.add_argument("--city-size", choices=CITY_SIZES, help="large: 城区常住人口 ≥ 50万; small: < 50万")
    check.add_argument("--sunlight-city", metavar="NAME", help="a city entry of resources/sunlight.toml (its zone, "
                       "size and local parameters): " + ", ".join(city_names()))
    check.add_argument("--old-district", action="store_true", help="the scheme is 旧区改建: its new homes need 大寒日 "
                       "≥ 1 h (GB 50180-2018 4.0.9)")


def _sunlight(args: argparse.Namespace, result: CheckResult, layers: dict, mapping, progress) -> CheckResult:
    """The result with sunlight analysed as chosen (or a warning that it was not checked)."""
    from planner.checking.sunlight import apply, needs_sunlight, settings
    from planner.io.existing import load_existing

    config = settings(args.sunlight_zone, args.city_size, args.sunlight_city, args.old_district)
    existing = None
    if args.existing:
        progress(0.9, "reading buildings")
        existing = load_existing(args.existing, args.existing_layer, mapping)
        layers["existing"] = existing
    progress(0.95, "sunlight")
    args.sunlight_matters = needs_sunlight(layers["buildings"], existing)  # "not checked" is printed then
    result = apply(result, layers["buildings"], existing, config)
    if existing is not None:
        result = dataclasses.replace(result, inputs={**result.inputs, "existing": existing.info})
    return result
