"""render: seed text survives Markdown, the site's extensions, YAML and templates as plain text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.config import load_config
from seedsite.model import Article, Metadata
from seedsite.plugin.compat import read_front_matter as get_data
from seedsite.render import (
    body_html,
    dump_front_matter,
    escape_for_templates,
    escape_markdown,
    render_article,
    render_body,
)

ROOT = Path(__file__).resolve().parents[1]

# Extensions a hostile config could add on top of the site's: the escaping must hold even then.
EXTRA_EXTENSIONS = [
    "abbr",
    "footnotes",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.critic",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.tasklist",
    "pymdownx.tilde",
]


@pytest.fixture(scope="module")
def site_md() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions mkdocs.yml enables."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


@pytest.fixture(scope="module")
def hostile_md() -> markdown.Markdown:
    """The site's extensions plus every risky one; snippets may read the repository root."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    configs = dict(config.mdx_configs)
    configs["pymdownx.snippets"] = {"base_path": [str(ROOT)]}
    return markdown.Markdown(
        extensions=[*config.markdown_extensions, *EXTRA_EXTENSIONS], extension_configs=configs
    )


class _Text(HTMLParser):
    """Visible text and element names of an HTML fragment (character references resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def _render(md: markdown.Markdown, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    md.reset()
    html = md.convert(render_body(paragraphs))
    paras, tags = [], []
    for block in html.split("\n"):
        if not block:
            continue
        parser = _Text()
        parser.feed(block)
        paras.append("".join(parser.text))
        tags.extend(parser.tags)
    return paras, tags


TRICKY = [
    "#YouAreBots at the start of a line",  # heading
    "1984. The year the book is named after",  # ordered list
    "- not a list item",
    "> not a quote",
    "---",  # horizontal rule, or a front-matter fence
    "***",
    "a | b | c",  # table row
    "    four spaces make a code block",
    "\tA tab (expanded to spaces by Python-Markdown)",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '--8<-- "mkdocs.yml"',  # snippets: would include a repository file
    "--8<-- mkdocs.yml",
    "{: onclick=alert(1) }",  # attr_list
    "Trailing attr list {: .evil }",
    ":fire: :smile:",  # emoji
    "$5-$10 and $x^2$",  # arithmatex
    r"\(x\) and \[y\]",
    "{++ added ++} {-- removed --} {~~ a ~> b ~~}",  # critic
    "C:\\new\\table",  # backslash escapes
    "*[HTML]: Hyper Text",  # abbr definition
    "[^1] and [^1]: note",  # footnotes
    "==mark== ^^ins^^ ~~del~~ ++ctrl+alt++",
    "https://example.com www.example.com @user #123 user/repo#1",  # magiclink
    "(c) (tm) --> 1/2 +/-",  # smartsymbols
    "&amp; &lt; &#x41; &copy;",  # entities stay literal
    "**bold** __b__ _i_ `code`",
    "<!-- comment -->",
    "![image](x.png)",
    "[ ] not a task",
    "!!! note not an admonition",
    "??? not details",
    ": not a definition (def_list needs a term line above)",
    "a\u2028b\u2029c",  # line and paragraph separators
    "Persian with ZWNJ: می\u200cخواهم",
    "Trailing two spaces  ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_renders_as_itself(site_md: markdown.Markdown, text: str) -> None:
    paras, tags = _render(site_md, [text])
    assert paras == [text]
    assert tags == ["p"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_survives_hostile_extensions(hostile_md: markdown.Markdown, text: str) -> None:
    paras, tags = _render(hostile_md, [text])
    assert paras == [text]
    assert tags == ["p"]


def test_snippet_line_does_not_pull_in_a_repository_file(hostile_md: markdown.Markdown) -> None:
    hostile_md.reset()
    html = hostile_md.convert(render_body(['--8<-- "mkdocs.yml"']))
    assert "site_name" not in html


# Text as decode() lets it through: no controls but tab; newlines split paragraphs upstream.
_seed_text = (
    st.text(
        st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\u202a\u202b\u202c\u202d\u202e"
        )
        | st.sampled_from("\t#>-*_`[](){}<>!|:$\\&;=+~^%@/."),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_seed_text, min_size=1, max_size=4))
def test_any_text_renders_to_itself(site_md: markdown.Markdown, paragraphs: list[str]) -> None:
    paras, tags = _render(site_md, paragraphs)
    assert paras == paragraphs
    assert set(tags) == {"p"}


@settings(max_examples=300, deadline=None)
@given(st.lists(_seed_text, max_size=4))
def test_body_set_aside_from_markdown_is_the_html_markdown_makes(
    site_md: markdown.Markdown, paragraphs: list[str]
) -> None:
    """The hook skips Markdown for the bodies render_body writes: the page must not change."""
    site_md.reset()
    body = render_body(paragraphs)
    assert body_html(body) == site_md.convert(body)


@pytest.mark.parametrize(
    "markdown_text",
    ["Some *Markdown*\n", "<p>a</p>\n\n<script>x</script>\n\n", "<p>a\nb</p>\n\n", "<p>a</p>"],
)
def test_any_other_body_goes_through_markdown(markdown_text: str) -> None:
    assert body_html(markdown_text) is None


def _meta(**kw: object) -> Metadata:
    fields: dict[str, object] = {"source": "001_abc.txt", "sha256": "0" * 64, "slug": "a-title"}
    fields.update(kw)
    return Metadata(**fields)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.lists(st.text(max_size=20), max_size=3))
def test_front_matter_reads_back_through_mkdocs(title: str, tags: list[str]) -> None:
    data = {"title": title, "tags": tags, "words": 3}
    text = dump_front_matter(data, "x.txt", verify=True)  # raises if a value would not survive
    body, parsed = get_data(text + "\nbody\n")
    assert parsed == data
    assert body.strip() == "body"


# Front-matter values as the pages hold them: text, numbers, flags, lists and nested mappings.
_front_values = st.recursive(
    st.text(max_size=20) | st.integers() | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _front_values, max_size=4))
def test_front_matter_is_what_the_plain_safe_dumper_writes(data: dict[str, object]) -> None:
    # The dumper's short way for strings must not change a byte of any page.
    plain = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    assert dump_front_matter(data, "x.txt") == f"---\n{plain}---\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(_seed_text, min_size=1, max_size=3), _seed_text)
def test_article_page_parses_back(paragraphs: list[str], title: str) -> None:
    article = Article(_meta(title=title, tags=("Tag",)), tuple(paragraphs))
    body, meta = get_data(render_article(article))
    assert meta["title"] == title
    assert meta["source"] == "001_abc.txt"
    assert body.strip() == render_body(paragraphs).strip()


def test_article_page_is_deterministic() -> None:
    article = Article(_meta(title="T", date="2018-09-19", tags=("A", "B")), ("One.", "Two."))
    assert render_article(article) == render_article(article)


def test_front_matter_has_no_empty_fields() -> None:
    _, meta = get_data(render_article(Article(_meta(title="T"), ("Body.",))))
    assert "date" not in meta and "byline" not in meta
    assert meta["seedsite"]["seed_url"] == "seeds/001_abc.txt"


def test_untitled_article_gets_a_visible_title() -> None:
    _, meta = get_data(render_article(Article(_meta(), ("Body.",))))
    assert meta["title"] == "Untitled (001_abc.txt)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('" onmouseover="x', "&quot; onmouseover=&quot;x"),  # attribute breakout
        ("&lt;/title&gt;", "&amp;lt;/title&amp;gt;"),  # entities stay literal text
        ("plain", "plain"),
    ],
)
def test_template_values_are_escaped_once(value: str, shown: str) -> None:
    escaped = escape_for_templates(value)
    assert isinstance(escaped, Markup)
    assert str(escaped) == shown
    # Jinja's `| e` on an escaped value must not escape it a second time.
    assert str(Markup.escape(escaped)) == shown


def test_template_values_nested() -> None:
    meta = {"tags": ["<b>"], "seedsite": {"older": {"title": "<i>"}}, "words": 3, "x": None}
    escaped = escape_for_templates(meta)
    assert escaped["tags"] == ["&lt;b&gt;"]
    assert escaped["seedsite"]["older"]["title"] == "&lt;i&gt;"
    assert escaped["words"] == 3 and escaped["x"] is None


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("", ""),
        ("  lead", "&#32;&#32;lead"),  # leading spaces would indent into a code block
        ("a.b", "a&#46;b"),
    ],
)
def test_escape_markdown_table(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_the_site_keys_of_every_article_page_read_back_as_written() -> None:
    # Dumped once at import, unchecked there (the check needs MkDocs, which the build script
    # does not otherwise import): MkDocs' own parser must read them back as they were.
    from seedsite.plugin.compat import read_front_matter
    from seedsite.render import _ARTICLE_SITE, _ARTICLE_SITE_YAML

    _, parsed = read_front_matter(f"---\n{_ARTICLE_SITE_YAML}---\n\n")
    assert parsed == _ARTICLE_SITE
