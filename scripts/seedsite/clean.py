"""Ordered, named cleaning rules: scrape residue out, article text in, every removal recorded.

``clean`` is the second stage (``Decoded -> Cleaned``). Each rule has a name and a reason
(``RULES``, listed on the about page); each removed line becomes a ``Removal`` naming its rule,
so the build report can say why a line disappeared. A rule only fires on a whole line that is
nothing but residue: when unsure, the line stays, because dropping a paragraph of the article
is worse than keeping a stray button label.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from seedsite.extract import looks_like_byline, looks_like_date_line
from seedsite.model import Cleaned, Decoded, Removal, SeedError
from seedsite.textstats import wordset


class Rule(NamedTuple):
    """One cleaning rule: its name (as in the build report) and why it exists."""

    name: str
    reason: str


RULES: tuple[Rule, ...] = (
    Rule("ad-slot", "banner sizes and ad labels (728 x 90, Advertisement) left where an ad was"),
    Rule("share-button", "share, follow and subscribe buttons (Share on Facebook, Tweet)"),
    Rule("cookie-notice", "cookie-consent and newsletter sign-up notices"),
    Rule("corpus-chrome", "short lines found in many seeds: the site's navigation and footer"),
    Rule("repeated-line", "a line pasted right after itself: an image's alt text, then caption"),
    Rule("breadcrumb", "navigation crumbs above the article (Home > News > World)"),
    Rule("trailing-block", "related, latest and most-read lists and author boxes after the body"),
)
"""The rules in the order they are tried; the first that matches a line names its removal."""


# Lines are matched in a normalized form: casefolded, typographic apostrophes made plain, and
# the decoration scrapers leave around button labels ("- Advertisement -", "[Share]") stripped.
_DECORATION = " \t-–—|•·*►▶»«›‹<>[](){}:"

_AD_SLOT = re.compile(
    r"(?:ad(?:vertisement)?\s+)?\d{2,4}\s*[x×]\s*\d{2,4}(?:\s*px)?"
    r"|advertisements?|advertising|advert|ad|ads by \w+|sponsored(?: content| post| links?)?"
    r"|sponsored by [\w .&'-]{1,40}|promoted(?: content| stories)?|paid (?:content|post|partner)"
    r"|(?:story|article) continues below(?: advertisement)?|continue reading below"
    r"|scroll (?:down )?to continue(?: with content)?|skip advertisement|remove ads"
    # The same label in the other languages seeds come in.
    r"|publicité|publicidad|anuncio|werbung|anzeige|pubblicità|publicidade|advertentie"
)
_SHARE_WORDS = wordset(
    "share shares tweet facebook twitter x whatsapp linkedin email e-mail mail print pinterest "
    "reddit telegram messenger sms copy link copy-link pocket flipboard tumblr vk threads "
    "bluesky comment comments save partager imprimer compartir imprimir teilen drucken "
    "condividi stampa partilhar delen"
)
_SHARE = re.compile(
    r"(?:click to )?(?:share|send|email|e-mail|print)(?: this| the)?(?: article| story| post| page"
    r"| video| link)?(?: (?:on|via|with|to) \w[\w -]{0,20})?(?: \(opens in new window\)?)?"
    r"|tweet(?: this)?|pin it|copy (?:the )?link|(?:\d+ )?(?:shares|comments)"
    r"|(?:follow|like|join) us(?: on [\w ]{1,30})?|follow @?[\w.]{1,30}(?: on \w+)?"
    r"|subscribe(?: now| today| here| for free)?"
    r"|subscribe to (?:our|the|my) (?:youtube |telegram )?(?:newsletter|channel|podcast|feed|rss)"
)
_COOKIE = re.compile(
    r"(?:we|this (?:web)?site|our (?:web)?site)(?: and our partners)? uses? cookies\b"
    r"(?=.*\b(?:experience|site|website|brows\w*|consent|accept\w*|privacy|policy"
    r"|personali[sz]\w*|analytics|advertising|ads|content|services?)\b).{0,300}"
    r"|by (?:continuing|using|clicking|browsing)\b.{0,80}\b(?:site|website)\b.{0,120}cookies.{0,80}"
    r"|(?:accept|reject|allow|manage)(?: all)?(?: cookies| cookie settings| preferences)?"
    r"|cookie (?:policy|settings|preferences|notice|consent)|i agree|got it"
    r"|(?:sign up|subscribe|register) (?:for|to) (?:our|the)(?: free| daily| weekly)?"
    r"(?: \w+)? newsletters?.{0,120}"
    r"|get (?:our|the)(?: free| daily| weekly)? newsletters?.{0,120}"
    r"|enter your e-?mail(?: address)?.{0,40}|newsletter(?: sign-?up)?"
    r"|thanks? (?:you )?for (?:signing up|subscribing).{0,80}"
)
_CRUMB_HOME = wordset("home homepage accueil inicio portada startseite start")
_CRUMB_SPLIT = re.compile(r"\s*[>›»/]\s*")
_CRUMB_ARROW = re.compile(r"[>›»]")
_CRUMB_MARK = re.compile(r"[>›»/]")
_BUTTON_ROW = re.compile(r"[\s|•·,/]+")
_TRAILING_HEADING = re.compile(
    r"related(?: articles?| stories| posts| news| content| coverage| reading| links| topics)?"
    r"|(?:the )?latest(?: news| stories| articles| posts| headlines| videos)?"
    r"(?: (?:and|&) (?:articles|analysis|features|stories|news))?"
    r"|more (?:news|stories|articles|headlines|from [\w .'-]{1,40}|on this (?:story|topic)"
    r"|like this|in [\w .'-]{1,30})(?: (?:and|&) \w+)?"
    r"|most (?:popular|read|viewed|shared|commented|recent)(?: news| stories| articles| posts"
    r"| this week| today)?"
    r"|read more(?: news| stories| articles| about [\w .'-]{1,40}| on [\w .'-]{1,40})?"
    r"|(?:you|we think you) (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in)"
    r"|recommended(?: for you| stories| articles| reading)?|trending(?: now| stories| news| today)?"
    r"|top (?:stories|news|headlines)|popular(?: posts| stories| articles| now)?"
    r"|editors?'?s? picks?|see also|further reading|also read|don'?t miss|recent posts"
    r"|leave a (?:comment|reply)|(?:\d+ )?comments?"
    r"|(?:à )?lire aussi|sur le même sujet|les plus lus|(?:noticias |artículos )?relacionad[oa]s"
    r"|lo más (?:leído|visto)|te puede interesar|mehr zum thema|meistgelesen|leggi anche"
    r"|i più letti|leia também|mais lidas"
    r"|(?P<author>about the (?:author|writer|reporter)s?|(?:more )?(?:articles|posts|stories) by"
    r" (?:this|the) author)"
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*$")
# How a line in a trailing block may not end: link titles end bare or with "?", not "." or "!".
_STATEMENT_END = re.compile(r"[.!…][\"”’»)\]]*$")
# An author bio opens with the author's name (or a pronoun) and a verb, and says what they do:
# "Jane Doe covers Turkey for the agency." Both, or the line is article text.
_BIO = re.compile(
    r"(?:(?:[A-Z][\w'’.-]*\s+){1,3}|(?:He|She|They)\s+)"
    r"(?:is|was|writes|wrote|covers|has|reports|joined|worked|works|lives|teaches|leads|edits"
    r"|serves)\b"
)
_BIO_WORDS = re.compile(
    r"\b(?:writes?|wrote|covers?|correspondent|reporter|editor|journalist|author|columnist"
    r"|contributor|freelance|blogger|analyst|writer|fellow|professor)\b"
)

# A trailing block holds link titles and button labels: short, and not sentences.
_BLOCK_LINE_WORDS = 15
# An author box is a heading and a short bio (sentences): at most this much of it.
_AUTHOR_BOX_LINES = 3
_AUTHOR_BOX_WORDS = 120
# Ten buttons' worth of text: longer lines are not a row of share buttons.
_BUTTON_ROW_CHARS = 100
# Corpus chrome: short lines only (navigation, footers), seen in enough seeds.
_CHROME_MAX_WORDS = 12
# A line is site chrome when at least this many seeds, and this share of the corpus, have it.
# A site's template repeats on every page it serves, so a site that contributes 5% of the
# corpus is caught; a line that two or three articles happen to share (a recurring subhead, a
# follow-up story reusing a headline) is not, which is the mistake that would cost article
# text. The floor of 3 keeps two seeds from a tiny corpus from erasing each other's lines.
_CHROME_MIN_SEEDS = 3
_CHROME_MIN_SHARE = 0.05


# Lines longer than this are never residue: body paragraphs skip the patterns...
_SHORT_LINE = 160
# ... except cookie notices, which run to a few sentences.
_LONG_NOTICE = 500


def _key(line: str) -> str:
    """A line's corpus-chrome key: casefolded, whitespace collapsed."""
    return " ".join(line.casefold().split())


