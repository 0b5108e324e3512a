"""The MkDocs plugin, in this process: what a real site build publishes when a seed changes
between the pages being made and MkDocs copying the seeds into the site (issue 10, item 4).

MkDocs runs in this process so the change can be made at that exact moment: the package's
``build`` is wrapped to change the seeds folder as soon as it returns. MkDocs keeps one plugin
object per process (as for ``mkdocs serve``'s rebuilds), so the builds here share it; the build
cache is dropped where a test means a new process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import seedsite.build as seedsite_build
from conftest import build_in_process
from seedsite.plugin.plugin import SeedsitePlugin
from test_build import REAL, _seed, deny
from test_site import MKDOCS, make_project
from test_site import mkdocs_build as mkdocs_build_command

pytestmark = pytest.mark.site

NAME = "001_changing.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site with the real seed and ``NAME``, and no build cache loaded."""
    project = make_project(tmp_path / "site-project")
    _seed(project / "seeds", NAME, "Rivers rise in Lyon")
    monkeypatch.delenv("SEEDSITE_SEEDS", raising=False)
    seedsite_build._in_memory.clear()
    yield project
    seedsite_build._in_memory.clear()


def build_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, after_pages: Callable[[Path], None]
) -> Path:
    """Build the site in this process; ``after_pages(seeds)`` runs once the pages are made."""
    real = seedsite_build.build

    def build(*args: Any, **kwargs: Any) -> seedsite_build.BuildResult:
        result = real(*args, **kwargs)
        after_pages(project / "seeds")
        return result

    with monkeypatch.context() as patch:
        patch.setattr(seedsite_build, "build", build)  # the plugin calls it as `build.build`
        build_in_process(project / "mkdocs.yml")
    return project / "site"


def _replace_by_link(seeds: Path) -> None:
    secret = seeds.parent / "secret.txt"
    secret.write_text("root:x:0:0:the content of a file outside the seeds folder\n")
    (seeds / ".link").symlink_to(secret)
    os.replace(seeds / ".link", seeds / NAME)


@pytest.mark.parametrize(
    "change",
    [
        # Published what the link pointed at (the system password file, when tried).
        pytest.param(_replace_by_link, id="replaced by a link"),
        # Crashed the build with FileNotFoundError.
        pytest.param(lambda seeds: (seeds / NAME).unlink(), id="deleted"),
        # Crashed the build with PermissionError (made unreadable: see `made_unreadable`).
        pytest.param(None, id="made unreadable"),
    ],
)
def test_the_site_publishes_the_seed_its_page_was_made_from(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None] | None
) -> None:
    original = (project / "seeds" / NAME).read_bytes()

    def made_unreadable(seeds: Path) -> None:
        deny(monkeypatch, seeds / NAME)

    site = build_site(project, monkeypatch, change or made_unreadable)
    assert (site / "seeds" / NAME).read_bytes() == original
    assert (site / "seeds" / REAL.name).read_bytes() == REAL.read_bytes()
    assert (site / "articles" / "rivers-rise-in-lyon" / "index.html").is_file()
    assert "outside the seeds folder" not in "".join(
        p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file()
    )


def test_a_file_name_is_shown_escaped_and_isolated(project: Path) -> None:
    # Issue 18: seed text with bidi controls is refused, but the name was printed raw in the
    # provenance line: `100_<U+202E>gnp.txt` showed as `100_txt.png`.
    _seed(project / "seeds", "100_\u202egnp.txt", "Harbour plan approved", topic="harbour")
    build_in_process(project / "mkdocs.yml")
    site = project / "site"
    page = (site / "articles" / "harbour-plan-approved" / "index.html").read_text("utf-8")
    assert "<code><bdi>100_\\u202egnp.txt</bdi></code>" in page
    assert not [p for p in site.rglob("*.html") if "\u202e" in p.read_text("utf-8")]
    # The seed itself is published under its real name.
    assert (site / "seeds" / "100_\u202egnp.txt").is_file()


