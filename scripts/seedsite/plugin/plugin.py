"""The seedsite MkDocs plugin: its events, in the order MkDocs runs them.

Each event hands the work to the module that does it (``pages``, ``feeds``, ``serve``,
``compat``) and keeps what the next events need on the plugin object, which MkDocs keeps for the
whole ``mkdocs serve`` (a plugin with ``on_startup``). Events that must run before or after
another plugin's say so with a priority, so their order does not depend on where ``seedsite``
sits in the ``plugins`` list.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import folders
from ..listing import human_date
from ..model import SeedsiteError
from ..render import GENERATOR, body_html, escape_for_templates, shown_file_name
from ..search import SearchIndexer
from .compat import make_feed_safe, rss_set_channel_date
from .config import SeedsiteConfig
from .feeds import (
    SEARCH_FILES,
    SiteClock,
    dedupe_feed_pages,
    drop_empty_feed_images,
    feed_files,
    keep_or_restore_whole_files,
)
from .pages import Pages, Settings, same_url, seed_files
from .serve import MemoryBytecodeCache, watch_seeds

log = logging.getLogger("mkdocs.plugins.seedsite")

THEME = Path(__file__).parent / "theme"
"""What seedsite's pages need of the theme: the article template, the search box's config
partial and a main.html that uses it, the search worker and the style sheet."""
STYLESHEET = "assets/stylesheets/seedsite.css"


# (MkDocs 1.6 declares `BasePlugin.__init_subclass__` without types.)
class SeedsitePlugin(BasePlugin[SeedsiteConfig]):  # type: ignore[no-untyped-call]
    """Regenerates the pages from the seeds before every build and serves them to MkDocs."""

    def __init__(self) -> None:
        self.serving = False
        """True under ``mkdocs serve``: the search bundle must not hold up the page reload."""
        self.dirty = False
        """True with ``--dirty``: MkDocs may render only the pages that changed."""
        self.settings: Settings | None = None
        """This build's settings (``on_config``)."""
        self.pages = Pages(SearchIndexer())
        """The generated pages and what they hand to the later events."""
        self.templates = MemoryBytecodeCache()
        """Compiled templates, kept across the builds of one ``mkdocs serve``."""
        self.rendered = 0
        """Pages MkDocs rendered in this build (fewer than all in a ``--dirty`` rebuild)."""
        self.total_pages = 0
        """Pages in this build's navigation and files."""
        self.feed_articles = 0
        """Article pages in the RSS plugin's list for this build."""
        self.bodies: dict[str, str] = {}
        """Article bodies set aside from Markdown (``on_page_markdown``), by page source path."""
        self.watcher: Any = None
        """The seeds folder's observer under ``mkdocs serve``."""
        self.clock = SiteClock()
        """This build's "now" (``SOURCE_DATE_EPOCH``): the newest article's date."""
        self.lock: Any = None
        """This site's build lock while a build runs (``folders.acquire``), from
        ``on_pre_build`` to the end of the build: another build would delete the seed copies
        and pages this one is about to publish."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: Any) -> None:
        # Templates and assets come after the site's own overrides (custom_dir) and before the
        # theme's, as MkDocs' own search plugin adds its templates; the assets are copied
        # into the site as the theme's are.
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        options = self.config
        self.settings = Settings(
            seeds=Path(options.seeds).resolve(),
            docs=Path(config.docs_dir),
            cache=Path(options.cache_dir),
            site_name=config.site_name,
            jobs=options.jobs or os.cpu_count() or 1,
            page_size=options.listing_page_size,
        )
        # Before anything is written or deleted: a cache folder holding the seeds folder deleted
        # every seed, one inside the site folder was emptied by every build.
        try:
            folders.check_apart(
                {
                    "option 'seeds'": Path(options.seeds),
                    "option 'cache_dir'": Path(options.cache_dir),
                    "docs_dir": Path(config.docs_dir),
                    "site_dir": Path(config.site_dir),
                }
            )
        except SeedsiteError as e:
            raise PluginError(f"seedsite: {e}") from None
        search = self.pages.search
        if (search.shard_size, search.language) != (
            options.search_shard_size,
            options.search_language,
        ):
            self.pages.search = SearchIndexer(
                shard_size=options.search_shard_size, language=options.search_language
            )

    def on_pre_build(self, *, config: Any) -> None:
        assert self.settings is not None
        self.rendered = 0
        if self.lock is None:
            self.lock = folders.acquire(self.settings.docs, lambda message: log.info(message))
        self.pages.generate(self.settings, serving=self.serving)
        # Before any page exists (MkDocs dates pages, the RSS plugin undated articles, as
        # they are made); the RSS plugin dated its channels in on_config, by the clock.
        try:
            when = self.clock.start(self.pages.articles)
        except SeedsiteError as e:
            raise PluginError(f"seedsite: {e}") from None
        rss_set_channel_date(config.plugins.get("rss"), when)

    def on_files(self, files: Any, *, config: Any) -> Any:
        # A hand-written page at a generated page's URL (docs/tags.md and tags/index.md): the
        # later one silently replaced the other in the site. The hand-written one stays.
        for generated, hand_written in same_url(files, self.pages.generated):
            log.warning(
                f"seedsite: the hand-written page '{hand_written.src_uri}' and the generated "
                f"'{generated.src_uri}' have the same URL ({generated.url or './'}); the "
                "hand-written one is kept (rename it to have both)"
            )
            files.remove(generated)
        # The original seed texts, as read when the pages were made (no copy in docs/).
        for file in seed_files(self.pages.seeds, config):
            files.append(file)
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.total_pages = len(files.documentation_pages())
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        # Every page has been read by now, and the feeds are written after the pages.
        live = {f.src_uri for f in files.documentation_pages()}
        self.feed_articles = dedupe_feed_pages(config.plugins.get("rss"), live) or 0
        env.filters["human_date"] = human_date
        env.filters["file_name"] = shown_file_name
        env.bytecode_cache = self.templates
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        # An article body the build wrote is escaped text in raw <p> blocks: Markdown would pass
        # it through unchanged after parsing every block as HTML. It skips Markdown and comes
        # back as the page's HTML in on_page_content (the same HTML, made in a fraction of the
        # time).
        meta = page.meta.get("seedsite")
        if page.meta.get("template") == "article.html" and isinstance(meta, dict):
            html = body_html(markdown)
            if html is not None and meta.get("generator") == GENERATOR:
                self.bodies[page.file.src_uri] = html
                return ""
        return markdown

    # Before every other plugin: they see the article body put back, and the values made safe
    # before mkdocs-rss-plugin (priority -75) collects the page for the feeds.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        self.rendered += 1
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            html = body
        make_feed_safe(page.meta, escape_for_templates)
        return html

    # After every other plugin (Material's search indexes the page here, from the values as
    # written). MkDocs' templates print values without escaping; seed text must show as text,
    # never as HTML. Escaped values are Markup, so a template's own `| e` does not escape them
    # twice.
    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        links = self.pages.neighbours.get(page.url)
        if links is not None and isinstance(page.meta.get("seedsite"), dict):
            page.meta["seedsite"] = {**page.meta["seedsite"], **links}
        page.meta = escape_for_templates(page.meta)
        if page.title is not None:
            page.title = escape_for_templates(str(page.title))
        return context

    # After every other plugin: the feeds and Material's index are written by now.
    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        assert self.settings is not None
        keep = self.settings.cache / "whole-site-files"
        site = Path(config.site_dir)
        # `--dirty` says MkDocs may have skipped pages; the count says whether it did.
        full = not self.dirty or self.rendered >= self.total_pages
        keep_or_restore_whole_files(site, keep, full, SEARCH_FILES)
        feeds_whole = full or self.feed_articles >= len(self.pages.articles)
        feeds = feed_files(config.plugins.get("rss"))
        if feeds_whole:
            drop_empty_feed_images(site, feeds)
        keep_or_restore_whole_files(site, keep, feeds_whole, feeds)
        self.clock.stop()
        try:
            self.pages.search.install(site, wait=not self.serving)
        except SeedsiteError as e:
            raise PluginError(f"seedsite: search index: {e}") from None
        self._unlock()

    def on_build_error(self, *, error: Exception) -> None:
        self.clock.stop()
        self._unlock()

    def _unlock(self) -> None:
        if self.lock is not None:
            lock, self.lock = self.lock, None
            # (From on_shutdown after an interrupted build, another thread may hold it: the
            # process is ending, which gives the file lock back anyway.)
            with contextlib.suppress(RuntimeError):
                folders.release(lock)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        settings = self.settings
        assert settings is not None
        self.watcher = watch_seeds(
            server, settings.seeds, lambda: self.pages.generate(settings, serving=self.serving)
        )
        return server

    def on_shutdown(self) -> None:
        self._unlock()
        if self.watcher is not None:
            self.watcher.stop()
        if self.pages.cache_saver is not None:
            self.pages.cache_saver.flush()
