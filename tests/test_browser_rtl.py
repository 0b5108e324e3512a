"""A Persian article in a real browser: laid out right to left, its Solar Hijri date converted
and shown as written, and listed on the home page beside left-to-right titles."""

from __future__ import annotations

import pytest
from conftest import BuiltSite, Reader
from test_browser_search import PERSIAN, multilingual_site

__all__ = ["multilingual_site"]  # the site of tests/fixtures/search/, shared with the search

pytestmark = [pytest.mark.browser, pytest.mark.site]


def test_a_persian_article_reads_right_to_left_from_the_home_page(
    reader: Reader, multilingual_site: BuiltSite
) -> None:
    page = reader.page
    page.goto(multilingual_site.url)
    link = page.locator(f'a:text-is("{PERSIAN}")')
    # The home page isolates the title in its own direction and language.
    assert link.get_attribute("dir") == "auto" and link.get_attribute("lang") == "fa"
    link.click()
    page.wait_for_url("**/articles/**")

    article = page.locator("article.seedsite-article")
    assert article.get_attribute("lang") == "fa" and article.get_attribute("dir") == "rtl"
    headline = page.locator("h1#title")
    assert headline.inner_text() == PERSIAN
    assert headline.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Right-aligned: the headline's text ends at the article's right edge, not its left.
    box = article.bounding_box()
    text = headline.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    assert box is not None
    left_gap, right_gap = text[0] - box["x"], box["x"] + box["width"] - text[1]
    assert right_gap < 2 < left_gap
    # The Solar Hijri date line is shown as written, with the Gregorian date it converts to.
    when = page.locator(".seedsite-meta time")
    assert when.get_attribute("datetime") == "2023-08-03"
    assert when.inner_text() == "تاریخ انتشار: ۱۲ مرداد ۱۴۰۲ - ۰۹:۴۵"
    reader.assert_clean()
