"""House-style settings that the typography and style rules read from the profile.

The profile files (issue 3) are being defined elsewhere; until they carry these
keys, the built-in profile names map to the settings below, and a rule option
given in the configuration always wins. This is the one place to change when the
profile files arrive: `setting` can then read the file the profile names.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from lint.rule import Options

# Provisional, from domain.md §7.3-7.4 ([unverified] for the dash characters):
# BBC copy dashes with a spaced hyphen; UK houses use a spaced en rule, US houses
# an em rule. Every listed house spells out one to nine.
_PROFILE_SETTINGS: dict[str, dict[str, Any]] = {
    "bbc": {"dash": "hyphen", "spell-out-below": 10},
    "guardian": {"dash": "en", "spell-out-below": 10},
    "economist": {"dash": "en", "spell-out-below": 10},
    "ap": {"dash": "em", "spell-out-below": 10},
    "reuters": {"dash": "em", "spell-out-below": 10},
}

# An option left at this value (or 0 for a number) defers to the profile.
FROM_PROFILE = "profile"


def setting(options: Options, key: str, default: Any) -> Any:
    """The rule option `key` if configured, else the profile's value, else `default`."""
    value = options.get(key, FROM_PROFILE)
    if value not in (FROM_PROFILE, 0):
        return value
    # The profile may arrive resolved to its file (`…/bbc.toml`): its stem names it.
    name = PurePath(options.profile).stem if options.profile else ""
    return _PROFILE_SETTINGS.get(name, {}).get(key, default)
