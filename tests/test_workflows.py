"""The project's automation: GitHub workflows, Dependabot, .ci/run and the Makefile.

The workflows must validate against GitHub's schema and pass zizmor with no findings (both
offline), and keep the house rules: no permission at the top, the least per job, every action
pinned by commit SHA, no persisted credentials. The Makefile's targets are the README's commands.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = {name: GITHUB / "workflows" / f"{name}.yml" for name in ("ci", "pages")}
BIN = Path(sys.executable).parent
TARGETS = ["serve", "test", "build", "bench", "lint", "clean"]


def tool(name: str) -> str:
    """A command installed in this environment (.venv/bin), from requirements-dev.txt."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed beside {sys.executable} (make test installs it)")
    return str(path)


def load(path: Path) -> dict[str, Any]:
    """A workflow as data; YAML 1.1 reads the key `on` as True, so it is put back."""
    data: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", [WORKFLOWS["ci"], WORKFLOWS["pages"]]),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
    ],
)
def test_files_match_githubs_schemas(schema: str, files: list[Path]) -> None:
    run = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing() -> None:
    # --offline: no GitHub API calls (they need a token and the network); every local audit runs.
    run = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--format", "json", str(GITHUB)],
        capture_output=True,
        text=True,
    )
    findings = json.loads(run.stdout or "null")
    summary = [f"{f['ident']}: {f['desc']}" for f in findings or []]
    assert run.returncode == 0 and findings == [], summary or run.stderr


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_no_permission_by_default_and_read_only_contents_per_job(name: str) -> None:
    workflow = load(WORKFLOWS[name])
    assert workflow["permissions"] == {}
    for job_name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        if job_name == "deploy":
            continue  # pages.yml's deploy job: checked on its own below
        assert permissions.get("contents") == "read", job_name
        assert "write" not in permissions.values(), job_name


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_actions_are_pinned_by_commit_sha_with_the_release_named(name: str) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOWS[name].read_text("utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action}: name the release"


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_checkout_never_persists_credentials(name: str) -> None:
    checkouts = [
        s for s in steps(load(WORKFLOWS[name])) if "actions/checkout@" in s.get("uses", "")
    ]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_ci_has_separate_lint_tests_and_site_jobs() -> None:
    ci = load(WORKFLOWS["ci"])
    assert set(ci["on"]) == {"push", "pull_request"}
    assert ci["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in ci["concurrency"]["group"]
    jobs = ci["jobs"]
    assert set(jobs) == {"lint", "tests", "site"}
    assert [s["run"] for s in jobs["lint"]["steps"] if "run" in s] == ["make lint"]
    # The site, built by MkDocs, then by ProperDocs (its maintained fork) from the same config.
    assert [s["run"] for s in jobs["site"]["steps"] if "run" in s] == [
        "make build",
        ".venv/bin/properdocs build --strict -f mkdocs.yml --site-dir site-properdocs",
    ]
    # The tests run in Debian, where apt's chromium is the real browser, through .ci/run.
    assert jobs["tests"]["container"]["image"].startswith("python:3.11-")
    assert [s["run"] for s in jobs["tests"]["steps"] if "run" in s] == ["bash .ci/run"]
    for job in ("lint", "site"):
        [setup] = [s for s in jobs[job]["steps"] if "setup-python@" in s.get("uses", "")]
        assert setup["with"]["cache"] == "pip"
    assert any("actions/cache@" in s.get("uses", "") for s in jobs["tests"]["steps"])


def test_ci_run_installs_chromium_and_requires_the_browser() -> None:
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    assert "/usr/bin/chromium" in script
    assert re.search(r"apt-get .*update", script)
    assert re.search(r"apt-get .*install -y .*chromium", script)
    assert re.search(r"^REQUIRE_BROWSER=1 make test$", script, re.MULTILINE)
    subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")], check=True)


def test_pages_deploys_the_default_branch_one_deployment_at_a_time() -> None:
    pages = load(WORKFLOWS["pages"])
    assert set(pages["on"]) == {"push", "workflow_dispatch"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "default_branch" in build["if"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    # Only the deploy job may write, and only what deploy-pages needs.
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in deploy["steps"])
    # site_url comes from configure-pages through $SITE_URL, which mkdocs.yml reads.
    [configure] = [s for s in build["steps"] if "actions/configure-pages@" in s.get("uses", "")]
    [make_build] = [s for s in build["steps"] if s.get("run") == "make build"]
    assert make_build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    [upload] = [s for s in build["steps"] if "upload-pages-artifact@" in s.get("uses", "")]
    assert upload["with"]["path"] == "site"


def test_mkdocs_reads_site_url_from_the_environment() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, ", config, re.MULTILINE)


def test_dependabot_updates_pip_and_actions_and_keeps_mkdocs_below_2() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text("utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    ignored = {rule["dependency-name"]: rule for rule in updates["pip"]["ignore"]}
    assert ignored["mkdocs"]["update-types"] == ["version-update:semver-major"]


# --- the Makefile: the README's commands, and when it reinstalls .venv ---


def test_makefile_targets_are_the_readmes_commands() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    defined = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    for target in TARGETS:
        assert target in defined, f"make {target} is missing"
        assert f"make {target}" in readme, f"README does not mention make {target}"
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    [commands] = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", quick_start, re.DOTALL)
    assert commands.split("\n")[:-1] == ["make serve", "make test"]


PINNED = ("requirements.txt", "requirements-dev.txt", "pyproject.toml")
OLD, NEW, NEWER = 1_000_000_000, 1_500_000_000, 1_600_000_000


class DryRun:
    """`make -n TARGET` in a copy of the Makefile and the files its stamps depend on."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        for name in ("Makefile", *PINNED):
            shutil.copy(ROOT / name, folder)
        self.touch(OLD, *PINNED)

    def touch(self, mtime: int, *names: str) -> None:
        for name in names:
            path = self.folder / name
            path.parent.mkdir(exist_ok=True)
            path.touch()
            os.utime(path, (mtime, mtime))

    def stamp(self, mtime: int = NEW) -> None:
        """As if .venv had been installed at ``mtime``."""
        self.touch(mtime, ".venv/.seedsite-site", ".venv/.seedsite-dev")

    def __call__(self, target: str) -> str:
        run = subprocess.run(
            ["make", "-n", target], cwd=self.folder, capture_output=True, text=True, check=True
        )
        return run.stdout


@pytest.fixture
def make_n(tmp_path: Path) -> DryRun:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return DryRun(tmp_path)


def test_make_bootstraps_a_missing_venv(make_n: DryRun) -> None:
    commands = make_n("test")
    assert "-m venv .venv" in commands
    assert "install -r requirements.txt" in commands
    assert "install -r requirements-dev.txt" in commands
    assert "install --no-deps --editable ." in commands
    assert "-m pytest" in commands


def test_make_skips_the_install_when_the_stamps_are_fresh(make_n: DryRun) -> None:
    make_n.stamp()
    assert "pip" not in make_n("test") and "-m pytest" in make_n("test")
    assert "pip" not in make_n("serve") and "mkdocs serve -a 127.0.0.1:8000" in make_n("serve")


@pytest.mark.parametrize(
    ("changed", "site_reinstalled"),
    [
        ("requirements-dev.txt", False),  # only the test and lint tools change
        ("requirements.txt", True),
        ("pyproject.toml", True),  # the editable install follows the package's metadata
    ],
)
def test_make_reinstalls_when_a_pinned_file_changes(
    make_n: DryRun, changed: str, site_reinstalled: bool
) -> None:
    make_n.stamp()
    make_n.touch(NEWER, changed)
    test = make_n("test")
    assert "install -r requirements-dev.txt" in test
    assert ("install -r requirements.txt" in test) is site_reinstalled
    serve = make_n("serve")
    assert ("install -r requirements.txt" in serve) is site_reinstalled
    assert "requirements-dev.txt" not in serve  # serving never waits for the test tools
