"""copydesk's built-in rules, one module per family.

The engine finds this pack through the `copydesk.rules` entry point and loads
every rule defined in the modules named here.
"""

FAMILIES = (
    "rules.duplicates",
    "rules.quotes",
    "rules.structure",
    "rules.style",
    "rules.typography",
)
