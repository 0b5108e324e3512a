"""The only module that touches the disk: read seeds, run the pipeline, write changed pages, prune.

A build is a short chain of small steps:

1. ``_read_seeds``: every regular ``*.txt`` file in the seeds folder (links are not followed);
2. ``_process``: decode, clean and extract each seed (cached by file name and sha256, and by the
   corpus-chrome lines the seed contains, so an unchanged seed is not processed twice);
3. ``_assemble``: unique slugs, neighbours, article pages, listing pages, seed copies;
4. ``_write``: write only what changed (temp file, then rename), delete what is no longer
   generated, never overwrite a file seedsite did not write.

Every per-seed step is wrapped so that an error names the seed and never stops the others.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import stat
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .clean import chrome_candidates, clean, corpus_chrome
from .decode import decode
from .extract import extract
from .listing import listing_pages, sort_key
from .model import (
    Article,
    ConfigError,
    Decoded,
    Metadata,
    Report,
    Seed,
    SeedError,
    SeedReport,
    WriteError,
)
from .render import GENERATOR, display_title, render_article
from .urls import article_path, article_url

MAX_SEED_BYTES = 5_000_000
"""Seeds larger than this are rejected before they are read: no article is 5 MB of text."""

RESERVED_SLUGS = ("index", "readme")
"""Article names MkDocs would take for a folder's own page; an article gets a suffix instead."""

MANIFEST = ".seedsite-manifest.json"
"""File in the docs folder listing every generated file and its sha256 (what we own)."""


def _pipeline_version() -> str:
    # Any change to the code that makes a page or the cache invalidates every cached page: the
    # key is a hash of that code itself, so nobody has to remember to bump a number.
    h = hashlib.sha256(__version__.encode())
    # Every module of the package, build.py too (it defines the cache entries themselves): a
    # list of names went stale when a stage grew a module of its own (header, byline, dates).
    for module in sorted(Path(__file__).parent.glob("*.py")):
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


@dataclass
class _Entry:
    """A cache entry: one seed's pipeline result, valid while its sha256 and chrome lines hold."""

    sha256: str
    candidates: frozenset[str]
    decode_info: tuple[str, float] | None
    chrome_used: frozenset[str] = frozenset()
    done: bool = False
    article: Article | None = None
    page: tuple[str, int] | None = None
    """sha256 and size of the rendered page: the text itself is made again only to be written
    (keeping it doubled the cache, which is read and saved on every build)."""
    error: str | None = None


@dataclass(frozen=True)
class _Output:
    """One generated file: its sha256 and size, and how to make its bytes (only to write it)."""

    digest: str
    size: int
    make: Callable[[], bytes]

    @classmethod
    def of(cls, data: bytes) -> _Output:
        return cls(hashlib.sha256(data).hexdigest(), len(data), _constant(data))


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _page_bytes(article: Article) -> bytes:
    return render_article(article).encode("utf-8")


def build(
    seeds_dir: Path,
    docs_dir: Path,
    *,
    cache_dir: Path | None = None,
    site_name: str = "Articles",
    jobs: int = 1,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    dry_run: bool = False,
    save_cache: bool = True,
) -> BuildResult:
    """Regenerate the pages in ``docs_dir`` from the seeds in ``seeds_dir``.

    With ``save_cache=False`` the cache is kept in memory only, until ``flush_cache`` writes it:
    ``mkdocs serve`` does that after a quiet spell, so saving 10,000 seeds' cache (~1 s) does
    not hold up the page an edit changed.
    """
    if not seeds_dir.is_dir():
        raise ConfigError(f"{seeds_dir}: seeds folder not found")
    if not docs_dir.is_dir():
        raise ConfigError(f"{docs_dir}: docs folder not found")
    with _lock:
        report = Report()
        cache = _load_cache(cache_dir, report)
        stats: dict[str, tuple[int, int, str]] = {}
        seeds = _read_seeds(seeds_dir, report, cache.get("stats", {}), stats)
        entries, fresh = _process(seeds_dir, seeds, cache, jobs, progress)
        if stats != cache.get("stats"):
            cache["stats"], cache["changed"] = stats, True
        published = _assemble_articles(seeds, entries, fresh, report)
        if not dry_run:
            _write(docs_dir, _outputs(published, site_name, cache), report)
            if save_cache:
                _save_cache(cache_dir, cache, report)
        report.seeds.sort(key=lambda s: s.source)
        return BuildResult(report, [a for a, _ in published])


