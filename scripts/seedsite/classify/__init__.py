"""The body line classifier: is a line of the body article text or the page's chrome?

Decided by a small trained model (``model.json``, made by ``scripts/train_classifier.py`` from the
corpora) over vocabulary-free features of the line, its place and its neighbours, and character
n-grams learned from pages in many languages (``features.py``).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..model import Removal
from .features import NAMES, Line, seed_features
from .model import Model, load_model

__all__ = ["RULE", "classify_lines", "seed_features", "stoplist_for"]

_GUESS_SAMPLE = 1500  # characters of the seed read to guess the stop-word list's language
_GUESS_MIN_HITS = 8


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import stopwordsiso  # (imported here: 0.3 MB of JSON, read once a process)

    return {lang: frozenset(stopwordsiso.stopwords(lang)) for lang in sorted(stopwordsiso.langs())}


@cache
def _word_langs() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in _stoplists().items():
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def stoplist_for(lang: str | None, texts: list[str]) -> frozenset[str] | None:
    """The stop words of the seed's language: the extractor's language, else the list whose
    words the seed uses most (None when no list fits)."""
    lists = _stoplists()
    if lang in lists:
        return lists[lang]
    index = _word_langs()
    hits: Counter[str] = Counter()
    for w in " ".join(texts)[:_GUESS_SAMPLE].casefold().split():
        hits.update(index.get(w.strip(".,;:!?\"'()«»“”„"), ()))
    if not hits:
        return None
    best, n = min(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    return lists[best] if n >= _GUESS_MIN_HITS else None


model = cache(load_model)


RULE = "line-classifier"
"""The rule name, in the build report, of body lines the classifier took for chrome."""

_REASONS = 3


def _why(m: Model, line: Line, vector: tuple[float, ...], score: float, first: float) -> str:
    """The decision and its main reasons: the features and n-grams that weighed most against
    the line, and how its neighbours scored."""
    terms = [
        (w * x, NAMES[j])
        for j, (w, x) in enumerate(zip(m.dense, vector, strict=True))
        if j and w * x < 0
    ]
    terms += [(m.grams[g], f"“{g}”") for g in line.grams if m.grams.get(g, 0.0) < 0]
    terms.sort()
    reasons = ", ".join(name for _, name in terms[:_REASONS])
    return f"article odds {score:+.2f} (the line alone {first:+.2f}; against it: {reasons})"


def classify_lines(
    lines: tuple[tuple[int, str], ...], lang: str | None
) -> tuple[tuple[tuple[int, str], ...], tuple[Removal, ...]]:
    """The body lines the model takes for article text, and a removal (with its reasons) for
    each line it takes for chrome. The body's prose is never emptied: when the model would take
    every prose line, it takes none."""
    if not lines:
        return lines, ()
    texts = [t for _, t in lines]
    feats = seed_features(texts, stoplist_for(lang, texts))
    if not any(v for _, v in feats):
        return lines, ()  # every line settled: nothing to score
    m = model()
    first, final = m.scores([v for _, v in feats], [f.grams for f, _ in feats])
    kept: list[tuple[int, str]] = []
    removed: list[Removal] = []
    prose_kept = False
    for i, (line, (facts, vector)) in enumerate(zip(lines, feats, strict=True)):
        score = final[i]
        if score is not None and score < m.threshold:
            removed.append(Removal(RULE, line[0], line[1], _why(m, facts, vector, score, first[i])))
        else:
            kept.append(line)
            prose_kept = prose_kept or facts.prose
    if removed and not prose_kept:
        return lines, ()
    return tuple(kept), tuple(removed)
