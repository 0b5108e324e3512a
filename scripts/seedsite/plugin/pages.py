"""The pages made from the seeds for MkDocs, and what one generation hands to the next events.

The pipeline (``seedsite.build``) does the work; this module runs it where MkDocs' configuration
says, logs its report through MkDocs (so ``--strict`` counts the warnings), and keeps what the
later events need: the articles, their seeds, their neighbours and the search index.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .. import build as pipeline
from .. import folders
from ..model import Article, SeedsiteError, printable
from ..search import SearchIndexer, records_from_articles
from .serve import CacheSaver, fingerprint, with_manifest

log = logging.getLogger("mkdocs.plugins.seedsite")


@dataclass(frozen=True)
class Settings:
    """Where and how to generate: the plugin's options and MkDocs' configuration, resolved."""

    seeds: Path
    """The seeds folder (option ``seeds``)."""
    docs: Path
    """MkDocs' docs folder, where the generated pages go."""
    cache: Path
    """The build cache folder (option ``cache_dir``)."""
    site_name: str
    """MkDocs' ``site_name``: the home page's title."""
    jobs: int
    """Worker processes (option ``jobs``, else one per core)."""
    page_size: int
    """Articles per home page (option ``listing_page_size``)."""


class Pages:
    """The generated pages: made before every build, read by the plugin's later events.

    One per plugin object, which ``mkdocs serve`` keeps across rebuilds.
    """

    def __init__(self, search: SearchIndexer) -> None:
        self.search = search
        """The Pagefind bundle, rebuilt in the background only when the articles changed."""
        self.articles: list[Article] = []
        """The published articles of the last generation, newest first."""
        self.seeds: dict[str, Path | bytes] = {}
        """Their seeds as the site publishes them (``BuildResult.seeds``)."""
        self.neighbours: dict[str, dict[str, dict[str, str]]] = {}
        """Article URL -> its newer and older article."""
        self.generated: frozenset[str] = frozenset()
        """Every generated page, by path relative to docs."""
        self.fingerprint: tuple[object, ...] | None = None
        """The seeds and generated pages as of the last generation (``serve.fingerprint``)."""
        self.lock = threading.Lock()
        """Held while pages are generated: the seed watcher and a rebuild must not both do it (the
        second would find the fingerprint changed by the first only once the first is done)."""
        self.cache_saver: CacheSaver | None = None
        """Under ``mkdocs serve``: saves the build cache after the edits, off the reload's path."""

    def generate(self, settings: Settings, *, serving: bool) -> list[str]:
        """Regenerate the pages; log every problem (warnings fail ``mkdocs build --strict``);
        return the generated files written or deleted."""
        # The site's lock first (the build event holds it already): the seed watcher's thread
        # must wait for a build in progress, and always take the two locks in this order.
        with folders.site_lock(settings.docs, lambda message: log.info(message)), self.lock:
            return self._generate(settings, serving)

    def _generate(self, settings: Settings, serving: bool) -> list[str]:
        seeds, docs, cache = settings.seeds, settings.docs, settings.cache
        seen = fingerprint(seeds, docs) if seeds.is_dir() and docs.is_dir() else None
        if seen is not None and seen == self.fingerprint:
            return []
        # Under `mkdocs serve`, the cache of a regeneration after the first is saved later.
        deferred = serving and self.fingerprint is not None
        try:
            result = pipeline.build(
                seeds,
                docs,
                cache_dir=cache,
                site_name=settings.site_name,
                jobs=settings.jobs,
                page_size=settings.page_size,
                save_cache=not deferred,
                waiting=lambda message: log.info(message),
            )
        except SeedsiteError as e:
            # MkDocs prints a PluginError as one clean line instead of a traceback.
            raise PluginError(f"seedsite: {e}") from None
        if deferred:
            self.cache_saver = self.cache_saver or CacheSaver()
            self.cache_saver.schedule(cache)
        report = result.report
        # Seeds as they were before the build: one changed meanwhile makes the next call build.
        self.fingerprint = with_manifest(seen, docs) if seen is not None else None
        self.articles = result.articles
        self.seeds = result.seeds
        self.generated = result.generated
        self.neighbours = pipeline.neighbours(result.articles)
        # Pagefind indexes in its own process while MkDocs renders the pages; under `mkdocs
        # serve`, after an edit, once the rebuild that shows it is done (install in
        # on_post_build).
        self.search.update(records_from_articles(result.articles), defer=deferred)
        # (`printable`: file names in messages as they are on disk could hold escape sequences)
        for message in report.warnings:
            log.warning(printable(message))
        for seed in report.seeds:
            for message in seed.errors:
                log.warning(f"seed skipped: {printable(message)}")
            for message in seed.warnings:
                log.warning(printable(message))
        log.info(f"seedsite: {report.summary()} ({len(report.written)} files written)")
        return report.written + report.deleted


def same_url(files: Any, generated: frozenset[str]) -> list[tuple[Any, Any]]:
    """Each generated page that has the URL of a hand-written one, with that page."""
    by_url: dict[str, Any] = {}
    pairs = []
    for file in files.documentation_pages():
        other = by_url.setdefault(file.dest_uri, file)
        if other is file:
            continue
        ours, theirs = other.src_uri in generated, file.src_uri in generated
        if ours != theirs:
            pairs.append((other, file) if ours else (file, other))
    return pairs


def seed_files(seeds: Mapping[str, Path | bytes], config: Any) -> Iterator[File]:
    """MkDocs files that serve each seed's original text at ``seeds/<name>`` (see urls.seed_url).

    ``seeds`` is ``BuildResult.seeds``: the private copy of the bytes each page was made from,
    or the bytes themselves. Never the seeds folder: MkDocs copies these files after the pages
    are made, and a seed deleted, made unreadable or replaced by a link meanwhile crashed the
    build or published what the link pointed at.
    """
    # The source name is "seeds/<name>" too, not the bare name: MkDocs keys its files by
    # source name, so a seed called robots.txt would have replaced docs/robots.txt.
    # (File.generated with abs_src_path or content: public API since MkDocs 1.6. A file with
    # content is written again by every `--dirty` rebuild; one with a path only when newer.)
    for name, source in sorted(seeds.items()):
        if isinstance(source, bytes):
            yield File.generated(config, f"seeds/{name}", content=source)
        else:
            yield File.generated(config, f"seeds/{name}", abs_src_path=str(source))
