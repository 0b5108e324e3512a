"""A build: read the seeds, run the pipeline, write the pages that changed, prune.

A build is a short chain of small steps:

1. ``seedfiles.read_seeds``: every regular ``*.txt`` file in the seeds folder (no link,
   symbolic or hard, is followed), each kept as a private copy that the site publishes;
2. ``_process``: decode, clean, extract and render each seed (cached by file name and sha256,
   and by the corpus-chrome lines the seed contains, so an unchanged seed is not processed
   twice; each new seed is decoded once and its page rendered once, in a worker);
3. ``_assemble_articles``: statuses, duplicates, unique slugs; ``_outputs``: article and listing
   pages;
4. ``docsfiles.write``: write only what changed, delete what is no longer generated, never
   overwrite or delete a file seedsite did not write;
5. ``_save_cache``: the cache file, when something in it changed.

Only this module and those it reads and writes files with (``seedfiles``, ``docsfiles``,
``folders``) touch the disk. Every per-seed step is wrapped so that an error names the seed and
never stops the others.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from . import __version__
from .cache import Cache, CacheDamaged, Entry, Listings, Stat, encode_parts
from .cache import decode as decode_cache
from .clean import chrome_candidates, clean, corpus_chrome
from .decode import decode
from .docsfiles import MANIFEST, Output, constant, replace_with, write
from .extract import extract
from .folders import check_apart, site_lock
from .listing import PER_PAGE, listing_pages, sort_key
from .model import (
    Article,
    ConfigError,
    Decoded,
    Metadata,
    Report,
    Seed,
    SeedError,
    SeedReport,
    printable,
)
from .render import display_title, render_article
from .seedfiles import (
    MAX_SEED_BYTES,
    Copies,
    Unread,
    load,
    published_seeds,
    read_seeds,
    read_unread,
)
from .urls import article_path, article_url

__all__ = ["CACHE_VERSION", "MANIFEST", "MAX_SEED_BYTES", "BuildResult", "build", "flush_cache"]

RESERVED_SLUGS = ("index", "readme")
"""Article names MkDocs would take for a folder's own page; an article gets a suffix instead."""


def _pipeline_version() -> str:
    # Any change to the code that makes a page or the cache invalidates every cached page: the
    # key is a hash of that code itself, so nobody has to remember to bump a number.
    h = hashlib.sha256(__version__.encode())
    # Every module of the package, build.py too (it defines the cache entries themselves): a
    # list of names went stale when a stage grew a module of its own (header, byline, dates).
    # The line classifier's code and its model (data) make pages too.
    package = Path(__file__).parent
    for module in [*sorted(package.glob("*.py")), *sorted((package / "classify").glob("*.*"))]:
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()[:16]


CACHE_VERSION = _pipeline_version()
"""Cache entries made by other code than this are ignored."""

_lock = threading.Lock()
"""One build at a time per process: ``mkdocs serve`` may regenerate from two threads."""


@dataclass
class BuildResult:
    """What ``build`` returns: the report and the articles that got a page."""

    report: Report
    """Per-seed statuses, warnings and removals; files written and deleted."""
    articles: list[Article] = field(default_factory=list)
    """Articles with their final (unique) slugs, newest first."""
    seeds: dict[str, Path | bytes] = field(default_factory=dict)
    """Each article's seed by file name, as the site publishes it at ``seeds/<name>``: a private
    copy of exactly the bytes the page was made from (``seedfiles.Copies``), or those bytes
    themselves when there is no cache folder to keep the copy in."""
    generated: frozenset[str] = frozenset()
    """Every generated page, by path relative to the docs folder."""


def _page_bytes(article: Article) -> bytes:
    return render_article(article).encode("utf-8")


