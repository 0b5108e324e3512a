"""Every reach into another package's internals (seedsite/plugin/compat.py), tried against the
real pinned package: MkDocs' live-reload server and front-matter reader, Material's templates
and search worker protocol, mkdocs-rss-plugin's page list and feeds, Pagefind's service and
bundle. None of these uses a stub: an upgrade that breaks a reach fails the test named for it."""

from __future__ import annotations

import importlib.metadata
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from seedsite.model import Article, Metadata
from seedsite.plugin import compat
from seedsite.plugin.feeds import feed_files
from seedsite.render import escape_for_templates, render_article

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "docs" / "templates"
"""This site's overrides of Material's templates."""
THEME = ROOT / "scripts" / "seedsite" / "plugin" / "theme"
"""What the plugin brings to any site's theme."""
WORKER = THEME / "assets" / "javascripts" / "seedsite-search-worker.js"


def _material() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def test_the_checked_versions_are_the_pinned_and_installed_ones() -> None:
    """An upgrade (Dependabot's pull request) fails here first: read compat.py again, check
    each reach against the new version, then move ``CHECKED`` and the pin together."""
    pins = dict(
        re.findall(
            r"^([a-z-]+)(?:\[[a-z]+\])?==([^\s]+)", (ROOT / "requirements.txt").read_text(), re.M
        )
    )
    for package, version in compat.CHECKED.items():
        assert pins[package] == version, package
        assert importlib.metadata.version(package) == version, package


# --- MkDocs ------------------------------------------------------------------------------


def test_a_rebuild_request_wakes_mkdocs_build_loop(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    built = threading.Event()
    server = LiveReloadServer(builder=built.set, host="127.0.0.1", port=0, root=str(tmp_path))
    loop = threading.Thread(target=server.serve, daemon=True)
    loop.start()
    try:
        assert not built.wait(0.5)  # nothing asked for a build yet
        assert compat.request_rebuild(server)
        assert built.wait(10), "the build loop did not run the builder"
    finally:
        server.shutdown()
        loop.join(10)
    assert not compat.request_rebuild(object())  # no such insides: nothing done, no error


FRONT_MATTERS = [
    "---\ntitle: A: b\ntags:\n- x\n---\n\nBody.\n",
    "---\ntitle: '---'\n---\n",
    "No front matter.\n",
    # A page the build writes, Unicode and escaped body included.
    render_article(
        Article(
            Metadata(source="001_a.txt", sha256="0" * 64, slug="a", title="Ünïcode — “x”"),
            ("<script>", "Second paragraph."),
        )
    ),
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_is_read_as_mkdocs_reads_a_page(tmp_path: Path, text: str) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(text, encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "T", "docs_dir": str(docs), "site_dir": str(tmp_path / "s")})
    errors, _ = config.validate()
    assert not errors
    page = Page(None, File("page.md", str(docs), str(tmp_path / "s"), True), config)
    page.read_source(config)
    assert compat.read_front_matter(text) == (page.markdown, page.meta)


# --- a real site: Material's search and mkdocs-rss-plugin ---------------------------------

HOSTILE_AUTHOR = "<b onmouseover=alert(1)>Mallory</b>"
HOSTILE_DESCRIPTION = "<i>an</i> & <script>alert(2)</script>"

# The plugin's call, at the plugin's priority, in a hook: only the reach is under test here.
HOOK = """\
from mkdocs.plugins import event_priority
from seedsite.plugin.compat import make_feed_safe, rss_set_channel_date
from seedsite.render import escape_for_templates


def on_pre_build(config, **kwargs):
    assert rss_set_channel_date(config.plugins["rss"], 1577923200)  # 2020-01-02


@event_priority(100)
def on_page_content(html, page, **kwargs):
    make_feed_safe(page.meta, escape_for_templates)
    return html
"""


def _build_tiny_site(root: Path, feed_safe: bool) -> tuple[Path, Any]:
    """A Material site with search, feeds and one hostile article, built in this process;
    returns the site folder and the RSS plugin object MkDocs used."""
    from conftest import build_in_process

    (root / "docs" / "articles").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "articles" / "a.md").write_text(
        f"---\ndate: 2020-01-02\nauthor: '{HOSTILE_AUTHOR}'\n"
        f"description: '{HOSTILE_DESCRIPTION}'\n---\n\n# A page\n\nText.\n",
        encoding="utf-8",
    )
    (root / "hook.py").write_text(HOOK, encoding="utf-8")
    config_text = (
        "site_name: Tiny\nsite_description: d\nsite_url: https://example.org/\n"
        "theme: {name: material}\n"
        + ("hooks: [hook.py]\n" if feed_safe else "")
        + "plugins:\n  - search\n  - rss:\n      match_path: 'articles/.*'\n"
        "      use_git: false\n      date_from_meta: {as_creation: date}\n"
    )
    (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    config = build_in_process(root / "mkdocs.yml")
    return root / "site", config.plugins["rss"]


@pytest.fixture(scope="module", params=[True, False], ids=["feed-safe", "as-is"])
def tiny_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Any, bool]]:
    site, rss = _build_tiny_site(tmp_path_factory.mktemp("tiny"), request.param)
    yield site, rss, request.param


