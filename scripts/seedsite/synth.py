"""A deterministic synthetic corpus of seeds shaped like the scraped ones, for tests and benchmarks.

A synthetic seed has what a real one has (see ``seeds/000_1682d531997dcce0.txt``): ad-slot
residue (``728 x 90``), the headline, the image caption twice (alt text, then caption), a byline,
a dateline opening the first paragraph (``Paris, Jan. 5, 2019 - ...``), 300-1,500 words of body
and trailing page chrome (``Latest News and Articles``, share buttons, related links). About 3%
carry no date at all.

The body words follow a Zipf curve over English function words plus a few thousand pseudo-words,
with capitalized names and places that recur across articles, so a search index built from it
grows the way a real one does (a uniform random vocabulary makes indexes several times larger).

Everything is a function of ``(seed, i)``: the same call writes byte-identical files, and seed
``i`` does not depend on ``n`` (the first 100 seeds of a 10,000 corpus are the 100-seed corpus).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

# The commonest English words in rough frequency order: they take the top Zipf ranks, as in
# real text, so stop-word handling and index sizes behave realistically.
FUNCTION_WORDS = (  # noqa: SIM905 (a list literal of 130 words would not be readable)
    "the of and to a in that is for it was on with he as his by at be from this are or had not "
    "but have they which an has were their one all been would we who more there its also when "
    "will can said about than other into after over new some out these two first may them only "
    "could most year people those between under while since before because both such during "
    "against three many where through government years last any each even well back much still "
    "should report country officials state her she our what so up no if do did just very being "
    "made us now how then week says told public according regime security former minister"
).split()

_COMMON = frozenset(FUNCTION_WORDS)

MONTHS = (
    ("January", "Jan."),
    ("February", "Feb."),
    ("March", "March"),
    ("April", "April"),
    ("May", "May"),
    ("June", "June"),
    ("July", "July"),
    ("August", "Aug."),
    ("September", "Sept."),
    ("October", "Oct."),
    ("November", "Nov."),
    ("December", "Dec."),
)

# Fixed seed of the shared vocabulary: every corpus speaks the same language, whatever its seed.
_VOCABULARY_SEED = 20180919
_ONSETS = "b c d f g h j k l m n p r s t v w z br ch dr fl gr kh pl sh st th tr".split()  # noqa: SIM905
_VOWELS = "a e i o u a e i o ai ou ea ia".split()  # noqa: SIM905
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "st", "rk", "sh"]
_SUFFIXES = ["", "", "", "", "ing", "ed", "er", "ion", "al", "ism", "ity", "ly", "ment", "ous"]

RESIDUE = ("728 x 90", "300 x 250", "160 x 600", "Advertisement", "970 x 250")
CHROME_TITLES = ("Latest News and Articles", "Latest News", "More News and Articles")
SHARE_LINES = ("Share", "Facebook", "Twitter", "WhatsApp", "Email", "Print", "Tweet")


@dataclass(frozen=True)
class Vocabulary:
    """The word stock every synthetic seed draws from, and its Zipf weights."""

    words: tuple[str, ...]
    """Function words first, then pseudo-words, in frequency-rank order."""
    cum_weights: tuple[float, ...]
    """Cumulative Zipf weights of ``words`` (for ``random.choices``)."""
    people: tuple[str, ...]
    """``First Last`` names, most frequent first."""
    people_weights: tuple[float, ...]
    """Cumulative Zipf weights of ``people``."""
    places: tuple[str, ...]
    """Place names used in datelines and text, most frequent first."""
    place_weights: tuple[float, ...]
    """Cumulative Zipf weights of ``places``."""


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return "".join(parts) + rng.choice(_CODAS) + rng.choice(_SUFFIXES)


def _zipf(n: int, s: float) -> tuple[float, ...]:
    return tuple(accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


@cache
def vocabulary(size: int = 6000) -> Vocabulary:
    """The shared vocabulary: ``size`` distinct body words plus recurring names and places."""
    rng = random.Random(_VOCABULARY_SEED)
    seen = set(FUNCTION_WORDS)
    words = list(FUNCTION_WORDS)
    while len(words) < size:
        # Short words are the common ones in real text: rank grows with length.
        word = _pseudo_word(rng, 1 + min(3, len(words) // 900 + rng.randrange(2)))
        if word not in seen:
            seen.add(word)
            words.append(word)

    def names(count: int, syllables: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            name = _pseudo_word(rng, rng.randrange(1, syllables + 1)).capitalize()
            if name.lower() not in seen and len(name) > 2:
                seen.add(name.lower())
                out.append(name)
        return out

    firsts, lasts = names(120, 2), names(200, 3)
    people = tuple(dict.fromkeys(f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(400)))
    places = tuple(names(150, 2))
    return Vocabulary(
        words=tuple(words),
        cum_weights=_zipf(len(words), 1.05),
        people=people,
        people_weights=_zipf(len(people), 1.0),
        places=places,
        place_weights=_zipf(len(places), 0.9),
    )


def _pick(rng: random.Random, items: tuple[str, ...], cum: tuple[float, ...]) -> str:
    return items[bisect_right(cum, rng.random() * cum[-1])]


def _sentence(rng: random.Random, v: Vocabulary) -> str:
    words = rng.choices(v.words, cum_weights=v.cum_weights, k=rng.randint(8, 28))
    # Names and places recur across articles: they are what readers search for.
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        pool = (v.people, v.people_weights) if rng.random() < 0.6 else (v.places, v.place_weights)
        words.insert(rng.randrange(len(words) + 1), _pick(rng, *pool))
    if len(words) > 12 and rng.random() < 0.5:
        words[rng.randrange(3, len(words) - 3)] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.06:
        return f"{_pick(rng, v.people, v.people_weights)} said: “{text}.”"
    return text + rng.choice(".........?")


def _date(rng: random.Random) -> str:
    year = rng.randint(2012, 2024)
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    full, short = MONTHS[month]
    form = rng.randrange(5)
    if form == 0:
        return f"{short} {day}, {year}"
    if form == 1:
        return f"{full} {day}, {year}"
    if form == 2:
        return f"{day} {full} {year}"
    if form == 3:
        return f"{year}-{month + 1:02d}-{day:02d}"
    return f"{short} {day} {year}"


def _byline(rng: random.Random, v: Vocabulary) -> str | None:
    person = _pick(rng, v.people, v.people_weights)
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.6:
        return f"By {person}"
    if roll < 0.8:
        return f"Analysis by {person}"
    if roll < 0.9:
        return f"By {person} and {_pick(rng, v.people, v.people_weights)}"
    return f"Staff writer {person}"


def make_seed(i: int, rng: random.Random) -> str:
    """One synthetic seed's text (``i`` numbers it; ``rng`` decides everything else)."""
    v = vocabulary()
    lines: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 1, 2))):
        lines += [rng.choice(RESIDUE), ""]

    headline = _sentence(rng, v).rstrip(".?”")
    words = headline.replace(",", "").split()[: rng.randint(5, 12)]
    # Headlines end on a content word, not "the".
    while len(words) > 3 and words[-1].lower() in _COMMON:
        words.pop()
    headline = " ".join(words)
    lines += [headline, ""]

    if rng.random() < 0.9:
        # Scraped pages repeat the caption: the image's alt text, then the visible caption.
        caption = " ".join(_sentence(rng, v).split()[: rng.randint(4, 10)]).rstrip(",.?")
        lines += [caption, caption, ""]

    byline = _byline(rng, v)
    if byline:
        lines += [byline, ""]
    # Two blank lines before the body and before the chrome, as in the real seed.
    lines.append("")

    target = rng.randint(300, 1500)
    paragraphs: list[str] = []
    word_count = 0
    while word_count < target:
        para = " ".join(_sentence(rng, v) for _ in range(rng.randint(1, 6)))
        paragraphs.append(para)
        word_count += len(para.split())

    place = _pick(rng, v.places, v.place_weights)
    if rng.random() < 0.03:
        # Undated: no date anywhere, sometimes not even a place.
        if rng.random() < 0.5:
            paragraphs[0] = f"{place} - {paragraphs[0]}"
    else:
        dash = rng.choice(("-", "-", "–", "—"))
        paragraphs[0] = f"{place}, {_date(rng)} {dash} {paragraphs[0]}"
    lines += paragraphs

    lines += ["", "", rng.choice(CHROME_TITLES)]
    if rng.random() < 0.5:
        lines += ["", *rng.sample(SHARE_LINES, rng.randint(2, 5))]
    if rng.random() < 0.4:
        lines += ["", "Related"] + [
            " ".join(_sentence(rng, v).split()[:8]).rstrip(",.?") for _ in range(3)
        ]
    return "\n".join(lines) + "\n"


def seed_rng(seed: int, i: int) -> random.Random:
    """The random generator of seed ``i`` in corpus ``seed`` (independent of corpus size)."""
    return random.Random(f"seedsite-synth:{seed}:{i}")


def write_corpus(dest: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic seeds into ``dest`` as ``NNNNN_<16 hex>.txt``; return their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n):
        rng = seed_rng(seed, i)
        name = f"{i:05d}_{rng.getrandbits(64):016x}.txt"
        path = dest / name
        # Bytes, not text mode: the same bytes on every platform (no newline translation).
        path.write_bytes(make_seed(i, rng).encode("utf-8"))
        paths.append(path)
    return paths
