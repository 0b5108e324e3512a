"""The benchmark harness end to end at 50 seeds: every figure of the table is measured."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
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
    assert baseline["rule_scaling"]["max_ratio"] == 5  # issue 10: 4x the lines, at most 5x


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


def test_rule_checks_fail_a_superlinear_rule_or_a_crash() -> None:
    bench = load_bench()
    baseline = {"rule_scaling": {"max_ratio": 5}}
    rows = [
        {"case": "a", "rule": "ad-slot", "ratio": 4.2},
        {"case": "b", "rule": "gallery", "ratio": 16.1},
        # A seed decode refuses is what the case shows; an internal error is a bug.
        {"case": "c", "rule": "decode", "ratio": 4.0, "large_error": "x.txt:3:1: control char"},
        {"case": "d", "rule": "chart", "ratio": 4.0, "small_error": "x.txt: internal error: E"},
    ]
    assert [c["ok"] for c in bench.rule_checks(rows, baseline)] == [True, False, True, False]


def test_every_worst_input_fits_a_seed_and_goes_through_the_pipeline() -> None:
    """At the benchmark's large size each case is still a seed the build reads (under the size
    limit), and at a tiny size each makes a page or a clean error, never an internal one."""
    from seedsite.build import MAX_SEED_BYTES
    from seedsite.worst import CASES

    bench = load_bench()
    for case in CASES:
        assert len(case.make(bench.RULE_FACTOR * case.lines)) <= MAX_SEED_BYTES, case.name
        small = max(1, case.lines // 100)
        chrome = case.chrome(small) if case.chrome else frozenset()
        assert "internal error" not in bench.pipeline(case.make(small), chrome), case.name
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names) and not any("," in name for name in names)  # --rules


@pytest.mark.skipif(not hasattr(os, "fork"), reason="runs are timed in forked copies")
def test_a_stalled_run_is_stopped_and_fails_its_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from seedsite.worst import Case

    bench = load_bench()
    monkeypatch.setattr(bench, "RULE_TIMEOUT_S", 0.5)

    def slow(n: int) -> bytes:
        time.sleep(n)
        return b"text"

    measured = bench._measure_apart(Case("slow", "none", 60, slow), 60)
    assert measured["outcome"] == "stalled: over 0.5 s"
    row = {"case": "slow", "rule": "none", "ratio": 1.0, "large_error": measured["outcome"]}
    assert bench.rule_checks([row], {"rule_scaling": {"max_ratio": 5}})[0]["ok"] is False


def test_rule_table_has_a_row_per_case() -> None:
    bench = load_bench()
    row = {"case": "ad slots", "rule": "ad-slot", "small_lines": 5, "large_lines": 20}
    row |= {"large_kb": 1, "small_s": 0.1, "large_s": 0.4, "ratio": 4.0}
    printed = bench.rule_table([row]).splitlines()
    assert len(printed) == 3 and printed[2].startswith("ad slots") and printed[2].endswith("4.0")


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
def test_bench_at_50_seeds_fills_the_table(tmp_path: Path) -> None:
    bench = load_bench()
    out = tmp_path / "bench.json"
    # The rule scaling has tests of its own above: a minute more here would add nothing.
    cmd = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "50", "--no-rules"]
    # A process of its own, as it is run (and playwright's sync API owns its thread's loop)
    run = subprocess.run(
        [*cmd, "--out", str(out)],
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