def test_material_writes_its_search_index_where_compat_says(
    tiny_site: tuple[Path, Any, bool],
) -> None:
    site, _, _ = tiny_site
    index = json.loads((site / compat.MATERIAL_SEARCH_INDEX).read_text("utf-8"))
    assert any(doc["location"] == "" for doc in index["docs"])


def test_the_rss_plugin_keeps_its_pages_where_compat_reads_them(
    tiny_site: tuple[Path, Any, bool],
) -> None:
    _, rss, _ = tiny_site
    pages = compat.rss_pages(rss)
    assert pages is not None and len(pages) == 1
    assert compat.rss_page_source(pages[0]) == "articles/a.md"
    assert compat.rss_pages(object()) is None and compat.rss_page_source(object()) is None


def test_the_feed_files_are_named_by_the_rss_plugin_options(
    tiny_site: tuple[Path, Any, bool],
) -> None:
    site, rss, _ = tiny_site
    names = feed_files(rss)
    assert names == (
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "feed_json_created.json",
        "feed_json_updated.json",
    )
    assert all((site / name).is_file() for name in names)
    assert feed_files(None) == ()


def test_feed_values_are_escaped_once_and_only_with_make_feed_safe(
    tiny_site: tuple[Path, Any, bool],
) -> None:
    """The RSS plugin prints ``author`` unescaped and puts ``description`` into the JSON feed's
    ``content_html``: "as-is" shows it still does (were it fixed upstream, ``PrintsEscaped``
    would escape twice: the "feed-safe" case checks the text is escaped exactly once)."""
    site, _, feed_safe = tiny_site
    rss = (site / "feed_rss_created.xml").read_text("utf-8")
    [item] = json.loads((site / "feed_json_created.json").read_text("utf-8"))["items"]
    if feed_safe:
        assert "<author>&lt;b onmouseover=alert(1)&gt;Mallory&lt;/b&gt;</author>" in rss
        assert "<b onmouseover" not in rss
        assert item["authors"] == [{"name": HOSTILE_AUTHOR}]  # JSON: the value as written
        assert item["content_html"].startswith("&lt;i&gt;an&lt;/i&gt; &amp; &lt;script&gt;")
    else:
        assert f"<author>{HOSTILE_AUTHOR}</author>" in rss
        assert item["content_html"].startswith("<i>an</i>")


def test_feed_channels_are_dated_with_rss_set_channel_date(
    tiny_site: tuple[Path, Any, bool],
) -> None:
    """ "as-is" shows the RSS plugin still dates its channels by the clock and prints an empty
    image as ``None``; "feed-safe" that ``rss_set_channel_date`` dates them."""
    site, _, feed_safe = tiny_site
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        rss = (site / name).read_text("utf-8")
        dated = "<pubDate>Thu, 02 Jan 2020 00:00:00 -0000</pubDate>" in rss.split("<item>")[0]
        assert dated is feed_safe
        assert ("<lastBuildDate>Thu, 02 Jan 2020 00:00:00 -0000</lastBuildDate>" in rss) is dated
        assert "<url>None</url>" in rss
        fixed = compat.rss_without_empty_image(rss)
        assert "<image>" not in fixed and "None" not in fixed
        assert fixed.count("<item>") == rss.count("<item>") == 1
        assert len(rss) - len(fixed) < 200  # the image element alone
    assert not compat.rss_set_channel_date(object(), 0)


