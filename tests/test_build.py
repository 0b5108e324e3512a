"""build: reading seeds, safe incremental writes, pruning, duplicates, slugs, the golden page."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seedsite.build import MANIFEST, build, report_json
from seedsite.folders import LOCK_FILE
from seedsite.plugin.compat import read_front_matter as get_data

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "seeds" / "000_1682d531997dcce0.txt"
GOLDEN = Path(__file__).parent / "golden" / "000_1682d531997dcce0.md"
FA_GOLDEN = Path(__file__).parent / "golden" / "fa_3b7e51c0d94a2f68.md"

ARTICLE = """\
{title}

By {author}

{place}, March 3, 2021 - {first}
The second paragraph of this article says something else entirely about {topic}.
A third paragraph closes the story with a quote from {author} about {topic}.
"""


def _seed(
    folder: Path, name: str, title: str, author: str = "Jane Doe", topic: str = "rivers"
) -> Path:
    path = folder / name
    path.write_text(
        ARTICLE.format(
            title=title,
            author=author,
            place="Lyon",
            first=f"Officials said on Tuesday that {topic} were rising across the region.",
            topic=topic,
        ),
        encoding="utf-8",
    )
    return path


def _insert_before_last(path: Path, line: str) -> None:
    """A short line between the seed's last two paragraphs, where the line classifier keeps it
    (a short line between paragraphs): only the corpus-chrome rule can take it."""
    lines = path.read_text("utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join([*lines[:-1], line, lines[-1]]) + "\n", "utf-8")


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    return seeds, docs


def _tree(docs: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("seed", "golden"),
    [
        (REAL, GOLDEN),
        # A Persian news page: menus and the news item's code above the headline, a Solar Hijri
        # date line in Persian digits, a dateline with the Arabic comma, related news and tags.
        (FA_GOLDEN.with_suffix(".txt"), FA_GOLDEN),
    ],
)
def test_golden_pages(dirs: tuple[Path, Path], seed: Path, golden: Path) -> None:
    """The whole generated page of a seed is pinned; UPDATE_GOLDEN=1 rewrites it."""
    seeds, docs = dirs
    shutil.copy(seed, seeds)
    result = build(seeds, docs)
    assert result.report.error_count == 0, result.report.seeds
    [article] = result.articles
    page = (docs / "articles" / f"{article.meta.slug}.md").read_text("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, "utf-8")
    assert page == golden.read_text("utf-8")


def test_real_seed_metadata_and_body(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    [article] = build(seeds, docs).articles
    body, meta = get_data((docs / "articles" / f"{article.meta.slug}.md").read_text("utf-8"))
    assert meta["title"] == "Tehran’s online propaganda against the Iranian opposition backfires"
    assert meta["date"] == "2018-09-19"
    assert meta["dateline"] == "Iran"
    assert meta["author"] == "PMOI/MEK"
    assert meta["byline"] == "Analysis by PMOI/MEK"
    assert meta["image_caption"] == "Iranian regime’s foreign minister, Javad Zarif"
    assert meta["source"] == REAL.name
    assert meta["sha256"] == hashlib.sha256(REAL.read_bytes()).hexdigest()
    assert len(article.paragraphs) == 12
    assert "But Iran’s campaign created an unexpected backlash." in article.paragraphs
    assert article.paragraphs[0].startswith(
        "Iran, Sept. 19, 2018 -\u00a0Last month,"
    )  # NBSP kept as written
    page = (docs / "articles" / f"{article.meta.slug}.md").read_text("utf-8")
    assert "728 x 90" not in page
    assert "Latest News and Articles" not in page
    assert page.count("Javad Zarif") >= 1
    # The caption lives in the front matter once, never in the body.
    assert "Iranian regime’s foreign minister, Javad Zarif" not in body


def test_second_run_writes_nothing(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    first = build(seeds, docs, cache_dir=tmp_path / "cache")
    assert first.report.written
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    again = build(seeds, docs, cache_dir=tmp_path / "cache")
    assert again.report.written == [] and again.report.deleted == []
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == before


def test_cached_and_uncached_builds_are_byte_identical(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REAL, seeds)
    for i in range(3):
        _seed(seeds, f"00{i + 1}_b{i}.txt", f"Story number {i}", topic=f"topic{i}")
    trees = []
    for name, cache in (("a", None), ("b", tmp_path / "cache"), ("c", tmp_path / "cache")):
        docs = tmp_path / name
        docs.mkdir()
        build(seeds, docs, cache_dir=cache)
        trees.append(_tree(docs))
    assert trees[0] == trees[1] == trees[2]


def test_a_new_process_reuses_the_cached_listings(
    dirs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listings (a third of an unchanged re-run at 10,000 seeds) come from the build cache
    in a new process, and are made again as soon as an article's metadata changes."""
    import seedsite.build as build_module

    seeds, docs = dirs
    seed = _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=tmp_path / "cache")
    made = []
    real = build_module.listing_pages

    def counting(*args: object, **kwargs: object) -> dict[str, str]:
        made.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "listing_pages", counting)
    for _ in range(2):
        build_module._in_memory.clear()  # what a new process starts with
        again = build(seeds, docs, cache_dir=tmp_path / "cache")
        assert again.report.written == [] and made == []
    seed.write_text(seed.read_text("utf-8").replace("Rivers rise", "Rivers fall"), "utf-8")
    build_module._in_memory.clear()
    changed = build(seeds, docs, cache_dir=tmp_path / "cache")
    assert made == [1]
    assert "index.md" in changed.report.written
    assert "Rivers fall" in (docs / "index.md").read_text("utf-8")


