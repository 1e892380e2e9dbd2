"""Finding rules: rule packs are discovered through the `copydesk.rules` entry points.

A pack is a module (the built-in one is `rules`) listing its family modules in
`FAMILIES`; every `Rule` defined at the top level of a family module is a rule. The
engine never imports a pack by name, so a newsroom can install its own the same way.
A pack may also define `check_profile(value, base_dir)` to validate the `profile`
setting, and return the resolved value.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from lint.rule import Rule
from lint.suppress import unused_directive

# Rules the engine itself reports, whatever packs are installed.
CORE_RULES = (unused_directive,)

ENTRY_POINT_GROUP = "copydesk.rules"
ALL = "ALL"


class UnknownRule(KeyError):
    """A name that is no rule or category; `suggestion` is the closest one."""

    def __init__(self, name: str, suggestion: str | None = None):
        super().__init__(name)
        self.suggestion = suggestion

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"unknown rule or category {self.args[0]!r}{hint}"


class Registry:
    def __init__(self, rules: Iterable[Rule], packs: Iterable[ModuleType] = ()):
        ordered = sorted(rules, key=lambda r: (r.category, r.name))
        self.rules: dict[str, Rule] = {r.name: r for r in ordered}
        self.categories: dict[str, list[str]] = {}
        for r in ordered:
            self.categories.setdefault(r.category, []).append(r.name)
        self._profile_checks = [p.check_profile for p in packs if hasattr(p, "check_profile")]

    def get(self, name: str) -> Rule:
        if name not in self.rules:
            raise UnknownRule(name, self.closest(name))
        return self.rules[name]

    def closest(self, name: str) -> str | None:
        """The rule or category most like a mistyped name, if one is close."""
        import difflib

        known = [*self.rules, *self.categories, ALL]
        return next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.75)), None)

    def expand(self, selector: str) -> list[str]:
        """Rule names for a rule name, category or ALL."""
        if selector == ALL:
            return list(self.rules)
        if selector in self.categories:
            return list(self.categories[selector])
        return [self.get(selector).name]

    def check_profile(self, value: str, base_dir: Path) -> str:
        """The profile setting as the packs resolve it; ValueError when none knows it."""
        for check in self._profile_checks:
            value = check(value, base_dir)
        return value


def rules_of(module: ModuleType) -> list[Rule]:
    return [v for v in vars(module).values() if isinstance(v, Rule)]


def load_pack(pack: ModuleType) -> list[Rule]:
    found = []
    for family in getattr(pack, "FAMILIES", ()):
        found.extend(rules_of(importlib.import_module(family)))
    return found


@functools.cache
def default_registry() -> Registry:
    packs = [ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)]
    if not packs:
        raise RuntimeError("no copydesk rule packs are installed: run `pip install -e .`")
    return Registry([*CORE_RULES, *(r for pack in packs for r in load_pack(pack))], packs)
