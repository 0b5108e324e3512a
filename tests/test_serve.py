"""What `mkdocs serve` keeps between rebuilds (seedsite/plugin/serve.py): the deferred build
cache, compiled templates, the seeds a dirty rebuild copies. The rebuild request is tested
against MkDocs' real server in test_compat; the whole loop in test_site (serve an edit)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import jinja2
import pytest
from seedsite.build import CACHE_VERSION, build, flush_cache
from seedsite.cache import decode
from seedsite.plugin import serve
from seedsite.plugin.plugin import SeedsitePlugin
from test_build import _seed


def test_deferred_cache_is_written_by_flush_only(tmp_path: Path) -> None:
    seeds, docs, cache = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    seeds.mkdir()
    docs.mkdir()
    _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    build(seeds, docs, cache_dir=cache)
    saved = (cache / "cache.json").stat().st_mtime_ns
    _seed(seeds, "002_bb.txt", "Mountains grow in Grenoble", topic="mountains")
    build(seeds, docs, cache_dir=cache, save_cache=False)
    assert (cache / "cache.json").stat().st_mtime_ns == saved
    saver = serve.CacheSaver(delay=60)
    saver.schedule(cache)
    saver.flush()
    saved_cache = decode((cache / "cache.json").read_bytes(), CACHE_VERSION)
    assert saved_cache is not None and "002_bb.txt" in saved_cache.entries
    # Nothing left to save: a second flush writes nothing
    again = (cache / "cache.json").stat().st_mtime_ns
    flush_cache(cache)
    assert (cache / "cache.json").stat().st_mtime_ns == again


def test_compiled_templates_outlive_the_environment() -> None:
    cache = serve.MemoryBytecodeCache()
    source = {"page.html": "Hello {{ name }}"}

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(source), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    assert render() == "Hello reader"
    assert len(cache.store) == 1
    assert render() == "Hello reader"  # from the cache
    source["page.html"] = "Bye {{ name }}"
    assert render() == "Bye reader"  # an edited template is compiled again, and replaced
    assert len(cache.store) == 1


def _publish(seeds: dict[str, Path | bytes], docs: Path, site: Path, dirty: bool) -> None:
    """Copy the seeds into ``site`` as MkDocs 1.6 does: the plugin's ``on_files`` event adds
    them, then ``File.copy_file``."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(docs), "site_dir": str(site)})
    errors, _ = config.validate()
    assert not errors
    plugin = SeedsitePlugin()
    plugin.pages.seeds = seeds
    config.plugins["seedsite"] = plugin
    for file in config.plugins.on_files(Files([]), config=config):
        file.copy_file(dirty=dirty)


def test_dirty_rebuilds_copy_an_edited_seed_and_only_that(tmp_path: Path) -> None:
    """`mkdocs serve --dirty` copies a file only when its source is newer than the site's copy:
    a seed edited back to an earlier text (an earlier copy, kept in the cache) is copied too."""
    seeds, docs, cache, site = (tmp_path / n for n in ("seeds", "docs", "cache", "site"))
    seeds.mkdir()
    docs.mkdir()
    seed = _seed(seeds, "001_aa.txt", "Rivers rise in Lyon")
    other = _seed(seeds, "002_bb.txt", "Mountains grow in Grenoble", topic="mountains")
    first, edited = seed.read_bytes(), seed.read_bytes().replace(b"third", b"edited")

    def rebuild(dirty: bool) -> None:
        result = build(seeds, docs, cache_dir=cache, save_cache=False)  # as under `mkdocs serve`
        _publish(result.seeds, docs, site, dirty=dirty)

    rebuild(dirty=False)
    untouched = (site / "seeds" / other.name).stat().st_mtime_ns
    for text in (edited, first, edited):
        seed.write_bytes(text)
        rebuild(dirty=True)
        assert (site / "seeds" / seed.name).read_bytes() == text
    assert (site / "seeds" / other.name).stat().st_mtime_ns == untouched


@pytest.mark.parametrize("swap", ["rm -rf and copy", "rename over"])
def test_the_seed_watcher_follows_a_replaced_seeds_folder(tmp_path: Path, swap: str) -> None:
    """`rm -rf seeds && cp -r new seeds` (or a scraper renaming a fresh folder into place): the
    watch stayed on the deleted folder, and no later edit was ever shown."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_a.txt").write_text("one\n")
    seen = threading.Event()

    def regenerate() -> list[str]:
        seen.set()
        return []

    observer = serve.watch_seeds(object(), seeds, regenerate)
    try:
        new = tmp_path / "new"
        shutil.copytree(seeds, new)
        shutil.rmtree(seeds)
        if swap == "rename over":
            os.rename(new, seeds)
        else:
            shutil.copytree(new, seeds)
        assert seen.wait(10)  # the replacement itself
        time.sleep(0.5)
        seen.clear()
        (seeds / "001_a.txt").write_text("edited\n")
        assert seen.wait(10), "an edit in the new seeds folder was not seen"
        seen.clear()
        (seeds / "002_b.txt").write_text("added\n")
        assert seen.wait(10)
    finally:
        observer.stop()
        observer.join(5)