def build(
    seeds_dir: Path,
    docs_dir: Path,
    *,
    cache_dir: Path | None = None,
    site_name: str = "Articles",
    jobs: int = 1,
    page_size: int = PER_PAGE,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    dry_run: bool = False,
    save_cache: bool = True,
    publish: bool = True,
    waiting: Callable[[str], object] = lambda message: None,
) -> BuildResult:
    """Regenerate the pages in ``docs_dir`` from the seeds in ``seeds_dir``.

    ``page_size`` articles go on each home page (``index.md``, ``page/2.md``, ...).

    With ``save_cache=False`` the cache is kept in memory only, until ``flush_cache`` writes it:
    ``mkdocs serve`` does that after a quiet spell, so saving 10,000 seeds' cache (~1 s) does
    not hold up the page an edit changed. Seed copies no build uses any more are removed only
    by a build that saves the cache (under ``mkdocs serve``, a rebuild in progress may still be
    copying them). With ``publish=False`` (the build script: it writes pages, the site is
    MkDocs' to make) no private copies of the seeds are kept.

    One build of a docs folder runs at a time, across processes (``folders.site_lock``);
    ``waiting`` gets a message when this one must wait for another.
    """
    if not seeds_dir.is_dir():
        raise ConfigError(f"{seeds_dir}: seeds folder not found")
    if not docs_dir.is_dir():
        raise ConfigError(f"{docs_dir}: docs folder not found")
    check_apart({"seeds folder": seeds_dir, "docs folder": docs_dir, "cache folder": cache_dir})
    locked = nullcontext() if dry_run else site_lock(docs_dir, waiting)
    with locked, _lock, _gc_paused():
        report = Report()
        cache = _load_cache(cache_dir, report)
        copies = Copies(
            cache_dir, not dry_run, seeds_dir, publish=publish, verified=cache.verified_copies
        )
        stats: dict[str, Stat] = {}
        # Without copies to keep (the build script), the workers read the seeds themselves.
        reading = read_seeds(seeds_dir, report, cache.stats, stats, copies, defer=not publish)
        seeds: list[Seed] = []  # filled by _process as it reads
        done = _process(copies, reading, seeds, stats, cache.entries, jobs, progress)
        for name in done.failed:
            stats.pop(name, None)  # read again next time
        published = _assemble_articles(seeds, done, report)
        # Whether the cache must be saved (saving it costs as much as reading it): when a step
        # changed what it holds, the seeds' files and entries here, the listings below.
        cache.unsaved |= stats != cache.stats or done.changed
        cache.stats = stats
        saver = None
        if not dry_run and save_cache and not publish:
            # The build script: a forked copy of this process makes the listings too (they are
            # in the cache) and saves the cache, while this one makes them and writes the pages.
            metas = [a.meta for a, _ in published]
            make_listings = partial(_listings, metas, site_name, page_size, cache)
            saver = _save_cache_aside(cache_dir, cache, make_listings)
        generated: frozenset[str] = frozenset()
        if not dry_run:
            outputs, listings_made = _outputs(published, site_name, page_size, cache)
            generated = frozenset(outputs)
            cache.unsaved |= listings_made
            write(docs_dir, outputs, report)
        if saver is not None:
            _saved_aside(saver, cache_dir, cache, report)
        elif not dry_run and save_cache:
            _save_cache(cache_dir, cache, report)
        if not dry_run and save_cache:
            copies.prune({s.sha256 for s in seeds})
        report.seeds.sort(key=lambda s: s.source)
        articles = [a for a, _ in published]
        published_files = published_seeds(articles, seeds, copies, report)
        return BuildResult(report, articles, published_files, generated)


# --- the pipeline ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """What the first step makes of a seed (in a worker)."""

    seed: Seed
    """The seed, without its bytes (no need to send them back)."""
    stat: Stat | None
    """The file's status as the worker read it (for an ``Unread`` seed)."""
    candidates: frozenset[str] = frozenset()
    """Its lines that may be corpus chrome."""
    decoded: Decoded | None = None
    """Its text, handed to the article step (one decode); None when it cannot be decoded."""
    error: str | None = None
    """Why it cannot be decoded."""


def _stage_candidates(item: Seed | Unread) -> _Found | str:
    """Read (if unread) and decode one seed, and list its chrome candidates (runs in a worker);
    why it cannot be read, if it cannot."""
    stat = None
    try:
        if isinstance(item, Unread):
            item, stat = read_unread(item)
    except SeedError as e:
        return str(e)
    except Exception as e:  # a bug must name the seed, not lose the other pages
        return f"{item.name}: internal error while reading: {e!r}"
    seed = replace(item, data=b"")
    try:
        decoded = decode(item, max_bytes=MAX_SEED_BYTES)
        return _Found(seed, stat, chrome_candidates(decoded.text), decoded)
    except SeedError as e:
        return _Found(seed, stat, error=str(e))
    except Exception as e:
        return _Found(seed, stat, error=f"{seed.name}: internal error while decoding: {e!r}")


_Made = tuple[Article, bytes, str]
"""An article, its page's bytes and their sha256."""


