"""On a phone: every kind of page keeps Material's side margins, in the light and dark scheme.

The custom templates once centred articles and listings with bare auto margins, which are 0 at
390 px: the headline and paragraphs touched the screen's edge, while the About page (Material's
own layout) kept 16 px. The site is the one ``served_site`` serves (this repository's seeds).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import BuiltSite

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
"""A common phone's viewport in CSS pixels (iPhone 12 to 15)."""
MIN_MARGIN = 12
"""The least side margin in CSS pixels; Material's own is 0.8rem, 16 px."""
SCHEME = {"light": "default", "dark": "slate"}
"""The reader's preferred scheme -> the Material palette mkdocs.yml picks for it."""

# Where the content box sits, and how far its text reaches: a child wider than the box (a long
# hash, a grid of links) would put text at the edge though the box keeps its margin. Text, not
# boxes, and not text that scrolls: Material runs code blocks and tables edge to edge on phones
# as sideways scroll areas (margin -0.8rem), which is its own phone layout, not a lost margin.
_MEASURE = """() => {
  const box = document.querySelector(".md-content__inner");
  const scrolls = (node) => {
    for (let e = node.parentElement; e && e !== box; e = e.parentElement)
      if (getComputedStyle(e).overflowX !== "visible") return true;
    return false;
  };
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const seen = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || scrolls(node)) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) seen.push(r);
  }
  const r = box.getBoundingClientRect();
  return {
    box: [r.left, innerWidth - r.right],
    text: [
      Math.min(...seen.map((s) => s.left)),
      innerWidth - Math.max(...seen.map((s) => s.right)),
    ],
    lines: seen.length,
    scroll: document.documentElement.scrollWidth - innerWidth,
    scheme: document.body.getAttribute("data-md-color-scheme"),
  };
}"""


def _first(site: BuiltSite, pattern: str) -> str:
    """The URL of the first built page whose folder matches ``pattern`` (a glob under the site)."""
    pages = sorted(site.root.glob(pattern + "/index.html"))
    assert pages, f"no page matches {pattern} in {site.root}"
    return pages[0].parent.relative_to(site.root).as_posix() + "/"


def page_kinds(site: BuiltSite) -> dict[str, str]:
    """One URL (relative to the site) per kind of page a reader meets."""
    return {
        "article": _first(site, "articles/*"),
        "home": "",
        "archive": "archive/",
        "archive month": _first(site, "archive/[0-9]*/[0-9]*"),
        "tags": "tags/",
        "tag": _first(site, "tags/*"),
        "about": "about/",
    }


@pytest.fixture(params=sorted(SCHEME))
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str]]:
    """A fresh 390 px page preferring the light or the dark scheme; yields (page, scheme)."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        color_scheme=request.param,
        service_workers="block",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page, request.param
    context.close()


def test_every_page_kind_keeps_its_side_margins(
    phone: tuple[Page, str], served_site: BuiltSite
) -> None:
    page, scheme = phone
    narrow = {}
    for kind, path in page_kinds(served_site).items():
        response = page.goto(served_site.url + path)
        assert response is not None and response.ok, f"{kind}: {path} did not load"
        seen = page.evaluate(_MEASURE)
        # The scheme asked for is the one shown (else "dark" would measure the light page).
        assert seen["scheme"] == SCHEME[scheme], f"{kind}: scheme {seen['scheme']}"
        assert seen["lines"] > 0, f"{kind}: no text measured"
        if min(seen["box"] + seen["text"]) < MIN_MARGIN or seen["scroll"] > 0:
            narrow[kind] = seen
    assert narrow == {}, f"at {PHONE['width']} px ({scheme}), closer than {MIN_MARGIN} px: {narrow}"