def test_prints_escaped_keeps_its_value() -> None:
    author = compat.PrintsEscaped("<b>x</b> & 'y'")
    assert author == "<b>x</b> & 'y'" and json.dumps(author) == "\"<b>x</b> & 'y'\""
    assert str(author) == "&lt;b&gt;x&lt;/b&gt; &amp; &#x27;y&#x27;"
    meta: dict[str, Any] = {"author": "a", "description": "<d>", "title": "<t>"}
    compat.make_feed_safe(meta, escape_for_templates)
    assert isinstance(meta["author"], compat.PrintsEscaped)
    assert meta["description"] == "&lt;d&gt;" and meta["title"] == "<t>"


# --- Material's templates and search worker: the copies and edits of the plugin and the site ---


def _block(template: str, name: str) -> str:
    match = re.search(r"{%\s*block " + name + r"\s*%}(.*?){%\s*endblock\s*%}", template, re.S)
    assert match, f"Material's base.html has no block {name}"
    return match.group(1)


def _lines(text: str) -> list[str]:
    text = re.sub(r"{#-?.*?-?#}", "", text, flags=re.S)  # comments
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_config_partial_is_materials_config_block_with_our_worker() -> None:
    """partials/seedsite-config.html: Material's `config` block, the worker URL changed; the
    two lines it adds give the include what the block had from base.html's own scope."""
    material = _lines(_block((_material() / "base.html").read_text("utf-8"), "config"))
    ours = _lines((THEME / "partials" / "seedsite-config.html").read_text("utf-8"))
    added = [
        '{% import "partials/language.html" as lang with context %}',
        "{% set features = config.theme.features or [] %}",
    ]
    assert ours[:2] == added
    search = '"search": "assets/javascripts/seedsite-search-worker.js" | url,'
    assert search in ours
    [theirs] = [line for line in material if line.startswith('"search":')]
    assert ours[2:] == [search if line == theirs else line for line in material]


def test_the_search_partial_is_materials_with_a_dialog_name() -> None:
    material = _lines((_material() / "partials" / "search.html").read_text("utf-8"))
    ours = _lines((TEMPLATES / "partials" / "search.html").read_text("utf-8"))
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    label = " aria-label=\"{{ lang.t('search') }}\""
    assert f"{dialog}>" in material
    assert ours == [f"{dialog}{label}>" if line == f"{dialog}>" else line for line in material]


def test_main_html_replaces_strings_materials_blocks_print() -> None:
    """main.html edits ``super()`` output as text: the strings it replaces must be in the blocks
    of Material's base.html, or the replace silently does nothing."""
    base = (_material() / "base.html").read_text("utf-8")
    main = (TEMPLATES / "main.html").read_text("utf-8")
    for block, old in (
        ("site_meta", '<link rel="alternate" type="application/rss+xml"'),
        ("scripts", "<script src="),
    ):
        assert f"replace('{old}'" in main, (block, old)
        assert old in _block(base, block), (block, old)
    # The feeds Material announces are the RSS plugin's default names, as main.html's JSON one.
    assert "'feed_rss_created.xml' | url" in _block(base, "site_meta")
    assert "'feed_json_created.json' | url" in main


def _sources(map_name: str) -> dict[str, str]:
    [path] = (_material() / "assets" / "javascripts").glob(map_name)
    data = json.loads(path.read_text("utf-8"))
    return dict(zip(data["sources"], data["sourcesContent"], strict=True))