def _stage_article(job: tuple[Seed, Decoded | None, frozenset[str]]) -> _Made | str:
    """Decode (unless the first step did), clean, extract and render one seed, or the error
    (runs in a worker)."""
    seed, decoded, chrome = job
    try:
        if decoded is None:
            decoded = decode(seed, max_bytes=MAX_SEED_BYTES)
        article = extract(clean(decoded, chrome), seed, decoded)
        page = render_article(article).encode("utf-8")
        return article, page, hashlib.sha256(page).hexdigest()
    except SeedError as e:
        return str(e)
    except Exception as e:
        return f"{seed.name}: internal error: {e!r}"


_In = TypeVar("_In")
_Out = TypeVar("_Out")


_POOL_FROM = 200
"""Worker processes pay off only past a few hundred seeds (start-up, pickling)."""


def _map(
    fn: Callable[[_In], _Out], items: Iterable[_In], pool: ProcessPoolExecutor | None
) -> list[_Out]:
    """``fn`` of each item, in order. ``items`` may be lazy (seeds still being read): the pool
    takes each chunk as it comes, so the workers start on the first seeds while the rest are
    read."""
    if pool is None:
        return [fn(item) for item in items]
    it = iter(items)
    head = list(islice(it, _POOL_FROM))
    if len(head) < _POOL_FROM:
        return [fn(item) for item in head]  # (`it` is spent: islice stopped short)
    return list(pool.map(fn, chain(head, it), chunksize=32))


@dataclass
class _Processed:
    """What ``_process`` made of the seeds."""

    entries: dict[str, Entry]
    """The cache entry of every seed whose bytes could be had, by file name."""
    pages: dict[str, bytes]
    """The pages rendered in this build, by seed name (each rendered once, in a worker, and
    kept until written; the others are rendered again only if they must be written)."""
    failed: dict[str, str]
    """The seeds whose bytes could not be had, with why (not cached as errors)."""
    changed: bool
    """Whether the cache's entries changed (new, stale or re-made)."""


