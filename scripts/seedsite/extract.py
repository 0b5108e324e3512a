"""Cleaned lines to an article: header segmentation, then one ``extract_*`` function per field.

The header (title, image caption, byline, a standalone date line) is the few short lines above
the first body paragraph; everything else is the body, kept verbatim. Each ``extract_*``
function returns ``None`` when it is not sure: a missing field is better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from seedsite.byline import (
    NAME_PARTICLES,
    author_of_date_line,
    bare_name,
    extract_author,
)
from seedsite.byline import (
    extract_byline as extract_byline,  # re-exported: part of extract's API
)
from seedsite.byline import (
    looks_like_byline as looks_like_byline,
)
from seedsite.classify import classify_lines
from seedsite.dates import (
    PublicationDate,
    find_dates,
    is_date_line,
    is_month_day,
    publication_date,
)
from seedsite.header import (
    FAR_HEADLINE,
    KICKER_END,
    Roles,
    choose_headline,
    is_credit_caption,
    is_prose,
    is_ui_text,
)
from seedsite.model import Article, Cleaned, Decoded, Metadata, Removal, Seed, SeedError
from seedsite.textstats import (
    extract_lang,
    extract_tags,
    line_words,
    merge_tags,
    seed_tags,
    sentences,
    text_size,
)
from seedsite.urls import name_slug, slugify

_CAPTION_LABEL = re.compile(
    r"(?:photo|image|picture|pictured|caption|credit|photo credit|image credit|file photo|foto)"
    r"\s*[:|]\s*(?P<caption>\S.*)",
    re.IGNORECASE,
)
# A dateline: a place, maybe a date and an agency, then a dash. A plain hyphen needs a space
# before it ("U.S.-led" and "Al-Jazeera" are words, not datelines); "--" is tried before "-".
# (Its head, the place and the date before the dash, is at most this many characters.)
_DATELINE_HEAD = 71
_DATELINE = re.compile(
    rf"(?P<head>[^\W\d_][^\n]{{0,{_DATELINE_HEAD - 1}}}?)(?:\s*--|\s+-|\s*[–—])\s*(?=\S)"
)
_AGENCY = re.compile(r"\s*\((?P<agency>[^()]{1,30})\)$")
_COMMA = re.compile("[,،]")
# Chinese wire copy: the place, the day, "by wire" (电) or "news" (讯): "北京3月3日电 ".
_WIRE_DATELINE = re.compile(
    r"(?:[^\W\d_]{2,12}社)?(?P<place>[\u4e00-\u9fff]{2,6})\s*\d{1,2}月\d{1,2}日\s*[电讯]\s*"
)

# Header lines are short; the body begins at the first line that is prose or a dateline.
_KICKER_WORDS = 5
# How much longer or shorter (in characters, spaces mostly) a copy of the headline may be.
_REPEAT_SLACK = 8
_BY_WORDS = frozenset(("by", "par", "por", "von", "di", "door"))
# Lines that sit beside an unlabelled byline: a "By" of its own (the name on the next line), a
# time, a handle, a follow button.
_BESIDE_BYLINE = re.compile(
    r"(?i:by|par|por|von|di|door|follow|folgen|suivre|seguir)"
    r"|@\w{2,30}|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
)
_TITLE_FROM_BODY_MAX = 120
# The description's paragraph is looked for among the body's first few.
_LEDE_SEARCH = 5
HEADER_CHROME = "header-chrome"
"""The rule name, in the build report, of lines above the headline that are not its kicker."""
REPEATED_HEADLINE = "repeated-headline"
"""The rule name, in the build report, of the headline written again in another form."""
_DESCRIPTION_MAX = 160
_SLUG_MAX = 80


class Dateline(NamedTuple):
    """A dateline opening a paragraph: ``Iran, Sept. 19, 2018 -``."""

    place: str
    """The place as written (``Iran``, ``WASHINGTON``, ``New York``)."""
    date: str | None
    """ISO date when the dateline carries a full one."""
    end: int
    """Offset in the paragraph where the article's own words start."""


