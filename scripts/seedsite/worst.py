"""The worst input of each cleaning and header rule, at any size, for the rule-scaling benchmark.

Every rule must cost time in proportion to the seed's size: a rule that looks at the lines after
each heading, or a fixed point that removes one box per pass, turns a 2 MB seed into minutes of
``mkdocs serve`` waiting. ``CASES`` holds, for each rule (and each stage before and after the
rules), the input that makes it work hardest per line: long runs of the very lines it looks at,
each line distinct (the pipeline works a repeated short line out once), arranged so the rule
looks as far as it can. ``scripts/bench.py --rules-only`` times the per-seed pipeline over each
case at ``n`` and ``4 n`` lines; ``tests/test_scaling.py`` mixes the same kinds of line.

Everything is a function of its arguments: the same call makes the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fe", "go", "ha", "ji")


def _syllables(i: int, count: int) -> str:
    out = []
    for _ in range(count):
        i, digit = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[digit])
    return "".join(out)


def word(i: int) -> str:
    """A distinct lower-case pseudo-word of ten letters for every ``i`` below 537,824
    (``kakakakaka``, ``lokakakaka`` ...): of one length, so that 4x the words is 4x the bytes."""
    return _syllables(i, 5)


def name(i: int) -> str:
    """A distinct person's name for every ``i`` below 537,824 (``Kalo Mikaru``)."""
    first = _syllables(i % 196, 2).capitalize()
    return f"{first} {_syllables(i // 196, 3).capitalize()}"


# One paragraph of prose per language seeds come in: long enough to be the body in every test
# (16 words and more, or a sentence of 40 CJK characters).
PROSE = {
    "en": "The council met on Tuesday to discuss the budget for the coming year, and members "
    "argued for hours about school number {i} and its roof.",
    "de": "Der Stadtrat hat am Dienstag über den Haushalt für das kommende Jahr beraten, und die "
    "Mitglieder stritten lange über die Schule Nummer {i} und ihr Dach.",
    "fr": "Le conseil municipal s’est réuni mardi pour discuter du budget de l’année prochaine, "
    "et les élus ont longtemps débattu de l’école numéro {i} et de son toit.",
    "es": "El consejo se reunió el martes para debatir el presupuesto del próximo año, y los "
    "concejales discutieron durante horas sobre la escuela número {i} y su techo.",
    "ru": "Городской совет во вторник обсуждал бюджет на следующий год, и депутаты несколько "
    "часов спорили о школе номер {i} и её крыше.",
    "fa": "شورای شهر روز سه‌شنبه برای بررسی بودجه سال آینده تشکیل جلسه داد و اعضا ساعت‌ها "
    "درباره مدرسه شماره {i} و سقف آن بحث کردند.",
    "zh": "市议会周二开会讨论明年的预算，议员们就第{i}号学校及其屋顶的问题争论了几个小时，"
    "会议一直持续到深夜才结束，最后没有达成任何一致意见。",
}


def prose(i: int, lang: str = "en") -> str:
    """Paragraph ``i`` of prose in ``lang`` (a key of ``PROSE``)."""
    return PROSE[lang].format(i=i)


def _body(first: int = 0, count: int = 3) -> list[str]:
    return [prose(first + k) for k in range(count)]


