"""The thin CLI: exit codes, the summary line, the JSON report, check writes nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from seedsite.cli import main

REAL = Path(__file__).resolve().parents[1] / "seeds" / "000_1682d531997dcce0.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs").mkdir()
    shutil.copy(REAL, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_prints_summary_and_exits_zero(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--report", "report.json"]) == 0
    assert capsys.readouterr().out.strip() == "1 page, 0 warnings, 0 errors"
    report = json.loads((project / "report.json").read_text("utf-8"))
    [seed] = report["seeds"]
    assert seed["status"] == "ok" and seed["encoding"] == "utf-8"
    removed = {r["text"]: r["rule"] for r in seed["removed"]}
    assert removed.get("728 x 90")
    assert "Latest News and Articles" in removed


def test_check_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert list((project / "docs").iterdir()) == []
    assert "1 page" in capsys.readouterr().out


def test_errors_exit_non_zero_and_name_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "seeds" / "001_bad.txt").write_bytes(b"Title\n\n" + b"\x00\x07ab" * 50)
    assert main(["build"]) == 1
    out = capsys.readouterr()
    assert "1 page, 0 warnings, 1 error" in out.out
    assert "001_bad.txt:3:1: NUL character U+0000" in out.err and "binary" in out.err


def test_a_stray_control_is_a_warning_naming_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REAL.read_text("utf-8").replace("Following a report", "Following \x07a report")
    (project / "seeds" / "001_bell.txt").write_text(text, encoding="utf-8")
    assert main(["build"]) == 0
    out = capsys.readouterr()
    # (The other warning: its slug is the real seed's, so it gets another.)
    assert "2 warnings, 0 errors" in out.out
    assert "warning: 001_bell.txt: line 12: removed 1 control character (U+0007 BELL)" in out.err
    assert main(["build", "--strict"]) == 1


def test_strict_fails_on_warnings(project: Path) -> None:
    shutil.copy(REAL, project / "seeds" / "001_copy.txt")
    assert main(["build"]) == 0
    assert main(["build", "--strict"]) == 1


def test_missing_folder_is_one_clean_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--seeds", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nowhere" in err and "Traceback" not in err


def test_the_build_script_keeps_no_seed_copies_and_the_site_build_makes_them(
    project: Path,
) -> None:
    from seedsite.build import build

    # The build script writes pages only: the private copies the site publishes from are
    # not its to make (a third of its files at 10,000 seeds).
    assert main(["build"]) == 0
    assert main(["build"]) == 0  # again, from its cache: still none
    copies = project / ".seedsite-cache" / "seeds"
    assert not copies.exists() or list(copies.iterdir()) == []
    # The site's build, from the same cache, reads the unchanged seed again and keeps it.
    result = build(
        project / "seeds", project / "docs", cache_dir=project / ".seedsite-cache", jobs=1
    )
    [published] = result.seeds.values()
    assert isinstance(published, Path) and published.parent == copies
    assert published.read_bytes() == REAL.read_bytes()


def test_the_build_script_saves_its_cache_from_a_fork_while_it_writes_pages(
    project: Path,
) -> None:
    import subprocess
    import sys

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "seedsite", "build", "--report", "r.json"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    saved = (project / ".seedsite-cache" / "cache.json").read_bytes()
    # The fork made the listings itself: they are in the cache it saved, as this process's are.
    from seedsite.build import CACHE_VERSION
    from seedsite.cache import decode

    kept = decode(saved, CACHE_VERSION)
    assert kept is not None and kept.listings is not None and kept.listing_memo
    assert "index.md" in kept.listings.pages and not kept.unsaved
    again = run()  # the cache the fork saved is read back: nothing to write, no warning
    assert again.returncode == 0 and "warning" not in again.stderr
    assert json.loads((project / "r.json").read_text("utf-8"))["written"] == []
    # A cache folder that is a file: the saver fails, the build stands, one warning.
    shutil.rmtree(project / ".seedsite-cache")
    (project / ".seedsite-cache").write_text("not a folder")
    shutil.copy(REAL, project / "seeds" / "001_copy.txt")
    broken = run()
    assert broken.returncode == 0
    assert "cache" in broken.stderr and "not saved" in broken.stderr


@pytest.mark.parametrize(
    ("args", "code", "out", "err"),
    [
        (["build"], 0, "1 page, 0 warnings, 0 errors\n", ""),
        (["build", "--seeds", "nowhere"], 2, "", "error: nowhere: seeds folder not found\n"),
    ],
)
def test_the_command_exits_with_mains_code_and_all_its_output(
    project: Path, args: list[str], code: int, out: str, err: str
) -> None:
    # The command leaves without tearing the interpreter down (os._exit): its output must still
    # be flushed whole, and its exit code be main's, through both ways of running it.
    import subprocess
    import sys

    for command in (
        [sys.executable, "-m", "seedsite"],
        [str(Path(sys.executable).parent / "seedsite")],
    ):
        done = subprocess.run([*command, *args], cwd=project, capture_output=True, text=True)
        assert (done.returncode, done.stdout, done.stderr) == (code, out, err)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("000_abc.txt", "000_abc.txt"),
        ("خبر.txt", "خبر.txt"),  # letters of any script print as they are
        ("204_\udcff\udcfe.txt", "204_\\xff\\xfe.txt"),  # not UTF-8: its bytes
        ("\x1b]0;pwned\x07\x1b[2J.txt", "\\x1b]0;pwned\\x07\\x1b[2J.txt"),  # retitles a terminal
        ("100_\u202egnp.txt", "100_\\u202egnp.txt"),  # showed as 100_txt.png
        ("a\u2066b\u200fc", "a\\u2066b\\u200fc"),  # isolates and marks
        ("tag\U000e0041.txt", "tag\\U000e0041.txt"),  # an invisible tag character
    ],
)
def test_printable_escapes_what_does_not_print(name: str, shown: str) -> None:
    from seedsite.model import printable

    assert printable(name) == shown


def test_odd_file_names_never_crash_the_report_nor_reach_the_terminal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 18: `--report` crashed with "surrogates not allowed" after writing docs/.
    seeds = os.fsencode(project / "seeds")
    text = REAL.read_bytes()
    with open(os.path.join(seeds, b"204_\xff\xfe.txt"), "wb") as f:
        f.write(text.replace(b"Tehran", b"Teheran"))
    escape = "\x1b]0;pwned\x07\x1b[2J.txt"
    # (no headline: a warning that names the file)
    (project / "seeds" / escape).write_text("a " * 200 + "end.\n\nMore text here.\n", "utf-8")
    assert main(["build", "--report", "report.json"]) == 1
    out = capsys.readouterr()
    assert "\x1b" not in out.err + out.out
    assert "error: 204_\\xff\\xfe.txt: the file name is not UTF-8" in out.err
    assert "warning: \\x1b]0;pwned\\x07\\x1b[2J.txt: no headline found" in out.err
    report = json.loads((project / "report.json").read_text("utf-8"))
    assert {s["source"]: s["status"] for s in report["seeds"]} == {
        "000_1682d531997dcce0.txt": "ok",
        "204_\\xff\\xfe.txt": "error",
        "\\x1b]0;pwned\\x07\\x1b[2J.txt": "ok",
    }
