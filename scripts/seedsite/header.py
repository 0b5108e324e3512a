"""Header reading: which of a seed's first lines is the headline, and where the body begins.

A scraped page opens with a few lines above the article: site chrome (the site's name, menus,
"Open in app"), a section label, the headline (sometimes twice: page title, then heading), a
standfirst, a caption, a byline and a date line. Which line is the headline is decided by what
each line looks like and where it sits, never by a site's name:

* the **body** begins at the first run of prose (a paragraph-like line with another close
  below it, or one long paragraph): lines above it are the header;
* every header line that could be a headline gets a score: its words found again in the body,
  its length, whether a byline or date line follows it, whether it reads like a sentence (a
  standfirst or caption), a label (``Sie sind hier:``), UI text (``Open in app``), a date, a
  photo credit, a breadcrumb or a glued menu; the best one is the headline;
* the line just above the headline, when short, is its **kicker** (a section label, shown
  above the headline); other lines above it are **header chrome**, reported with that rule;
* a kicker glued to the headline on its line is split off where the page shows the evidence,
  and a headline broken over two lines at its colon or dash is joined (``Choice``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from seedsite.textstats import NO_SPACES, SENTENCE_END, STOPWORDS, wordset
from seedsite.textstats import line_words as words

Line = tuple[int, str]
"""A cleaned line: its 1-based number in the decoded seed, and its text."""

# The first run of prose is looked for this far down; a headline further down than
# ``FAR_HEADLINE`` non-blank lines is reported (it may be a subheading taken by mistake).
_MAX_HEADER = 40
FAR_HEADLINE = 15
# A line of this many words is prose, sentence or not.
_PROSE_WORDS = 16
# The first line as headline when nothing else is one: only a line this short.
_FALLBACK_WORDS = 14
# How many characters of the body the headline's words are looked for in (the lede and a bit).
_BODY_SAMPLE = 4000
# Between a caption (or a teaser) above the headline and the headline: this many lines at most
# (the caption's credit, a kicker, the date line).
_CAPTION_GAP = 4
# A paragraph this long is the body, whatever follows it.
_LONG_CAPTION = 40
# A line this long, repeated with an addition just below, is an image's alt text and caption.
_NEAR_COPY_MIN = 20
# A headline told again below in other words: this many content words, this share in common.
_RETOLD_MIN = 4
_RETOLD_SHARE = 0.7
_BYLINE_SHAPED_CHARS = 160
# A kicker (a section label above the headline) is this long at most, in words; a section label
# with the date line between it and the headline, this long.
_KICKER_WORDS = 4
_LABEL_WORDS = 3
# A run of this many short lines (a menu) under a line makes it the site's name.
_NAV_RUN = 3
_CASED_MIN = 4
_CASED_SHARE = 0.8
# A headline cut off with an ellipsis keeps this many characters at least.
_CUT_MIN = 12
# A credit's label alone on its line ("Foto:") is this long at most.
_BARE_LABEL_CHARS = 16
# A caption's credit sits in its last characters.
_CREDIT_TAIL = 60
# How far above a heading its page title may be (a table of contents between them).
_TITLED_BACK = 40

# (Not after an initialism: "... Underneath N.Y.C." and "U.S." end headlines, not sentences.)
_PERIOD_END = re.compile(r"(?<!\b[A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\.\.)[.。][\"”’»)\]]*$")
# A sentence boundary inside a line: "... soir. Plusieurs ..." (not "U.S. officials").
_INNER_SENTENCE = re.compile(r"[^\W\d_]{3,}[.!?][\"”’»)]?\s+[\"“‘«(]?[^\W\d_]")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\d_]{3,}")
# A menu scraped without spaces: "LatestVideoThe BestsSplitscreenHighlight Reel" (many capitals
# glued to a lower-case letter; "DevSecOps", "iPhone" or "WordPress" have one or two).
_GLUED = re.compile(r"[a-z][A-Z]")
_GLUED_MAX = 2
# Words glued whole: "PoliticsDonald TrumpJoe Biden" (a run of four lower-case letters, then a
# capitalised word); brand names glue shorter runs ("WordPress", "JavaScript"), and one such
# join ("PowerPoint") is no menu.
_GLUED_WORDS = re.compile(r"[a-z]{4}[A-Z][a-z]{2}")
_GLUED_WORDS_MIN = 2


def _glued_menu(text: str) -> bool:
    """A menu scraped without spaces: many capitals glued on, or words glued whole."""
    glued = len(_GLUED.findall(text))
    # (Each word glued whole is a capital glued on too: with fewer than two of those, the
    # longer pattern cannot find two; most lines have none.)
    return glued > _GLUED_MAX or (
        glued >= _GLUED_WORDS_MIN and len(_GLUED_WORDS.findall(text)) >= _GLUED_WORDS_MIN
    )


# Dates and times, any language: 12.03.2021, 2021-03-12, 3/12/21, 15:59, "20. Juni 2019",
# "June 20, 2019", 2021年3月12日. A headline seldom carries one; a date line always does.
_DATEISH = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}[:h]\d{2}\b|\d{4}\s*年|\b\d{1,2}\.?\s+"
    r"[^\W\d_]{3,10}\.?,?\s+\d{4}\b|\b[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}\b"
)
# A photo credit or caption label: "Foto: dpa", "(Saul Loeb/AFP/Getty Images)", "Name/Agency".
_CREDIT = re.compile(
    r"(?:^|[\s|(])(?:photo|foto|bild|bildquelle|quelle|credit|image|source|crédit|créditos?"
    r"|fotografía|imagen|immagine|imagem|fonte|fotó|kuva|bron|afbeelding|zdjęcie|fot\.|źródło"
    r"|zdroj|fotoğraf|görsel|kaynak|фото|источник|джерело|φωτογραφία|πηγή"
    "|عکس|منبع|صورة|المصدر|צילום|图片来源|图片|圖片|来源|來源|写真|出典|사진|출처"
    r")s?\s*[:：=]|©|\(c\)|getty images|/\s*(?:ap|afp|reuters|dpa|epa)\b"
    r"|\b(?:ap|afp|reuters|dpa|epa|getty) (?:photo|images?)\b"
    r"|[A-Z][\w.-]+ [A-Z][\w.-]+\s?/\s?[A-Z][\w.-]+\)?$",
    re.IGNORECASE,
)
# An image's alt text that says it is one: "Image for …", "Logo Stadtwerke Nord",
# "Harbour Gazette Logo", "Icon WhatsApp", "Profile picture for user …", "Foto de …", "Bild von …".
_ALT_TEXT = re.compile(
    r"(?:(?:image|photo|picture|bild|foto|imagen|immagine|imagem|zdjęcie|фото|изображение)"
    r" (?:for|of|von|zu|de|du|del|di|da|do|des) "
    r"|(?:profile picture|thumbnail|avatar|logo|icon|icône|icono|icona|ícone|symbolbild)\b)"
    r"|.*\s(?:logo|icon)$",
    re.IGNORECASE,
)
_CREDIT_MARKS = (":", "：", "=", "/", "©", "(c)", "getty", "photo", "image")
_DIGIT = re.compile(r"\d")
# Words of user-interface text in the languages seeds come in: a short line made mostly of
# them is a button or a notice ("Open in app", "Supported by", "Zu den Kommentaren").
_UI_WORDS = wordset(
    "app apps login log sign subscribe subscribed subscription search menu navigation skip "
    "close open download install click tap press enter copy copied link url share print email "
    "mail comment comments reply replies cookies settings account register powered supported "
    "sponsored choices ad ads advertisement advertising home homepage contact privacy terms "
    "policy imprint feed rss follow back next previous more continue reading read listen watch "
    "video play toggle show hide view load loading donate donation member membership premium "
    "sitemap archive archives jump top twittern pinnen tweet tweeten "
    "impressum datenschutz kontakt suche anmelden abmelden abonnieren teilen kommentar "
    "kommentare kommentaren spenden spende mitglied drucken startseite weiterlesen mehr "
    "recherche connexion abonner partager imprimer accueil commentaires lire suite "
    "buscar suscribirse suscríbete compartir iniciar sesión comentarios leer inicio "
    "cerca accedi condividi commenta registrati pesquisar entrar partilhar assinar "
    # The overview, enlarge, full screen, send the link: controls in more languages (not
    # "close", "back" or "list": "Schulen schließen" and "Le retour du roi" are headlines).
    "übersicht vergrößern vollbild verschicken versenden agrandir ampliar ingrandisci "
    "elenco listado overview enlarge fullscreen "
    # Share, log in, subscribe, comments, print, read more: the buttons of the other languages
    # seeds come in (Dutch, Polish, Czech, Swedish, Turkish, Indonesian, Russian, Ukrainian,
    # Greek, Arabic, Persian, Hebrew, Chinese, Japanese, Korean), words headlines seldom use.
    "delen inloggen abonneren reacties udostępnij zaloguj subskrybuj komentarze drukuj "
    "sdílet přihlásit komentáře dela logga prenumerera kommentarer paylaş yorumlar "
    "bagikan komentar berlangganan поделиться войти подписаться комментарии "
    "поділитися увійти коментарі κοινοποίηση σχόλια شارك تعليقات اشترك "
    "اشتراک‌گذاری نظرات ورود שתף תגובות 分享 登录 登錄 评论 評論 打印 首页 首頁 "
    "シェア ログイン コメント 印刷 공유 로그인 댓글"
)
_UI_MAX_WORDS = 6
# Networks a share row names: UI only where every word of the line is a button's
# ("Whatsapp Teilen Twittern Pinnen"), not in "Facebook sues Twitter".
_NETWORKS = wordset(
    "facebook twitter whatsapp pinterest linkedin xing reddit telegram tumblr flipboard "
    "messenger instagram youtube vk threads bluesky mastodon"
)
# Words that say nothing either way ("Open in app": "in"; "Powered by": "by").
_FILLER = wordset(
    "a an the to in on of by for with at our your my us me it this here now up and or "
    "zu zum zur den der die das im am mit auf le la les de du des au à en et el los las del al "
    "y con di il lo per all e o do da ao"
)
# A line ending with the mark it opened: a quote « … » or text that looks like markup <…>.
_CLOSES_OWN_MARK = re.compile(r"(?:«[^«»]*»|‹[^‹›]*›|<[^<>]*>)\s*$")
# A list item: "+ Added Slime Block", "• Faster builds", "– Neue Regeln".
_LIST_ITEM = re.compile(r"[-+*•·▪►–—]\s")
_NUMBERED = re.compile(r"\d{1,3}[.)]\s")
_ELLIPSES = ("…", "...")
# A section's number before its heading: "2 Advice", "4.5 Ten Hearts", "3. 主要作品".
_SECTION_NO = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+[^\W\d_]")
# "Sie sind hier:", "Aktuelle Seite:", "Filed under:" - a label waiting for its value.
_LABEL_END = re.compile(r"[:>»›|/\\–—-]\s*$")


def is_prose(text: str) -> bool:
    """A line that reads like a paragraph: long, or a full sentence of some length."""
    # (Sixteen words first, split off alone: most lines asked are long paragraphs, and
    # splitting them whole cost more than the rest of the test.)
    if len(text.split(maxsplit=_PROSE_WORDS - 1)) >= _PROSE_WORDS:
        return True
    n = words(text)
    return n >= _PROSE_WORDS or (n >= 8 and SENTENCE_END.search(text) is not None)


def _inner_sentence(text: str) -> bool:
    # (A stop, "!" or "?" before the end first: the pattern costs ten times the look.)
    body = text[:-1]
    return ("." in body or "!" in body or "?" in body) and _INNER_SENTENCE.search(text) is not None


def _period_end(text: str) -> bool:
    return text.rstrip('"”’»)]')[-1:] in (".", "。") and _PERIOD_END.search(text) is not None


def _sentence_like(n: int, inner_sentence: bool, period_end: bool) -> bool:
    """Reads as a sentence (a standfirst, caption or paragraph), not as a headline: a line of
    ``n`` words, with a sentence boundary inside it or a stop at its end."""
    return (n >= 8 and inner_sentence) or (n >= 6 and period_end)


# A field and its value: "Rating: 4.5/5", "Versions: 00 01 02 03", "Seite: 2 / 7"
# (a headline's topic is followed by words: "Teil 2: 10 Wege aus der Krise" is one).
_FIELD = re.compile(r"[^\W\d_][^:：]{0,30}[:：]\s*(\d.*)")
_WORD_FIELD = re.compile(r"[^\W\d_][\w-]*\s?[:：]\s?[^\W\d_][\w-]*")
_FIELD_DIGITS = 0.5  # (more than: "Topinambur ernten: 3 Profi-Tipps" is a headline)


def _numeric_field(text: str, n: int) -> bool:
    """A label and a value mostly of numbers, or of one word: a page's data, never its
    headline ("Rating: 4.5/5", "Sprache: Englisch"; "垃圾分类新规：…" is many words)."""
    if ":" not in text and "：" not in text:
        return False
    if n <= 2 and _WORD_FIELD.fullmatch(text):
        return True
    match = _FIELD.fullmatch(text)
    if match is None:
        return False
    parts = match.group(1).split()
    return sum(_DIGIT.search(p) is not None for p in parts) > _FIELD_DIGITS * len(parts)


def _cut_copy(text: str, below: Sequence[Line]) -> bool:
    """Whether a line below writes in full what this line, cut off with an ellipsis, begins."""
    head = text.rstrip(".…").rstrip()
    return len(head) >= _CUT_MIN and any(
        len(t) > len(text) and t.startswith(head) for _, t in below
    )


def _credit_label(text: str) -> bool:
    """A credit's label alone, the credit on the next line: "Foto:", "FOTO:", "Bild:"."""
    return len(text) <= _BARE_LABEL_CHARS and text.rstrip()[-1:] in ":：" and _has_credit(text)


