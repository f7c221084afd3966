"""Run the whole corpus outside pytest and print the counts by outcome class (and any case that fails).

    PYTHONPATH=. python -m tests.core.corpus.report [FOLDER] [NAME-PREFIX ...]

FOLDER (default: a temporary folder) receives each case's inputs and outputs; the log goes to FOLDER/cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="planner-corpus-"))
    root.mkdir(parents=True, exist_ok=True)
    prefixes = tuple(argv[1:])
    os.environ["XDG_CACHE_HOME"] = str(root / "cache")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tests.core.corpus.generate import build, builders
    from tests.core.corpus.run import baseline_runs, verify

    start = time.monotonic()
    baselines = baseline_runs(root)
    counts: Counter = Counter()
    kinds: Counter = Counter()
    failed = []
    names = [n for n in builders() if not prefixes or n.startswith(prefixes)]
    for name in names:
        folder = root / name
        try:
            case = build(name, folder / "in")
            verify(case, folder / "in", folder / "out.json", baselines)
        except Exception:  # noqa: BLE001  (a report: every failure is listed)
            failed.append((name, traceback.format_exc(limit=3)))
            continue
        counts[case.outcome] += 1
        kinds[case.kind] += 1
    for name, error in failed:
        print(f"FAILED {name}\n{error}")
    print(f"{len(names)} cases in {time.monotonic() - start:.1f} s: " + ", ".join(
        f"{outcome} {counts[outcome]}" for outcome in ("exit 2", "warning, right verdict", "clean"))
          + f"; failed {len(failed)}")
    print("by kind: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
