"""The benchmark harness end to end at 50 seeds: every figure of the table is measured."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_bench() -> ModuleType:
    """scripts/bench.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_baseline_targets_are_well_formed() -> None:
    bench = load_bench()
    baseline = json.loads(bench.BASELINE.read_text(encoding="utf-8"))
    keys = {key for key, _ in bench.COLUMNS}
    for target in baseline["targets"]:
        assert "min" in target or "max" in target, target["name"]
        parts = target.get("ratio", [target])
        assert all(part["key"] in keys for part in parts), target["name"]


def test_check_passes_fails_and_skips() -> None:
    bench = load_bench()
    baseline = {
        "targets": [
            {"name": "a", "size": 10, "key": "full_build_s", "max": 5},
            {"name": "b", "size": 10, "key": "peak_rss_mb", "max": 5},
            {"name": "c", "size": 99, "key": "full_build_s", "max": 5},
            {
                "name": "d",
                "ratio": [{"size": 10, "key": "full_build_s"}, {"size": 1, "key": "full_build_s"}],
                "max": 11,
            },
        ]
    }
    results = [{"seeds": 10, "full_build_s": 4, "peak_rss_mb": 6}, {"seeds": 1, "full_build_s": 2}]
    assert [c["ok"] for c in bench.check(results, baseline)] == [True, False, None, True]


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
def test_bench_at_50_seeds_fills_the_table(tmp_path: Path) -> None:
    bench = load_bench()
    out = tmp_path / "bench.json"
    # A process of its own, as it is run (and playwright's sync API owns its thread's loop)
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "50", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]  # no target at 50
    data = json.loads(out.read_text(encoding="utf-8"))
    [result] = data["results"]
    assert "errors" not in result, result.get("errors")
    material_only = {"material_first_result_s", "speedup_vs_material"}
    missing = [
        key for key, _ in bench.COLUMNS if key not in material_only and result.get(key) is None
    ]
    assert missing == []
    assert result["search_engine"] == "pagefind"
    assert result["search_marks"] > 0 and result["search_results_shown"] > 0
    assert result["cli_rerun_written"] == 0
    assert result["serve_whole"] == 1  # search and feeds whole when the edit showed
    printed = run.stdout
    assert "first result s" in printed and "n/a" in printed
