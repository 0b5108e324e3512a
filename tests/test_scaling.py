"""The whole per-seed pipeline over any mix of chrome, headings and prose (issue 10, item 1).

Hypothesis mixes the kinds of line a scrape leaves (``seedsite.worst.CHROME``: share rows,
Related and Latest headings, ad slots, crumbs, counters, dates, bylines, credits, tabs, ...)
with headings and paragraphs of prose in seven languages, in runs and alternations, and checks
for every mix that

* the pipeline raises nothing but ``SeedError`` (a seed that cannot become a page);
* every non-blank line is on the page or in the build report (``conftest.unaccounted``);
* the same seed makes the same page twice;
* no seed stalls it. The budget is generous: a guard, not a timing test. How each rule's time
  grows with its worst input is the benchmark's to show (``scripts/bench.py --rules-only``).
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass

import pytest
from conftest import unaccounted
from hypothesis import given, settings
from hypothesis import strategies as st
from seedsite.build import MAX_SEED_BYTES
from seedsite.clean import chrome_candidates, clean
from seedsite.decode import decode
from seedsite.extract import extract
from seedsite.model import Seed, SeedError
from seedsite.render import render_article
from seedsite.worst import CHROME, PROSE, prose

# A stall guard: the slowest seeds of this size take a few tenths of a second.
BUDGET_S = 5.0
LARGE_BYTES = 200_000
KINDS = sorted(CHROME)
LANGS = sorted(PROSE)


@dataclass(frozen=True)
class Made:
    """What the pipeline made of one seed: the page, or the error that stopped it."""

    page: str | None
    error: str | None
    lost: tuple[str, ...]


def run(data: bytes, corpus_chrome: bool) -> Made:
    """Decode, clean, extract and render one seed as ``build`` does; with ``corpus_chrome``,
    as if every line that could be site chrome were found in many seeds of the archive."""
    seed = Seed("mix.txt", data, hashlib.sha256(data).hexdigest())
    try:
        decoded = decode(seed, max_bytes=MAX_SEED_BYTES)
        chrome = chrome_candidates(decoded.text) if corpus_chrome else frozenset()
        article = extract(clean(decoded, chrome), seed, decoded)
        page = render_article(article)
    except SeedError as e:
        return Made(None, str(e), ())
    return Made(page, None, tuple(unaccounted(decoded.text, article, seed.name)))


def line(kind: str, i: int, lang: str) -> str:
    """Line ``i`` of a kind: scrape residue (``CHROME``), a paragraph, a heading or a blank."""
    if kind == "prose":
        return prose(i, lang)
    if kind == "blank":
        return ""
    return CHROME[kind](i)


# A run: one kind of line, or two kinds alternating (a share row under every "Related"), `count`
# times; `same` repeats one line (a caption pasted twice, a button under every item).
_ANY_KIND = st.sampled_from([*KINDS, "prose", "prose", "prose", "blank"])
runs = st.lists(
    st.tuples(
        _ANY_KIND,
        st.none() | _ANY_KIND,
        st.integers(0, 100_000),
        st.integers(1, 12),
        st.sampled_from(LANGS),
        st.booleans(),
    ),
    min_size=1,
    max_size=25,
)


def mix(chosen: list[tuple[str, str | None, int, int, str, bool]]) -> list[str]:
    """The seed's lines for the runs drawn."""
    lines: list[str] = []
    for kind, other, i, count, lang, same in chosen:
        for k in range(count):
            at = i if same else i + k
            lines.append(line(kind, at, lang))
            if other is not None:
                lines.append(line(other, at, lang))
    return lines


def check(data: bytes, corpus_chrome: bool = False) -> None:
    start = time.perf_counter()
    first = run(data, corpus_chrome)
    seconds = time.perf_counter() - start
    assert not first.lost, f"{len(first.lost)} lines lost:\n" + "\n".join(first.lost[:20])
    assert run(data, corpus_chrome) == first, "the same seed made another page"
    assert seconds < BUDGET_S * max(1.0, len(data) / LARGE_BYTES), f"{seconds:.1f} s"


@settings(max_examples=150, deadline=None)
@given(chosen=runs, newline=st.sampled_from(["\n", "\r\n"]), corpus_chrome=st.booleans())
def test_any_mix_becomes_a_page_or_a_clean_error(
    chosen: list[tuple[str, str | None, int, int, str, bool]], newline: str, corpus_chrome: bool
) -> None:
    check(newline.join(mix(chosen)).encode("utf-8"), corpus_chrome)


def large_mix(seed: int) -> bytes:
    """About 200 KB of runs like the ones above, drawn from a seeded generator."""
    rng = random.Random(f"seedsite-scaling:{seed}")
    kinds = [*KINDS, "prose", "prose", "prose", "blank"]
    lines: list[str] = []
    size = 0
    while size < LARGE_BYTES:
        other = rng.choice([None, *kinds])
        run = [(rng.choice(kinds), other, rng.randrange(100_000), rng.randint(1, 60))]
        added = mix([(*r, rng.choice(LANGS), rng.random() < 0.2) for r in run])
        lines += added
        size += sum(len(a.encode()) + 1 for a in added)
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_a_large_mix_does_not_stall_the_pipeline(seed: int) -> None:
    check(large_mix(seed), corpus_chrome=seed % 2 == 1)
