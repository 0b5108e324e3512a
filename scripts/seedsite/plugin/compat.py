"""Every reach into another package's internals, in one module.

Each use below says what it relies on and the version it was checked against (``CHECKED``, the
pins of requirements.txt); ``tests/test_compat.py`` tries each one against the real installed
package, never a stub that copies its private attributes, so the upgrade that breaks one fails
a test that names it. This module imports nothing of seedsite's: the pipeline (``search.py``,
``render.py``) and the plugin both use it.

Reaches that live in templates and scripts (Jinja and JavaScript cannot import Python); each is
checked against Material's own files by ``tests/test_compat.py``:

- ``theme/partials/seedsite-config.html`` (the plugin's) is the body of Material's ``config``
  block (``material/templates/base.html``) copied, with ``search`` naming seedsite's worker.
- This site's ``docs/templates/partials/search.html`` is Material's ``partials/search.html``
  copied, with an ``aria-label`` on the dialog (axe-core requires one on ``role="dialog"``).
- This site's ``docs/templates/main.html`` edits the output of ``super()`` as a string: in
  ``site_meta``, Material's ``<link rel="alternate" type="application/rss+xml"`` becomes
  ``rel="alternate feed"``; in ``scripts``, ``<script src=`` becomes ``<script defer src=``.
  Its ``extrahead`` names the JSON feed by its default file name, as Material's ``base.html``
  names the RSS ones.
- ``theme/assets/javascripts/seedsite-search-worker.js`` speaks Material's search worker
  protocol (``SearchMessageType``: SETUP=0, READY=1, QUERY=2, RESULT=3; ``SearchIndex`` in,
  ``SearchResult`` of ``SearchItem`` out), started from the URL in ``__config.search``.
"""

from __future__ import annotations

import base64
import html
import json
import re
import subprocess
import time
from collections.abc import Callable, MutableMapping
from email.utils import formatdate
from pathlib import Path
from typing import Any

CHECKED = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "mkdocs-rss-plugin": "1.19.0",
    "pagefind": "1.5.2",
}
"""The versions every reach here was checked against: the pins of requirements.txt."""


# --- MkDocs ------------------------------------------------------------------------------


def request_rebuild(server: Any) -> bool:
    """Ask ``mkdocs serve`` for a rebuild now, as its own file watcher does on a change; return
    whether the request could be made.

    Relies on ``LiveReloadServer._rebuild_cond`` (a ``threading.Condition``) and
    ``_want_rebuild`` (mkdocs 1.6.1, ``livereload/__init__.py``): the watcher's callback sets
    the flag under the condition and wakes the build loop. MkDocs has no public call for it
    (``server.watch`` adds a path to its polling observer, which at 10,000 seeds took seconds
    to notice an edit). Without them MkDocs' own watcher still sees the written pages, later.
    """
    cond = getattr(server, "_rebuild_cond", None)
    if cond is None or not hasattr(server, "_want_rebuild"):
        return False
    with cond:
        server._want_rebuild = True
        cond.notify_all()
    return True


def read_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """A page's Markdown body and front matter, read exactly as MkDocs reads a page's.

    Relies on ``mkdocs.utils.meta.get_data`` (mkdocs 1.6.1), the function ``Page.read_source``
    calls; it is not part of MkDocs' documented API.
    """
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    return body, meta


# --- Material for MkDocs -----------------------------------------------------------------

MATERIAL_SEARCH_INDEX = "search/search_index.json"
"""Where Material's search plugin writes its index in the site (9.8.1,
``plugins/search/plugin.py``, ``on_post_build``); not a documented path."""


# --- mkdocs-rss-plugin -------------------------------------------------------------------


def rss_pages(rss_plugin: Any) -> list[Any] | None:
    """mkdocs-rss-plugin's list of the pages it collected for the feeds; None when it has none.

    Relies on ``GitRssPlugin.pages_to_filter`` (1.19.0): a list made in ``on_startup``, appended
    to by ``on_page_content`` (priority -75) and read by ``on_post_build``. It lives as long as
    the plugin object, which ``mkdocs serve`` keeps: every rebuild appends the pages it renders
    again, so feeds filled up with duplicates (``feeds.dedupe_feed_pages`` trims it).
    """
    pages = getattr(rss_plugin, "pages_to_filter", None)
    return pages if isinstance(pages, list) else None


