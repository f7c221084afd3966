#!/usr/bin/env bash
# Refreshes and compiles Planner's Chinese translation.
#
# Usage (from anywhere):  resources/translations/update.sh
#
#   1. This script runs pyside6-lupdate over every .py file under planner/ and merges the
#      QT_TRANSLATE_NOOP("messages", ...) strings into planner_zh_CN.ts. Existing translations are
#      kept; strings that are no longer in the code are dropped (-no-obsolete). New or changed
#      strings come in as <translation type="unfinished">.
#   2. Translate them: open planner_zh_CN.ts in Qt Linguist (pyside6-linguist), or edit the XML by
#      hand. Keep every {placeholder} exactly as in the source, and remove type="unfinished" from
#      each entry you have translated (in Linguist: mark it done).
#   3. Run this script again. It compiles the .ts into planner_zh_CN.qm, which Planner loads at
#      run time. Commit both files; tests/test_translations.py checks that they agree.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

ts="resources/translations/planner_zh_CN.ts"
qm="resources/translations/planner_zh_CN.qm"

mapfile -t sources < <(find planner -name '*.py' | LC_ALL=C sort)

pyside6-lupdate -no-obsolete -source-language en -target-language zh_CN "${sources[@]}" -ts "$ts"
pyside6-lrelease "$ts" -qm "$qm"
