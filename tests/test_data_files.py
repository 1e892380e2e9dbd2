"""The rules' TOML data files are read through a cache kept beside them, used only
while the file is unchanged."""

from __future__ import annotations

import marshal
import os
import sys
import tomllib
from pathlib import Path

import pytest

from lint.data_files import read_toml

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def writes_caches(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def cache_of(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.toml")), ids=lambda p: p.name)
def test_every_data_file_reads_the_same_through_the_cache(path, tmp_path, writes_caches):
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert read_toml(copy) == parsed  # parsed, and cached
    assert cache_of(copy).exists()
    assert read_toml(copy) == parsed  # from the cache


def test_the_cache_is_used_while_the_file_is_unchanged_and_not_after(tmp_path, writes_caches):
    data = tmp_path / "words.toml"
    data.write_text('words = ["colour"]\n', encoding="utf-8")
    assert read_toml(data) == {"words": ["colour"]}
    stamp, _ = marshal.loads(cache_of(data).read_bytes())
    cache_of(data).write_bytes(marshal.dumps((stamp, {"words": ["from the cache"]})))
    assert read_toml(data) == {"words": ["from the cache"]}

    data.write_text('words = ["colour", "honour"]\n', encoding="utf-8")
    assert read_toml(data) == {"words": ["colour", "honour"]}


def test_a_changed_file_of_the_same_size_and_time_is_parsed_again(tmp_path, writes_caches):
    data = tmp_path / "words.toml"
    data.write_text('words = ["colour"]\n', encoding="utf-8")
    assert read_toml(data) == {"words": ["colour"]}
    times = data.stat().st_atime_ns, data.stat().st_mtime_ns
    data.write_text('words = ["honour"]\n', encoding="utf-8")
    os.utime(data, ns=times)  # as an upgrade or a reproducible build may leave it
    assert read_toml(data) == {"words": ["honour"]}


def test_a_damaged_or_foreign_cache_is_parsed_over(tmp_path, writes_caches):
    data = tmp_path / "words.toml"
    data.write_text('words = ["colour"]\n', encoding="utf-8")
    cache_of(data).parent.mkdir()
    for damaged in (b"", b"\x00garbage", marshal.dumps(["not", "a", "pair"])):
        cache_of(data).write_bytes(damaged)
        assert read_toml(data) == {"words": ["colour"]}
        assert marshal.loads(cache_of(data).read_bytes())[1] == {"words": ["colour"]}


def test_no_cache_is_written_where_it_cannot_or_must_not_be(tmp_path, monkeypatch):
    data = tmp_path / "words.toml"
    data.write_text('words = ["colour"]\n', encoding="utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert read_toml(data) == {"words": ["colour"]}
    assert not (tmp_path / "__pycache__").exists()

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "__pycache__").write_text("a file where the folder would go", encoding="utf-8")
    assert read_toml(data) == {"words": ["colour"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__", "words.toml"]
