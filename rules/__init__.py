"""copydesk's built-in rules, one module per family.

The engine finds this pack through the `copydesk.rules` entry point and loads
every rule defined in the modules named here. `check_profile` validates and
resolves the `profile` setting (a built-in house style or a newsroom's own file).
"""

from rules.profile import check_profile

__all__ = ["FAMILIES", "check_profile"]

FAMILIES = (
    "rules.abbreviations",
    "rules.duplicates",
    "rules.names",
    "rules.quotes",
    "rules.structure",
    "rules.style",
    "rules.typography",
)
