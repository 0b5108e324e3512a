"""Benchmark seedsite at several corpus sizes and compare with the pinned targets.

    python scripts/bench.py --sizes 100,1000,10000 --out bench-results/bench.json

For each size: a synthetic corpus (seedsite.synth) in a temporary project made of this
project's mkdocs.yml, hook and hand-written docs/; then

* the build script (``python -m seedsite build``): seeds/s, and a re-run with nothing changed;
* a full clean ``mkdocs build`` (pages, MkDocs, Material's index, the Pagefind bundle): time,
  peak memory of the whole process tree, site size, one article's HTML size;
* search in headless Chromium with the site served under a sub-path: time from page load to the
  first result (a shared ``?q=`` link, and typed into the search box), bytes fetched for it;
* ``mkdocs serve --dirty``: time from editing one seed to the served page showing the edit;
* with ``--compare-material``: Material's built-in search on the same pages.

And the rule scaling (``--rules-only`` runs it alone, in about a minute): the worst input of
each cleaning and header rule (``seedsite.worst``) at n and 4n lines through the per-seed
pipeline; a rule whose time grows more than the baseline's ``max_ratio`` fails the check.

Figures are printed as a table, written as JSON, and checked against bench/baseline.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import http.server
import json
import os
import re
import select
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from seedsite.model import Seed
from seedsite.search import PeakSampler
from seedsite.worst import CASES, Case

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "baseline.json"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# docs/ paths the build generates: never copied into the benchmark project.
GENERATED = {"index.md", "page", "articles", "archive", "tags", "seeds", ".seedsite-manifest.json"}
SUBPATH = "repo"  # served as http://127.0.0.1:PORT/repo/, like https://OWNER.github.io/REPO/
MAIN_HTML_LINE = '{% block config %}{% include "partials/seedsite-config.html" %}{% endblock %}'
FEED_LENGTH = 50  # mkdocs.yml: rss length
MATERIAL_WORKER = "assets/javascripts/workers/search.a7633da7.min.js"

# ---------------------------------------------------------------------------------------------
# Processes


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``cmd`` to the end; return (seconds, peak RSS of its process tree, output)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = PeakSampler(proc.pid, tree=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}")
    return seconds, peak, out


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dir_size(path: Path) -> int:
    """Bytes in the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------
# The benchmark project


def make_project(dest: Path, seeds: Path) -> dict[str, str]:
    """Copy mkdocs.yml and the hand-written docs/ into ``dest`` (the plugin comes installed);
    return the build env."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=lambda d, names: (
            [n for n in names if n in GENERATED] if Path(d) == ROOT / "docs" else []
        ),
    )
    env = dict(os.environ)
    env["SEEDSITE_SEEDS"] = str(seeds)
    env["SITE_URL"] = f"http://127.0.0.1/{SUBPATH}/"
    return env


def config_worker(html: str) -> str:
    """The search worker a built page hands to Material (``__config.search``)."""
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    return str(json.loads(match.group(1))["search"]) if match else ""


def first_article(site: Path) -> Path | None:
    """One article page of a built site."""
    return next(iter(sorted((site / "articles").glob("*/index.html"))), None)


def index_search_separately(project: Path, env: dict[str, str]) -> tuple[float, int]:
    """Write the Pagefind bundle after the build when the hook did not; return (s, peak RSS)."""
    code = (
        "import os, sys; from pathlib import Path\n"
        "from seedsite.build import build\n"
        "from seedsite.search import records_from_articles, write_search_index\n"
        "r = build(Path(os.environ['SEEDSITE_SEEDS']), Path('docs'),"
        " cache_dir=Path('.seedsite-cache'))\n"
        "write_search_index(records_from_articles(r.articles), Path('site'))\n"
    )
    seconds, peak, _ = run([PYTHON, "-c", code], project, env)
    return seconds, peak


# ---------------------------------------------------------------------------------------------
# Serving and the browser


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host
    counter: list[int]

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        self.counter[0] += len(data)
        outputfile.write(data)


_Handler.extensions_map = {**_Handler.extensions_map, ".js": "text/javascript"}


@contextlib.contextmanager
def serve_static(site: Path) -> Iterator[tuple[str, list[int]]]:
    """Serve ``site`` at http://127.0.0.1:PORT/repo/; yield (base URL, [bytes sent])."""
    root = Path(tempfile.mkdtemp(prefix="seedsite-www-"))
    (root / SUBPATH).symlink_to(site.resolve())
    counter = [0]
    handler = type("Handler", (_Handler,), {"counter": counter})
    httpd = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}/", counter
    finally:
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(root, ignore_errors=True)


