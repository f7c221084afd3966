"""Running a corpus case through `planner check`/`planner diff` in this process, and checking what came of it.

`run_cli` calls planner.cli.main with stdout and stderr caught at the file descriptors (so what GDAL itself prints
counts too). `verify` asserts everything every case must meet, whatever its class: no exception escapes, no
"Unexpected error", the log in the cache folder gains no traceback, the inputs are unchanged, stderr is exactly one
line on exit 2 (and empty otherwise, but for an expected notice); then the case's own expectation.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from planner.cli import log_dir, main
from tests.core.corpus.generate import BASELINES, Case, Clean, Exit2, Warn


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    document: dict | None  # the JSON written with --json, None when none was


def run_cli(argv: list[str] | tuple[str, ...]) -> tuple[int, str, str]:
    """main(argv) with file descriptors 1 and 2 (and sys.stdout/stderr) caught: (exit code, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        saved_fds = os.dup(1), os.dup(2)
        saved_streams = sys.stdout, sys.stderr
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = io.TextIOWrapper(open(os.dup(1), "wb"), encoding="utf-8", write_through=True)  # noqa: SIM115
        sys.stderr = io.TextIOWrapper(open(os.dup(2), "wb"), encoding="utf-8", write_through=True)  # noqa: SIM115
        try:
            try:
                code = main(list(argv))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
        finally:
            sys.stdout.close()
            sys.stderr.close()
            sys.stdout, sys.stderr = saved_streams
            os.dup2(saved_fds[0], 1)
            os.dup2(saved_fds[1], 2)
            os.close(saved_fds[0])
            os.close(saved_fds[1])
        out.seek(0)
        err.seek(0)
        return code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


def run(argv: tuple[str, ...], out: Path) -> Run:
    """A check or diff with --lang en and its JSON written to `out`."""
    out.unlink(missing_ok=True)
    code, stdout, stderr = run_cli([*argv, "--lang", "en", "--json", str(out)])
    document = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return Run(code, stdout, stderr, document)


# --- what the inputs hold -----------------------------------------------------------------------------------------

def input_files(case: Case, folder: Path) -> list[Path]:
    """Every file the case may read: the case folder's, and the sample files its command names (with their
    Shapefile parts and any review file beside them)."""
    found = {p for p in folder.rglob("*") if p.is_file()}
    for arg in case.argv:
        path = Path(arg)
        if not path.is_absolute() or not path.exists() or folder in path.parents:
            continue
        if path.is_dir():
            found |= {p for p in path.rglob("*") if p.is_file()}
        else:
            found |= {p for p in path.parent.glob(path.stem + ".*") if p.is_file()}
    return sorted(found)


def fingerprint(paths: list[Path]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "gone" for p in paths}


# --- the JSON documents -------------------------------------------------------------------------------------------

def findings(document: dict) -> set[tuple]:
    """Each finding as (rule, parcel, building): what it says and of what, not its numbers."""
    return {(v["rule"], v["parcel"], v["building"]) for v in document["violations"]}


def _warning_key(w: dict) -> tuple:
    return w["code"], w["parcel"], w["building"]


def new_warnings(document: dict, baseline: dict) -> list[dict]:
    """The warnings of `document` beyond the baseline's, told apart by code, parcel and building (the files'
    names differ), counting repeats."""
    left = Counter(_warning_key(w) for w in baseline["warnings"])
    extra = []
    for w in document["warnings"]:
        if left[_warning_key(w)] > 0:
            left[_warning_key(w)] -= 1
        else:
            extra.append(w)
    return extra


def same_parcel(parcel: dict, document: dict, baseline: dict) -> dict | None:
    """The baseline's parcel that `parcel` is: the one with its id, or (when the case gave the id to two parcels,
    or took it away) the one with the same buildings on it."""
    ids = [p["id"] for p in document["parcels"]]
    if ids.count(parcel["id"]) == 1:
        found = [p for p in baseline["parcels"] if p["id"] == parcel["id"]]
        if found:
            return found[0]
    found = [p for p in baseline["parcels"] if p["buildings"] == parcel["buildings"]]
    return found[0] if found else None


def no_silent_pass(document: dict, baseline: dict) -> None:
    """No parcel, and no checked item of a parcel, passes unless it passes on the clean baseline too."""
    for parcel in document["parcels"]:
        before = same_parcel(parcel, document, baseline)
        if parcel["status"] == "pass":
            assert before is not None and before["status"] == "pass", \
                f"parcel {parcel['id']} passes; on the clean data: {before and before['status']}"
        for item, checked in parcel["checked"].items():
            if checked == "pass":
                assert before is not None and before["checked"][item] == "pass", \
                    f"parcel {parcel['id']} {item} passes; on the clean data: {before and before['checked'][item]}"


def findings_only_on(document: dict, baseline: dict, touches: frozenset[str]) -> None:
    """Every finding the baseline does not have names a parcel or building the bad feature touches."""
    stray = [f for f in findings(document) - findings(baseline) if not ({f[1], f[2]} & touches)]
    assert not stray, f"findings on what the bad feature does not touch: {sorted(stray, key=str)}"


def diff_entries(document: dict) -> set[str]:
    """Every entry of a planner.diff/1 document's lists, as text ("removed: XG-06-02", "changed: {...}")."""
    return {f"{key}: {json.dumps(entry, ensure_ascii=False, sort_keys=True)}"
            for key in ("added", "removed", "changed", "split", "merged") for entry in document[key]}


# --- the checks ---------------------------------------------------------------------------------------------------

def verify(case: Case, folder: Path, out: Path, baselines: dict[str, Run]) -> Run:
    """Run `case` (written into `folder`) and assert what every case and this one must meet."""
    inputs = input_files(case, folder)
    before = fingerprint(inputs)
    log = log_dir() / "planner.log"
    log_before = log.read_text(encoding="utf-8") if log.exists() else ""
    result = run(case.argv, out)
    assert fingerprint(inputs) == before, "an input file was changed"
    log_after = log.read_text(encoding="utf-8") if log.exists() else ""
    assert "Traceback" not in log_after[len(log_before):], log_after[len(log_before):]
    assert "Unexpected error" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    expect = case.expect
    if isinstance(expect, Exit2):
        assert result.code == 2, (result.code, result.stderr, result.stdout[-2000:])
        assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, repr(result.stderr)
        assert result.stderr.startswith("planner: "), result.stderr
        missing = [w for w in expect.words if w not in result.stderr]
        assert not missing, f"{missing} not in: {result.stderr}"
        assert result.stdout == "", result.stdout
        return result
    assert result.code in (0, 1), (result.code, result.stderr)
    if isinstance(expect, Warn) and expect.stderr:
        assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, repr(result.stderr)
        missing = [w for w in expect.stderr if w not in result.stderr]
        assert not missing, f"{missing} not in: {result.stderr}"
    else:
        assert result.stderr == "", result.stderr
    document, baseline = result.document, baselines[case.baseline].document
    assert document is not None and baseline is not None
    if case.baseline == "diff":
        _verify_diff(expect, document, baseline)
        return result
    assert result.code == (1 if document["violations"] else 0)
    extra = new_warnings(document, baseline)
    if isinstance(expect, Clean):
        assert {w["code"] for w in extra} <= set(expect.codes), [w["message"][:300] for w in extra]
        assert result.code == baselines[case.baseline].code
        assert findings(document) == findings(baseline), findings(document) ^ findings(baseline)
        table = {p["id"]: (p["status"], p["checked"]) for p in document["parcels"]}
        assert table == {p["id"]: (p["status"], p["checked"]) for p in baseline["parcels"]}
        return result
    codes = {w["code"] for w in extra}
    assert set(expect.codes) <= codes, (expect.codes, [w["message"][:300] for w in extra])
    if expect.words:
        messages = [w["message"] for w in extra if w["code"] == expect.codes[0]]
        assert any(all(word in m for word in expect.words) for m in messages), (expect.words, messages)
        assert all(len(m) < 1000 for m in messages), "a warning echoes a whole cell"
    no_silent_pass(document, baseline)
    findings_only_on(document, baseline, expect.touches)
    if expect.verdict is not None:
        expect.verdict(document, baseline)
    return result


def _verify_diff(expect: Exit2 | Warn | Clean, document: dict, baseline: dict) -> None:
    """A bad parcel in one version changes what the diff says only about that parcel, and is named by a warning."""
    differs = diff_entries(document) ^ diff_entries(baseline)
    if isinstance(expect, Clean):
        assert not differs, differs
        return
    codes = {w["code"] for w in document["warnings"]} - {w["code"] for w in baseline["warnings"]}
    assert set(expect.codes) <= codes, (expect.codes, document["warnings"])
    messages = [w["message"] for w in document["warnings"] if w["code"] == expect.codes[0]]
    assert any(all(word in m for word in expect.words) for m in messages), (expect.words, messages)
    stray = [entry for entry in differs if not any(f'"{t}"' in entry for t in expect.touches)]
    assert not stray, f"the diff changed about parcels the bad one is not: {stray}"


def baseline_runs(folder: Path) -> dict[str, Run]:
    """The clean runs, once."""
    runs = {}
    for name, argv in BASELINES.items():
        runs[name] = run(argv, folder / f"baseline-{name}.json")
        assert runs[name].code in (0, 1) and runs[name].stderr == "", (name, runs[name].stderr)
    return runs
