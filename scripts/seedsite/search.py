"""The articles' full-text search index: a Pagefind bundle written from records the build has.

Material's built-in search builds a lunr index of every page in the reader's browser: at
10,000 articles that is a 40 MB download and ~47 s before the first result. Here the articles
are left out of Material's index (front matter ``search: {exclude: true}``) and indexed with
Pagefind instead, whose browser side fetches only the index chunks a query needs. The site keeps
Material's search box: the plugin's ``theme/assets/javascripts/seedsite-search-worker.js``
replaces Material's search worker, speaks its protocol and answers from this bundle plus the few
hand-written pages.

Layout written under the site folder::

    pagefind/                 shard 0: pagefind.js, wasm, index/, fragment/
    pagefind/s1/, s2/, ...    further shards (Pagefind bundles merged at query time)
    pagefind/seedsite.json    {"version": 2, "records": N,
                               "shards": [{"path": "", "language": "en"}, ...]}

Why shards: Pagefind's indexer needs ~350 MB of memory per 1,000 articles while it writes
(3.5 GB at 10,000), so the records are indexed in bounded groups, one after the other.

Languages: each article is indexed in its own language (``Article.meta.lang``), so Pagefind
stems French as French and segments Chinese into words. A shard holds one language
(``force_language``), the largest language first: Pagefind's browser side loads one language
per bundle and one stemmer (WebAssembly module) per copy of ``pagefind.js``, and in a worker,
where there is no ``<html lang>`` to read, it picks the bundle's largest language. The worker
loads one copy of ``pagefind.js`` per language and merges that language's shards into it.
Codes Pagefind has no stemmer for (Persian, Chinese, ...) get an index of whole words.

Why not the ``pagefind`` Python API: its service client reads one response per 0.1 s, which
makes 10,000 ``add_*`` calls take over 15 minutes. ``compat.PagefindService`` speaks the same
protocol (``pagefind --service``) without the sleep; every use of Pagefind's insides (its
binary, protocol, entry file and bundle file names) is in ``plugin/compat.py``.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import html
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .model import Article, SeedsiteError
from .plugin.compat import (
    PAGEFIND_KEEP_SUFFIXES,
    PAGEFIND_UNUSED_FILES,
    PagefindError,
    PagefindService,
    entry_pages,
    missing_files,
    wait_for_bundle,
)
from .urls import article_url

log = logging.getLogger("mkdocs.plugins.seedsite")

BUNDLE = "pagefind"
"""Folder of the search bundle inside the site folder."""
MANIFEST = "seedsite.json"
"""The bundle's manifest (shard list), read by the search worker."""
SHARD_SIZE = 2000
"""Records per Pagefind index: ~0.7 GB peak memory for the indexer at this size."""
TEXT_MAX_BYTES = 16_384
"""Body text indexed per article (UTF-8 bytes; about 2,500 English words, the whole of most
articles): Pagefind ships a result's whole indexed text to the browser, so a 5 MB seed made a
2.2 MB download for any query it matched. The rest of the body stays on the page."""
DEFAULT_LANGUAGE = "en"
"""Index language of records whose language is unknown or not a language code."""
# An ISO 639 code as Pagefind names its files with it (``pagefind.fa_<hash>.pf_meta``).
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class SearchIndexError(SeedsiteError):
    """Raised by ``write_search_index`` when Pagefind fails; names the record when it can."""


class SearchCancelled(SeedsiteError):
    """Raised by ``build_search_bundle`` when its records were replaced by newer ones."""


@dataclass(frozen=True)
class SearchRecord:
    """One article as the search index sees it (built from what the build already has)."""

    url: str
    """Page URL relative to the site root, as MkDocs writes it: ``articles/some-slug/``."""
    title: str
    """The headline, plain text (escaped here; never read as HTML)."""
    text: str
    """The body as plain text, paragraphs separated by newlines (``indexed_text``)."""
    date: str | None = None
    """Publication date ``YYYY-MM-DD``, kept as result metadata."""
    description: str | None = None
    """Short summary, kept as result metadata."""
    language: str | None = None
    """ISO 639-1 code of the article (``Article.meta.lang``); None when it is not known."""


