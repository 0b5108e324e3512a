"""The thin CLI: exit codes, the summary line, the JSON report, check writes nothing."""

from __future__ import annotations

import json
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
    (project / "seeds" / "001_bad.txt").write_bytes(b"Title\n\nA bell \x07 here.\n")
    assert main(["build"]) == 1
    out = capsys.readouterr()
    assert "1 page, 0 warnings, 1 error" in out.out
    assert "001_bad.txt:3" in out.err and "U+0007" in out.err


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