@dataclass(frozen=True)
class _Header:
    title: tuple[int, str] | None
    caption: tuple[int, str] | None
    byline: tuple[int, str] | None
    date_line: tuple[int, str] | None
    kickers: tuple[tuple[int, str], ...]
    chrome: tuple[tuple[int, str], ...]
    """Lines above the headline that are not its kicker: the site's chrome."""
    repeats: tuple[tuple[int, str], ...]
    """The headline written again below it (page title, then heading)."""
    parts: tuple[tuple[int, str], ...]
    """The headline's second line when it is broken over two, with the whole headline."""
    body: tuple[tuple[int, str], ...]
    """The body's lines, each with its line number in the seed."""
    index: int | None
    """The headline's index among the cleaned lines."""
    published: PublicationDate
    """The publication date the header shows, and where."""
    date_warnings: tuple[str, ...]
    """Why a date written in the header was not taken, naming the line in the seed."""
    author: str | None
    """The author the byline names."""


def extract_image_caption(line: str, doubled: bool) -> str | None:
    """A caption: a line scraped twice (alt text, then caption) or labelled ``Photo:``."""
    labelled = _CAPTION_LABEL.fullmatch(line)
    if labelled:
        return labelled.group("caption")
    if doubled and not is_prose(line) and not looks_like_byline(line):
        return line
    return None


def _place_like(place: str) -> bool:
    parts = [p for chunk in place.split(",") for p in chunk.split()]
    if not 1 <= len(parts) <= 5 or len(place) > 40 or any(c.isdigit() for c in place):
        return False
    return all(not p[0].islower() or p in NAME_PARTICLES for p in parts)


def _dash_near_start(paragraph: str) -> bool:
    """Whether a dateline's dash may follow its head: within the head's reach, or after spaces
    that start there."""
    near = paragraph[: _DATELINE_HEAD + 1]
    return "-" in near or "–" in near or "—" in near or near[_DATELINE_HEAD:].isspace()


def parse_dateline(paragraph: str, lang: str | None = None) -> Dateline | None:
    """The dateline opening a paragraph (``Iran, Sept. 19, 2018 -``), else None."""
    # (Most paragraphs are none: each pattern is tried only where what it needs is there, a
    # month for the wire's, a dash near the start for the other's.)
    wire = _WIRE_DATELINE.match(paragraph) if "月" in paragraph else None
    if wire:  # "北京3月3日电 ...": the year is not written
        return Dateline(wire.group("place"), None, wire.end())
    match = _DATELINE.match(paragraph) if _dash_near_start(paragraph) else None
    if match is None:
        return None
    head = match.group("head").strip()
    agency = _AGENCY.search(head)
    if agency:
        head = head[: agency.start()].strip()
    # The date, if any, is the last comma-separated parts: "New York, Jan. 5", and
    # "SPRINGFIELD, Ill., Jan. 5" where the place has a comma of its own ("تهران، ۳ مهر ۱۴۰۰"
    # with the Arabic comma).
    parts = _COMMA.split(head)
    place, found, dated = head, None, False
    for cut in range(1, len(parts)):
        tail = ",".join(parts[cut:]).strip()
        # A date in any language and calendar ("Sept. 19, 2018", "3 mars 2021", "۳ مهر ۱۴۰۰"),
        # or a day and month alone ("Jan. 5"), which gives no date.
        dates = find_dates(tail, lang) if any(c.isdigit() for c in tail) else []
        whole = len(dates) == 1 and (dates[0].start, dates[0].end) == (0, len(tail))
        if whole or is_month_day(tail, lang):
            place, dated = ",".join(parts[:cut]).strip(), True
            found = dates[0].iso if whole else None
            break
    if not _place_like(place):
        return None
    # A capitalized word before a dash may be a person ("Trump – who ..."): without a date or
    # an agency only an all-caps place (PARIS —) is sure enough.
    if not dated and agency is None and not place.isupper():
        return None
    return Dateline(place, found, match.end())


def extract_dateline(paragraph: str) -> str | None:
    """The place a paragraph's dateline names (``Iran`` in ``Iran, Sept. 19, 2018 -``)."""
    found = parse_dateline(paragraph)
    return found.place if found else None


_ROLES = Roles(
    byline=lambda text: looks_like_byline(text),
    date_line=lambda text: is_date_line(text, None),
    dateline=lambda text: parse_dateline(text) is not None,
)