def _has_credit(text: str) -> bool:
    """A photo credit or caption label in the line (``Foto: dpa``, ``(AP Photo/Jane Roe)``)."""
    # Every credit the pattern knows has one of these: a cheap look before the pattern.
    folded = text.casefold()
    if not any(mark in folded for mark in _CREDIT_MARKS):
        return False
    return _CREDIT.search(text) is not None


# "By" and a capital: a byline, whether or not a name can be read from it.
# (Not "Von": German capitalises nouns, and "Von Sprachregeln, …" is a headline.)
# (A tag left in the text may come first: "By <b>Staff</b>".)
_BY_START = re.compile(r"(?i:by|par|por)\s+(?:<[^<>]{1,80}>\s*)?[A-ZÀ-Ý]")
_BY_START_WORDS = 10
# A wiki's note above an article: "See also: …", "Main article: …", "Voir aussi : …".
# A wiki's tagline under the page title: "From Wikivoyage, the free travel guide", "Aus
# Wikipedia, der freien Enzyklopädie".
_TAGLINE = re.compile(
    r"(?:from|aus|de|da) [^\W\d_][\w.-]*(?: [\w.-]+)?, (?:the|a|der|die|das|la|el|il|o) "
    r"[^\W\d_][\w\s'’-]{0,40}",
    re.IGNORECASE,
)
# A wiki's origin line without its tagline: "From Harbour Town Wiki", "Aus Stadtwiki".
_WIKI_FROM = re.compile(r"(?:from|aus|de|da|di|z) (?:\S+ ){0,3}\S*wiki\S*", re.IGNORECASE)
# An e-mail address or a bare domain on its own line: the site's contact or name, no headline.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?")
# A link back or to the previous page: "< Region Nord", "← Vorherige", "‹ Back" (a French quote
# closed further on is a quotation: "« … ». Le conseil prolonge").
_BACK_LINK = re.compile(r"[<←‹«]\s")
_CLOSE_MARKS = frozenset("»›>")
_HATNOTE = re.compile(
    r"(?:see also|main articles?|further information|voir aussi|article détaillé|siehe auch"
    r"|hauptartikel|véase también|artículo principal|vedi anche|ver também)\s*:",
    re.IGNORECASE,
)
# "Sport > Fußball", "اجتماعی > آموزش": a section and its part (a headline has more words).
_SHORT_TRAIL = re.compile(r"\S+(?: \S+)?\s*[>»›]\s*\S+(?: \S+){0,2}")
_LIST_SEP = re.compile(r"\s*[,|·•]\s*")
_LIST_SEP_MARK = re.compile(r"[,|·•]")


