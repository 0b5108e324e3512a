"""The only module that touches the disk: read seeds, run the pipeline, write changed pages, prune.

A build is a short chain of small steps:

1. ``_read_seeds``: every regular ``*.txt`` file in the seeds folder (no link, symbolic or hard,
   is followed), each kept as a private copy that the site publishes (``_Copies``);
2. ``_process``: decode, clean and extract each seed (cached by file name and sha256, and by the
   corpus-chrome lines the seed contains, so an unchanged seed is not processed twice);
3. ``_assemble``: unique slugs, neighbours, article pages, listing pages;
4. ``_write``: write only what changed (temp file, then rename), delete what is no longer
   generated, never overwrite a file seedsite did not write.

Every per-seed step is wrapped so that an error names the seed and never stops the others.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import os
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
from .cache import CacheDamaged, Entry
from .cache import decode as decode_cache
from .cache import encode as encode_cache
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
    seeds: dict[str, Path | bytes] = field(default_factory=dict)
    """Each article's seed by file name, as the site publishes it at ``seeds/<name>``: a private
    copy of exactly the bytes the page was made from (``_Copies``), or those bytes themselves
    when there is no cache folder to keep the copy in."""


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
    not hold up the page an edit changed. Seed copies no build uses any more are removed only
    by a build that saves the cache (under ``mkdocs serve``, a rebuild in progress may still be
    copying them).
    """
    if not seeds_dir.is_dir():
        raise ConfigError(f"{seeds_dir}: seeds folder not found")
    if not docs_dir.is_dir():
        raise ConfigError(f"{docs_dir}: docs folder not found")
    with _lock:
        report = Report()
        cache = _load_cache(cache_dir, report)
        copies = _Copies(cache_dir, writable=not dry_run)
        stats: dict[str, tuple[int, int, int, str]] = {}
        seeds = _read_seeds(seeds_dir, report, cache.get("stats", {}), stats, copies)
        entries, fresh, failed = _process(copies, seeds, cache, jobs, progress)
        for name in failed:
            stats.pop(name, None)  # read again next time
        if stats != cache.get("stats"):
            cache["stats"], cache["changed"] = stats, True
        published = _assemble_articles(seeds, entries, fresh, failed, report)
        if not dry_run:
            _write(docs_dir, _outputs(published, site_name, cache), report)
            if save_cache:
                _save_cache(cache_dir, cache, report)
                copies.prune({s.sha256 for s in seeds})
        report.seeds.sort(key=lambda s: s.source)
        articles = [a for a, _ in published]
        return BuildResult(report, articles, _published_seeds(articles, seeds, copies))


# --- reading -----------------------------------------------------------------------------


def _read_seeds(
    seeds_dir: Path,
    report: Report,
    known: dict[str, tuple[int, int, int, str]],
    stats: dict[str, tuple[int, int, int, str]],
    copies: _Copies,
) -> list[Seed]:
    """Every seed, read, checked and hashed; ``known`` seeds unchanged on disk (same size, mtime
    and ctime as when last read) whose copy is kept are not read again: their ``data`` stays
    empty until ``_load`` needs it. ``stats`` is filled with every seed's (size, mtime, ctime,
    sha256) for the next build's ``known``."""
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
            seeds.append(_read_one(entry, known, stats, copies))
        except SeedError as e:
            status.status = "error"
            status.errors.append(str(e))
    return seeds


