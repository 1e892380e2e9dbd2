"""House-style profiles: the built-in ones in rules/profiles/*.toml, or a newsroom's own file.

A newsroom file may start with `extends = "bbc"`: its lists are added to the
built-in profile's lists and its other values replace the built-in ones.
"""

import functools
from pathlib import Path
from typing import Any, NamedTuple

PROFILES_DIR = Path(__file__).parent / "profiles"
BUILT_IN = tuple(sorted(p.stem for p in PROFILES_DIR.glob("*.toml")))

_SCHEMA: dict[str, dict[str, Any]] = {
    "abbreviations": {
        "with-stops": list, "without-stops": list, "headline-stops": ("keep", "drop", "either"),
        "acronym-case": ("upper", "initial"), "acronym-case-exceptions": list,
        "well-known": list, "first-use": ("bracket", "spell-out", "label"),
    },
    "spelling": {"variety": ("british", "american", "any"), "endings": ("ise", "ize", "either")},
    "typography": {"dash": ("hyphen", "en", "em")},
    "numbers": {"spell-out-below": int},
}


class Profile(NamedTuple):
    name: str
    with_stops: frozenset[str]
    without_stops: frozenset[str]
    headline_stops: str
    acronym_case: str
    acronym_case_exceptions: frozenset[str]
    well_known: frozenset[str]
    first_use: str
    variety: str
    endings: str
    dash: str
    spell_out_below: int

    def setting(self, key: str) -> Any:
        """A house setting other families read by its key (`dash`, `spell-out-below`)."""
        return getattr(self, key.replace("-", "_"))

    @property
    def label(self) -> str:
        """How messages name the profile: `bbc`, or a newsroom file's name without .toml."""
        return Path(self.name).stem

    def stops(self, key: str, headline: bool = False) -> bool | None:
        """Whether the house writes `key` with stops (None: the profile does not say)."""
        if key in self.with_stops:
            if headline and self.headline_stops != "keep":
                return None if self.headline_stops == "either" else False
            return True
        if key in self.without_stops:
            return False
        return None

    def initial_cap(self, key: str) -> bool:
        """Whether the house writes the pronounceable acronym `key` as `Nato`."""
        return (self.acronym_case == "initial") != (key in self.acronym_case_exceptions)


def check_profile(value: str, base_dir: Path) -> str:
    """The `profile` setting resolved: a built-in name, or the absolute path of a file."""
    if value in BUILT_IN:
        return value
    if not value.endswith(".toml") and "/" not in value and "\\" not in value:
        raise ValueError(f"unknown profile {value!r}: use one of {', '.join(BUILT_IN)} "
                         "or the path of a .toml profile file")
    path = (base_dir / value).resolve()
    load_profile(str(path))
    return str(path)


@functools.cache
def load_profile(value: str) -> Profile:
    """The profile for a resolved `profile` setting (a built-in name or a file path)."""
    data = _read(PROFILES_DIR / f"{value}.toml") if value in BUILT_IN else _read(Path(value))
    base = data.pop("extends", None)
    if base is not None:
        if base not in BUILT_IN:
            raise ValueError(f"{value}: `extends` must name one of {', '.join(BUILT_IN)}")
        data = _extend(_read(PROFILES_DIR / f"{base}.toml"), data)
    _validate(value, data)
    abbr, spelling = data["abbreviations"], data["spelling"]
    upper = functools.partial(map, str.upper)
    return Profile(
        name=value,
        with_stops=frozenset(upper(abbr["with-stops"])),
        without_stops=frozenset(upper(abbr["without-stops"])),
        headline_stops=abbr["headline-stops"],
        acronym_case=abbr["acronym-case"],
        acronym_case_exceptions=frozenset(upper(abbr["acronym-case-exceptions"])),
        well_known=frozenset(upper(abbr["well-known"])),
        first_use=abbr["first-use"],
        variety=spelling["variety"],
        endings=spelling["endings"],
        dash=data["typography"]["dash"],
        spell_out_below=data["numbers"]["spell-out-below"],
    )


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only where a profile is set

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read profile file {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"profile file {path} is not valid TOML: {exc}") from None


def _extend(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`base` with `own` laid over it: lists are joined, other values replaced."""
    merged = {**base}
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _extend(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            merged[key] = base[key] + value
        else:
            merged[key] = value
    return merged


def _validate(where: str, data: dict[str, Any]) -> None:
    for section, fields in _SCHEMA.items():
        table = data.get(section)
        if not isinstance(table, dict):
            raise ValueError(f"profile {where}: missing table [{section}]")
        for key, expected in fields.items():
            if key not in table:
                raise ValueError(f"profile {where}: [{section}] lacks `{key}`")
            value = table[key]
            if isinstance(expected, tuple):
                if value not in expected:
                    raise ValueError(f"profile {where}: [{section}] `{key}` must be one of "
                                     f"{', '.join(expected)}, not {value!r}")
            elif not _of_type(value, expected):
                raise ValueError(f"profile {where}: [{section}] `{key}` must be a "
                                 f"{'list of strings' if expected is list else expected.__name__}")
        unknown = set(table) - set(fields)
        if unknown:
            raise ValueError(f"profile {where}: [{section}] has unknown keys "
                             f"{', '.join(sorted(unknown))}")
    unknown = set(data) - set(_SCHEMA) - {"description"}
    if unknown:
        raise ValueError(f"profile {where}: unknown keys {', '.join(sorted(unknown))}")


def _of_type(value: Any, expected: type) -> bool:
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    # TOML booleans are Python ints: `spell-out-below = true` is not a number.
    return isinstance(value, expected) and (expected is bool or not isinstance(value, bool))
