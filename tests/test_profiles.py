"""House-style profiles: the built-in ones, a newsroom's own file, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import Config, ConfigError
from lint.engine import Linter, lint_text
from lint.rule import Options
from rules import house_style
from rules.profile import BUILT_IN, check_profile, load_profile


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_built_in_profile_loads(name: str) -> None:
    profile = load_profile(check_profile(name, Path.cwd()))
    assert profile.stops("UK") is not None
    assert profile.well_known


def test_the_five_houses_are_built_in() -> None:
    assert set(BUILT_IN) == {"ap", "reuters", "guardian", "bbc", "economist"}


def test_reuters_dots_us_but_not_uk_and_ap_drops_stops_in_headlines() -> None:
    reuters, ap = load_profile("reuters"), load_profile("ap")
    assert reuters.stops("US") and not reuters.stops("UK")
    assert ap.stops("US") and not ap.stops("US", headline=True)
    assert reuters.stops("US", headline=True) is None  # stops "may" be dropped: either form


def test_a_newsroom_file_extends_a_built_in_profile(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(
        'extends = "bbc"\n[abbreviations]\nwell-known = ["NUJ"]\nacronym-case = "upper"\n')
    (tmp_path / "copydesk.toml").write_text('profile = "house.toml"\n')
    resolved = check_profile("house.toml", tmp_path)
    profile = load_profile(resolved)
    assert {"NUJ", "BBC"} <= profile.well_known  # lists are joined
    assert profile.acronym_case == "upper"  # other values replace
    assert not profile.stops("US")  # the rest is the BBC's
    text = "Talks\n\nThe NUJ met the ACAS team.\n"
    found = lint_text(text, config=Config(select=("undefined-acronym",), profile=resolved))
    assert [f.text for f in found] == ["ACAS"]


@pytest.mark.parametrize(("value", "message"), [
    ("bbcc", "unknown profile 'bbcc'"),
    ("missing.toml", "cannot read profile file"),
])
def test_an_unknown_name_or_unreadable_file_is_a_config_error(value: str, message: str,
                                                              tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message):
        Linter(Config(profile=value, path=tmp_path / "copydesk.toml"))


def test_a_malformed_profile_file_says_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('extends = "bbc"\n[spelling]\nvariety = "canadian"\n')
    with pytest.raises(ValueError, match="`variety` must be one of british, american, any"):
        check_profile("bad.toml", tmp_path)
    (tmp_path / "typo.toml").write_text('extends = "bbc"\n[abbreviations]\nwell-knwon = []\n')
    with pytest.raises(ValueError, match="unknown keys well-knwon"):
        check_profile("typo.toml", tmp_path)


def test_the_typography_and_style_settings_come_from_the_profile_file(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text('extends = "bbc"\n[typography]\ndash = "en"\n')
    resolved = check_profile("house.toml", tmp_path)
    assert house_style.setting(Options({}, resolved), "dash", "hyphen") == "en"
    assert house_style.setting(Options({}, "ap"), "dash", "hyphen") == "em"
    assert house_style.setting(Options({"dash": "hyphen"}, "ap"), "dash", "en") == "hyphen"
    assert house_style.setting(Options({}, None), "spell-out-below", 0) == 0
    assert house_style.setting(Options({}, "bbc"), "spell-out-below", 0) == 10