def test_feeds_are_dated_by_the_newest_article_not_the_clock(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 18: the channels' pubDate and lastBuildDate and an undated article's dates were
    # the build time (two builds differed), and the channel said <image><url>None</url>.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (project / "seeds" / "600_undated.txt").write_text(
        "A Story Without Any Date Line\n\nThe council said on Tuesday that the plan would be "
        "reviewed by a panel before any money is spent, and residents can comment.\n",
        "utf-8",
    )
    build_in_process(project / "mkdocs.yml")
    site = project / "site"
    newest = "Wed, 03 Mar 2021 00:00:00 -0000"  # 001_changing.txt's date; the real seed's is 2018
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        rss = (site / name).read_text("utf-8")
        channel = rss.split("<item>")[0]
        assert f"<pubDate>{newest}</pubDate>" in channel
        assert f"<lastBuildDate>{newest}</lastBuildDate>" in channel
        assert "<image>" not in rss and "None" not in rss
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        feed = json.loads((site / name).read_text("utf-8"))
        [undated] = [i for i in feed["items"] if i["title"] == "A Story Without Any Date Line"]
        assert undated["date_published"] == undated["date_modified"] == "2021-03-03T00:00:00+00:00"
    assert "<lastmod>2021-03-03</lastmod>" in (site / "sitemap.xml").read_text("utf-8")
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set for the build only


def test_the_site_clock_is_the_users_when_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from seedsite.model import Article, ConfigError, Metadata
    from seedsite.plugin.feeds import SiteClock, newest_date

    def article(date: str | None) -> Article:
        return Article(Metadata(source="a.txt", sha256="0", slug="a", date=date), ("text",))

    articles = [article("2019-05-01"), article(None), article("2021-03-03")]
    assert newest_date(articles) == 1614729600 and newest_date([article(None)]) == 0
    clock = SiteClock()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert clock.start(articles) == 1614729600 == int(os.environ["SOURCE_DATE_EPOCH"])
    assert clock.start(articles[:1]) == 1556668800  # the next build under `mkdocs serve`
    clock.stop()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # the user's choice wins
    assert clock.start(articles) == 86400
    clock.stop()
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH must be a whole number"):
        clock.start(articles)


def test_a_cached_seed_made_unreadable_does_not_abort_later_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """It aborted every later build with a traceback; now it is one error for that seed."""
    build_site(project, monkeypatch, lambda seeds: None)
    deny(monkeypatch, project / "seeds" / NAME)
    seedsite_build._in_memory.clear()  # the next build, in a new process
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.seedsite"):
        site = build_site(project, monkeypatch, lambda seeds: None)
    skipped = [r.getMessage() for r in caplog.records if "seed skipped" in r.getMessage()]
    assert skipped == [f"seed skipped: {NAME}: cannot be read: Permission denied"]
    assert not (site / "seeds" / NAME).exists()
    assert not (site / "articles" / "rivers-rise-in-lyon").exists()
    assert (site / "seeds" / REAL.name).read_bytes() == REAL.read_bytes()


# --- the plugin's configuration -------------------------------------------------------------


def _configure(
    project: Path, text: str, old: str = "      seeds: !ENV [SEEDSITE_SEEDS, seeds]\n"
) -> None:
    """Replace the seedsite plugin's options in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    assert old in config.read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace(old, text), "utf-8")


def test_options_come_from_mkdocs_yml_and_the_seeds_from_the_environment(
    project: Path, tmp_path: Path
) -> None:
    """``seeds: !ENV [SEEDSITE_SEEDS, seeds]`` reads the variable (the benchmark sets it), and
    ``listing_page_size`` cuts the home page (two articles, one a page: page/2/)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _seed(elsewhere, "001_x.txt", "Rivers rise in Lyon")
    _seed(elsewhere, "002_y.txt", "Mountains grow in Grenoble", topic="mountains")
    _configure(
        project,
        "      seeds: !ENV [SEEDSITE_SEEDS, seeds]\n      listing_page_size: 1\n"
        "      search_shard_size: 1\n",
    )
    mkdocs_build_command(project, env={"SEEDSITE_SEEDS": str(elsewhere)})
    site = project / "site"
    assert (site / "page" / "2" / "index.html").is_file()
    assert sorted(p.name for p in (site / "seeds").iterdir()) == ["001_x.txt", "002_y.txt"]
    manifest = json.loads((site / "pagefind" / "seedsite.json").read_text("utf-8"))
    assert len(manifest["shards"]) == 2  # one article a shard


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("      listing_page_size: 0\n", "option 'listing_page_size': must be 1 or more, not 0"),
        ("      jobs: two\n", "option 'jobs': Expected type: <class 'int'>"),
        # Issue 18: Pagefind names files after the language; this one wrote outside the site.
        (
            "      search_language: '../../../../../tmp/X/E'\n",
            "option 'search_language': must be a language code",
        ),
    ],
)
def test_a_bad_option_is_one_line_naming_it(project: Path, options: str, message: str) -> None:
    _configure(project, "      seeds: seeds\n" + options)
    run = subprocess.run(
        [*MKDOCS, "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert run.returncode != 0
    assert f"Plugin 'seedsite' {message}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("en", True),
        ("fa", True),
        ("fil", True),  # ISO 639-2: three letters
        ("EN", False),  # matched no article's language (theirs are lowercase)
        ("", False),
        ("en us", False),
        ("en-us", False),  # Pagefind's files would be named per region, the worker's per code
        ("../../../../../tmp/X/E", False),  # Pagefind wrote its files there
        ("e" * 40, False),  # Pagefind's indexer died on a file name this long
        (3, False),
    ],
)
def test_search_language_must_be_a_language_code(value: object, ok: bool) -> None:
    from mkdocs.config.base import ValidationError
    from seedsite.plugin.config import SeedsiteConfig

    option = SeedsiteConfig.search_language
    if ok:
        assert option.validate(value) == value
    else:
        with pytest.raises(ValidationError):
            option.validate(value)


