"""Bylines: which header line names the author, and the author's name without date or role.

A byline comes in many shapes: ``By Jane Roe``, ``Analysis by PMOI/MEK``, ``Par …``, ``Por …``,
``Von …``, ``di …``, ``Text: …``, ``نویسنده: …``, ``作者：…``, ``记者 …``, joined with a date
(``By Jane Roe | March 3, 2021 at 4:15 PM``, ``17. März 2021 von Thomas Berger``, ``Posted on
March 3, 2021 by admin``), a role (``Staff Writer``, ``Film Critic``, ``, MA``) or a handle
(``@jroe``). The name is what is left once the label, date, time, role and handle are cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seedsite.dates import MONTH_NAMES, find_dates
from seedsite.textstats import SENTENCE_END, wordset

# "By", in the languages seeds come in, with the words that may stand before it ("Analysis
# by", "Posted by", "Interview by", "Texte de"...).
_BY = re.compile(
    r"(?:^|(?<=[\s|·•,–—(-]))(?:(?:analysis|opinion|commentary|column|editorial|interview|review"
    r"|report|story|text|texte|words|reporting|written|reported|compiled|edited|posted"
    r"|published|publié|publicado|veröffentlicht|pubblicato|geschrieben|escrito|écrit|rédigé"
    r")\s+)?(?:by|par|por|von|di|door|av|af|przez|توسط)\s+(?P<rest>\S.*)",
    re.IGNORECASE,
)
# A label and a colon (or a space, for the Chinese reporter's label): "Text: …", "作者：…".
_LABELLED = re.compile(
    r"(?:^|(?<=[\s|·•,–—(-]))(?:author|authors|auteur|autor|autorin|autore|autores|text|texte"
    r"|words|reporter|correspondent|staff writer|staff reporter|نویسنده|نوشته|یادداشت|به قلم"
    r"|بقلم|كتب|كتبت|كتبه|إعداد|تقرير|作者|撰文|记者|記者|文|编辑|編輯)\s*[:：]\s*(?P<rest>\S.*)"
    # These say "written by" whole: no colon needed ("Staff writer Jane Roe", "بقلم محمد علي").
    r"|(?:^|(?<=[\s|·•,–—(-]))(?:staff writer|staff reporter|بقلم|به قلم|كتب|كتبت|نویسنده)"
    r"\s+(?P<rest3>\S.*)"
    r"|(?:^|(?<=[(（\s]))(?:记者|記者|作者)\s*(?P<rest2>[\u3400-\u9fff·]{2,4})",
    re.IGNORECASE,
)
# Any of the words the two patterns above start from: most lines have none, and this one
# search is three times cheaper than the two.
_TRIGGER_WORDS = wordset(
    "by par por von di door av af przez author authors auteur autor autorin autore autores "
    "text texte words reporter correspondent staff"
)
_TRIGGER_SCRIPTS = ("توسط", "نویسنده", "نوشته", "یادداشت", "قلم", "كتب", "إعداد", "تقرير")
_TRIGGER_HAN = re.compile("作者|撰文|记者|記者|文|编辑|編輯")
_WORD = re.compile(r"\w+")


def _may_be_byline(line: str) -> bool:
    """Whether the line holds a word the byline patterns start from (most lines have none:
    a set lookup of its words is ten times cheaper than the patterns)."""
    if not _TRIGGER_WORDS.isdisjoint(_WORD.findall(line.casefold())):
        return True
    if line.isascii():
        return False
    return any(word in line for word in _TRIGGER_SCRIPTS) or bool(_TRIGGER_HAN.search(line))


# Where a name ends: "Jane Doe | Reuters", "Jane Doe, Senior Correspondent", "Jane Doe - Mar 3".
_CUT = re.compile(
    r"\s*(?:[|•·\t,;،؛(（)）]|\s[-–—]\s|[-–—]\s*$|\s@|@\w|\s+(?:on|updated|published|am|le|el"
    r"|il|em|le|à|at)\s|$)",
    re.IGNORECASE,
)
# Small words inside names ("Ludwig van Beethoven", "Osama bin Laden"); extract's places too.
NAME_PARTICLES = wordset(
    "and & y et und e de da del della van von der den al bin ibn el la le di du dos das ter"
)
# Honorifics before a name: the name is the author, the title is not part of it.
_HONORIFIC = re.compile(r"^(?:dr|prof|mr|mrs|ms|mme|m|sr|sra|د|دکتر|مهندس)\.?\s+", re.IGNORECASE)
_CREDIT_WORD = re.compile(
    r"\b(?:photos?|photograph\w*|image|images|illustration|graphics?|video|foto|bild|credit"
    r"|crédit|imagen|ilustración)\s*[:/]?\s*$",
    re.IGNORECASE,
)
_SEPARATORS = ("-", "–", "—", "|", "·", "•", ",")
_MAX_WORDS = 15
_MAX_CHARS = 200
# Words that make a "name" a sentence or a label instead: no name holds them.
_NOT_NAME = wordset(
    "the a an this that is are was were has have will says said who what when where why how "
    "min read minutes updated published comments share follow more news home from for with "
    "about into page reviews review monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag lunes martes miércoles jueves viernes sábado domingo today "
    "yesterday"
)
_MONTHS = frozenset(name for names in MONTH_NAMES.values() for name in names.split())
_HAN = re.compile(r"[\u3400-\u9fff]")


def name_like(name: str) -> bool:
    """1-6 words, each capitalized (or of a script without capitals) bar particles."""
    tokens = name.split()
    if not 1 <= len(tokens) <= 6 or len(name) > 60 or SENTENCE_END.search(name):
        return False
    if any(c.isdigit() or c in ":：" for c in name):
        return False
    for token in tokens:
        if token.casefold() in NAME_PARTICLES:
            continue
        if token.casefold() in _NOT_NAME:
            return False
        first = token[0]
        if not first.isalpha() or first.islower():
            return False
    if len(tokens) == 1 and tokens[0].casefold() in _MONTHS:
        return False  # "By March" is a date, not a person
    if len(tokens) == 1 and _HAN.search(name):
        return 2 <= len(name) <= 4  # a Chinese name: two to four characters
    return tokens[0].casefold() not in NAME_PARTICLES


def _name(rest: str, lang: str | None) -> str | None:
    """The name at the start of what follows a byline's label."""
    for found in find_dates(rest, lang)[:1]:
        rest = rest[: found.start]
    name = _CUT.split(rest.strip(), maxsplit=1)[0].strip(" -–—:：")
    name = _HONORIFIC.sub("", name)
    return name if name_like(name) else None


