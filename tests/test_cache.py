"""The build cache's file: JSON under a checksum, round trips, and what a bad one costs (one
warning and a full build, never an aborted build and never code run)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import seedsite.build as seedsite_build
from seedsite import cache as cachefile
from seedsite.build import CACHE_VERSION, build
from test_build import REAL, _seed


@pytest.fixture
def dirs(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    seedsite_build._in_memory.clear()
    yield seeds, docs, tmp_path / "cache"
    seedsite_build._in_memory.clear()


def _new_process() -> None:
    seedsite_build._in_memory.clear()  # what a new process starts with: the cache on disk


def _cache_warnings(result: seedsite_build.BuildResult) -> list[str]:
    return [w for w in result.report.warnings if "cache" in w]


def _signed(payload: bytes) -> bytes:
    """``payload`` behind a checksum that matches it (what a deliberate edit would write)."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def test_the_cache_round_trips(dirs: tuple[Path, Path, Path]) -> None:
    """Every record comes back equal, types and all (tuples stay tuples, sets stay sets)."""
    seeds, docs, cache = dirs
    (seeds / REAL.name).write_bytes(REAL.read_bytes())
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    _seed(seeds, "002_b.txt", "Rivers rise in Lyon", topic="lakes")  # a slug with a suffix
    build(seeds, docs, cache_dir=cache)
    kept = seedsite_build._in_memory[cache]
    loaded = cachefile.decode((cache / "cache.json").read_bytes(), CACHE_VERSION)
    assert loaded is not None
    for key in ("entries", "stats", "listing_memo", "listings"):
        assert getattr(loaded, key) == getattr(kept, key), key
    assert not loaded.unsaved
    entry = loaded.entries["001_a.txt"]
    assert entry.article is not None and isinstance(entry.article.meta.tags, tuple)
    assert isinstance(entry.candidates, frozenset) and isinstance(entry.page, tuple)


@pytest.mark.parametrize(
    "paragraphs",
    [(), ("",), ("", ""), ("One.",), ("One.", "Two."), ("A line\nwith a newline", "x"), ("\n",)],
)
def test_an_articles_body_comes_back_as_it_went(
    dirs: tuple[Path, Path, Path], paragraphs: tuple[str, ...]
) -> None:
    # The body is written as one string, a paragraph a line, unless a paragraph holds a newline.
    from dataclasses import replace

    seeds, docs, cache = dirs
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=cache)
    kept = seedsite_build._in_memory[cache]
    entry = kept.entries["001_a.txt"]
    assert entry.article is not None
    entry.article = replace(entry.article, paragraphs=paragraphs)
    loaded = cachefile.decode(cachefile.encode(kept, CACHE_VERSION), CACHE_VERSION)
    assert loaded is not None
    back = loaded.entries["001_a.txt"].article
    assert back is not None and back.paragraphs == paragraphs


def test_a_new_process_builds_nothing_again(dirs: tuple[Path, Path, Path]) -> None:
    seeds, docs, cache = dirs
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=cache)
    _new_process()
    again = build(seeds, docs, cache_dir=cache)
    assert again.report.written == [] and not _cache_warnings(again)
    assert not seedsite_build._in_memory[cache].unsaved  # nothing to save either


# Each damage, and the words of its one warning.
DAMAGES: list[tuple[str, Callable[[Path], object], str]] = [
    ("random bytes", lambda f: f.write_bytes(b"junk" + os.urandom(5000)), "checksum"),
    ("truncated", lambda f: f.write_bytes(f.read_bytes()[:-100]), "checksum"),
    (
        "edited text",
        lambda f: f.write_bytes(f.read_bytes().replace(b"Rivers", b"Rubies")),
        "checksum",
    ),
    ("empty", lambda f: f.write_bytes(b""), "checksum"),
    # The checksum matches, the contents are not what this code writes.
    ("not JSON", lambda f: f.write_bytes(_signed(b"\x80\x04junk")), "cannot be loaded"),
    (
        "wrong shape",
        lambda f: f.write_bytes(
            _signed(json.dumps({"version": CACHE_VERSION, "entries": 5}).encode())
        ),
        "cannot be loaded",
    ),
    (
        "wrong record",
        lambda f: f.write_bytes(
            _signed(f.read_bytes().split(b"\n", 1)[1].replace(b'"metas":[[', b'"metas":[[1,'))
        ),
        "cannot be loaded",
    ),
    (
        "deep nesting",
        lambda f: f.write_bytes(_signed(b"[" * 100_000 + b"]" * 100_000)),
        "cannot be loaded",
    ),
]


