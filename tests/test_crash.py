"""A build killed at any point (`kill -9`, a power cut): the next build gives a site
byte-identical to a clean build (issue 18, item 8).

Each case starts from a project built once from other seeds (so the killed build has pages to
write, rewrite and delete, seed copies to make and prune), kills a real `mkdocs build` (its
whole process group, workers too) at one point of its work, seen from outside as the files
appear, builds again, and compares the docs and site folders with those of a clean build of the
same seeds in a fresh copy of the project.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from seedsite.synth import write_corpus
from test_site import MKDOCS, REAL, make_project

pytestmark = pytest.mark.site

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
ENV.pop("SEEDSITE_SEEDS", None)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".seedsite.lock"
    }


def _build(project: Path) -> None:
    run = subprocess.run(
        [*MKDOCS, "build"], cwd=project, capture_output=True, text=True, env=ENV, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]


def _count(folder: Path) -> int:
    try:
        return sum(1 for _ in folder.iterdir())
    except OSError:
        return 0


# When to kill, each seen from outside: files that appear at each step of a build (`new` is a
# page of the second build's, in the middle of those it adds; `copy` the private copy of one of
# its new seeds).
POINTS: dict[str, Callable[[Path, str, str], bool]] = {
    "the first page being written": lambda p, new, copy: (p / "docs" / ".seedsite-tmp").exists(),
    "half the new pages written": lambda p, new, copy: (p / "docs" / new).exists(),
    "the seed copies being made": lambda p, new, copy: (p / copy).exists(),
    "the site being written": lambda p, new, copy: _count(p / "site") >= 3,
    "the search index being written": lambda p, new, copy: (p / "site" / "pagefind").exists(),
    "the feeds written": lambda p, new, copy: (p / "site" / "feed_rss_created.xml").exists(),
}


def _kill_when(project: Path, ready: Callable[[Path], bool]) -> bool:
    """Run `mkdocs build` and kill it with SIGKILL as soon as ``ready``; whether it was killed
    (not finished first)."""
    build = subprocess.Popen(
        [*MKDOCS, "build"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while build.poll() is None and time.monotonic() < deadline:
            if ready(project):
                os.killpg(build.pid, signal.SIGKILL)
                build.wait()
                return True
            time.sleep(0.001)
        return False
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()


Projects = tuple[Path, Path, dict[str, bytes], str, str]


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Projects:
    """A project built from its first seeds, the seeds of the second build (some kept, some
    new, some gone), a clean build's docs and site from those, a page and a seed copy that the
    second build adds half-way through its pages and copies."""
    root = tmp_path_factory.mktemp("crash")
    first = write_corpus(root / "first", 40, seed=3)
    second = write_corpus(root / "second", 40, seed=4)
    before = make_project(root / "before", [REAL, *first[:30]])
    _build(before)
    seeds = [REAL, *first[10:30], *second]
    (root / "seeds").mkdir()
    for path in seeds:
        shutil.copy(path, root / "seeds")
    clean = make_project(root / "clean", seeds)
    _build(clean)
    want = {f"docs/{k}": v for k, v in _tree(clean / "docs").items()}
    want.update({f"site/{k}": v for k, v in _tree(clean / "site").items()})
    old = set(_tree(before / "docs"))
    new = sorted(k[5:] for k in want if k.startswith("docs/articles/") and k[5:] not in old)
    sha256 = hashlib.sha256(second[len(second) // 2].read_bytes()).hexdigest()
    return before, root / "seeds", want, new[len(new) // 2], f".seedsite-cache/seeds/{sha256}"


@pytest.mark.parametrize("point", list(POINTS))
def test_after_a_kill_the_next_build_is_a_clean_builds_site(
    projects: Projects, tmp_path: Path, point: str
) -> None:
    before, seeds, want, new, copy = projects
    project = tmp_path / "p"
    shutil.copytree(before, project, symlinks=True)
    shutil.rmtree(project / "seeds")
    shutil.copytree(seeds, project / "seeds")
    # (MkDocs empties the site folder at the start of a build: the files it writes are seen.)
    shutil.rmtree(project / "site")
    assert not POINTS[point](project, new, copy)
    ready = POINTS[point]
    assert _kill_when(project, lambda p: ready(p, new, copy)), f"it finished before {point}"
    _build(project)
    got = {f"docs/{k}": v for k, v in _tree(project / "docs").items()}
    got.update({f"site/{k}": v for k, v in _tree(project / "site").items()})
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    assert not differ, f"{len(differ)} files differ from a clean build's, e.g. {differ[:5]}"