def test_the_worker_speaks_materials_search_protocol() -> None:
    """seedsite-search-worker.js answers Material's search box: the message types, the shape
    of a result and the config key naming the worker, read from Material's own sources (the
    source maps shipped in the package)."""
    bundle = _sources("bundle.*.min.js.map")
    [message] = [s for n, s in bundle.items() if n.endswith("search/worker/message/index.ts")]
    enum = re.search(r"enum SearchMessageType \{(.*?)\}", message, re.S)
    assert enum is not None
    names = re.findall(r"^\s*([A-Z]+),?", enum.group(1), re.M)
    assert names == ["SETUP", "READY", "QUERY", "RESULT"]
    worker = WORKER.read_text("utf-8")
    assert "const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3" in worker
    assert any("setupSearchWorker(config.search" in s for s in bundle.values())
    search = _sources("workers/search.*.min.js.map")
    [types] = [s for n, s in search.items() if n.endswith("integrations/search/_/index.ts")]
    item = re.search(r"interface SearchItem\s+extends SearchDocument\s*\{(.*?)\}", types, re.S)
    result = re.search(r"interface SearchResult \{(.*?)\}", types, re.S)
    assert item is not None and result is not None
    assert re.findall(r"^\s*(\w+)\??:", item.group(1), re.M) == ["score", "terms"]
    assert re.findall(r"^\s*(\w+)\??:", result.group(1), re.M) == ["items", "suggest"]
    [config] = [s for n, s in search.items() if n.endswith("integrations/search/config/index.ts")]
    document = re.search(r"interface SearchDocument \{(.*?)\}", config, re.S)
    assert document is not None
    assert re.findall(r"^\s*(\w+)\??:", document.group(1), re.M)[:3] == [
        "location",
        "title",
        "text",
    ]


# --- Pagefind -------------------------------------------------------------------------------


def _raw_bundle(out: Path, pages: dict[str, str]) -> None:
    service = compat.PagefindService()
    try:
        service.send({"type": "NewIndex", "config": {"force_language": "en"}})
        service.flush()
        index_id = service.receive()["index_id"]
        for url, text in pages.items():
            html = f"<html lang='en'><body><main data-pagefind-body><h1>{text}</h1></main></body>"
            service.send(
                {
                    "type": "AddFile",
                    "index_id": index_id,
                    "url": url,
                    "file_contents": html,
                    "file_path": None,
                }
            )
        service.flush()
        for _ in pages:
            service.receive()
        service.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(out)})
        service.flush()
        service.receive()
        compat.wait_for_bundle(out)
    finally:
        service.close()


def test_pagefind_service_protocol_entry_file_and_bundle_names(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    _raw_bundle(out, {"/a/": "Rivers rise", "/b/": "Mountains grow"})
    assert compat.entry_pages(out) == 2
    names = {p.name for p in out.iterdir() if p.is_file()}
    # Every file the site drops is one Pagefind writes (a renamed UI would be kept silently),
    # and what is left is what the browser loads.
    assert names >= compat.PAGEFIND_UNUSED_FILES
    kept = {
        n for n in names - compat.PAGEFIND_UNUSED_FILES if n.endswith(compat.PAGEFIND_KEEP_SUFFIXES)
    }
    assert {"pagefind.js", compat.PAGEFIND_ENTRY} <= kept
    assert any(n.endswith(".pagefind") for n in kept) and any(n.endswith(".pf_meta") for n in kept)
    assert {p.name for p in out.iterdir() if p.is_dir()} >= {"index", "fragment"}
    # What a whole bundle has, read from its entry file; a file cut short is noticed.
    assert compat.missing_files(out) == []
    (out / "wasm.unknown.pagefind").write_bytes(b"")
    (out / "pagefind.js").unlink()
    assert compat.missing_files(out) == ["pagefind.js", "wasm.unknown.pagefind"]


def test_pagefind_service_errors_are_raised(tmp_path: Path) -> None:
    service = compat.PagefindService()
    try:
        service.send({"type": "AddFile", "index_id": 999, "url": "/x/", "file_contents": "x"})
        service.flush()
        with pytest.raises(compat.PagefindError, match="pagefind: "):
            service.receive()
    finally:
        service.close()
    assert compat.entry_pages(tmp_path) is None  # no entry file yet
    assert compat.missing_files(tmp_path) is None
