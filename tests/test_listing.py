"""listing: home, archive and tag pages list titles in any script and language."""

from __future__ import annotations

import markdown
from seedsite.listing import archive_pages, home_pages
from seedsite.model import Metadata

FA = Metadata(
    source="fa.txt",
    sha256="0" * 64,
    slug="fa",
    title="کاهش ذخایر سدهای تهران",
    description="ذخایر آب سدهای تهران چهل درصد کاهش یافته است.",
    lang="fa",
    date="2021-09-25",
)
EN = Metadata(source="en.txt", sha256="1" * 64, slug="en", title="Water rules", lang="en")
ODD = Metadata(source="x.txt", sha256="2" * 64, slug="x", title="Odd", lang='en" onclick="x')


def html(page: str) -> str:
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html"])


def test_each_title_and_description_keeps_its_own_direction_and_language() -> None:
    home = html(home_pages([FA, EN])["index.md"])
    assert '<a dir="auto" href="articles/fa.md" lang="fa">کاهش ذخایر سدهای تهران</a>' in home
    assert '<a dir="auto" href="articles/en.md" lang="en">Water rules</a>' in home
    assert '<span dir="auto" lang="fa">ذخایر آب' in home
    month = html(archive_pages([FA, EN])["archive/2021/09.md"])
    assert 'dir="auto"' in month and 'lang="fa"' in month


def test_a_language_that_is_no_code_is_left_out() -> None:
    home = html(home_pages([ODD])["index.md"])
    assert 'dir="auto"' in home and "onclick" not in home and "lang=" not in home