@dataclass
class SearchStats:
    """What ``write_search_index`` did, for the build log and the benchmark."""

    records: int = 0
    """Records indexed."""
    shards: int = 0
    """Pagefind indexes written."""
    files: int = 0
    """Files in the bundle."""
    bytes: int = 0
    """Bytes in the bundle."""
    seconds: float = 0.0
    """Wall time of the whole write."""
    peak_rss: int = 0
    """Highest resident memory of one Pagefind indexer process, in bytes (sampled)."""


def is_language_code(code: str) -> bool:
    """Whether ``code`` names a Pagefind index: two or three lowercase letters (ISO 639)."""
    # Pagefind writes files named after the language: `../../x` wrote them outside the site,
    # and over ~32 characters its indexer died.
    return _LANGUAGE_CODE.fullmatch(code) is not None


def index_language(code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The Pagefind index a record in language ``code`` goes to: the code, or ``default``."""
    code = (code or "").strip().lower()
    return code if _LANGUAGE_CODE.fullmatch(code) else default


def record_html(record: SearchRecord, language: str = DEFAULT_LANGUAGE) -> str:
    """The minimal HTML page Pagefind indexes for one record (all text escaped)."""
    esc = html.escape
    meta = []
    if record.date:
        meta.append(f'<span data-pagefind-meta="date:{esc(record.date)}"></span>')
    if record.description:
        meta.append(f'<span data-pagefind-meta="description:{esc(record.description)}"></span>')
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in record.text.split("\n") if p.strip())
    # The <h1> gives Pagefind the result title and a heavier weight for title words.
    return (
        f'<!doctype html><html lang="{esc(language)}"><head><title>{esc(record.title)}</title>'
        f"</head><body><main data-pagefind-body><h1>{esc(record.title)}</h1>{''.join(meta)}"
        f"{paragraphs}</main></body></html>"
    )


class PeakSampler(threading.Thread):
    """Peak RSS of a process (with ``tree``, of it and all its descendants), every 50 ms.

    Pagefind's peak is short, at write time; the benchmark samples a whole build's tree.
    """

    def __init__(self, pid: int, *, tree: bool = False) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.tree = tree
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:  # psutil is a dev dependency: no figure, no failure
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.wait(0.05):
            try:
                procs = [root, *root.children(recursive=True)] if self.tree else [root]
            except psutil.Error:
                return
            total = 0
            for proc in procs:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        """Stop sampling; return the peak in bytes."""
        self._done.set()
        self.join()
        return self.peak


def _index_shard(records: list[SearchRecord], out: Path, language: str) -> int:
    """Write one Pagefind bundle of ``records`` into ``out``; return the indexer's peak RSS."""
    try:
        return _index_shard_with(PagefindService(), records, out, language)
    except PagefindError as e:
        raise SearchIndexError(str(e)) from e


def _index_shard_with(
    service: PagefindService, records: list[SearchRecord], out: Path, language: str
) -> int:
    sampler = PeakSampler(service.proc.pid)
    sampler.start()
    error: BaseException | None = None
    try:
        service.send({"type": "NewIndex", "config": {"force_language": language}})
        service.flush()
        index_id = service.receive()["index_id"]

        def feed() -> None:
            nonlocal error
            try:
                for record in records:
                    service.send(
                        {
                            "type": "AddFile",
                            "index_id": index_id,
                            "url": "/" + record.url.lstrip("/"),
                            "file_contents": record_html(record, language),
                            "file_path": None,
                        }
                    )
                service.flush()
            except BaseException as exc:  # surfaced below, after the reader stops
                error = exc

        # Requests are written by a thread while responses are read here: a service that
        # answers while we are still writing must never block on a full pipe.
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for record in records:
            try:
                service.receive()
            except PagefindError as exc:
                raise SearchIndexError(f"{record.url}: {exc}") from exc
        writer.join()
        if error is not None:
            raise SearchIndexError(f"pagefind: could not send records: {error}")
        service.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(out)})
        service.flush()
        service.receive()
        wait_for_bundle(out)
    finally:
        service.close()
        peak = sampler.stop()
    _check_shard(out, len(records))
    return peak


