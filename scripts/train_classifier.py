"""Train the body line classifier from the corpora, deterministically, and measure it by site.

    python scripts/train_classifier.py              # cross-validate, then write the model
    python scripts/train_classifier.py --cv-only    # only the grouped cross-validation
    make train-classifier

Lines and labels: every seed of the corpora under ``tests/corpus/`` goes through the pipeline up
to the header (decode, clean, headline and body start: ``extract.body_lines``); each body line is
labelled from the truth:

* a corpus with full bodies (``body``: Readability, own): a line written in the body (a whole
  truth line, or a line of 30 characters or more inside the body text) is article text, any
  other line chrome;
* a corpus with snippets (``with``/``without``: trafilatura): a line holding a ``with`` snippet
  (or held by one) is article text, a line holding a ``without`` snippet chrome, the others are
  not labelled.

Sites: a seed's site is its URL's host (else its file name). Cross-validation splits the seeds
into five folds by site, trains on four and scores the fifth, so that no line of a site is
scored by a model that saw that site: the figures are those of pages it never saw.

The model is two logistic regressions (scikit-learn, lbfgs: deterministic): the first reads a
line (its dense features and character n-grams, ``seedsite/classify/features.py``), the second
reads the first's scores of the line and its neighbours with the line's place (trained on the
first's out-of-fold scores). The weights are rounded and written as JSON
(``scripts/seedsite/classify/model.json``); the same corpora give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from corpus_sites import FOLDS, fold_of, site_of
from seedsite.classify import stoplist_for
from seedsite.classify.features import NAMES, seed_features
from seedsite.classify.model import CONTEXT_NAMES, MODEL_PATH, SETTLED, Model, stage2_vector
from seedsite.clean import clean
from seedsite.decode import decode
from seedsite.extract import body_lines
from seedsite.model import Seed, SeedError
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
CV_MODELS = ROOT / "tests" / "corpus" / "cv-models"
"""The five fold models of the cross-validation (make fidelity scores each seed with the one
that never saw its site)."""
CORPORA = ("readability", "own", "trafilatura")
_MIN_GRAM_SITES = 5  # an n-gram used by fewer sites is one site's, not a kind of line
_MIN_GRAM_WEIGHT = 0.05  # lighter n-grams are left out of the model file
_ALPHA = 8.0  # sites' worth of smoothing towards the base rate
_C1 = 1.0
_TREES = 120
_DEPTH = 3
_RATE = 0.1
_LEAF = 30  # a leaf stands for thirty lines at least: the trees must not learn single lines
_KEEP = 0.99  # the threshold keeps this share of the article lines, cross-validated
_ROUND = 4
_KEPT = 99.0  # the score a settled line stands for in the figures: kept


@dataclass
class SeedLines:
    """One seed's body lines, their features and labels (1 article, 0 chrome, -1 unknown)."""

    name: str
    site: str
    texts: list[str]
    dense: list[tuple[float, ...]]
    grams: list[tuple[str, ...]]
    labels: list[int]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _labels(texts: list[str], truth: dict[str, Any]) -> list[int]:
    if truth.get("body"):
        body = _collapse(truth["body"])
        whole = {_collapse(x) for x in truth["body"].split("\n") if x.strip()}
        return [
            int(_collapse(t) in whole or (len(t) >= 30 and _collapse(t) in body)) for t in texts
        ]
    flags = lambda k: truth.get(f"{k}_in_seed") or [True] * len(truth.get(k) or [])  # noqa: E731
    with_ = [_collapse(s) for s, f in zip(truth.get("with") or [], flags("with"), strict=True) if f]
    without = [
        _collapse(s) for s, f in zip(truth.get("without") or [], flags("without"), strict=True) if f
    ]
    out = []
    for t in texts:
        c = _collapse(t)
        pos = any(s in c or (len(c) >= 15 and c in s) for s in with_)
        neg = any(s in c for s in without)
        out.append(1 if pos and not neg else 0 if neg and not pos else -1)
    return out