def _read_one(
    entry: os.DirEntry[str],
    known: dict[str, tuple[int, int, int, str]],
    stats: dict[str, tuple[int, int, int, str]],
    copies: _Copies,
) -> Seed:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as e:  # listed a moment ago, deleted since
        raise SeedError(entry.name, _cannot_read(e)) from None
    _check_file(entry.name, info)
    seen = known.get(entry.name)
    # The ctime changes with the mode and the link count too: a seed made unreadable or linked
    # elsewhere since the last build is read (and refused) again.
    now = (info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if seen is not None and tuple(seen[:3]) == now and copies.has(seen[3], info.st_size):
        seed = Seed(entry.name, b"", seen[3])
    else:
        seed, info = _read_file(Path(entry.path), entry.name)
        now = (info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        copies.keep(seed)
    stats[entry.name] = (*now, seed.sha256)
    return seed


def _check_file(name: str, info: os.stat_result) -> None:
    """Refuse what is not a seed of its own: links, folders, devices, oversized files."""
    if stat.S_ISLNK(info.st_mode):
        # A link could point anywhere on the machine (``/etc/passwd``, ``../mkdocs.yml``); the
        # seed text is published with the site, so only files inside the folder are read.
        raise SeedError(name, "is a symbolic link; seeds must be regular files")
    if not stat.S_ISREG(info.st_mode):
        raise SeedError(name, "is not a regular file")
    if info.st_nlink > 1:
        # A hard link is the same file under another name, which may lie outside the seeds
        # folder (a repository file, a private note): nothing here tells which name came first,
        # so publishing it would publish that file. A copy is a seed of its own.
        raise SeedError(
            name,
            f"has {info.st_nlink} hard links (the same file under other names, perhaps outside "
            "the seeds folder); a seed must be a file of its own: copy it instead",
        )
    if info.st_size > MAX_SEED_BYTES:
        raise SeedError(name, f"is {info.st_size:,} bytes, over the {MAX_SEED_BYTES:,}-byte limit")


def _cannot_read(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "vanished while the site was built (deleted or renamed)"
    if e.errno == errno.ELOOP:  # O_NOFOLLOW met a link put in the seed's place
        return "is a symbolic link; seeds must be regular files"
    return f"cannot be read: {e.strerror or e}"


def _read_file(path: Path, name: str) -> tuple[Seed, os.stat_result]:
    """The file's bytes, never through a link (checked again on the open file: it may have been
    replaced since it was listed), and its status as read."""
    try:
        # O_NONBLOCK: a FIFO put in the seed's place must not hang the build on open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            _check_file(name, info)
            data = f.read(MAX_SEED_BYTES + 1)
    except OSError as e:
        raise SeedError(name, _cannot_read(e)) from None
    if len(data) > MAX_SEED_BYTES:
        raise SeedError(name, f"grew over the {MAX_SEED_BYTES:,}-byte limit while read")
    return Seed(name, data, hashlib.sha256(data).hexdigest()), info


class _Copies:
    """Private copies of the seeds as read and checked, named by their sha256, in the cache
    folder (``seeds/<sha256>``).

    MkDocs copies each seed into the site after the pages are made; from the seeds folder, a
    seed deleted, made unreadable or replaced by a link meanwhile crashed the build or published
    what the link pointed at. The site's ``seeds/<name>`` is copied from here instead: exactly
    the bytes its page was made from. Without a usable cache folder, the bytes stay in memory.
    """

    def __init__(self, cache_dir: Path | None, writable: bool) -> None:
        self.folder = None if cache_dir is None else cache_dir / "seeds"
        self.writable = writable and self.folder is not None
        self.kept: dict[str, int] = {}
        """sha256 -> size of each copy in the folder (one lstat each: ~20 ms for 10,000)."""
        if self.folder is not None:
            try:
                with os.scandir(self.folder) as it:
                    for e in it:
                        if e.is_file(follow_symlinks=False):
                            self.kept[e.name] = e.stat(follow_symlinks=False).st_size
            except OSError:
                pass

    def has(self, sha256: str, size: int) -> bool:
        """Whether the copy of these bytes is kept (a copy of another size was cut short or
        edited: the seed is read again)."""
        return self.kept.get(sha256) == size

    def path(self, sha256: str) -> Path | None:
        """The copy of these bytes, if kept."""
        return self.folder / sha256 if self.folder is not None and sha256 in self.kept else None

    def keep(self, seed: Seed) -> None:
        """Keep a copy of a seed just read (best effort: without one, its bytes stay in memory)."""
        if not self.writable or self.folder is None:
            return
        target = self.folder / seed.sha256
        if self.kept.get(seed.sha256) == len(seed.data):
            try:
                # `mkdocs build --dirty` copies a file only when it is newer than the site's
                # copy: a seed edited back to an earlier text must look new.
                os.utime(target, follow_symlinks=False)
                return
            except OSError:
                del self.kept[seed.sha256]  # removed since: written again
        # Under a temporary name, then renamed: a copy cut short would be trusted by its name.
        tmp = self.folder / f".{seed.sha256}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(seed.data)
            os.replace(tmp, target)
        except OSError:
            self.writable = False  # a full disk, a file where the folder should be
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        self.kept[seed.sha256] = len(seed.data)

    def read(self, sha256: str) -> bytes | None:
        """The kept bytes, if they are there and still have this sha256 (a damaged copy is
        removed: the seed is read and kept again by the next build)."""
        path = self.path(sha256)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as f:
                data = f.read(MAX_SEED_BYTES + 1)
        except OSError:
            data = b""
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
        self.kept.pop(sha256, None)
        if self.writable:
            with contextlib.suppress(OSError):
                path.unlink()
        return None

    def prune(self, live: set[str]) -> None:
        """Remove the copies of seeds that are gone."""
        if not self.writable or self.folder is None:
            return
        for sha256 in set(self.kept) - live:
            try:
                (self.folder / sha256).unlink(missing_ok=True)
            except OSError:
                return  # only disk space: the next build tries again
            del self.kept[sha256]


def _published_seeds(
    articles: list[Article], seeds: list[Seed], copies: _Copies
) -> dict[str, Path | bytes]:
    """Each published article's seed: its kept copy, else the bytes read in this build."""
    data = {s.name: s.data for s in seeds}
    out: dict[str, Path | bytes] = {}
    for article in articles:
        name = article.meta.source
        out[name] = copies.path(article.meta.sha256) or data[name]
    return out


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


def _load(copies: _Copies, seed: Seed) -> Seed | str:
    """The seed with its bytes (from its kept copy if ``_read_seeds`` skipped them), or why not."""
    if seed.data:
        return seed
    data = copies.read(seed.sha256)
    if data is None:
        # It was there when the seeds were read: someone is changing the cache folder.
        return f"{seed.name}: its copy in the build cache is gone or damaged; build again"
    return Seed(seed.name, data, seed.sha256)


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
    copies: _Copies,
    seeds: list[Seed],
    cache: dict[str, Any],
    jobs: int,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> tuple[dict[str, Entry], dict[str, bytes], dict[str, str]]:
    """Each seed's cache entry, made where missing or stale; the pages made in this build; and
    the seeds whose bytes could not be had, with why (they are not cached as errors)."""
    entries: dict[str, Entry] = cache.setdefault("entries", {})
    # One pool for both steps: starting workers (and their imports) costs about a second.
    with ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else nullcontext() as pool:
        return _process_in(copies, seeds, entries, cache, pool, progress)


def _process_in(
    copies: _Copies,
    seeds: list[Seed],
    entries: dict[str, Entry],
    cache: dict[str, Any],
    pool: ProcessPoolExecutor | None,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
) -> tuple[dict[str, Entry], dict[str, bytes], dict[str, str]]:
    live = {s.name: s for s in seeds}
    stale = [n for n, e in entries.items() if n not in live or e.sha256 != live[n].sha256]
    for name in stale:
        del entries[name]

    # Step 1: what each new seed contributes to the corpus-chrome count.
    failed: dict[str, str] = {}
    fresh = []
    for seed in seeds:
        if seed.name not in entries:
            loaded = _load(copies, seed)
            if isinstance(loaded, str):
                failed[seed.name] = loaded
            else:
                fresh.append(loaded)
    decoded: dict[str, Decoded] = {}
    for seed, found in zip(fresh, _map(_stage_candidates, fresh, pool), strict=True):
        if isinstance(found, str):
            entries[seed.name] = Entry(seed.sha256, frozenset(), None, error=found)
        else:
            info = (found[1].encoding, found[1].confidence)
            entries[seed.name] = Entry(seed.sha256, found[0], info)
            decoded[seed.name] = found[1]
    seeds = [s for s in seeds if s.name not in failed]
    decodable = [entries[s.name] for s in seeds if entries[s.name].decode_info is not None]
    chrome = corpus_chrome((e.candidates for e in decodable), len(decodable))

    # Step 2: the article of every seed that is new or whose chrome lines changed.
    # A seed decoded by the first step goes on without its bytes; others are read and decoded
    # in the worker (unchanged seeds whose corpus-chrome lines changed).
    todo: list[Seed] = []
    jobs_in: list[tuple[Seed, Decoded | None, frozenset[str]]] = []
    for seed in seeds:
        entry = entries[seed.name]
        used = entry.candidates & chrome
        if entry.decode_info is None or (entry.done and used == entry.chrome_used):
            continue
        entry.chrome_used = used
        if seed.name in decoded:
            jobs_in.append((seed, decoded[seed.name], used))
        elif isinstance(loaded := _load(copies, seed), str):
            failed[seed.name], entry.done = loaded, False
            continue
        else:
            jobs_in.append((loaded, None, used))
        todo.append(seed)
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
    return {s.name: entries[s.name] for s in seeds if s.name not in failed}, pages, failed


# --- assembling pages --------------------------------------------------------------------


def _assemble_articles(
    seeds: list[Seed],
    entries: dict[str, Entry],
    fresh: dict[str, bytes],
    failed: dict[str, str],
    report: Report,
) -> list[tuple[Article, _Output]]:
    """Per-seed statuses, duplicates and unique slugs: the published articles with their pages
    (``fresh``: the pages made in this build; the others are made again if they must be written;
    ``failed``: the seeds whose bytes could not be had).
    """
    status = {s.source: s for s in report.seeds}
    by_sha: dict[str, str] = {}
    # MkDocs serves articles/index.md and articles/README.md as the folder's own page, so an
    # article named so would live at a URL its links do not use: those names are taken.
    slugs: dict[str, str] = dict.fromkeys(RESERVED_SLUGS, "the site (a folder's index page)")
    published: list[tuple[Article, _Output]] = []
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


_CACHE_FILE = "cache.json"
"""The cache's file in the cache folder (format: ``cache.py``)."""
_OLD_CACHE_FILES = ("cache.pickle",)
"""Earlier versions' cache files: never read, removed when the cache is saved."""


def _read_cache(cache_dir: Path) -> tuple[dict[str, Any], str | None]:
    """The cache, or an empty one and why (None when there was simply none yet)."""
    try:
        with open(cache_dir / _CACHE_FILE, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return {}, None
    except OSError as e:  # a file where the folder should be, no permission, ...
        return {}, f"cache cannot be read ({e.strerror})"
    # The cache holds millions of small objects: with the garbage collector running while they
    # are made, loading 10,000 seeds' cache takes several times longer.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        cache = decode_cache(data, CACHE_VERSION)
    except CacheDamaged as e:
        return {}, str(e)
    except Exception as e:  # the checksum held, yet it is not what this code writes
        return {}, f"cache cannot be loaded ({type(e).__name__})"
    finally:
        if gc_was_enabled:
            gc.enable()
    if cache is None:
        return {}, None  # made by other code: the normal case after an upgrade
    # The cache lives as long as the process: leave its objects out of every later collection
    # (under `mkdocs serve`, each full collection walked them all, ~0.2 s at 10,000 seeds).
    gc.freeze()
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
    data = encode_cache(cache, CACHE_VERSION)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(cache_dir / _CACHE_FILE, data)
        for name in _OLD_CACHE_FILES:
            (cache_dir / name).unlink(missing_ok=True)
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
