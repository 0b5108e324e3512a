"""Turn articles into Markdown page text: one escaping function per output syntax.

Seed text is untrusted web text. It must reach the reader exactly as written and never be
interpreted as Markdown, HTML, YAML, snippet includes, emoji, math or links. Two syntaxes
carry it here:

* the Markdown body and the listing pages: ``escape_markdown``;
* the YAML front matter: ``dump_front_matter`` (PyYAML's safe dumper; the property tests read
  random values back through MkDocs' own parser to prove every value survives).

The HTML templates get their values escaped by ``escape_for_templates`` (called from the
plugin), because MkDocs' Jinja environment does not auto-escape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import yaml
from markupsafe import Markup

from .model import Article, Metadata, SeedError, printable
from .urls import seed_url, tag_url

GENERATOR = "seedsite"
"""Value of the ``generator`` front-matter key that marks a page as build output."""

# Every ASCII punctuation character becomes a numeric character reference. Python-Markdown and
# the pymdownx extensions only ever trigger on ASCII punctuation (`#` headings, `1.` lists, `>`
# quotes, `|` tables, `[x](y)` links, `<script>` HTML, `--8<--` snippets, `{: }` attr_list,
# `:fire:` emoji, `$x$` math, `{++ ++}` critic, `==mark==`, `~~del~~`, `^^ins^^`, `\` escapes,
# `&` entities), and a character reference is passed through to the HTML untouched, where the
# browser shows the character itself. Letters, digits and non-ASCII text stay readable.
_MARKDOWN_ESCAPES: dict[int, str] = {
    ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
}
# Python-Markdown expands tabs to spaces before parsing (and four leading spaces make a code
# block), so a tab would not survive as itself.
_MARKDOWN_ESCAPES[ord("\t")] = "&#9;"
# Line and paragraph separators: some extensions split on str.splitlines(), which breaks at
# these, and a broken line could start a block construct.
_MARKDOWN_ESCAPES[0x2028] = "&#8232;"
_MARKDOWN_ESCAPES[0x2029] = "&#8233;"


_ESCAPE_BY_CHAR = {chr(code): ref for code, ref in _MARKDOWN_ESCAPES.items()}
# One regex pass with a lookup is ~6x faster than str.translate with multi-character targets.
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPE_BY_CHAR)) + "]")


def escape_markdown(text: str) -> str:
    """Escape one line of text so Markdown renders it as exactly that text, nothing more."""
    if not text:
        return text
    escaped = _MARKDOWN_SPECIAL.sub(lambda m: _ESCAPE_BY_CHAR[m[0]], text)
    # Leading and trailing spaces: four leading spaces would make a code block and two trailing
    # spaces a line break; as character references they are plain text.
    stripped = escaped.lstrip(" ")
    if len(stripped) != len(escaped):
        escaped = "&#32;" * (len(escaped) - len(stripped)) + stripped
    stripped = escaped.rstrip(" ")
    if len(stripped) != len(escaped):
        escaped = stripped + "&#32;" * (len(escaped) - len(stripped))
    return escaped


def escape_html(text: str) -> str:
    """Escape text for an HTML element or a double- or single-quoted attribute."""
    return html.escape(text, quote=True)


def escape_for_templates(value: Any) -> Any:
    """Escape a front-matter value for MkDocs templates, which print values without escaping.

    Strings become ``Markup`` holding the escaped text: printed raw they show the text exactly,
    and Jinja's ``| e`` filter leaves them alone instead of escaping twice. Lists and mappings
    are escaped item by item; numbers, booleans and ``None`` pass through.
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return Markup(escape_html(value))
    if isinstance(value, list | tuple):
        return [escape_for_templates(v) for v in value]
    if isinstance(value, Mapping):
        return {k: escape_for_templates(v) for k, v in value.items()}
    return value


# The C dumper is PyYAML's safe dumper compiled (same representers, same safe subset); fall back
# to the pure-Python one where libyaml is missing. Output is deterministic either way.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_STR_TAG = "tag:yaml.org,2002:str"


class _FrontMatterDumper(_SafeDumper):  # type: ignore[misc,valid-type]  # (chosen at import)
    """The safe dumper, with a short way for strings, which are most front-matter values.

    For each value the representer checks whether it may be aliased and looks its type up in
    the class's tables, a cost per value in Python around the C emitter. For a string both
    answers are known (never aliased, always a plain ``str`` node); every other value takes the
    general way, so the output is the same bytes.
    """

    def represent_data(self, data: Any) -> yaml.Node:
        if type(data) is str:
            # What SafeRepresenter.represent_str makes of it (a str is never aliased).
            return yaml.ScalarNode(_STR_TAG, data, style=self.default_style)
        node: yaml.Node = super().represent_data(data)
        return node


