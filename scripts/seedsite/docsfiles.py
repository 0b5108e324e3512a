"""The docs folder: write the generated files that changed, delete those no longer generated.

A manifest in the docs folder (``MANIFEST``) lists every file seedsite wrote and its sha256.
It is read as untrusted input: an entry is used only if it names a page of a kind the build
writes (``is_generated_path``), and a file is overwritten or deleted only if it is verifiably
the build's own: its bytes still have the sha256 the manifest recorded, or its front matter's
``seedsite.generator`` key says so (``is_generated``). A hand-written page is never touched.

Every page is written under a temporary name (in ``TEMP_DIR``) and renamed into place, and a
page at a new path is recorded in the manifest before it is written: a build killed at any point
leaves whole pages the next build recognizes, and temporary files it removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from .model import Report, WriteError
from .render import GENERATOR

MANIFEST = ".seedsite-manifest.json"
"""File in the docs folder listing every generated file and its sha256 (what we own)."""
TEMP_DIR = ".seedsite-tmp"
"""Folder in the docs folder where pages are made whole before they are renamed into place
(MkDocs leaves dot-folders out of the site); what a killed build left there is removed."""

_GENERATED_DIRS = ("page", "articles", "archive", "tags")
"""The folders the build writes pages into (besides ``index.md``): what a manifest may name."""
_DIGEST = re.compile(r"[0-9a-f]{64}")
_TEMP_NAME = re.compile(r"[0-9]+\.[0-9]+\.tmp")
_FRONT_MATTER = re.compile(rb"\A-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.DOTALL)
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Output:
    """One generated file: its sha256 and size, and how to make its bytes (only to write it)."""

    digest: str
    size: int
    make: Callable[[], bytes]

    @classmethod
    def of(cls, data: bytes) -> Output:
        """The output of bytes already made."""
        return cls(hashlib.sha256(data).hexdigest(), len(data), constant(data))


def constant(data: bytes) -> Callable[[], bytes]:
    """A maker of ``data`` itself."""
    return lambda: data


def is_generated_path(rel: str) -> bool:
    """Whether ``rel`` (relative to docs, ``/``-separated) is where the build may write a page:
    ``index.md``, or a ``.md`` file at most two folders down in ``page/``, ``articles/``,
    ``archive/`` or ``tags/``. Nothing outside docs, no dotfile, no other hand-written page."""
    if rel == "index.md":
        return True
    parts = rel.split("/")
    return (
        2 <= len(parts) <= 4
        and parts[0] in _GENERATED_DIRS
        and rel.endswith(".md")
        and all(p and not p.startswith(".") and "\\" not in p and "\0" not in p for p in parts)
    )


def is_generated(path: Path) -> bool:
    """Whether the page at ``path`` says in its own front matter that seedsite generated it
    (``seedsite: {generator: seedsite}``); text that merely mentions the marker does not."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return False
            head = f.read(64 * 1024)
    except OSError:
        return False
    match = _FRONT_MATTER.match(head.removeprefix(b"\xef\xbb\xbf"))
    if match is None:
        return False
    try:
        data = yaml.load(match.group(1), Loader=_Loader)
    except yaml.YAMLError:
        return False
    mark = data.get("seedsite") if isinstance(data, dict) else None
    return isinstance(mark, dict) and mark.get("generator") == GENERATOR


