"""Tests of the synthetic corpus generator (fast: no site, no browser)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from seedsite import synth

NAME = re.compile(r"^\d{5}_[0-9a-f]{16}\.txt$")
# A dateline: place, date, dash (the date forms make_seed writes).
DATELINE = re.compile(
    r"^[A-Z][a-z]+, (?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d\d-\d\d)"
    r" [-–—] "
)
HEADERS = 200  # seeds sampled for the shape checks


def seeds(n: int, seed: int = 0) -> list[str]:
    """The text of the first ``n`` seeds of corpus ``seed`` without touching the disk."""
    out = []
    for i in range(n):
        rng = synth.seed_rng(seed, i)
        rng.getrandbits(64)  # the file name's draw, as in write_corpus
        out.append(synth.make_seed(i, rng))
    return out


def body(text: str) -> list[str]:
    """The paragraph lines: from the dateline to the blank lines before the chrome."""
    return text.split("\n\n\n")[1].split("\n")


def test_files_are_named_and_byte_identical(tmp_path: Path) -> None:
    a = synth.write_corpus(tmp_path / "a", 30)
    b = synth.write_corpus(tmp_path / "b", 30)
    assert [p.name for p in a] == [p.name for p in b]
    assert all(NAME.match(p.name) for p in a)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [p.name for p in a]


def test_prefix_stable_and_seed_dependent(tmp_path: Path) -> None:
    small = synth.write_corpus(tmp_path / "s", 5)
    big = synth.write_corpus(tmp_path / "b", 12)
    # Seed i does not depend on n: benchmarks at 100 and 10,000 share their first 100 seeds.
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in big[:5]]
    other = synth.write_corpus(tmp_path / "o", 5, seed=1)
    assert {p.name for p in other}.isdisjoint(p.name for p in small)


def test_make_seed_is_pure() -> None:
    assert seeds(3) == seeds(3)


@pytest.mark.parametrize("text", seeds(HEADERS)[:40])
def test_shape_of_one_seed(text: str) -> None:
    assert text.endswith("\n")
    lines = text.split("\n")
    assert any(line.startswith(("Latest News", "More News")) for line in lines)
    paragraphs = body(text)
    words = sum(len(p.split()) for p in paragraphs)
    assert 300 <= words <= 1500 + 200  # the last paragraph may overshoot the target


def test_headers_like_real_seeds() -> None:
    texts = seeds(HEADERS)
    residue = sum(t.split("\n", 1)[0] in synth.RESIDUE for t in texts)
    doubled = sum(bool(re.search(r"\n\n(.+)\n\1\n\n", t)) for t in texts)
    bylines = sum(bool(re.search(r"\n(By |Analysis by |Staff writer )", t)) for t in texts)
    dated = sum(bool(DATELINE.match(body(t)[0])) for t in texts)
    assert residue > HEADERS * 0.6  # ad-slot residue on most pages
    assert doubled > HEADERS * 0.8  # alt text + caption
    assert bylines > HEADERS * 0.8
    assert HEADERS * 0.9 < dated < HEADERS  # ~3% undated


def test_undated_share() -> None:
    texts = seeds(1000)
    undated = sum(not DATELINE.match(body(t)[0]) for t in texts)
    assert 10 <= undated <= 60  # ~3%


def test_vocabulary_is_zipfian() -> None:
    counts = Counter(
        w.strip(".,?:“”").lower() for t in seeds(100) for w in " ".join(body(t)).split()
    )
    ranked = [c for _, c in counts.most_common()]
    assert counts.most_common(1)[0][0] == "the"
    # Zipf: rank 10 is about a tenth of rank 1, and the tail is long.
    assert 0.04 < ranked[9] / ranked[0] < 0.25
    assert len(counts) > 3000
    v = synth.vocabulary()
    assert len(set(v.words)) == len(v.words)
    # Names recur across articles (people searched for), not one-offs.
    people = Counter(p for t in seeds(100) for p in v.people[:20] if p in t)
    assert people.most_common(1)[0][1] > 20
