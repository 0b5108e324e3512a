"""The docs folder: write the generated files that changed, delete those no longer generated.

A manifest in the docs folder (``MANIFEST``) lists every file seedsite wrote and its sha256:
what it owns. A file it does not own is never overwritten (unless it carries seedsite's marker)
and never deleted, so hand-written pages are safe beside generated ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .model import Report, WriteError
from .render import GENERATOR

MANIFEST = ".seedsite-manifest.json"
"""File in the docs folder listing every generated file and its sha256 (what we own)."""


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


def _is_generated(path: Path) -> bool:
    """Whether an existing page carries seedsite's marker in its front matter (so the build wrote
    it and may replace it): a file the manifest does not list is replaced only then."""
    try:
        with open(path, "rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return False
    return head.startswith(b"---\n") and f"generator: {GENERATOR}".encode() in head


def write(docs_dir: Path, outputs: dict[str, Output], report: Report) -> None:
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
            atomic_write(target, output.make())
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
        atomic_write(manifest_path, payload.encode("utf-8") + b"\n")


def _file_size(path: Path) -> int | None:
    """Size of the regular file at ``path``; None when there is none (one stat call)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def atomic_write(target: Path, data: bytes) -> None:
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
    replace_with(target, lambda f: f.write(data))


def replace_with(target: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Make ``target`` whole under a temporary name (``fill`` writes it), then rename it into
    place: a reader sees the old file or the new one, never part of it."""
    # The temp name is a dotfile (MkDocs ignores those), unique to this process.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
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