@pytest.mark.parametrize(("damage", "said"), [d[1:] for d in DAMAGES], ids=[d[0] for d in DAMAGES])
def test_a_damaged_cache_is_one_warning_and_a_full_build(
    dirs: tuple[Path, Path, Path], damage: Callable[[Path], object], said: str
) -> None:
    seeds, docs, cache = dirs
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=cache)
    damage(cache / "cache.json")
    _new_process()
    result = build(seeds, docs, cache_dir=cache)
    assert [a.meta.title for a in result.articles] == ["Rivers rise in Lyon"]
    [warning] = _cache_warnings(result)
    assert said in warning and str(cache) in warning
    _new_process()
    again = build(seeds, docs, cache_dir=cache)  # the cache was saved whole again
    assert not _cache_warnings(again)


def test_an_unreadable_cache_is_one_warning_and_a_full_build(
    dirs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds, docs, cache = dirs
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=cache)
    real_open = open

    def denied(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        # The tests run as root, whom chmod 000 does not stop: the refusal is simulated.
        if file == cache / "cache.json" and "r" in mode:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", denied)
    _new_process()
    result = build(seeds, docs, cache_dir=cache)
    assert [a.meta.title for a in result.articles] == ["Rivers rise in Lyon"]
    [warning] = _cache_warnings(result)
    assert "cannot be read (Permission denied)" in warning


class _Boom:
    """A pickle that runs code when loaded: it creates the file it names."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.path,))


def test_loading_the_cache_never_runs_code(dirs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A pickle behind a matching checksum, or an earlier version's pickle, is never loaded."""
    seeds, docs, cache = dirs
    cache.mkdir()
    ran = tmp_path / "code-ran"
    (cache / "cache.json").write_bytes(_signed(pickle.dumps(_Boom(ran))))
    (cache / "cache.pickle").write_bytes(pickle.dumps(_Boom(ran)))  # an earlier version's file
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    result = build(seeds, docs, cache_dir=cache)
    assert not ran.exists()
    [warning] = _cache_warnings(result)
    assert "cannot be loaded" in warning
    assert not (cache / "cache.pickle").exists()  # the earlier file is removed on saving


def test_an_earlier_versions_cache_is_made_again_without_a_warning(
    dirs: tuple[Path, Path, Path],
) -> None:
    seeds, docs, cache = dirs
    cache.mkdir()
    (cache / "cache.json").write_bytes(
        _signed(json.dumps({"version": "older", "entries": {"x": "another layout"}}).encode())
    )
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    result = build(seeds, docs, cache_dir=cache)
    assert result.articles and not _cache_warnings(result)


def test_a_cache_folder_that_is_a_file_is_a_warning(dirs: tuple[Path, Path, Path]) -> None:
    seeds, docs, cache = dirs
    cache.write_text("not a folder")
    _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    result = build(seeds, docs, cache_dir=cache)
    assert [a.meta.title for a in result.articles] == ["Rivers rise in Lyon"]
    assert any("cache not saved" in w for w in result.report.warnings)
    # The seeds are published from memory instead of their copies in the cache folder.
    assert result.seeds == {"001_a.txt": (seeds / "001_a.txt").read_bytes()}
    _new_process()
    again = build(seeds, docs, cache_dir=cache)  # and again, the same way
    assert [a.meta.title for a in again.articles] == ["Rivers rise in Lyon"]
