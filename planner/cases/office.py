"""An office's settings for the documents it issues (issue 15): how many working days an applicant has to resubmit
after a 一次性告知书, and how many sign-off levels its 审查意见书 has (三级: 经办/审核/审定, or 一审一核: 经办/审核).

Read from office.toml in the user data folder (planner.resources.user_data_dir) when there is one:

    resubmit_days = 10      # working days from the notice's date
    signoff_levels = 3      # 3 or 2
    authority = "酒泉市自然资源局"

A command-line option overrides a setting; a value that cannot be used is an error naming the file and key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from planner.model import InputError
from planner.resources import user_data_dir

__all__ = ["DEFAULT_RESUBMIT_DAYS", "OfficeSettings", "load_office_settings"]

#: Working days an applicant has to resubmit after a notice, unless the office says otherwise.
DEFAULT_RESUBMIT_DAYS = 10


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    resubmit_days: int = DEFAULT_RESUBMIT_DAYS
    signoff_levels: int = 3
    authority: str = ""

    def overridden(self, resubmit_days: int | None = None, signoff_levels: int | None = None,
                   authority: str | None = None) -> OfficeSettings:
        """The settings with the values given (None: keep the setting)."""
        changes = {key: value for key, value in (("resubmit_days", resubmit_days),
                                                 ("signoff_levels", signoff_levels),
                                                 ("authority", authority or None)) if value is not None}
        return replace(self, **changes)


def load_office_settings(path: str | Path | None = None) -> OfficeSettings:
    """The office's settings from `path` (default office.toml in the user data folder); defaults without a file."""
    path = Path(path) if path is not None else user_data_dir() / "office.toml"
    if not path.is_file():
        return OfficeSettings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError("case_file_unreadable", path=str(path), error=str(error)) from None
    settings = OfficeSettings()
    days = table.get("resubmit_days", settings.resubmit_days)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 366:
        raise InputError("case_value", path=str(path), key="resubmit_days", value=str(days), expected="1-366")
    levels = table.get("signoff_levels", settings.signoff_levels)
    if levels not in (2, 3) or isinstance(levels, bool):
        raise InputError("case_value", path=str(path), key="signoff_levels", value=str(levels), expected="2 or 3")
    return OfficeSettings(resubmit_days=days, signoff_levels=levels, authority=str(table.get("authority", "")))
