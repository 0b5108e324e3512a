"""The build cache's file format: plain JSON under its sha256, so loading it never runs code.

A pickle runs whatever code its bytes name, and a damaged one raises anything (``MemoryError``
and ``OverflowError`` were seen). JSON only ever makes strings, numbers, lists and dicts; every
record is converted to plain values and back here, field by field. The file is the sha256 of the
JSON, a newline, then the JSON: a damaged or edited file is refused before it is parsed.

The records (``Cache`` and what it holds) and pure functions from a ``Cache`` to bytes and
back: ``build.py`` reads and writes the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from itertools import starmap
from typing import Any

from .listing import Memo
from .model import Article, Metadata, Removal

Stat = tuple[int, int, int, str]
"""A seed file's size, mtime and ctime (ns) when it was read, and the sha256 of its bytes."""


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


@dataclass
class Listings:
    """Every listing page of the last build, with what they were all made from."""

    site_name: str
    """The home page's title."""
    page_size: int
    """Articles per home page."""
    metas: tuple[Metadata, ...]
    """The published articles' metadata, in build order."""
    pages: dict[str, str]
    """Path relative to docs -> page text."""

    def made_from(self, site_name: str, page_size: int, metas: tuple[Metadata, ...]) -> bool:
        """Whether these pages were made from exactly these values."""
        return (self.site_name, self.page_size, self.metas) == (site_name, page_size, metas)


@dataclass
class Cache:
    """What earlier builds made, kept in memory between the builds of one process and in the
    cache file between processes."""

    stats: dict[str, Stat] = field(default_factory=dict)
    """Each seed's file status when last read, by file name: unchanged seeds are not read."""
    entries: dict[str, Entry] = field(default_factory=dict)
    """Each seed's pipeline result, by file name."""
    listing_memo: Memo = field(default_factory=dict)
    """Each listing page with the values it was made from: only changed ones are made again."""
    listings: Listings | None = None
    """The listing pages whole, reused when no article's metadata changed."""
    verified_copies: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    """The seed copies found whole, with their file status then (``seedfiles.Copies``): kept in
    memory only, so each process checks every copy it publishes once."""
    unsaved: bool = True
    """Whether this differs from the cache file. Set in one place, at the end of a build, from
    what the build's steps changed; cleared once the file is written."""


class CacheDamaged(Exception):
    """Raised by ``decode`` when the file's checksum does not match what follows it."""


_DIGEST_LEN = 64
_META_FIELDS = tuple(f.name for f in fields(Metadata))
_TAGS = _META_FIELDS.index("tags")


def encode(cache: Cache, version: str) -> bytes:
    """The cache as the file's bytes: sha256, newline, JSON."""
    payload = b"".join(encode_parts(cache, version))
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def encode_parts(cache: Cache, version: str) -> Iterator[bytes]:
    """The file's JSON, in pieces of a hundred entries or so: saved as it is made, the cache
    never exists whole as one text (tens of MB, twice: as text and as bytes; each new page of
    memory cost the forked saver a fault, a second of kernel time at 10,000 seeds)."""
    metas = _Metas()
    yield b'{"version":' + _json(version) + b',"stats":' + _json(cache.stats) + b',"entries":{'
    names = list(cache.entries)
    for start in range(0, len(names), _ENTRIES_PER_PART):
        rows = (
            _json(name) + b":" + _json(_entry_out(cache.entries[name], metas))
            for name in names[start : start + _ENTRIES_PER_PART]
        )
        yield (b"," if start else b"") + b",".join(rows)
    memo = {path: [_key_out(key, metas), text] for path, (key, text) in cache.listing_memo.items()}
    yield b'},"listing_memo":' + _json(memo)
    kept = cache.listings
    if kept is not None:
        pages = kept.pages
        # The listing pages are the memo's texts (listing_pages makes both): written once.
        from_memo = pages.keys() == memo.keys() and all(memo[p][1] is t for p, t in pages.items())
        listings = [
            kept.site_name,
            kept.page_size,
            [metas.ref(m) for m in kept.metas],
            None if from_memo else pages,
        ]
        yield b',"listings":' + _json(listings)
    yield b',"metas":' + _json(metas.rows) + b"}"


_ENTRIES_PER_PART = 100


def _json(value: object) -> bytes:
    # Compact separators; indent would fall back to the pure-Python encoder. ASCII: with one
    # character beyond it, json builds the whole text two or four bytes a character and
    # encoding it to UTF-8 costs as much again.
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), check_circular=False)
    return text.encode("ascii")


def decode(data: bytes, version: str) -> Cache | None:
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
    cache = Cache(
        stats={name: _stat_in(s) for name, s in doc["stats"].items()},
        entries={name: _entry_in(row, metas) for name, row in doc["entries"].items()},
        listing_memo=memo,
        unsaved=False,
    )
    if doc.get("listings") is not None:
        site_name, page_size, refs, pages = doc["listings"]
        if pages is None:
            pages = {path: text for path, (_, text) in memo.items()}
        elif not all(isinstance(t, str) for t in pages.values()):
            raise TypeError("listing pages must be text")
        if not isinstance(site_name, str) or not isinstance(page_size, int):
            raise TypeError("listings: site name and page size")
        cache.listings = Listings(site_name, page_size, tuple(metas[i] for i in refs), pages)
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


def _stat_in(row: list[Any]) -> Stat:
    size, mtime, ctime, sha256 = row
    return (size, mtime, ctime, sha256)


def _entry_out(entry: Entry, metas: _Metas) -> list[Any]:
    a = entry.article
    article = None
    if a is not None:
        article = [
            metas.ref(a.meta),
            _text_out(a.paragraphs),
            a.consumed,
            [(r.rule, r.line, r.text, r.why) for r in a.removals],
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
        _text_in(paragraphs),
        tuple(map(tuple, consumed)),  # (field, line, text)
        tuple(starmap(Removal, removals)),  # (rule, line, text, why)
        encoding,
        confidence,
        tuple(warnings),
    )


def _text_out(paragraphs: tuple[str, ...]) -> str | tuple[str, ...]:
    """An article's body as one string, a paragraph a line (two thirds of the file: one string
    each is written and read in half the time of a list of them), or the list if a paragraph
    holds a newline."""
    text = "\n".join(paragraphs)
    return paragraphs if text.count("\n") != len(paragraphs) - 1 else text


def _text_in(paragraphs: str | list[str]) -> tuple[str, ...]:
    if isinstance(paragraphs, str):
        return tuple(paragraphs.split("\n"))  # (no paragraphs is written as a list)
    return tuple(paragraphs)


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
