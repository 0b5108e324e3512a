"""What the body line classifier knows of a line: its shape, its place, its neighbours, its words.

Every feature but the character n-grams is vocabulary-free: it reads the same in any language.
The n-grams are learned from the corpora (``scripts/train_classifier.py``), never written by
hand; the stop-word density reads the seed language's list from stopwords-iso (58 languages,
``stopwordsiso``), with the language guessed from the seed itself when the extractor named
none. ``NAMES`` lists the dense features in order, each documented in ``DOCS``.

A seed's body lines are worked out together (``seed_features``): a line's place and neighbours
are half of what tells a related-articles list from a list inside the article (jusText's idea of
context: a short line between paragraphs stays, a short line among chrome goes).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ..textstats import NO_SPACES, SENTENCE_END

DOCS: dict[str, str] = {
    "bias": "always 1 (the model's intercept)",
    "chars": "log of the line's length in characters",
    "words": "log of its words (a Chinese or Japanese line: its characters / 2)",
    "sentence_end": "ends as a sentence does (. ! ? … 。, a closing quote after)",
    "colon_end": "ends with a colon: the heading of a list, or a label waiting for its value",
    "inner_stops": "log of the sentence stops inside it (a paragraph has several)",
    "commas": "commas per word: prose has them, menus and titles hardly",
    "digits": "share of its characters that are digits (dates, counters, prices)",
    "upper": "share of its letters that are capitals (SHOUTED labels, acronyms)",
    "title_case": "share of its words that start with a capital (titles and menus)",
    "separators": "log of the separators | • · » › / > ( ) in it (menus, crumbs, teasers' meta)",
    "no_letter": "it has no letter at all (icons, counters, rules)",
    "link_like": "it holds an address, an e-mail, a handle or a hashtag",
    "bullet": "it starts as a list item does (- • * 1. 1))",
    "stop_share": "share of its words in the seed language's stop-word list (stopwords-iso)",
    "no_stoplist": "the seed's language has no stop-word list (the previous feature is 0)",
    "prose": "it reads as prose: 16 words or more, or 8 and a sentence end",
    "position": "its place among the body's lines, 0 at the first, 1 at the last",
    "text_before": "share of the body's characters before it",
    "text_after": "share of the body's characters after it",
    "prose_before": "log of the lines since the last prose line above it (none: 6)",
    "prose_after": "log of the lines until the next prose line below it (none: 6)",
    "no_prose_after": "no prose line below it: it is past the article's last paragraph",
    "no_prose_before": "no prose line above it",
    "short_run": "log of the run of non-prose lines it stands in",
    "near_words": "log of the mean words of the two lines on each side",
    "prev_colon": "the line above ends with a colon (a list's heading)",
    "prev_short": "the line above is not prose",
    "next_short": "the line below is not prose",
    "repeated": "the same line is elsewhere in the seed",
    "article_words": "share of its words (of four letters or more) found in the article's long "
    "paragraphs: a list inside the article speaks of its subject, a teaser of another",
    "first": "it is the body's first line",
    "last": "it is the body's last line",
}
NAMES: tuple[str, ...] = tuple(DOCS)
"""The dense features, in the order of a line's vector and of the model's weights."""

_PROSE_WORDS = 16
_NONE_NEAR = 6  # lines: "no prose line on that side" counts as this far
_NEAR = 2
_SEPARATORS = re.compile(r"[|•·»›/>()]")
_LINK = re.compile(r"https?://|www\.|\S@\S|(?:^|\s)[@#]\w")
_BULLET = re.compile(r"(?:[-–•*▪●◦]|\d{1,2}[.)])\s")
_INNER_STOP = re.compile(r"[.!?。！？;](?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+")
_NGRAM_HEAD = 48
_NGRAM_TAIL = 16
_DIGIT = re.compile(r"\d")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_SHARED_WORDS = 12  # a line's long words looked up in the article
_ARTICLE_SAMPLE = 3000  # characters of the article's paragraphs they are looked up in


def _shared(text: str, article: str) -> float:
    """Share of the line's long words (four letters or more) found in the article's text (a
    substring search in C: building the article's vocabulary cost more than all the rest)."""
    words = _LONG_WORD.findall(text[:_SAMPLE].casefold())[:_SHARED_WORDS]
    return sum([w in article for w in words]) / len(words) if words else 0.0


class Line(NamedTuple):
    """A line's own facts (its text alone), worked out once."""

    dense: tuple[float, ...]
    """The line-local features, NAMES[1:16] (bias aside)."""
    prose: bool
    settled: bool
    """Long prose with a sentence end (or a sentence of ten words between two such): article
    text whatever its place, never scored (most of an article's lines; scoring them would cost
    most of the classifier's time)."""
    words: int
    chars: int
    colon: bool
    grams: tuple[str, ...]
    """Its character n-grams (see ``ngrams``)."""


def ngrams(text: str) -> list[str]:
    """The line's character 3-grams, casefolded, digits as 0, from its first 48 and last 16
    characters, with ^ and $ marking its ends (a list heading, a button: the start and end of
    a line say most), in order."""
    if len(text) > _NGRAM_HEAD + _NGRAM_TAIL:
        text = text[:_NGRAM_HEAD] + text[-_NGRAM_TAIL:]
    t = _DIGIT.sub("0", text.casefold())
    if len(t) > _NGRAM_HEAD:
        head, tail = "^" + t[:_NGRAM_HEAD], t[_NGRAM_HEAD:][-_NGRAM_TAIL:] + "$"
        return [head[i : i + 3] for i in range(len(head) - 2)] + [
            tail[i : i + 3] for i in range(len(tail) - 2)
        ]
    whole = "^" + t + "$"
    if len(whole) < 5:
        return [whole]
    return [whole[i : i + 3] for i in range(len(whole) - 2)]


def _words(text: str) -> int:
    """Its words, up to ``_MAX_WORDS`` (a Chinese or Japanese line: its characters / 2)."""
    n = len(text.split(maxsplit=_MAX_WORDS)) if len(text) > _MAX_WORDS else len(text.split())
    if n <= 3 and NO_SPACES.search(text):
        return max(n, len(NO_SPACES.findall(text)) // 2)
    return n


_SETTLED_SPACES = 30  # spaces in a settled line: some thirty words
_BETWEEN_WORDS = 10  # words (spaces + 1) of a sentence between two settled lines: settled too
_MAX_WORDS = 64  # words counted: past this a line is long, however long
_SAMPLE = 240  # characters whose make-up (digits, capitals) is counted: enough to tell


def _settled_line(words: int, chars: int) -> Line:
    """A settled line's facts: prose, never scored, no vector."""
    return Line((), True, True, words, chars, False, ())


def _settled(text: str) -> bool | None:
    """True for a settled line (a sentence end and some thirty words, counted by its spaces:
    a tenth of the cost of splitting it), None for another line ending a sentence, False for
    the rest. (Its last characters only: the pattern is anchored at the end, and a search from
    the start tries every stop of a long paragraph.)"""
    if SENTENCE_END.search(text[-8:]) is None:
        return False
    return True if text.count(" ") >= _SETTLED_SPACES else None


@lru_cache(maxsize=4096)
def line_facts(text: str, stoplist: frozenset[str] | None) -> Line:
    """The features of a line to be scored, whatever its place (cached: chrome lines recur
    across seeds). Whether a line is settled instead is ``seed_features``' to say."""
    sentence_end = SENTENCE_END.search(text[-8:]) is not None
    n = _words(text)
    chars = len(text)
    sample = text[:_SAMPLE]
    letters = sum(map(str.isalpha, sample))
    words = _WORD.findall(sample)
    stripped = text.rstrip('"”’»)]*')
    colon = stripped[-1:] in (":", "：")
    if stoplist is None or not words:
        stop_share = 0.0
    else:
        stop_share = sum(w.casefold() in stoplist for w in words) / len(words)
    dense = (
        math.log1p(chars),
        math.log1p(n),
        float(sentence_end),
        float(colon),
        math.log1p(len(_INNER_STOP.findall(text[:-1]))),
        min(text.count(",") / max(n, 1), 1.0),
        sum(map(str.isdigit, sample)) / len(sample),
        sum(map(str.isupper, sample)) / letters if letters else 0.0,
        sum(w[0].isupper() for w in words) / len(words) if words else 0.0,
        math.log1p(len(_SEPARATORS.findall(text))),
        float(not letters),
        float(_LINK.search(text) is not None),
        float(_BULLET.match(text) is not None),
        stop_share,
        float(stoplist is None),
    )
    prose = n >= _PROSE_WORDS or (n >= 8 and sentence_end)
    return Line(dense, prose, False, n, chars, colon, tuple(ngrams(text)))


def seed_features(
    texts: list[str], stoplist: frozenset[str] | None
) -> list[tuple[Line, tuple[float, ...]]]:
    """Each body line's own facts and its vector of dense features (NAMES, bias first); a
    settled line (``Line.settled``) has an empty vector."""
    n = len(texts)
    settled = [_settled(t) for t in texts]
    # A sentence of some length between two settled paragraphs is settled too: a paragraph of
    # the article, whatever else it is (and most of what is left to score in a long article).
    # (Decided before the line's facts are worked out: they cost more than anything else here.)
    between = [
        0 < i < n - 1
        and settled[i - 1] is True
        and settled[i + 1] is True
        and settled[i] is None
        and texts[i].count(" ") >= _BETWEEN_WORDS - 1
        for i in range(n)
    ]
    if all(b or s is True for b, s in zip(between, settled, strict=True)):
        # Nothing to score (most articles once the rules have run): no vectors at all.
        return [
            (_settled_line(_BETWEEN_WORDS if b else _MAX_WORDS, len(t)), ())
            for t, b in zip(texts, between, strict=True)
        ]
    facts = [
        _settled_line(_BETWEEN_WORDS if b else _MAX_WORDS, len(t))
        if b or s is True
        else line_facts(t, stoplist)
        for t, b, s in zip(texts, between, settled, strict=True)
    ]
    # The article's own text: its settled paragraphs, casefolded (only when a line is scored).
    article = (
        " ".join([t for t, f in zip(texts, facts, strict=True) if f.settled])[
            :_ARTICLE_SAMPLE
        ].casefold()
        if not all(f.settled for f in facts)
        else ""
    )
    total = sum(f.chars for f in facts) or 1
    counts = Counter(texts)
    # The nearest prose line above and below each line, in one pass each way.
    above: list[int | None] = []
    last: int | None = None
    for i, f in enumerate(facts):
        above.append(last)
        if f.prose:
            last = i
    below: list[int | None] = [None] * n
    last = None
    for i in range(n - 1, -1, -1):
        below[i] = last
        if facts[i].prose:
            last = i
    # The run of non-prose lines each line stands in.
    run = [0] * n
    i = 0
    while i < n:
        if facts[i].prose:
            run[i] = 0
            i += 1
            continue
        j = i
        while j < n and not facts[j].prose:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = j
    out: list[tuple[Line, tuple[float, ...]]] = []
    before = 0
    for i, f in enumerate(facts):
        if f.settled:
            before += f.chars
            out.append((f, ()))
            continue
        a, b = above[i], below[i]
        lo, hi = max(0, i - _NEAR), min(n, i + _NEAR + 1)
        near = [facts[k].words for k in range(lo, hi) if k != i]
        vector = (
            1.0,
            *f.dense,
            float(f.prose),
            i / (n - 1) if n > 1 else 0.0,
            before / total,
            (total - before - f.chars) / total,
            math.log1p(i - a if a is not None else _NONE_NEAR),
            math.log1p(b - i if b is not None else _NONE_NEAR),
            float(b is None),
            float(a is None),
            math.log1p(run[i]),
            math.log1p(sum(near) / len(near)) if near else 0.0,
            float(i > 0 and facts[i - 1].colon),
            float(i > 0 and not facts[i - 1].prose),
            float(i + 1 < n and not facts[i + 1].prose),
            float(counts[texts[i]] > 1),
            _shared(texts[i], article),
            float(i == 0),
            float(i == n - 1),
        )
        before += f.chars
        out.append((f, vector))
    return out
