"""What only ``mkdocs serve`` needs: the seed watcher, the deferred cache save, kept templates.

MkDocs keeps the plugin object for the whole ``mkdocs serve`` (a plugin with ``on_startup``),
so everything here hangs off it; nothing is kept in module globals.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..build import MANIFEST, flush_cache
from .compat import request_rebuild

log = logging.getLogger("mkdocs.plugins.seedsite")


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
    """Jinja's compiled templates, kept in memory for as long as the plugin. Jinja stores a
    checksum of the source with each one: an edited template is compiled again.

    MkDocs makes a new Jinja environment for every build: under ``mkdocs serve`` this saves
    compiling Material's ~40 templates (0.4 s) per rebuild.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def watch_seeds(server: Any, seeds_dir: Path, regenerate: Callable[[], list[str]]) -> Any:
    """Regenerate the pages whenever something in ``seeds_dir`` changes, then rebuild; return
    the observer (``stop()`` ends it).

    MkDocs rebuilds when a file in the docs folder changes. Regenerating from the build event
    alone would write generated pages *during* a build, which queues a second build; so seed
    changes regenerate here, in a watcher thread, and then ask for exactly one rebuild (whose
    own regeneration writes nothing).

    The seeds get their own observer, native where the platform has one (inotify on Linux):
    MkDocs' observer polls every file twice a second, which at 10,000 seeds took seconds to
    notice an edit. A native watch follows the folder, not its name: the folder's parent is
    watched too, and a seeds folder replaced by a new one (``rm -rf seeds && cp -r new seeds``,
    an unzip, a scraper swapping folders) is watched in its place.
    """
    import watchdog.events
    import watchdog.observers

    timer: list[threading.Timer] = []
    lock = threading.Lock()
    observer = watchdog.observers.Observer()
    observer.daemon = True
    handler = watchdog.events.FileSystemEventHandler()
    watched: dict[str, Any] = {"watch": None, "stale": True}
    following = threading.Lock()

    def follow() -> None:
        """Watch the folder now at ``seeds_dir`` if the one watched was replaced since."""
        with following:
            if not watched["stale"] or not seeds_dir.is_dir():
                return  # (gone for now: the parent's watch says when it is back)
            # (Not by inode: a folder deleted and made again often gets the same one.)
            watched["stale"] = False
            if watched["watch"] is not None:
                with contextlib.suppress(KeyError):  # (its emitter may have stopped already)
                    observer.unschedule(watched["watch"])
                log.info(f"seedsite: {seeds_dir} was replaced; watching the new folder")
            watched["watch"] = observer.schedule(handler, str(seeds_dir), recursive=False)

    def run() -> None:
        try:
            follow()
            changed = regenerate()
        except Exception as e:  # a bad seed must not kill the watcher thread
            log.error(f"seedsite: regenerating pages failed: {e}")
            return
        if changed:
            log.info(f"seedsite: {len(changed)} generated files changed")
            request_rebuild(server)

    def soon() -> None:
        # Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
        with lock:
            if timer:
                timer[0].cancel()
                timer.clear()
            t = threading.Timer(0.05, run)
            t.daemon = True
            timer.append(t)
            t.start()

    def on_any_event(event: Any) -> None:
        if not event.is_directory:
            soon()

    target = os.fsencode(seeds_dir)

    def on_parent_event(event: Any) -> None:
        # Only the seeds folder itself: created, deleted, or renamed into place.
        paths = (event.src_path, getattr(event, "dest_path", b""))
        if any(os.fsencode(p) == target for p in paths if p):
            watched["stale"] = True
            soon()

    handler.on_any_event = on_any_event  # type: ignore[method-assign]
    parent = watchdog.events.FileSystemEventHandler()
    parent.on_any_event = on_parent_event  # type: ignore[method-assign]
    follow()
    observer.schedule(parent, str(seeds_dir.parent), recursive=False)
    observer.start()
    log.info(f"seedsite: watching {seeds_dir} for seed changes")
    return observer
