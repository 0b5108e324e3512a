"""MkDocs hook: regenerate the pages from seeds/ on every build and serve; nothing else lives here.

The work is done by the ``seedsite`` package (installed editable); this file only connects it to
MkDocs' events. The seeds folder is ``seeds/`` beside mkdocs.yml, or ``$SEEDSITE_SEEDS``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from seedsite import serve as seedsite_serve
from seedsite.build import build, neighbours
from seedsite.listing import human_date
from seedsite.model import SeedsiteError
from seedsite.render import GENERATOR, PrintsEscaped, body_html, escape_for_templates
from seedsite.search import records_from_articles
from seedsite.serve import seed_files

log = logging.getLogger("mkdocs.hooks.seedsite")

STATE = seedsite_serve.STATE


def _paths(config: Any) -> tuple[Path, Path, Path]:
    root = Path(config.config_file_path).resolve().parent
    seeds = Path(os.environ.get("SEEDSITE_SEEDS") or root / "seeds")
    return (root / seeds).resolve(), Path(config.docs_dir), root / ".seedsite-cache"


def generate(config: Any) -> list[str]:
    """Regenerate the pages; log every problem (warnings fail ``mkdocs build --strict``)."""
    with STATE.lock:
        return _generate(config)


def _generate(config: Any) -> list[str]:
    seeds, docs, cache = _paths(config)
    seen = seedsite_serve.fingerprint(seeds, docs) if seeds.is_dir() and docs.is_dir() else None
    if seen is not None and seen == STATE.fingerprint:
        return []
    # Under `mkdocs serve`, the cache of a regeneration after the first is saved later.
    deferred = STATE.serving and STATE.fingerprint is not None
    try:
        result = build(
            seeds,
            docs,
            cache_dir=cache,
            site_name=config.site_name,
            jobs=os.cpu_count() or 1,
            save_cache=not deferred,
        )
    except SeedsiteError as e:
        # MkDocs prints a PluginError as one clean line instead of a traceback.
        raise PluginError(f"seedsite: {e}") from None
    if deferred:
        STATE.cache_saver = STATE.cache_saver or seedsite_serve.CacheSaver()
        STATE.cache_saver.schedule(cache)
    report = result.report
    # Seeds as they were before the build: one changed meanwhile makes the next call build.
    STATE.fingerprint = seedsite_serve.with_manifest(seen, docs) if seen is not None else None
    STATE.articles = result.articles
    STATE.seeds = result.seeds
    STATE.neighbours = neighbours(result.articles)
    # Pagefind indexes in its own process while MkDocs renders the pages; under `mkdocs serve`,
    # after an edit, once the rebuild that shows it is done (install in on_post_build).
    STATE.search.update(records_from_articles(result.articles), defer=deferred)
    for message in report.warnings:
        log.warning(message)
    for seed in report.seeds:
        for message in seed.errors:
            log.warning(f"seed skipped: {message}")
        for message in seed.warnings:
            log.warning(message)
    log.info(f"seedsite: {report.summary()} ({len(report.written)} files written)")
    return report.written + report.deleted


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    STATE.serving = command == "serve"


def on_pre_build(config: Any, **kwargs: Any) -> None:
    STATE.rendered = 0
    generate(config)


def on_post_build(config: Any, **kwargs: Any) -> None:
    # Hooks run after the plugins: the feeds and Material's index are written by now.
    keep = _paths(config)[2] / "whole-site-files"
    site = Path(config.site_dir)
    full = STATE.rendered >= _total_pages
    seedsite_serve.keep_or_restore_whole_files(site, keep, full, seedsite_serve.SEARCH_FILES)
    feeds_whole = full or _feed_articles >= len(STATE.articles)
    seedsite_serve.keep_or_restore_whole_files(site, keep, feeds_whole, seedsite_serve.FEED_FILES)
    try:
        STATE.search.install(Path(config.site_dir), wait=not STATE.serving)
    except SeedsiteError as e:
        raise PluginError(f"seedsite: search index: {e}") from None


_total_pages = 0


def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    global _total_pages
    _total_pages = len(files.documentation_pages())
    return nav


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    # The original seed texts, as read when the pages were made (no copy in docs/).
    for file in seed_files(STATE.seeds, config):
        files.append(file)
    return files


_feed_articles = 0


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    # Every page has been read by now, and the feeds are written after the pages.
    global _feed_articles
    live = {f.src_uri for f in files.documentation_pages()}
    _feed_articles = seedsite_serve.dedupe_feed_pages(config.plugins.get("rss"), live) or 0
    env.filters["human_date"] = human_date
    # Compiled templates outlive the Jinja environment MkDocs makes anew for every build:
    # under `mkdocs serve` that saves compiling Material's ~40 templates (0.4 s) per rebuild.
    env.bytecode_cache = seedsite_serve.TEMPLATE_CACHE
    return env


_bodies: dict[str, str] = {}
"""Article bodies set aside from Markdown (see ``on_page_markdown``), by page source path."""


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    # An article body the build wrote is escaped text in raw <p> blocks: Markdown would pass it
    # through unchanged after parsing every block as HTML. It skips Markdown and comes back as
    # the page's HTML in on_page_content (the same HTML, made in a fraction of the time).
    meta = page.meta.get("seedsite")
    if page.meta.get("template") == "article.html" and isinstance(meta, dict):
        html = body_html(markdown)
        if html is not None and meta.get("generator") == GENERATOR:
            _bodies[page.file.src_uri] = html
            return ""
    return markdown


# First of all plugins: they see the article body put back, and the values made safe before
# mkdocs-rss-plugin (priority -75) collects the page for the feeds.
@event_priority(100)
def on_page_content(html: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    STATE.rendered += 1
    body = _bodies.pop(page.file.src_uri, None)
    if body is not None:
        html = body
    # The feeds print `author` into RSS unescaped, and `description` into the JSON feed's
    # `content_html` unescaped: hand them values that are safe in both (see render.py).
    author, description = page.meta.get("author"), page.meta.get("description")
    if isinstance(author, str):
        page.meta["author"] = PrintsEscaped(author)
    if isinstance(description, str):
        page.meta["description"] = escape_for_templates(description)
    return html


def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    # MkDocs' templates print values without escaping; seed text must show as text, never as
    # HTML. Escaped values are Markup, so a template's own `| e` does not escape them twice.
    links = STATE.neighbours.get(page.url)
    if links is not None and isinstance(page.meta.get("seedsite"), dict):
        page.meta["seedsite"] = {**page.meta["seedsite"], **links}
    page.meta = escape_for_templates(page.meta)
    if page.title is not None:
        page.title = escape_for_templates(str(page.title))
    return context


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    seeds, _, _ = _paths(config)
    seedsite_serve.watch_seeds(server, seeds, lambda: generate(config))
    return server