# Header lines are asked about several times per seed (headline scoring, segmentation, corpus
# chrome): the answer is a pure function of the line.
@lru_cache(maxsize=8192)
def extract_author(byline: str, lang: str | None = None) -> str | None:
    """The name a byline gives: ``PMOI/MEK`` from ``Analysis by PMOI/MEK``, else None."""
    line = byline.strip()
    if len(line.split()) > _MAX_WORDS or not _may_be_byline(line):
        return None
    for pattern in (_BY, _LABELLED):
        match = pattern.search(line)
        if match is None:
            continue
        before = line[: match.start()]
        if _CREDIT_WORD.search(before):
            continue  # "Photo by …", "Illustration: …": whose picture, not whose article
        # Only a date or a place and a dash may come before "by": "Posted on March 3, 2021 by",
        # "17. März 2021 von", "عمّان - كتبت:". Words alone before it make a phrase
        # ("Powered by Tumblr", "Shot by police").
        if before.strip() and not (
            len(before.split()) <= 8
            and (any(c.isdigit() for c in before) or before.rstrip().endswith(_SEPARATORS))
        ):
            continue
        groups = match.groupdict()
        rest = groups.get("rest") or groups.get("rest2") or groups.get("rest3") or ""
        name = _name(rest, lang)
        if name:
            return name
    return None


def extract_byline(line: str, lang: str | None = None) -> str | None:
    """The line itself when it is a byline (short, a label and a name), else None."""
    if len(line) > _MAX_CHARS:
        return None  # a paragraph (no need to count its words, nor to keep it in the cache)
    return _short_byline(line, lang)


# (Only short lines are kept: the paragraphs asked about, as many as the header lines, would
# push out the header lines asked again.)
@lru_cache(maxsize=16384)
def _short_byline(line: str, lang: str | None) -> str | None:
    n = len(line.split())
    if n > _MAX_WORDS or (n >= 8 and SENTENCE_END.search(line)):
        return None
    return line if extract_author(line, lang) else None


def looks_like_byline(line: str, lang: str | None = None) -> bool:
    """Whether a line is a byline (``By Jane Doe``, ``Analysis by PMOI/MEK``, ``Par ...``)."""
    return extract_byline(line, lang) is not None


def bare_name(line: str) -> str | None:
    """A line that is only a name, maybe with a handle or a place (``Jane Roe, @jroe``,
    ``María Fernández Ruiz | Madrid``): the name, else None. Only a byline by where it sits."""
    if len(line.split()) > 8 or any(c.isdigit() for c in line) or SENTENCE_END.search(line):
        return None
    if line.rstrip().endswith((":", "：")):
        return None
    name = _CUT.split(line.strip(), maxsplit=1)[0].strip(" -–—:")
    name = _HONORIFIC.sub("", name)
    if not 2 <= len(name.split()) <= 4 and not (_HAN.search(name) and 2 <= len(name) <= 4):
        return None  # one word is a site's name or a label more often than a person
    return name if name_like(name) else None


_TIME_NOISE = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr)?|\b(?:[A-Z]{2,4}T|UTC|GMT)\b"
    r"|[|·•,–—()-]",
    re.IGNORECASE,
)


def author_of_date_line(line: str, lang: str | None) -> str | None:
    """The name a date line carries beside its date: ``Dan Goodin - Apr 16, 2015 8:02 pm``."""
    found = find_dates(line, lang)
    if not found:
        return None
    # Only before the date: "Jane Roe - Mar 3, 2021". After it stand categories and events
    # ("01.02.2022 | Spring-Meeting"), which read like names too.
    rest = line[: found[0].start]
    for piece in re.split(r"\s*[|·•–—]\s*|\s-\s", rest):
        piece = _TIME_NOISE.sub(" ", piece).strip()
        if piece and (name := bare_name(piece)):
            return name
    return None
