"""Tests of the Pagefind search bundle (search.py) and the search worker that reads it."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from seedsite import search, synth
from seedsite.model import Article, Metadata
from seedsite.search import SearchRecord

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "scripts/seedsite/plugin/theme/assets/javascripts/seedsite-search-worker.js"
EVIL = "<img src=x onerror=alert(1)> Quartzfeld & Co"


def corpus(n: int) -> list[SearchRecord]:
    """``n`` records from synthetic seeds, plus one with a hostile title and a rare word."""
    records = []
    for i in range(n):
        rng = synth.seed_rng(7, i)
        text = synth.make_seed(i, rng)
        body = text.split("\n\n\n")[1]
        records.append(SearchRecord(f"articles/a{i}/", f"Article {i}", body, "2019-01-05"))
    records.append(
        SearchRecord(
            "articles/evil/",
            EVIL,
            "The zyxquartz affair: <script>alert(2)</script> AT&T &lt;b&gt; and more.",
            "2020-02-02",
            "a <b> description",
        )
    )
    return records


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site folder with a three-shard bundle of 25 records and the worker in place."""
    site = tmp_path_factory.mktemp("site")
    stats = search.write_search_index(corpus(24), site, shard_size=10)
    assert stats.records == 25
    (site / "assets/javascripts").mkdir(parents=True)
    shutil.copy(WORKER, site / "assets/javascripts")
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    return site


def test_record_html_escapes_everything() -> None:
    page = search.record_html(corpus(0)[0])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Quartzfeld &amp; Co" in page
    assert "&amp;lt;b&amp;gt;" in page  # an entity in the text stays text
    assert 'data-pagefind-meta="description:a &lt;b&gt; description"' in page


def test_bundle_layout(site: Path) -> None:
    bundle = site / search.BUNDLE
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {
        "version": 2,
        "shards": [{"path": path, "language": "en"} for path in ("", "s1/", "s2/")],
        "records": 25,
    }
    for shard in manifest["shards"]:
        assert (bundle / shard["path"] / "pagefind-entry.json").is_file()
        assert list((bundle / shard["path"] / "fragment").iterdir())
        # Pagefind's own UIs are never loaded: not shipped
        assert not (bundle / shard["path"] / "pagefind-ui.js").exists()
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]


@pytest.mark.parametrize(
    ("code", "index"),
    [
        ("fr", "fr"),
        ("fa", "fa"),  # no stemmer in Pagefind: an index of whole words, still its own
        ("ZH", "zh"),
        (" de ", "de"),
        ("fil", "fil"),  # ISO 639-2/3 codes are codes too
        (None, "en"),  # the language was not detected: the default
        ("", "en"),
        ("pt-BR", "en"),  # not what extract_lang writes; a file name must not carry it
        ("../x", "en"),
    ],
)
def test_index_language(code: str | None, index: str) -> None:
    assert search.index_language(code) == index


@pytest.mark.parametrize("language", ["../../../tmp/x/E", "EN", "", "e" * 40])
def test_the_default_language_is_never_a_path_or_a_long_name(tmp_path: Path, language: str) -> None:
    # Issue 18: Pagefind names files after it; the config refuses such a value, and the
    # indexer refuses it too before Pagefind sees it.
    with pytest.raises(ValueError, match="not a language code"):
        search.build_search_bundle([], tmp_path / "out", language=language)
    assert not (tmp_path / "out").exists()


def test_record_html_names_the_language() -> None:
    page = search.record_html(SearchRecord("articles/x/", "T", "b", language="fa"), "fa")
    assert page.startswith('<!doctype html><html lang="fa">')


