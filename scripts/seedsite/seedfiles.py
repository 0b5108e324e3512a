"""The seeds folder: each seed read safely, and the private copies the site publishes.

A seed is a regular ``*.txt`` file of its own: no link, symbolic or hard, is followed, and a
file that is not one is refused with an error naming it. Each seed read is kept as a private
copy of its bytes (``Copies``), and the site publishes that copy, never the seeds folder: a
seed edited, deleted, made unreadable or replaced by a link while the site is built cannot
reach the site.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .docsfiles import replace_with
from .model import Article, Report, Seed, SeedError, SeedReport

MAX_SEED_BYTES = 5_000_000
"""Seeds larger than this are rejected before they are read: no article is 5 MB of text."""


@dataclass(frozen=True)
class Unread:
    """A seed listed and checked but not read yet: ``read_unread`` reads it, in a worker
    process of the build script (which keeps no copies: no bytes need to come back)."""

    name: str
    """File name inside the seeds folder."""
    path: Path
    """Where it is."""


def read_seeds(
    seeds_dir: Path,
    report: Report,
    known: dict[str, tuple[int, int, int, str]],
    stats: dict[str, tuple[int, int, int, str]],
    copies: Copies,
    defer: bool = False,
) -> Iterator[Seed | Unread]:
    """Every seed, read, checked and hashed, in name order; ``known`` seeds unchanged on disk
    (same size, mtime and ctime as when last read) whose copy is kept are not read again: their
    ``data`` stays empty until ``load`` needs it. ``stats`` is filled with every seed's (size,
    mtime, ctime, sha256) for the next build's ``known``; with ``defer``, a seed that must be
    read is left ``Unread`` and its status is the reader's to record.

    Lazily: the build hands the first seeds to its workers while it reads the rest."""
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
            _check_name(entry.name)
            seed = _read_one(entry, known, stats, copies, defer)
        except SeedError as e:
            status.status = "error"
            status.errors.append(str(e))
            continue
        yield seed


def _read_one(
    entry: os.DirEntry[str],
    known: dict[str, tuple[int, int, int, str]],
    stats: dict[str, tuple[int, int, int, str]],
    copies: Copies,
    defer: bool,
) -> Seed | Unread:
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
    elif defer:
        return Unread(entry.name, Path(entry.path))
    else:
        seed, info = _read_file(Path(entry.path), entry.name)
        now = (info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        copies.keep(seed)
    stats[entry.name] = (*now, seed.sha256)
    return seed


def _check_name(name: str) -> None:
    """Refuse a file name that is not UTF-8: a page's address and the published seed's name
    are text, and no text is these bytes (the build report crashed on ``204_\\xff\\xfe.txt``)."""
    if not name.isascii():
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise SeedError(
                name, "the file name is not UTF-8 (bytes shown as \\xNN); rename the file"
            ) from None


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


def read_unread(unread: Unread) -> tuple[Seed, tuple[int, int, int, str]]:
    """The seed, read as ``read_seeds`` reads one, and its status for the next build's
    ``known``; raises ``SeedError``."""
    seed, info = _read_file(unread.path, unread.name)
    return seed, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, seed.sha256)


class Copies:
    """Private copies of the seeds as read and checked, named by their sha256, in the cache
    folder (``seeds/<sha256>``).

    MkDocs copies each seed into the site after the pages are made; from the seeds folder, a
    seed deleted, made unreadable or replaced by a link meanwhile crashed the build or published
    what the link pointed at. The site's ``seeds/<name>`` is copied from here instead: exactly
    the bytes its page was made from. Without a usable cache folder, the bytes stay in memory.
    """

    def __init__(
        self,
        cache_dir: Path | None,
        writable: bool,
        seeds_dir: Path,
        publish: bool = True,
        verified: dict[str, tuple[int, int, int, int]] | None = None,
    ) -> None:
        self.folder = None if cache_dir is None else cache_dir / "seeds"
        self.writable = writable and self.folder is not None and publish
        self.seeds_dir = seeds_dir
        self.publish = publish
        """Whether the site publishes the seeds from these copies: ``mkdocs build`` and
        ``serve`` do; the build script only writes pages, and keeps no copies (a third of its
        files and of its kernel time at 10,000 seeds). A seed left unread because it did not
        change is read again by the first build that publishes it."""
        self.kept: dict[str, int] = {}
        """sha256 -> size of each copy in the folder (one lstat each: ~20 ms for 10,000)."""
        self.verified = verified if verified is not None else {}
        """sha256 -> (size, mtime, ctime, inode) of each copy when its bytes were last found to
        have that sha256: a copy not changed since is not read again (``mkdocs serve``)."""
        self.written: set[str] = set()
        """The copies this build wrote, from bytes it hashed."""
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
        edited: the seed is read again); without publishing, an unchanged seed need not be."""
        return not self.publish or self.kept.get(sha256) == size

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
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_with(target, lambda f: f.write(seed.data))
        except OSError:
            self.writable = False  # a full disk, a file where the folder should be
            return
        self.kept[seed.sha256] = len(seed.data)
        self.written.add(seed.sha256)

    def verified_path(self, sha256: str) -> Path | None:
        """The kept copy of these bytes, if it still has this sha256 (read and hashed unless
        this build wrote it or it is unchanged since it was last hashed); a damaged copy, one
        that kept its size but not its bytes, is removed."""
        path = self.path(sha256)
        if path is None or sha256 in self.written:
            return path
        try:
            info = os.lstat(path)
        except OSError:
            return None
        key = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        if self.verified.get(sha256) == key:
            return path
        if self.read(sha256) is None:
            return None
        self.verified[sha256] = key
        return path

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


def published_seeds(
    articles: list[Article], seeds: list[Seed], copies: Copies, report: Report
) -> dict[str, Path | bytes]:
    """Each published article's seed: its kept copy, its sha256 checked (a damaged one is made
    again from the bytes read in this build, or from the seed if it still has them), else the
    bytes read in this build. Without publishing (the build script), nothing is checked."""
    data = {s.name: s.data for s in seeds}
    out: dict[str, Path | bytes] = {}
    for article in articles:
        name, sha256 = article.meta.source, article.meta.sha256
        if not copies.publish:
            out[name] = copies.path(sha256) or data[name]
            continue
        path = copies.verified_path(sha256)
        if path is not None:
            out[name] = path
            continue
        again = load(copies, Seed(name, data[name], sha256))
        if isinstance(again, str):
            report.warnings.append(
                f"{name}: its copy in the build cache is damaged and the seed changed since its "
                "page was made; its text is not published (build again)"
            )
            continue
        copies.keep(again)
        out[name] = copies.path(sha256) or again.data
    return out


def load(copies: Copies, seed: Seed) -> Seed | str:
    """The seed with its bytes (from its kept copy if ``read_seeds`` skipped them), or why not."""
    if seed.data:
        return seed
    data = copies.read(seed.sha256)
    if data is None:
        # No copy kept (the build script keeps none): the seed itself, if it is unchanged.
        try:
            again, _ = _read_file(copies.seeds_dir / seed.name, seed.name)
        except SeedError as e:
            return str(e)
        if again.sha256 == seed.sha256:
            return again
    if data is None:
        # It was there when the seeds were read: someone is changing the cache folder.
        return f"{seed.name}: its copy in the build cache is gone or damaged; build again"
    return Seed(seed.name, data, seed.sha256)