# --- reading -----------------------------------------------------------------------------


def _read_seeds(
    seeds_dir: Path,
    report: Report,
    known: dict[str, tuple[int, int, str]],
    stats: dict[str, tuple[int, int, str]],
) -> list[Seed]:
    """Every seed, read and hashed; ``known`` seeds unchanged on disk (same size and mtime as
    when last hashed) are not read again: their ``data`` stays empty until ``_load`` needs it.
    ``stats`` is filled with every seed's (size, mtime, sha256) for the next build's ``known``."""
    seeds = []
    with os.scandir(seeds_dir) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .gitkeep and editor swap files are not seeds
        if not entry.name.endswith(".txt"):
            report.warnings.append(f"{entry.name}: not a .txt file, ignored")
            continue
        status = SeedReport(entry.name)
        report.seeds.append(status)
        try:
            seeds.append(_read_one(entry, known, stats))
        except SeedError as e:
            status.status = "error"
            status.errors.append(str(e))
    return seeds


def _read_one(
    entry: os.DirEntry[str],
    known: dict[str, tuple[int, int, str]],
    stats: dict[str, tuple[int, int, str]],
) -> Seed:
    if entry.is_symlink():
        # A link could point anywhere on the machine (``/etc/passwd``, ``../mkdocs.yml``); the
        # seed text is published with the site, so only files inside the folder are read.
        raise SeedError(entry.name, "is a symbolic link; seeds must be regular files")
    if not entry.is_file(follow_symlinks=False):
        raise SeedError(entry.name, "is not a regular file")
    info = entry.stat(follow_symlinks=False)
    size = info.st_size
    if size > MAX_SEED_BYTES:
        raise SeedError(entry.name, f"is {size:,} bytes, over the {MAX_SEED_BYTES:,}-byte limit")
    seen = known.get(entry.name)
    if seen is not None and seen[:2] == (size, info.st_mtime_ns):
        seed = Seed(entry.name, b"", seen[2])
    else:
        seed = _read_bytes(Path(entry.path), entry.name)
    # Taken before reading: a seed written while it was read has a newer mtime next time, and
    # is read again then.
    stats[entry.name] = (size, info.st_mtime_ns, seed.sha256)
    return seed


def _read_bytes(path: Path, name: str) -> Seed:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(MAX_SEED_BYTES + 1)
    except OSError as e:
        raise SeedError(name, f"cannot be read: {e.strerror}") from None
    if len(data) > MAX_SEED_BYTES:
        raise SeedError(name, f"grew over the {MAX_SEED_BYTES:,}-byte limit while read")
    return Seed(name, data, hashlib.sha256(data).hexdigest())


# --- the pipeline ------------------------------------------------------------------------


_Candidates = tuple[frozenset[str], Decoded]
"""A seed's chrome candidates and its decoded text (handed to the article step: one decode)."""


def _stage_candidates(seed: Seed) -> _Candidates | str:
    """Decode one seed and list its chrome candidates, or the error (runs in a worker)."""
    try:
        decoded = decode(seed, max_bytes=MAX_SEED_BYTES)
        return chrome_candidates(decoded.text), decoded
    except SeedError as e:
        return str(e)
    except Exception as e:  # a bug must name the seed, not lose the other pages
        return f"{seed.name}: internal error while decoding: {e!r}"


def _stage_article(job: tuple[Seed, Decoded | None, frozenset[str]]) -> tuple[Article, str] | str:
    """Decode (unless the first step did), clean, extract and render one seed, or the error
    (runs in a worker)."""
    seed, decoded, chrome = job
    try:
        if decoded is None:
            decoded = decode(seed, max_bytes=MAX_SEED_BYTES)
        article = extract(clean(decoded, chrome), seed, decoded)
        return article, render_article(article)
    except SeedError as e:
        return str(e)
    except Exception as e:
        return f"{seed.name}: internal error: {e!r}"


def _load(seeds_dir: Path, seed: Seed) -> Seed:
    """The seed with its bytes, read now if ``_read_seeds`` skipped them."""
    if seed.data:
        return seed
    try:
        loaded = _read_bytes(seeds_dir / seed.name, seed.name)
    except SeedError:
        return seed  # gone or unreadable since: decoding the empty bytes reports it
    return loaded