def test_removed_seed_prunes_its_pages(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    extra = _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    build(seeds, docs)
    assert (docs / "articles" / "rivers-rise-in-lyon.md").exists()
    extra.unlink()
    report = build(seeds, docs).report
    assert "articles/rivers-rise-in-lyon.md" in report.deleted
    assert not (docs / "articles" / "rivers-rise-in-lyon.md").exists()


def test_hand_written_files_are_never_overwritten(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    (docs / "index.md").write_text("# My own home page\n", "utf-8")
    (docs / "about.md").write_text("# About\n", "utf-8")
    report = build(seeds, docs).report
    assert (docs / "index.md").read_text("utf-8") == "# My own home page\n"
    assert (docs / "about.md").read_text("utf-8") == "# About\n"
    assert any("index.md" in w and "not overwritten" in w for w in report.warnings)
    # ... and a later build does not delete it either.
    build(seeds, docs)
    assert (docs / "index.md").read_text("utf-8") == "# My own home page\n"


def test_identical_seeds_give_one_page_and_a_warning(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds / "000_a.txt")
    shutil.copy(REAL, seeds / "001_b.txt")
    result = build(seeds, docs)
    assert len(result.articles) == 1
    [warning] = [w for w in result.report.warnings if "same bytes" in w]
    assert "000_a.txt" in warning and "001_b.txt" in warning
    assert {s.source: s.status for s in result.report.seeds} == {
        "000_a.txt": "ok",
        "001_b.txt": "duplicate",
    }


def test_slug_collision_gets_a_suffix_and_a_warning(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    _seed(seeds, "001_a.txt", "Same headline", topic="rivers")
    _seed(seeds, "002_b.txt", "Same headline", topic="mountains")
    result = build(seeds, docs)
    assert sorted(a.meta.slug for a in result.articles) == ["same-headline", "same-headline-2"]
    [warning] = [w for w in result.report.warnings if "slug" in w]
    assert "001_a.txt" in warning and "002_b.txt" in warning


class _CountingDict(dict[str, str]):
    """A dict that counts the look-ups made in it."""

    lookups = 0

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return super().__contains__(key)


def test_one_title_many_times_costs_one_lookup_a_seed() -> None:
    # Issue 18: 12,000 scraped "Access Denied" pages share one slug; the suffix search began at
    # -2 for each, 72 million look-ups (30 s of CPU).
    from seedsite.build import unique_slug

    taken, suffixes = _CountingDict(access="000.txt"), {}
    for i in range(2000):
        taken[unique_slug("access", taken, suffixes)] = f"{i}.txt"
    assert "access-2001" in taken and "access-2002" not in taken
    assert taken.lookups <= 2 * 2000
    # A suffix a seed of another title took is skipped, not given twice.
    taken["denied-2"] = "x.txt"
    taken["denied"] = "y.txt"
    assert unique_slug("denied", taken, suffixes) == "denied-3"


def test_an_article_never_takes_a_folders_index_name(dirs: tuple[Path, Path]) -> None:
    # A headline with no Latin letter: the seed's name makes the slug, here "index".
    seeds, docs = dirs
    persian = "کاهش ذخایر سدهای تهران و هشدار درباره تابستان"
    body = (
        "مدیرعامل شرکت آب منطقه‌ای تهران گفت حجم آب پشت پنج سد پایتخت کاهش یافته است"
        " و مردم باید صرفه‌جویی کنند."
    )
    (seeds / "index.txt").write_text(f"{persian}\n\n{body}\n{body}\n", encoding="utf-8")
    result = build(seeds, docs)
    [article] = result.articles
    assert article.meta.slug == "index-2" and (docs / "articles" / "index-2.md").is_file()
    assert not (docs / "articles" / "index.md").exists()
    assert any("index-2" in w for w in result.report.warnings)


def test_a_tag_named_index_keeps_the_tags_page() -> None:
    from seedsite.urls import tag_slug, tag_url

    assert tag_slug("Index") == "tag-index" and tag_url("Index") == "tags/tag-index/"
    assert tag_slug("Indexes") == "indexes"
    # One slugifier for pages and tags: apostrophes join, ß and the like spelled out.
    assert tag_slug("O’Brien's Straße") == "obriens-strasse"


@pytest.mark.parametrize(
    ("name", "make", "cause"),
    [
        ("010_bin.txt", lambda p: p.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50), ""),
        ("011_empty.txt", lambda p: p.write_bytes(b""), "empty"),
        ("012_blank.txt", lambda p: p.write_text(" \n\t\n  \n"), ""),
        ("013_big.txt", lambda p: p.write_bytes(b"a" * 5_000_001), "limit"),
        # Valid UTF-8, but a third control characters: binary, not a page with a warning.
        ("014_controls.txt", lambda p: p.write_text("Title\n\n" + "\x07\x1bab" * 50), "binary"),
    ],
)
def test_bad_seed_is_reported_by_name_and_others_still_build(
    dirs: tuple[Path, Path], name: str, make: object, cause: str
) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    make(seeds / name)  # type: ignore[operator]
    result = build(seeds, docs)
    status = {s.source: s for s in result.report.seeds}
    assert status[name].status == "error"
    [message] = status[name].errors
    assert name in message and cause in message
    assert status[REAL.name].status == "ok"
    assert len(result.articles) == 1


@pytest.mark.parametrize(
    ("stray", "kept", "warning"),
    [
        ("a bell \x07 in", "a bell  in", "line 6: removed 1 control character (U+0007 BELL)"),
        (
            "text \u202e reversed",
            "text  reversed",
            "line 6: removed 1 bidi control character (U+202E RIGHT-TO-LEFT OVERRIDE)",
        ),
    ],
)
def test_a_stray_character_is_removed_and_the_page_built(
    dirs: tuple[Path, Path], stray: str, kept: str, warning: str
) -> None:
    seeds, docs = dirs
    path = _seed(seeds, "014_stray.txt", "Rivers are rising")
    lines = path.read_text("utf-8").split("\n")
    lines[5] = lines[5].replace(" entirely ", f" {stray} ")  # the second paragraph
    path.write_text("\n".join(lines), encoding="utf-8")
    result = build(seeds, docs)
    [status] = result.report.seeds
    assert status.status == "ok" and status.errors == []
    # Named once, by the build: "014_stray.txt: line 6: ..."
    [message] = status.warnings
    assert message.startswith(f"014_stray.txt: {warning}")
    [article] = result.articles
    assert article.paragraphs[1] == lines[5].replace(stray, kept)


def test_symlinked_seed_is_not_followed(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, docs = dirs
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nThe content of a file outside the seeds folder.\n")
    (seeds / "020_link.txt").symlink_to(secret)
    shutil.copy(REAL, seeds)
    result = build(seeds, docs)
    status = {s.source: s for s in result.report.seeds}
    assert status["020_link.txt"].status == "error"
    assert "020_link.txt" in status["020_link.txt"].errors[0]
    assert "symbolic link" in status["020_link.txt"].errors[0]
    assert "outside the seeds folder" not in "".join(
        p.read_text("utf-8", "replace") for p in docs.rglob("*.md")
    )


def test_non_text_files_are_reported(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    (seeds / "notes.md").write_text("# not a seed")
    (seeds / ".gitkeep").write_text("")
    report = build(seeds, docs).report
    assert [w for w in report.warnings if "notes.md" in w]
    assert not [w for w in report.warnings if ".gitkeep" in w]


def test_manifest_lists_every_generated_file(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    build(seeds, docs)
    import json

    files = json.loads((docs / MANIFEST).read_text("utf-8"))["files"]
    on_disk = {str(p.relative_to(docs)) for p in docs.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {MANIFEST, LOCK_FILE}
    for rel, digest in files.items():
        assert hashlib.sha256((docs / rel).read_bytes()).hexdigest() == digest


def test_listings_link_every_article(dirs: tuple[Path, Path]) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    (seeds / "002_undated.txt").write_text(
        "An undated opinion piece\n\n"
        "There is no date anywhere in this article, which argues a point.\n"
        "It goes on for a second paragraph with more argument and no date at all.\n"
    )
    result = build(seeds, docs)
    home = (docs / "index.md").read_text("utf-8")
    for article in result.articles:
        assert f"articles/{article.meta.slug}.md" in home
    assert (docs / "archive" / "2018" / "09.md").exists()
    assert (docs / "archive" / "undated.md").exists()
    # Undated articles come last.
    assert result.articles[-1].meta.date is None


def test_missing_seeds_folder_is_a_clear_error(tmp_path: Path) -> None:
    from seedsite.model import ConfigError

    with pytest.raises(ConfigError, match="nope"):
        build(tmp_path / "nope", tmp_path)


_LINES = st.sampled_from(
    [
        "728 x 90",
        "Advertisement",
        "Share this article",
        "Latest News and Articles",
        "By Jane Doe",
        "Paris, Jan. 5, 2020 - The council met.",
        "A plain sentence of the body text, long enough to be a paragraph.",
        "<script>alert(1)</script>",
        "# not a heading",
        "",
    ]
)
_TEXT = st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=12).map("\n".join)


# Pieces of file names: other scripts, bytes that are not UTF-8, terminal escapes, bidi
# controls and isolates, URL syntax.
_NAME_PARTS = st.sampled_from(
    [
        b"x",
        "خبر".encode(),
        "新闻".encode(),
        "Ünïcode".encode(),
        "\u202egnp".encode(),
        "a\u2066b\u2069".encode(),
        b"\xff\xfe",
        b"caf\xe9",
        b"\x1b]0;t\x07\x1b[2J",
        b"\x7f\x01",
        b" #?%",
    ]
)
_NAMES = st.one_of(
    st.lists(_NAME_PARTS, max_size=3).map(b"".join),
    st.binary(max_size=12).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            _NAMES,
            st.one_of(
                _TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_build_never_crashes_and_names_every_failure(
    tmp_path_factory: pytest.TempPathFactory, seeds_in: list[tuple[bytes, bytes]]
) -> None:
    """Any bytes under any name: every seed ends up with a page at a non-empty address or an
    error naming it; nothing raises, and the report is UTF-8 with every name printable."""
    root = tmp_path_factory.mktemp("any")
    seeds, docs = root / "seeds", root / "docs"
    seeds.mkdir()
    docs.mkdir()
    for i, (name, blob) in enumerate(seeds_in):
        with open(os.path.join(os.fsencode(seeds), b"%03d_%s.txt" % (i, name)), "wb") as f:
            f.write(blob)
    result = build(seeds, docs)
    assert len(result.report.seeds) == len(seeds_in)
    for status in result.report.seeds:
        assert status.status in ("ok", "error", "duplicate")
        if status.status == "error":
            assert status.errors and all(status.source in e for e in status.errors)
        if status.status == "ok":
            page = Path(str(status.page))
            assert (docs / page).is_file() and page.stem and not page.stem.startswith("-")
    report = json.loads(report_json(result.report).encode("utf-8"))
    for entry in report["seeds"]:
        for text in (entry["source"], *entry["errors"], *entry["warnings"]):
            assert text.isprintable(), text
    assert all(message.isprintable() for message in report["warnings"])


def test_cached_build_sees_an_edited_seed(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, docs = dirs
    seed = _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    _seed(seeds, "002_bb.txt", "Mountains grow in Grenoble", topic="mountains")
    build(seeds, docs, cache_dir=tmp_path / "cache")
    seed.write_text(seed.read_text("utf-8").replace("third paragraph", "edited paragraph"), "utf-8")
    report = build(seeds, docs, cache_dir=tmp_path / "cache").report
    assert report.written == ["articles/rivers-rise-in-lyon.md"]
    assert "edited paragraph" in (docs / "articles" / "rivers-rise-in-lyon.md").read_text("utf-8")


def test_a_deleted_page_is_made_again_from_the_cache(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """The cache keeps each page's sha256, not its text: a page that must be written again is
    rendered again, byte for byte the same."""
    import seedsite.build as build_module

    seeds, docs = dirs
    _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=tmp_path / "cache")
    page = docs / "articles" / "rivers-rise-in-lyon.md"
    original = page.read_bytes()
    page.unlink()
    build_module._in_memory.clear()  # a new process
    again = build(seeds, docs, cache_dir=tmp_path / "cache")
    assert again.report.written == ["articles/rivers-rise-in-lyon.md"]
    assert page.read_bytes() == original


# --- seeds that change while the site is built --------------------------------------------


def deny(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make reading ``path`` fail as a file with mode 000 does for anyone but root.

    The tests run as root, whom ``chmod 000`` does not stop: the file is chmodded and the
    refusal simulated in ``os.open`` and ``open`` (both ways a file is read, MkDocs' copy
    included)."""
    import builtins

    path.chmod(0)
    real_os_open, real_open = os.open, builtins.open

    def refuse(file: object) -> None:
        if isinstance(file, str | Path) and Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))

    def os_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        refuse(file)
        return real_os_open(file, flags, *args, **kwargs)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "r" in mode:
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)


def _statuses(result: Any) -> dict[str, Any]:
    return {s.source: s for s in result.report.seeds}


def test_a_hard_linked_seed_is_refused(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    """A hard link is the file outside the seeds folder under another name: an error, and its
    text is published nowhere."""
    seeds, docs = dirs
    secret = tmp_path / "notes.txt"
    secret.write_text("Private notes\n\nA private paragraph that must never be published.\n")
    os.link(secret, seeds / "021_hard.txt")
    shutil.copy(REAL, seeds)
    result = build(seeds, docs, cache_dir=tmp_path / "cache")
    status = _statuses(result)
    assert status["021_hard.txt"].status == "error"
    [message] = status["021_hard.txt"].errors
    assert message.startswith("021_hard.txt: has 2 hard links") and "copy it" in message
    assert status[REAL.name].status == "ok" and list(result.seeds) == [REAL.name]
    assert "private paragraph" not in "".join(p.read_text("utf-8") for p in docs.rglob("*.md"))


@pytest.mark.parametrize("publish", [True, False])
@pytest.mark.parametrize(
    ("when", "cause"),
    [
        # Deleted after the folder was listed, before the seed's status was read.
        ("listed", "vanished while the site was built"),
        # Deleted after its status was read, before it was opened.
        ("opened", "vanished while the site was built"),
    ],
)
def test_a_seed_deleted_during_the_build_is_one_error(
    dirs: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
    cause: str,
    publish: bool,
) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    gone = _seed(seeds, "001_gone.txt", "Rivers rise in Lyon")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: Any = ".") -> Any:
        listing = list(real_scandir(path))
        if when == "listed" and Path(path) == seeds:
            gone.unlink()
        return _Listing(listing)

    def open_(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if when == "opened" and isinstance(file, str | Path) and Path(file) == gone:
            gone.unlink()
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    result = build(seeds, docs, cache_dir=tmp_path / "cache", publish=publish)
    status = _statuses(result)
    assert status["001_gone.txt"].status == "error"
    assert status["001_gone.txt"].errors == [f"001_gone.txt: {cause} (deleted or renamed)"]
    assert status[REAL.name].status == "ok" and list(result.seeds) == [REAL.name]


class _Listing(list[Any]):
    """What ``os.scandir`` returns, from a list: iterable and a context manager."""

    def __enter__(self) -> _Listing:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


# Without copies to keep (the build script), the seeds are read where they are decoded.
@pytest.mark.parametrize("publish", [True, False])
def test_an_unreadable_seed_is_one_error(
    dirs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, publish: bool
) -> None:
    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    locked = _seed(seeds, "001_locked.txt", "Rivers rise in Lyon")
    deny(monkeypatch, locked)
    result = build(seeds, docs, cache_dir=tmp_path / "cache", publish=publish)
    status = _statuses(result)
    assert status["001_locked.txt"].errors == ["001_locked.txt: cannot be read: Permission denied"]
    assert status[REAL.name].status == "ok" and list(result.seeds) == [REAL.name]


def test_a_cached_seed_made_unreadable_later_is_one_error(
    dirs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size and mtime are unchanged, but it is read again (its ctime changed) and refused:
    no page is published from the cache for a seed that cannot be read."""
    import seedsite.build as seedsite_build

    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    locked = _seed(seeds, "001_locked.txt", "Rivers rise in Lyon")
    cache = tmp_path / "cache"
    assert len(build(seeds, docs, cache_dir=cache).articles) == 2
    deny(monkeypatch, locked)
    for _ in range(2):  # the next build, in this process and in a new one
        result = build(seeds, docs, cache_dir=cache)
        status = _statuses(result)
        assert status["001_locked.txt"].errors == [
            "001_locked.txt: cannot be read: Permission denied"
        ]
        assert list(result.seeds) == [REAL.name]
        assert not (docs / "articles" / "rivers-rise-in-lyon.md").exists()
        seedsite_build._in_memory.clear()
    monkeypatch.undo()
    locked.chmod(0o644)
    assert len(build(seeds, docs, cache_dir=cache).articles) == 2  # readable again: built


def test_a_cached_seed_replaced_by_a_link_is_refused(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    seeds, docs = dirs
    seed = _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    cache = tmp_path / "cache"
    build(seeds, docs, cache_dir=cache)
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nThe content of a file outside the seeds folder.\n")
    link = seeds / ".new"
    link.symlink_to(secret)
    os.replace(link, seed)
    result = build(seeds, docs, cache_dir=cache)
    assert "symbolic link" in _statuses(result)["001_a.txt"].errors[0]
    assert result.seeds == {} and result.articles == []


def test_the_site_publishes_the_bytes_that_were_read(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """Each published seed is a private copy of the bytes its page was made from: what happens
    to the seeds folder after the pages are made does not reach the site."""
    seeds, docs = dirs
    seed = _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    original = seed.read_bytes()
    cache = tmp_path / "cache"
    result = build(seeds, docs, cache_dir=cache)
    copy = result.seeds["001_a.txt"]
    assert isinstance(copy, Path) and cache in copy.parents
    seed.write_text("Something else entirely\n\nWritten after the pages were made.\n")
    assert copy.read_bytes() == original
    edited = build(seeds, docs, cache_dir=cache).seeds["001_a.txt"]
    assert isinstance(edited, Path) and edited.read_bytes() == seed.read_bytes()
    assert not copy.exists()  # the copy nothing uses any more is removed


def test_a_damaged_copy_is_made_again(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    """A kept copy cut short or edited (its size changed) is not published: the seed is read
    and kept again."""
    seeds, docs = dirs
    seed = _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    cache = tmp_path / "cache"
    copy = build(seeds, docs, cache_dir=cache).seeds["001_a.txt"]
    assert isinstance(copy, Path)
    copy.write_bytes(copy.read_bytes()[:-10])
    again = build(seeds, docs, cache_dir=cache)
    assert again.seeds["001_a.txt"] == copy and copy.read_bytes() == seed.read_bytes()


def test_the_json_report_holds_every_seed_as_asdict_would(dirs: tuple[Path, Path]) -> None:
    import dataclasses
    import json

    from seedsite.build import report_json

    seeds, docs = dirs
    shutil.copy(REAL, seeds)
    _seed(seeds, "001_b.txt", "Rivers fall")
    report = build(seeds, docs).report
    text = report_json(report)
    data = json.loads(text)
    assert data["seeds"] == json.loads(
        json.dumps([dataclasses.asdict(s) for s in report.seeds], ensure_ascii=False)
    )
    assert data["summary"] == report.summary() and data["written"] == report.written
    assert text.count("\n") == len(report.seeds) + 2  # one seed a line


def test_without_copies_a_cached_seed_is_made_again_from_its_file(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    # The build script keeps no copies of the seeds: when the corpus chrome changes, an
    # unchanged seed whose page must be made again is read from the seeds folder.
    seeds, docs = dirs
    cache = tmp_path / "cache"
    chrome = "Harbour Weekly Digest"
    for i in (1, 2):
        path = _seed(seeds, f"00{i}_s.txt", f"Rivers fall in town {i}", topic=f"rivers{i}")
        _insert_before_last(path, chrome)
    first = build(seeds, docs, cache_dir=cache, publish=False)
    assert first.report.error_count == 0
    page = docs / "articles" / "rivers-fall-in-town-1.md"
    assert chrome in page.read_text("utf-8")  # in two seeds only: not yet the site's chrome
    path = _seed(seeds, "003_s.txt", "Rivers fall in town 3", topic="rivers3")
    _insert_before_last(path, chrome)
    again = build(seeds, docs, cache_dir=cache, publish=False)
    assert again.report.error_count == 0, again.report.seeds
    assert chrome not in page.read_text("utf-8")  # three seeds: chrome, and seed 1 made again
    assert not (cache / "seeds").exists() or list((cache / "seeds").iterdir()) == []


@pytest.mark.parametrize("publish", [True, False])
def test_workers_give_the_pages_and_report_of_one_process(tmp_path: Path, publish: bool) -> None:
    # Past a few hundred seeds the build hands them to worker processes while it is still
    # reading the folder: the pages and the report must be exactly those of a serial build,
    # with a bad seed among the first and one edited between builds.
    from seedsite.build import _POOL_FROM, report_json

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(_POOL_FROM + 60):
        _seed(seeds, f"{i:03d}_w.txt", f"Report {i} on the river", topic=f"topic{i % 7}")
    (seeds / "005_bad.txt").write_bytes(b"\xff\xfe\x00" * 10 + b"\x00\x01" * 50)
    (seeds / "006_link.txt").symlink_to(seeds / "001_w.txt")
    results: dict[int, list[Any]] = {}
    for jobs in (1, 2):
        docs = tmp_path / f"docs{jobs}"
        docs.mkdir()
        first = build(seeds, docs, cache_dir=tmp_path / f"cache{jobs}", jobs=jobs, publish=publish)
        results[jobs] = [report_json(first.report), _tree(docs)]
    (seeds / "100_w.txt").write_text("Another story\n\nIt rained on the river today.\n")
    for jobs in (1, 2):
        docs = tmp_path / f"docs{jobs}"
        again = build(seeds, docs, cache_dir=tmp_path / f"cache{jobs}", jobs=jobs, publish=publish)
        results[jobs] += [report_json(again.report), _tree(docs)]
    assert results[1] == results[2]
    status = {s["source"]: s for s in json.loads(results[2][0])["seeds"]}
    assert len(status) == _POOL_FROM + 62
    assert status["005_bad.txt"]["status"] == "error"
    assert "symbolic link" in status["006_link.txt"]["errors"][0]
    assert "articles/another-story.md" in json.loads(results[2][2])["written"]


def test_the_pipeline_makes_no_reference_cycles() -> None:
    # The build's processes run without the garbage collector (build._gc_paused), which only
    # holds while a seed's trip through the pipeline leaves nothing that refcounting cannot
    # free: real pages in several languages, and seeds that fail at each step.
    import gc

    from seedsite.build import _stage_article, _stage_candidates
    from seedsite.model import Seed

    folders = [ROOT / "tests" / "fixtures" / "seeds", ROOT / "tests" / "corpus" / "readability"]
    datas = [p.read_bytes() for f in folders for p in sorted(f.rglob("*.txt"))]
    datas += [b"", b"\xff\xfe\x00", b"Title only\n", b"\x00" * 10, REAL.read_bytes()]
    seeds = [Seed(f"{i:03d}.txt", d, hashlib.sha256(d).hexdigest()) for i, d in enumerate(datas)]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for seed in seeds:
            found = _stage_candidates(seed)
            if not isinstance(found, str) and found.decoded is not None:
                _stage_article((seed, found.decoded, found.candidates))
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.parametrize("new_process", [False, True])
def test_a_damaged_copy_of_the_same_size_is_not_published(
    dirs: tuple[Path, Path], tmp_path: Path, new_process: bool
) -> None:
    """A private copy damaged in place (bit rot, a stray edit, a bad restore) keeps its size:
    it was published for ever, no longer the bytes whose sha256 the page shows."""
    import seedsite.build as build_module

    seeds, docs = dirs
    seed = _seed(seeds, "001_a.txt", "Rivers rise in Lyon")
    cache = tmp_path / "cache"
    copy = build(seeds, docs, cache_dir=cache).seeds["001_a.txt"]
    assert isinstance(copy, Path)
    damaged = bytearray(copy.read_bytes())
    damaged[:6] = b"Zorro "
    copy.write_bytes(bytes(damaged))
    if new_process:
        build_module._in_memory.clear()
    again = build(seeds, docs, cache_dir=cache)
    published = again.seeds["001_a.txt"]
    data = published.read_bytes() if isinstance(published, Path) else published
    assert data == seed.read_bytes()
    assert again.articles[0].meta.sha256 == hashlib.sha256(data).hexdigest()