def _is_label_list(text: str) -> bool:
    """Tags or sections in a row: ``ARD, Demonstrationen, Neu``, ``Region | Betzdorf``."""
    # (No separator, one part: most lines asked are spared the split.)
    if not _LIST_SEP_MARK.search(text):
        return False
    parts = [p for p in _LIST_SEP.split(text) if p]
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts):
        return False
    # Three or more short items, or two around a bar ("Volleyball | MTV Stuttgart").
    return len(parts) >= 3 or "|" in text


_LETTERS = re.compile(r"[^\W\d_]+")


def is_ui_text(text: str) -> bool:
    """A short line made mostly of user-interface words (``Open in app``, ``Link Copied``)."""
    tokens = [t for t in _LETTERS.findall(text.casefold()) if t not in _FILLER]
    # (Both tests below need one word of UI text at least: most lines have none.)
    if not tokens or len(tokens) > _UI_MAX_WORDS or _UI_WORDS.isdisjoint(tokens):
        return False
    ui = sum(t in _UI_WORDS for t in tokens)
    if ui * 2 >= len(tokens):
        return True
    # A row of share buttons: nothing but buttons and networks (one button at least, above).
    return all(t in _UI_WORDS or t in _NETWORKS for t in tokens)


# Function words are in every body: only content words count as found again.
_COMMON = STOPWORDS


_STEM = 6


_WORD3 = re.compile(r"\w{3,}")


# Quote marks and brackets that open a word.
_OPENERS = "«“‘\"([¿¡„‹'‚"


def _spaced(text: str) -> str:
    """The text with the marks that open a word made spaces: «Vape Wave» is " Vape Wave»"."""
    # (A replace per mark, not a pattern's substitution: over the body's sample it cost as much
    # as folding its case.)
    for mark in _OPENERS:
        text = text.replace(mark, " ")
    return text