def _words(text: str) -> int:
    return len(text.split())


def _ends(pattern: re.Pattern[str], text: str) -> bool:
    """Whether an end-anchored pattern matches, searching only the last characters.

    (A search for ``...$`` tries every position of the line: on a paragraph, 40 times slower.)
    """
    return pattern.search(text, max(0, len(text) - 12)) is not None


def _is_share(norm: str) -> bool:
    if _SHARE.fullmatch(norm):
        return True
    # A button, or a row of them: "Partager", "Share | Tweet | Email", "Facebook Twitter".
    if len(norm) > _BUTTON_ROW_CHARS:
        return False
    pieces = _BUTTON_ROW.split(norm)
    return len(pieces) <= 10 and all(p in _SHARE_WORDS for p in pieces)


def _is_crumb(text: str) -> bool:
    if not _CRUMB_MARK.search(text):
        return False
    parts = [p for p in _CRUMB_SPLIT.split(text) if p]
    if len(parts) < 2 or any(_words(p) > 4 or _SENTENCE_END.search(p) for p in parts):
        return False
    # "News > World" is a trail; "Home/Politics" only when it starts at home.
    if _CRUMB_ARROW.search(text):
        return True
    return parts[0].casefold() in _CRUMB_HOME


class _Line(NamedTuple):
    """A kept line and what the rules need to know about it, worked out once."""

    number: int
    text: str
    rule: str | None
    """The first context-free rule (ad-slot ... corpus-chrome) that matches the line."""
    prose: bool
    """Reads like a paragraph: long, or a full sentence of some length."""
    heading: re.Match[str] | None
    """A trailing-block heading (``Related Articles``)."""
    crumb: bool
    link_like: bool
    """May sit in a trailing block: short, and not a sentence."""