def _dated_row(text: str, lang: str | None) -> bool:
    """A table's row (a cell, a tab, a value) whose value holds a date."""
    return "\t" in text and bool(find_dates(text, lang))


def _segment(cleaned: Cleaned, lang: str | None) -> _Header:
    """Split the header lines (title, kicker, caption, byline, date line) from the body."""
    lines = cleaned.lines
    doubled = frozenset(r.text for r in cleaned.removals if r.rule == "repeated-line")
    # A table's dated row ("Founded\tFebruary 28, 1998") is no publication date (dates.py),
    # but to the headline's choice it is what a date line is: a field of the header's box.
    roles = replace(
        _ROLES,
        doubled=doubled,
        date_line=lambda text: is_date_line(text, lang) or _dated_row(text, lang),
    )
    choice = choose_headline(lines, roles)
    start = choice.start
    texts = [text for _, text in lines]
    published = publication_date(texts, lang, title=choice.title)
    title = (lines[choice.title][0], lines[choice.title][1]) if choice.title is not None else None
    # A kicker glued before the headline on its line ("Dürre im Sommer Stadtrat verlängert …"):
    # the headline is the rest, the kicker is shown above it.
    glued: tuple[int, str] | None = None
    if title is not None and choice.split and not choice.joined:
        glued = (title[0], title[1][: choice.split].rstrip(KICKER_END))
        title = (title[0], title[1][choice.split :])
    # A headline broken over two lines: one headline, from the first part's line.
    broken: tuple[int, str] | None = None
    if title is not None and choice.title and choice.joined:
        broken = lines[choice.title - 1]
        title = (broken[0], f"{broken[1].rstrip()} {title[1]}")
    caption = byline = date_line = None
    used: set[int] = set()
    # Bylines, date lines and captions: in the header, or in the few short lines just below it
    # (a byline under the lead photo's caption).
    near = [
        (i, line)
        for i, line in enumerate(lines[: start + 6])
        # (The date line may be long: "Publié le … à 18h05, mis à jour le … à 07h40".)
        if i < start or not is_prose(line[1]) or i == published.line
    ]
    for i, (number, text) in near:
        if i == choice.title:
            continue
        if byline is None and looks_like_byline(text, lang):
            byline = (number, text)
        elif date_line is None and i == published.line and is_date_line(text, lang):
            date_line = (number, text)
        elif caption is None and i < start and extract_image_caption(text, text in doubled):
            caption = (number, text)
        else:
            continue
        used.add(number)
    author = extract_author(byline[1], lang) if byline else None
    if byline is None:
        byline, author = _unlabelled_byline(near, choice.title, published.line, lang, used)
        if byline is not None and byline[0] not in used:
            used.add(byline[0])
    kickers: tuple[tuple[int, str], ...] = ()
    chrome: list[tuple[int, str]] = []
    if byline is not None:
        # A "By" of its own above the name ("By" / "Benjamin Romano"): the byline's label, not
        # article text (reported with the header's chrome).
        label = [line for line in lines[: start + 6] if line[0] < byline[0]][-1:]
        if label and label[0][1].casefold() in _BY_WORDS and label[0][0] not in used:
            chrome.append(label[0])
            used.add(label[0][0])
    repeats: list[tuple[int, str]] = []
    if choice.title is not None and title is not None:
        if broken is not None:
            used.add(broken[0])
        above = [(i, line) for i, line in enumerate(lines[: choice.title]) if line[0] not in used]
        next_to = above and above[-1][0] == choice.title - 1
        if (
            next_to
            and line_words(above[-1][1][1]) <= _KICKER_WORDS
            and not is_ui_text(above[-1][1][1])  # "Erweiterte Suche", "RSS": no section
            and any(c.isalpha() for c in above[-1][1][1])  # a rule of dashes labels nothing
        ):
            kickers = (above.pop()[1],)
        if glued is not None:
            # The kicker glued on is the one shown: a section label above it is chrome.
            chrome += list(kickers)
            kickers = (glued,)
        chrome += [line for _, line in above]
        used.add(lines[choice.title][0])
        # The headline again further down (page title, then heading): one headline.
        headline = title[1]
        key = _fold(headline)
        # (Folded only when the length is near: most lines below are paragraphs.)
        repeats = [
            line
            for line in lines[choice.title + 1 : start + 12]
            if abs(len(line[1]) - len(headline)) <= _REPEAT_SLACK and _fold(line[1]) == key
        ]
        used.update(number for number, _ in repeats)
    used.update(number for number, _ in kickers)
    used.update(number for number, _ in chrome)
    parts: tuple[tuple[int, str], ...] = ()
    if broken is not None and title is not None and choice.title is not None:
        parts = ((lines[choice.title][0], title[1]),)
    body = tuple(line for line in lines if line[0] not in used)
    return _Header(
        title,
        caption,
        byline,
        date_line,
        kickers,
        tuple(chrome),
        tuple(repeats),
        parts,
        body,
        choice.title,
        published,
        _renumber(published.warnings, lines),
        author,
    )


