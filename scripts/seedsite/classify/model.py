"""The trained model: its weights (``model.json``, data, made by ``scripts/train_classifier.py``)
and how a seed's body lines are scored with them."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from operator import mul
from pathlib import Path
from typing import Any

from .features import NAMES

MODEL_PATH = Path(__file__).with_name("model.json")
"""The shipped model; ``make train-classifier`` writes it again from the corpora."""

CONTEXT_NAMES: tuple[str, ...] = (
    "bias",
    "score",
    "score_above",
    "score_below",
    "near2",
    "near5",
    "near_max",
    "near_min",
    "after10",
    "before10",
    "words",
    "prose",
    "no_prose_after",
    "text_after",
    "position",
    "short_run",
)
"""The second stage's inputs: the first stage's score of the line, of the line above and below,
the mean of the two and five lines on each side, their highest and lowest (three on each side),
the mean of the ten below and above, and the line's own words, prose, place and run."""

_DENSE_IN_CONTEXT = tuple(
    NAMES.index(n)
    for n in ("words", "prose", "no_prose_after", "text_after", "position", "short_run")
)
_EDGE = -1.0  # the score of a line beyond the body's first or last (chrome more often than not)
SETTLED = 4.0
"""The first stage's score of a settled line (long prose): article text, odds of 50 to 1."""


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else _EDGE


def context_vector(first: list[float], i: int, dense: tuple[float, ...]) -> tuple[float, ...]:
    """The second stage's inputs for line ``i`` (``CONTEXT_NAMES``)."""
    n = len(first)
    near3 = [first[k] for k in range(max(0, i - 3), min(n, i + 4)) if k != i]
    return (
        1.0,
        first[i],
        first[i - 1] if i > 0 else _EDGE,
        first[i + 1] if i + 1 < n else _EDGE,
        _mean([first[k] for k in range(max(0, i - 2), min(n, i + 3)) if k != i]),
        _mean([first[k] for k in range(max(0, i - 5), min(n, i + 6)) if k != i]),
        max(near3) if near3 else _EDGE,
        min(near3) if near3 else _EDGE,
        _mean(first[i + 1 : i + 11]),
        _mean(first[max(0, i - 10) : i]),
        *(dense[k] for k in _DENSE_IN_CONTEXT),
    )


def stage2_vector(first: list[float], i: int, dense: tuple[float, ...]) -> tuple[float, ...]:
    """The second stage's inputs for line ``i``: its context (``CONTEXT_NAMES``), then its own
    dense features (``NAMES``)."""
    return context_vector(first, i, dense) + dense


def _compile(base: float, trees: list[list[list[float]]]) -> Callable[[tuple[float, ...]], float]:
    """The trees as one Python function (five times faster than walking them as data). Only
    numbers from the model reach the code, each through ``int`` or ``float``."""
    code = ["def score(x):", f"    s = {float(base)!r}"]

    def emit(nodes: list[list[float]], k: int, depth: int) -> None:
        feature, value, left, right = nodes[k]
        pad = "    " * depth
        if feature < 0:
            code.append(f"{pad}s += {float(value)!r}")
            return
        code.append(f"{pad}if x[{int(feature)}] <= {float(value)!r}:")
        emit(nodes, int(left), depth + 1)
        code.append(f"{pad}else:")
        emit(nodes, int(right), depth + 1)

    for nodes in trees:
        emit(nodes, 0, 1)
    code.append("    return s")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(code), "<seedsite line model>", "exec"), namespace)
    return namespace["score"]  # type: ignore[no-any-return]


class Model:
    """The two stages' weights, and the threshold below which a line is taken for chrome."""

    def __init__(self, data: dict[str, Any]) -> None:
        if list(data["features"]) != list(NAMES) or list(data["context"]) != list(CONTEXT_NAMES):
            raise ValueError("the model was trained on other features: run make train-classifier")
        self.dense: tuple[float, ...] = tuple(data["stage1"]["dense"])
        self.gram_weights: tuple[float, ...] = tuple(data["stage1"]["gram_features"])
        self.grams: dict[str, float] = data["stage1"]["grams"]
        self.second = _compile(data["stage2"]["base"], data["stage2"]["trees"])
        self.threshold: float = float(data.get("threshold", 0.0))

    def first(self, vector: tuple[float, ...], grams: tuple[str, ...]) -> float:
        """The first stage's score of a line: its features and n-grams (a settled line, with
        no vector: ``SETTLED``)."""
        if not vector:
            return SETTLED
        get = self.grams.get
        return Model._linear(self.dense, self.gram_weights, vector, [get(g, 0.0) for g in grams])

    @staticmethod
    def gram_features(weights: list[float]) -> tuple[float, float, float]:
        """What a line's n-grams say: the mean of their log-odds, the lowest and the highest
        (the one most like chrome, the one most like article text)."""
        if not weights:
            return (0.0, 0.0, 0.0)
        return (sum(weights) / len(weights), min(weights), max(weights))

    @staticmethod
    def linear(data: dict[str, Any], vector: tuple[float, ...], weights: list[float]) -> float:
        """The first stage's score from exported weights and a line's n-gram weights."""
        return Model._linear(data["dense"], data["gram_features"], vector, weights)

    @staticmethod
    def _linear(
        dense: Sequence[float],
        gram_weights: Sequence[float],
        vector: tuple[float, ...],
        weights: list[float],
    ) -> float:
        features = Model.gram_features(weights)
        score: float = sum(map(mul, dense, vector)) + sum(map(mul, gram_weights, features))
        return score

    def scores(
        self, dense: list[tuple[float, ...]], grams: list[tuple[str, ...]]
    ) -> tuple[list[float], list[float | None]]:
        """Each line's first-stage score, and its final score (a log-odds of being article
        text; None for a settled line, which is kept unscored)."""
        first = [self.first(v, g) for v, g in zip(dense, grams, strict=True)]
        second = self.second
        final = [second(stage2_vector(first, i, v)) if v else None for i, v in enumerate(dense)]
        return first, final


def load_model(path: Path = MODEL_PATH) -> Model:
    """The model in ``path``."""
    return Model(json.loads(path.read_text("utf-8")))