def _owned(path: Path, digest: str | None) -> bool | None:
    """Whether the file at ``path`` is the build's own: its bytes have the ``digest`` recorded
    for it, or its front matter says so; None when there is no file there at all."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False  # a folder, a link: never ours
    if digest is not None and _sha256(path) == digest:
        return True
    return is_generated(path)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_manifest(docs_dir: Path, report: Report) -> dict[str, str | None]:
    """The generated files the manifest lists, by path relative to docs, with their recorded
    sha256; every entry that is not a generated page's is left out with a warning. A missing or
    damaged manifest is rebuilt from the pages whose front matter marks them as generated (their
    sha256 unknown: None)."""
    path = docs_dir / MANIFEST
    try:
        doc: Any = json.loads(path.read_bytes())
    except FileNotFoundError:
        return _recover(docs_dir)
    except (OSError, ValueError, RecursionError) as e:  # (RecursionError: nested too deep)
        problem = getattr(e, "strerror", None) or "not JSON"
        report.warnings.append(
            f"{path}: damaged ({problem}); generated pages found by their front matter"
        )
        return _recover(docs_dir)
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, dict):
        report.warnings.append(
            f"{path}: damaged (no 'files' object); generated pages found by their front matter"
        )
        return _recover(docs_dir)
    entries: dict[str, str | None] = {}
    bad: list[str] = []
    for rel, digest in files.items():
        if not is_generated_path(rel):
            bad.append(rel)
        else:
            entries[rel] = digest if isinstance(digest, str) and _DIGEST.fullmatch(digest) else None
    if bad:
        shown = ", ".join(repr(b) for b in sorted(bad)[:3]) + (" ..." if len(bad) > 3 else "")
        report.warnings.append(
            f"{path}: {len(bad)} entr{'y' if len(bad) == 1 else 'ies'} not naming a generated "
            f"page ({shown}); ignored, nothing there is overwritten or deleted"
        )
        # Damaged: what else it lost is found by the pages' front matter.
        return {**_recover(docs_dir), **entries}
    return entries


def _recover(docs_dir: Path) -> dict[str, str | None]:
    """Every page in the generated folders whose front matter marks it as generated."""
    found: dict[str, str | None] = {}
    candidates: list[str] = ["index.md"]
    for top in _GENERATED_DIRS:
        for folder, dirs, names in os.walk(docs_dir / top):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            base = Path(folder).relative_to(docs_dir).as_posix()
            candidates.extend(f"{base}/{n}" for n in names)
    for rel in candidates:
        if is_generated_path(rel) and is_generated(docs_dir / rel):
            found[rel] = None
    return found


def write(docs_dir: Path, outputs: dict[str, Output], report: Report) -> None:
    """Write the outputs that changed, delete the generated pages no longer made, and record
    what the build owns; never overwrite or delete a file the build did not write."""
    manifest_path = docs_dir / MANIFEST
    old = read_manifest(docs_dir, report)
    on_disk_manifest = dict(old)
    tmp_dir = docs_dir / TEMP_DIR
    _clear_temps(tmp_dir)
    new: dict[str, str] = {}
    todo: list[tuple[str, Output]] = []
    for rel, output in sorted(outputs.items()):
        digest = output.digest
        target = docs_dir / rel
        if old.get(rel) == digest and _file_size(target) == output.size:
            new[rel] = digest
            continue
        owned = _owned(target, old.get(rel))
        if owned is False:
            report.warnings.append(
                f"{target}: exists and was not written by seedsite; not overwritten "
                "(move it away to let the build generate it)"
            )
            continue
        if owned and _file_size(target) == output.size and _sha256(target) == digest:
            new[rel] = digest  # whole already (a build stopped before its manifest)
            continue
        todo.append((rel, output))
    claimed = {**old, **{rel: output.digest for rel, output in todo}}
    if any(rel not in old for rel, _ in todo):
        # Ownership first: a build killed while writing leaves only pages the manifest names.
        _write_manifest(manifest_path, claimed)
        on_disk_manifest = claimed
    # Until the end, what may be on disk: the claims, and the old pages not yet deleted.
    final = {rel: digest for rel, digest in old.items() if rel not in outputs}
    final.update(new)
    final.update((rel, output.digest) for rel, output in todo)
    try:
        for rel, output in todo:
            target = docs_dir / rel
            try:
                atomic_write(target, output.make(), tmp_dir)
            except OSError as e:
                raise WriteError(f"{target}: cannot write: {e.strerror}") from None
            report.written.append(rel)
        for rel in sorted(set(old) - set(outputs)):
            target = docs_dir / rel
            owned = _owned(target, old[rel])
            if owned:
                try:
                    target.unlink()
                    report.deleted.append(rel)
                except FileNotFoundError:
                    pass
                _prune_empty_dirs(target.parent, docs_dir)
            elif owned is False:
                report.warnings.append(
                    f"{target}: no longer generated, but changed since seedsite wrote it "
                    "(not its sha256, no 'generator: seedsite' in its front matter); not deleted"
                )
            del final[rel]
    finally:
        # Even when a write failed: what was written is recorded, what was not stays claimed.
        final = dict(sorted(final.items()))
        if final != on_disk_manifest or not manifest_path.exists():
            _write_manifest(manifest_path, final)
        _remove_dir(tmp_dir)


def _write_manifest(path: Path, files: dict[str, str | None]) -> None:
    # No indent: json.dumps with one falls back to the pure-Python encoder (0.25 s here).
    payload = json.dumps({"generator": GENERATOR, "files": files}, sort_keys=True)
    try:
        atomic_write(path, payload.encode("utf-8") + b"\n", path.parent / TEMP_DIR)
    except OSError as e:
        raise WriteError(f"{path}: cannot write: {e.strerror}") from None


def _clear_temps(tmp_dir: Path) -> None:
    """Remove what a killed build left in the temporary folder (only names it makes)."""
    try:
        with os.scandir(tmp_dir) as it:
            names = [e.name for e in it if _TEMP_NAME.fullmatch(e.name)]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            (tmp_dir / name).unlink()


def _remove_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not there, or not empty (then not ours to empty)
        folder.rmdir()


def _file_size(path: Path) -> int | None:
    """Size of the regular file at ``path``; None when there is none (one stat call)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


_counter = iter(range(1 << 62))


def atomic_write(target: Path, data: bytes, tmp_dir: Path) -> None:
    """Write ``target`` whole under a temporary name in ``tmp_dir`` and rename it into place:
    a reader (``mkdocs serve``) or a build killed meanwhile never sees part of it."""

    def fill(f: BinaryIO) -> None:
        f.write(data)

    tmp = tmp_dir / f"{os.getpid()}.{next(_counter)}.tmp"
    try:
        _fill_and_rename(tmp, target, fill)
    except FileNotFoundError:
        tmp_dir.mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        _fill_and_rename(tmp, target, fill)


def replace_with(target: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Make ``target`` whole under a temporary name (``fill`` writes it), then rename it into
    place: a reader sees the old file or the new one, never part of it."""
    # The temp name is a dotfile (MkDocs ignores those), unique to this process.
    _fill_and_rename(target.with_name(f".{target.name}.{os.getpid()}.tmp"), target, fill)


def _fill_and_rename(tmp: Path, target: Path, fill: Callable[[BinaryIO], object]) -> None:
    try:
        with open(tmp, "wb") as f:
            fill(f)
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