def test_dirty_comes_from_mkdocs() -> None:
    """``--dirty`` is what MkDocs passes to ``on_startup``, not guessed from counting pages."""
    plugin = SeedsitePlugin()
    plugin.on_startup(command="build", dirty=True)
    assert (plugin.serving, plugin.dirty) == (False, True)
    plugin.on_startup(command="serve", dirty=False)
    assert (plugin.serving, plugin.dirty) == (True, False)


def test_the_place_in_the_plugin_list_does_not_change_the_site(tmp_path: Path) -> None:
    """seedsite's events that must follow Material's search and the feeds carry priorities: first
    or last in ``plugins``, the site is the same byte for byte after a build and a ``--dirty``
    rebuild (the feeds' build time aside). A hand-written page's title needs escaping (Material
    indexes it as written), and the dirty rebuild's feeds are put back whole after the RSS
    plugin wrote its partial ones."""
    sites = []
    for last in (False, True):
        project = make_project(tmp_path / f"last-{last}")
        _seed(project / "seeds", NAME, "Rivers rise in Lyon")
        (project / "docs" / "notes.md").write_text("# Q & A <notes>\n\nText.\n", "utf-8")
        if last:
            _move_seedsite_after_rss(project / "mkdocs.yml")
        mkdocs_build_command(project, strict=False)
        seed = project / "seeds" / NAME
        seed.write_text(seed.read_text("utf-8").replace("third", "edited"), "utf-8")
        mkdocs_build_command(project, "--dirty", strict=False)
        sites.append(_site_files(project / "site"))
    assert sites[0] == sites[1]
    index = json.loads(sites[0]["search/search_index.json"])
    assert "Q &amp; A &lt;notes&gt;" not in json.dumps(index)


def _move_seedsite_after_rss(config: Path) -> None:
    lines = config.read_text("utf-8").splitlines(keepends=True)
    start = lines.index("  - seedsite:\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - "))
    block, lines = lines[start:end], lines[:start] + lines[end:]
    rss = lines.index("  - rss:\n")
    after = next(i for i in range(rss + 1, len(lines)) if not lines[i].startswith("    "))
    config.write_text("".join(lines[:after] + block + lines[after:]), "utf-8")