class _Body:
    """The body's first characters, for looking words up: " word" starts a word there."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def has(self, stem: str) -> bool:
        """Whether a word starting with ``stem`` is in the text (any CJK character is a word)."""
        # (Every character of the pattern is U+3040 or above: a Latin stem is told by its first
        # character, without the pattern.)
        if stem[0] >= "\u3040" and NO_SPACES.match(stem):
            return stem in self.text
        return " " + stem in self.text


def _token_list(text: str) -> list[str]:
    """Words of three letters or more, casefolded; each Han or kana character a word."""
    folded = text.casefold()
    # \w{3,} is twice as fast as the exact pattern: used where no CJK character is.
    return (_TOKEN if NO_SPACES.search(folded) else _WORD3).findall(folded)


def _tokens(text: str) -> set[str]:
    """Content words, cut to their first letters: a crude stem ("terrarium", "terrariums")."""
    return {t[:_STEM] for t in _token_list(text) if t not in _COMMON}


@dataclass(frozen=True)
class Roles:
    """What the caller knows of single lines (the byline and date-line tests live elsewhere)."""

    byline: Callable[[str], bool]
    date_line: Callable[[str], bool]
    dateline: Callable[[str], bool]
    doubled: frozenset[str] = frozenset()
    """Lines the scrape pasted twice in a row: an image's alt text and caption, usually."""


def _headline_below(
    lines: Sequence[Line], i: int, roles: Roles, prose_at: Callable[[int], bool]
) -> bool:
    """Whether a headline-shaped line follows line ``i`` with a date line or byline under it, or
    under a date line that follows it (a caption's credit or a kicker may come before the date
    line), and then the body: line ``i`` is a caption or a teaser above the headline."""
    if i + 2 >= len(lines):
        return False
    below = lines[i + 2][1]
    if not prose_at(i + 1) and (roles.date_line(below) or roles.byline(below)):
        return _headline_shaped(lines[i + 1][1])
    # The date line above the headline, the caption's credit and one kicker before it (a byline
    # there may be a tag row's: "Words by …").
    kicker = False
    for j in range(i + 1, min(i + 1 + _CAPTION_GAP, len(lines) - 2)):
        text = lines[j][1]
        # (Prose first: most paragraphs asked have another under them, and are spared the
        # date-line test.)
        if prose_at(j):
            # (A credit line opens with its label: "Foto: Wikimedia / …, CC BY 4.0".)
            if _has_credit(text[:_CREDIT_TAIL]):
                continue
            return False
        if roles.date_line(text) and not roles.byline(text):
            return _headline_shaped(lines[j + 1][1]) and prose_at(j + 2)
        if _has_credit(text):
            continue
        if kicker or words(text) > _LABEL_WORDS:
            return False
        kicker = True
    return False


def _headline_shaped(text: str) -> bool:
    f = _facts(text)
    return f.words >= 3 and not (f.never or f.sentence or f.dated)


def body_start(lines: Sequence[Line], roles: Roles) -> int:
    """Index of the first body line: the first run of prose, or a dateline."""
    limit = min(len(lines), _MAX_HEADER)
    known: dict[int, bool] = {}

    def prose_at(j: int) -> bool:
        if j not in known:
            known[j] = j < len(lines) and is_prose(lines[j][1])
        return known[j]

    first_prose = None
    for i in range(limit):
        text = lines[i][1]
        # (A dateline opens a paragraph: "STADTKURIER — 03.03.21 10:15" is a date line.)
        if prose_at(i) and roles.dateline(text):
            return i
        if not prose_at(i):
            continue
        n = words(text)
        # A caption with its credit, or a byline, is not the body (a caption of 40 words or
        # more is rare: the credit is looked for only in shorter lines, it costs a search).
        # (Nor a long navigation trail that ends with the headline: "Home → … → headline".)
        if (n < _LONG_CAPTION and _has_credit(text)) or roles.byline(text) or is_crumb(text):
            continue
        # A paragraph with a headline-shaped line and a date line or byline below it is the
        # lead photo's caption or alt text above the headline ("<caption>", "<headline>",
        # "Stand: 03.03.2021"): the header goes on.
        if _headline_below(lines, i, roles, prose_at):
            continue
        if first_prose is None:
            first_prose = i
        # One paragraph alone (a disclosure, a caption, a standfirst) is not yet the body.
        if n >= _LONG_CAPTION or any(prose_at(j) for j in range(i + 1, i + 4)):
            return i
    if first_prose is not None:
        return first_prose
    return min(limit, len(lines))


def is_credit_caption(text: str) -> bool:
    """A photo caption ending in its credit: "… on Tuesday. (AP Photo/Daniel Kiprono)"."""
    return _has_credit(text[-_CREDIT_TAIL:])


def _numbered_runs(lines: Sequence[Line], end: int) -> frozenset[int]:
    """Lines of a numbered list ("5. Eliminating Toil", "6. Monitoring ..."): a table of
    contents. One numbered line alone may be a headline ("1. FC Köln siegt"). Numbered section
    headings and runs of lines opening with an ellipsis are listed too."""
    # (A run of lines that open with an ellipsis is a menu too: "… die Schafe", "… den Autor";
    # one such line alone may be a headline, "… und jetzt der Winter".)
    header = [t for _, t in lines[: end + 1]]
    runs: set[int] = set()
    for marked in (
        [_NUMBERED.match(t) is not None for t in header],
        [t.startswith(_ELLIPSES) for t in header],
    ):
        runs.update(
            i
            for i, on in enumerate(marked)
            if on and ((i and marked[i - 1]) or (i + 1 < len(marked) and marked[i + 1]))
        )
    # Numbered section headings apart from each other ("1 Introduction", text, "2 Advice and
    # Lisp"; "4.4 Eight Hearts", "4.5 Ten Hearts"): a number and the next one in the header.
    sections: dict[tuple[str, int], int] = {}
    for i, (_, text) in enumerate(lines[: end + 1]):
        match = _SECTION_NO.match(text) if text[:1].isdigit() else None
        if match:
            head, _, last = match.group(1).rpartition(".")
            sections[head, int(last)] = i
    for (head, number), i in sections.items():
        if (head, number + 1) in sections or (head, number - 1) in sections:
            runs.add(i)
    return frozenset(runs)


