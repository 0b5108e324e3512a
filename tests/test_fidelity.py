"""The accuracy gate: what seedsite reads from real article pages stays at or above the floors.

The corpora under tests/corpus/ are real pages cut into seeds, with ground truth (each README
says how); scripts/fidelity.py builds each and scores headline, date, author and body. The floors
are pinned in tests/corpus/floors.json and only ever go up.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import unaccounted

ROOT = Path(__file__).resolve().parents[1]


def load_fidelity() -> ModuleType:
    """scripts/fidelity.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "scripts" / "fidelity.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fidelity = load_fidelity()
FLOORS: dict[str, Any] = json.loads(fidelity.FLOORS.read_text("utf-8"))


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """Every corpus scored once for this module."""
    out = {}
    for corpus in fidelity.corpora(None):
        out[corpus.name] = fidelity.figures(fidelity.score_corpus(corpus))
    return out


@pytest.mark.parametrize("corpus", sorted(FLOORS["corpora"]))
def test_figures_hold_their_floors(results: dict[str, dict[str, Any]], corpus: str) -> None:
    floors = {"corpora": {corpus: FLOORS["corpora"][corpus]}}
    failures = fidelity.check({corpus: results[corpus]}, floors)
    assert not failures, "\n".join(failures)


def test_every_corpus_has_floors_and_a_licence() -> None:
    for corpus in fidelity.corpora(None):
        assert corpus.name in FLOORS["corpora"], f"{corpus.name}: no floors pinned"
        assert (corpus / "README.md").is_file(), f"{corpus.name}: no README saying how it was made"


@pytest.mark.parametrize(
    ("ours", "truth", "expected"),
    [
        ("a b c", "a b c", (1.0, 1.0, 1.0)),
        ("a b c d", "a b", (0.5, 1.0, 2 / 3)),
        ("", "a", (0.0, 0.0, 0.0)),
        # Han characters are tokens of their own: a Chinese sentence is not one "word".
        ("人工智能", "人工", (0.5, 1.0, 2 / 3)),
        # NFKC and case: full-width letters and capitals are the same tokens.
        ("ＡＢＣ Def", "abc def", (1.0, 1.0, 1.0)),
    ],
)
def test_token_scores(ours: str, truth: str, expected: tuple[float, float, float]) -> None:
    got = fidelity.prf(fidelity.tokens(ours), fidelity.tokens(truth))
    assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # Each character of a script written without spaces is a token, whatever its block:
        # CJK extension B, compatibility ideographs, half-width katakana, Thai.
        ("\U00020001\U00020002", 2),
        ("\uf900\uff76\uff77", 3),
        ("ภาษาไทย", 7),
        # A Latin word glued to Han characters stays one word, the Han characters apart.
        ("abc中文", 3),
    ],
)
def test_unspaced_scripts_count_by_characters(text: str, count: int) -> None:
    assert sum(fidelity.tokens(text).values()) == count


def test_snippets_are_scored_as_the_corpus_readme_says() -> None:
    truth = {
        "with": ["first  line", "missing", "not in seed"],
        "with_in_seed": [True, True, False],
        "without": ["Share this", "Related", "footer far away"],
        "without_in_seed": [True, True, False],
    }
    # Whitespace collapsed on both sides; case-sensitive; snippets not in the seed not counted.
    assert fidelity.score_snippets(truth, "first\nline. Share this") == (1, 1, 1, 1)
    assert fidelity.score_snippets(truth, "First line") == (0, 2, 0, 2)
    # No page: every with-snippet missed, every without-snippet kept out.
    assert fidelity.score_snippets(truth, None) == (0, 2, 0, 2)
    assert fidelity.score_snippets({"title": "x"}, "x") is None
    figs = fidelity.snippet_figures([(1, 1, 1, 1), (2, 0, 0, 2)])
    assert figs["snippet_with_recall"] == 0.75
    assert figs["snippet_without_kept_out_pct"] == 75.0
    assert figs["snippet_f1"] == pytest.approx(round(6 / 8, 3))


