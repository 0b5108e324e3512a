"""The build cache's file format: plain JSON under its sha256, so loading it never runs code.

A pickle runs whatever code its bytes name, and a damaged one raises anything (``MemoryError``
and ``OverflowError`` were seen). JSON only ever makes strings, numbers, lists and dicts; every
record is converted to plain values and back here, field by field. The file is the sha256 of the
JSON, a newline, then the JSON: a damaged or edited file is refused before it is parsed.

Pure functions from the cache (a dict of records) to bytes and back: ``build.py`` reads and
writes the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from itertools import starmap
from typing import Any

from .model import Article, Metadata, Removal


@dataclass
class Entry:
    """A cache entry: one seed's pipeline result, valid while its sha256 and chrome lines hold."""

    sha256: str
    """Hex sha256 of the seed's bytes."""
    candidates: frozenset[str]
    """The seed's lines that may be corpus chrome (counted across all seeds)."""
    decode_info: tuple[str, float] | None
    """Encoding and confidence; None when the seed could not be decoded."""
    chrome_used: frozenset[str] = frozenset()
    """The candidates that were corpus chrome when the article was made."""
    done: bool = False
    """True once the article step ran with ``chrome_used``."""
    article: Article | None = None
    """The article, or None after an error."""
    page: tuple[str, int] | None = None
    """sha256 and size of the rendered page: the text itself is made again only to be written
    (keeping it doubled the cache, which is read and saved on every build)."""
    error: str | None = None
    """Why the seed got no article."""


class CacheDamaged(Exception):
    """Raised by ``decode`` when the file's checksum does not match what follows it."""


_DIGEST_LEN = 64
_META_FIELDS = tuple(f.name for f in fields(Metadata))
_TAGS = _META_FIELDS.index("tags")


def encode(cache: dict[str, Any], version: str) -> bytes:
    """The cache as the file's bytes: sha256, newline, JSON."""
    metas = _Metas()
    memo = {
        path: [_key_out(key, metas), text]
        for path, (key, text) in cache.get("listing_memo", {}).items()
    }
    doc: dict[str, Any] = {
        "version": version,
        "stats": cache.get("stats", {}),
        "entries": {name: _entry_out(e, metas) for name, e in cache.get("entries", {}).items()},
        "listing_memo": memo,
    }
    kept = cache.get("listings")
    if kept is not None:
        (site_name, key), pages = kept
        # The listing pages are the memo's texts (listing_pages makes both): written once.
        from_memo = pages.keys() == memo.keys() and all(memo[p][1] is t for p, t in pages.items())
        doc["listings"] = [site_name, [metas.ref(m) for m in key], None if from_memo else pages]
    doc["metas"] = metas.rows
    # Compact separators; indent would fall back to the pure-Python encoder.
    payload = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    data = payload.encode("utf-8")
    return hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def decode(data: bytes, version: str) -> dict[str, Any] | None:
    """The cache in ``data``; None when another version of the code wrote it.

    Raises ``CacheDamaged`` when the checksum does not match, and any other exception when
    the JSON, checksum and all, does not hold what this code writes.
    """
    # A view, not a slice: the payload is tens of MB, and a slice would copy it.
    payload = memoryview(data)[_DIGEST_LEN + 1 :]
    if data[_DIGEST_LEN : _DIGEST_LEN + 1] != b"\n" or (
        hashlib.sha256(payload).hexdigest().encode() != data[:_DIGEST_LEN]
    ):
        raise CacheDamaged("cache is damaged or was changed (its checksum does not match)")
    doc = json.loads(str(payload, "utf-8"))
    if not isinstance(doc, dict) or doc.get("version") != version:
        return None  # made by other code: the normal case after an upgrade
    metas = [_meta_in(row) for row in doc["metas"]]
    memo = {path: (_key_in(key, metas), text) for path, (key, text) in doc["listing_memo"].items()}
    cache: dict[str, Any] = {
        "version": version,
        "stats": {name: _stat_in(s) for name, s in doc["stats"].items()},
        "entries": {name: _entry_in(row, metas) for name, row in doc["entries"].items()},
        "listing_memo": memo,
    }
    if doc.get("listings") is not None:
        site_name, refs, pages = doc["listings"]
        if pages is None:
            pages = {path: text for path, (_, text) in memo.items()}
        elif not all(isinstance(t, str) for t in pages.values()):
            raise TypeError("listing pages must be text")
        cache["listings"] = ((site_name, tuple(metas[i] for i in refs)), pages)
    return cache


class _Metas:
    """Every Metadata written once, in a table; records refer to it by index (an article's
    metadata is also in the listings' keys, as a pickle would share it)."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self._index: dict[int, int] = {}
        self._keep: list[Metadata] = []  # ids are unique only while the objects live

    def ref(self, meta: Metadata) -> int:
        i = self._index.get(id(meta))
        if i is None:
            i = self._index[id(meta)] = len(self.rows)
            self.rows.append([getattr(meta, f) for f in _META_FIELDS])
            self._keep.append(meta)
        return i


def _meta_in(row: list[Any]) -> Metadata:
    if len(row) != len(_META_FIELDS):
        raise TypeError(f"metadata has {len(row)} fields, not {len(_META_FIELDS)}")
    row[_TAGS] = tuple(row[_TAGS])
    return Metadata(*row)


def _stat_in(row: list[Any]) -> tuple[int, int, int, str]:
    size, mtime, ctime, sha256 = row
    return (size, mtime, ctime, sha256)


def _entry_out(entry: Entry, metas: _Metas) -> list[Any]:
    a = entry.article
    article = None
    if a is not None:
        article = [
            metas.ref(a.meta),
            a.paragraphs,
            a.consumed,
            [(r.rule, r.line, r.text) for r in a.removals],
            a.encoding,
            a.confidence,
            a.warnings,
        ]
    return [
        entry.sha256,
        sorted(entry.candidates),
        entry.decode_info,
        sorted(entry.chrome_used),
        entry.done,
        article,
        entry.page,
        entry.error,
    ]


def _entry_in(row: list[Any], metas: list[Metadata]) -> Entry:
    sha256, candidates, decode_info, chrome_used, done, article, page, error = row
    return Entry(
        sha256,
        frozenset(candidates),
        None if decode_info is None else (decode_info[0], decode_info[1]),
        frozenset(chrome_used),
        done,
        None if article is None else _article_in(article, metas),
        None if page is None else (page[0], page[1]),
        error,
    )


def _article_in(row: list[Any], metas: list[Metadata]) -> Article:
    meta, paragraphs, consumed, removals, encoding, confidence, warnings = row
    return Article(
        metas[meta],
        tuple(paragraphs),
        tuple(map(tuple, consumed)),  # (field, line, text)
        tuple(starmap(Removal, removals)),  # (rule, line, text)
        encoding,
        confidence,
        tuple(warnings),
    )


def _key_out(key: object, metas: _Metas) -> object:
    """A listing memo's key (strings, numbers, tuples of them and of Metadata) as JSON values:
    a Metadata becomes ``{"m": index}``, a tuple a list."""
    if isinstance(key, Metadata):
        return {"m": metas.ref(key)}
    if isinstance(key, tuple):
        return [_key_out(k, metas) for k in key]
    if key is None or isinstance(key, str | int):
        return key
    raise TypeError(f"cannot write a listing key of type {type(key).__name__}")


def _key_in(key: object, metas: list[Metadata]) -> object:
    if isinstance(key, list):
        return tuple(_key_in(k, metas) for k in key)
    if isinstance(key, dict):
        return metas[key["m"]]
    return key
