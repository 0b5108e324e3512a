"""The MkDocs hook, in this process: what a real site build publishes when a seed changes
between the pages being made and MkDocs copying the seeds into the site (issue 10, item 4).

MkDocs runs in this process so the change can be made at that exact moment: the package's
``build`` is wrapped to change the seeds folder as soon as it returns.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import seedsite.build as seedsite_build
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from seedsite import serve
from test_build import REAL, _seed, deny
from test_site import make_project

pytestmark = pytest.mark.site

NAME = "001_changing.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site with the real seed and ``NAME``, a fresh hook state and no build cache loaded."""
    project = make_project(tmp_path / "site-project")
    _seed(project / "seeds", NAME, "Rivers rise in Lyon")
    monkeypatch.delenv("SEEDSITE_SEEDS", raising=False)
    monkeypatch.setattr(serve, "STATE", serve.HookState())  # what a new process starts with
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
        patch.setattr(seedsite_build, "build", build)  # the hook imports it when loaded
        # What `mkdocs build` does (mkdocs/__main__.py).
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
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


def test_a_cached_seed_made_unreadable_does_not_abort_later_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """It aborted every later build with a traceback; now it is one error for that seed."""
    build_site(project, monkeypatch, lambda seeds: None)
    deny(monkeypatch, project / "seeds" / NAME)
    monkeypatch.setattr(serve, "STATE", serve.HookState())
    seedsite_build._in_memory.clear()  # the next build, in a new process
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.seedsite"):
        site = build_site(project, monkeypatch, lambda seeds: None)
    skipped = [r.getMessage() for r in caplog.records if "seed skipped" in r.getMessage()]
    assert skipped == [f"seed skipped: {NAME}: cannot be read: Permission denied"]
    assert not (site / "seeds" / NAME).exists()
    assert not (site / "articles" / "rivers-rise-in-lyon").exists()
    assert (site / "seeds" / REAL.name).read_bytes() == REAL.read_bytes()