def _process(
    copies: Copies,
    reading: Iterable[Seed | Unread],
    seeds: list[Seed],
    stats: dict[str, Stat],
    entries: dict[str, Entry],
    jobs: int,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> _Processed:
    """Each seed's cache entry, made where missing or stale (``entries`` is updated); the seeds
    ``reading`` yields are appended to ``seeds``, and those the workers read get their
    ``stats``."""
    # One pool for both steps: starting workers (and their imports) costs about a second.
    # The workers are forked inside _gc_paused and collect nothing either: the pipeline makes no
    # reference cycles (a test holds it to that), and collecting cost them 3 % of their time.
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    with pool or nullcontext():
        return _process_in(copies, reading, seeds, stats, entries, pool, progress)


def _process_in(
    copies: Copies,
    reading: Iterable[Seed | Unread],
    seeds: list[Seed],
    stats: dict[str, Stat],
    entries: dict[str, Entry],
    pool: ProcessPoolExecutor | None,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> _Processed:
    # Step 1: what each new seed contributes to the corpus-chrome count, decoded while the
    # seeds are read (a seed whose cache entry has other bytes is new; an unread seed is read
    # by the worker, and new unless it comes back with its entry's bytes).
    failed: dict[str, str] = {}
    asked: list[Seed | Unread] = []

    def new_seeds() -> Iterator[Seed | Unread]:
        for item in reading:
            if isinstance(item, Seed):
                entry = entries.get(item.name)
                if entry is not None and entry.sha256 == item.sha256:
                    seeds.append(item)
                    continue
                loaded = load(copies, item)
                if isinstance(loaded, str):
                    seeds.append(item)
                    failed[item.name] = loaded
                    continue
                item = loaded
            asked.append(item)
            yield item

    found_all = _map(_stage_candidates, new_seeds(), pool)  # (fills `asked`)
    decoded: dict[str, Decoded] = {}
    fresh = []
    for item, found in zip(asked, found_all, strict=True):
        if isinstance(found, str):  # an unread seed the worker could not read
            seeds.append(Seed(item.name, b"", ""))
            failed[item.name] = found
            continue
        # (A seed sent with its bytes keeps them: without a cache folder, the site publishes them.)
        seed = item if isinstance(item, Seed) else found.seed
        seeds.append(seed)
        if found.stat is not None:
            stats[seed.name] = found.stat
        entry = entries.get(seed.name)
        if entry is not None and entry.sha256 == seed.sha256:
            continue  # read again (its file was touched), the same bytes
        fresh.append(seed)
        if found.decoded is None:
            entries[seed.name] = Entry(seed.sha256, frozenset(), None, error=found.error)
        else:
            info = (found.decoded.encoding, found.decoded.confidence)
            entries[seed.name] = Entry(seed.sha256, found.candidates, info)
            decoded[seed.name] = found.decoded
    seeds.sort(key=lambda s: s.name)
    live = {s.name: s.sha256 for s in seeds}
    stale = [n for n, e in entries.items() if live.get(n) != e.sha256]
    for name in stale:
        del entries[name]
    usable = [s for s in seeds if s.name not in failed]
    decodable = [entries[s.name] for s in usable if entries[s.name].decode_info is not None]
    # Byte-identical seeds count once: one page saved twice is not two pages of a site.
    chrome = corpus_chrome({e.sha256: e.candidates for e in decodable})

    # Step 2: the article of every seed that is new or whose chrome lines changed.
    # A seed decoded by the first step goes on without its bytes; others are read and decoded
    # in the worker (unchanged seeds whose corpus-chrome lines changed).
    todo: list[Seed] = []
    jobs_in: list[tuple[Seed, Decoded | None, frozenset[str]]] = []
    for seed in usable:
        entry = entries[seed.name]
        used = entry.candidates & chrome
        if entry.decode_info is None or (entry.done and used == entry.chrome_used):
            continue
        entry.chrome_used = used
        if seed.name in decoded:
            jobs_in.append((seed, decoded[seed.name], used))
        elif isinstance(loaded := load(copies, seed), str):
            failed[seed.name], entry.done = loaded, False
            continue
        else:
            jobs_in.append((loaded, None, used))
        todo.append(seed)
    results: Iterable[tuple[Seed, _Made | str]] = zip(
        todo, _map(_stage_article, jobs_in, pool), strict=True
    )
    if progress is not None:
        results = progress(results, len(todo))
    pages: dict[str, bytes] = {}
    for seed, made in results:
        entry = entries[seed.name]
        entry.done = True
        if isinstance(made, str):
            entry.article, entry.page, entry.error = None, None, made
        else:
            article, pages[seed.name], digest = made
            entry.article, entry.error = article, None
            entry.page = (digest, len(pages[seed.name]))
    kept = {s.name: entries[s.name] for s in usable}
    return _Processed(kept, pages, failed, changed=bool(stale or fresh or todo))


# --- assembling pages --------------------------------------------------------------------


def _assemble_articles(
    seeds: list[Seed], done: _Processed, report: Report
) -> list[tuple[Article, Output]]:
    """Per-seed statuses, duplicates and unique slugs: the published articles with their pages
    (a page not rendered in this build is rendered again only if it must be written)."""
    entries, fresh, failed = done.entries, done.pages, done.failed
    status = {s.source: s for s in report.seeds}
    by_sha: dict[str, str] = {}
    # MkDocs serves articles/index.md and articles/README.md as the folder's own page, so an
    # article named so would live at a URL its links do not use: those names are taken.
    slugs: dict[str, str] = dict.fromkeys(RESERVED_SLUGS, "the site (a folder's index page)")
    suffixes: dict[str, int] = {}  # the next suffix to try for a slug already taken
    published: list[tuple[Article, Output]] = []
    for seed in seeds:
        st = status[seed.name]
        if seed.name in failed:
            st.status = "error"
            st.errors.append(failed[seed.name])
            continue
        entry = entries[seed.name]
        if entry.decode_info:
            st.encoding, st.confidence = entry.decode_info
        if entry.article is None or entry.page is None:
            st.status = "error"
            st.errors.append(entry.error or f"{seed.name}: no article")
            continue
        article = entry.article
        if seed.name in fresh:
            page = Output(*entry.page, make=constant(fresh[seed.name]))
        else:
            page = Output(*entry.page, make=partial(_page_bytes, article))
        st.warnings.extend(f"{seed.name}: {w}" for w in article.warnings)
        st.removed = article.removals
        if seed.sha256 in by_sha:
            first = by_sha[seed.sha256]
            st.status = "duplicate"
            report.warnings.append(
                f"{seed.name}: same bytes as {first}; one page is made, from {first}"
            )
            continue
        by_sha[seed.sha256] = seed.name
        slug = article.meta.slug
        if slug in slugs:
            free = unique_slug(slug, slugs, suffixes)
            report.warnings.append(
                f"{seed.name}: slug {slug!r} already used by {slugs[slug]}; using {free!r}"
            )
            slug = free
            article = replace(article, meta=replace(article.meta, slug=slug))
            page = Output.of(_page_bytes(article))
        slugs[slug] = seed.name
        st.page = article_path(slug)
        published.append((article, page))
    published.sort(key=lambda item: sort_key(item[0].meta))
    return published


def unique_slug(slug: str, taken: Container[str], suffixes: dict[str, int]) -> str:
    """``slug`` with the first suffix (``-2``, ``-3``, ...) not in ``taken``; ``suffixes`` keeps
    where the search for each slug goes on next time."""
    # From 2 each time, 12,000 seeds with one title (scraped "Access Denied" pages) took 72
    # million look-ups: the search goes on from where the last one for this slug stopped.
    n = suffixes.get(slug, 2)
    while f"{slug}-{n}" in taken:
        n += 1
    suffixes[slug] = n + 1
    return f"{slug}-{n}"


def neighbours(articles: list[Article]) -> dict[str, dict[str, dict[str, str]]]:
    """For each article's URL, the ``newer`` and ``older`` article next to it (newest first)."""
    links: dict[str, dict[str, dict[str, str]]] = {}
    for i, article in enumerate(articles):
        here: dict[str, dict[str, str]] = {}
        for key, j in (("newer", i - 1), ("older", i + 1)):
            if 0 <= j < len(articles):
                meta = articles[j].meta
                here[key] = {"title": display_title(meta), "url": article_url(meta.slug)}
        links[article_url(article.meta.slug)] = here
    return links


def _listings(
    metas: list[Metadata], site_name: str, page_size: int, cache: Cache
) -> tuple[dict[str, str], bool]:
    """The listing pages, and whether they were made (not reused whole)."""
    # Making the listings of 10,000 articles costs about a second: a third of an unchanged
    # re-run, and of the regeneration after an edit under `mkdocs serve`. Unchanged metadata
    # reuses them whole; changed metadata re-makes only the listing pages it is on (the memo).
    # Both live in the build cache (in memory between builds of one process, and on disk).
    key = tuple(metas)
    kept = cache.listings
    if kept is not None and kept.made_from(site_name, page_size, key):
        return kept.pages, False
    pages = listing_pages(metas, site_name, memo=cache.listing_memo, page_size=page_size)
    cache.listings = Listings(site_name, page_size, key, pages)
    return pages, True


def _outputs(
    published: list[tuple[Article, Output]], site_name: str, page_size: int, cache: Cache
) -> tuple[dict[str, Output], bool]:
    """Every generated file by path, and whether the listings were made."""
    outputs = {article_path(a.meta.slug): page for a, page in published}
    listings, made = _listings([a.meta for a, _ in published], site_name, page_size, cache)
    outputs.update((path, Output.of(text.encode("utf-8"))) for path, text in listings.items())
    return outputs, made


# --- cache -------------------------------------------------------------------------------


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No garbage collection inside: a build makes tens of thousands of long-lived objects (the
    articles, the cache) and no cycles worth collecting, and each full collection walks them
    all (0.6 s of the build script's main process at 10,000 seeds)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_in_memory: dict[Path, Cache] = {}
"""Caches already loaded in this process, by folder (``mkdocs serve`` builds many times; the
lock above is per process too)."""


def _load_cache(cache_dir: Path | None, report: Report) -> Cache:
    if cache_dir is None:
        return Cache()
    if cache_dir in _in_memory:
        return _in_memory[cache_dir]
    cache, problem = _read_cache(cache_dir)
    if problem:
        report.warnings.append(f"{cache_dir}: {problem}; ignored, every seed is built again")
    _in_memory[cache_dir] = cache
    return cache


_CACHE_FILE = "cache.json"
"""The cache's file in the cache folder (format: ``cache.py``)."""
_OLD_CACHE_FILES = ("cache.pickle",)
"""Earlier versions' cache files: never read, removed when the cache is saved."""


def _read_cache(cache_dir: Path) -> tuple[Cache, str | None]:
    """The cache, or an empty one and why (None when there was simply none yet)."""
    try:
        with open(cache_dir / _CACHE_FILE, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return Cache(), None
    except OSError as e:  # a file where the folder should be, no permission, ...
        return Cache(), f"cache cannot be read ({e.strerror})"
    # The cache holds millions of small objects (see _gc_paused).
    try:
        with _gc_paused():
            cache = decode_cache(data, CACHE_VERSION)
    except CacheDamaged as e:
        return Cache(), str(e)
    except Exception as e:  # the checksum held, yet it is not what this code writes
        return Cache(), f"cache cannot be loaded ({type(e).__name__})"
    if cache is None:
        return Cache(), None  # made by other code: the normal case after an upgrade
    # The cache lives as long as the process: leave its objects out of every later collection
    # (under `mkdocs serve`, each full collection walked them all, ~0.2 s at 10,000 seeds).
    gc.freeze()
    return cache, None


def flush_cache(cache_dir: Path) -> None:
    """Save the cache of ``cache_dir`` that builds in this process left unsaved, if any."""
    with _lock:
        cache = _in_memory.get(cache_dir)
        if cache is not None and cache.unsaved:
            _save_cache(cache_dir, cache, Report())


def _save_cache_aside(
    cache_dir: Path | None, cache: Cache, prepare: Callable[[], object]
) -> int | None:
    """Save the cache from a forked copy of this process, which runs ``prepare`` first (what
    else goes into the cache), while this one makes and writes the pages (the build script
    only: a one-shot process with no other threads). The child's pid, or None when there is
    nothing to save yet or no fork."""
    if cache_dir is None or not cache.unsaved or not hasattr(os, "fork"):
        return None
    if threading.active_count() > 1:
        return None  # a fork copies one thread: another's locks would stay held in the child
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        problems = Report()
        prepare()
        _save_cache(cache_dir, cache, problems)
        status = 0 if not problems.warnings else 2
    finally:
        os._exit(status)


def _saved_aside(pid: int, cache_dir: Path | None, cache: Cache, report: Report) -> None:
    """Wait for the forked saver; a failure is one warning, as a failed save in place is."""
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        cache.unsaved = False
    else:
        report.warnings.append(f"{cache_dir}: cache not saved")


def _save_cache(cache_dir: Path | None, cache: Cache, report: Report) -> None:
    if cache_dir is None or not cache.unsaved:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _write_cache_file(cache_dir / _CACHE_FILE, encode_parts(cache, CACHE_VERSION))
        for name in _OLD_CACHE_FILES:
            (cache_dir / name).unlink(missing_ok=True)
    except OSError as e:  # a file where the folder should be, a full disk: the build stands
        report.warnings.append(f"{cache_dir}: cache not saved ({e.strerror})")
        return
    cache.unsaved = False


def _write_cache_file(target: Path, parts: Iterable[bytes]) -> None:
    """The cache file (``cache.py``: sha256, newline, JSON), written as the JSON is made, under
    a temporary name until whole."""

    def fill(f: BinaryIO) -> None:
        digest = hashlib.sha256()
        f.write(b"0" * digest.digest_size * 2 + b"\n")  # the checksum's place
        for part in parts:
            digest.update(part)
            f.write(part)
        f.seek(0)
        f.write(digest.hexdigest().encode())

    replace_with(target, fill)


def _seed_report(seed: SeedReport) -> dict[str, Any]:
    """One seed's entry, as ``asdict`` makes it (field order kept), without its deep copies."""
    out = dict(vars(seed))
    # File names as ``printable`` shows them: a name that is not UTF-8 cannot be written as
    # UTF-8 text at all (the report crashed), and one with escapes or bidi controls is shown
    # as the CLI shows it.
    out["source"] = printable(seed.source)
    out["errors"] = [printable(m) for m in seed.errors]
    out["warnings"] = [printable(m) for m in seed.warnings]
    out["removed"] = [
        {"rule": r.rule, "line": r.line, "text": r.text, "why": r.why} for r in seed.removed
    ]
    return out


def report_json(report: Report) -> str:
    """The build report as deterministic JSON (what ``--report FILE`` writes)."""
    data = {
        "summary": report.summary(),
        "pages": report.pages,
        "errors": report.error_count,
        "warnings": [printable(m) for m in report.warnings],
        "written": report.written,
        "deleted": [printable(p) for p in report.deleted],
    }
    # One seed a line: readable, and each line made by json's C encoder (with ``indent`` the
    # whole report goes through the pure-Python one: 0.8 s at 10,000 seeds against 0.15 s).
    # (One encoder for all: json.dumps with any option set makes a new one each call.)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    seeds = [encode(_seed_report(s)) for s in report.seeds]
    head = json.dumps(data, ensure_ascii=False)[:-1]
    lines = ",\n  ".join(seeds)
    return f'{head}, "seeds": [\n  {lines}\n]}}\n' if seeds else f'{head}, "seeds": []}}\n'
