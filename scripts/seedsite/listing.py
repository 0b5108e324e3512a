"""Listing pages: home (newest first, paginated), archive by year and month, tags.

Pure functions from the articles' metadata to ``{path relative to docs: Markdown text}``. Every
value that came from a seed goes through ``render.escape_markdown``; everything else here is
generated and trusted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from .dates import MONTH_NAMES
from .model import Metadata
from .render import GENERATOR, display_title, dump_front_matter, escape_markdown
from .urls import article_path, tag_slug

PER_PAGE = 20
"""Articles per home page; older ones continue on ``page/2/``, ``page/3/``, ..."""

MONTHS = tuple(name.capitalize() for name in MONTH_NAMES["en"].split())


def human_date(iso: str) -> str:
    """``2018-09-19`` -> ``19 September 2018``."""
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def sort_key(meta: Metadata) -> tuple[int, str, str]:
    """Newest first; undated last; ties broken by seed name so the order is stable."""
    return (0 if meta.date else 1, _invert(meta.date or ""), meta.source)


# A language code as the pipeline writes it (en, fa, zh-hant): safe inside an attribute.
_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)
_INVERT = {c: 0x7F - c for c in range(0x80)}


def _invert(iso: str) -> str:
    # Sort dates descending inside an ascending sort key (str.translate: 10,000 keys in 5 ms).
    return iso.translate(_INVERT)


def _page(title: str, body: str) -> str:
    # Listings repeat every title and description: searched, they would crowd out the articles.
    data: dict[str, object] = {
        "title": title,
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
        "seedsite": {"generator": GENERATOR},
    }
    return dump_front_matter(data, "listing") + "\n" + body


Memo = dict[str, tuple[object, str]]
"""Listing path -> (what the page was made from, its text): see ``listing_pages``."""


class _Pages:
    """The pages being made, each reused from the memo when made from the same values."""

    def __init__(self, memo: Memo | None) -> None:
        self.old = memo if memo is not None else {}
        self.memo: Memo = {}
        self.pages: dict[str, str] = {}
        self._links: dict[int, tuple[str, str]] = {}

    def link(self, meta: Metadata, from_dir: str) -> str:
        """A link to an article from a page in ``from_dir``; its title is escaped once, however
        many listings show it (home, month, up to five tags)."""
        parts = self._links.get(id(meta))  # (the metadata outlives these pages)
        if parts is None:
            title = escape_markdown(display_title(meta))
            parts = (f"[{title}](", f"{article_path(meta.slug)}){{: {_direction(meta)} }}")
            self._links[id(meta)] = parts
        return parts[0] + "../" * from_dir.count("/") + parts[1]

    def add(self, path: str, key: object, make: Callable[[], str]) -> None:
        hit = self.old.get(path)
        text = hit[1] if hit is not None and hit[0] == key else make()
        self.memo[path] = (key, text)
        self.pages[path] = text


def _direction(meta: Metadata) -> str:
    """Attributes that let a title or description in any script sit in a left-to-right list:
    its own direction (a Persian title beside English ones is not scrambled) and language."""
    lang = f' lang="{meta.lang}"' if meta.lang and _LANG.fullmatch(meta.lang) else ""
    return f'dir="auto"{lang}'


_Link = Callable[[Metadata, str], str]
"""``_Pages.link``: a link to an article from a page in a folder."""


def _entry(meta: Metadata, from_dir: str, link: _Link) -> str:
    bits = []
    if meta.date:
        bits.append(f'<time datetime="{meta.date}">{human_date(meta.date)}</time>')
    if meta.dateline:
        bits.append(escape_markdown(meta.dateline))
    bits.append(f"{meta.reading_time} min read")
    lines = [
        link(meta, from_dir) + "  ",
        '<span class="seedsite-entry__meta">' + " · ".join(bits) + "</span>",
    ]
    if meta.description:
        lines[-1] += "  "
        lines.append(f"<span {_direction(meta)}>{escape_markdown(meta.description)}</span>")
    lines.append("{: .seedsite-entry }")
    return "\n".join(lines) + "\n\n"


def _compact(meta: Metadata, from_dir: str, link: _Link) -> str:
    when = f'<time datetime="{meta.date}">{meta.date}</time> · ' if meta.date else ""
    return f"- {when}{link(meta, from_dir)}\n"


def home_pages(
    ordered: Sequence[Metadata],
    site_name: str = "Articles",
    out: _Pages | None = None,
    page_size: int = PER_PAGE,
) -> dict[str, str]:
    """``index.md`` and ``page/N.md``: every article, newest first, ``page_size`` to a page."""
    out = out or _Pages(None)
    chunks = [ordered[i : i + page_size] for i in range(0, len(ordered), page_size)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        path = "index.md" if number == 1 else f"page/{number}.md"
        key = (site_name, number, len(chunks), tuple(chunk))
        out.add(path, key, partial(_home_page, number, chunk, len(chunks), site_name, out.link))
    return out.pages


def _home_page(
    number: int, chunk: Sequence[Metadata], total: int, site_name: str, link: _Link
) -> str:
    from_dir = "" if number == 1 else "page/"
    up = "" if number == 1 else "../"
    body = "# Latest articles\n\n" if number == 1 else f"# Articles, page {number}\n\n"
    if not chunk:
        body += "No articles yet: add seeds to `seeds/` and rebuild.\n\n"
    body += "".join(_entry(m, from_dir, link) for m in chunk)
    nav = []
    if number > 1:
        nav.append(f"[← Newer]({up}{'index.md' if number == 2 else f'page/{number - 1}.md'})")
    if number < total:
        nav.append(f"[Older →]({up}page/{number + 1}.md)")
    if nav:
        body += " · ".join(nav) + "\n{: .seedsite-pager }\n"
    return _page(site_name if number == 1 else f"Articles, page {number}", body)


def archive_pages(ordered: Sequence[Metadata], out: _Pages | None = None) -> dict[str, str]:
    """``archive/index.md`` (years and months with counts), one page per month, undated last."""
    out = out or _Pages(None)
    months: dict[str, list[Metadata]] = defaultdict(list)
    undated: list[Metadata] = []
    for meta in ordered:
        if meta.date:
            months[meta.date[:7]].append(meta)
        else:
            undated.append(meta)
    index = ["# Archive\n\n"]
    year = ""
    for key in sorted(months, reverse=True):
        y, m = key.split("-")
        if y != year:
            year = y
            index.append(f"\n## {y}\n\n")
        name = f"{MONTHS[int(m) - 1]} {y}"
        count = len(months[key])
        index.append(f"- [{name}]({y}/{m}.md) ({count})\n")
        out.add(
            f"archive/{y}/{m}.md",
            tuple(months[key]),
            partial(_list_page, name, months[key], f"archive/{y}/", out.link),
        )
    if undated:
        index.append(f"\n## Undated\n\n- [Articles without a date](undated.md) ({len(undated)})\n")
        out.add(
            "archive/undated.md",
            tuple(undated),
            partial(_list_page, "Undated articles", undated, "archive/", out.link),
        )
    if not months and not undated:
        index.append("No articles yet.\n")
    text = "".join(index)
    out.add("archive/index.md", text, lambda: _page("Archive", text))
    return out.pages


def _list_page(
    title: str, metas: Sequence[Metadata], from_dir: str, link: _Link, heading: str = ""
) -> str:
    body = f"# {heading or title}\n\n" + "".join(_compact(a, from_dir, link) for a in metas)
    return _page(title, body)


def tag_pages(ordered: Sequence[Metadata], out: _Pages | None = None) -> dict[str, str]:
    """``tags/index.md`` (every tag with its count) and one page per tag."""
    out = out or _Pages(None)
    by_slug: dict[str, list[Metadata]] = defaultdict(list)
    names: dict[str, str] = {}
    slugs: dict[str, str] = {}  # (a tag's slug made once, not once per article)
    for meta in ordered:
        for tag in meta.tags:
            slug = slugs.get(tag) or slugs.setdefault(tag, tag_slug(tag))
            # Two spellings with one slug share a page, named after the first seen.
            names.setdefault(slug, tag)
            if not by_slug[slug] or by_slug[slug][-1] is not meta:
                by_slug[slug].append(meta)
    index = ["# Tags\n\n"]
    for slug in sorted(by_slug, key=lambda s: (names[s].casefold(), s)):
        name = escape_markdown(names[slug])
        index.append(f"- [{name}]({slug}.md) ({len(by_slug[slug])})\n")
        out.add(
            f"tags/{slug}.md",
            (names[slug], tuple(by_slug[slug])),
            partial(
                _list_page, f"Tag: {names[slug]}", by_slug[slug], "tags/", out.link, f"Tag: {name}"
            ),
        )
    if not by_slug:
        index.append("No tags yet.\n")
    text = "".join(index)
    out.add("tags/index.md", text, lambda: _page("Tags", text))
    return out.pages


def listing_pages(
    metas: Iterable[Metadata],
    site_name: str = "Articles",
    memo: Memo | None = None,
    page_size: int = PER_PAGE,
) -> dict[str, str]:
    """Every listing page, keyed by path relative to docs.

    ``memo`` (kept by the caller between builds, updated here) holds each page with the values
    it was made from: a page made from the same values again is reused, not made. Editing one
    article of 10,000 then makes its few listing pages instead of all 1,300 (1 s -> 0.1 s).
    """
    ordered = sorted(metas, key=sort_key)
    out = _Pages(memo)
    home_pages(ordered, site_name, out, page_size)
    archive_pages(ordered, out)
    tag_pages(ordered, out)
    if memo is not None:
        memo.clear()
        memo.update(out.memo)
    return out.pages
