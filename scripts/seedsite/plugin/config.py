"""The plugin's options, as a site writes them under ``plugins: - seedsite:`` in mkdocs.yml.

Every option has a default that works with no configuration at all; paths are relative to
mkdocs.yml. MkDocs validates them (a wrong type is one clean error naming the option).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..listing import PER_PAGE
from ..search import DEFAULT_LANGUAGE, SHARD_SIZE, is_language_code


class _Count(c.Type[int]):
    """A whole number, 1 or more (a page size or shard size of 0 would loop or divide by it)."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 1:
            raise base.ValidationError(f"must be 1 or more, not {number}")
        return number


class _LanguageCode(c.Type[str]):
    """A language code as Pagefind names an index with it: ``en``, ``fr``, ``fa``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        code = super().run_validation(value)
        # Pagefind names files after it: '../../x' wrote outside the site, a long value killed
        # the indexer, and `EN` or `en us` matched no article's language.
        if not is_language_code(code):
            raise base.ValidationError(
                f"must be a language code of two or three lowercase letters (ISO 639, like "
                f"'en' or 'fr'), not {code!r}"
            )
        return code


# (MkDocs 1.6 declares `Config.__init_subclass__` without types.)
class SeedsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    """``plugins: - seedsite: {...}`` in mkdocs.yml."""

    # The folder of seed files (*.txt), the site's only source. mkdocs.yml here reads it with
    # `seeds: !ENV [SEEDSITE_SEEDS, seeds]`, so the benchmark and tests can point elsewhere.
    seeds = c.Dir(exists=False, default="seeds")
    # The build cache and the private copies of the seeds the site publishes (as much disk as
    # the seeds folder); deleting it costs one full build.
    cache_dir = c.Dir(exists=False, default=".seedsite-cache")
    # Worker processes for the pipeline; empty means one per core.
    jobs = c.Optional(_Count())
    # Articles on each home page (index.md, page/2.md, ...).
    listing_page_size = _Count(default=PER_PAGE)
    # Articles per Pagefind index: its indexer needs ~0.35 GB per 1,000 while it writes.
    search_shard_size = _Count(default=SHARD_SIZE)
    # The search index language of articles whose language was not detected.
    search_language = _LanguageCode(default=DEFAULT_LANGUAGE)