def dump_front_matter(data: Mapping[str, Any], source: str, verify: bool = False) -> str:
    """YAML front matter (with ``---`` fences) that MkDocs reads back as exactly ``data``.

    With ``verify``, it is read back through MkDocs' own parser, and a value that would not
    survive raises ``SeedError`` naming the seed and the field. Pages skip that (reading the
    YAML back was a third of the build script's time per seed): the safe dumper's round trip
    is proven by the property tests, which feed random text through MkDocs' parser.
    """
    body = yaml.dump(
        dict(data),
        Dumper=_FrontMatterDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        # No folding: a folded long title would still load back the same, but one value per
        # line keeps diffs of generated pages readable.
        width=1_000_000,
    )
    text = f"---\n{body}---\n"
    if not verify:
        return text
    # (Imported here: MkDocs is needed only to verify, and the build script never does.)
    from .plugin.compat import read_front_matter

    _, parsed = read_front_matter(text + "\n")
    if parsed != dict(data):
        for key, value in data.items():
            if parsed.get(key) != value:
                raise SeedError(
                    source, f"front matter field {key!r} does not survive YAML: {value!r}"
                )
        raise SeedError(source, "front matter does not survive YAML")
    return text


def front_matter(meta: Metadata) -> dict[str, Any]:
    """The front-matter mapping of an article page, keys in a fixed order, ``None`` left out."""
    data: dict[str, Any] = {
        "title": display_title(meta),
        "kicker": meta.kicker,
        "date": meta.date,
        "date_line": meta.date_line,
        "updated": meta.updated,
        "dateline": meta.dateline,
        "byline": meta.byline,
        "author": meta.author,
        "image_caption": meta.image_caption,
        "description": meta.description,
        "lang": meta.lang,
        "words": meta.words,
        "reading_time": meta.reading_time,
        "tags": list(meta.tags) or None,
        "source": meta.source,
        "sha256": meta.sha256,
        "slug": meta.slug,
    }
    return {k: v for k, v in data.items() if v is not None}


def render_body(paragraphs: tuple[str, ...] | list[str]) -> str:
    """The article body: one raw-HTML ``<p>`` block per paragraph, separated by blank lines.

    Raw HTML blocks pass through Python-Markdown untouched, so no inline pattern runs over the
    text (with every punctuation mark a character reference, inline processing made Markdown
    the slowest part of the site build: 6 ms a page). The text inside is escaped all the same,
    so the preprocessors that run before HTML blocks are set aside (snippets, critic) find
    nothing to act on either.
    """
    return "".join(f"<p>{escape_markdown(p)}</p>\n\n" for p in paragraphs)


_RENDERED_BODY = re.compile(r"(?:<p>[^<>\r\n]*</p>\n\n)*")


def body_html(markdown: str) -> str | None:
    """The HTML Python-Markdown makes of a page body that ``render_body`` wrote, made without
    it: raw HTML blocks pass through, joined by blank lines. None for any other Markdown.

    Parsing 10,000 bodies of raw HTML (md_in_html reads every block with html.parser) was a
    third of the site build; the plugin hands these bodies around Markdown instead.
    """
    if not _RENDERED_BODY.fullmatch(markdown):
        return None
    return markdown.strip("\n")


def render_article(article: Article) -> str:
    """The whole Markdown page of one article: front matter, then the body alone.

    The page depends on this article only (links to the newer and older articles are added
    when the site is rendered), so it can be made in a worker process and cached.
    """
    meta = article.meta
    data = front_matter(meta)
    # Links the template shows; ``seedsite.generator`` marks the file as build output.
    data["seedsite"] = {
        "generator": GENERATOR,
        "seed_url": seed_url(meta.source),
        "tags": [{"name": t, "url": tag_url(t)} for t in meta.tags],
    }
    head = dump_front_matter(data, meta.source)
    # Both parts are top-level block mappings with distinct keys, so one follows the other.
    return head[: -len("---\n")] + _ARTICLE_SITE_YAML + "---\n\n" + render_body(article.paragraphs)


# Keys for the site, not metadata, the same on every article page: the article template,
# Material's page options (articles are searched through the Pagefind index, not Material's).
# Dumped once: YAML is the slowest part of rendering a page (test_render reads it back).
_ARTICLE_SITE = {
    "template": "article.html",
    "hide": ["navigation", "toc"],
    "search": {"exclude": True},
}
_ARTICLE_SITE_YAML = dump_front_matter(_ARTICLE_SITE, "render.py")[len("---\n") : -len("---\n")]


def shown_file_name(name: str) -> Markup:
    """A seed's file name for a page (already escaped for HTML by ``escape_for_templates``):
    characters that do not print escaped (``printable``), isolated in ``<bdi>`` so a name in
    Persian or Hebrew does not reorder the text around it. U+202E in ``100_<U+202E>gnp.txt``
    showed it as ``100_txt.png``."""
    escaped = name if isinstance(name, Markup) else escape_html(name)
    return Markup(f"<bdi>{printable(str(escaped))}</bdi>")


def display_title(meta: Metadata) -> str:
    """The title to show: the headline, or the seed's name when there is none."""
    return meta.title or f"Untitled ({printable(meta.source)})"
