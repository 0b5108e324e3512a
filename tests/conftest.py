"""Shared fixtures: the real site, built once and served under a subpath, and a real browser.

``built_site``   this repository's site, built once per session with ``mkdocs build --strict``
                 into a temporary folder, its ``site_url`` under a subpath (like GitHub Pages'
                 ``https://OWNER.github.io/REPO/``), so every link must respect the subpath.
``served_site``  the same folder served over HTTP on 127.0.0.1, under that subpath only.
``browser``      the system Chromium (``/usr/bin/chromium``) driven by playwright. Without it the
                 browser tests skip, or fail when ``REQUIRE_BROWSER=1`` (as ``.ci/run`` sets).
``reader``       a fresh browser page that records every request, failure and console error.

``unaccounted``  (a function) the lines of a seed neither on its page nor in the build report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn
from urllib.parse import unquote, urlsplit

import pytest
from seedsite.model import Article

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "/seedsite/"
"""Where the test site lives on its host: links that ignore site_url's path break under it."""
LOOPBACK = "127.0.0.1"
CHROMIUM = Path(os.environ.get("SEEDSITE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Nothing of Chromium's own (updates, sync, field trials) may talk to the network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces for "nothing leaves 127.0.0.1": any request for another host (a stray font,
    # a preconnect) goes to a proxy port where nothing listens and fails there, on this machine.
    # Loopback addresses always bypass the proxy.
    "--proxy-server=http://127.0.0.1:9",
]


def require_browser() -> bool:
    """True when a missing browser must fail the run (``REQUIRE_BROWSER=1``) instead of skipping."""
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")


@dataclass(frozen=True)
class BuiltSite:
    """The built site on disk and the address it was built for."""

    root: Path
    """The site folder: ``index.html``, ``articles/``, ``assets/``, ..."""
    url: str
    """``site_url`` it was built with: ``http://127.0.0.1:PORT/seedsite/``."""

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def file_for(self, url: str) -> Path | None:
        """The file a URL of this site is served from, or None when it is outside the site."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = unquote(parts.path)
        if not path.startswith(SUBPATH):
            return None
        target = self.root / path[len(SUBPATH) :]
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target


class _SubpathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under SUBPATH, as GitHub Pages serves a project site."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",  # instantiateStreaming refuses anything else
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / ".outside-the-subpath")  # no such file: 404
        return super().translate_path("/" + path[len(SUBPATH) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a request log per test would bury the failures


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[_SiteServer, Path]]:
    """A server bound to a free port before the build, so site_url can name the port."""
    root = tmp_path_factory.mktemp("site")
    server = _SiteServer((LOOPBACK, 0), partial(_SubpathHandler, directory=str(root)))
    yield server, root
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_site_server: tuple[_SiteServer, Path]) -> BuiltSite:
    """This repository's site, built once with ``mkdocs build --strict`` under a subpath."""
    server, root = _site_server
    url = f"http://{LOOPBACK}:{server.server_address[1]}{SUBPATH}"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root)],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({run.returncode}):\n{run.stderr[-6000:]}")
    return BuiltSite(root=root, url=url)


@pytest.fixture(scope="session")
def served_site(
    _site_server: tuple[_SiteServer, Path], built_site: BuiltSite
) -> Iterator[BuiltSite]:
    """The built site, served on 127.0.0.1 under the subpath for the whole session."""
    server, _ = _site_server
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield built_site
    server.shutdown()
    thread.join(timeout=10)


def _unavailable(reason: str) -> NoReturn:
    if require_browser():
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (install Debian's chromium, or set REQUIRE_BROWSER=1 to fail instead)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """The system Chromium through playwright; never a downloaded browser."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import Error, expect, sync_playwright
    except ImportError as error:
        _unavailable(f"the playwright package is missing ({error})")
    # The first search loads the index; a busy CI machine needs more than expect's 5 s default.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        except Error as error:
            _unavailable(f"{CHROMIUM} did not start: {error.message.splitlines()[0]}")
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """A browser page plus everything it asked the network for and complained about."""

    page: Page
    requests: list[str] = field(default_factory=list)
    """Every URL requested, by the page, its frames and its workers, in order."""
    failures: list[str] = field(default_factory=list)
    """Requests that failed or got an HTTP error status, with the reason."""
    console_errors: list[str] = field(default_factory=list)
    """Console messages of type error, and uncaught exceptions."""

    def outside_requests(self) -> list[str]:
        """Requests for anything but 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != LOOPBACK
        ]

    def assert_clean(self) -> None:
        """No failed request, no console error, no request that left 127.0.0.1."""
        assert self.outside_requests() == [], "requests left 127.0.0.1"
        assert self.failures == [], "requests failed"
        assert self.console_errors == [], "console errors"


@pytest.fixture
def reader(browser: Browser, served_site: BuiltSite) -> Iterator[Reader]:
    """A fresh page (own context: no cache, no storage) that records its traffic."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    seen = Reader(page)

    def on_request(request: Request) -> None:
        seen.requests.append(request.url)

    def on_failed(request: Request) -> None:
        # A click that leaves the page cancels what it was still loading (the favicon, say):
        # Chromium reports that as ERR_ABORTED. A missing file is an HTTP error status instead.
        if request.failure != "net::ERR_ABORTED":
            seen.failures.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            seen.failures.append(f"{response.url}: HTTP {response.status}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(f"{message.text} ({message.location.get('url', '?')})")

    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    yield seen
    context.close()


# --- every line accounted for -------------------------------------------------------------

# Where each consumed header line shows on the page (the article template prints these fields).
_SHOWN_AS = {
    "title": "title",
    "kicker": "kicker",
    "byline": "byline",
    "image_caption": "image_caption",
    "date": "date_line",
}


def build_in_process(config_file: Path) -> Any:
    """What ``mkdocs build`` does (mkdocs/__main__.py), in this process: the loaded config,
    its plugins and all, once the site is built."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def unaccounted(text: str, article: Article, name: str = "") -> list[str]:
    """Lines of a decoded seed's ``text`` that are neither on ``article``'s page (headline,
    kicker, caption, byline, date line, body) nor in the build report with the rule that
    removed them, and consumed lines shown as something else: ``name:line: ...`` each."""
    meta = article.meta
    lost: list[str] = []
    shown: dict[int, str] = {}
    for kind, number, line in article.consumed:
        value = getattr(meta, _SHOWN_AS[kind]) or ""
        # A labelled caption shows without its label ("Photo: x" -> "x").
        if line != value and not (kind == "image_caption" and value and value in line):
            lost.append(f"{name}:{number}: {kind} {line!r} shown as {value!r}")
        shown[number] = line
    reported = {r.line for r in article.removals}
    body = set(article.paragraphs)
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line and number not in shown and number not in reported and line not in body:
            lost.append(f"{name}:{number}: {line[:80]!r}")
    return lost