def _title_like_of(
    lines: Sequence[Line], roles: Roles, marks: Sequence[bool], listed: frozenset[int]
) -> Callable[[int], bool]:
    """``_title_like`` of a line by its index, each worked out once."""
    known: dict[int, bool] = dict.fromkeys(listed, False)

    def title_like(index: int) -> bool:
        if index not in known:
            byline = marks[index] if index < len(marks) else roles.byline(lines[index][1])
            known[index] = _title_like(lines[index][1], roles, byline)
        return known[index]

    return title_like


# What follows a page title's headline: the site's name after a bar, dash or colons.
_SITE_SUFFIX = re.compile(r"\s*(?:[|–—:]|::|\s-)\s*\S.{0,60}")
# The same, written before the heading: "Reuters - ...", "Chapter 6 - ...".
_SITE_PREFIX = re.compile(r".{1,60}\S\s*(?:[|–—:]|::|\s-)\s*")


# "Posted by kovarex, TOGos on 2019-02-15, all posts": a byline by its shape, whether or not a
# name can be read from it (a name in lower case, a list of them).
# ("Artikel von Jo Li", "Article by …", "Texto de …": the piece's own word before the name.)
_POSTED_BY = re.compile(
    r"(?:posted|written|published|geschrieben|publié|publicado|veröffentlicht|artikel|article"
    r"|artículo|artigo|articolo|beitrag|text|texto|testo)\s+(?:by|von|par|por|de|di)\s",
    re.I,
)


def _named_in(title: str, heading: str) -> bool:
    """A page title that is the heading with the site's name (or a section) before or after it."""
    if len(title) <= len(heading):
        return False
    if title.startswith(heading):
        return _SITE_SUFFIX.fullmatch(title, len(heading)) is not None
    return title.endswith(heading) and (
        _SITE_PREFIX.fullmatch(title, 0, len(title) - len(heading)) is not None
    )


# Typographic quotation marks: a byline names people, it quotes no one.
_QUOTES = frozenset("«»„“”")


def _byline_shaped(text: str) -> bool:
    return len(text) < _BYLINE_SHAPED_CHARS and _POSTED_BY.match(text) is not None


def _headline_case(text: str) -> bool:
    """Most longer words capitalised, as English headlines are ("Colder Temperatures Forecast
    for Wed. after Cold Wave Alert Tues."): a headline, though it ends with a stop."""
    longer = [w for w in text.split() if len(w) > 3]
    upper = sum(w[0].isupper() for w in longer)
    return len(longer) >= _CASED_MIN and upper >= _CASED_SHARE * len(longer)


def _written_again(lines: Sequence[Line], end: int) -> frozenset[int]:
    """Lines written again below in another case, in the header or as the body's first line
    (``end``): the page's title in capitals ("KRÄHENJAGD", then "Krähenjagd" as the heading), or
    in title case right above the heading as written ("… Using Defadvice", "… using
    defadvice"; an exact copy right below is an image's alt text and caption, not this)."""
    first: dict[str, tuple[int, str]] = {}
    again: set[int] = set()
    # (One fold per header line, worked out once per seed: not one per pair of lines.)
    for i, (_, text) in enumerate(lines[:end]):
        key = text.casefold()
        seen = first.setdefault(key, (i, text))
        if seen[0] != i and seen[1] != text:
            again.add(seen[0])
    return frozenset(again)


def _retold(own: set[str], other: str) -> bool:
    """Whether a line below tells the same headline in other words: most of the shorter one's
    content words are the other's."""
    theirs = _tokens(other)
    if len(theirs) < _RETOLD_MIN or own == theirs:
        return False
    if len(own & theirs) < _RETOLD_SHARE * min(len(own), len(theirs)):
        return False
    # (The words first: most lines share too few, and are spared their facts.)
    facts = _facts(other)
    return not (facts.never or facts.sentence)  # (a standfirst or the lede retells it too)


def _near_copy_below(index: int, lines: Sequence[Line]) -> bool:
    """The next line repeats this one with something added (alt text, then the caption with
    its credit: "Lula (ao centro) recebe ..." then "Lula (ao centro) recebe ... Foto: X")."""
    if index + 1 >= len(lines):
        return False
    text, below = lines[index][1], lines[index + 1][1]
    return len(text) >= _NEAR_COPY_MIN and below != text and below.startswith(text[:-1])


class _Facts(NamedTuple):
    """What the headline tests need to know of one line's text, worked out once."""

    words: int
    never: bool
    """It cannot be a headline: UI text, a label, a credit, a crumb, a list item, ..."""
    sentence: bool
    dated: bool
    period_end: bool
    inner_sentence: bool


@lru_cache(maxsize=16384)
def _facts(text: str) -> _Facts:
    n = words(text)
    never = (
        n > 30
        or len(text) > 250
        or "\t" in text
        or _glued_menu(text)
        or is_crumb(text)
        or is_ui_text(text)
        # A trailing ">" ends a crumb trail ("Actus et médias >"), unless the line opened it
        # too ("<img src=x>" is text that looks like markup, « … » a quotation).
        or bool(_LABEL_END.search(text) and not _CLOSES_OWN_MARK.search(text))
        or _has_credit(text)
        or _numeric_field(text, n)
        or _ALT_TEXT.match(text) is not None
        or _LIST_ITEM.match(text) is not None
        or _is_label_list(text)
        or _SHORT_TRAIL.fullmatch(text) is not None
        or _HATNOTE.match(text) is not None
        or _TAGLINE.fullmatch(text) is not None
        or _WIKI_FROM.fullmatch(text) is not None
        or ("." in text and _ADDRESS.fullmatch(text) is not None)
        or (_BACK_LINK.match(text) is not None and not _CLOSE_MARKS.intersection(text))
        # A byline whose name could not be read ("By Jane H.J. Roe Fox News").
        or (_BY_START.match(text) is not None and n <= _BY_START_WORDS)
    )
    if never:  # (most never-lines are paragraphs: spare them the sentence tests)
        return _Facts(n, True, False, False, False, False)
    period_end = _period_end(text)
    inner_sentence = _inner_sentence(text)
    return _Facts(
        words=n,
        never=never,
        sentence=_sentence_like(n, inner_sentence, period_end),
        dated=_DIGIT.search(text) is not None and _DATEISH.search(text) is not None,
        period_end=period_end,
        inner_sentence=inner_sentence,
    )