def test_languages_get_their_own_figures_and_rare_ones_are_pooled() -> None:
    s = fidelity.SeedScore
    scores = [s(f"de{i}", lang="de", title="T", truth_title="T") for i in range(5)]
    scores += [s("fa", lang="fa", title="X", truth_title="Y"), s("ja", lang="ja")]
    table = fidelity.by_language(scores)
    assert sorted(table) == ["de", "other"]
    assert table["de"]["headline_exact_pct"] == 100.0
    assert table["other"]["headline_exact_pct"] == 0.0


def test_headline_comparison_normalises_only_form() -> None:
    assert fidelity.norm(" The  Headline\u00a0") == fidelity.norm("the headline")
    assert fidelity.norm("The Headline") != fidelity.norm("The Headlines")


def test_a_wrong_date_counts_against_and_a_missing_one_does_not() -> None:
    s = fidelity.SeedScore
    scores = [
        s("a", date="2020-01-01", truth_date="2020-01-01", date_in_seed=True),
        s("b", date="2020-01-02", truth_date="2020-01-01", date_in_seed=True),
        s("c", date=None, truth_date="2020-01-01", date_in_seed=False),
        s("d", date=None, truth_date=None),
    ]
    figs = fidelity.figures(scores)
    assert figs["date_right_written_pct"] == 50.0
    assert figs["date_right_pct"] == pytest.approx(33.3)
    assert figs["date_wrong_pct"] == 25.0
    assert Counter(figs["counts"])["dated"] == 3


def _all_corpus_seeds() -> list[Path]:
    return sorted(p for corpus in fidelity.corpora(None) for p in (corpus / "seeds").glob("*.txt"))


def test_no_line_of_any_corpus_seed_is_lost_without_a_trace() -> None:
    """Every non-blank line of every corpus seed is on its page (headline, kicker, caption,
    byline, date line, body) or in the build report with the rule that removed it."""
    import hashlib

    from seedsite.clean import clean
    from seedsite.decode import decode
    from seedsite.extract import extract
    from seedsite.model import Seed, SeedError

    lost: list[str] = []
    for path in _all_corpus_seeds():
        data = path.read_bytes()
        seed = Seed(path.name, data, hashlib.sha256(data).hexdigest())
        try:
            decoded = decode(seed)
            article = extract(clean(decoded), seed, decoded)
        except SeedError:
            continue  # no page, and the report says why (checked in test_build)
        lost += unaccounted(decoded.text, article, path.name)
    assert not lost, f"{len(lost)} lines lost:\n" + "\n".join(lost[:30])


def test_sites_and_folds_are_stable_and_by_host() -> None:
    from corpus_sites import FOLDS, fold_of, site_of

    # Two pages of one host are one site, whatever their paths: they share a fold.
    a = site_of("trafilatura", "001_a.txt", {"url": "https://www.example.org/a"})
    b = site_of("trafilatura", "002_b.txt", {"url": "http://example.org/b/c"})
    assert a == b == "trafilatura:example.org"
    assert fold_of(a) == fold_of(b) and 0 <= fold_of(a) < FOLDS
    # No address: the page is a site of its own, named after its file.
    assert site_of("readability", "004_mozilla-1.txt", {"url": None}) == "readability:mozilla-1"


def test_a_cross_validated_figure_short_of_the_shipped_one_is_reported() -> None:
    figs = {"body_f1": 0.97, "snippet_without_kept_out_pct": 50.0}
    cv = {"body_f1": 0.965, "snippet_without_kept_out_pct": 45.0}
    # Half a point on body F1 passes; five points on the snippets fail at the 2-point target...
    failures = fidelity.print_cv("x", figs, cv)
    assert len(failures) == 1 and "snippet_without_kept_out_pct" in failures[0]
    # ...and pass under a ceiling pinned above them.
    assert fidelity.print_cv("x", figs, cv, ceiling=5.5) == []