def _line(number: int, text: str, chrome: frozenset[str]) -> _Line:
    rule: str | None = None
    heading: re.Match[str] | None = None
    crumb = False
    if len(text) <= _SHORT_LINE:
        key = _key(text)
        # Matched casefolded, with plain apostrophes and without the decoration scrapers
        # leave around labels ("- Advertisement -", "[Share]").
        norm = key.replace("’", "'").strip(_DECORATION)
        if _AD_SLOT.fullmatch(norm):
            rule = "ad-slot"
        elif _is_share(norm):
            rule = "share-button"
        elif _COOKIE.fullmatch(norm):
            rule = "cookie-notice"
        elif key in chrome:
            rule = "corpus-chrome"
        heading = _TRAILING_HEADING.fullmatch(norm)
        crumb = _is_crumb(text)
        words = _words(text)
    else:
        if (
            len(text) <= _LONG_NOTICE
            and ("ookie" in text or "ewsletter" in text)
            and _COOKIE.fullmatch(_key(text).replace("’", "'"))
        ):
            rule = "cookie-notice"
        words = text.count(" ") + 1  # body paragraphs: a count without a list of words
    ends = _ends(_SENTENCE_END, text)
    return _Line(
        number=number,
        text=text,
        rule=rule,
        prose=words >= 20 or (words >= 8 and ends),
        heading=heading,
        crumb=crumb,
        link_like=words <= _BLOCK_LINE_WORDS and not _ends(_STATEMENT_END, text),
    )


