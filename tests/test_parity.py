"""`seedsite check --strict` and `mkdocs build --strict` never disagree: every warning of the site
build is a warning or error of the check, and a folder the check passes builds clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_site import make_project

pytestmark = pytest.mark.site

BODY = (
    "The city council voted on Tuesday to extend the emergency water rules for another six "
    "months, after the reservoirs fell to their lowest level in forty years."
)
# Seeds a real archive has: undated, no headline, a rule of dashes on top, only digits, right
# to left, Chinese, markup, a title twice, a reserved name, and one with no body at all.
ODD = {
    "101_undated.txt": f"Council extends water rules\n{BODY}\n",
    "102_dashes.txt": "-" * 300 + f"\nHarbour rules\n{BODY}\n",
    "103_fa.txt": "کاهش ذخایر سدهای تهران\nذخایر آب سدهای تهران در سال جاری چهل درصد کاهش یافته"
    " است و کارشناسان درباره تابستان آینده هشدار می‌دهند که مصرف آب باید کم شود.\n",
    "104_emoji.txt": f"🔥🔥🔥\n{BODY}\n",
    "105_numbers.txt": "Scores\n1 2 3 4\n5 6 7 8\n",
    "106_same.txt": f"Council extends water rules\n{BODY} Again.\n",
    "107_markup.txt": f"<script>alert(1)</script>\n{BODY}\n"
    '[a](javascript:x) --8<-- "/etc/passwd"\n',
    "108_zh.txt": "北京博物馆夜间开放\n"
    "北京多家博物馆从本周起延长开放时间，夜间参观人数明显增加。\n",
    "index.txt": f"{BODY}\n",
    "robots.txt": f"Robots\n{BODY}\n",
    "109_only_header.txt": "Just a headline\n",
}
_MKDOCS_WARNING = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(.*)$", re.M)
_CHECK_LINE = re.compile(r"^(?:warning|error): (.*)$", re.M)


def _check(project: Path) -> tuple[int, set[str]]:
    run = subprocess.run(
        [sys.executable, "-m", "seedsite", "check", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run.returncode, set(_CHECK_LINE.findall(run.stdout + run.stderr))


def _site(project: Path) -> tuple[int, set[str]]:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    messages = _MKDOCS_WARNING.findall(run.stdout + run.stderr)
    # (A skipped seed's error is logged with what it is.)
    return run.returncode, {m.removeprefix("seed skipped: ") for m in messages}


def test_odd_seeds_fail_both_with_the_same_messages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "odd")
    for name, text in ODD.items():
        (project / "seeds" / name).write_text(text, "utf-8")
    check_rc, check_messages = _check(project)
    site_rc, site_messages = _site(project)
    assert check_rc != 0 and site_rc != 0
    assert check_messages, "the odd seeds give warnings"
    # Every warning of the site build is one of the check's (MkDocs' own "Aborted with N
    # warnings" line aside), and the other way round.
    site_messages = {m for m in site_messages if not m.startswith("Aborted with")}
    assert site_messages == check_messages


def test_a_folder_the_check_passes_builds_clean(tmp_path: Path) -> None:
    project = make_project(tmp_path / "clean")
    check_rc, check_messages = _check(project)
    site_rc, site_messages = _site(project)
    assert (check_rc, check_messages) == (0, set())
    assert (site_rc, site_messages) == (0, set()), site_messages
