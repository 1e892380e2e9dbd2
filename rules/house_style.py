"""House-style settings that the typography and style rules read from the profile.

The values live in the profile files (rules/profiles/*.toml, or a newsroom's own
file); a rule option given in the configuration always wins.
"""

from __future__ import annotations

from typing import Any

from lint.rule import Options
from rules.profile import load_profile

# An option left at this value (or 0 for a number) defers to the profile.
FROM_PROFILE = "profile"


def setting(options: Options, key: str, default: Any) -> Any:
    """The rule option `key` if configured, else the profile's value, else `default`."""
    value = options.get(key, FROM_PROFILE)
    if value not in (FROM_PROFILE, 0):
        return value
    return load_profile(options.profile).setting(key) if options.profile else default