def _trailing_block(lines: list[_Line], body_start: int, removed: dict[int, str]) -> range:
    """Lines of the first trailing block: a heading after the body, and all that follows it.

    Lines another rule already removed still count: a heading the corpus knows as chrome
    (``Latest News and Articles``) still heads a block, and a share button may sit in one.
    """
    for index in range(body_start + 1, len(lines)):
        heading = lines[index].heading
        if heading is None:
            continue
        rest = [line for line in lines[index + 1 :] if line.number not in removed]
        if all(line.link_like for line in rest):
            return range(index, len(lines))
        # An author box: its heading, then a short bio that opens like one (a paragraph of
        # the article after an "About the author" line is not a bio, and stays).
        if (
            heading.group("author")
            and rest
            and _BIO.match(rest[0].text)
            and _BIO_WORDS.search(rest[0].text)
            and len(rest) <= _AUTHOR_BOX_LINES
            and sum(_words(line.text) for line in rest) <= _AUTHOR_BOX_WORDS
        ):
            return range(index, len(lines))
    return range(0)


def _one_pass(lines: list[_Line]) -> dict[int, str]:
    """Every rule over the lines once: the rule removing each removed line, by line number."""
    removed: dict[int, str] = {}
    previous: str | None = None
    for line in lines:
        rule = line.rule
        if rule is None and line.text == previous:
            rule = "repeated-line"
        if rule is None:
            previous = line.text
        else:
            removed[line.number] = rule
    body_start = next(
        (i for i, line in enumerate(lines) if line.prose and line.number not in removed), None
    )
    if body_start is not None:
        for line in lines[:body_start]:
            if line.crumb:
                removed.setdefault(line.number, "breadcrumb")
        for index in _trailing_block(lines, body_start, removed):
            removed.setdefault(lines[index].number, "trailing-block")
    return removed


def clean(decoded: Decoded, chrome: frozenset[str] = frozenset()) -> Cleaned:
    """Remove scrape residue line by line, recording each removal and its rule."""
    lines = [
        _line(number, text.strip(), chrome)
        for number, text in enumerate(decoded.text.split("\n"), start=1)
        if text.strip()
    ]
    removals: list[Removal] = []
    # Removing a line can make others meet the rules (two copies of a caption around an ad
    # slot become adjacent): repeat to a fixed point, so cleaning twice changes nothing.
    while found := _one_pass(lines):
        removals += (Removal(found[x.number], x.number, x.text) for x in lines if x.number in found)
        lines = [x for x in lines if x.number not in found]
    if not lines:
        raise SeedError(decoded.source, "only scrape residue, no article text")
    return Cleaned(
        source=decoded.source,
        lines=tuple((x.number, x.text) for x in lines),
        removals=tuple(sorted(removals, key=lambda r: r.line)),
    )


def chrome_candidates(text: str) -> frozenset[str]:
    """One seed's lines that could be site chrome: short, not sentences, not header metadata."""
    out: set[str] = set()
    previous = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line == previous:
            # A doubled line is an image caption (alt text, then caption), however often
            # the same caption recurs across seeds.
            out.discard(_key(line))
            continue
        previous = line
        if (
            len(line) > _SHORT_LINE
            or _SENTENCE_END.search(line)
            or _words(line) > _CHROME_MAX_WORDS
            # Bylines and date lines recur across a site's seeds, but they are metadata.
            or looks_like_byline(line)
            or looks_like_date_line(line)
        ):
            continue
        out.add(_key(line))
    return frozenset(out)


def corpus_chrome(candidate_sets: Iterable[frozenset[str]], n_seeds: int) -> frozenset[str]:
    """Lines that many seeds share (see ``_CHROME_MIN_SEEDS`` and ``_CHROME_MIN_SHARE``)."""
    counts: Counter[str] = Counter()
    for candidates in candidate_sets:
        counts.update(candidates)
    floor = max(_CHROME_MIN_SEEDS, math.ceil(_CHROME_MIN_SHARE * n_seeds))
    return frozenset(line for line, count in counts.items() if count >= floor)
