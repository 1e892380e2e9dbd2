"""Configuration: `[tool.copydesk]` in pyproject.toml or a copydesk.toml, validated.

The closest file to a checked path wins (no merging). Values are checked for shape
here; names of rules and options are checked against the registry when the Linter
is built, so every mistake is one clear ConfigError before any article is read.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from lint.rule import SEVERITIES

CONFIG_FILES = ("copydesk.toml", "pyproject.toml")
# Generous for any article (a long read is under 100 KB), small enough that one
# pasted archive cannot hold up a run or a service.
MAX_DOCUMENT_BYTES = 5_000_000
# Far more than any article's copy earns from one rule; past it a rule's findings
# say more about the input (a mangled import, a rule that does not fit the house
# style) than about the copy, and listing them all costs more than the check.
MAX_FINDINGS_PER_RULE = 200


class ConfigError(Exception):
    pass


class Config(NamedTuple):
    """One configuration file's settings (or the defaults), shape-checked; the keys
    are described in docs/configuration.md. Never changed once built, so every
    Config shares the empty tables it defaults to."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str | Mapping[str, str]] = {}
    rules: Mapping[str, Mapping[str, Any]] = {}
    per_file_ignores: Mapping[str, tuple[str, ...]] = {}
    exclude: tuple[str, ...] = ()
    profile: str | None = None
    fail_on: str | None = None
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    max_findings_per_rule: int = MAX_FINDINGS_PER_RULE
    serve: Mapping[str, Any] = {}  # checked by lint.service
    path: Path | None = None

    @property
    def root(self) -> Path:
        """The folder that relative globs and profile paths are resolved against."""
        return self.path.parent if self.path else Path.cwd()


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of strings")
    return tuple(value)


def _table(key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"`{key}` must be a table")
    return value


def _severity(key: str, value: Any) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"`{key}` must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return value


def _severity_or_tiers(key: str, value: Any) -> str | Mapping[str, str]:
    """A severity for every finding of a rule, or a table of severities by tier."""
    if isinstance(value, dict):
        return {tier: _severity(f"{key}.{tier}", level) for tier, level in value.items()}
    return _severity(key, value)


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"`{key}` must be a string")
    return value


def _positive_int(key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"`{key}` must be a whole number above 0, not {value!r}")
    return value


_KEYS = {
    "select": lambda v: {"select": _strings("select", v)},
    "extend-select": lambda v: {"extend_select": _strings("extend-select", v)},
    "ignore": lambda v: {"ignore": _strings("ignore", v)},
    "exclude": lambda v: {"exclude": _strings("exclude", v)},
    "profile": lambda v: {"profile": _string("profile", v)},
    "fail-on": lambda v: {"fail_on": _severity("fail-on", v)},
    "max-document-bytes": lambda v: {
        "max_document_bytes": _positive_int("max-document-bytes", v)},
    "max-findings-per-rule": lambda v: {
        "max_findings_per_rule": _positive_int("max-findings-per-rule", v)},
    "severity": lambda v: {"severity": {k: _severity_or_tiers(f"severity.{k}", s)
                                        for k, s in _table("severity", v).items()}},
    "rules": lambda v: {"rules": {k: _table(f"rules.{k}", o)
                                  for k, o in _table("rules", v).items()}},
    "serve": lambda v: {"serve": _table("serve", v)},
    "per-file-ignores": lambda v: {"per_file_ignores": {
        k: _strings(f"per-file-ignores.{k}", r)
        for k, r in _table("per-file-ignores", v).items()}},
}


def from_mapping(data: Mapping[str, Any], path: Path | None = None) -> Config:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"unknown configuration key `{key}`")
        values.update(_KEYS[key](value))
    return Config(path=path, **values)


def _copydesk_table(path: Path) -> Mapping[str, Any] | None:
    import tomllib  # only where a configuration file is found

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("copydesk")
    return data


def load(path: Path) -> Config:
    table = _copydesk_table(path)
    if table is None:  # a pyproject.toml named with --config: found ones have the table
        raise ConfigError(f"{path}: no [tool.copydesk] table")
    try:
        return from_mapping(table, path)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def discover(start: Path) -> Path | None:
    """The closest copydesk.toml, or pyproject.toml with [tool.copydesk], above `start`."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name == "copydesk.toml" or _copydesk_table(path) is not None):
                return path
    return None
