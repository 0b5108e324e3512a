"""``python -m seedsite``."""

from .cli import run

run()