# Records, in the page's own clock, when Material's search shows its first result item.
_OBSERVE = """
window.__first = null;
new MutationObserver(() => {
  if (window.__first === null && document.querySelector(".md-search-result__item"))
    window.__first = performance.now();
}).observe(document, { childList: true, subtree: true });
"""


def attempt(r: dict[str, Any], name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, or None with the error kept in ``r["errors"][name]``."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # one failed figure must not lose the others
        r.setdefault("errors", {})[name] = f"{type(exc).__name__}: {str(exc)[:500]}"
        print(f"   {name} failed: {exc}", flush=True)
        return None


def first_result(
    base: str, counter: list[int], query: str, *, typed: bool, timeout_s: float = 120
) -> dict[str, Any]:
    """Open a page, search ``query``; seconds from the load event to the first result shown."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(_OBSERVE)
            url = base + "about/" + ("" if typed else f"?q={query}")
            page.goto(url, wait_until="load")
            before = counter[0]
            if typed:
                page.focus("input.md-search__input")
                page.keyboard.type(query)
            page.wait_for_function("window.__first !== null", timeout=timeout_s * 1000, polling=20)
            first, loaded = page.evaluate(
                "[window.__first, performance.timing.loadEventEnd - performance.timing.fetchStart]"
            )
            # Let the answer settle (a second, longer answer follows the first ten results)
            time.sleep(1.0)
            items = page.locator(".md-search-result__item").count()
            marked = page.locator(".md-search-result__item mark").count()
            return {
                "seconds": round((first - loaded) / 1000, 3),
                "bytes": counter[0] - before,
                "items": items,
                "marks": marked,
            }
        finally:
            browser.close()


def pick_query(seeds: Path) -> str:
    """A name from the first seed's body that recurs in the vocabulary (a realistic query)."""
    from seedsite import synth

    text = next(iter(sorted(seeds.iterdir()))).read_text(encoding="utf-8")
    for person in synth.vocabulary().people:
        if person in text:
            return person.split()[-1].lower()
    return synth.vocabulary().words[200]


# ---------------------------------------------------------------------------------------------
# mkdocs serve --dirty


def serve_edit(project: Path, env: dict[str, str], seed: Path, page_url: str) -> dict[str, Any]:
    """Start ``mkdocs serve --dirty``, edit ``seed``; seconds until its page shows the edit."""
    port = free_port()
    cmd = [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    serve_env = dict(env, SITE_URL=f"http://127.0.0.1:{port}/")
    log = project / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=project,
            env=serve_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/{page_url}"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=30) as res:
            return str(res.read().decode("utf-8", "replace"))

    original = seed.read_bytes()
    try:
        start = time.perf_counter()
        while True:
            with contextlib.suppress(OSError):
                fetch()
                break
            if proc.poll() is not None or time.perf_counter() - start > 900:
                raise RuntimeError(f"mkdocs serve did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        startup = time.perf_counter() - start
        marker = "Benchmarkedit" + str(int(time.time()))
        text = original.decode("utf-8")
        # The marker goes into the body's first paragraph, right after the dateline's dash.
        lines = text.split("\n")
        body = next(i for i, line in enumerate(lines) if len(line.split()) > 12)
        lines[body] = lines[body] + f" {marker} closes this paragraph."
        edited = time.perf_counter()
        seed.write_bytes("\n".join(lines).encode("utf-8"))
        while marker not in fetch():
            if proc.poll() is not None or time.perf_counter() - edited > 300:
                raise RuntimeError(f"edit never showed:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        shown = time.perf_counter() - edited
        # What the reader gets right then: the whole search bundle and feeds, not the edit's
        root = f"http://127.0.0.1:{port}/"
        return {
            "startup_s": round(startup, 2),
            "edit_to_page_s": round(shown, 2),
            "search_records": _get_json(root + "pagefind/seedsite.json").get("records"),
            "feed_items": len(_get_json(root + "feed_json_created.json").get("items", [])),
        }
    finally:
        seed.write_bytes(original)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=30) as res:
        data = json.loads(res.read().decode("utf-8"))
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------------------------
# Material's built-in search on the same pages


def material_variant(project: Path, dest: Path, env: dict[str, str]) -> Path:
    """Build the same pages with Material's own search (articles in its index); return site."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site"))
    # The articles' `search: {exclude: true}` goes before Material's search plugin sees it.
    (dest / "material_search.py").write_text(
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    page.meta.pop('search', None)\n"
        "    return markdown\n",
        encoding="utf-8",
    )
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    if re.search(r"(?m)^hooks:\n", config):
        config = re.sub(r"(?m)^hooks:\n", "hooks:\n  - material_search.py\n", config, count=1)
    else:
        config += "\nhooks:\n  - material_search.py\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The plugin's search-box config names its worker; the site's own templates folder comes
    # first in the theme, so a copy there that names Material's worker wins.
    from seedsite.plugin.plugin import THEME

    text = (Path(THEME) / "partials" / "seedsite-config.html").read_text(encoding="utf-8")
    worker = "assets/javascripts/seedsite-search-worker.js"
    if worker not in text:
        raise SystemExit("bench: the plugin's search-box config no longer names its worker")
    partial = dest / "docs" / "templates" / "partials" / "seedsite-config.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(text.replace(worker, MATERIAL_WORKER), encoding="utf-8")
    run([PYTHON, "-m", "mkdocs", "build", "-q"], dest, env)
    return dest / "site"


# ---------------------------------------------------------------------------------------------
# One size


def bench_build_script(n: int, work: Path) -> dict[str, Any]:
    """The build script's figures for a corpus of ``n`` seeds, made under ``work``."""
    from seedsite import synth

    r: dict[str, Any] = {"seeds": n}
    seeds = work / "seeds"
    synth.write_corpus(seeds, n)
    # The corpus's 10,000 new files are still being flushed to disk: let that finish, so the
    # figures below time seedsite and not the writeback of the generator's output.
    os.sync()
    query = pick_query(seeds)
    r["query"] = query

    # The build script alone, then again with nothing changed (its cache in the cwd)
    cli = work / "cli"
    (cli / "docs").mkdir(parents=True)
    cmd = [PYTHON, "-m", "seedsite", "build", "--seeds", str(seeds), "--docs", "docs", "-q"]
    seconds, _, _ = run([*cmd, "--report", "first.json"], cli)
    r["cli_build_s"] = round(seconds, 2)
    r["cli_seeds_per_s"] = round(n / seconds, 1)
    os.sync()  # each figure on a settled disk (see above)
    seconds, _, _ = run([*cmd, "--report", "again.json"], cli)
    report = json.loads((cli / "again.json").read_text(encoding="utf-8"))
    r["cli_rerun_s"] = round(seconds, 2)
    r["cli_rerun_written"] = len(report.get("written", []))
    return r


def bench_site(
    r: dict[str, Any], work: Path, *, compare_material: bool, serve: bool
) -> dict[str, Any]:
    """The site's figures (build, search, serve) for the corpus ``bench_build_script`` made."""
    n, query, seeds = r["seeds"], r["query"], work / "seeds"
    report = json.loads((work / "cli" / "again.json").read_text(encoding="utf-8"))
    pages = {s["source"]: s["page"] for s in report["seeds"] if s.get("page")}

    # The full clean site build
    project = work / "project"
    env = make_project(project, seeds)
    os.sync()
    seconds, peak, _ = run([PYTHON, "-m", "mkdocs", "build", "-q"], project, env)
    r["mkdocs_build_s"] = round(seconds, 2)
    site = project / "site"
    if (site / "pagefind" / "seedsite.json").exists():
        r["search_index_by"] = "plugin"
        r["full_build_s"] = r["mkdocs_build_s"]
    else:
        index_s, index_peak = index_search_separately(project, env)
        r["search_index_by"] = "bench"
        r["search_index_s"] = round(index_s, 2)
        r["full_build_s"] = round(seconds + index_s, 2)
        peak = max(peak, index_peak)
    r["peak_rss_mb"] = round(peak / 2**20)
    r["site_mb"] = round(dir_size(site) / 2**20, 1)
    r["pagefind_mb"] = round(dir_size(site / "pagefind") / 2**20, 1)
    r["material_index_kb"] = round((site / "search" / "search_index.json").stat().st_size / 1024)
    article = first_article(site)
    r["article_html_kb"] = round(article.stat().st_size / 1024, 1) if article else None
    worker = config_worker(article.read_text(encoding="utf-8")) if article else ""
    r["search_engine"] = "pagefind" if "seedsite-search-worker" in worker else "material"

    # Search in the browser
    if Path(CHROMIUM).exists():
        with serve_static(site) as (base, counter):
            shared = attempt(r, "search", first_result, base, counter, query, typed=False)
            typed = attempt(r, "search_typed", first_result, base, counter, query, typed=True)
        if shared:
            r["search_first_result_s"] = shared["seconds"]
            r["search_query_kb"] = round(shared["bytes"] / 1024, 1)
            r["search_results_shown"] = shared["items"]
            r["search_marks"] = shared["marks"]
        if typed:
            r["search_typed_first_result_s"] = typed["seconds"]
        if compare_material:
            msite = material_variant(project, work / "material", env)
            r["material_index_mb"] = round(
                (msite / "search" / "search_index.json").stat().st_size / 2**20, 1
            )
            with serve_static(msite) as (base, counter):
                mat = attempt(
                    r, "material", first_result, base, counter, query, typed=False, timeout_s=600
                )
            if mat:
                r["material_first_result_s"] = mat["seconds"]
                r["material_query_mb"] = round(mat["bytes"] / 2**20, 1)
            if mat and shared and shared["seconds"] > 0:
                r["speedup_vs_material"] = round(mat["seconds"] / shared["seconds"], 1)

    # mkdocs serve --dirty: one seed edited
    if serve:
        name = next(iter(sorted(pages)))
        page_url = pages[name].removesuffix(".md") + "/"  # articles/<slug>.md -> articles/<slug>/
        edit = attempt(r, "serve", serve_edit, project, env, seeds / name, page_url)
        if edit:
            r["serve"] = edit
            r["serve_edit_s"] = edit["edit_to_page_s"]
            # Search and feeds still whole when the edit shows (1) or cut short (0)
            feed_whole = edit["feed_items"] >= min(n, FEED_LENGTH)
            r["serve_whole"] = int(edit["search_records"] == len(pages) and feed_whole)
    return r


# ---------------------------------------------------------------------------------------------
# Table and targets

COLUMNS = [
    ("seeds", "seeds"),
    ("cli_seeds_per_s", "build seeds/s"),
    ("cli_rerun_s", "re-run s"),
    ("cli_rerun_written", "re-run written"),
    ("full_build_s", "full build s"),
    ("peak_rss_mb", "peak MB"),
    ("site_mb", "site MB"),
    ("pagefind_mb", "pagefind MB"),
    ("article_html_kb", "article KB"),
    ("search_first_result_s", "first result s"),
    ("search_typed_first_result_s", "typed s"),
    ("search_query_kb", "query KB"),
    ("search_marks", "marks"),
    ("material_first_result_s", "Material s"),
    ("speedup_vs_material", "speed-up"),
    ("serve_edit_s", "serve edit s"),
    ("serve_whole", "whole"),
]


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a fixed-width text table, one row per size."""
    return _text_table(COLUMNS, results)


def _text_table(columns: list[tuple[str, str]], rows: list[dict[str, Any]], left: int = 0) -> str:
    """``rows`` as a fixed-width text table of ``columns`` (key, label); the first ``left``
    columns are aligned left, the others right; a missing value is ``-``."""
    cells = [[label for _, label in columns]]
    cells += [["-" if r.get(key) is None else str(r[key]) for key, _ in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def check(results: list[dict[str, Any]], baseline: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the baseline with the measured value and pass/fail (None: not measured)."""
    by_size = {str(r["seeds"]): r for r in results}
    checks = []
    for target in baseline["targets"]:
        value: float | None = None
        if "ratio" in target:
            top, bottom = target["ratio"]
            a = by_size.get(str(top["size"]), {}).get(top["key"])
            b = by_size.get(str(bottom["size"]), {}).get(bottom["key"])
            if a is not None and b:
                value = round(a / b, 2)
        else:
            value = by_size.get(str(target["size"]), {}).get(target["key"])
        ok = None
        if value is not None:
            ok = ("max" not in target or value <= target["max"]) and (
                "min" not in target or value >= target["min"]
            )
        checks.append({"name": target["name"], "value": value, "ok": ok, **target})
    return checks


# ---------------------------------------------------------------------------------------------
# Rule scaling: each rule's worst input at two sizes

RULE_FACTOR = 4  # the large input has this many times the small one's lines
RULE_RUNS = 3  # each size is run this many times, in turn with the other, and the least counts
RULE_SPENT_S = 3.0  # ... fewer when a case has taken this long: a superlinear rule shows at once
RULE_TIMEOUT_S = 30  # a run this long is stopped and fails its check (the longest takes ~1 s)


def _clear_caches() -> None:
    """Forget what the pipeline's caches learned: each run pays for its own lines."""
    for module in [m for name, m in sys.modules.items() if name.startswith("seedsite")]:
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def pipeline(data: bytes, chrome: frozenset[str] = frozenset()) -> str:
    """One seed through the steps ``build`` runs for it (decode and chrome candidates, then
    clean, extract and render); "page", or the error that stopped it."""
    from seedsite.build import _stage_article, _stage_candidates

    seed = Seed("worst.txt", data, hashlib.sha256(data).hexdigest())
    found = _stage_candidates(seed)
    if isinstance(found, str):
        return found
    if found.decoded is None:
        return found.error or "not decoded"
    made = _stage_article((seed, found.decoded, chrome))
    return made if isinstance(made, str) else "page"


def _measure(case: Case, n: int) -> dict[str, Any]:
    """Make ``case`` at size ``n`` and run it once through the pipeline, with cold caches:
    the seed's lines and KB, the CPU seconds of the run, and its outcome."""
    from seedsite.build import MAX_SEED_BYTES

    data = case.make(n)
    chrome = case.chrome(n) if case.chrome else frozenset()
    _clear_caches()
    gc.collect()
    start = time.process_time()
    outcome = pipeline(data, chrome)
    seconds = time.process_time() - start
    if len(data) > MAX_SEED_BYTES:
        outcome = "over the seed size limit: make the case smaller"
    return {
        "lines": data.count(b"\n"),
        "kb": round(len(data) / 1024),
        "s": seconds,
        "outcome": outcome,
    }


def _measure_apart(case: Case, n: int) -> dict[str, Any]:
    """``_measure`` in a copy of this process (fork), which makes the seed itself.

    CPU time: what other processes on the machine do not count (on this busy 2-core machine,
    the wall-clock time of one input varied threefold from run to run). In a copy made before
    any case: a run that finds memory an earlier one freed pays fewer page faults, which
    favours the small size (in one process, one huge line 4x as long cost 5.3-5.6x the time
    after other cases had run; 4.0x here).
    """
    if not hasattr(os, "fork"):  # (Windows) in this process, then
        return _measure(case, n)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            os.write(write, json.dumps(_measure(case, n)).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        # A rule that has gone superlinear again must not hold the benchmark for hours.
        if select.select([f], [], [], RULE_TIMEOUT_S)[0]:
            sent = f.read()
        else:
            os.kill(pid, signal.SIGKILL)
            sent = json.dumps({"s": float("nan"), "outcome": f"stalled: over {RULE_TIMEOUT_S} s"})
    os.waitpid(pid, 0)
    if not sent:
        sent = json.dumps({"s": float("nan"), "outcome": "the run died"})
    measured: dict[str, Any] = {"lines": None, "kb": None, **json.loads(sent)}
    return measured


def rule_scaling(names: set[str] | None = None) -> list[dict[str, Any]]:
    """Each worst case at n and 4n lines: CPU seconds of the per-seed pipeline, and the ratio."""
    cases = [case for case in CASES if not names or case.name in names]
    # What the pipeline imports on first use (ftfy, charset-normalizer, dateparser) is
    # imported here, before the copies are made, on inputs too small to leave much behind.
    for case in cases:
        small = max(1, case.lines // 100)
        pipeline(case.make(small), case.chrome(small) if case.chrome else frozenset())
    rows = []
    for case in cases:
        row: dict[str, Any] = {"case": case.name, "rule": case.rule}
        sizes = {"small": case.lines, "large": RULE_FACTOR * case.lines}
        best = dict.fromkeys(sizes, float("inf"))
        spent = 0.0
        # The two sizes in turn, so that both meet the machine in the same state.
        for _ in range(RULE_RUNS):
            for label, n in sizes.items():
                measured = _measure_apart(case, n)
                row[f"{label}_lines"], row[f"{label}_kb"] = measured["lines"], measured["kb"]
                best[label] = min(best[label], measured["s"])
                spent += measured["s"]
                if measured["outcome"] != "page":
                    row.setdefault(f"{label}_error", measured["outcome"][:200])
            if spent >= RULE_SPENT_S:
                break
        row["small_s"], row["large_s"] = round(best["small"], 4), round(best["large"], 4)
        row["ratio"] = round(best["large"] / best["small"], 2) if best["small"] else None
        print(
            f"   {case.name}: {row['small_s']} s, {row['large_s']} s, x{row['ratio']}", flush=True
        )
        rows.append(row)
    return rows


RULE_COLUMNS = [
    ("case", "worst input"),
    ("rule", "rule"),
    ("small_lines", "lines"),
    ("large_lines", "4x lines"),
    ("large_kb", "4x KB"),
    ("small_s", "CPU s"),
    ("large_s", "4x CPU s"),
    ("ratio", "ratio"),
]


def rule_table(rows: list[dict[str, Any]]) -> str:
    """The rule-scaling figures as a fixed-width text table, one row per worst input."""
    return _text_table(RULE_COLUMNS, rows, left=2)  # (the input and rule names)


def rule_checks(rows: list[dict[str, Any]], baseline: dict[str, Any]) -> list[dict[str, Any]]:
    """One check per worst input: its time ratio within the baseline's ``max_ratio``, and no
    error but the one it is made to show."""
    limit = baseline["rule_scaling"]["max_ratio"]
    checks = []
    for r in rows:
        errors = [r[k] for k in ("small_error", "large_error") if k in r]
        # A seed refused by decode is an outcome, not a failure; a crash is one.
        broken = [
            e for e in errors if any(w in e for w in ("internal", "limit", "died", "stalled"))
        ]
        ok = r["ratio"] is not None and r["ratio"] <= limit and not broken
        checks.append(
            {
                "name": f"rule scaling: {r['case']} ({r['rule']}), {RULE_FACTOR}x the lines",
                "value": r["ratio"],
                "ok": ok,
                "max": limit,
                **({"errors": broken} if broken else {}),
            }
        )
    return checks


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a measured target fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--out", type=Path, default=Path("bench-results/bench.json"))
    parser.add_argument("--compare-material", action="store_true", help="also time Material's")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve figure")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument(
        "--rules-only", action="store_true", help="only the rule scaling (about a minute)"
    )
    parser.add_argument("--no-rules", action="store_true", help="skip the rule scaling")
    parser.add_argument("--rules", default="", help="comma-separated worst inputs to time (all)")
    args = parser.parse_args(argv)
    sizes = [] if args.rules_only else [int(s) for s in args.sizes.split(",") if s.strip()]

    rules: list[dict[str, Any]] = []
    if not args.no_rules:
        # First, while this process has made nothing else (see _measure_apart).
        print("== rule scaling", flush=True)
        rules = rule_scaling({n.strip() for n in args.rules.split(",") if n.strip()} or None)

    results = []
    works: list[Path] = []
    try:
        # The build script at every size first, then the sites. On ext4 without a journal (this
        # machine's disk) each new file skips every inode freed in the last one to six minutes
        # (the kernel's `recently_deleted`): creating 10,000 files takes 0.3 s, or 1.2 to 4.8 s
        # just after a mass delete, and `mkdocs serve` deletes its whole temporary site when it
        # stops. For the same reason the projects are removed only at the end.
        for n in sizes:
            work = Path(tempfile.mkdtemp(prefix=f"seedsite-bench-{n}-"))
            works.append(work)
            print(f"== {n} seeds: the build script ({work})", flush=True)
            results.append(bench_build_script(n, work))
            print(json.dumps(results[-1]), flush=True)
        for r, work in zip(results, works, strict=True):
            print(f"== {r['seeds']} seeds: the site", flush=True)
            bench_site(r, work, compare_material=args.compare_material, serve=not args.no_serve)
            print(json.dumps(r), flush=True)
    finally:
        if not args.keep:
            for work in works:
                shutil.rmtree(work, ignore_errors=True)

    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    checks = (check(results, baseline) if results else []) + rule_checks(rules, baseline)
    print()
    if results:
        print(table(results))
        print()
    if rules:
        print(rule_table(rules))
        print()
    for c in checks:
        verdict = {True: "PASS", False: "FAIL", None: "n/a "}[c["ok"]]
        limit = " ".join(f"{k} {c[k]}" for k in ("min", "max") if k in c)
        print(f"{verdict}  {c['name']}: {c['value']} ({limit})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"results": results, "rules": rules, "checks": checks}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 1 if any(c["ok"] is False for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