_In = TypeVar("_In")
_Out = TypeVar("_Out")


def _map(
    fn: Callable[[_In], _Out], items: list[_In], pool: ProcessPoolExecutor | None
) -> list[_Out]:
    # Worker processes pay off only past a few hundred seeds (start-up, pickling).
    if pool is not None and len(items) >= 200:
        return list(pool.map(fn, items, chunksize=32))
    return [fn(item) for item in items]


def _process(
    seeds_dir: Path,
    seeds: list[Seed],
    cache: dict[str, Any],
    jobs: int,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> tuple[dict[str, _Entry], dict[str, bytes]]:
    """Each seed's cache entry, made where missing or stale; and the pages made in this build."""
    entries: dict[str, _Entry] = cache.setdefault("entries", {})
    # One pool for both steps: starting workers (and their imports) costs about a second.
    with ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else nullcontext() as pool:
        return _process_in(seeds_dir, seeds, entries, cache, pool, progress)


def _process_in(
    seeds_dir: Path,
    seeds: list[Seed],
    entries: dict[str, _Entry],
    cache: dict[str, Any],
    pool: ProcessPoolExecutor | None,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> tuple[dict[str, _Entry], dict[str, bytes]]:
    live = {s.name: s for s in seeds}
    stale = [n for n, e in entries.items() if n not in live or e.sha256 != live[n].sha256]
    for name in stale:
        del entries[name]

    # Step 1: what each new seed contributes to the corpus-chrome count.
    fresh = [_load(seeds_dir, s) for s in seeds if s.name not in entries]
    decoded: dict[str, Decoded] = {}
    for seed, found in zip(fresh, _map(_stage_candidates, fresh, pool), strict=True):
        if isinstance(found, str):
            entries[seed.name] = _Entry(seed.sha256, frozenset(), None, error=found)
        else:
            info = (found[1].encoding, found[1].confidence)
            entries[seed.name] = _Entry(seed.sha256, found[0], info)
            decoded[seed.name] = found[1]
    decodable = [entries[s.name] for s in seeds if entries[s.name].decode_info is not None]
    chrome = corpus_chrome((e.candidates for e in decodable), len(decodable))

    # Step 2: the article of every seed that is new or whose chrome lines changed.
    todo = []
    for seed in seeds:
        entry = entries[seed.name]
        used = entry.candidates & chrome
        if entry.decode_info is not None and (not entry.done or used != entry.chrome_used):
            entry.chrome_used = used
            todo.append(seed)
    # A seed decoded by the first step goes on without its bytes; others are read and decoded
    # in the worker (unchanged seeds whose corpus-chrome lines changed).
    jobs_in = [
        (s, decoded[s.name], entries[s.name].chrome_used)
        if s.name in decoded
        else (_load(seeds_dir, s), None, entries[s.name].chrome_used)
        for s in todo
    ]
    results: Iterable[tuple[Seed, tuple[Article, str] | str]] = zip(
        todo, _map(_stage_article, jobs_in, pool), strict=True
    )
    if progress is not None:
        results = progress(results, len(todo))
    # Saving the cache costs as much as reading it: only when something in it changed.
    cache["changed"] = cache.get("changed", False) or bool(stale or fresh or todo)
    pages: dict[str, bytes] = {}
    for seed, made in results:
        entry = entries[seed.name]
        entry.done = True
        if isinstance(made, str):
            entry.article, entry.page, entry.error = None, None, made
        else:
            data = made[1].encode("utf-8")
            pages[seed.name] = data
            entry.article, entry.error = made[0], None
            entry.page = (hashlib.sha256(data).hexdigest(), len(data))
    return {s.name: entries[s.name] for s in seeds}, pages


# --- assembling pages --------------------------------------------------------------------


def _assemble_articles(
    seeds: list[Seed], entries: dict[str, _Entry], fresh: dict[str, bytes], report: Report
) -> list[tuple[Article, _Output]]:
    """Per-seed statuses, duplicates and unique slugs: the published articles with their pages
    (``fresh``: the pages made in this build; the others are made again if they must be written).
    """
    status = {s.source: s for s in report.seeds}
    by_sha: dict[str, str] = {}
    # MkDocs serves articles/index.md and articles/README.md as the folder's own page, so an
    # article named so would live at a URL its links do not use: those names are taken.
    slugs: dict[str, str] = dict.fromkeys(RESERVED_SLUGS, "the site (a folder's index page)")
    published: list[tuple[Article, _Output]] = []
    for seed in seeds:
        entry, st = entries[seed.name], status[seed.name]
        if entry.decode_info:
            st.encoding, st.confidence = entry.decode_info
        if entry.article is None or entry.page is None:
            st.status = "error"
            st.errors.append(entry.error or f"{seed.name}: no article")
            continue
        article = entry.article
        if seed.name in fresh:
            page = _Output(*entry.page, make=_constant(fresh[seed.name]))
        else:
            page = _Output(*entry.page, make=partial(_page_bytes, article))
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
            n = 2
            while f"{slug}-{n}" in slugs:
                n += 1
            report.warnings.append(
                f"{seed.name}: slug {slug!r} already used by {slugs[slug]}; using '{slug}-{n}'"
            )
            slug = f"{slug}-{n}"
            article = replace(article, meta=replace(article.meta, slug=slug))
            page = _Output.of(_page_bytes(article))
        slugs[slug] = seed.name
        st.page = article_path(slug)
        published.append((article, page))
    published.sort(key=lambda item: sort_key(item[0].meta))
    return published


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


def _listings(metas: list[Metadata], site_name: str, cache: dict[str, Any]) -> dict[str, str]:
    # Making the listings of 10,000 articles costs about a second: a third of an unchanged
    # re-run, and of the regeneration after an edit under `mkdocs serve`. Unchanged metadata
    # reuses them whole; changed metadata re-makes only the listing pages it is on (the memo).
    # Both live in the build cache (in memory between builds of one process, and on disk).
    key = (site_name, tuple(metas))
    kept = cache.get("listings")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        pages: dict[str, str] = kept[1]
    else:
        pages = listing_pages(metas, site_name, memo=cache.setdefault("listing_memo", {}))
        cache["listings"], cache["changed"] = (key, pages), True
    return pages


def _outputs(
    published: list[tuple[Article, _Output]], site_name: str, cache: dict[str, Any]
) -> dict[str, _Output]:
    outputs = {article_path(a.meta.slug): page for a, page in published}
    listings = _listings([a.meta for a, _ in published], site_name, cache)
    outputs.update((path, _Output.of(text.encode("utf-8"))) for path, text in listings.items())
    return outputs


# --- writing -----------------------------------------------------------------------------


def _is_generated(path: Path) -> bool:
    """Whether an existing page carries seedsite's marker in its front matter (so the build wrote
    it and may replace it): a file the manifest does not list is replaced only then."""
    try:
        with open(path, "rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return False
    return head.startswith(b"---\n") and f"generator: {GENERATOR}".encode() in head


def _write(docs_dir: Path, outputs: dict[str, _Output], report: Report) -> None:
    manifest_path = docs_dir / MANIFEST
    try:
        old: dict[str, str] = json.loads(manifest_path.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        old = {}
    new: dict[str, str] = {}
    for rel, output in sorted(outputs.items()):
        digest = output.digest
        target = docs_dir / rel
        if old.get(rel) == digest and _file_size(target) == output.size:
            new[rel] = digest
            continue
        if target.exists() and rel not in old and not _is_generated(target):
            report.warnings.append(
                f"{target}: exists and was not written by seedsite; not overwritten "
                "(move it away to let the build generate it)"
            )
            continue
        try:
            _atomic_write(target, output.make())
        except OSError as e:
            raise WriteError(f"{target}: cannot write: {e.strerror}") from None
        new[rel] = digest
        report.written.append(rel)
    for rel in sorted(set(old) - set(new)):
        target = docs_dir / rel
        if rel in outputs:
            continue  # refused above: keep owning nothing there
        try:
            target.unlink()
            report.deleted.append(rel)
        except FileNotFoundError:
            pass
        _prune_empty_dirs(target.parent, docs_dir)
    if new != old or not manifest_path.exists():
        # No indent: json.dumps with one falls back to the pure-Python encoder (0.25 s here).
        payload = json.dumps({"generator": GENERATOR, "files": new}, sort_keys=True)
        _atomic_write(manifest_path, payload.encode("utf-8") + b"\n")


def _file_size(path: Path) -> int | None:
    """Size of the regular file at ``path``; None when there is none (one stat call)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _atomic_write(target: Path, data: bytes) -> None:
    # A page that exists is replaced by rename, so `mkdocs serve` never reads half of it. A new
    # page is written in place (a rename costs as much as the write on this kind of disk, and a
    # reader that catches it half-written is sent a second change event when the write ends).
    try:
        with open(target, "xb") as f:
            f.write(data)
        return
    except FileExistsError:
        pass
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as f:
            f.write(data)
        return
    # The temp name is a dotfile (MkDocs ignores those), unique to this process.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


# --- cache -------------------------------------------------------------------------------


_in_memory: dict[Path, dict[str, Any]] = {}
"""Caches already loaded in this process (``mkdocs serve`` builds many times)."""


def _load_cache(cache_dir: Path | None, report: Report) -> dict[str, Any]:
    if cache_dir is None:
        return {}
    if cache_dir in _in_memory:
        return _in_memory[cache_dir]
    cache, problem = _read_cache(cache_dir)
    if problem:
        report.warnings.append(f"{cache_dir}: {problem}; ignored, every seed is built again")
    _in_memory[cache_dir] = cache
    return cache


_CACHE_FILE = "cache.pickle"
# The file is the sha256 of the pickle, a newline, then the pickle: a damaged or edited cache is
# never unpickled (a damaged pickle can raise anything, MemoryError and OverflowError included,
# and an edited one could put altered text in search and listings).
_DIGEST_LEN = 64


def _read_cache(cache_dir: Path) -> tuple[dict[str, Any], str | None]:
    """The cache, or an empty one and why (None when there was simply none yet)."""
    try:
        with open(cache_dir / _CACHE_FILE, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return {}, None
    except OSError as e:  # a file where the folder should be, no permission, ...
        return {}, f"cache cannot be read ({e.strerror})"
    if data.startswith(b"\x80"):
        return {}, None  # a bare pickle: an earlier version's cache, made again without a word
    digest, payload = data[:_DIGEST_LEN], data[_DIGEST_LEN + 1 :]
    if data[_DIGEST_LEN : _DIGEST_LEN + 1] != b"\n" or (
        hashlib.sha256(payload).hexdigest().encode() != digest
    ):
        return {}, "cache is damaged or was changed (its checksum does not match)"
    # The cache holds millions of small objects: with the garbage collector running while they
    # are made, loading 10,000 seeds' cache takes 0.7-1.2 s instead of 0.3 s.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        cache = pickle.loads(payload)
    except Exception as e:  # the checksum held, yet it does not load: another version's
        return {}, f"cache cannot be loaded ({type(e).__name__})"
    finally:
        if gc_was_enabled:
            gc.enable()
    # The cache lives as long as the process: leave its objects out of every later collection
    # (under `mkdocs serve`, each full collection walked them all, ~0.2 s at 10,000 seeds).
    gc.freeze()
    if not isinstance(cache, dict) or cache.get("version") != CACHE_VERSION:
        return {}, None  # made by other code: the normal case after an upgrade
    return cache, None


def flush_cache(cache_dir: Path) -> None:
    """Save the cache of ``cache_dir`` that builds in this process left unsaved, if any."""
    with _lock:
        cache = _in_memory.get(cache_dir)
        if cache is not None and cache.get("changed"):
            _save_cache(cache_dir, cache, Report())


def _save_cache(cache_dir: Path | None, cache: dict[str, Any], report: Report) -> None:
    if cache_dir is None or not cache.pop("changed", True):
        return
    cache["version"] = CACHE_VERSION
    payload = pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(
            cache_dir / _CACHE_FILE, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        )
    except OSError as e:  # a file where the folder should be, a full disk: the build stands
        report.warnings.append(f"{cache_dir}: cache not saved ({e.strerror})")


def report_json(report: Report) -> str:
    """The build report as deterministic JSON (what ``--report FILE`` writes)."""
    data = {
        "summary": report.summary(),
        "pages": report.pages,
        "errors": report.error_count,
        "warnings": report.warnings,
        "written": report.written,
        "deleted": report.deleted,
        "seeds": [asdict(s) for s in report.seeds],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