# "Topic: what happened" - a headline's form in many languages (German, English, Spanish ...),
# the topic one to four words before a colon, more words after it.
_TOPIC_COLON = re.compile(r"[^\s:]+(?: [^\s:]+){0,3} ?: \S+(?: \S+){2}")


def _title_like(text: str, roles: Roles, byline: bool) -> bool:
    """A plain headline shape: 3-25 words, no sentence, no date, not UI text or a credit."""
    if byline or text in roles.doubled:  # (spared the line's facts)
        return False
    f = _facts(text)
    return 3 <= f.words <= 25 and not f.sentence and not f.dated and not f.never


WEIGHTS: dict[str, float] = {
    # Share of the line's content words found again in the body's first few hundred words.
    "found_in_body": 2.0,
    "found_enough": 1.0,
    # Short lines are labels more often than headlines.
    "words_1": 1.2,
    "words_2": 0.5,
    "words_3": 0.1,
    "words_over_20": 0.3,
    # A sentence: a standfirst or a caption (shorter: a tagline).
    "period_end": 0.8,
    "period_end_short": 0.6,
    "inner_sentence": 0.3,
    "has_date": 0.8,
    "lower_start": 0.3,
    "doubled": 1.0,
    "doubled_first": 0.4,
    # Per line from the top, up to a maximum.
    "position": 0.05,
    "position_max": 1.0,
    "below_byline": 1.0,
    "below_date": 0.4,
    "byline_next": 0.6,
    "byline_near": 0.3,
    "written_twice": 0.5,
    "below_headline": 0.4,
    # "Topic: what happened", a headline's form (a standfirst or a caption seldom has it).
    "topic_colon": 0.4,
    "retold_below": 0.35,
    "site_suffix": 0.6,
    "crumb_named": 0.8,
    "above_body": 0.15,
    # A line with a run of menu items under it is the site's name, not the headline.
    "nav_next": 0.3,
}
"""How much each sign counts for or against a line being the headline (``headline_score``).

Set by measuring ``scripts/fidelity.py`` over the three corpora: the signs are kinds of line
(length, sentence, date, position), never a site's or a corpus' strings."""


def headline_score(
    index: int,
    lines: Sequence[Line],
    start: int,
    body: _Body,
    roles: Roles,
    marks: Sequence[bool],
    bylines: Sequence[bool],
    title_like: Callable[[int], bool],
    named: frozenset[str] = frozenset(),
    again: frozenset[int] = frozenset(),
) -> float | None:
    """How much a header line reads like the headline; None when it cannot be one.

    ``marks`` says, for the lines around, which are bylines or date lines, and ``title_like``
    which have a plain headline's shape (both worked out once per seed by the caller);
    ``named`` holds the last steps of the header's navigation trails, ``again`` the lines
    written again below in another case.
    """
    # (A byline or date line first: it is spared the line's facts.)
    if marks[index]:
        return None
    text = lines[index][1]
    f = _facts(text)
    n = f.words
    if f.never:
        return None
    if index >= start and f.sentence and not _headline_case(text):
        return None
    # A caption sits above its credit's label ("<caption>", "Foto:", "<photographer>").
    if index + 1 < len(lines) and _credit_label(lines[index + 1][1]):
        return None
    # A copy cut off with an ellipsis (a trail's step, a tab's title) of the line written in
    # full below it: "Marode Brücken: Erhalt...", then "Marode Brücken: Erhalt statt Neubau".
    if text.endswith(_ELLIPSES) and _cut_copy(text, lines[index + 1 : start + 1]):
        return None
    w = WEIGHTS
    score = 0.0
    own = _tokens(text)
    if own:
        # Two words found in the body say less than eight: the evidence grows with the words.
        # Past a share of the words, more says nothing: a standfirst that sums the body up
        # shares more of its words than the headline above it does.
        found = min(1.0, sum(body.has(t) for t in own) / len(own) / w["found_enough"])
        score += w["found_in_body"] * found * min(1.0, len(own) / 4)
    if n <= 3:
        score -= w[f"words_{n}"]
    elif n > 20:
        score -= w["words_over_20"]
    if f.period_end:
        score -= w["period_end"] if n >= 6 else w["period_end_short"]
    elif f.inner_sentence:
        score -= w["inner_sentence"]
    if f.dated:
        score -= w["has_date"]
    if _TOPIC_COLON.match(text):
        score += w["topic_colon"]
    if index == start - 1:  # right above the first paragraph, as most headlines sit
        score += w["above_body"]
    elif index + _NAV_RUN < start and all(
        words(lines[j][1]) <= 3 and not marks[j] for j in range(index + 1, index + 1 + _NAV_RUN)
    ):
        score -= w["nav_next"]
    # A navigation trail ends with the page's own title ("Home > Fables > The Greedy Dog").
    if named and text.casefold() in named:
        score += w["crumb_named"]
    if text[:1].islower():
        score -= w["lower_start"]
    # A line pasted twice is an image's alt text and caption, unless no other line of the
    # header looks like a headline: then it is the page title and the heading.
    if (text in roles.doubled or _near_copy_below(index, lines)) and any(
        title_like(j) for j in range(min(start + 1, len(lines))) if j != index
    ):
        # First of the header's headline-shaped lines: as likely the title written twice (its
        # kicker right above it, of three words or fewer, does not count: "News für Jäger").
        first = not any(
            title_like(j) and (j < index - 1 or words(lines[j][1]) > _LABEL_WORDS)
            for j in range(index)
        )
        score -= w["doubled_first"] if first else w["doubled"]
    # Headlines sit near the top, above the byline and date line; a heading just above the
    # body and below the byline is the article's first subheading.
    score -= min(w["position_max"], w["position"] * index)
    if any(bylines[max(0, index - 6) : index]):
        score -= w["below_byline"]
    elif any(marks[max(0, index - 6) : index]):
        score -= w["below_date"]  # many sites print the date above the headline
    # A line of a kicker's length with a headline-shaped line next to the date line or byline
    # is the section label: "Politik", "12.03.2021", headline ("Politik", headline, "Von …" too).
    if (
        marks[index + 1 : index + 2] == [True]
        and not (n <= _LABEL_WORDS and index + 2 < start and title_like(index + 2))
    ) or (
        marks[index + 2 : index + 3] == [True]
        and not (n <= _KICKER_WORDS and title_like(index + 1))
    ):
        score += w["byline_next"]
    elif any(marks[index + 3 : index + 5]):
        score += w["byline_near"]
    # A longer line right below a headline-shaped one is its standfirst (dek).
    above_line = lines[index - 1][1] if index else ""
    # (Shorter than the headline too: "Reservoirs at a forty-year low" below "Council extends
    # emergency water rules as reservoirs fall".)
    if index and words(above_line) >= 4 and title_like(index - 1):
        score -= w["below_headline"]
    # Written twice in the header, apart (the page's title, then its heading), maybe in other
    # words below ("Star's $90K gown stolen from hotel room", then "$90K gown ... STOLEN!"):
    # the first is the headline.
    below = [t for _, t in lines[index + 1 : start + 1]]
    if any(_named_in(text, t) for t in below if t):
        # The page's title with the site's name, above the heading without it
        # ("… voyages again | Reuters", then "… voyages again"): the heading is the headline,
        # even when the page title is written twice (a tab's title, then the page's).
        score -= w["site_suffix"]
    elif index in again or any(t == text for t in below[1:]):
        score += w["written_twice"]
    elif any(_named_in(lines[j][1], text) for j in range(max(0, index - _TITLED_BACK), index)):
        # ... and the heading, below its page title.
        score += w["site_suffix"]
    elif len(own) >= _RETOLD_MIN and any(
        _retold(own, lines[j][1]) for j in range(index + 1, min(start, len(lines)))
    ):
        score += w["retold_below"]
    return score


