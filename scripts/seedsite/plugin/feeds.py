"""Feeds and Material's search index stay whole however MkDocs rebuilt the site.

Some files are written by other plugins from the pages they saw in one build: mkdocs-rss-plugin's
feeds and Material's ``search/search_index.json``. A ``--dirty`` rebuild renders only the
changed pages, so the RSS plugin would write a feed of one article and Material's index would
lose the About page. After a full build they are kept (in the cache folder); after a partial
one the kept ones are put back (the feed keeps the edited article's old summary until the next
full build).

The feeds are dated by the articles, never by the clock (``SiteClock``), and the RSS channel's
empty image is dropped (``drop_empty_feed_images``): the same seeds make the same feeds.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model import Article, ConfigError
from .compat import MATERIAL_SEARCH_INDEX, rss_page_source, rss_pages, rss_without_empty_image

SEARCH_FILES = (MATERIAL_SEARCH_INDEX,)
"""Material's search index, kept whole (see the module's docstring)."""


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: MkDocs and mkdocs-rss-plugin take "now" from it when set
(the feeds' dates, an undated article's feed date, the sitemap's ``lastmod``)."""


def newest_date(articles: Iterable[Article]) -> int:
    """Midnight UTC of the newest article's date, in seconds; 0 (1970) when none is dated."""
    newest = max((a.meta.date for a in articles if a.meta.date), default=None)
    if newest is None:
        return 0
    return int(datetime.fromisoformat(newest).replace(tzinfo=UTC).timestamp())


class SiteClock:
    """A build's "now": the newest article's date, never the clock, so two builds of the same
    seeds make the same feeds (their channel dates and undated articles carried the build
    time). ``SOURCE_DATE_EPOCH`` set by the user wins; otherwise it is set for one build."""

    def __init__(self) -> None:
        self._ours = False
        """Whether ``SOURCE_DATE_EPOCH`` holds the value ``start`` set."""

    def start(self, articles: Iterable[Article]) -> int:
        """Set this build's "now" from ``articles``; return it (seconds since 1970)."""
        given = os.environ.get(SOURCE_DATE_EPOCH)
        if given is not None and not self._ours:
            try:
                return int(given)
            except ValueError:
                raise ConfigError(
                    f"{SOURCE_DATE_EPOCH} must be a whole number of seconds, not {given!r}"
                ) from None
        when = newest_date(articles)
        os.environ[SOURCE_DATE_EPOCH] = str(when)
        self._ours = True
        return when

    def stop(self) -> None:
        """Leave the environment as it was before ``start``."""
        if self._ours:
            os.environ.pop(SOURCE_DATE_EPOCH, None)
            self._ours = False


def drop_empty_feed_images(site_dir: Path, names: tuple[str, ...]) -> None:
    """Remove ``<image><url>None</url>...`` from the RSS feeds among ``names`` in the site."""
    for name in names:
        path = site_dir / name
        if not name.endswith(".xml") or not path.is_file():
            continue
        xml = path.read_text("utf-8")
        fixed = rss_without_empty_image(xml)
        if fixed != xml:
            path.write_text(fixed, "utf-8")


def feed_files(rss_plugin: Any) -> tuple[str, ...]:
    """The feed files mkdocs-rss-plugin writes, as its ``feeds_filenames`` option names them;
    none without the plugin."""
    names = getattr(getattr(rss_plugin, "config", None), "feeds_filenames", None)
    if names is None:
        return ()
    return (names.rss_created, names.rss_updated, names.json_created, names.json_updated)


def keep_or_restore_whole_files(
    site_dir: Path, keep_dir: Path, full: bool, names: tuple[str, ...]
) -> None:
    """After a build: keep the whole files of a full build in ``keep_dir``; after a partial
    build, put the kept ones back into the site."""
    for name in names:
        built, kept = site_dir / name, keep_dir / name
        if full and built.is_file():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, kept)
        elif not full and kept.is_file():
            built.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, built)


def dedupe_feed_pages(rss_plugin: Any, live: set[str]) -> int | None:
    """Fix mkdocs-rss-plugin's page list for this build; return the article pages left in it.

    The plugin keeps its list for the whole process (a persistent plugin under ``mkdocs
    serve``) and every rebuild appends the pages it renders again: feeds filled up with
    duplicates and the old version of an edited article. Keep the newest entry of each page
    that still exists. None when the plugin is not there or has changed its insides.
    """
    pages = rss_pages(rss_plugin)
    if pages is None:
        return None
    newest: dict[object, Any] = {}
    for info in pages:
        uri = rss_page_source(info)
        if uri is None:
            newest[id(info)] = info
        elif uri in live:
            newest.pop(uri, None)
            newest[uri] = info
    pages[:] = list(newest.values())
    return sum(1 for key in newest if isinstance(key, str) and key.startswith("articles/"))
