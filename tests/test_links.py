"""Link check over the built site: every internal href/src (and #anchor) resolves.

The site is built under a subpath (``http://127.0.0.1:PORT/seedsite/``), as GitHub Pages serves a
project site, so a link that ignores ``site_url``'s path (``href="/articles/..."``) is broken here
exactly as it would be there. Links to other hosts are not fetched (there is no network); only
resources a page loads by itself (scripts, styles, icons, images, fonts) must stay on the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import SUBPATH, BuiltSite

pytestmark = pytest.mark.site

# Schemes that name no file of the site.
NOT_FILES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")
# Elements whose URL the browser fetches by itself when the page loads.
LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
# <link rel=...> values the browser fetches (or connects to) on load.
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "manifest"}
LOADED_LINK_RELS |= {"dns-prefetch", "prefetch", "apple-touch-icon", "mask-icon"}


@dataclass(frozen=True)
class Link:
    """One URL found in one page."""

    page: str
    """The page's path inside the site, e.g. ``articles/x/index.html``."""
    tag: str
    attribute: str
    url: str
    """As written in the attribute."""
    loaded: bool
    """Fetched by the browser on load (script, style, icon...), not only followed on click."""

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag} {self.attribute}={self.url!r}>"


class _Page(HTMLParser):
    """Every URL-bearing attribute, every id (and <a name>), and the <base href>, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str, bool]] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "base" and "href" in values:
            self.base = values["href"]
        for attribute in ("href", "src", "srcset", "poster", "data"):
            if attribute not in values or (attribute == "data" and tag != "object"):
                continue
            loaded = (tag, attribute) in LOADED
            if tag == "link" and attribute == "href":
                loaded = bool(set(values.get("rel", "").lower().split()) & LOADED_LINK_RELS)
            for url in _split(values[attribute], srcset=attribute == "srcset"):
                self.urls.append((tag, attribute, url, loaded))

    handle_startendtag = handle_starttag


def _split(value: str, srcset: bool) -> list[str]:
    if not srcset:
        return [value.strip()]
    # "a.png 1x, b.png 2x": the URL is the first word of each candidate.
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    return page


def _pages(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def _page_url(site: BuiltSite, page: Path) -> str:
    relative = page.relative_to(site.root).as_posix()
    return site.url + relative


def _links(site: BuiltSite) -> Iterator[tuple[Link, str]]:
    """Every link of every page, with its absolute URL."""
    for page in _pages(site):
        parsed = _parse(page)
        base = urljoin(_page_url(site, page), parsed.base) if parsed.base else _page_url(site, page)
        relative = page.relative_to(site.root).as_posix()
        for tag, attribute, url, loaded in parsed.urls:
            yield Link(relative, tag, attribute, url, loaded), urljoin(base, url)


def _is_internal(site: BuiltSite, absolute: str) -> bool:
    return absolute.startswith(site.origin + "/") or absolute == site.origin


def _broken(site: BuiltSite, link: Link, absolute: str) -> str | None:
    """Why an internal link is broken, or None when it resolves."""
    parts = urlsplit(absolute)
    if not unquote(parts.path).startswith(SUBPATH):
        return f"outside the site's subpath {SUBPATH} (ignores site_url's path?)"
    target = site.file_for(absolute)
    if target is None or not target.is_file():
        return f"no file {target.relative_to(site.root) if target else parts.path}"
    if parts.fragment and target.suffix == ".html":
        anchor = unquote(parts.fragment)
        if anchor not in _parse(target).ids:
            return f"no id {anchor!r} in {target.relative_to(site.root)}"
    return None


def test_the_site_is_built_for_its_subpath(built_site: BuiltSite) -> None:
    """mkdocs.yml reads site_url from $SITE_URL: the canonical address names the subpath."""
    home = (built_site.root / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{built_site.url}"' in home


def test_the_site_has_pages(built_site: BuiltSite) -> None:
    pages = _pages(built_site)
    assert built_site.root / "index.html" in pages
    assert built_site.root / "404.html" in pages
    assert any("articles" in page.parts for page in pages), "no article page was built"


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    broken: list[str] = []
    checked = 0
    for link, absolute in _links(built_site):
        if link.url.lower().startswith(NOT_FILES) or not _is_internal(built_site, absolute):
            continue
        checked += 1
        reason = _broken(built_site, link, absolute)
        if reason:
            broken.append(f"{link}: {reason}")
    assert checked > 0
    assert broken == [], f"{len(broken)} broken internal links:\n" + "\n".join(broken[:50])


def test_pages_load_nothing_from_other_hosts(built_site: BuiltSite) -> None:
    """Scripts, styles, fonts, icons and images come from the site itself."""
    outside = [
        str(link)
        for link, absolute in _links(built_site)
        if link.loaded
        and not link.url.lower().startswith(NOT_FILES)
        and not _is_internal(built_site, absolute)
    ]
    assert outside == [], "pages load resources from other hosts:\n" + "\n".join(outside[:50])


def test_styles_load_nothing_from_other_hosts(built_site: BuiltSite) -> None:
    """No @import or url() in the site's CSS points at another host (web fonts, mostly)."""
    outside = []
    for sheet in sorted(built_site.root.rglob("*.css")):
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", sheet.read_text("utf-8", "replace")):
            if re.match(r"(?i)(https?:)?//", url):
                outside.append(f"{sheet.relative_to(built_site.root)}: {url}")
        for url in re.findall(r"""@import\s+['"]([^'"]+)""", sheet.read_text("utf-8", "replace")):
            if re.match(r"(?i)(https?:)?//", url):
                outside.append(f"{sheet.relative_to(built_site.root)}: {url}")
    assert outside == []


@pytest.mark.parametrize("name", ["sitemap.xml", "feed_rss_created.xml"])
def test_feed_and_sitemap_addresses_resolve(built_site: BuiltSite, name: str) -> None:
    """Every <loc> and <link> in the sitemap and the RSS feed is a page of the site."""
    document = built_site.root / name
    if not document.exists():
        pytest.skip(f"{name} is not built")
    addresses = re.findall(r"<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>", document.read_text())
    pages = [url for url in addresses if url.startswith(built_site.url)]
    assert pages, f"{name} names no page under {built_site.url}"
    missing = [url for url in pages if not (path := built_site.file_for(url)) or not path.is_file()]
    assert missing == []
