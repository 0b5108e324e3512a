"""What the MkDocs hook keeps between builds, and ``mkdocs serve`` support.

MkDocs loads the hook file anew with every configuration, and ``mkdocs serve`` loads the
configuration anew for every rebuild; state that must outlive one build lives here.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .build import MANIFEST, flush_cache
from .model import Article
from .search import SearchIndexer

log = logging.getLogger("mkdocs.hooks.seedsite")


class CacheSaver:
    """Saves the build cache a few seconds after the last regeneration, and at exit.

    Under ``mkdocs serve`` builds run with ``save_cache=False``: writing 10,000 seeds' cache
    takes about a second, which an edit's page reload should not wait for.
    """

    def __init__(self, delay: float = 5.0) -> None:
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._dirs: set[Path] = set()
        atexit.register(self.flush)

    def schedule(self, cache_dir: Path) -> None:
        """Save ``cache_dir``'s cache once no regeneration came for ``delay`` seconds."""
        with self._lock:
            self._dirs.add(cache_dir)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.flush)
            self._timer.daemon = True
            self._timer.start()

    def flush(self) -> None:
        """Save every scheduled cache now."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            dirs, self._dirs = self._dirs, set()
        for cache_dir in sorted(dirs):
            try:
                flush_cache(cache_dir)
            except OSError as e:  # only a cache: the next build is slower, not wrong
                log.warning(f"seedsite: could not save the build cache in {cache_dir}: {e}")


@dataclass
class HookState:
    """What one build hands to the next events and builds."""

    serving: bool = False
    """True under ``mkdocs serve``: the search bundle must not hold up the page reload."""
    articles: list[Article] = field(default_factory=list)
    """The published articles of the last generation, newest first."""
    seeds: dict[str, Path | bytes] = field(default_factory=dict)
    """Their seeds as the site publishes them (``BuildResult.seeds``)."""
    neighbours: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Article URL -> its newer and older article."""
    search: SearchIndexer = field(default_factory=SearchIndexer)
    """The Pagefind bundle, rebuilt in the background only when the articles changed."""
    fingerprint: tuple[object, ...] | None = None
    """The seeds folder and generated pages as of the last generation (see ``fingerprint``)."""
    rendered: int = 0
    """Pages MkDocs rendered in the current build (fewer than all in a ``--dirty`` rebuild)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while pages are generated: the seed watcher and a rebuild must not both do it (the
    second would find the fingerprint changed by the first only once the first is done)."""
    cache_saver: CacheSaver | None = None
    """Under ``mkdocs serve``: saves the build cache after the edits, off the reload's path."""


FEED_FILES = (
    "feed_rss_created.xml",
    "feed_rss_updated.xml",
    "feed_json_created.json",
    "feed_json_updated.json",
)
SEARCH_FILES = ("search/search_index.json",)
WHOLE_SITE_FILES = FEED_FILES + SEARCH_FILES
"""Files plugins write from the pages they saw in this build. A ``--dirty`` rebuild renders
only the changed pages, so mkdocs-rss-plugin would write a feed of one article and Material's
search index would lose the About page. After a full build they are kept; after a partial one
the kept ones are put back (the feed keeps the edited article's old summary until the next
full build)."""


def keep_or_restore_whole_files(
    site_dir: Path, keep_dir: Path, full: bool, names: tuple[str, ...] = WHOLE_SITE_FILES
) -> None:
    """After a build: keep the whole files of a full build in ``keep_dir``; after a partial
    build, put the kept ones back into the site."""
    for name in names:
        built, kept = site_dir / name, keep_dir / name
        if full and built.is_file():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, kept)
        elif not full and kept.is_file():
            built.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, built)


def dedupe_feed_pages(rss_plugin: Any, live: set[str]) -> int | None:
    """Fix mkdocs-rss-plugin's page list for this build; return the article pages left in it.

    The plugin keeps its list for the whole process (a persistent plugin under ``mkdocs
    serve``) and every rebuild appends the pages it renders again: feeds filled up with
    duplicates and the old version of an edited article. Keep the newest entry of each page
    that still exists. None when the plugin is not there or has changed its insides.
    """
    pages = getattr(rss_plugin, "pages_to_filter", None)
    if not isinstance(pages, list):
        return None
    newest: dict[object, Any] = {}
    for info in pages:
        uri = getattr(getattr(info, "_mkdocs_page_ref", None), "src_uri", None)
        if uri is None:
            newest[id(info)] = info
        elif uri in live:
            newest.pop(uri, None)
            newest[uri] = info
    pages[:] = list(newest.values())
    return sum(1 for key in newest if isinstance(key, str) and key.startswith("articles/"))


