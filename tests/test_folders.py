"""folders: the seeds, docs, site and cache folders kept apart, one build of a site at a time
(issue 18, items 7 and 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seedsite.build import build
from seedsite.folders import LOCK_FILE, acquire, check_apart, release
from seedsite.model import ConfigError
from test_build import REAL
from test_site import MKDOCS, make_project


@pytest.mark.parametrize(
    ("seeds", "cache", "overlap"),
    [
        ("data/seeds", "data", True),  # the copies went to data/seeds: every seed deleted
        ("seeds", ".", True),  # cache_dir: "."
        ("seeds", "", True),  # cache_dir: "" (the project folder)
        ("seeds", "seeds", True),
        ("seeds", "seeds/cache", True),
        ("seeds", "seeds/../seeds/x", True),  # the same, written otherwise
        ("seeds", ".seedsite-cache", False),
        ("seeds", "seeds-cache", False),  # a common prefix is not an overlap
        ("data/seeds", "data/cache", False),
    ],
)
def test_overlapping_folders_are_a_configuration_error(
    tmp_path: Path, seeds: str, cache: str, overlap: bool
) -> None:
    folders = {"option 'seeds'": tmp_path / seeds, "option 'cache_dir'": tmp_path / cache}
    if not overlap:
        check_apart(folders)
        return
    with pytest.raises(ConfigError) as error:
        check_apart(folders)
    assert "option 'seeds'" in str(error.value) and "option 'cache_dir'" in str(error.value)


def test_a_cache_folder_holding_the_seeds_folder_deletes_no_seed(tmp_path: Path) -> None:
    """`seeds: data/seeds` with `cache_dir: data`: the seed copies went to data/seeds, which
    was the seeds folder, and every file there not named by a sha256 was pruned."""
    seeds, docs = tmp_path / "data" / "seeds", tmp_path / "docs"
    seeds.mkdir(parents=True)
    docs.mkdir()
    shutil.copy(REAL, seeds)
    with pytest.raises(ConfigError, match=r"seeds folder .* cache folder"):
        build(seeds, docs, cache_dir=tmp_path / "data")
    assert [p.name for p in seeds.iterdir()] == [REAL.name]
    assert (seeds / REAL.name).read_bytes() == REAL.read_bytes()
    assert list(docs.iterdir()) == []  # nothing written


_PLACES = ["a", "b", "c", "a/b", "b/a", "a/c", "c/a/b", ".", "missing", "a/../b"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(_PLACES),
    st.sampled_from(_PLACES),
    st.one_of(st.none(), st.sampled_from([*_PLACES, "a/seeds", "b/seeds"])),
)
def test_any_folders_build_or_fail_cleanly_and_never_touch_a_seed(
    tmp_path_factory: pytest.TempPathFactory, seeds_at: str, docs_at: str, cache_at: str | None
) -> None:
    """Folders overlapping, nested, missing: a build or a ConfigError, and the seeds are as
    they were; a build happens exactly when the folders are apart and exist."""
    root = tmp_path_factory.mktemp("folders")
    for place in ("a", "b", "c", "a/b", "b/a", "a/c", "c/a/b"):
        (root / place).mkdir(parents=True, exist_ok=True)
    seeds, docs = root / seeds_at, root / docs_at
    cache = None if cache_at is None else root / cache_at
    if seeds.is_dir():
        shutil.copy(REAL, seeds / REAL.name)
    before = {p: p.read_bytes() for p in root.rglob("*.txt")}
    chosen = [p.resolve() for p in (seeds, docs, cache) if p is not None]
    apart = all(
        a != b and a not in b.parents and b not in a.parents
        for i, a in enumerate(chosen)
        for b in chosen[i + 1 :]
    )
    try:
        result = build(seeds, docs, cache_dir=cache)
    except ConfigError as e:
        assert not (apart and seeds.is_dir() and docs.is_dir()), e
    else:
        assert apart and [s.status for s in result.report.seeds] == ["ok"]
    assert {p: p.read_bytes() for p in before} == before


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    """Two builds of one site at once: the second deleted the seed copies the first was about
    to publish. It waits, with a message, and goes on when the first is done."""
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    shutil.copy(REAL, seeds)
    held = acquire(docs, print)  # the first build, in this process
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "seedsite", "build", "--seeds", "seeds", "--docs", "docs"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        waiting = second.stderr.readline()
        assert "another build of this site" in waiting and LOCK_FILE in waiting
        time.sleep(0.5)
        assert second.poll() is None and not (docs / "index.md").exists()
    finally:
        release(held)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert (docs / "index.md").exists()


def test_the_lock_is_per_process_and_reentrant(tmp_path: Path) -> None:
    """Taken twice by one thread (the plugin's build event, then the pipeline), given back by
    the outer release only; a killed holder's lock is free (a process-owned record lock)."""
    outer = acquire(tmp_path, print)
    inner = acquire(tmp_path, print)
    release(inner)
    probe = [
        sys.executable,
        "-c",
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR);"
        "fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
        str(tmp_path / LOCK_FILE),
    ]
    assert subprocess.run(probe, capture_output=True).returncode != 0  # still held
    release(outer)
    assert subprocess.run(probe, capture_output=True).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"{probe[2]}; print('held', flush=True); import time; time.sleep(60)",
            probe[3],
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    assert subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.site
@pytest.mark.parametrize(
    ("options", "names"),
    [
        (["seeds: data/seeds", "cache_dir: data"], ("'seeds'", "'cache_dir'")),
        (["seeds: seeds", 'cache_dir: ""'], ("'seeds'", "'cache_dir'")),
        (["seeds: seeds", "cache_dir: ."], ("'seeds'", "'cache_dir'")),
        # Emptied by MkDocs at the start of every build: each build crashed.
        (["seeds: seeds", "cache_dir: site/cache"], ("'cache_dir'", "site_dir")),
        (["seeds: docs/seeds"], ("'seeds'", "docs_dir")),
    ],
)
def test_mkdocs_build_refuses_overlapping_folders_before_writing(
    tmp_path: Path, options: list[str], names: tuple[str, str]
) -> None:
    project = make_project(tmp_path / "p")
    seeds = project / options[0].split(": ")[1]
    if seeds != project / "seeds":
        seeds.mkdir(parents=True)
        shutil.move(project / "seeds" / REAL.name, seeds / REAL.name)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    head, _, rest = text.partition("  - seedsite:\n")
    body = rest.split("\n")
    while body and body[0].startswith("      "):
        body.pop(0)
    lines = "".join(f"      {o}\n" for o in options)
    config.write_text(f"{head}  - seedsite:\n{lines}" + "\n".join(body), "utf-8")
    docs_before = sorted(p.name for p in (project / "docs").iterdir())
    run = subprocess.run(
        [*MKDOCS, "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "SEEDSITE_SEEDS"},
    )
    assert run.returncode != 0 and "Traceback" not in run.stderr
    message = next(line for line in run.stderr.splitlines() if "seedsite:" in line)
    assert all(name in message for name in names), message
    assert (seeds / REAL.name).read_bytes() == REAL.read_bytes()
    assert sorted(p.name for p in (project / "docs").iterdir()) == docs_before
