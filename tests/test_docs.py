"""The docs keep up with the code: every cleaning rule is explained to readers and developers."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedsite.classify import RULE as CLASSIFIER
from seedsite.clean import RULES
from seedsite.extract import HEADER_CHROME, REPEATED_HEADLINE

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("doc", ["README.md", "docs/about.md"])
@pytest.mark.parametrize(
    "rule", [r.name for r in RULES] + [HEADER_CHROME, REPEATED_HEADLINE, CLASSIFIER]
)
def test_every_cleaning_rule_is_documented(doc: str, rule: str) -> None:
    assert f"`{rule}`" in (ROOT / doc).read_text("utf-8")


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make serve" in readme and "make test" in readme