def rss_page_source(info: Any) -> str | None:
    """The docs-relative source path of one page in ``rss_pages``, or None.

    Relies on ``PageInformation._mkdocs_page_ref`` (1.19.0, a ``MkdocsPageSubset`` with the
    page's ``src_uri``), a private field of the plugin's record.
    """
    uri = getattr(getattr(info, "_mkdocs_page_ref", None), "src_uri", None)
    return uri if isinstance(uri, str) else None


def rss_set_channel_date(rss_plugin: Any, timestamp: int) -> bool:
    """Date both RSS channels (``pubDate``, ``lastBuildDate``) at ``timestamp``, not at the
    clock; return whether the plugin had the feeds to date.

    Relies on ``GitRssPlugin.feed_created`` and ``feed_updated`` (1.19.0, ``RssFeedBase``
    records copied in ``on_config`` and rendered in ``on_post_build``), whose ``pubDate`` and
    ``buildDate`` ``on_config`` sets with ``formatdate(get_build_timestamp())``: the clock,
    or ``SOURCE_DATE_EPOCH`` as it is before the seeds are read (``on_pre_build``), so two
    builds of the same seeds differed.
    """
    feeds: list[Any] = [getattr(rss_plugin, n, None) for n in ("feed_created", "feed_updated")]
    if not all(hasattr(feed, "pubDate") and hasattr(feed, "buildDate") for feed in feeds):
        return False
    when = formatdate(timestamp)
    for feed in feeds:
        feed.pubDate = feed.buildDate = when
    return True


_EMPTY_IMAGE = re.compile(r"<image>\s*<url>None</url>.*?</image>\s*", re.S)


def rss_without_empty_image(xml: str) -> str:
    """An RSS feed without the ``<image><url>None</url>...</image>`` of a site with no feed
    image.

    Relies on mkdocs-rss-plugin's ``rss.xml.jinja2`` (1.19.0): its ``{% if feed.logo_url is
    defined %}`` is always true (the feed is rendered from a dict with every key), so
    ``logo_url = None`` prints as ``None``. Only the channel, before the first ``<item>``, is
    looked at; item text is escaped, so no ``<image>`` of a seed can be there anyway.
    """
    head, sep, items = xml.partition("<item>")
    return _EMPTY_IMAGE.sub("", head, count=1) + sep + items


class PrintsEscaped(str):
    """A string whose ``str()`` is its HTML/XML-escaped text, while its value stays as written.

    mkdocs-rss-plugin 1.19.0 prints a page's ``author`` into the RSS feed without escaping (its
    template's autoescape never switches on for ``rss.xml.jinja2``), so a byline like
    ``<b onmouseover=...>`` would become markup in every feed reader. Jinja prints a value
    through ``str()``, which escapes here, while ``json.dumps`` (the JSON feed) writes the real
    value.
    """

    __slots__ = ()

    def __str__(self) -> str:
        return html.escape(str.__str__(self), quote=True)


def make_feed_safe(meta: MutableMapping[str, Any], escape: Callable[[str], str]) -> None:
    """Hand mkdocs-rss-plugin values that are safe in both feeds, before it collects the page.

    It prints ``author`` into RSS unescaped (``PrintsEscaped``), and writes ``description``
    into the JSON feed's ``content_html``, which readers take as HTML: ``escape`` (the site's
    escaping for templates) makes it text. Relies on the plugin reading both from ``page.meta``
    in its ``on_page_content`` (1.19.0, ``get_authors_from_meta``, ``get_description_or_abstract``).
    """
    author, description = meta.get("author"), meta.get("description")
    if isinstance(author, str):
        meta["author"] = PrintsEscaped(author)
    if isinstance(description, str):
        meta["description"] = escape(description)


# --- Pagefind ----------------------------------------------------------------------------

PAGEFIND_ENTRY = "pagefind-entry.json"
"""The bundle's entry file (1.5.2): ``{"languages": {code: {"page_count": N, ...}}}``."""
PAGEFIND_KEEP_SUFFIXES = (".js", ".json", ".pagefind", ".pf_meta")
"""The bundle files the browser needs (1.5.2): ``pagefind.js``, the wasm module (``.pagefind``),
the entry and metadata files, the index and fragment chunks."""
PAGEFIND_UNUSED_FILES = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
        "pagefind-worker.js",
    }
)
"""Pagefind's own UIs and worker in a bundle (1.5.2, ~500 KB): Material's search box is the UI."""


