"""What a reader does, in a real browser: find the article, search for it, read it.

The site is the one ``built_site`` builds (this repository's seeds, ``mkdocs build --strict``,
served under a subpath on 127.0.0.1). Only Material's own UI is used for search (its input,
result items and ``<mark>``), whatever engine answers behind it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import SUBPATH, BuiltSite, Reader

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

# The real seed, seeds/000_1682d531997dcce0.txt, as a reader sees it after cleaning.
TITLE = "Tehran’s online propaganda against the Iranian opposition backfires"
DATE = "2018-09-19"
BYLINE = "Analysis by PMOI/MEK"
# The seed repeats this caption on two lines; the page shows it once. The same words also run
# inside a body sentence ("the Iranian regime’s foreign minister, Javad Zarif, shared ..."), so
# it is counted as a line of its own, not as a substring.
CAPTION = "Iranian regime’s foreign minister, Javad Zarif"
QUERY = "Zarif"
# Impacts axe ranks as minor, moderate, serious, critical: the last two fail the build.
BLOCKING_IMPACTS = {"serious", "critical"}


def expect(target: Any) -> Any:
    """playwright's ``expect``, imported late so this module loads without playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


class _H1(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "h1" and self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data


def article_url(site: BuiltSite, title: str = TITLE) -> str:
    """The URL of the built page whose first heading is ``title``."""
    for page in sorted(site.root.rglob("index.html")):
        heading = _H1()
        heading.feed(page.read_text("utf-8"))
        if heading.text.strip() == title:
            return site.url + page.parent.relative_to(site.root).as_posix() + "/"
    raise AssertionError(f"no page in {site.root} has the heading {title!r}")


def open_search(page: Page, query: str) -> Locator:
    """Type ``query`` into Material's search box; returns the result item for the article."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    item = page.locator(".md-search-result__item", has_text=TITLE)
    expect(item.first).to_be_visible()
    return item.first


def assert_reads_as_the_article(page: Page) -> None:
    """Title, date, byline and caption (once), as the page shows them."""
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    date = page.locator(f'time[datetime="{DATE}"]')
    expect(date.first).to_be_visible()
    # Some human form of the date: the year shows, the ISO string need not.
    expect(date.first).to_contain_text("2018")
    expect(page.get_by_text(BYLINE, exact=False).first).to_be_visible()
    article = page.locator("article").first.inner_text()
    caption_lines = [line for line in article.splitlines() if line.strip().endswith(CAPTION)]
    assert len(caption_lines) == 1, f"the caption shows {len(caption_lines)} times: {caption_lines}"


def test_home_page_lists_the_article_and_opens_it(reader: Reader, served_site: BuiltSite) -> None:
    page = reader.page
    page.goto(served_site.url)
    # Not exact: a listing may put the date or an excerpt inside the same link.
    link = page.get_by_role("link", name=TITLE).first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state("load")
    assert page.url == article_url(served_site)
    assert_reads_as_the_article(page)
    reader.assert_clean()


def test_article_page_shows_title_date_byline_and_caption(
    reader: Reader, served_site: BuiltSite
) -> None:
    reader.page.goto(article_url(served_site))
    assert_reads_as_the_article(reader.page)
    reader.assert_clean()


def test_search_finds_the_article_highlights_the_match_and_opens_it(
    reader: Reader, served_site: BuiltSite
) -> None:
    page = reader.page
    page.goto(served_site.url)
    item = open_search(page, QUERY)
    mark = item.locator("mark").first
    expect(mark).to_be_visible()
    expect(mark).to_have_text(re.compile(QUERY, re.IGNORECASE))
    item.locator("a").first.click()
    page.wait_for_load_state("load")
    # Material may add the query (?h=zarif) or an anchor to the article's address.
    assert page.url.split("?")[0].split("#")[0] == article_url(served_site)
    assert_reads_as_the_article(page)
    reader.assert_clean()


def test_everything_comes_from_the_site_itself(reader: Reader, served_site: BuiltSite) -> None:
    """Fonts, scripts, styles, icons and the search index: all from under the site's subpath."""
    page = reader.page
    page.goto(served_site.url)
    open_search(page, QUERY)
    page.goto(article_url(served_site))
    page.wait_for_load_state("networkidle")
    prefix = served_site.origin + SUBPATH
    elsewhere = [url for url in reader.requests if not url.startswith(("data:", "blob:", prefix))]
    assert elsewhere == []
    # The page did load its own styles and scripts (the check above is not vacuous).
    assert any(url.endswith(".css") for url in reader.requests)
    assert any(url.endswith(".js") for url in reader.requests)
    reader.assert_clean()


def test_reading_a_page_does_not_download_the_sitemap(
    reader: Reader, served_site: BuiltSite
) -> None:
    """The sitemap is for crawlers: Material fetches it for every <link rel="alternate">, which
    at 10,000 articles put 1.8 MB of XML on every page load (the feeds are announced otherwise)."""
    page = reader.page
    page.goto(article_url(served_site))
    page.wait_for_load_state("networkidle")
    assert [url for url in reader.requests if url.endswith("sitemap.xml")] == []
    # The feeds are still announced, with "alternate" among the link's rel words.
    feeds = page.locator('link[type="application/rss+xml"], link[type="application/json"]')
    assert feeds.count() >= 2
    for i in range(feeds.count()):
        assert "alternate" in (feeds.nth(i).get_attribute("rel") or "").split()
    reader.assert_clean()


def _axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            # axe's own words for the first failed check, e.g. the measured contrast ratio.
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            why = checks[0]["message"] if checks else ""
            lines.append(f"    {', '.join(map(str, node['target']))}: {why}")
    return "\n".join(lines)


@pytest.mark.parametrize("state", ["home", "article", "search-open"])
def test_no_serious_accessibility_violations(
    reader: Reader, served_site: BuiltSite, state: str
) -> None:
    """axe-core, shipped inside the axe-playwright-python wheel, injected into the page."""
    from axe_playwright_python.sync_playwright import Axe

    page = reader.page
    if state == "article":
        page.goto(article_url(served_site))
    else:
        page.goto(served_site.url)
    if state == "search-open":
        open_search(page, QUERY)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], "axe found serious or critical violations:\n" + _axe_report(blocking)


def test_axe_is_vendored_in_the_package() -> None:
    """Nothing downloads at test time: axe.min.js is a file inside the installed wheel."""
    axe = pytest.importorskip("axe_playwright_python")
    script = Path(axe.__file__).parent / "axe.min.js"
    assert script.is_file() and script.stat().st_size > 100_000
    assert re.search(r"axe v\d+\.\d+\.\d+", script.read_text("utf-8")[:200])