def test_a_shard_holds_one_language_and_the_largest_comes_first(tmp_path: Path) -> None:
    records = [
        SearchRecord(
            "articles/fr1/", "Les réservoirs", "Les réservoirs sont vides.", language="fr"
        ),
        SearchRecord("articles/en1/", "Dams", "The dams are empty.", language="en"),
        SearchRecord("articles/fr2/", "La pluie", "La pluie revient.", language="fr"),
        SearchRecord("articles/fr3/", "Le lac", "Le lac baisse.", language="fr"),
        SearchRecord("articles/xx/", "Untold", "A page whose language was not detected."),
    ]
    stats = search.write_search_index(records, tmp_path, shard_size=2)
    assert (stats.records, stats.shards) == (5, 3)
    bundle = tmp_path / "pagefind"
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    # French has three records (two shards of at most 2), English two with the undetected one
    assert manifest["shards"] == [
        {"path": "", "language": "fr"},
        {"path": "s1/", "language": "fr"},
        {"path": "s2/", "language": "en"},
    ]
    for shard, pages in zip(manifest["shards"], (2, 1, 2), strict=True):
        entry = json.loads((bundle / shard["path"] / "pagefind-entry.json").read_text("utf-8"))
        assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == {
            shard["language"]: pages
        }
        # Pagefind stems both: the worker loads each language's stemmer from its first shard
        assert entry["languages"][shard["language"]]["wasm"] == shard["language"]


@pytest.mark.parametrize(
    ("text", "limit", "indexed"),
    [
        ("short text\nstays whole", 100, "short text\nstays whole"),
        ("one two three four", 12, "one two"),  # cut at a word
        ("one\ntwo three", 9, "one\ntwo"),
        ("新闻" * 10, 9, "新闻新"),  # no space: cut at a character, never inside one
        ("é" * 10, 5, "éé"),  # two bytes each
    ],
)
def test_indexed_text_is_bounded_in_bytes(text: str, limit: int, indexed: str) -> None:
    assert search.indexed_text(text.split("\n"), limit) == indexed


def _article(slug: str, paragraphs: tuple[str, ...]) -> Article:
    meta = Metadata(source=f"{slug}.txt", sha256="0" * 64, slug=slug, title=slug.title())
    return Article(meta=meta, paragraphs=paragraphs)


def huge_corpus() -> list[SearchRecord]:
    """A 5 MB article (the largest seed) and eleven ordinary ones, all about the harbour."""
    rng = synth.seed_rng(3, 0)
    words = [f"w{rng.randrange(50_000)}" for _ in range(4000)]

    def paragraph() -> str:
        return " ".join(rng.choice(words) for _ in range(70)) + " harbour."

    huge = ("Quillmarsh opens the harbour report.", *(paragraph() for _ in range(9_000)))
    assert len("\n".join(huge).encode()) > 4_000_000
    articles = [_article("huge", huge)]
    articles += [_article(f"a{i}", tuple(paragraph() for _ in range(8))) for i in range(11)]
    return search.records_from_articles(articles)


def test_a_huge_article_indexes_a_bounded_text() -> None:
    # Issue 18: Pagefind sends a result's whole indexed text; a 5 MB seed was a 2.2 MB download.
    huge, *rest = huge_corpus()
    assert len(huge.text.encode()) <= search.TEXT_MAX_BYTES
    assert huge.text.startswith("Quillmarsh opens the harbour report.\n")
    assert all(len(r.text.encode()) < search.TEXT_MAX_BYTES for r in rest)  # whole


@pytest.fixture(scope="module")
def huge_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("huge") / "site"
    search.write_search_index(huge_corpus(), site)
    (site / "assets/javascripts").mkdir(parents=True)
    shutil.copy(WORKER, site / "assets/javascripts")
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    yield from _serve(site)