class PagefindError(Exception):
    """Raised by ``PagefindService`` when the indexer is missing, fails or exits."""


class PagefindService:
    """``pagefind --service`` as a subprocess: pipelined requests, responses read as they come.

    Relies on ``pagefind.service.get_executable`` (1.5.2; the binary ``pagefind[extended]``
    ships, or ``PAGEFIND_BINARY_PATH``) and on the service's wire protocol, which the Python API
    speaks and does not document: each message is base64 JSON ended by a comma,
    ``{"message_id": n, "payload": {...}}`` out, ``{"payload": {"type": ...}}`` back. The
    ``pagefind`` Python API reads one response per 0.1 s, which made 10,000 ``add_*`` calls
    take over 15 minutes.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PagefindError("pagefind: binary not found (install pagefind[extended])")
        self.proc = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._buf = b""
        self._next_id = 0

    def send(self, payload: dict[str, Any]) -> int:
        """Queue one request; return its message id."""
        assert self.proc.stdin is not None
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        self.proc.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._next_id

    def flush(self) -> None:
        """Push queued requests to the service."""
        assert self.proc.stdin is not None
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        """Block until the next response; raise on a service error."""
        assert self.proc.stdout is not None
        while b"," not in self._buf:
            # read1: whatever is there now (read(n) would wait for n bytes)
            chunk = self.proc.stdout.read1(1 << 16)  # type: ignore[attr-defined]
            if not chunk:
                raise PagefindError("pagefind: the indexer exited unexpectedly")
            self._buf += chunk
        raw, self._buf = self._buf.split(b",", 1)
        response: dict[str, Any] = json.loads(base64.b64decode(raw))
        payload: dict[str, Any] = response["payload"]
        if payload.get("type") == "Error":
            raise PagefindError(f"pagefind: {payload.get('message')}")
        return payload

    def close(self) -> None:
        """End the service process, once it has written everything."""
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            # Pagefind may still be writing files after it answered WriteFiles: on a busy
            # machine (MkDocs rendering on both cores) that took over 10 s, and killing it then
            # left an empty pagefind-entry.json, which made search never answer.
            self.proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _entry(bundle: Path) -> dict[str, Any] | None:
    try:
        entry = json.loads((bundle / PAGEFIND_ENTRY).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def entry_pages(bundle: Path) -> int | None:
    """Pages counted by a bundle's ``PAGEFIND_ENTRY``; None while it is missing or partial."""
    try:
        languages = (_entry(bundle) or {})["languages"]
        return sum(int(lang["page_count"]) for lang in languages.values())
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def missing_files(bundle: Path) -> list[str] | None:
    """The files a whole bundle has beside its entry file that are missing or empty; None while
    the entry file is missing or partial.

    Relies on Pagefind 1.5.2's layout: ``pagefind.js`` and ``wasm.unknown.pagefind``, and for
    each language of the entry file ``pagefind.<hash>.pf_meta`` and, when Pagefind has a
    stemmer for it (``"wasm"`` not null), ``wasm.<wasm>.pagefind``.
    """
    entry = _entry(bundle)
    if entry is None or entry_pages(bundle) is None:
        return None
    names = ["pagefind.js", "wasm.unknown.pagefind"]
    for language in entry["languages"].values():
        names.append(f"pagefind.{language['hash']}.pf_meta")
        if language.get("wasm"):
            names.append(f"wasm.{language['wasm']}.pagefind")
    missing = []
    for name in names:
        try:
            if (bundle / name).stat().st_size == 0:
                missing.append(name)
        except OSError:
            missing.append(name)
    return missing


def wait_for_bundle(bundle: Path, timeout: float = 120) -> None:
    """Wait until the bundle is whole on disk (or ``timeout`` seconds pass).

    Pagefind 1.5.2 answers ``WriteFiles`` before every file is written, and the files it is
    still writing when its process ends (stdin closed) are lost: first an empty
    ``pagefind-entry.json`` was seen, later a whole entry file beside an empty
    ``wasm.unknown.pagefind`` and no ``pagefind.js``. The service is kept running until the
    entry file and every file it implies (``missing_files``) are there.
    """
    deadline = time.monotonic() + timeout
    while missing_files(bundle) != [] and time.monotonic() < deadline:
        time.sleep(0.02)