def _seed(lines: list[str], newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode("utf-8")


# Kinds of scrape residue, each line ``i`` of a kind distinct from the others where the kind
# allows (a cache of worked-out lines must not hide what a line costs).
CHROME: dict[str, Callable[[int], str]] = {
    "ad-slot": lambda i: f"{300 + i % 700} x {50 + i // 700 % 200}",
    "share-button": lambda i: ("Share | Tweet | Email", "Share on Facebook", f"{i} shares")[i % 3],
    "cookie-notice": lambda i: (
        f"We use cookies to improve your experience on our site {word(i)}; by continuing to "
        f"browse you accept our privacy policy and the use of cookies."
    ),
    "ui-label": lambda i: (f"Show {i} comments", f"Load {i} more photos", "Next page")[i % 3],
    "counter": lambda i: (f"{i % 9999 + 1} of 9999", f"{i} comments", f"{i % 99 + 1} min read")[
        i % 3
    ],
    "photo-credit": lambda i: (f"Photo: {name(i)}/AFP", f"Getty Images for {name(i)}")[i % 2],
    "image-file": lambda i: f"IMG_{i}.jpg",
    "breadcrumb": lambda i: f"Home > News > {word(i).capitalize()}",
    "related": lambda i: ("Related", "Latest", "Trending", "Popular", "Related Articles")[i % 5],
    "date": lambda i: (
        f"March {i % 28 + 1}, {1990 + i % 40}",
        f"Published: {i % 28 + 1} March {1990 + i % 40} 12:{i % 60:02d}",
        f"{i % 28 + 1:02d}.03.{1990 + i % 40}",
        f"Mis à jour le {i % 28 + 1} mars {1990 + i % 40} à 18h05",
    )[i % 4],
    "byline": lambda i: (f"By {name(i)}", f"Analysis by {name(i)}", f"Par {name(i)}")[i % 3],
    "heading": lambda i: f"{word(i).capitalize()} Plans for the {word(i + 1).capitalize()} Region",
    "figure": lambda i: (f"${i % 1000}", f"{i % 100}%", f"’{i % 100:02d}", str(i))[i % 4],
    "tab": lambda i: f"{word(i)}\t{i}\t{word(i + 7)}",
}
"""Line makers by kind: ``CHROME[kind](i)`` is line ``i`` of that kind."""


@dataclass(frozen=True)
class Case:
    """One worst input: what it stresses, and how to make it at any size."""

    name: str
    """Short name, as the benchmark's table shows it."""
    rule: str
    """The rule or stage it stresses (a rule's name as in the build report where there is one)."""
    lines: int
    """The small size, in units of ``make`` (lines mostly); the large one is four times it."""
    make: Callable[[int], bytes]
    """The seed's bytes at a size."""
    chrome: Callable[[int], frozenset[str]] | None = None
    """Corpus-chrome lines (casefolded) the case assumes the archive has, at a size."""


def _run(kind: str, n: int, *, body_first: bool = False) -> bytes:
    lines = [CHROME[kind](i) for i in range(n)]
    return _seed([*_body(), *lines] if body_first else [*lines, *_body()])


def _between(kind: str, n: int) -> bytes:
    """A run of one kind in the middle of the article (every rule that looks at neighbours
    sees the whole run)."""
    run = (CHROME[kind](i) for i in range(n))
    return _seed(["A Headline of the Case", *_body(0, 2), *run, *_body(10, 2)])


def _trailing_teasers(n: int) -> bytes:
    lines = [*_body(), "Related"]
    for i in range(n // 3):
        lines += [
            f"{word(i).capitalize()} story {i}",
            f"What happened to school {i} is told here.",
            'In "News"',
        ]
    return _seed(lines)


def _headings_between_paragraphs(n: int) -> bytes:
    lines = _body()
    for i in range(n // 2):
        lines += [CHROME["related"](i), prose(i)]
    return _seed(lines)


def _author_boxes(n: int) -> bytes:
    lines = _body()
    for i in range(n // 2):
        lines += ["About the author", f"{name(i)} writes about schools and covers the city."]
    return _seed(lines)


def _alternating(first: Callable[[int], str], second: Callable[[int], str], n: int) -> bytes:
    lines = _body()
    for i in range(n // 2):
        lines += [first(i), second(i)]
    return _seed(lines)


def _related_boxes(n: int) -> bytes:
    # Each box is followed by the next one's heading (a link-like line): only the last box is
    # "followed by the article", and removing it exposes the one above.
    lines = _body()
    for i in range(n // 3):
        lines += ["Related", f"Caption of picture {i} here", f"{word(i).capitalize()} eta theta"]
    return _seed([*lines, *_body(10)])


def _gallery(n: int) -> bytes:
    lines = _body()
    for i in range(n // 3):
        k = i % 50 + 1
        lines += [f"{k}/50", f"A view of the {word(i)} square at dusk", f"Photo: {name(i)}/AFP"]
    return _seed([*lines, *_body(10)])


def _chart(n: int) -> bytes:
    lines = _body()
    for i in range(n):
        # A run of figures broken by a short label now and then, as axis ticks are.
        lines.append(CHROME["figure"](i) if i % 7 else f"{word(i)} index")
    return _seed([*lines, *_body(10)])


def _repeated(n: int) -> bytes:
    lines = ["A Headline of the Case", *_body(0, 2)]
    for i in range(n // 2):
        caption = f"The {word(i)} bridge seen from the river bank"
        lines += [caption, caption]
    return _seed(lines)


def _repeated_headline(n: int) -> bytes:
    headline = "Council argues about the school budget"
    lines = [headline, *(line for i in range(n // 2) for line in (headline, word(i)))]
    return _seed([*lines, *_body()])


def _header_chrome(n: int) -> bytes:
    return _seed([*(f"{word(i).capitalize()} {word(i + 3)}" for i in range(n)), *_body()])


def _date_lines(n: int) -> bytes:
    # Dates under the article, none labelled as the first line's is, so every dated line is
    # read; a thousand distinct ones (the reading of a date line is not cached).
    return _seed([*_body(), *(CHROME["date"](4 * (i % 1000) + 2) for i in range(n))])


def _datelines(n: int) -> bytes:
    return _seed([f"WASHINGTON, March {i % 28 + 1}, 2021 - " + prose(i) for i in range(n)])


def _crumb_rows(n: int) -> bytes:
    # Twelve crumbs a line: about as many as a short line (160 characters, see clean) holds.
    return _seed([" > ".join(word(i + k) for k in range(12)) for i in range(n)] + _body())


def _crumb_line(n: int) -> bytes:
    return _seed(["Home" + "".join(f" > {word(i)}" for i in range(n)), *_body()])


def _control_at_end(n: int) -> bytes:
    return _seed([*(prose(i) for i in range(n)), "bell \x07"])


def _controls_every_line(n: int) -> bytes:
    # A bell between two words, a C1 quote and an unclosed isolate on every line: each line is
    # scrubbed, and the scrub must stay linear.
    return _seed([f"{prose(i)} \x84x\x93 a\x07b \u2066c" for i in range(n)])


def _mojibake(lines: list[str]) -> bytes:
    # UTF-8 read as cp1252, then saved as UTF-8 again: "café" becomes "cafÃ©".
    return _seed([line.encode("utf-8").decode("cp1252", "replace") for line in lines])


def _title_run(n: int) -> bytes:
    return _seed([prose(0) + " " + " ".join(["President"] * n) + " Obama said so.", *_body(1)])


def _names(n: int) -> bytes:
    lines = []
    for i in range(n):
        lines.append(f"{name(i)} met {name(i + 1)} and {name(i + 2)} in {word(i).capitalize()}. ")
    return _seed(["A Headline of the Case", " ".join(lines)[:-1], *_body()])


def _tag_labels(n: int) -> bytes:
    # The label alone, its tags on the lines below: every label looks down its run.
    lines = ["A Headline of the Case", *_body()]
    for i in range(n):
        lines += ["Tags", word(i), word(i + 1).capitalize(), ""]
    return _seed(lines)


def _tag_row(n: int) -> bytes:
    return _seed(["A Headline of the Case", *_body(), "Tags: " + ", ".join(map(word, range(n)))])


def _mix(n: int) -> bytes:
    kinds = sorted(CHROME)
    lines = ["A Headline of the Case", *_body(0, 2)]
    for i in range(n):
        lines.append(prose(i, sorted(PROSE)[i % len(PROSE)]) if i % 3 == 0 else "")
        lines.append(CHROME[kinds[i % len(kinds)]](i))
    return _seed(lines)


CASES: tuple[Case, ...] = (
    Case("prose lines", "decode, every stage", 8000, lambda n: _seed(_body(0, n))),
    Case(
        "CRLF + NFD",
        "decode: newlines, NFC",
        2500,
        lambda n: _seed([prose(i, "fr").replace("é", "e\u0301") for i in range(n)], "\r\n"),
    ),
    Case(
        "mojibake lines",
        "decode: ftfy",
        800,
        lambda n: _mojibake([prose(i, "fr") for i in range(n)]),
    ),
    Case(
        "mojibake line",
        "decode: ftfy, one line",
        400,
        lambda n: _mojibake([" ".join(prose(i, "fr") for i in range(n))]),
    ),
    Case(
        "cp1252",
        "decode: legacy charset",
        2500,
        lambda n: "\n".join(prose(i, "fr").replace("’", "'") for i in range(n)).encode("cp1252"),
    ),
    Case("control at end", "decode: a control removed", 8000, _control_at_end),
    Case("controls on every line", "decode: controls removed", 2500, _controls_every_line),
    Case("ad slots", "ad-slot", 1800, lambda n: _run("ad-slot", n)),
    Case(
        "share rows + Related",
        "share-button, trailing-block",
        20000,
        lambda n: _alternating(CHROME["share-button"], lambda i: "Related", n),
    ),
    Case("cookie notices", "cookie-notice", 1800, lambda n: _between("cookie-notice", n)),
    Case("UI labels", "ui-label", 2500, lambda n: _between("ui-label", n)),
    Case("counters", "counter", 2500, lambda n: _between("counter", n)),
    Case("photo credits", "photo-credit", 1800, lambda n: _between("photo-credit", n)),
    Case("image files", "image-file", 1800, lambda n: _between("image-file", n)),
    Case(
        "corpus chrome",
        "corpus-chrome",
        1800,
        lambda n: _between("heading", n),
        lambda n: frozenset(CHROME["heading"](i).casefold() for i in range(n)),
    ),
    Case("doubled captions", "repeated-line", 3600, _repeated),
    Case("gallery items", "gallery", 2700, _gallery),
    Case("chart figures", "chart", 4500, _chart),
    Case("crumb lines", "breadcrumb", 1800, lambda n: _run("breadcrumb", n)),
    Case("'>' rows", "breadcrumb, header", 1800, _crumb_rows),
    Case("one crumb line", "breadcrumb, header", 50000, _crumb_line),
    Case("related boxes", "related-box", 1500, _related_boxes),
    Case(
        "Related/Latest/...", "trailing-block", 20000, lambda n: _run("related", n, body_first=True)
    ),
    Case("teasers", "trailing-block", 2700, _trailing_teasers),
    Case("headings + paragraphs", "trailing-block", 4000, _headings_between_paragraphs),
    Case("author boxes", "trailing-block", 1500, _author_boxes),
    Case("short lines", "header-chrome", 1800, _header_chrome),
    Case("headline again", "repeated-headline", 3600, _repeated_headline),
    Case("bylines", "byline", 1800, lambda n: _between("byline", n)),
    Case("date lines", "dates", 20000, _date_lines),
    Case("datelines", "dates, dateline", 6000, _datelines),
    Case("tabs", "header, render", 1800, lambda n: _between("tab", n)),
    Case("one prose line", "every stage, one line", 8000, lambda n: _seed([" ".join(_body(0, n))])),
    Case(
        "one CJK line",
        "every stage, no spaces",
        2000,
        lambda n: _seed(["".join(prose(i, "zh") for i in range(n))]),
    ),
    Case("title words", "tags", 50000, _title_run),
    Case("names", "tags", 5000, _names),
    Case("tag labels", "tags: the seed's own", 2000, _tag_labels),
    Case("one tag row", "tags: the seed's own", 20000, _tag_row),
    Case("mix", "every rule", 2000, _mix),
)
"""Every case. The small sizes keep the large input under 5 MB (the seed size limit) and under
8,000 distinct short lines: the pipeline caches what it works out of a short line (8,192 bylines'
authors, 16,384 lines' facts), and a seed past that pays for evictions, a constant fifth more
per line that would read as growth between the two sizes."""