def body_lines(cleaned: Cleaned) -> tuple[tuple[tuple[int, str], ...], str | None]:
    """The body's lines (line number, text) as the header reading leaves them, and the seed's
    language (what the body line classifier reads and is trained on)."""
    lang = extract_lang([text for _, text in cleaned.lines])
    return _segment(cleaned, lang).body, lang


def _unlabelled_byline(
    near: list[tuple[int, tuple[int, str]]],
    title: int | None,
    date_index: int | None,
    lang: str | None,
    used: set[int],
) -> tuple[tuple[int, str] | None, str | None]:
    """A byline without a label: a date line that names its author before its date, or a line
    below the headline that is only a name, next to the date line, a lone "By", a time, a
    handle or a follow button (``Sarah Archer``)."""
    by_index = {i: line for i, line in near}
    near_title = by_index[title][1] if title is not None and title in by_index else None
    # (Only a date line: a dateline opening the first paragraph names a place, not an author.)
    if date_index is not None and date_index in by_index and not is_prose(by_index[date_index][1]):
        line = by_index[date_index]
        name = author_of_date_line(line[1], lang)
        if name:
            return line, name
    # What sits beside a byline: the date line, a lone "By", a time, a handle, "Follow".
    anchors = {date_index} if date_index is not None else set()
    anchors |= {i for i, (_, text) in near if _BESIDE_BYLINE.fullmatch(text.strip())}
    for i, (number, text) in near:
        # Below the headline only: above it sit section labels ("Middle East").
        if title is None or i <= title or number in used or text == near_title:
            continue
        if not any(0 < abs(i - a) <= 2 for a in anchors):
            continue
        name = bare_name(text)
        if name:
            return (number, text), name
    return None, None


