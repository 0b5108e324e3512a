"""Real sites built with `mkdocs build --strict`: the article page, escaping, size, serve."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from seedsite.synth import write_corpus

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "seeds" / "000_1682d531997dcce0.txt"
GENERATED = {"index.md", "page", "articles", "archive", "tags", "seeds", ".seedsite-manifest.json"}
MKDOCS = [sys.executable, "-m", "mkdocs"]

pytestmark = pytest.mark.site


def make_project(dest: Path, seeds: list[Path] | None = None) -> Path:
    """A copy of this project's site (mkdocs.yml, hand-written docs) with its own seeds; the
    seedsite plugin comes from the installed package, as in any other site."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=lambda d, names: GENERATED & set(names) if Path(d) == ROOT / "docs" else set(),
    )
    (dest / "seeds").mkdir(exist_ok=True)
    for seed in seeds if seeds is not None else [REAL]:
        shutil.copy(seed, dest / "seeds")
    return dest


def mkdocs_build(
    project: Path, *extra: str, env: dict[str, str] | None = None, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in the project; fails the test with mkdocs' output on error."""
    run = subprocess.run(
        [*MKDOCS, "build", *(["--strict"] if strict else []), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    return run


class _Page(HTMLParser):
    """Text of the article body paragraphs and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real"))
    mkdocs_build(project, env={"SITE_URL": "https://example.github.io/archive/"})
    return project / "site"


def _article_html(site: Path) -> str:
    [page] = list((site / "articles").glob("*/index.html"))
    return page.read_text("utf-8")


def test_real_article_page_shows_its_metadata(real_site: Path) -> None:
    html = _article_html(real_site)
    text = " ".join(parse(html).text)
    assert (
        '<h1 id="title">Tehran’s online propaganda against the Iranian opposition backfires</h1>'
        in html
    )
    assert '<time datetime="2018-09-19">19 September 2018</time>' in html
    assert "Analysis by PMOI/MEK" in text
    # The caption once (the body mentions "the Iranian regime’s foreign minister, Javad Zarif"
    # mid-sentence, which is text, not a caption).
    assert html.count('class="seedsite-caption"') == 1
    assert len(re.findall(r"(?<!the )Iranian regime’s foreign minister, Javad Zarif", text)) == 1
    for paragraph in REAL.read_text("utf-8").splitlines()[10:22]:
        assert paragraph.strip() in text, paragraph
    assert "728 x 90" not in html and "Latest News and Articles" not in html
    assert "<title>Tehran’s online propaganda against the Iranian opposition backfires - " in html
    assert (
        'property="og:title"' in html
        and '<meta name="description" content="Last month, internet behemoths' in html
    )
    assert '<link rel="canonical" href="https://example.github.io/archive/articles/' in html


def test_provenance_link_points_at_the_served_seed(real_site: Path) -> None:
    html = _article_html(real_site)
    [href] = re.findall(r'href="([^"]*seeds/000_1682d531997dcce0\.txt)"', html)
    served = (real_site / "articles" / "x" / href).resolve()
    assert served.read_bytes() == REAL.read_bytes()
    assert hashlib.sha256(REAL.read_bytes()).hexdigest() in html


def test_listings_feeds_and_sitemap(real_site: Path) -> None:
    home = (real_site / "index.html").read_text("utf-8")
    assert "Tehran’s online propaganda" in home and "19 September 2018" in home
    assert (real_site / "archive" / "2018" / "09" / "index.html").exists()
    assert (real_site / "tags" / "index.html").exists()
    rss = (real_site / "feed_rss_created.xml").read_text("utf-8")
    assert "Tehran’s online propaganda" in rss and "2018" in rss
    feed = json.loads((real_site / "feed_json_created.json").read_text("utf-8"))
    assert [i["title"] for i in feed["items"]] == [
        "Tehran’s online propaganda against the Iranian opposition backfires"
    ]
    assert "https://example.github.io/archive/articles/" in (real_site / "sitemap.xml").read_text(
        "utf-8"
    )


def test_articles_stay_out_of_the_navigation(real_site: Path) -> None:
    html = _article_html(real_site)
    nav = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S)
    assert nav is not None
    assert "Tehran" not in nav.group(0)
    assert [t for t in ("Home", "Archive", "Tags", "About") if t in nav.group(0)] == [
        "Home",
        "Archive",
        "Tags",
        "About",
    ]


def test_nothing_loads_from_other_hosts(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        for tag, attrs in parse(page.read_text("utf-8")).elements:
            for attr in ("src", "href"):
                value = attrs.get(attr) or ""
                if tag in ("script", "link", "img") and value.startswith(("http:", "https:", "//")):
                    assert value.startswith("https://example.github.io/archive/"), (
                        page,
                        tag,
                        value,
                    )


HOSTILE = """\
<img src=x onerror=alert(1)>

<script>alert("caption")</script>
<script>alert("caption")</script>

By <b onmouseover=alert(2)>Mallory</b>

Paris, Jan. 5, 2020 - <script>alert(3)</script> and [x](javascript:alert(4)) and {: onclick=x }.
--8<-- "mkdocs.yml"
#YouAreBots :fire: $5-$10 {++ x ++} C:\\new &lt;/title&gt;
"""


def test_hostile_seed_shows_as_text(tmp_path: Path) -> None:
    seed = tmp_path / "666_evil.txt"
    seed.write_text(HOSTILE, encoding="utf-8")
    project = make_project(tmp_path / "p", [seed, REAL])
    mkdocs_build(project)
    site = project / "site"
    feed = json.loads((site / "feed_json_created.json").read_text("utf-8"))
    [item] = [i for i in feed["items"] if "alert" in i["title"]]
    assert item["title"] == "<img src=x onerror=alert(1)>"  # plain text in JSON Feed
    assert "<script>" not in item["content_html"] and "&lt;script&gt;" in item["content_html"]
    for page in [*site.rglob("*.html"), *site.rglob("*.xml")]:
        raw = page.read_text("utf-8")
        assert "<img src=x" not in raw and "<script>alert" not in raw, page
        assert "onmouseover=alert" not in raw.replace("&lt;b onmouseover=alert", ""), page
        assert 'href="javascript:alert' not in raw, page
        assert "site_name:" not in raw, page  # snippets never pulled mkdocs.yml in
    rss = (site / "feed_rss_created.xml").read_text("utf-8")
    # The markup-like byline is text wherever it lands (author, or description when no name
    # can be read from it): escaped, never a tag.
    assert "<b onmouseover" not in rss
    assert "&lt;b onmouseover=alert(2)&gt;Mallory&lt;/b&gt;" in rss or "Mallory" not in rss
    [evil] = [
        p
        for p in (site / "articles").glob("*/index.html")
        if '<h1 id="title">&lt;img' in p.read_text("utf-8")
    ]
    html = evil.read_text("utf-8")
    text = "".join(parse(html).text)
    assert "<img src=x onerror=alert(1)>" in text  # the title, shown as written
    assert '--8<-- "mkdocs.yml"' in text
    assert "#YouAreBots :fire: $5-$10 {++ x ++} C:\\new &lt;/title&gt;" in text
    assert "<title>&lt;img src=x onerror=alert(1)&gt; - " in html


def test_article_html_size_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    """With articles out of the nav, one article's page is the same size at 10 and 1,000."""
    sizes = []
    for n in (10, 1000):
        corpus = tmp_path / f"corpus{n}"
        paths = write_corpus(corpus, n)
        project = make_project(tmp_path / f"p{n}", paths)
        # Not strict: synthetic headlines may share a slug, which is a warning by design.
        mkdocs_build(project, strict=False)
        pages = sorted((project / "site" / "articles").glob("*/index.html"))
        assert len(pages) >= n * 0.95
        sizes.append(sum(p.stat().st_size for p in pages) / len(pages))
    assert abs(sizes[1] - sizes[0]) / sizes[0] < 0.05, sizes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_picks_up_an_edited_seed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "serve")
    port = _free_port()
    server = subprocess.Popen(
        [
            *MKDOCS,
            "serve",
            "-a",
            f"127.0.0.1:{port}",
            "--livereload",
        ],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        html = _wait_for(url, lambda h: "Tehran" in h, 120)
        slug = re.search(r'href="(articles/[^"]+/)"', html)
        assert slug, html[:2000]
        article = url + slug.group(1)
        seed = project / "seeds" / REAL.name
        seed.write_text(
            seed.read_text("utf-8").replace("But Iran’s campaign", "But Iran’s edited campaign"),
            "utf-8",
        )
        start = time.monotonic()
        _wait_for(article, lambda h: "edited campaign" in h, 30)
        assert time.monotonic() - start < 10
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, ok: object, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                last = r.read().decode("utf-8")
                if ok(last):  # type: ignore[operator]
                    return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show the change in {timeout}s")


def test_dirty_rebuild_keeps_feeds_and_search_whole(tmp_path: Path) -> None:
    """`mkdocs build --dirty` renders only the edited page; feeds and index stay whole."""
    paths = write_corpus(tmp_path / "corpus", 6)
    project = make_project(tmp_path / "p", paths)
    mkdocs_build(project, strict=False)
    feed = project / "site" / "feed_json_created.json"
    before = len(json.loads(feed.read_text("utf-8"))["items"])
    assert before >= 5
    seed = sorted((project / "seeds").iterdir())[0]
    seed.write_text(
        seed.read_text("utf-8") + "\nOne more closing paragraph of the story.\n", "utf-8"
    )
    mkdocs_build(project, "--dirty", strict=False)
    assert len(json.loads(feed.read_text("utf-8"))["items"]) == before
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith("about/") for doc in index["docs"])


def test_missing_seeds_folder_is_one_clean_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [])
    (project / "seeds").rmdir()
    run = subprocess.run(
        [*MKDOCS, "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert run.returncode != 0
    assert "seeds folder not found" in run.stderr
    assert "Traceback" not in run.stderr


PERSIAN = "\n".join(
    [
        "کاهش ذخایر سدهای تهران و هشدار درباره تابستان آینده",
        "",
        "نویسنده: سارا محمدی",
        "",
        "مدیرعامل شرکت آب منطقه‌ای تهران گفت حجم آب پشت پنج سد تأمین‌کننده آب پایتخت نسبت به"
        " سال گذشته کاهش یافته است و مردم باید در مصرف صرفه‌جویی کنند.",
        "به گفته او، اگر بارندگی پاییز کمتر از میانگین باشد، تابستان آینده با کمبود جدی آب"
        " روبه‌رو خواهیم شد و برنامه‌های جیره‌بندی اجرا می‌شود.",
    ]
)


def test_a_right_to_left_article_reads_right_to_left(tmp_path: Path) -> None:
    seed = tmp_path / "042_fa.txt"
    seed.write_text(PERSIAN, encoding="utf-8")
    project = make_project(tmp_path / "p", [seed, REAL])
    mkdocs_build(project)
    pages = [p.read_text("utf-8") for p in (project / "site" / "articles").glob("*/index.html")]
    articles = [re.search(r'<article class="seedsite-article"[^>]*>', html) for html in pages]
    tags = sorted(m.group() for m in articles if m)
    assert tags == [
        '<article class="seedsite-article" lang="en">',
        '<article class="seedsite-article" lang="fa" dir="rtl">',
    ]
    # Each value of the metadata line keeps its own direction inside the article's.
    [persian] = [html for html in pages if 'lang="fa"' in html]
    assert '<span class="seedsite-meta__byline" dir="auto">نویسنده: سارا محمدی</span>' in persian
    # The listings isolate each title in its own direction and language.
    home = (project / "site" / "index.html").read_text("utf-8")
    assert re.search(r'<a dir="auto" href="[^"]+" lang="fa">کاهش ذخایر', home)


SPOOF = """\
Council approves the river budget

By Jane Doe

Lyon, March 3, 2021 - The council approved the budget for the river banks on Tuesday evening.
The vote was close: \u202eyes 12, no 11\u202c was the count, read out by the clerk at nine.
A handle in a quote stays isolated: \u2066@jane_doe\u2069 wrote that the banks will open in May.
The last paragraph has a stray \u2067 isolate that never closes, and an embedding \u202b here.
"""
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _balanced_isolates(text: str) -> bool:
    depth = 0
    for char in _BIDI_CONTROL.findall(text):
        if char in "\u202a\u202b\u202c\u202d\u202e" or (char == "\u2069" and not depth):
            return False
        depth += 1 if char != "\u2069" else -1
    return depth == 0


def test_a_stray_bidi_override_never_reaches_the_page(tmp_path: Path) -> None:
    # "Trojan Source" in prose: an override reverses what the reader sees ("11 on ,21 sey").
    seed = tmp_path / "042_spoof.txt"
    seed.write_text(SPOOF, encoding="utf-8")
    project = make_project(tmp_path / "p", [seed, REAL])
    # Not strict: the removals are warnings, named with the seed's file and line.
    run = mkdocs_build(project, strict=False)
    assert "042_spoof.txt: lines 6, 8: removed 4 bidi control characters" in run.stderr
    site = project / "site"
    [page] = [p for p in (site / "articles").glob("*/index.html") if "river" in p.parent.name]
    text = "".join(parse(page.read_text("utf-8")).text)
    assert "The vote was close: yes 12, no 11 was the count" in text
    assert "\u2066@jane_doe\u2069 wrote" in text  # a balanced isolate is kept
    for path in [*site.rglob("*.html"), *site.rglob("*.xml"), *site.rglob("*.json")]:
        # (Character references read back: an escaped override is an override all the same.)
        raw = unescape(path.read_text("utf-8"))
        # No override or embedding anywhere; isolates only in closed pairs, element by element.
        assert not re.search("[\u202a-\u202e]", raw), path
        for chunk in re.split(r"<[^>]*>", raw):
            assert _balanced_isolates(chunk), (path, chunk)


def test_a_seed_named_like_a_hand_written_file_does_not_replace_it(tmp_path: Path) -> None:
    seed = tmp_path / "robots.txt"
    seed.write_text(REAL.read_text("utf-8"), encoding="utf-8")
    project = make_project(tmp_path / "p", [seed])
    (project / "docs" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    mkdocs_build(project)
    site = project / "site"
    assert (site / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"
    assert (site / "seeds" / "robots.txt").read_bytes() == seed.read_bytes()


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    # ProperDocs, the maintained fork of MkDocs 1.6 (installed with mkdocs-rss-plugin), runs the
    # plugin from the same mkdocs.yml; the pages differ only in the generator they name.
    project = make_project(tmp_path / "p")
    mkdocs_build(project, "--site-dir", str(tmp_path / "mkdocs"))
    properdocs = Path(sys.executable).parent / "properdocs"
    run = subprocess.run(
        [
            str(properdocs),
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(tmp_path / "pd"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    built = {
        str(p.relative_to(tmp_path / "mkdocs")): p.read_bytes()
        for p in sorted((tmp_path / "mkdocs").rglob("*"))
        if p.is_file()
    }
    again = {
        str(p.relative_to(tmp_path / "pd")): p.read_bytes()
        for p in sorted((tmp_path / "pd").rglob("*"))
        if p.is_file()
    }
    assert built.keys() == again.keys()
    # (Feeds carry their build time; sitemap.xml.gz its gzip header time.)
    stamped = {
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "feed_json_created.json",
        "feed_json_updated.json",
        "sitemap.xml.gz",
    }
    differ = [
        name
        for name in built
        if name not in stamped
        and generator.sub(b"", built[name]) != generator.sub(b"", again[name])
    ]
    assert differ == []
