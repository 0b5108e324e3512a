"""Lighthouse on the built site, served as GitHub Pages serves it; prints the four scores.

    python scripts/audit.py --lighthouse .audit/node_modules/lighthouse/cli/index.js [--runs 3]

Builds the site (``mkdocs build --strict``) for a free port on 127.0.0.1 under a project subpath,
serves it with gzip and GitHub Pages' cache header, and runs Lighthouse's default (mobile)
configuration on the home page and an article page with the system Chromium (``CHROME_PATH``).
Performance varies from run to run (Lighthouse's docs: the median of 5 runs is about twice as
stable as one), so each page runs ``--runs`` times and the median of each score counts.
Exits 1 when a median is below its target or a page asked another host for anything.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SUBPATH = "/seedsite/"
"""A project site's path, as on https://OWNER.github.io/REPO/."""
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
"""Lighthouse's category ids -> the least median score that passes (issue 11)."""
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",  # root (CI, containers) cannot start Chromium's sandbox
    "--disable-gpu",
    # Nothing of Chromium's own (updates, sync, field trials) may talk to the network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg")
"""Content types GitHub Pages sends gzipped to a client that accepts it."""
CACHE_CONTROL = "max-age=600"
"""GitHub Pages' header on every file: ten minutes."""


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """The site under SUBPATH only, gzipped where GitHub Pages gzips, its 404 page for misses."""

    protocol_version = "HTTP/1.1"  # keep-alive, as any real host
    extensions_map = {  # noqa: RUF012 (the base class declares it a plain dict)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        site = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        status, target = 200, None
        if path.startswith(SUBPATH):
            candidate = site / path[len(SUBPATH) :].lstrip("/")
            if candidate.resolve().is_relative_to(site.resolve()):
                if candidate.is_dir() and not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                target = candidate if candidate.is_file() else None
        if target is None:
            status, target = 404, site / "404.html"
        data = target.read_bytes()
        kind = self.guess_type(str(target))
        self.send_response(status)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else "")
        )
        self.send_header("Cache-Control", CACHE_CONTROL)
        if kind.startswith(COMPRESSED):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextlib.contextmanager
def serving(server: http.server.ThreadingHTTPServer) -> Iterator[None]:
    """Answer requests on ``server`` in a thread until the block ends."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        thread.join(timeout=10)


def build(site: Path, url: str) -> None:
    """``mkdocs build --strict`` into ``site`` for ``url`` (canonical links, sitemap, feeds)."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": url},
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{run.stderr[-4000:]}")


def pages(site: Path) -> dict[str, str]:
    """The audited pages: name -> path under the site."""
    articles = sorted((site / "articles").glob("*/index.html"))
    if not articles:
        sys.exit(f"no article page in {site / 'articles'}: add a seed to seeds/")
    return {"home": "", "article": articles[0].parent.relative_to(site).as_posix() + "/"}


def chrome() -> str:
    """The browser Lighthouse drives: ``CHROME_PATH``, else the system Chromium."""
    return os.environ.get("CHROME_PATH") or "/usr/bin/chromium"


def lighthouse(cli: Path, url: str) -> dict[str, Any]:
    """One Lighthouse run (default config: mobile emulation, simulated slow 4G); its report."""
    run = subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        env={**os.environ, "CHROME_PATH": chrome()},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        sys.exit(f"lighthouse failed on {url} ({run.returncode}):\n{run.stderr[-4000:]}")
    report: dict[str, Any] = json.loads(run.stdout)
    if report.get("runtimeError"):
        sys.exit(f"lighthouse could not audit {url}: {report['runtimeError']}")
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    """Category id -> score out of 100 (a category Lighthouse could not score counts 0)."""
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def outside(report: dict[str, Any], url: str) -> list[str]:
    """Requests the page made to any other host than the one serving the site."""
    host = urlsplit(url).netloc
    items = report["audits"]["network-requests"]["details"]["items"]
    return [
        item["url"]
        for item in items
        if urlsplit(item["url"]).scheme in ("http", "https")
        and urlsplit(item["url"]).netloc != host
    ]


def failing(report: dict[str, Any]) -> list[str]:
    """What costs points: failed audits of the scored categories, the biggest savings first."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if score is None or score >= 0.9 or (ref["weight"] == 0 and category != "performance"):
                continue
            shown = audit.get("displayValue", "")
            lines.append(f"{category}: {audit['id']} ({score:.2f}) {audit['title']} {shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build, serve, audit each page ``--runs`` times; print the scores; 1 below a target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, required=True, help="lighthouse's cli/index.js")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median counts)")
    parser.add_argument("--why", action="store_true", help="list the failed audits of each run")
    args = parser.parse_args(argv)
    if not args.lighthouse.is_file():
        sys.exit(f"no Lighthouse at {args.lighthouse} (make audit installs it)")
    if not shutil.which("node"):
        sys.exit("make audit needs node (Debian: apt-get install nodejs npm)")
    if not os.access(chrome(), os.X_OK):
        sys.exit(f"no browser at {chrome()} (Debian: apt-get install chromium, or set CHROME_PATH)")
    if args.runs < 1:
        sys.exit("--runs must be 1 or more")

    work = Path(tempfile.mkdtemp(prefix="seedsite-audit-"))
    # Bound before the build, so the site is built for the very address it is served at.
    server = http.server.ThreadingHTTPServer(
        (HOST, 0), functools.partial(_PagesHandler, directory=str(work))
    )
    server.daemon_threads = True
    try:
        base = f"http://{HOST}:{server.server_address[1]}{SUBPATH}"
        build(work, base)
        width = max(map(len, CATEGORIES))
        ok = True
        with serving(server):
            for name, path in pages(work).items():
                url = base + path
                print(f"{name}: {url} ({args.runs} run{'s' * (args.runs != 1)}, mobile)")
                runs = []
                for _ in range(args.runs):
                    report = lighthouse(args.lighthouse, url)
                    runs.append(scores(report))
                    if strays := outside(report, url):
                        print(f"  requests to another host: {strays}")
                        ok = False
                    if args.why:
                        for line in failing(report):
                            print(f"    {line}")
                for category, target in CATEGORIES.items():
                    each = [r[category] for r in runs]
                    median = round(statistics.median(each))
                    verdict = "ok" if median >= target else f"FAIL (target {target})"
                    ok &= median >= target
                    shown = " ".join(map(str, each))
                    print(f"  {category:<{width}} {median:>3}  [{shown}]  {verdict}")
        print(f"Lighthouse {report['lighthouseVersion']}, {report['environment']['hostUserAgent']}")
        return 0 if ok else 1
    finally:
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
