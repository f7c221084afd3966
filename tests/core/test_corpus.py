"""Our own corpus of malformed inputs (issue 11): every case of tests/core/corpus/generate.py through `planner check`
or `planner diff`, in this process, and a handful as users run them.

Each case ends in exit 2 with one line on stderr naming what and where, or in its warnings and a verdict that is
right: nothing passes that does not pass on the clean sample, no finding appears on what the bad feature does not
touch. Whatever the case: no exception escapes, no traceback reaches the log, the inputs are never changed.
The counts by outcome class are printed at the end of the run (also: python -m tests.core.corpus.report).
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.core.corpus import generate
from tests.core.corpus.generate import Clean, Exit2, Warn, build, builders
from tests.core.corpus.run import baseline_runs, findings_only_on, no_silent_pass, verify
from tests.helpers import ROOT

NAMES = list(builders())
OUTCOMES: Counter = Counter()


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory) -> Path:
    """The cache folder (and its log) of every run of this module: planner.cli.log_dir follows XDG_CACHE_HOME."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="module")
def baselines(cache_folder, tmp_path_factory):
    return baseline_runs(tmp_path_factory.mktemp("baselines"))


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    """The counts by outcome class, printed once the module has run."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and sum(OUTCOMES.values()):
        with capture.global_and_fixture_disabled():  # past the output capture, onto the terminal
            reporter.write_line("")
            reporter.write_line(f"corpus: {sum(OUTCOMES.values())} cases passed: " + ", ".join(
                f"{outcome} {OUTCOMES[outcome]}" for outcome in ("exit 2", "warning, right verdict", "clean")))


@pytest.mark.parametrize("name", NAMES)
def test_case(name, tmp_path, cache_folder, baselines):
    case = build(name, tmp_path / "in")
    verify(case, tmp_path / "in", tmp_path / "out.json", baselines)
    OUTCOMES[case.outcome] += 1


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = Counter(kind for kind, _build in builders().values())
    assert len(NAMES) >= 150
    assert set(kinds) == {"plan", "buildings", "green", "lines", "dxf", "files", "mapping", "review", "diff"}
    assert all(count >= 10 for count in kinds.values()), kinds


def test_the_verdict_checks_can_fail(baselines):
    """A parcel item passing that fails on the clean sample, or a finding on a parcel the bad feature does not
    touch, is caught (the corpus found both before planner.io.clean.traces)."""
    clean = baselines["scheme"].document
    doctored = copy.deepcopy(clean)
    parcel = next(p for p in doctored["parcels"] if p["id"] == "XG-06-02")
    parcel["checked"]["density"] = "pass"
    with pytest.raises(AssertionError, match="XG-06-02 density passes"):
        no_silent_pass(doctored, clean)
    doctored = copy.deepcopy(clean)
    doctored["violations"].append({**doctored["violations"][0], "rule": "far_max", "parcel": "XG-01-01"})
    with pytest.raises(AssertionError, match="XG-01-01"):
        findings_only_on(doctored, clean, generate.touched_by("buildings", "4#"))
    findings_only_on(doctored, clean, generate.touched_by("plan", "XG-01-01"))


# --- as users run it ------------------------------------------------------------------------------------------------

#: Cases run as `python -m planner ...`: one of each kind of input, and two that go on.
AS_USERS_RUN = ("files-dxf-cut-entities", "files-folder-plan", "mapping-utf16", "review-cut-mid-character",
                "plan-fields-missing-all", "buildings-crs-degrees-label", "diff-old-cut", "buildings-vertex-nan-middle",
                "review-beside-for-other-scheme")


def test_a_handful_as_users_run_them(tmp_path, cache_folder):
    cases = {name: build(name, tmp_path / name) for name in AS_USERS_RUN}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", "XDG_CACHE_HOME": str(cache_folder),
           "PYTHONPATH": str(ROOT)}

    def run(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "planner", *cases[name].argv, "--lang", "en"],
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                              timeout=300, check=False)

    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(zip(AS_USERS_RUN, pool.map(run, AS_USERS_RUN)))
    for name, finished in done.items():
        expect = cases[name].expect
        assert "Traceback" not in finished.stderr and "Unexpected error" not in finished.stderr, (name, finished.stderr)
        if isinstance(expect, Exit2):
            assert finished.returncode == 2, (name, finished.returncode, finished.stderr)
            assert finished.stderr.startswith("planner: ") and finished.stderr.count("\n") == 1, (name, finished.stderr)
            assert all(word in finished.stderr for word in expect.words), (name, finished.stderr)
            assert finished.stdout == ""
        else:
            assert isinstance(expect, Warn | Clean)
            assert finished.returncode == 1, (name, finished.stderr)
            assert finished.stderr.count("\n") == (1 if isinstance(expect, Warn) and expect.stderr else 0), \
                (name, finished.stderr)
    log = cache_folder / "planner" / "planner.log"
    assert not log.exists() or "Traceback" not in log.read_text(encoding="utf-8")
