"""Computed on first use: `lazy`, a property stored on the instance once computed, and
`LazyPattern` (`LazyRePattern` for `re`), a regular expression compiled when first used.

functools.cached_property does what `lazy` does, but before Python 3.12 it takes a
lock on every first access, which costs more than many of the analyses it guards;
an article (and its analyses) is only ever read by the thread that lints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import regex

T = TypeVar("T")


class lazy(Generic[T]):  # noqa: N801 - used as a decorator, like cached_property
    def __init__(self, compute: Callable[[Any], T]):
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # Stored in the instance dict, which this non-data descriptor then defers to
        # (a named tuple's subclass has one, though the named tuple has none).
        value = instance.__dict__[self._name] = self._compute(instance)
        return value


class LazyPattern:
    """A `regex` pattern, compiled the first time one of its methods is used.

    The `regex` module parses a pattern in Python, so compiling every pattern of the
    engine and the rules would cost a command run on one article more than the
    interpreter's own start; such a run meets only a few of them. Every pattern made
    with `prose.compile` is one, and so is a plain pattern that most articles never
    reach. `pattern` is the source, read without compiling. Once compiled, the
    pattern's methods are found on the instance itself, so a call costs what it costs
    on the compiled pattern.
    """

    engine = regex  # the module that compiles the pattern

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # pickle and copy probe for these on a bare instance
            raise AttributeError(name)
        compiled = self.engine.compile(self.pattern, self._flags)
        self.__dict__.update((attribute, getattr(compiled, attribute))
                             for attribute in dir(compiled) if not attribute.startswith("_"))
        return getattr(compiled, name)

    def __reduce__(self):
        return type(self), (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r}, {self._flags!r})"


class LazyRePattern(LazyPattern):
    """A LazyPattern that the standard library's `re` compiles: a pattern written for
    `re` (on bytes, or where `re` finds matches faster) that most articles never reach.
    `re` parses a pattern in Python too, and a class holding a character beyond
    Latin-1 costs it a table of every character."""

    engine = re
