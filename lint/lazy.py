"""`lazy`: a property computed on first access and then stored on the instance.

functools.cached_property does the same, but before Python 3.12 it takes a lock on
every first access, which costs more than many of the analyses it guards; an
article (and its analyses) is only ever read by the thread that lints it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

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
        # (frozen dataclasses included: their guard is on setattr, not on the dict).
        value = instance.__dict__[self._name] = self._compute(instance)
        return value