def load(corpora: tuple[str, ...] = CORPORA) -> list[SeedLines]:
    """Every labelled seed of the corpora, in a fixed order."""
    out = []
    for corpus in corpora:
        folder = ROOT / "tests" / "corpus" / corpus
        truth = json.loads((folder / "truth.json").read_text("utf-8"))
        for name in sorted(truth):
            data = (folder / "seeds" / name).read_bytes()
            seed = Seed(name, data, hashlib.sha256(data).hexdigest())
            try:
                decoded = decode(seed)
                lines, lang = body_lines(clean(decoded))
            except SeedError:
                continue
            texts = [t for _, t in lines]
            if not texts:
                continue
            feats = seed_features(texts, stoplist_for(lang, texts))
            out.append(
                SeedLines(
                    f"{corpus}/{name}",
                    site_of(corpus, name, truth[name]),
                    texts,
                    [v for _, v in feats],
                    [f.grams for f, _ in feats],
                    _labels(texts, truth[name]),
                )
            )
    return out


def _folds(seeds: list[SeedLines]) -> list[int]:
    return [fold_of(s.site) for s in seeds]


def gram_table(seeds: list[SeedLines]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each n-gram, the sites whose article lines use it and those whose chrome lines do
    (sites, not lines: one site's chrome is that site's, not a kind of line)."""
    pos: dict[str, set[str]] = {}
    neg: dict[str, set[str]] = {}
    for s in seeds:
        for dense, grams, label in zip(s.dense, s.grams, s.labels, strict=True):
            if dense and label >= 0:
                table = pos if label else neg
                for g in set(grams):
                    table.setdefault(g, set()).add(s.site)
    return pos, neg


def gram_weight(p: int, q: int, prior: float) -> float:
    """An n-gram's log-odds of article text over the base rate, from the sites using it in
    article lines (``p``) and in chrome lines (``q``), smoothed: a gram of few sites says
    little."""
    share = (p + _ALPHA * prior) / (p + q + _ALPHA)
    return math.log(share / (1 - share)) - math.log(prior / (1 - prior))


class Stage1:
    """The first regression: a line's dense features and its n-grams' log-odds (mean, lowest,
    highest; ``Model.gram_features``). In training, an n-gram's weight leaves out the line's own
    site, so the regression learns what n-grams say of sites it has not seen."""

    def __init__(self, seeds: list[SeedLines]) -> None:
        pos, neg = gram_table(seeds)
        sites_pos = {s.site for s in seeds if 1 in s.labels}
        sites_neg = {s.site for s in seeds if 0 in s.labels}
        self.prior = len(sites_pos) / (len(sites_pos) + len(sites_neg))
        self.grams = {
            g: round(gram_weight(len(pos.get(g, ())), len(neg.get(g, ())), self.prior), _ROUND)
            for g in sorted(set(pos) | set(neg))
            if len(pos.get(g, ())) + len(neg.get(g, ())) >= _MIN_GRAM_SITES
        }
        self.grams = {g: w for g, w in self.grams.items() if abs(w) >= _MIN_GRAM_WEIGHT}
        rows, ys = [], []
        for s in seeds:
            for dense, grams, label in zip(s.dense, s.grams, s.labels, strict=True):
                if dense and label >= 0:
                    weights = [self._left_out(g, s.site, pos, neg) for g in grams]
                    rows.append(list(dense) + list(Model.gram_features(weights)))
                    ys.append(label)
        x = np.array(rows)
        self.mean = x.mean(axis=0)
        self.scale = x.std(axis=0) + 1e-6
        self.mean[0], self.scale[0] = 0.0, 1.0
        self.model = LogisticRegression(C=_C1, max_iter=3000, solver="lbfgs")
        self.model.fit((x - self.mean) / self.scale, np.array(ys))
        exported = self.export()
        self.honest = {s.name: self._honest_scores(s, exported, pos, neg) for s in seeds}

    def _left_out(
        self, g: str, site: str, pos: dict[str, set[str]], neg: dict[str, set[str]]
    ) -> float:
        p = pos.get(g, set())
        q = neg.get(g, set())
        n_p, n_q = len(p) - (site in p), len(q) - (site in q)
        if n_p + n_q < _MIN_GRAM_SITES:
            return 0.0
        w = round(gram_weight(n_p, n_q, self.prior), _ROUND)
        return w if abs(w) >= _MIN_GRAM_WEIGHT else 0.0

    def _honest_scores(
        self,
        seed: SeedLines,
        exported: dict[str, Any],
        pos: dict[str, set[str]],
        neg: dict[str, set[str]],
    ) -> list[float]:
        """The seed's first-stage scores with its own site left out of the n-grams' weights:
        what the second stage learns from (as it will see them on a site it never saw)."""
        out = []
        for dense, grams in zip(seed.dense, seed.grams, strict=True):
            if not dense:
                out.append(SETTLED)
                continue
            weights = [self._left_out(g, seed.site, pos, neg) for g in grams]
            out.append(Model.linear(exported, dense, weights))
        return out

    def export(self) -> dict[str, Any]:
        w = self.model.coef_[0] / self.scale
        bias = float(
            self.model.intercept_[0] + self.model.coef_[0][0] - np.sum(w[1:] * self.mean[1:])
        )
        k = len(NAMES)
        dense = [bias, *(float(v) for v in w[1:k])]
        return {
            "dense": [round(v, _ROUND) for v in dense],
            "gram_features": [round(float(v), _ROUND) for v in w[k:]],
            "grams": dict(sorted(self.grams.items())),
        }


def _stage2_rows(seed: SeedLines, first: list[float]) -> list[tuple[float, ...]]:
    return [stage2_vector(first, i, v) if v else () for i, v in enumerate(seed.dense)]


class Stage2:
    """The second stage: gradient-boosted trees over the first stage's scores of the line and
    its neighbours (``CONTEXT_NAMES``) and the line's own dense features."""

    def __init__(self, rows: list[tuple[float, ...]], ys: list[int]) -> None:
        self.model = GradientBoostingClassifier(
            n_estimators=_TREES,
            max_depth=_DEPTH,
            learning_rate=_RATE,
            min_samples_leaf=_LEAF,
            random_state=0,
        )
        x = np.array(rows, dtype=np.float32)
        self.model.fit(x, np.array(ys))
        self.base = float(
            self.model.decision_function(x[:1])[0]
            - sum(t[0].predict(x[:1])[0] for t in self.model.estimators_) * _RATE
        )

    def export(self) -> dict[str, Any]:
        trees = []
        for (tree,) in self.model.estimators_:
            t = tree.tree_
            nodes = []
            for k in range(t.node_count):
                if t.children_left[k] < 0:
                    nodes.append([-1, round(float(t.value[k][0][0]) * _RATE, 5), 0, 0])
                else:
                    nodes.append(
                        [
                            int(t.feature[k]),
                            round(float(t.threshold[k]), 6),
                            int(t.children_left[k]),
                            int(t.children_right[k]),
                        ]
                    )
            trees.append(nodes)
        return {"base": round(self.base, 6), "trees": trees}


def _stage2_data(
    seeds: list[SeedLines], stage1: Stage1
) -> tuple[list[tuple[float, ...]], list[int]]:
    """The second stage's rows, from the first stage's honest scores (own site left out)."""
    rows: list[tuple[float, ...]] = []
    ys: list[int] = []
    for s in seeds:
        for row, label in zip(_stage2_rows(s, stage1.honest[s.name]), s.labels, strict=True):
            if label >= 0 and row:
                rows.append(row)
                ys.append(label)
    return rows, ys


def train(seeds: list[SeedLines]) -> dict[str, Any]:
    """The model trained on these seeds, as the JSON the classifier loads."""
    stage1 = Stage1(seeds)
    rows, ys = _stage2_data(seeds, stage1)
    stage2 = Stage2(rows, ys)
    return {
        "about": "seedsite's body line classifier; made by scripts/train_classifier.py",
        "features": list(NAMES),
        "context": list(CONTEXT_NAMES),
        "stage1": stage1.export(),
        "stage2": stage2.export(),
    }


def cross_validate(
    seeds: list[SeedLines],
) -> tuple[list[tuple[float, int, str]], list[dict[str, Any]]]:
    """Each labelled line's score (with its label and corpus) by a model that never saw its
    site, and the five models (the one of fold ``f`` never saw fold ``f``'s sites)."""
    folds = _folds(seeds)
    scored: list[tuple[float, int, str]] = []
    models = []
    for f in range(FOLDS):
        train_seeds = [s for s, g in zip(seeds, folds, strict=True) if g != f]
        model = train(train_seeds)
        models.append(model)
        m = Model(model)
        for s, g in zip(seeds, folds, strict=True):
            if g != f:
                continue
            _, final = m.scores(s.dense, s.grams)
            for p, label in zip(final, s.labels, strict=True):
                if label >= 0:
                    scored.append((_KEPT if p is None else p, label, s.name.split("/")[0]))
    return scored, models


def threshold(scored: list[tuple[float, int, str]], keep: float = _KEEP) -> float:
    """The score below which a line is chrome: the one that keeps ``keep`` of the article
    lines of every corpus, cross-validated."""
    pos = sorted(p for p, y, _ in scored if y == 1)
    return round(pos[math.floor((1 - keep) * len(pos))], 4)


def line_figures(scored: list[tuple[float, int, str]]) -> dict[str, Any]:
    """Chrome removed at the thresholds that keep 99, 98 and 95 % of the article lines."""
    out: dict[str, Any] = {}
    for corpus in (*CORPORA, "all"):
        part = [(p, y) for p, y, c in scored if corpus in ("all", c)]
        pos = sorted(p for p, y in part if y == 1)
        neg = [p for p, y in part if y == 0]
        if not pos or not neg:
            continue
        row = {"article_lines": len(pos), "chrome_lines": len(neg)}
        for keep in (0.99, 0.98, 0.95):
            t = pos[math.floor((1 - keep) * len(pos))]
            row[f"chrome_out_at_{int(keep * 100)}"] = round(sum(p < t for p in neg) / len(neg), 3)
        out[corpus] = row
    return out


def main(argv: list[str] | None = None) -> int:
    """Cross-validate by site, print the figures, and write the model trained on everything."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="do not write the model")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--keep", type=float, default=_KEEP, help="article lines kept (CV)")
    args = parser.parse_args(argv)
    seeds = load()
    print(
        f"{len(seeds)} seeds, {len({s.site for s in seeds})} sites, "
        f"{sum(len(s.texts) for s in seeds)} body lines"
    )
    scored, fold_models = cross_validate(seeds)
    print(json.dumps(line_figures(scored), indent=1))
    if not args.cv_only:
        cut = threshold(scored, args.keep)
        print(f"threshold {cut} (keeps {args.keep:.1%} of the article lines, cross-validated)")
        model = train(seeds)
        write(model, cut, args.out)
        # The fold models, for make fidelity's cross-validated figures (each seed built by the
        # model that never saw its site).
        CV_MODELS.mkdir(parents=True, exist_ok=True)
        for f, fold_model in enumerate(fold_models):
            write(fold_model, cut, CV_MODELS / f"fold-{f}.json")
    return 0


def write(model: dict[str, Any], cut: float, path: Path) -> None:
    """The model with its threshold, as compact, stable JSON."""
    model = {**model, "threshold": cut}
    path.write_text(
        json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", "utf-8"
    )
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    sys.exit(main())
