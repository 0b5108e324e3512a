"""The body line classifier: its features, its model file, its decisions and their reasons.

How well it decides is measured on the corpora by ``scripts/fidelity.py`` (``test_fidelity``),
cross-validated by site; here, what must hold whatever the weights.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from seedsite import classify
from seedsite.classify.features import DOCS, NAMES, line_facts, ngrams, seed_features
from seedsite.classify.model import (
    CONTEXT_NAMES,
    MODEL_PATH,
    SETTLED,
    Model,
    _compile,
    load_model,
    stage2_vector,
)
from seedsite.clean import clean
from seedsite.decode import decode
from seedsite.extract import extract
from seedsite.model import Seed

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPH = (
    "The regional council said on Tuesday that the new water plan would be reviewed by an "
    "independent panel before any money is spent, and residents will be able to comment on it "
    "until the end of the month, when the panel meets for the first time in the town hall."
)


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_every_feature_is_documented_and_in_the_vector() -> None:
    assert NAMES[0] == "bias" and len(set(NAMES)) == len(NAMES)
    assert all(DOCS[name] for name in NAMES)
    (facts, vector), *_ = seed_features(["Share this article", PARAGRAPH], None)
    assert len(vector) == len(NAMES)
    assert len(facts.dense) == NAMES.index("prose") - 1  # the line's own: after the bias


def test_long_prose_is_settled_and_not_scored() -> None:
    feats = seed_features([PARAGRAPH, "Read more"], frozenset({"the", "and"}))
    assert feats[0][0].settled and feats[0][1] == ()
    assert not feats[1][0].settled and feats[1][1]


@pytest.mark.parametrize(
    ("text", "some"),
    [
        ("Lesen Sie auch", ["^le", "ch$"]),
        # Digits are one symbol: a counter reads the same whatever its number.
        ("12 Kommentare", ["^00", "00 "]),
        # A long line: its head and its tail, not its middle.
        ("a" * 50 + "MIDDLE" + "b" * 60, ["^aa", "bb$"]),
        # A line of one or two characters is one gram with its ends.
        ("»", ["^»$"]),
    ],
)
def test_ngrams(text: str, some: list[str]) -> None:
    grams = ngrams(text)
    assert all(g in grams for g in some)
    assert not any("mid" in g for g in grams)
    assert ngrams(text) == grams  # the same order every time: sums stay bit-identical


def test_the_shipped_model_matches_the_features() -> None:
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    assert data["features"] == list(NAMES)
    assert data["context"] == list(CONTEXT_NAMES)
    assert MODEL_PATH.stat().st_size < 400_000, "the model should stay a small data file"
    model = load_model()
    assert model.threshold == data["threshold"]
    for fold in sorted((ROOT / "tests" / "corpus" / "cv-models").glob("fold-*.json")):
        assert load_model(fold).threshold == model.threshold, fold.name


def test_compiled_trees_give_what_walking_them_gives() -> None:
    rng = random.Random(7)
    trees = []
    for _ in range(20):
        # A full tree of depth 2: nodes 0 (root), 1 and 2 (splits), 3 to 6 (leaves).
        nodes = [
            [rng.randrange(4), rng.uniform(-1, 1), 1, 2],
            [rng.randrange(4), rng.uniform(-1, 1), 3, 4],
            [rng.randrange(4), rng.uniform(-1, 1), 5, 6],
        ]
        nodes += [[-1, rng.uniform(-1, 1), 0, 0] for _ in range(4)]
        trees.append(nodes)
    score = _compile(0.25, trees)

    def walk(x: tuple[float, ...]) -> float:
        total = 0.25
        for nodes in trees:
            k = 0
            while nodes[k][0] >= 0:
                k = nodes[k][2] if x[nodes[k][0]] <= nodes[k][1] else nodes[k][3]
            total += nodes[k][1]
        return total

    for _ in range(200):
        x = tuple(rng.uniform(-1.5, 1.5) for _ in range(4))
        assert score(x) == pytest.approx(walk(x))


def test_the_compiled_model_takes_numbers_only() -> None:
    with pytest.raises((TypeError, ValueError)):
        _compile(0.0, [[["__import__('os')", 0.0, 1, 2]]])  # type: ignore[list-item]


def _article(text: str, name: str = "100_x.txt"):  # type: ignore[no-untyped-def]
    data = text.encode()
    seed = Seed(name, data, hashlib.sha256(data).hexdigest())
    decoded = decode(seed)
    return extract(clean(decoded), seed, decoded)


def _paragraphs(n: int) -> list[str]:
    rng = random.Random(n)
    words = PARAGRAPH.rstrip(".").split()
    return [" ".join(rng.sample(words, len(words))).capitalize() + "." for _ in range(n)]


def test_a_list_of_teaser_titles_after_the_article_goes_with_its_reasons() -> None:
    # Related-article titles in a language no rule knows (Swedish), after the last paragraph.
    teasers = [
        "Fler nyheter från regionen",
        "Ny bro över älven klar till sommaren",
        "Skolan i Norrby får nya lokaler",
        "Rekordmånga besökare på marknaden",
        "Tåget till kusten ställs in i helgen",
        "Kommunen satsar på fler cykelvägar",
    ]
    body = _paragraphs(5)
    article = _article("\n\n".join(["Water plan goes to an independent panel", *body, *teasers]))
    assert list(article.paragraphs[:5]) == body
    gone = {r.text: r for r in article.removals if r.rule == classify.RULE}
    assert len(gone) >= len(teasers) - 2
    for removal in gone.values():
        assert removal.why.startswith("article odds ")
        assert "against it:" in removal.why


def test_a_short_line_between_paragraphs_stays() -> None:
    body = _paragraphs(6)
    text = "\n\n".join(["Water plan", *body[:3], "What the panel will do", *body[3:]])
    article = _article(text)
    assert "What the panel will do" in article.paragraphs
    assert all(p in article.paragraphs for p in body)


def test_the_model_never_empties_a_body() -> None:
    # Nothing but short, title-like lines: the classifier would take them all; it takes none.
    lines = ["Home", "News", "Weather today", "Sports results", "Contact us", "Imprint"]
    article = _article("\n".join(["Menu of the day", *lines]))
    assert not [r for r in article.removals if r.rule == classify.RULE]


def test_the_stop_word_list_follows_the_seed_language() -> None:
    de = classify.stoplist_for("de", [])
    assert de is not None and "und" in de
    # No language from the extractor: the list whose words the seed uses most.
    text = ["Det är en fin dag och vi går till sjön för att bada med barnen och de andra"]
    sv = classify.stoplist_for(None, text)
    assert sv is not None and "och" in sv and sv is classify.stoplist_for("sv", [])
    assert classify.stoplist_for(None, ["12 34"]) is None


def test_first_stage_scores_are_the_exported_weights() -> None:
    model = load_model()
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    feats = seed_features(["Read more", "Mehr zum Thema", PARAGRAPH], None)
    dense = [v for _, v in feats]
    grams = [f.grams for f, _ in feats]
    first, final = model.scores(dense, grams)
    table = data["stage1"]["grams"]
    exported = [
        Model.linear(data["stage1"], v, [table.get(x, 0.0) for x in g]) if v else SETTLED
        for v, g in zip(dense, grams, strict=True)
    ]
    assert first == exported
    assert final[2] is None  # settled
    assert final[0] == model.second(stage2_vector(first, 0, dense[0]))


def test_line_facts_are_cached_per_text_and_stoplist() -> None:
    a = line_facts("Mehr zum Thema", None)
    assert line_facts("Mehr zum Thema", None) is a
    assert line_facts("Mehr zum Thema", frozenset({"zum"})).dense != a.dense


def test_training_is_deterministic(tmp_path: Path) -> None:
    trainer = _script("train_classifier")
    seeds = trainer.load(("own",))
    first = json.dumps(trainer.train(seeds), sort_keys=True)
    assert json.dumps(trainer.train(seeds), sort_keys=True) == first