def _renumber(warnings: tuple[str, ...], lines: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    """Warnings that name a cleaned line ("line 3") name its line in the seed instead."""

    def seed_line(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return f"line {lines[index][0]}" if 0 <= index < len(lines) else match.group(0)

    return tuple(re.sub(r"\bline (\d+)", seed_line, w, count=1) for w in warnings)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _lede(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The body from its first paragraph of prose on (a caption with its credit, a "Listen"
    button, a font-size control or a standfirst fragment above it make a poor description)."""
    for index, paragraph in enumerate(paragraphs[:_LEDE_SEARCH]):
        if is_prose(paragraph) and not is_credit_caption(paragraph):
            return paragraphs[index:]
    # No prose: the first paragraph with words in it (not a rule of dashes), else the first.
    for index, paragraph in enumerate(paragraphs):
        if any(c.isalpha() for c in paragraph):
            return paragraphs[index:]
    return paragraphs


def extract_description(paragraphs: tuple[str, ...], skip: int = 0) -> str | None:
    """Opening sentence(s) of the body (after ``skip`` characters of dateline), ≤ 160 chars."""
    if not paragraphs:
        return None
    text = " ".join(paragraphs[0][skip:].split())
    if len(text) < 60 and len(paragraphs) > 1:  # a one-line lede: the next paragraph helps
        text += " " + " ".join(paragraphs[1].split())
    out = ""
    for sentence in sentences(text):
        joined = f"{out} {sentence}".strip()
        if len(joined) > _DESCRIPTION_MAX:
            break
        out = joined
    if out:
        return out
    cut = text[: _DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return (cut + "…") if cut else None


def make_slug(title: str | None, source: str) -> str:
    """ASCII, lowercase, hyphenated slug of the title (the seed's name's when that gives none;
    never empty)."""
    slug = slugify(title, _SLUG_MAX) if title else ""
    if len(slug) < 3:  # a Persian or Chinese headline leaves nothing (or a stray digit)
        slug = name_slug(source)
    return slug


def _title_from_body(paragraphs: tuple[str, ...]) -> str | None:
    """A title for a seed without a headline line: its first sentence, cut at a word."""
    first = sentences(" ".join(paragraphs[0].split()))[:1] if paragraphs else []
    if not first:
        return None
    text = first[0]
    if len(text) > _TITLE_FROM_BODY_MAX:
        text = text[: _TITLE_FROM_BODY_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    return text


def extract(cleaned: Cleaned, seed: Seed, decoded: Decoded) -> Article:
    """Turn a seed's cleaned lines into an Article: metadata, verbatim body, what was used."""
    # The language of the whole text, before the header is read: date lines are read in it.
    # (Measured on the corpora: the body alone names it for 2 more seeds of 837, for a second
    # pass over the text; not worth it.)
    lang = extract_lang([text for _, text in cleaned.lines])
    header = _segment(cleaned, lang)
    body_kept, classified = classify_lines(header.body, lang)
    body = tuple(text for _, text in body_kept)
    if not body:
        raise SeedError(seed.name, "no article body: only header lines are left after cleaning")
    warnings = [*decoded.warnings, *header.date_warnings]
    lede = _lede(body)
    # The dateline opens the first paragraph of prose ("PARIS, 3 mars 2021 - ...").
    dateline = parse_dateline(lede[0], lang)
    found_date = header.published.date
    caption = header.caption and extract_image_caption(header.caption[1], doubled=True)
    words, reading_time = text_size(body)
    if header.title:
        title: str | None = header.title[1]
        if header.index is not None and header.index >= FAR_HEADLINE:
            warnings.append(
                f"line {header.title[0]}: headline taken from far below the top "
                f"({header.index} lines above it); check it is not a subheading"
            )
    else:
        # The first sentence of the first paragraph of prose: a label left at the top ("Index
        # —") is no title.
        title = _title_from_body(lede)
        warnings.append("no headline found: the title is the body's first sentence")
    meta = Metadata(
        source=seed.name,
        sha256=seed.sha256,
        slug=make_slug(title, seed.name),
        title=title,
        kicker=header.kickers[-1][1] if header.kickers else None,
        date=found_date,
        date_line=header.date_line[1] if header.date_line else None,
        updated=header.published.updated,
        dateline=dateline.place if dateline else None,
        byline=header.byline[1] if header.byline else None,
        author=header.author,
        image_caption=caption or None,
        description=extract_description(lede, dateline.end if dateline else 0),
        lang=lang,
        words=words,
        reading_time=reading_time,
        # The seed's own tag line ("Tags: …", "برچسب‌ها: …") below the headline first: the only
        # tags of a text in a script without capitals.
        tags=merge_tags(
            seed_tags(decoded.text, header.title[0] if header.title else 0),
            extract_tags(body, lang),
        ),
    )
    fields = (
        ("title", header.title),
        ("image_caption", header.caption),
        ("byline", header.byline),
        ("date", header.date_line),
    )
    consumed = sorted(
        [(name, *item) for name, item in fields if item]
        + [("kicker", *item) for item in header.kickers]
        + [("title", *item) for item in header.repeats if item[1] == title]
        # (The second line of a headline broken over two: shown as the whole headline.)
        + [("title", number, text) for number, text in header.parts],
        key=lambda c: c[1],
    )
    removals = cleaned.removals
    extra = [Removal(HEADER_CHROME, number, text) for number, text in header.chrome]
    # The headline again in another case ("Leadership styles" under "Leadership Styles"): the
    # page shows it once, as first written; the report says where the other went.
    extra += [Removal(REPEATED_HEADLINE, n, text) for n, text in header.repeats if text != title]
    extra += classified
    if extra:
        removals = tuple(sorted((*removals, *extra), key=lambda r: r.line))
    return Article(
        meta=meta,
        paragraphs=body,
        consumed=tuple(consumed),
        removals=removals,
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        warnings=tuple(warnings),
    )
