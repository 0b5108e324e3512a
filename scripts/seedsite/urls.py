"""Where generated things live: slugs, page paths (relative to docs) and URLs (relative to site)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not take apart into ASCII ones.
_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d"}
)


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII, lowercase, hyphenated slug; empty when the text has no ASCII letters or digits.

    Accents go ("Médecins" -> "medecins"), apostrophes join ("Tehran's" -> "tehrans"), and a
    slug over ``max_length`` is cut at a hyphen."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").replace("'", "")
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        head = slug[: max_length + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]
    return slug


def name_slug(name: str) -> str:
    """The slug of a seed's file name: its stem's, or a short hash of the name when the stem
    has no ASCII letter or digit (``خبر.txt``, ``新闻.txt``: an empty slug made the page
    ``articles/.md``, linked as ``articles/.md/``)."""
    slug = slugify(PurePath(name).stem)
    if len(slug) >= 3:
        return slug
    # (A name that is not UTF-8 comes from the file system with its bytes as surrogates.)
    digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else f"seed-{digest}"


def tag_slug(tag: str) -> str:
    """The URL name of a tag's page: stable, ASCII, derived from the tag alone."""
    # Tags in scripts without an ASCII transliteration (Persian, Arabic, Chinese) still need a
    # stable, unique name: a short hash of the tag.
    slug = slugify(tag, 60)
    if slug in _RESERVED:
        # tags/index.md is the page of every tag: a tag named "Index" gets a page of its own.
        return f"tag-{slug}"
    return slug or "tag-" + hashlib.sha1(tag.encode("utf-8")).hexdigest()[:10]


_RESERVED = frozenset(("index", "readme"))


def article_path(slug: str) -> str:
    """Path of an article page relative to docs."""
    return f"articles/{slug}.md"


def article_url(slug: str) -> str:
    """URL of an article page relative to the site root."""
    return f"articles/{slug}/"


def tag_url(tag: str) -> str:
    """URL of a tag's page relative to the site root."""
    return f"tags/{tag_slug(tag)}/"


def seed_url(source: str) -> str:
    """URL of the original seed text, served with the site, relative to the site root."""
    # Seed names are file names: a space, `#` or `?` must not end up as URL syntax.
    return "seeds/" + quote(source)