@pytest.mark.browser
def test_a_query_downloads_a_few_hundred_kb_when_a_huge_seed_matches(
    huge_server: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(huge_server)
    sizes: dict[str, int] = {}
    page.on(
        "response",
        lambda r: sizes.__setitem__(r.url, int(r.headers.get("content-length", "0"))),
    )
    _, harbour, start = page.evaluate(ASK, [["harbour", "quillmarsh"], []])
    page.close()
    bundle = sum(size for url, size in sizes.items() if "/pagefind/" in url)
    # Pagefind's script and wasm, the index chunks of two words and twelve fragments: 176 KB
    # (2.4 MB when the whole 5 MB article was indexed).
    assert bundle < 400_000, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert len(harbour["data"]["items"]) == 10  # the first ten of twelve; the rest follow
    # The start of the huge article is searchable.
    assert [g[0]["location"] for g in start["data"]["items"]] == ["articles/huge/"]


def test_records_carry_the_language_and_it_changes_the_digest() -> None:
    meta = Metadata(source="101_a.txt", sha256="0" * 64, slug="a", title="T", lang="fa")
    [record] = search.records_from_articles([Article(meta=meta, paragraphs=("text",))])
    assert record.language == "fa"
    english = SearchRecord("articles/a/", "T", "text", language="en")
    other = SearchRecord("articles/a/", "T", "text", language="fr")
    assert search.records_digest([english]) != search.records_digest([other])


def test_rewrite_replaces_the_old_bundle(tmp_path: Path) -> None:
    search.write_search_index(corpus(12), tmp_path, shard_size=5)
    assert (tmp_path / "pagefind/s2").is_dir()
    stats = search.write_search_index(corpus(2), tmp_path, shard_size=5)
    assert stats.shards == 1
    assert not (tmp_path / "pagefind/s1").exists()  # no stale shard left behind


def test_no_records_still_writes_a_bundle(tmp_path: Path) -> None:
    stats = search.write_search_index([], tmp_path)
    assert stats.records == 0 and stats.shards == 1
    assert (tmp_path / "pagefind/pagefind.js").is_file()


def test_background_index(tmp_path: Path) -> None:
    job = search.BackgroundIndex(corpus(3))
    stats = job.install(tmp_path / "site")
    assert stats.records == 4
    assert (tmp_path / "site/pagefind/seedsite.json").is_file()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 under a sub-path, as on GitHub Pages (/REPO/)."""
    yield from _serve(site)


def _serve(site: Path) -> Iterator[str]:
    root = site.parent / "www"
    root.mkdir(exist_ok=True)
    (root / "repo").symlink_to(site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    Handler.extensions_map = {**Handler.extensions_map, ".js": "text/javascript"}
    httpd = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
    httpd.shutdown()
    httpd.server_close()


# Speaks Material's worker protocol the way Material's search box does: SETUP with the
# hand-written pages, then one QUERY per query; collects the first RESULT of each.
ASK = """async ([queries, docs]) => {
  const worker = new Worker("assets/javascripts/seedsite-search-worker.js")
  const next = () => new Promise(resolve =>
    worker.addEventListener("message", ev => resolve(ev.data), { once: true }))
  worker.postMessage({ type: 0, data: { config: { lang: ["en"], separator: "[\\\\s\\\\-]+",
    pipeline: [], fields: {} }, docs, options: { suggest: true } } })
  const ready = await next()
  const out = [ready]
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query })
    out.push(await next())
    await new Promise(resolve => setTimeout(resolve, 300))  // let a second answer pass
  }
  worker.terminate()
  return out
}"""
DOCS = [
    {"location": "", "title": "Home", "text": "<p>Welcome to the archive.</p>"},
    {"location": "about/", "title": "About &amp; us", "text": "<p>We collect zyxquartz.</p>"},
]


@pytest.mark.browser
def test_worker_answers_from_pagefind(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    ready, empty, found, partial, none = page.evaluate(
        ASK, [["", "zyxquartz", "quartzfe", "nothingmatcheshere"], DOCS]
    )
    page.close()
    assert ready == {"type": 1}
    assert empty == {"type": 3, "data": {"items": []}}

    items = found["data"]["items"]
    # The about page's title does not match: the article comes first, then the page
    assert [group[0]["location"] for group in items] == ["articles/evil/", "about/"]
    article = items[0][0]
    # Untrusted title: escaped, never markup (only <mark> is added)
    assert article["title"] == "&lt;img src=x onerror=alert(1)&gt; Quartzfeld &amp; Co"
    assert "<mark>zyxquartz</mark>" in article["text"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in article["text"]
    assert "AT&amp;T &amp;lt;b&amp;gt;" in article["text"]  # text shown exactly as written
    assert article["terms"] == {"zyxquartz": True}  # becomes ?h=zyxquartz on the result link
    assert items[1][0]["title"] == "About &amp; us"
    assert "<mark>zyxquartz.</mark>" in items[1][0]["text"]

    # Prefix search, highlighted title word and a suggestion completing the typed word
    part = partial["data"]
    assert part["items"][0][0]["location"] == "articles/evil/"
    assert "<mark>Quartzfeld</mark>" in part["items"][0][0]["title"]
    assert part["suggest"] == ["quartzfeld"]
    # Pagefind answers an unknown word with shorter words ("not"): the worker drops those
    assert none["data"]["items"] == []


@pytest.mark.browser
def test_every_shard_is_searched(server: str, site: Path, browser: Browser) -> None:
    # "Article 3" is in shard 0, "Article 13" in shard 1, "Article 23" in shard 2
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.split("?")[0]))
    page.goto(server)
    answers = page.evaluate(ASK, [["article 3", "article 13", "article 23"], []])
    page.close()
    # Every shard's entry and metadata were loaded (fetched ahead by the worker), each once
    bundle = [url for url in fetched if "/pagefind/" in url]
    for shard in ("", "s1/", "s2/"):
        assert sum(url.endswith(f"/pagefind/{shard}pagefind-entry.json") for url in bundle) == 1
        meta = re.compile(rf"/pagefind/{shard}pagefind\.[^/]+\.pf_meta$")
        assert sum(bool(meta.search(url)) for url in bundle) == 1, bundle
    assert len(bundle) == len(set(bundle)), bundle
    expected = ["articles/a3/", "articles/a13/", "articles/a23/"]
    for answer, url in zip(answers[1:], expected, strict=True):
        locations = [group[0]["location"] for group in answer["data"]["items"]]
        assert url in locations


def test_indexer_rebuilds_only_on_change_and_reinstalls(tmp_path: Path) -> None:
    indexer = search.SearchIndexer(shard_size=5)
    assert indexer.update(corpus(3))
    assert not indexer.update(corpus(3))  # same records: no new index
    first = indexer.install(tmp_path / "a")
    assert first is not None and first.records == 4
    # A clean rebuild empties the site folder: the same bundle goes in again, no indexing
    stats = indexer.install(tmp_path / "b")
    assert stats is first
    assert (tmp_path / "b/pagefind/seedsite.json").is_file()
    # Serve: a changed record set is indexed in the background; the old bundle serves meanwhile
    assert indexer.update(corpus(7))
    indexer.install(tmp_path / "b", wait=False)
    assert (tmp_path / "b/pagefind/seedsite.json").is_file()
    final = indexer.install(tmp_path / "b")
    assert final is not None and final.records == 8
    manifest = json.loads((tmp_path / "b/pagefind/seedsite.json").read_text(encoding="utf-8"))
    assert manifest["records"] == 8


def test_deferred_update_starts_at_install_and_a_kept_bundle_is_not_relinked(
    tmp_path: Path,
) -> None:
    """Under `mkdocs serve` an edit's records are indexed once its rebuild is done (install);
    a --dirty rebuild that kept the linked bundle leaves it as it is."""
    indexer = search.SearchIndexer(shard_size=5)
    indexer.update(corpus(3))
    indexer.install(tmp_path / "site")
    manifest = tmp_path / "site/pagefind/seedsite.json"
    kept = manifest.stat().st_ino
    indexer.install(tmp_path / "site")
    assert manifest.stat().st_ino == kept  # not replaced
    assert indexer.update(corpus(5), defer=True)
    assert indexer._job is None  # nothing runs before the rebuild is done
    stats = indexer.install(tmp_path / "site")
    assert stats is not None and stats.records == 6
    assert json.loads(manifest.read_text(encoding="utf-8"))["records"] == 6


def test_newer_records_stop_the_indexer_of_older_ones(tmp_path: Path) -> None:
    """Edits in a row under `mkdocs serve`: one Pagefind indexer at a time, for the newest."""
    indexer = search.SearchIndexer(shard_size=2)
    indexer.update(corpus(20))
    old = indexer._job
    assert old is not None
    indexer.update(corpus(21))
    assert old.cancelled.is_set() and indexer._job is not old
    old._thread.join()
    if old._error is not None:  # stopped between shards (or done already: nothing to check)
        assert isinstance(old._error, search.SearchCancelled)
        assert not old._staging.exists()
    stats = indexer.install(tmp_path / "site")
    assert stats is not None and stats.records == 22
