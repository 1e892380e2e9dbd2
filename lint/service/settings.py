"""The service's settings: the `[tool.copydesk.serve]` table, and webhook secrets.

Secrets come from the environment or from a secrets file named in the table, never
from the command line, and never appear in a log line or an error message.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint.config import Config, ConfigError
from lint.service.signatures import SCHEMES, standard_key

SECRET_VARIABLE = "COPYDESK_WEBHOOK_SECRET"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    max_body_bytes: int = 2 * MIB
    body_timeout: float = 10.0  # seconds to receive a whole request body
    time_budget: float = 5.0  # seconds a check may take before it answers `incomplete`
    rate_limit: int = 0  # requests a minute from one client address; 0: no limit
    max_pending: int = 64  # checks running or waiting in one worker before it answers 503
    secrets: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)


_NUMBERS: dict[str, tuple[str, type, float]] = {
    # key: (attribute, type, smallest allowed)
    "max-body-bytes": ("max_body_bytes", int, 1),
    "body-timeout": ("body_timeout", float, 0.1),
    "time-budget": ("time_budget", float, 0.001),
    "rate-limit": ("rate_limit", int, 0),
    "max-pending": ("max_pending", int, 1),
}


def _number(key: str, value: Any) -> float:
    attribute, kind, least = _NUMBERS[key]
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or (kind is int and not isinstance(value, int)) or value < least:
        raise ConfigError(f"`serve.{key}` must be a {'whole ' if kind is int else ''}"
                          f"number of at least {least:g}")
    return kind(value)


def load_settings(config: Config, environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings from the configuration's `serve` table and the environment."""
    values: dict[str, Any] = {}
    secrets_file = None
    for key, value in config.serve.items():
        if key == "secrets-file":
            if not isinstance(value, str):
                raise ConfigError("`serve.secrets-file` must be a string")
            secrets_file = config.root / value
        elif key in _NUMBERS:
            values[_NUMBERS[key][0]] = _number(key, value)
        else:
            raise ConfigError(f"unknown configuration key `serve.{key}`")
    return Settings(**values, secrets=_secrets(secrets_file, environ))


def _secret_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where} must be a string or a list of strings")


def _secrets(path: Path | None, environ: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each scheme's active secrets: its own variable, else its entry in the file, else
    the shared variable, else the file's `default`. Several secrets allow rotation."""
    table: Mapping[str, Any] = {}
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            # The message names the file and the kind of failure, never its content.
            raise ConfigError(f"{path}: cannot read the secrets file "
                              f"({type(exc).__name__})") from None
        unknown = set(table) - {"default", *SCHEMES}
        if unknown:
            raise ConfigError(f"{path}: unknown scheme `{sorted(unknown)[0]}`; expected "
                              f"default or one of {', '.join(SCHEMES)}")
    shared = (_secret_list(environ.get(SECRET_VARIABLE, ""), SECRET_VARIABLE)
              or _secret_list(table.get("default", []), f"{path}: `default`"))
    secrets = {}
    for scheme in SCHEMES:
        own = (_secret_list(environ.get(f"{SECRET_VARIABLE}_{scheme.upper()}", ""), "")
               or _secret_list(table.get(scheme, []), f"{path}: `{scheme}`"))
        secrets[scheme] = own or shared
        if scheme in ("standard", "wordpress"):
            for secret in secrets[scheme]:
                try:
                    standard_key(secret)
                except ValueError as exc:
                    raise ConfigError(f"a `{scheme}` webhook secret: {exc}") from None
    return secrets