def _site_files(site: Path) -> dict[str, bytes]:
    date = re.compile(rb"<(pubDate|lastBuildDate)>[^<]*</\1>")
    return {
        str(p.relative_to(site)): date.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


# --- another site: pip install and two lines of mkdocs.yml -------------------------------------

PLAIN_SITE = """\
site_name: Plain Material site
theme:
  name: material
plugins:
  - search
  - seedsite:
      seeds: articles-as-text
"""


def test_a_plain_material_site_adds_the_plugin_and_builds_strict(tmp_path: Path) -> None:
    """The README's recipe: a Material site with its own page, seedsite under ``plugins``, no
    copied templates, no feeds plugin. Articles get their template, style and search."""
    project = tmp_path / "plain"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "about.md").write_text("# About\n\nOur own page.\n", "utf-8")
    (project / "articles-as-text").mkdir()
    shutil.copy(REAL, project / "articles-as-text")
    (project / "mkdocs.yml").write_text(PLAIN_SITE, "utf-8")
    mkdocs_build_command(project)
    site = project / "site"
    [article] = (site / "articles").glob("*/index.html")
    html = article.read_text("utf-8")
    assert '<article class="seedsite-article" lang="en">' in html
    assert "assets/stylesheets/seedsite.css" in html
    assert '"search": "../../assets/javascripts/seedsite-search-worker.js"' in html
    assert (site / "assets" / "javascripts" / "seedsite-search-worker.js").is_file()
    assert (site / "assets" / "stylesheets" / "seedsite.css").is_file()
    assert (site / "pagefind" / "seedsite.json").is_file()
    assert (site / "seeds" / REAL.name).read_bytes() == REAL.read_bytes()
    assert "Our own page." in (site / "about" / "index.html").read_text("utf-8")


def test_the_package_ships_every_theme_file() -> None:
    """``pip install`` (not editable) copies only the package data pyproject.toml names."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["seedsite.plugin"]
    package = root / "scripts" / "seedsite" / "plugin"
    files = [str(p.relative_to(package)) for p in (package / "theme").rglob("*") if p.is_file()]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []
    assert "seedsite.plugin" in pyproject["tool"]["setuptools"]["packages"]
    entry = pyproject["project"]["entry-points"]["mkdocs.plugins"]["seedsite"]
    assert entry == "seedsite.plugin.plugin:SeedsitePlugin"


# --- hand-written pages, the build lock ----------------------------------------------------


@pytest.mark.parametrize(
    "hand_written",
    [
        {
            "tags.md": ("tags/index.md", "# Topics\n\nkestrel\n"),
            "archive.md": ("archive/index.md", "# Past issues\n\nosprey\n"),
        },
        {
            "articles/rivers-rise-in-lyon/index.md": (
                "articles/rivers-rise-in-lyon.md",
                "# My notes\n\nheron\n",
            )
        },
    ],
)
def test_a_hand_written_page_at_a_generated_url_wins_with_a_warning(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    hand_written: dict[str, tuple[str, str]],
) -> None:
    """docs/tags.md and the generated tags/index.md are both tags/: the generated page took the
    URL and the hand-written one vanished from the site, `--strict` passing."""
    for rel, (_, text) in hand_written.items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, "utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.seedsite"):
        site = build_site(project, monkeypatch, lambda seeds: None)
    warnings = [r.getMessage() for r in caplog.records if "same URL" in r.getMessage()]
    assert len(warnings) == len(hand_written)
    for rel, (generated, text) in hand_written.items():
        assert any(f"'{rel}'" in w and f"'{generated}'" in w for w in warnings), warnings
        page = site / generated.removesuffix(".md").removesuffix("/index") / "index.html"
        assert text.split()[-1] in page.read_text("utf-8")
        # The generated page is still written: it only gives way in the site.
        assert (project / "docs" / generated).is_file()


def test_strict_fails_on_a_hand_written_page_at_a_generated_url(project: Path) -> None:
    (project / "docs" / "tags.md").write_text("# Topics\n\nkestrel\n", "utf-8")
    run = subprocess.run(
        [*MKDOCS, "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert run.returncode != 0
    assert "'tags.md'" in run.stderr and "'tags/index.md'" in run.stderr


def test_the_build_lock_is_held_until_the_site_is_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the pages being made to the site being written, no other build of the site may
    run: one deleted the seed copies this build was about to publish (FileNotFoundError)."""
    from seedsite.folders import LOCK_FILE

    probe = [
        sys.executable,
        "-c",
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR);"
        "fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
        str(project / "docs" / LOCK_FILE),
    ]
    held: list[int] = []
    real = SeedsitePlugin.on_post_build

    def on_post_build(self: SeedsitePlugin, *, config: Any) -> None:
        held.append(subprocess.run(probe, capture_output=True).returncode)
        real(self, config=config)

    monkeypatch.setattr(SeedsitePlugin, "on_post_build", on_post_build)
    build_site(
        project,
        monkeypatch,
        lambda seeds: held.append(subprocess.run(probe, capture_output=True).returncode),
    )
    assert len(held) == 2 and all(held)  # held after the pages and at the end of the build
    assert subprocess.run(probe, capture_output=True).returncode == 0  # and given back