def fingerprint(seeds_dir: Path, docs_dir: Path) -> tuple[object, ...]:
    """Names, sizes, mtimes and ctimes of the seeds (a seed made unreadable or linked changes
    only its ctime), and the docs manifest's mtime: equal means nothing to do.

    ``mkdocs serve`` regenerates when a seed changes and then rebuilds; the rebuild's own
    generation finds this unchanged and skips (10,000 seeds: 0.1 s instead of 2 s).
    """
    with os.scandir(seeds_dir) as it:
        seeds = tuple(sorted(_stat_key(e) for e in it))
    return with_manifest((str(seeds_dir), str(docs_dir), None, seeds), docs_dir)


def _stat_key(entry: os.DirEntry[str]) -> tuple[str, int, int, int]:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:  # deleted since it was listed: the build reports it
        return (entry.name, -1, -1, -1)
    return (entry.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def with_manifest(seen: tuple[object, ...], docs_dir: Path) -> tuple[object, ...]:
    """``seen`` (a fingerprint) with the docs manifest as it is now: after a build that wrote
    it, the fingerprint of what was built, without scanning the seeds again."""
    try:
        manifest: int | None = (docs_dir / MANIFEST).stat().st_mtime_ns
    except OSError:
        manifest = None
    return (*seen[:2], manifest, *seen[3:])


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process. Jinja stores a
    checksum of the source with each one: an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()
"""The compiled templates of every build in this process (see ``MemoryBytecodeCache``)."""

STATE = HookState()
"""The one hook state of this process."""


def seed_files(seeds: Mapping[str, Path | bytes], config: Any) -> Iterator[Any]:
    """MkDocs files that serve each seed's original text at ``seeds/<name>`` (see urls.seed_url).

    ``seeds`` is ``BuildResult.seeds``: the private copy of the bytes each page was made from,
    or the bytes themselves. Never the seeds folder: MkDocs copies these files after the pages
    are made, and a seed deleted, made unreadable or replaced by a link meanwhile crashed the
    build or published what the link pointed at.
    """
    from mkdocs.structure.files import File

    # The source name is "seeds/<name>" too, not the bare name: MkDocs keys its files by
    # source name, so a seed called robots.txt would have replaced docs/robots.txt.
    # (File.generated with abs_src_path or content: public API since MkDocs 1.6. A file with
    # content is written again by every `--dirty` rebuild; one with a path only when newer.)
    for name, source in sorted(seeds.items()):
        if isinstance(source, bytes):
            yield File.generated(config, f"seeds/{name}", content=source)
        else:
            yield File.generated(config, f"seeds/{name}", abs_src_path=str(source))


def watch_seeds(server: Any, seeds_dir: Path, regenerate: Callable[[], list[str]]) -> None:
    """Regenerate the pages whenever something in ``seeds_dir`` changes, then rebuild.

    MkDocs rebuilds when a file in the docs folder changes. Regenerating from the build hook
    alone would write generated pages *during* a build, which queues a second build; so seed
    changes regenerate here, in a watcher thread, and then ask for exactly one rebuild (whose
    own regeneration writes nothing).

    The seeds get their own observer, native where the platform has one (inotify on Linux):
    MkDocs' observer polls every file twice a second, which at 10,000 seeds took seconds to
    notice an edit.
    """
    import watchdog.events
    import watchdog.observers

    timer: list[threading.Timer] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            changed = regenerate()
        except Exception as e:  # a bad seed must not kill the watcher thread
            log.error(f"seedsite: regenerating pages failed: {e}")
            return
        if changed:
            log.info(f"seedsite: {len(changed)} generated files changed")
            request_rebuild(server)

    def on_any_event(event: Any) -> None:
        if event.is_directory:
            return
        # Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
        with lock:
            if timer:
                timer[0].cancel()
                timer.clear()
            t = threading.Timer(0.05, run)
            t.daemon = True
            timer.append(t)
            t.start()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_any_event  # type: ignore[method-assign]
    observer = watchdog.observers.Observer()
    observer.daemon = True
    observer.schedule(handler, str(seeds_dir), recursive=False)
    observer.start()
    log.info(f"seedsite: watching {seeds_dir} for seed changes")


def request_rebuild(server: Any) -> None:
    """Ask ``mkdocs serve`` for a rebuild now, as its own file watcher does on a change.

    Uses the insides of MkDocs 1.6's LiveReloadServer (pinned); without them, MkDocs' own
    watcher still sees the written pages on its next poll, only later.
    """
    cond = getattr(server, "_rebuild_cond", None)
    if cond is None or not hasattr(server, "_want_rebuild"):
        return
    with cond:
        server._want_rebuild = True
        cond.notify_all()