@dataclass(frozen=True)
class Choice:
    """The headline's index among the lines (or None) and where the body begins."""

    title: int | None
    start: int
    split: int = 0
    """Where the headline starts in its line when a kicker is glued before it (0: none)."""
    joined: bool = False
    """The headline's first part is the line above, broken off at its colon or dash."""


# A kicker glued before its headline is this long at most, in words.
_GLUED_KICKER_WORDS = 8
# Marks a kicker's end may carry ("Kicker: ", "Kicker | ").
# (A trail's marks too: "Forum>Phones>Headline" glued on, the headline written on its own.)
KICKER_END = " :|/–—-·•>»›→"
_TRAIL_MARKS = frozenset(">»›→")


def glued_kicker(lines: Sequence[Line], index: int, start: int) -> int:
    """Where the headline starts in a line with its kicker glued on, or 0.

    Evidence, never a guess from the words: the rest of the line written on its own elsewhere
    in the header (the heading, a trail's last step: "Dürre im Sommer Stadtrat verlängert …"
    under "Start / Region / Stadtrat verlängert …"), the kicker written on its own, or the
    word at the join written twice ("Trinkwasser Trinkwasser wird knapp").
    """
    text = lines[index][1]
    tokens = text.split(" ")
    if len(tokens) < 4:
        return 0
    # The word at the join written twice: the kicker's last word opens the headline.
    for k in range(1, min(_KICKER_WORDS, len(tokens) - 3) + 1):
        word = tokens[k]
        if word == tokens[k - 1] and len(word) >= 4 and word[:1].isupper():
            return len(" ".join(tokens[:k])) + 1
    folded = text.casefold()
    # (Only shorter lines can be the rest or the kicker: most header lines are spared folding.)
    size = len(text)
    others = {t.casefold().strip() for _, t in lines[: start + 1] if len(t) < size}
    others |= {_CRUMB_SEP.split(t)[-1].strip().casefold() for _, t in lines[:start] if is_crumb(t)}
    for other in others:
        cut = len(folded) - len(other)
        if cut <= 0 or not folded.endswith(other):
            continue
        kicker = text[:cut].rstrip(KICKER_END)
        rest = text[cut:]
        # (Glued on without a space, a kicker ends in lower case before a capital: "CidadeCâmara".
        # Before a colon it is the headline's topic, part of it: "Trinkwasser: Stadtrat …"; a
        # headline does not start in lower case: "… und was nun?" is its end.)
        joined = text[cut - 1] in KICKER_END or (kicker[-1:].islower() and rest[:1].isupper())
        if (
            joined
            and kicker
            and not text[:cut].rstrip().endswith(":")
            # (After a trail's mark the rest is the page's title as written, in lower case
            # too: "Forum>Phones>kein Empfang mehr?".)
            and (not rest[:1].islower() or text[cut - 1] in _TRAIL_MARKS)
            and words(kicker) <= _GLUED_KICKER_WORDS
            and words(rest) >= 3
            and not _facts(rest).never
        ):
            return cut
    # The kicker written on its own (three words or more: one word may be a section's name
    # that opens a headline, "Politik der kleinen Schritte").
    for k in range(3, min(_GLUED_KICKER_WORDS, len(tokens) - 3) + 1):
        kicker = " ".join(tokens[:k])
        if (
            not kicker.endswith(":")
            and not tokens[k][:1].islower()
            and kicker.casefold().rstrip(KICKER_END) in others
        ):
            return len(kicker) + 1
    return 0


