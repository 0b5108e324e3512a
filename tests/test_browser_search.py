"""Search in any language, in a real browser: a site of Persian, French, Chinese and English
articles (``tests/fixtures/search/``), built with ``mkdocs build --strict`` and searched through
Material's own search box, as a reader does.

Each article is indexed in its own language (search.py), so a French query finds another
inflection of the word, a Chinese query finds a word the article never separates with spaces,
and two-letter words ("EU", "G7") are found exactly.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import LOOPBACK, SUBPATH, BuiltSite, Reader, _SiteServer, _SubpathHandler
from test_site import make_project, mkdocs_build

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

SEEDS = Path(__file__).resolve().parent / "fixtures" / "search"
PERSIAN = "خشکسالی زاینده‌رود را دوباره خشک کرد"
FRENCH = "Sécheresse : dans les Pyrénées-Orientales, les réservoirs au plus bas"
CHINESE = "北京遭遇今年最强暴雨 多条地铁线路临时停运"
EU = "EU leaders agree to extend sanctions on Russia for six months"
G7 = "G7 finance ministers back a global minimum tax on large companies"


def expect(target: Any) -> Any:
    """playwright's ``expect``, imported late so this module loads without playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


@pytest.fixture(scope="module")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """This project's site with the fixture seeds only, built and served under the subpath."""
    project = make_project(tmp_path_factory.mktemp("multilingual"), sorted(SEEDS.glob("*.txt")))
    root = tmp_path_factory.mktemp("multilingual-site")
    server = _SiteServer((LOOPBACK, 0), partial(_SubpathHandler, directory=str(root)))
    url = f"http://{LOOPBACK}:{server.server_address[1]}{SUBPATH}"
    mkdocs_build(project, "--site-dir", str(root), env={"SITE_URL": url})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield BuiltSite(root=root, url=url)
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.mark.site
def test_every_language_has_its_own_index(multilingual_site: BuiltSite) -> None:
    bundle = multilingual_site.root / "pagefind"
    manifest = json.loads((bundle / "seedsite.json").read_text("utf-8"))
    # English has two articles: the largest language is the first shard, the others follow
    assert manifest["shards"] == [
        {"path": "", "language": "en"},
        {"path": "s1/", "language": "fa"},
        {"path": "s2/", "language": "fr"},
        {"path": "s3/", "language": "zh"},
    ]
    stemmers = {}
    for shard in manifest["shards"]:
        entry = json.loads((bundle / shard["path"] / "pagefind-entry.json").read_text("utf-8"))
        [(language, index)] = entry["languages"].items()
        assert language == shard["language"]
        stemmers[language] = index["wasm"]
    # Pagefind stems English and French; Persian and Chinese are indexed as whole words
    # (Chinese cut into words by Pagefind's segmenter)
    assert stemmers == {"en": "en", "fr": "fr", "fa": None, "zh": None}


def search(page: Page, query: str) -> Locator:
    """Type ``query`` into Material's search box; returns the result items once they show."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # Material reads the box on keyup, and a character no key types (Persian, Chinese) is
    # inserted without one, as an input method inserts it: a key the reader presses then.
    box.press("End")
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    return items


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "title", "marked"),
    [
        # Persian: no stemmer, whole words; the word is in the headline and the body
        ("خشکسالی", PERSIAN, "خشکسالی"),
        # French stemming: the article says "réservoirs", the reader types the singular
        ("réservoir", FRENCH, "réservoirs"),
        # Chinese has no spaces: Pagefind cut the article into words, the worker the query
        ("气象台", CHINESE, "气象台"),
        ("北京暴雨", CHINESE, "暴雨"),
        # Two letters and a digit: found exactly, not as the start of longer words
        ("EU", EU, "EU"),
        ("G7", G7, "G7"),
        # "an" (a year, in French) is an English stop word: dropped only from English queries
        ("un an", FRENCH, "an"),
    ],
)
def test_a_query_in_any_language_finds_its_article(
    reader: Reader, multilingual_site: BuiltSite, query: str, title: str, marked: str
) -> None:
    page = reader.page
    page.goto(multilingual_site.url)
    items = search(page, query)
    first = items.first
    expect(first.get_by_role("heading").first).to_have_text(title)
    # A mark holds the word as written, with its punctuation ("an,")
    mark = first.locator("mark").filter(has_text=re.compile("^" + re.escape(marked))).first
    expect(mark).to_be_visible()
    reader.assert_clean()


@pytest.mark.browser
def test_a_two_letter_word_is_not_the_start_of_longer_ones(
    reader: Reader, multilingual_site: BuiltSite
) -> None:
    """The G7 article says "euro" but not "EU": searching "EU" leaves it out."""
    page = reader.page
    page.goto(multilingual_site.url)
    items = search(page, "EU")
    expect(items.filter(has_text=EU)).to_have_count(1)
    expect(items.filter(has_text=G7)).to_have_count(0)
    reader.assert_clean()


@pytest.mark.browser
def test_a_persian_result_opens_its_article_with_the_match_highlighted(
    reader: Reader, multilingual_site: BuiltSite
) -> None:
    page = reader.page
    page.goto(multilingual_site.url)
    items = search(page, "زاینده‌رود")
    item = items.filter(has_text=PERSIAN).first
    expect(item.locator("mark").first).to_have_text(re.compile("زاینده‌رود"))
    item.locator("a").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(PERSIAN)
    # Material's search.highlight marks the query's words in the article (from ?h=)
    marked = page.locator("article mark")
    expect(marked.first).to_be_visible()
    assert "زاینده‌رود" in marked.all_inner_texts()[0]
    reader.assert_clean()