def _check_shard(out: Path, expected: int) -> None:
    """A shard whose entry file is missing, cut short or counts other pages, or that lacks a
    file the browser loads, is an error (search would never answer from it)."""
    pages = entry_pages(out)
    if pages is None:
        raise SearchIndexError(f"{out}: Pagefind wrote no usable pagefind-entry.json")
    if pages != expected:
        raise SearchIndexError(f"{out}: Pagefind indexed {pages} pages, expected {expected}")
    missing = missing_files(out)
    if missing:
        raise SearchIndexError(f"{out}: Pagefind left files missing or empty: {', '.join(missing)}")


def _chunks(records: Iterable[SearchRecord], size: int) -> Iterator[list[SearchRecord]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def _shards(
    records: Iterable[SearchRecord], size: int, default: str
) -> Iterator[tuple[str, list[SearchRecord]]]:
    """(language, records) of each shard: one language a shard, the largest language first."""
    groups: dict[str, list[SearchRecord]] = {}
    for record in records:
        groups.setdefault(index_language(record.language, default), []).append(record)
    for language in sorted(groups, key=lambda lang: (-len(groups[lang]), lang)):
        for chunk in _chunks(groups[language], size):
            yield language, chunk


def _prune(bundle: Path) -> None:
    for path in bundle.iterdir():
        unused = path.name in PAGEFIND_UNUSED_FILES
        if path.is_file() and (unused or not path.name.endswith(PAGEFIND_KEEP_SUFFIXES)):
            path.unlink()


def build_search_bundle(
    records: Iterable[SearchRecord],
    out: Path,
    *,
    shard_size: int = SHARD_SIZE,
    language: str = DEFAULT_LANGUAGE,
    cancelled: threading.Event | None = None,
) -> SearchStats:
    """Write the search bundle for ``records`` into the empty or missing folder ``out``.

    Each record is indexed in its own language; ``language`` is the one for records without.
    ``cancelled`` is checked before each shard: set, the work stops with ``SearchCancelled``.
    """
    if not is_language_code(language):
        raise ValueError(f"search language {language!r} is not a language code")
    start = time.perf_counter()
    stats = SearchStats()
    out.mkdir(parents=True, exist_ok=True)
    shards: list[dict[str, str]] = []
    for n, (lang, chunk) in enumerate(_shards(records, shard_size, language)):
        if cancelled is not None and cancelled.is_set():
            raise SearchCancelled("search index: replaced by a newer one")
        name = "" if n == 0 else f"s{n}/"
        stats.peak_rss = max(stats.peak_rss, _index_shard(chunk, out / name, lang))
        _prune(out / name)
        shards.append({"path": name, "language": lang})
        stats.records += len(chunk)
    if not shards:
        # No articles: an empty index still gives the worker a bundle to load.
        _index_shard([], out, language)
        _prune(out)
        shards.append({"path": "", "language": language})
    manifest = {"version": 2, "shards": shards, "records": stats.records}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    for path in out.rglob("*"):
        if path.is_file():
            stats.files += 1
            stats.bytes += path.stat().st_size
    stats.shards = len(shards)
    stats.seconds = time.perf_counter() - start
    return stats


def install_bundle(staged: Path, site_dir: Path) -> None:
    """Move a staged bundle to ``site_dir/pagefind``, replacing the old one in two renames."""
    target = site_dir / BUNDLE
    site_dir.mkdir(parents=True, exist_ok=True)
    trash = None
    if target.exists():
        # Rename first, delete after: a server reading the site sees the old or the new
        # bundle, never a half-deleted one.
        trash = Path(tempfile.mkdtemp(prefix=".pagefind-old-", dir=site_dir))
        os.replace(target, trash / BUNDLE)
    shutil.move(str(staged), str(target))
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def write_search_index(
    records: Iterable[SearchRecord],
    site_dir: Path,
    *,
    shard_size: int = SHARD_SIZE,
    language: str = DEFAULT_LANGUAGE,
) -> SearchStats:
    """Index ``records`` with Pagefind into ``site_dir/pagefind/`` (replacing any old bundle)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    # Staged inside the site folder so the final move is a rename on the same file system.
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=site_dir))
    try:
        stats = build_search_bundle(
            records, staging / BUNDLE, shard_size=shard_size, language=language
        )
        install_bundle(staging / BUNDLE, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return stats


class BackgroundIndex:
    """Builds the bundle in a thread (the indexer is a separate process, so it runs alongside
    MkDocs' page rendering on the second core); ``install`` waits and moves it into place."""

    def __init__(
        self,
        records: Iterable[SearchRecord],
        *,
        shard_size: int = SHARD_SIZE,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        self._records = list(records)
        self._staging = Path(tempfile.mkdtemp(prefix="seedsite-pagefind-"))
        self._stats: SearchStats | None = None
        self._error: BaseException | None = None
        self.cancelled = threading.Event()
        """Set by ``cancel``: the records are out of date, the rest of the work is skipped."""
        self._thread = threading.Thread(
            target=self._run, args=(shard_size, language), name="seedsite-search", daemon=True
        )
        self._thread.start()

    def _run(self, shard_size: int, language: str) -> None:
        try:
            self._stats = build_search_bundle(
                self._records,
                self._staging / BUNDLE,
                shard_size=shard_size,
                language=language,
                cancelled=self.cancelled,
            )
        except BaseException as exc:  # re-raised in install(), in the caller's thread
            self._error = exc
        if self.cancelled.is_set():
            shutil.rmtree(self._staging, ignore_errors=True)  # nobody installs it

    def cancel(self) -> None:
        """Stop after the shard being indexed now (its records were replaced)."""
        self.cancelled.set()

    def install(self, site_dir: Path) -> SearchStats:
        """Wait for the bundle, move it to ``site_dir/pagefind``; return its stats."""
        self._thread.join()
        try:
            if self._error is not None:
                raise self._error
            assert self._stats is not None
            start = time.perf_counter()
            install_bundle(self._staging / BUNDLE, site_dir)
            self._stats.seconds += time.perf_counter() - start
            return self._stats
        finally:
            shutil.rmtree(self._staging, ignore_errors=True)


def indexed_text(paragraphs: Iterable[str], limit: int = TEXT_MAX_BYTES) -> str:
    """The paragraphs, one a line, up to ``limit`` UTF-8 bytes (cut at a word)."""
    text = "\n".join(paragraphs)
    if len(text) * 4 <= limit:  # (no character is over 4 bytes: most articles stop here)
        return text
    head = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    if len(head) == len(text):
        return text
    cut = head.rstrip()
    # At the last space or line end, unless the text has none (Chinese, Japanese: a
    # character is a word there).
    end = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:end] if end > 0 and len(cut) - end < 100 else cut).rstrip()


def records_from_articles(articles: Iterable[Article]) -> list[SearchRecord]:
    """Search records of the built articles (``build.BuildResult.articles``)."""
    return [
        SearchRecord(
            url=article_url(a.meta.slug),
            title=a.meta.title or a.meta.slug,
            text=indexed_text(a.paragraphs),
            date=a.meta.date,
            description=a.meta.description,
            language=a.meta.lang,
        )
        for a in articles
    ]


def records_digest(records: Iterable[SearchRecord]) -> str:
    """A hash of the records' content: equal digests, equal bundles."""
    h = hashlib.sha256()
    for r in records:
        for value in (r.url, r.title, r.text, r.date or "", r.description or "", r.language or ""):
            h.update(value.encode("utf-8"))
            h.update(b"\0")
    return h.hexdigest()


class SearchIndexer:
    """The plugin's search index across builds: ``mkdocs build`` once, ``mkdocs serve`` many times.

    MkDocs empties the site folder before every build that is not ``--dirty``, and a dirty build
    renders only the changed pages. The bundle is therefore built from *all* the records the
    seedsite build returns (it has every article, changed or not, from its cache), kept outside
    the site folder, and copied in by ``install`` after each build: search stays whole however
    MkDocs rebuilt. It is rebuilt only when the records changed, in the background.
    """

    def __init__(self, *, shard_size: int = SHARD_SIZE, language: str = DEFAULT_LANGUAGE) -> None:
        self.shard_size = shard_size
        self.language = language
        self._digest: str | None = None
        self._job: BackgroundIndex | None = None
        self._ready: Path | None = None
        self._stats: SearchStats | None = None
        self._lock = threading.Lock()
        self._last_site: Path | None = None
        self._pending: list[SearchRecord] | None = None

    def update(self, records: Iterable[SearchRecord], *, defer: bool = False) -> bool:
        """Index ``records`` unless they equal the last ones; return whether they were new.

        The indexer starts now, or with ``defer`` at the next ``install``: under ``mkdocs
        serve`` an edit's rebuild then has both cores, and the index follows it.
        """
        records = list(records)
        digest = records_digest(records)
        with self._lock:
            if digest == self._digest:
                return False
            self._digest = digest
            self._pending = records
            if not defer:
                self._start()
        return True

    def _start(self) -> None:
        """Start indexing the pending records, if any (called with the lock held)."""
        if self._pending is not None:
            records, self._pending = self._pending, None
            if self._job is not None:
                # Edits in a row under `mkdocs serve`: one indexer at a time, for the newest.
                self._job.cancel()
            self._job = BackgroundIndex(records, shard_size=self.shard_size, language=self.language)

    def _finish(self) -> None:
        """Turn a finished job into the ready bundle (called with the lock held)."""
        job, self._job = self._job, None
        if job is None:
            return
        staged = Path(tempfile.mkdtemp(prefix="seedsite-search-ready-"))
        # The site holds its own links to the files: the ready copy goes when the process does.
        atexit.register(shutil.rmtree, staged, True)
        stats = job.install(staged)
        if self._ready is not None:
            shutil.rmtree(self._ready.parent, ignore_errors=True)
        self._ready, self._stats = staged / BUNDLE, stats

    def install(self, site_dir: Path, *, wait: bool = True) -> SearchStats | None:
        """Copy the newest bundle into ``site_dir/pagefind``.

        With ``wait=False`` (``mkdocs serve``) a bundle still being built does not hold the
        page reload up: the previous bundle is installed now, and the new one is installed into
        the same site folder by a thread once it is done.
        """
        with self._lock:
            self._last_site = site_dir
            self._start()
            job = self._job
            if job is not None and (wait or self._ready is None):
                self._finish()
            elif job is not None:
                threading.Thread(target=self._install_later, args=(job,), daemon=True).start()
            if self._ready is None:
                return None
            if _same_file(self._ready / MANIFEST, site_dir / BUNDLE / MANIFEST):
                return self._stats  # a --dirty rebuild kept the linked bundle: nothing to do
            staging = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=_ensure(site_dir)))
            # Hard links: installing 10,000 articles' bundle copies no bytes.
            shutil.copytree(self._ready, staging / BUNDLE, copy_function=_link_or_copy)
            install_bundle(staging / BUNDLE, site_dir)
            shutil.rmtree(staging, ignore_errors=True)
            return self._stats

    def _install_later(self, job: BackgroundIndex) -> None:
        job._thread.join()
        with self._lock:
            if self._job is not job:
                return  # overtaken by a newer job, which installs itself
        site = self._last_site
        if site is None:
            return
        try:
            self.install(site, wait=True)
        except (SeedsiteError, OSError) as e:
            # A thread of `mkdocs serve`: the site keeps its previous search bundle.
            log.warning(f"seedsite: the search index was not updated: {e}")


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (``b`` a hard link to ``a``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