def headline_scores(lines: Sequence[Line], roles: Roles) -> tuple[int, list[float | None]]:
    """Where the body starts, and each header line's headline score (None: cannot be one)."""
    start = body_start(lines, roles)
    # The line that starts the body may itself be a long headline ("... im laufenden Jahr"):
    # it is a candidate, and when chosen the body starts below it.
    candidates = range(min(start + 1, len(lines)))
    # The body's text (the lede and a bit), without the line that opens it when that line is
    # itself a candidate: a headline is not found again in itself. Words are looked up in it
    # as the start of a word (" terrar" finds "terrariums"): no list of the body's words.
    sample: list[str] = []
    size = 0
    for _, text in lines[start + 1 : start + 40]:
        sample.append(text)
        size += len(text)
        if size >= _BODY_SAMPLE:
            break
    # (Quote marks and brackets that open a word become spaces: «Vape Wave» is " vape wave".
    # Other punctuation stays: a pass over every mark cost as much as the headline choice.)
    rest = _Body(" " + _spaced(" ".join(sample).casefold()))
    first = lines[start][1] if start < len(lines) else ""
    with_first = _Body(" " + _spaced(first.casefold()) + rest.text)
    # (A line with a quotation in it is no byline: "Von Regeln, Politik und «gutem Deutsch»".)
    bylines = [
        (roles.byline(t) or _byline_shaped(t)) and _QUOTES.isdisjoint(t)
        for _, t in lines[: start + 6]
    ]
    marks = [b or roles.date_line(t) for b, (_, t) in zip(bylines, lines, strict=False)]
    listed = _numbered_runs(lines, start)
    title_like = _title_like_of(lines, roles, marks, listed)
    named = frozenset(
        _CRUMB_SEP.split(t)[-1].strip().casefold() for _, t in lines[:start] if is_crumb(t)
    )
    again = _written_again(lines, start + 2)
    scores = []
    for i in candidates:
        body = rest if i == start else with_first
        scores.append(
            None
            if i in listed
            else headline_score(
                i, lines, start, body, roles, marks, bylines, title_like, named, again
            )
        )
    return start, scores


def choose_headline(lines: Sequence[Line], roles: Roles) -> Choice:
    """Pick the headline among the header lines, by score; the body begins below the header."""
    start, scores = headline_scores(lines, roles)
    best: tuple[float, int] | None = None
    for i, score in enumerate(scores):
        # Rounded, so that a tie goes to the line above, whatever the float error.
        if score is not None and (best is None or round(score, 6) > best[0]):
            best = (round(score, 6), i)
    if best is None:
        # Nothing above the body reads like a headline: the body's first line is one when it
        # is short and not the body itself run on (a title ending "in 12 Monaten.").
        if (
            start < len(lines)
            and words(lines[start][1]) <= _FALLBACK_WORDS
            and start + 1 < len(lines)
            and not roles.dateline(lines[start][1])
        ):
            return Choice(start, start + 1)
        return Choice(None, start)
    title = best[1]
    if _short_headline_below(lines, roles, title, best[0], start):
        title = start
    # (The body starts below a headline chosen at its first line: the line the headline is
    # written again on, alone, is then the body's first, and evidence for a kicker.)
    start = max(start, title + 1)
    return Choice(title, start, glued_kicker(lines, title, start), _broken_above(lines, title))


def _short_headline_below(
    lines: Sequence[Line], roles: Roles, best: int, score: float, start: int
) -> bool:
    """Whether the best line is a section label with the headline right below it, the headline
    a sentence or two that opens the body ("Environment" / "Wild goats ruled this island for a
    century. Now, it's being reborn." / the first paragraph): a weak label of three words or
    fewer, the short line under it, then prose."""
    return (
        score <= 0
        and best == start - 1
        and words(lines[best][1]) <= _LABEL_WORDS
        and start + 1 < len(lines)
        and words(lines[start][1]) <= _FALLBACK_WORDS
        and not roles.dateline(lines[start][1])
        and not _facts(lines[start][1]).never
        and is_prose(lines[start + 1][1])
    )


# A headline broken over two lines: its first part ends with a colon or a dash, and before a
# colon has this many words ("Sie sind hier:", "Vous êtes ici :" are labels waiting for a value).
_BROKEN_COLON_WORDS = 4


def _broken_above(lines: Sequence[Line], index: int) -> bool:
    """Whether the line right above the headline is its first part, broken off at a colon
    ("Dürre in der ganzen Stadt:" / "Rat verlängert …") or a dash ("Seca –" / "a câmara …")."""
    if not index or lines[index][0] - lines[index - 1][0] != 1:
        return False
    above, text = lines[index - 1][1].rstrip(), lines[index][1]
    if above.endswith(":"):
        # (A label waits for its value too: "Sie sind hier:", "Aktuelle Seite:".)
        ok = (
            words(above.rstrip(" :")) >= _BROKEN_COLON_WORDS
            and ":" not in text
            and not is_ui_text(above)
        )
    elif above[-1:] in "–—-" and above[-2:-1] == " ":
        ok = text[:1].islower()  # the headline goes on, in lower case
    else:
        return False
    return ok and not is_crumb(above) and not _has_credit(above)


# (An arrow separates with or without spaces: "Home → News → ...", "Inicio→Ciudad".)
_CRUMB_SEP = re.compile(r"\s+[>»›/|•]\s+|[»›→]")
_CRUMB_MARK = re.compile("[>»›/|•→]")
_CRUMB_SPACED = re.compile(r"\s+[>/|•→]\s+")
# A trail scraped without spaces that starts at home: "Home/Region/Notregeln für …".
_CRUMB_HOME_SLASH = re.compile(
    r"(?:home|start|startseite|accueil|inicio|portada|home ?page)/\S", re.IGNORECASE
)
# The first step of a trail, in the languages seeds come in ("Strona główna > Kraj").
_CRUMB_HOME = wordset(
    "home homepage start startseite accueil inicio portada início principale hoofdpagina "
    "главная головна anasayfa الرئيسية خانه 首页 首頁 ホーム 홈 etusivu startsida forside"
) | {"strona główna", "ana sayfa", "página inicial", "صفحه اصلی", "trang chủ", "αρχική"}


def is_crumb(text: str) -> bool:
    """A navigation trail: ``Home > News > World``, ``首页 > 科技频道 > 正文``."""
    # (Most lines hold no separator: they are spared the split, asked of every header line.)
    if not _CRUMB_MARK.search(text):
        return False
    if _CRUMB_HOME_SLASH.match(text):
        return True
    # French and Swiss quotes are « » and ‹ ›: there the closing mark separates nothing.
    splitter = _CRUMB_SPACED if "«" in text or "‹" in text else _CRUMB_SEP
    parts = [p for p in splitter.split(text) if p.strip()]
    if len(parts) < 2 or any(words(p) > 6 for p in parts[:-1]):
        return False
    return len(parts) >= 3 or parts[0].strip().casefold() in _CRUMB_HOME
