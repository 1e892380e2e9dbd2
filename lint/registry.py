"""Finding rules: rule packs are discovered through the `copydesk.rules` entry points.

A pack is a module (the built-in one is `rules`) listing its family modules in
`FAMILIES`; every `Rule` defined at the top level of a family module is a rule. The
engine never imports a pack by name, so a newsroom can install its own the same way.
A pack may also define `check_profile(value, base_dir)` to validate the `profile`
setting, and return the resolved value.

The entry points are read from each installed distribution's `entry_points.txt`
on `sys.path`, as `importlib.metadata` finds them (the first distribution of a name
wins), without importing it: it parses every distribution's metadata with the
`email` package, a large share of a hook run's start-up.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from lint.rule import Rule
from lint.suppress import unused_directive

# Rules the engine itself reports, whatever packs are installed.
CORE_RULES = (unused_directive,)

ENTRY_POINT_GROUP = "copydesk.rules"
ALL = "ALL"


class UnknownRule(KeyError):
    """A name that is no rule or category (or, asked for one rule, a category, whose
    rules are `category`); `suggestion` is the closest one."""

    def __init__(self, name: str, suggestion: str | None = None,
                 category: list[str] | None = None):
        super().__init__(name)
        self.suggestion = suggestion
        self.category = category

    def __str__(self) -> str:
        if self.category:
            return f"{self.args[0]!r} is a category, not one rule: {', '.join(self.category)}"
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
            raise UnknownRule(name, self.closest(name), self.categories.get(name))
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


def _distribution_folders() -> Iterator[str]:
    """The metadata folder of each distribution on sys.path, the first of a name only."""
    seen = set()
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:  # a missing folder, or a zip archive of the standard library
            continue
        for child in children:
            stem, dot, suffix = child.lower().rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            name = re.sub(r"[-_.]+", "_", stem.partition("-")[0])
            if name not in seen:
                seen.add(name)
                yield os.path.join(entry or ".", child)


def entry_points(group: str) -> list[str]:
    """The object references (`module:attribute`) of a group's entry points."""
    found = []
    for folder in _distribution_folders():
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as file:
                lines = file.read().splitlines()
        except OSError:
            continue
        section = None
        for line in map(str.strip, lines):
            if not line or line[0] in "#;":
                continue
            if line[0] == "[" and line[-1] == "]":
                section = line[1:-1].strip()
            elif section == group and "=" in line:
                found.append(line.partition("=")[2].strip())
    return found


def load_reference(reference: str) -> object:
    """The object an entry point names: `module`, `module:attribute.attribute [extras]`."""
    module, _, attributes = reference.partition("[")[0].partition(":")
    value = importlib.import_module(module.strip())
    for attribute in filter(None, attributes.strip().split(".")):
        value = getattr(value, attribute)
    return value


@functools.cache
def default_registry() -> Registry:
    packs = [load_reference(reference) for reference in entry_points(ENTRY_POINT_GROUP)]
    if not packs:
        raise RuntimeError("no copydesk rule packs are installed: run `pip install -e .`")
    return Registry([*CORE_RULES, *(r for pack in packs for r in load_pack(pack))], packs)
