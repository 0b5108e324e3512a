"""The project's folders: kept apart, and written by one build at a time.

The seeds, docs, site and cache folders must not overlap: a cache folder whose ``seeds/`` is
the seeds folder deleted every seed (the old copies are pruned), and a cache folder inside the
site folder is emptied by MkDocs at every build. ``check_apart`` refuses any overlap before
anything is written.

Two builds of one site at once (a second terminal, ``mkdocs serve`` starting) would delete the
seed copies and pages the other is about to publish: ``site_lock`` serializes them with a lock
on a file in the docs folder (``LOCK_FILE``), across processes and threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .model import ConfigError

try:
    import fcntl
except ImportError:  # Windows: builds are not serialized across processes there
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".seedsite.lock"
"""The lock file in the docs folder (MkDocs leaves dotfiles out of the site)."""


def check_apart(folders: Mapping[str, Path | None]) -> None:
    """Raise ``ConfigError`` naming both when one folder is another or holds it; ``folders``
    maps each option's name to its folder (None: not used)."""
    resolved = [(name, path, path.resolve()) for name, path in folders.items() if path is not None]
    for i, (a, a_path, a_real) in enumerate(resolved):
        for b, b_path, b_real in resolved[i + 1 :]:
            if a_real == b_real:
                how = "are the same folder"
            elif a_real in b_real.parents:
                how = f"overlap: {b} is inside {a}"
            elif b_real in a_real.parents:
                how = f"overlap: {a} is inside {b}"
            else:
                continue
            raise ConfigError(
                f"{a} ({a_path}) and {b} ({b_path}) {how}; each needs a folder of its own "
                "(the build writes and deletes files in them)"
            )


class _Held:
    """One docs folder's lock in this process: threads take turns on ``turn``; the first to
    hold it takes the file lock, which other processes wait for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.turn = threading.RLock()
        self.depth = 0
        self.fd: int | None = None


_registry = threading.Lock()
_held: dict[Path, _Held] = {}


def acquire(docs_dir: Path, waiting: Callable[[str], object]) -> _Held:
    """Take the lock of the site whose docs folder is ``docs_dir`` (again, if this thread holds
    it); ``waiting`` gets one message when another build holds it. ``release`` gives it back."""
    key = docs_dir.resolve()
    with _registry:
        held = _held.setdefault(key, _Held(key / LOCK_FILE))
    held.turn.acquire()  # (another thread of this process: `mkdocs serve`'s watcher, a rebuild)
    held.depth += 1
    if held.depth == 1 and fcntl is not None:
        try:
            fd = os.open(held.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            return held  # no docs folder, or a read-only one: the build says what is wrong
        # A POSIX record lock (lockf), not flock: it belongs to this process alone, so a worker
        # forked meanwhile, left running after this process was killed, does not keep it.
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            waiting(
                f"{held.path}: another build of this site (another process) is running; "
                "waiting for it to finish"
            )
            fcntl.lockf(fd, fcntl.LOCK_EX)
        held.fd = fd
    return held


def release(held: _Held) -> None:
    """Give back a lock ``acquire`` took."""
    held.depth -= 1
    if held.depth == 0 and held.fd is not None:
        os.close(held.fd)  # (closing the file gives the record lock back)
        held.fd = None
    held.turn.release()


@contextmanager
def site_lock(docs_dir: Path, waiting: Callable[[str], object]) -> Iterator[None]:
    """Hold the lock of the site whose docs folder is ``docs_dir`` (see ``acquire``)."""
    held = acquire(docs_dir, waiting)
    try:
        yield
    finally:
        release(held)
