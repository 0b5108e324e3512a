"""Publication dates in a seed's header: every written date, date lines, and the one to keep.

``find_dates`` reads the dates written in a short text (month names in the common European
languages from built-in tables, other languages' month names through dateparser, cached);
``is_date_line`` says whether a line is a date plus only labels, times and a name;
``publication_date`` picks the date of the seed from its header (or the dateline opening the
first paragraph) and refuses what is not the article's own date: a wrong date is worse than
none. Warnings name lines by their 1-based number in ``lines`` (index + 1).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from seedsite.textstats import SENTENCE_END

# Month names by language; abbreviations are the prefixes pages print ("Sept.", "févr.").
MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    " diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre"
    " dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro"
    " dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    # Persian pages print Gregorian dates beside Solar Hijri ones, in transliterated names.
    "fa": "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
}
"""The one table of month names (January first), by language: read in dates, shown in English
in the listings, and known to the byline reader (a month is no author's name)."""
# More languages, read in dates only: their month names are not in MONTH_NAMES, whose words
# the byline reader takes for no one's name ("Maja" is a Polish name and Polish May).
_MORE_MONTH_NAMES = {
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "no": "januar februar mars april mai juni juli august september oktober november desember",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "fi": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta"
    " syyskuuta lokakuuta marraskuuta joulukuuta",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października"
    " listopada grudnia",
    "cs": "ledna února března dubna května června července srpna září října listopadu prosince",
    "tr": "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie"
    " noiembrie decembrie",
    "id": "januari februari maret april mei juni juli agustus september oktober november desember",
}
_MONTH_EXTRA = {
    "en": "jan feb mar apr jun jul aug sep sept oct nov dec",
    "de": "jän jänner feber mär mrz okt dez",
    "fr": "janv févr fév fevr avr juil déc",
    "es": "ene abr ago dic setiembre",
    "it": "gen mag giu lug ago set ott",
    "pt": "fev abr mai ago set out dez",
    "nl": "mrt okt",
    "fa": "جولای آگوست",
    # Polish and Finnish nominatives, Turkish and Swedish abbreviations
    "pl": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik"
    " listopad grudzień",
    "fi": "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu"
    " marraskuu joulukuu",
    "tr": "oca şub nis haz tem ağu eyl eki kas ara",
    "sv": "okt",
    "no": "des",
}
_MONTH_SPELLINGS = {
    "mrz": 3,
    "mrt": 3,
    "jän": 1,
    "jänner": 1,
    "feber": 2,
    "fevr": 2,
    "setiembre": 9,
    "جولای": 7,
    "آگوست": 8,
}
# Abbreviations that are everyday words in another language ("set", "out", "ago", "gen"):
# read as months only when the seed is in a language that uses them.
_NUMBERED_MONTHS = frozenset({"zh", "ja", "ko"})
_WORDLIKE = frozenset({"set", "out", "ago", "gen"})


def _month_table() -> tuple[dict[str, int], dict[str, frozenset[str]]]:
    table: dict[str, int] = {}
    langs: dict[str, set[str]] = {}
    every = {**MONTH_NAMES, **_MORE_MONTH_NAMES}
    for lang, names in every.items():
        for number, name in enumerate(names.split(), start=1):
            table[name] = number
            langs.setdefault(name, set()).add(lang)
    for lang, extra in _MONTH_EXTRA.items():
        fulls = every[lang].split()
        for name in extra.split():
            # An abbreviation is a prefix of its month, bar the few spelled otherwise.
            number = _MONTH_SPELLINGS.get(name) or next(
                i for i, full in enumerate(fulls, start=1) if full.startswith(name[:3])
            )
            table[name] = number
            langs.setdefault(name, set()).add(lang)
    return table, {name: frozenset(found) for name, found in langs.items()}


_MONTHS, _MONTH_LANGS = _month_table()
_SOLAR_MONTHS = {
    name: number
    for names in (
        # Iran's names, then Afghanistan's (Dari: Hamal, Sawr, … Hut) for the same months
        "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
        "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    )
    for number, name in enumerate(names.split(), start=1)
}
# Persian pages typed with an Arabic keyboard write yeh and kaf in their Arabic forms.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
# Persian and Arabic-Indic digits, full-width digits: one character each, so spans survive.
_DIGIT_ZEROS = (0x06F0, 0x0660, 0xFF10)
_DIGITS = str.maketrans({chr(zero + i): str(i) for zero in _DIGIT_ZEROS for i in range(10)})
_OTHER_DIGIT = re.compile(
    "[" + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in _DIGIT_ZEROS) + "]"
)


def _ascii_digits(text: str) -> str:
    """The text with its Persian, Arabic-Indic and full-width digits written 0-9."""
    # (A translation goes through its table character by character, ~4 µs a header line: only
    # lines that hold such a digit are translated.)
    return text.translate(_DIGITS) if _OTHER_DIGIT.search(text) else text


# A month name; Persian writes May (مه) and the Solar month Dey (دی) in two letters.
_WORD = r"(?:[^\W\d_]{3,12}|مه|دی)"
# A year ends at a non-digit, or where a glued second date starts ("22. Dezember 201922.
# Dezember 2019": the page printed the date twice without a space).
# And a count glued after the year: "06/11/20230 Kommentare" (a date, then "0 Kommentare").
_GLUED_COUNT = (
    r"(?<=\d{4})(?=\d{1,5}\s*(?:comments?|kommentare?|commentaires?|comentarios?|commenti"
    r"|comentários|reacties|kommentarer|yorum|komentarz[ey]?|replies|responses?|antworten)\b)"
)
# And a time glued after the year: "3. März 202114:15 Uhr".
_GLUED_TIME = r"(?<=\d{4})(?=\d{1,2}:\d{2}(?!\d))"
_YEAR_END = rf"(?:(?!\d)|(?=\d{{1,2}}\.?\s*[^\W\d_]{{3}})|{_GLUED_COUNT}|{_GLUED_TIME})"
_DATE = re.compile(
    # 2021-03-03, 2021/03/03, 2021.03.03 (and 1397/06/28 in Persian)
    r"(?<![\d.])(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?![\d])"
    # 2021年3月3日, 2021년 3월 3일
    r"|(?P<cy>\d{4})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일]?"
    # 03.03.2021, 3/3/2021, 03-03-21
    r"|(?<![\d.,/:-])(?P<na>\d{1,2})(?P<nsep>[-/.])(?P<nb>\d{1,2})(?P=nsep)"
    # not followed by more numbers ("1.2.2021.5"), bar a time after a dash ("28.01.2020-15:49")
    rf"(?P<ny>\d{{4}}|\d{{2}})(?:(?!\d|[.,/]\d|-(?!\d{{1,2}}:\d{{2}})\d)|{_GLUED_COUNT}"
    rf"|{_GLUED_TIME})"
    # 3 March 2021, 3. März 2021, 3 de marzo de 2021, 21.dez.2018, 22 Dec, 2016, 3rd of March
    rf"|(?<![\d.])(?P<dd>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?(?P<dm>{_WORD})\.?,?"
    rf"\s*(?:de\s+|del\s+)?(?P<dy>\d{{4}}){_YEAR_END}"
    # March 3, 2021; Mar. 3 2021 (glued to a number before it: "…+02:00Juni 19th, 2018")
    rf"|(?<![^\W\d_])(?P<mm>{_WORD})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<my>\d{{4}}){_YEAR_END}",
    re.IGNORECASE,
)
_EARLIEST, _LATEST = 1990, 2035
_SOLAR_FIRST, _SOLAR_LAST = 1300, 1500
_TWO_DIGITS = re.compile(r"\d\D{0,12}\d")
_DIGIT_PAIR = re.compile(r"\d\d")
_NUMBERS = re.compile(r"\d+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.,/:-])(\d{1,2})([-/.])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)")
# How long ago, in the languages of the tables: "3 hours ago", "há 2 anos", "vor 5 Minuten",
# "il y a 2 jours", "hace 3 horas", "2 ore fa", "3 uur geleden" ("Updated 3 hours ago").
_UNITS = (
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|segundos?|minutos?|horas?|dias?|días?|semanas?|meses|mês|anos?|años?"
    r"|secondes?|heures?|jours?|semaines?|mois|ans?|années?"
    r"|sekunden|minuten|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?"
    r"|secondi|minuti|ore|giorni|settimane|mesi|anni|seconden|uur|dagen|weken|maanden|jaar)"
)
_AGO = (
    rf"(?:há|hace|il\s+y\s+a|vor)\s+(?:\d+|an?|one|um|uma|un|une|una|einer?|einem)\s+{_UNITS}"
    rf"|(?:\d+|an?|one)\s+{_UNITS}\s+(?:ago|fa|geleden)"
)


@dataclass(frozen=True)
class DateMatch:
    """One date written in a text."""

    start: int
    """Offset of the date's first character."""
    end: int
    """Offset just past the date."""
    iso: str | None
    """``YYYY-MM-DD``; None when the date cannot exist or its order is undecided."""
    impossible: bool
    """A date that cannot exist (Feb. 30): the caller warns and takes no date."""
    ambiguous: bool
    """A numeric date whose day/month order the text alone does not settle (03/04/2021)."""
    order: str = ""
    """For numeric dates, the separator and the order read: ``"/dmy"``, ``".mdy"``; else ``""``."""


@lru_cache(maxsize=1024)
def _foreign_month(word: str, lang: str) -> int | None:
    """A month name in a language without a built-in table, through dateparser (cached)."""
    import dateparser  # the import costs ~0.1 s: only seeds in such languages pay it

    try:
        parsed = dateparser.parse(
            f"15 {word} 2001",
            languages=[lang],
            settings={"PARSERS": ["absolute-time"], "STRICT_PARSING": True},
        )
    except (ValueError, KeyError):  # a language dateparser does not know
        return None
    return None if parsed is None else parsed.month


def _month(word: str, lang: str | None) -> int | None:
    word = word.lower().rstrip(".")
    number = _MONTHS.get(word)
    if number is not None:
        if word in _WORDLIKE and lang not in _MONTH_LANGS[word]:
            return None
        return number
    # Chinese, Japanese and Korean write months as numbers (3月): no name to look up.
    if (
        lang is not None
        and lang not in MONTH_NAMES
        and lang not in _MORE_MONTH_NAMES
        and lang not in _NUMBERED_MONTHS
    ):
        return _foreign_month(word, lang)
    return None


# A day and a month without a year: "Jan. 5", "5 mars", "5. März".
_MONTH_DAY = re.compile(
    rf"(?P<m>{_WORD})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_WORD})\.?",
    re.IGNORECASE,
)


def is_month_day(text: str, lang: str | None) -> bool:
    """A day and month without a year ("Jan. 5"): a dateline may carry one; it gives no date."""
    match = _MONTH_DAY.fullmatch(text.strip())
    if match is None:
        return False
    day = int(match["d"] or match["d2"])
    return 1 <= day <= 31 and _month(match["m"] or match["m2"], lang) is not None


def _solar_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """A Solar Hijri date in the Gregorian calendar, None when it cannot exist."""
    import jdatetime  # imported here: only Persian seeds pay its ~15 ms import

    try:
        found = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return found.year, found.month, found.day


def _check(year: int, month: int, day: int) -> tuple[str | None, bool]:
    """The ISO date and whether the date is impossible (a day the month does not have); a
    Solar Hijri year (Persian pages: 1397 is 2018) is read in its calendar, in any order
    ("1397/06/28", "28/06/1397", "۲۸ شهریور ۱۳۹۷")."""
    if _SOLAR_FIRST <= year <= _SOLAR_LAST:
        converted = _solar_to_gregorian(year, month, day)
        if converted is None:
            return None, True
        year, month, day = converted
    try:
        return date(year, month, day).isoformat(), False
    except ValueError:
        return None, True


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # "03.03.21": the century pages mean is the nearest one
        year += 2000 if year <= _LATEST - 2000 else 1900
    return year


# Languages whose numeric dates are written with dots (3.11.2021), day first: German, the
# Nordic languages, Finnish, Czech, Slovak, Polish, Hungarian aside (year first), the Baltic
# and South Slavic languages, Romanian, Russian, Ukrainian, Belarusian, Bulgarian.
_DOT_LANGS = frozenset(
    "de da no nb nn is fi cs sk pl sl hr sr bs et lv ro ru uk be bg mk".split()  # noqa: SIM905
)


def _numeric(g: dict[str, str], lang: str | None) -> tuple[str | None, bool, bool, str]:
    a, b, year, sep = int(g["na"]), int(g["nb"]), _year(g["ny"]), g["nsep"]
    if a > 12 or b > 12:
        day, month = (a, b) if a > 12 else (b, a)
        order = "dmy" if a > 12 else "mdy"
        return *_check(year, month, day), False, sep + order
    if a == b:
        return *_check(year, a, a), False, ""
    # Persian writes the year first ("02/08/15" is 1402/08/15): a two-digit year is unsure.
    if lang == "fa" and len(g["ny"]) == 2:
        return None, False, True, sep
    # English pages write both orders (US 3/4 is March, UK and Irish 3/4 is April); with no
    # language, dots and dashes are still European (day first), slashes are anyone's. A
    # language that writes its own dates with dots writes no slash: a slashed date on its
    # pages comes from a template in either order (German pages print "11/01/2021" for
    # 11 January and for 1 November).
    if lang == "en" or (sep == "/" and (lang is None or lang in _DOT_LANGS)):
        return None, False, True, sep
    return *_check(year, b, a), False, sep + "dmy"  # the rest of Europe writes day first


def find_dates(text: str, lang: str | None) -> list[DateMatch]:
    """Every full date (day, month and year) written in a short text, in order."""
    found: list[DateMatch] = []
    if _TWO_DIGITS.search(text) is None:  # most lines: no date can be there (~0.1 µs)
        return found
    digits = _ascii_digits(text)
    pos = 0
    # Every date holds two digits side by side (its year): where none are left, the pattern's
    # search through the rest of the line (three times the cost of finding the date) is spared.
    while _DIGIT_PAIR.search(digits, pos) and (match := _DATE.search(digits, pos)) is not None:
        g = match.groupdict()
        ambiguous, order = False, ""
        year = month = day = 0
        if g["iy"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["cy"]:
            year, month, day = int(g["cy"]), int(g["cm"]), int(g["cd"])
        elif g["na"]:
            iso, impossible, ambiguous, order = _numeric(g, lang)
            found.append(DateMatch(match.start(), match.end(), iso, impossible, ambiguous, order))
            pos = match.end()
            continue
        else:
            word, digits_day, digits_year = (
                (g["dm"], g["dd"], g["dy"]) if g["dd"] else (g["mm"], g["md"], g["my"])
            )
            solar = _SOLAR_MONTHS.get(word.translate(_PERSIAN_LETTERS))
            number = _month(word, lang) if solar is None else solar
            if number is None:  # not a month: the next date may start inside this match
                pos = match.start() + 1
                continue
            year, month, day = int(digits_year), number, int(digits_day)
        iso, impossible = _check(year, month, day)
        found.append(DateMatch(match.start(), match.end(), iso, impossible, ambiguous, order))
        pos = match.end()
    return found


# Weekday names in the languages of the label tables (Persian writes "Tuesday" as two joined
# words, with or without a ZWNJ).
_WEEKDAYS = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag"
    r"|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes"
    r"|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato"
    r"|domenica|segunda|terça|quarta|quinta|sexta|maandag|dinsdag|woensdag|donderdag|vrijdag"
    r"|zaterdag|zondag|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag"
    r"|söndag|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|pazartesi|salı"
    r"|çarşamba|perşembe|cuma|cumartesi|pazar|(?:یک|دو|سه|چهار|پنج)?[\u200c\s]?شنبه|جمعه"
    r"|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"
)
# Persian "updated" (به‌روزرسانی), written with a ZWNJ, a space or nothing between its parts.
_FA_UPDATE = r"به[\u200c\s]?روز[\u200c\s]?رسانی|بروزرسانی"
# Publication and update labels by language, written from general knowledge of each language
# (dateparser has no such words): a labelled date says what it is, and an update is not the
# publication. "As of" labels ("Stand", "as of") name the version shown: read as published.
_PUBLISHED_WORDS = {
    "en": r"published|posted|first\s+published|originally\s+published|released|created"
    r"|publication\s+date|date\s+published|written|entry|as\s+of",
    "de": r"veröffentlicht|erstveröffentlich\w*|publiziert|erschienen|erstellt|geschrieben"
    r"|eingestellt|stand|eintrag"
    r"|erscheinungsdatum|veröffentlichungsdatum|publikationsdatum|datum\s+der\s+veröffentlichung",
    "fr": r"publié|publiée|posté|mis\s+en\s+ligne|paru|date\s+de\s+publication",
    "es": r"publicado|publicada|fecha\s+de\s+publicación",
    "pt": r"publicado|publicada|postado|data\s+de\s+publicação",
    "it": r"pubblicato|pubblicata|data\s+di\s+pubblicazione",
    "nl": r"gepubliceerd|geplaatst|publicatiedatum",
    "sv": r"publicerad|publicerat|publiceringsdatum",
    "no": r"publisert|publiseringsdato",
    "da": r"publiceret|udgivet|offentliggjort",
    "fi": r"julkaistu",
    "pl": r"opublikowano|opublikowany|opublikowana|data\s+publikacji|dodano",
    "cs": r"publikováno|zveřejněno|vloženo",
    "tr": r"yayınlanma(?:\s+tarihi)?|yayınlandı|yayımlanma|yayın\s+tarihi|eklenme(?:\s+tarihi)?"
    r"|oluşturulma(?:\s+tarihi)?|giriş(?:\s+tarihi)?",
    "ro": r"publicat",
    "ru": r"опубликовано|дата\s+публикации",
    "uk": r"опубліковано",
    "zh": r"发布|发稿|公開|投稿",
    "fa": r"ارسال\s+شده|منتشر\s+شده|انتشار",
    "ar": r"نشر|النشر|بتاريخ",
}
_UPDATED_WORDS = {
    "en": r"updated|(?:last\s+)?update|last\s+modified|modified|edited|revised|last\s+reviewed",
    "de": r"aktualisiert|zuletzt|geändert|aktualisierung|letzte\s+änderung|bearbeitet|editiert",
    "fr": r"mis\s+à\s+jour|modifié|actualisé",
    "es": r"actualizado|actualizada|actualización|modificado",
    "pt": r"atualizado|atualizada|atualização|modificado",
    "it": r"aggiornato|aggiornata|aggiornamento|modificato|modifica",
    "nl": r"bijgewerkt|gewijzigd",
    "sv": r"uppdaterad|uppdaterat|ändrad",
    "no": r"oppdatert|endret",
    "da": r"opdateret|ændret",
    "fi": r"päivitetty",
    "pl": r"aktualizacja|zaktualizowano|zmieniono",
    "cs": r"aktualizováno|upraveno",
    "tr": r"güncelleme|güncellendi|güncellenme",
    "ro": r"actualizat",
    "ru": r"обновлено",
    "uk": r"оновлено",
    "zh": r"更新",
    "fa": rf"{_FA_UPDATE}|به[\u200c\s]?روز[\u200c\s]?شده|(?:آخرین\s+)?ویرایش",
    "ar": r"تحديث",
}
# What a date line may hold besides its date, in the languages of the corpus and their
# neighbours: labels, weekdays, times, zones, reading time, comment counts, separators.
_LABELS = (
    r"published|updated|last\s+updated|posted|posted\s+on|date|dated|first\s+published|on|at"
    r"|modified|last\s+modified|created|released|written|filed|uploaded|edited|reviewed|and"
    r"|veröffentlicht|aktualisiert|zuletzt|geändert|bearbeitet|erstellt|stand|datum|am|um|uhr"
    r"|vom|von"
    r"|erschienen|publiziert|letzte\s+änderung|aktualisierung|veröffentlichung"
    r"|publié|mis\s+à\s+jour|modifié|le|à|par|en|ligne|créé"
    r"|publicado|actualizado|atualizado|el|a\s+las|por|de|del|fecha|em|às|pubblicato"
    r"|aggiornato|il|alle|di|da|gepubliceerd|bijgewerkt|op|om|door|julkaistu|päivitetty"
    r"|by|in|news|blog|article|posted\s+in|tags?|category|categories|comments?|filed\s+under"
    r"|author|autor|geschrieben|gespeichert|eingestellt|kategorien?|abgelegt\s+unter|schlagwörter"
    r"|(?:post|leave|add)\s+a\s+comment|(?:schreibe|hinterlasse)\s+einen\s+kommentar"
    r"|laisser\s+un\s+commentaire|deja\s+un\s+comentario|lascia\s+un\s+commento"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
    r"|segunda|terça|quarta|quinta|sexta|feira|maandag|dinsdag|woensdag|donderdag|vrijdag"
    r"|zaterdag|zondag|gestern|yesterday"
    # the labels of the tables above, in every language they list
    rf"|{'|'.join(_PUBLISHED_WORDS.values())}|{'|'.join(_UPDATED_WORDS.values())}"
    # Scandinavian, Finnish, Polish, Turkish, Czech weekdays; "kl."/"klo"/"saat"/"godz." (at)
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag|söndag"
    r"|maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai|maanantaina"
    r"|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela"
    r"|pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar"
    r"|pondělí|úterý|středa|čtvrtek|pátek|sobota|neděle"
    r"|kl|klo|klockan|klokken|saat|godz|den|dnia|dne|tarihinde|tarihi|ore|r"
    # a toolbar beside the date: share, print, PDF, e-mail, in the same languages
    r"|share|print|e-?mail|tweet|pdf|download|feedback|permalink|teilen|drucken|merken"
    r"|partager|imprimer|compartir|imprimir|condividi|stampa|delen|dela|del|paylaş|udostępnij"
    # Persian and Arabic: posted, published, publication date, last update, in, at (hour), by;
    # the weekdays (Persian writes "Tuesday" as two joined words, with or without a ZWNJ)
    rf"|ارسال\s+شده|منتشر\s+شده|(?:تاریخ\s+)?انتشار|(?:آخرین\s+)?{_FA_UPDATE}|تاریخ|ساعت|در|توسط"
    r"|نویسنده|(?:تاريخ\s+)?النشر|نشر(?:\s+في)?|بتاريخ|(?:آخر\s+)?تحديث|في|الساعة|بواسطة"
    r"|(?:یک|دو|سه|چهار|پنج)?[\u200c\s]?شنبه|جمعه"
    r"|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"
)
_NOISE = re.compile(
    rf"(?<!\w)(?:{_LABELS})(?!\w)"
    # times: 8:03 am, 13h36, 16.15 Uhr, 02.00, T14:15:00Z, +01:00
    r"|(?<!\w)T?\d{1,2}(?:[:h]\d{2}|\.\d{2}(?!\.\d))(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?(?!\w)"
    r"|(?<!\w)\d{1,2}\s*[ap]\.?m\.?(?!\w)"
    # reading time and counts: 8 min read, Lesezeit: 3 Min., 2 responses, 12 Kommentare
    r"|(?<!\w)\d+\s*(?:min(?:ute)?s?|minuten|mn|minutos|minuti)\.?(?:\s+(?:read|lesen|lectura"
    r"|de\s+lecture|lettura|leestijd))?(?!\w)"
    r"|(?<!\w)(?:reading\s+time|lesezeit|temps\s+de\s+lecture|lectura)(?!\w)"
    r"|(?<!\w)\d+\s+(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?"
    r"|reactions?|views|aufrufe|(?:x\s+)?gelesen|reads|hits|klicks)(?!\w)"
    r"|(?<!\w)(?:GMT|UTC|[A-Z]{1,3}[SD]T|[ECMP]T|CES?T|MES?Z|BST|IST|JST|KST|HKT|SGT|WIB)"
    r"(?:\s?[+-]\d{1,2}(?::?\d{2})?)?(?!\w)"  # GMT+1, UTC-05:00
    rf"|(?<!\w)(?:{_AGO})(?!\w)"
    # CJK labels: 发稿时间, 发布时间, 来源 (a source name follows), 更新, 作者, 編集
    r"|发稿时间|发布时间|发布日期|时间|日期|来源|更新|作者|编辑|责任编辑|公開日|更新日|投稿日"
    r"|[|•·,;:()\[\]/\\\-–—…*~＃#：｜，]",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\s(?:share|teilen|partager|compartir|compartilhar|condividi|delen|dela|del|paylaş"
    r"|udostępnij)(?:\s+(?:this|on|with|via|auf|sur|en|su|op|på)\b|\s*:|\s*$)",
    re.IGNORECASE,
)
# A quoted social post signs off "— Name (@handle) March 2, 2021": never the article's date.
_SOCIAL = re.compile(r"\(@\w+\)|^\s*[—–]|\bpic\.twitter\.com/")
# What each of its branches holds: most lines have none, and looking for these costs a sixth of
# the pattern's search (~2.5 µs a header line).
_SOCIAL_MARKS = ("(@", "—", "–", "pic.twitter.com/")
_PUBLISHED = re.compile(r"(?<!\w)(?:" + "|".join(_PUBLISHED_WORDS.values()) + ")", re.IGNORECASE)
_UPDATED = re.compile(r"(?<!\w)(?:" + "|".join(_UPDATED_WORDS.values()) + r")(?!\w)", re.IGNORECASE)
_ANY_LABEL = re.compile(f"{_PUBLISHED.pattern}|{_UPDATED.pattern}", re.IGNORECASE)
_DASH = re.compile(r"\s*[-–—]\s*")
_RANGE = re.compile(r"\d{1,2}\.?\s*(?:[-–—]|bis|to|au|al)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"\s*(?:by|par|por|von|di|door|av|af)\s", re.IGNORECASE)
# A label glued to the name after it ("vonChris Jung", "byMobasir"): a page lost a space.
_GLUED = re.compile(r"(?<![^\W\d_])(?:by|von|par|por|door)(?=[A-ZÄÖÜÉ])")
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MAX_LINE = 200
_MAX_NAME_WORDS = 6
_MAX_SEGMENT_WORDS = 8
# Strong separators between the parts of a header line; "/" only between spaces ("Dec. 6, 2024,
# 10:00 PM UTC / Updated ...": a slash inside a date is part of it).
_SEGMENT = re.compile(r"\s*(?:[|•·｜]|\s[-–—/]\s)\s*")
# A record's field ("ISBN: ...", "Registriert: 18.09.2008", "Erscheinungsdatum: ..."): a word
# before a colon that the noise did not take for a label is not the article's date.
_LEAD_FIELD = re.compile(r"\s*(?P<word>[^\W\d_]{3,})\s*[:：]\s+\D")
_CREDIT_LABEL = re.compile(
    r"text|texte|texto|testo|tekst|foto|fotos|photo|photos|bild|bilder|quelle|source|fuente"
    r"|fonte|bron|credit|credits|redaktion|rédaction|redacción|redazione|redactie|redaksjon"
    r"|von|by|par|por|di|door|av|af|autorin|autoren|auteur|autore|auteurs|writer|reporter",
    re.IGNORECASE,
)
_FIELD = re.compile(r"(?P<word>[^\W\d_]{3,})\s*[:：]\s*$")
# A headline naming the day of what it reports: "Minutes of the board meeting of 10 May 2021",
# "Protokoll der Sitzung vom ...": three words or more, one in lower case (a name has none),
# then "of"; not after a byline's "by" ("Von Jane Roe vom 3. März 2021").
_NAMED_DAY = re.compile(
    r"(?:[^\W\d_][\w'’-]*[\s,]+){3,}(?:of|vom|du|del|della|dello|van|från|z)\s+$",
    re.IGNORECASE,
)

# What makes a written date not the article's: its end or start ("gültig bis", "valid until",
# "offer ends", "available until", "Mitglied seit"), a copyright or a price's date ("Preis vom"),
# a deadline. ("Today" is no sign: news sites print "Dzisiaj, 02-11-2023 13:29".) Read
# just before a date, back to the date before it; "bis"/"until" just after it makes a range.
_NOT_PUBLISHED = re.compile(
    r"(?<!\w)(?:bis|until|till|through|thru|ab|from|since|seit|jusqu['’]?\s*(?:au|à)"
    r"|à\s+partir\s+du|hasta|desde|fino\s+al|a\s+partire\s+dal|até|tot|vanaf|t/m|inntil"
    r"|fram\s+till|kadar|valid|gültig|gilt|expires?|expiry|expiration|ends?|endet|läuft"
    r"|available|verfügbar|disponible|disponibile|deadline|frist|closing|einsendeschluss"
    r"|anmeldeschluss|bewerbungsschluss|date\s+limite|fecha\s+límite|scadenza|geldig"
    r"|giltig|gyldig|ważn[ey]|son\s+gün"
    r"|preis|price|prix|precio|prezzo|preço|prijs"
    # an event's day: "Veranstaltung am 12.03.2022", "Webinar on March 3, 2021"
    r"|event|veranstaltung|termin|konzert|vorstellung|aufführung|webinar|seminar|workshop"
    r"|konferenz|conference|kongress|messe|festival|anpfiff|einlass|kickoff|kick-off"
    r"|événement|spectacle|concert|evento|espectáculo|concierto|spettacolo|concerto"
    r"|evenement|voorstelling|evenemang|arrangement|etkinlik|wydarzenie)"
    r"(?:\s+(?:the|den|dem|zum|le|el|il|al|au|am|vom|on|of|de|del|do|da))?\s*[:,.]?\s*$",
    re.IGNORECASE,
)
# (A long alternation tried at every position: searched only over the last characters before
# the date, where the word it needs must end.)
_NOT_PUBLISHED_REACH = 48
_NOT_PUBLISHED_CHROME = re.compile(
    r"©|\(c\)|(?<!\w)copyright(?!\w)"
    # The day of the visit in the site's chrome: "Today: Tuesday, …", "Heute ist Dienstag, …",
    # "امروز سه‌شنبه …". ("Dzisiaj, 02-11-2023 13:29" with neither is a news site's article date.)
    r"|(?<!\w)(?:today|heute|aujourd['’]hui|hoy|oggi|hoje|vandaag|idag|i\s+dag|bugün|dziś"
    rf"|dzisiaj|tänään|امروز|اليوم)(?:\s*:|\s+(?:is|ist|est|es|è|é|is|är|er|jest|است)(?!\w)"
    rf"|[\s,]+(?:{_WEEKDAYS}))",
    re.IGNORECASE,
)


def _not_published(line: str, start: int, end: int) -> bool:
    """Whether the text just before a date says it is not the publication's day."""
    return bool(
        _NOT_PUBLISHED.search(line, max(start, end - _NOT_PUBLISHED_REACH), end)
        or _NOT_PUBLISHED_CHROME.search(line, start, end)
    )


# An hour of the clock: "13:15", "13.15 Uhr", "10h", "7 pm" (a bare number is no hour: "2
# Kommentare").
_CLOCK = (
    r"\d{1,2}(?:[:.h]\d{2}\s*(?:uhr|h|hs|[ap]\.?\s?m\.?)?|\s*(?:uhr|h|hs|[ap]\.?\s?m\.?)(?!\w))"
)
_TIME_RANGE = re.compile(
    rf"(?<![\d.:]){_CLOCK}\s*(?:[-–—]|(?:bis|to|until|à|au|a|al|alle|tot|till?)\s)\s*{_CLOCK}",
    re.IGNORECASE,
)
_UNTIL_AFTER = re.compile(
    r"\s*(?:bis|until|till|to|through|jusqu|au|hasta|al|fino|até|a|tot|t/m|till|til|do)\s+\S*\d",
    re.IGNORECASE,
)


def _leftover_ok(rest: str) -> bool:
    """What is left of a date's segment without its dates and noise: nothing, or a name."""
    words = rest.split()
    if len(words) <= 1:
        return len(_CJK.findall(rest)) <= 12  # a source name: "来源：网易科学人"
    # "Jane Roe", "Le Monde", "GILLIAN MOHNEY", "人民日报": words not in lower case read as a
    # name, bar one (a user name: "by admin"); a sentence has more ("On March 3, 2021, the
    # council voted").
    lower = sum(w[0].islower() for w in words)
    return len(words) <= _MAX_NAME_WORDS and lower <= 1


def _other_ok(segment: str) -> bool:
    """A segment beside the date's: a byline, a section, a source: short, not a sentence."""
    words = len(segment.split())
    byline = _BYLINE.match(segment) is not None  # "Par Jane Roe (avec John Doe et Ann Poe)"
    if words > (2 * _MAX_SEGMENT_WORDS if byline else _MAX_SEGMENT_WORDS):
        return False
    if words <= 2 and not byline:
        return True
    # (Its times and labels aside: "6 May 2022 - 2:00 a. m." ends in a stop, not a sentence.)
    return not SENTENCE_END.search(_NOISE.sub(" ", segment))


def _date_line_dates(line: str, lang: str | None) -> tuple[DateMatch, ...]:
    """The dates of a date line, or none when the line is not one."""
    if len(line) > _MAX_LINE:
        return ()  # a paragraph (not kept in the cache below)
    return _short_date_line_dates(line, lang)


# Asked of the same header lines by the headline chooser, the segmentation and the date
# reader: cached (a tuple, so that no caller can change what the next one gets). Only short
# lines are kept: the paragraphs asked about would push out the header lines asked again.
@lru_cache(maxsize=16384)
def _short_date_line_dates(line: str, lang: str | None) -> tuple[DateMatch, ...]:
    if any(mark in line for mark in _SOCIAL_MARKS) and _SOCIAL.search(line):
        return ()
    found = find_dates(line, lang)
    if not found:
        return ()
    # A table's row: a cell, a tab, then the date ("Founded\tFebruary 28, 1998", an infobox's
    # field, a discography's year): the date of what the row names, unless the cell is a
    # publication or date label ("Published\t3 March 2021"), a byline or a name ("Jane Roe\t3
    # March 2021": two words or more, each capitalized, where a field's name has one or lower
    # case after its first word, "Date of birth").
    tab = line.rfind("\t", 0, found[0].start)
    cell = line[:tab].strip(" \t|:") if tab != -1 else ""
    if cell and not (
        _ANY_LABEL.search(cell)
        or _DATE_LABEL.fullmatch(cell)
        or _BYLINE.match(cell + " ")
        or (len(words := cell.split()) >= 2 and all(w[:1].isupper() for w in words))
    ):
        return ()
    # From one hour to another after the date ("12. Mai 2021, 10:30 Uhr - 16:00 Uhr", "March 3,
    # 2021, 7 pm – 9 pm"): an event's time, where a publication gives one time.
    if _TIME_RANGE.search(line, found[0].end):
        return ()
    # A share toolbar after the last date ends the line ("… Nov 8, 2023 Share with new partner:").
    share = _SHARE.search(line, found[-1].end)
    if share is not None:
        line = line[: share.start()]
    # A date's own context: an expiry, a range, a copyright, a price.
    before = 0
    for i, match in enumerate(found):
        if _not_published(line, before, match.start):
            return ()
        after = found[i + 1].start if i + 1 < len(found) else len(line)
        if _UNTIL_AFTER.match(line[match.end : after]):
            return ()
        # "31. Dezember 2021-06. Januar 2022": two days joined by a dash are a range.
        if i and found[i - 1].iso != match.iso and _DASH.fullmatch(line, before, match.start):
            return ()
        before = match.end
    # Segments between strong separators ("Le Monde | 03.03.2021 à 13h36 • Mis à jour ...")
    # each hold a date and its noise, or something short beside it.
    pos = 0
    for piece in _SEGMENT.split(line):
        start = line.index(piece, pos)
        end = pos = start + len(piece)
        inside = [m for m in found if start <= m.start < end]
        if not inside:
            if not _other_ok(piece):
                return ()
            continue
        # "14. - 20. Januar 2022": a week, not a day; a full date before the dash is the same day
        # in another calendar ("25 Khordad 1400 - 15 June 2021"), or a range when it differs.
        previous = [m for m in found if m.end <= inside[0].start]
        before = previous[-1].end if previous else 0
        if _RANGE.search(line, before, inside[0].start):
            return ()
        if (
            previous
            and previous[-1].iso != inside[0].iso
            and _DASH.fullmatch(line, before, inside[0].start)
        ):
            return ()
        named = _NAMED_DAY.search(line, start, inside[0].start)
        if (
            named
            and not _BYLINE.match(line, start)
            and any(w[0].islower() for w in named[0].split())
        ):
            return ()
        field = _FIELD.search(line, start, inside[0].start)
        # The field's name may be the last word of a longer label ("Last update:"), which the
        # noise takes as a whole.
        if field and _NOISE.sub(" ", line[start : field.end("word")]).split()[-1:] == [
            field["word"]
        ]:
            return ()
        # A title with a colon before the date ("Ergebnisse: RM Schülerinnen A, Aalen, 19.5.2007",
        # "Termin: Sommerfest, 3. März 2021"): an event's day. A byline's or credit's label
        # ("Text: Jane Roe, 3. März 2021") and the noise's labels ("Autor:") are not titles.
        head = _LEAD_FIELD.match(line, start, inside[0].start)
        if (
            head
            and _NOISE.sub(" ", head["word"]).strip()
            and not _CREDIT_LABEL.fullmatch(head["word"])
        ):
            return ()
        parts, at = [], start
        for match in inside:
            parts.append(line[at : match.start])
            at = match.end
        parts.append(line[at:end])
        # (A hyphenated name is one word: "von revamp-it Webteam".)
        rest = _HYPHEN.sub("_", _GLUED.sub(" ", " ".join(parts)))
        if not _leftover_ok(_NOISE.sub(" ", rest)):
            return ()
    return tuple(found)


def is_date_line(line: str, lang: str | None) -> bool:
    """Whether a line is a date with only labels, weekday, time, zone, or a name around it."""
    return bool(_date_line_dates(line, lang))


@dataclass(frozen=True)
class PublicationDate:
    """The seed's publication date and where it came from."""

    date: str | None
    """ISO publication date, None when the seed shows none for sure."""
    updated: str | None
    """ISO date of a labelled update ("Updated", "Mis à jour"), when written."""
    line: int | None
    """Index in ``lines`` of the line the date came from."""
    warnings: tuple[str, ...]
    """Why a date written in the header was not taken; lines are numbered from 1."""


# A dateline opening the first paragraph: "WASHINGTON, March 3, 2021 (Reuters) -".
_DATELINE_REACH = 80
# The heading of a list of other articles ("Related", "Lire aussi", "相关新闻"): their dates
# are not this one's, and inside the body it heads a box of links (``clean``'s related-box).
RELATED_HEADING = (
    r"related(?: articles?| stories| posts| news| content| coverage| reading| links)?"
    r"|read\s+(?:more|also|next)|more\s+(?:from|on|stories)|see\s+also|also\s+read|recommended"
    r"|further\s+reading|don'?t\s+miss|more\s+on\s+this\s+(?:story|topic)"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might|will|could)\s+(?:also\s+)?"
    r"(?:like|enjoy|be\s+interested\s+in)"
    r"|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|das\s+könnte\s+sie|weitere\s+artikel"
    r"|verwandte|ähnliche|lesenswert|auch\s+interessant|empfehlungen|weiterlesen|voir\s+aussi"
    r"|(?:à\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet|(?:noticias\s+|artículos\s+)?relacionad[oa]s"
    r"|ver\s+también|te\s+puede\s+interesar|leggi\s+anche|articoli\s+correlati|leia\s+também"
    r"|関連記事|相关(?:文章|新闻|阅读)?|推荐阅读|延伸阅读"
    "|(?:اخبار|خبرهای|مطالب|مقالات) مرتبط|بیشتر بخوانید|(?:أخبار|مقالات|مواضيع) ذات صلة"
    "|اقرأ (?:أيضا|أيضاً)"
)
# Lists of the site's other posts, whose dates are theirs ("Most Recent Post", "Featured",
# "Neueste Beiträge", "Articles récents"), under the article: a bare date below one is another
# post's. (Above the article "Top News" and "Latest News" are sections, not lists.)
_OTHER_POSTS = (
    r"(?:most\s+)?(?:recent|latest|popular|featured|top)(?:\s+(?:posts?|articles?|stories|news))?"
    r"|(?:neueste|aktuelle|beliebte)\s+(?:beiträge|artikel|nachrichten)|meistgelesen"
    r"|articles?\s+(?:récents|populaires)|derniers\s+articles"
    r"|(?:entradas|artículos|noticias)\s+(?:recientes|populares)|lo\s+más\s+leído"
    r"|(?:articoli|post)\s+(?:recenti|popolari)|(?:posts|artigos)\s+(?:recentes|populares)"
    r"|(?:recente|populaire)\s+(?:berichten|artikelen)|senaste\s+(?:inläggen|nytt)"
    r"|siste\s+(?:innlegg|nytt)|seneste\s+indlæg|najnowsze(?:\s+wpisy)?|son\s+yazılar"
)
_RELATED = re.compile(rf"\s*(?:{RELATED_HEADING})[\w\s:]{{0,30}}$", re.IGNORECASE)
_OTHER_POSTS_HEADING = re.compile(rf"\s*(?:{_OTHER_POSTS})\s*:?\s*$", re.IGNORECASE)
# A place, maybe with its state or country ("AUSTIN, Texas, "), then the date.
_PLACE = re.compile(r"(?:[^\W\d_][\w.'’ -]{0,40}?(?:,\s*[^\W\d_][\w.'’ -]{0,25}?)?,\s*\(?)?")
_DATELINE_LABEL = re.compile(
    r"\s*(?:press(?:emitteilung|emeldung|einformation)|medienmitteilung|press\s+release"
    r"|communiqué(?:\s+de\s+presse)?|nota\s+de\s+prensa|comunicado(?:\s+de\s+imprensa)?"
    r"|comunicato(?:\s+stampa)?|persbericht|pressmeddelande|pressemelding|pressemeddelelse"
    r"|tiedote|komunikat(?:\s+prasowy)?|basın\s+bülteni"
    rf"|{'|'.join(_PUBLISHED_WORDS[lang] for lang in ('en', 'de', 'fr', 'es', 'pt', 'it', 'nl'))})"
    r"(?:\s+(?:vom|of|du|del|dated|from|on|am|le|el|il|em|op|dd\.?|z\s+dnia))?\s*:?\s*",
    re.IGNORECASE,
)
_BREAK = re.compile(
    r"\)?\s*(?:,?\s*T?\d{1,2}[:.h]\d{2}(?:\s*(?:[Uu]hr|[ap]\.?m\.?))?)?(?:\s*[A-Z]{2,4}T)?"
    # an agency in brackets or between slashes ("(Reuters)", "/PRNewswire/"), then the break
    # (a dash, a stop, a quote, or the first word glued to the time: "15:30 UhrAm Samstag")
    r"\s*(?:\([^()]{1,30}\)\s*|/[^\W\d][\w .&-]{1,30}/\s*)?"
    r"(?:--|[-–—.:|]|\s(?=[„\"“«])|(?<=[^\W\d_])(?=[A-ZÄÖÜ]))"
)
_MAX_HEADER = 40
_PROSE_LINES = 5
_PROSE_WORDS = 16
_CJK_PROSE = 40


def _is_prose(text: str) -> bool:
    """A line that reads like a paragraph: long, or a sentence of some length."""
    # (Split at most into the sixteen words the test needs: most lines are long paragraphs,
    # and splitting them whole was a third of the date reading.)
    words = len(text.split(maxsplit=_PROSE_WORDS - 1))
    return (
        words >= _PROSE_WORDS
        or (words >= 8 and SENTENCE_END.search(text) is not None)
        or len(_CJK.findall(text)) >= _CJK_PROSE
    )


def _window(
    lines: Sequence[str], title: int | None, body: int | None
) -> tuple[range, dict[int, bool]]:
    """The header and just after it: the lines before the sixth paragraph-like line (the
    headline, a standfirst, captions and teasers may read as prose), or before the second
    paragraph after the caller's first one. With it, which lines were found to be prose."""
    seen = 0
    first = body if body is not None else 0
    limit = 2 if body is not None else _PROSE_LINES + 1
    prose: dict[int, bool] = {}
    for index in range(first, min(len(lines), _MAX_HEADER)):
        if index == title:
            continue
        prose[index] = _is_prose(lines[index])
        if prose[index]:
            seen += 1
            if seen == limit:
                return range(index), prose
    return range(min(len(lines), _MAX_HEADER)), prose


def _numeric_order(lines: Sequence[str]) -> str | None:
    """``"dmy"`` or ``"mdy"`` when the seed's numeric dates with a 13+ number settle the order."""
    orders = set()
    for first, _, second in _NUMERIC.findall(_ascii_digits("\n".join(lines))):
        if int(first) > 12 >= int(second):
            orders.add("dmy")
        elif int(second) > 12 >= int(first):
            orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


# Letters of languages that write the day first, whichever separator they use, and that the
# language guesser does not name: Vietnamese, Turkish, Polish, Czech, Romanian, the Nordic
# languages, Greek and Cyrillic. (English never holds them in number.)
_DAY_FIRST_LETTER = re.compile(  # (on lower case: "ı" would match "i" ignoring case)
    "[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹşğıłąęśżźńřěůșțăåøæ"
    "\u0370-\u03ff\u0400-\u04ff]",
)
_DAY_FIRST_SAMPLE = 3000
_DAY_FIRST_MIN = 20


def _day_first_letters(lines: Sequence[str]) -> bool:
    """Whether the seed is written in a language that puts the day first (its letters say)."""
    sample = "\n".join(lines)[:_DAY_FIRST_SAMPLE].lower()
    return len(_DAY_FIRST_LETTER.findall(sample)) >= _DAY_FIRST_MIN


def _dateline_dates(paragraph: str, lang: str | None) -> list[DateMatch]:
    """The date of a dateline opening a paragraph, else nothing."""
    found = find_dates(paragraph[:_DATELINE_REACH], lang)
    if not found:
        return []
    first = found[0]
    # Only a place before the date ("WASHINGTON, ", "Iran, "), then a break after it: a dash,
    # a stop, an agency, a quote ("31. Oktober 2023. Dragqueens ...", "27.1.2022 - Bei ...").
    # "On March 3, 2021, the council voted" has a word before and a comma after: a sentence.
    if _PLACE.fullmatch(paragraph, 0, first.start) and _BREAK.match(paragraph, first.end):
        return [first]
    # A date glued to the paragraph's first word, after a place or a short label ("Red. /
    # 31.10.2023 Die ehemalige …"): a dateline that lost its dash.
    if (
        (
            _PLACE.fullmatch(paragraph, 0, first.start)
            or _LEADING.fullmatch(paragraph, 0, first.start)
        )
        and _CAPITAL_AFTER.match(paragraph, first.end)
        and not _CREDIT.search(paragraph)
    ):
        return [first]
    # A release's label before it: "Pressemitteilung vom 25. Januar 2022 | Berlin – …".
    if _DATELINE_LABEL.fullmatch(paragraph, 0, first.start) and _BREAK.match(paragraph, first.end):
        return [first]
    # The date in brackets, after a place or alone: "(21. November 2022) Energieverbraucher …".
    if (
        paragraph[first.start - 1 : first.start] == "("
        and paragraph.startswith(")", first.end)
        and _PLACE.fullmatch(paragraph, 0, first.start - 1)
    ):
        return [first]
    return []


# A date opening a line, after at most a word of label or a weekday ("Serie", "Red. /",
# "Mittwoch,"), then a capitalized word: the rest is the title or the tags printed beside it.
_LEADING = re.compile(r"\s*(?:[^\W\d_]{2,12}\.?\s*[/|:,–—-]?\s*)?")
# A photo's credit: the paragraph is its caption ("March 18, 2015 Tunisian security forces …
# Fethi Belaid/AFP/Getty Images"), whose date is the photo's.
_CREDIT = re.compile(
    r"getty\s+images|/\s*(?:afp|ap|reuters|dpa|epa)\b|(?:photo|foto|bild|image)\s*:|©"
    r"|\((?:photo|foto|bild)\b",
    re.IGNORECASE,
)
_CAPITAL_AFTER = re.compile(r"\s+[A-ZÄÖÜÉÈÀÂÎÔÛÇÑÅØÆŁŚŻŹĆ]\w*\s+\w")
_LEADING_BREAK = re.compile(r"\s*(?:\d{1,5}\s+)?[,|–—-]?\s*[^\W\d_]")  # a count may sit between


def _leading_dates(line: str, lang: str | None) -> list[DateMatch]:
    """The date opening a short header line that holds more than a date line may."""
    if len(line) > _MAX_LINE or not _TWO_DIGITS.search(line):
        return []
    found = find_dates(line, lang)
    if len(found) != 1 or not _LEADING.fullmatch(line, 0, found[0].start):
        return []
    if not _LEADING_BREAK.match(line, found[0].end):
        return []
    if _not_published(line, 0, found[0].start) or _NAMED_DAY.search(line, 0, found[0].start):
        return []
    return found


# The end of a sentence, then a date line glued to it: "… What's the secret to its
# recovery?Monday, 6 January 2020" (a standfirst and the date line below it, joined by the page).
# (Not after an ellipsis: "… verabschiedet langjährigen Vorstandsvorsitzenden in den...
# 26.02.2020" is a teaser cut short, then its date.)
_SENTENCE_THEN = re.compile(rf"(?<![.…])[.?!»”\"]\s*(?:(?:{_WEEKDAYS}),?\s*)?$", re.IGNORECASE)


def _trailing_dates(line: str, lang: str | None) -> Sequence[DateMatch]:
    """The date line glued after a header line's last sentence."""
    # (A date line ends in its year or time: the last characters hold two digits. Most lines
    # are refused by that test alone, ~0.2 µs.)
    if len(line) > _MAX_LINE * 2 or not _TWO_DIGITS.search(line, max(0, len(line) - 16)):
        return ()
    found = find_dates(line[-60:], lang)
    if not found:
        return ()
    cut = len(line) - 60 + found[0].start if len(line) > 60 else found[0].start
    head = _SENTENCE_THEN.search(line, 0, cut)
    if head is None or head.start() == 0:
        return ()
    tail = line[head.start() + 1 :]
    dates = _date_line_dates(tail, lang)
    shift = head.start() + 1
    return tuple(replace(m, start=m.start + shift, end=m.end + shift) for m in dates)


def _resolve(match: DateMatch, written: str, order: str | None) -> DateMatch:
    """An ambiguous numeric date read in the order the seed's other dates use."""
    if not match.ambiguous or order is None:
        return match
    first, second, year = _NUMBERS.findall(_ascii_digits(written))[:3]
    day, month = (first, second) if order == "dmy" else (second, first)
    iso, impossible = _check(_year(year), int(month), int(day))
    return DateMatch(match.start, match.end, iso, impossible, False, match.order + order)


# A record's fields around a date line ("ISBN: …", "Verlag: Heyne", "Seiten: 448", "Preis: …"):
# the date is a book's, a product's or a film's release, not the page's.
_RECORD = re.compile(
    r"\s*(?:isbn|issn|ean|verlag|publisher|éditeur|editorial|editore|editora|uitgever|förlag"
    r"|forlag|wydawnictwo|yayınevi|seiten|seitenzahl|pages|páginas|pagine|sidor|sider|stron"
    r"|preis|price|prix|precio|prezzo|preço|format|einband|binding|reliure|laufzeit|runtime"
    r"|durée|duración|regie|director|réalisateur|übersetzer|translator|traducteur)\s*[:：]",
    re.IGNORECASE,
)
_RECORD_REACH = 4


_FIELD_LINE = re.compile(r"\s*[^\W\d_][^\W\d_ ]*(?:\s[^\W\d_]+){0,3}\s*[:：]")


def _in_record(lines: Sequence[str], index: int) -> bool:
    """Whether a date line is a field among a record's fields (a book's ISBN, publisher, pages);
    "Published February 21, 2020" above a film's credits is the review's date."""
    if not _FIELD_LINE.match(lines[index]):
        return False
    around = lines[max(0, index - _RECORD_REACH) : index + _RECORD_REACH + 1]
    return any(_RECORD.match(line) for line in around)


def _hours_below(lines: Sequence[str], index: int) -> bool:
    """Whether the line below a date opens with one hour to another ("13:00 – 13:15 Uhr
    Eintreffen"): the date heads a day's programme."""
    return index + 1 < len(lines) and _TIME_RANGE.match(lines[index + 1].lstrip()) is not None


def _caption_below(lines: Sequence[str], index: int) -> bool:
    """Whether the line below a date line is the same text with a photo's credit ("Topside
    Installation 28.04.2014", then "Topside Installation 28.04.2014 © E.ON"): an image's alt
    text above its caption, and the date is the photo's."""
    if index + 1 >= len(lines):
        return False
    line, below = lines[index].strip(), lines[index + 1]
    return (
        len(below) > len(line) > 0
        and below.lstrip().startswith(line)
        and _CREDIT.search(below, len(line)) is not None
    )


# A date line ending in a colon heads what follows: a conclusion, an addendum, a day's note
# ("Fazit am 15.06.2006:", "Nachtrag vom 3. März 2021:", "Update 3 March 2021:").
_NOTE_END = re.compile(r"\s*[:：]\s*$")


def _heads_a_note(line: str, dates: Sequence[DateMatch]) -> bool:
    """Whether a date line ends in a colon just after its date, unless a publication label
    names it."""
    return (
        _NOTE_END.match(line, dates[-1].end) is not None
        and _PUBLISHED.search(line, 0, dates[0].start) is None
    )


def _candidates(
    lines: Sequence[str], lang: str | None, title: int | None, body: int | None
) -> list[tuple[int, Sequence[DateMatch]]]:
    """The header's date lines and dateline, else a labelled date line further down."""
    # (The window's prose tests are kept: the lines in it are asked again below.)
    window, prose = _window(lines, title, body)
    found: list[tuple[int, Sequence[DateMatch]]] = []
    leading: list[tuple[int, Sequence[DateMatch]]] = []
    seen_prose = False
    stop = window.stop
    for index in window:
        line = lines[index]
        if index == title:
            continue  # a headline may name a day ("Minutes of the meeting of 3 March 2021")
        if _RELATED.match(line):
            stop = index + 1
            break  # what follows is other articles, each with its own date
        is_prose = prose[index] if index in prose else _is_prose(line)
        dates: Sequence[DateMatch] = _date_line_dates(line, lang)
        if not dates and is_prose:
            dates = _dateline_dates(line, lang)
        if not dates:
            dates = _trailing_dates(line, lang)
        if (
            dates
            and not _in_record(lines, index)
            and not _hours_below(lines, index)
            and not _caption_below(lines, index)
            and not _heads_a_note(line, dates)
        ):
            found.append((index, dates))
        elif not dates and not is_prose and not seen_prose:
            leading.extend((index, dates) for dates in [_leading_dates(line, lang)] if dates)
        seen_prose = seen_prose or is_prose
    if found:
        return found
    # A header line the date opens, glued to its title or tags ("1. Februar 2022 Ministerin
    # Berger: …", "Serie 14.03.2021 Stimmen der Stadt"), when it is the header's only one.
    if len(leading) == 1:
        return leading
    # Some pages print "Published: 3 March 2021" under the article: the label says what the
    # date is, where a bare date down there may be a comment's. The first such line and the
    # labelled lines just below it ("Last modified: ...", then "Published: ...").
    # One pass for the cheap tests: most lines down there are paragraphs or have no date.
    dated = [
        i
        for i in range(stop, len(lines))
        if (
            len(lines[i]) <= _MAX_LINE
            or (len(lines[i]) <= _MAX_META_LINE and _ENTRY_META.match(lines[i]))
        )
        and _TWO_DIGITS.search(lines[i])
    ]
    for index in dated:
        dates = _labelled_dates(lines[index], lang) or _entry_meta_dates(lines[index], lang)
        if dates and not _in_record(lines, index):
            found = [(index, dates)]
            for below in range(index + 1, min(index + 1 + _LABELLED_RUN, len(lines))):
                more = _labelled_dates(lines[below], lang)
                if more:
                    found.append((below, more))
            return found
    # A date alone on its line under the article ("15.12.2021"), when it is the only one down
    # there (several are a comment thread's or a list's), not under a related-articles heading
    # (the next article's date), nor beside a comment's "Jane says:" or "Reply".
    if stop < window.stop:
        return []
    bare: list[tuple[int, Sequence[DateMatch]]] = [
        (i, dates)
        for i in dated
        if (dates := _bare_dates(lines[i], lang)) and not _hours_below(lines, i)
    ]
    if (
        len(bare) == 1
        and not any(_COMMENT.search(line) for line in lines[bare[0][0] - 1 : bare[0][0] + 2])
        and not any(_OTHER_POSTS_HEADING.match(line) for line in lines[stop : bare[0][0]])
    ):
        return bare
    return []


_COMMENT = re.compile(
    r"(?<!\w)(?:says|wrote|sagt|schreibt|schrieb|dit|écrit|dice|escribió|diz|scrive|zegt)\s*:\s*$"
    r"|^\s*(?:reply|antworten|répondre|responder|rispondi|beantwoorden|svara)\s*$",
    re.IGNORECASE,
)


def _bare_dates(line: str, lang: str | None) -> list[DateMatch]:
    """The date of a line holding one date and only times, weekdays and punctuation."""
    if len(line) > 60 or not _TWO_DIGITS.search(line):
        return []
    found = find_dates(line, lang)
    if len(found) != 1:
        return []
    rest = line[: found[0].start] + " " + line[found[0].end :]
    return found if not _NOISE.sub(" ", rest).split() else []


_LABELLED_RUN = 3

# The sentence a blog prints under its post about the post itself, in the languages of the label
# tables: "This entry was posted in News on March 3, 2021 by Jane", "Dieser Beitrag wurde am …
# veröffentlicht", "Cet article a été publié le …", and a byline with its day ("Von Jana R. am
# 07.08.2013 um 09:07 Uhr gespeichert unter …"). Its first date is the post's.
_ENTRY_META = re.compile(
    r"\s*(?:this\s+(?:entry|post|article|item|story)\s+was\s+(?:posted|published|written|filed)"
    r"|(?:dieser|der)\s+(?:beitrag|eintrag|artikel|post)\s+wurde"
    r"|(?:erstellt|verfasst|geschrieben|veröffentlicht|eingestellt)\s+am"
    r"|(?:cet|cette)\s+(?:article|entrée|billet)\s+a\s+été\s+(?:publié|posté|écrit|rédigé)"
    r"|(?:esta|este)\s+(?:entrada|artículo|post)\s+(?:fue|ha\s+sido)\s+publicad[oa]"
    r"|(?:esta|este)\s+(?:entrada|artigo|post)\s+foi\s+publicad[oa]"
    r"|quest[oa]\s+(?:articolo|voce|post)\s+(?:è\s+stat[oa]|fu)\s+pubblicat[oa]"
    r"|dit\s+(?:bericht|item|artikel)\s+(?:werd|is)\s+(?:geplaatst|gepubliceerd)"
    r"|(?:detta|det\s+här)\s+inlägg\s+(?:publicerades|postades|skrevs)"
    r"|dette\s+(?:innlegget|indlæg)\s+(?:ble|blev)\s+(?:publisert|udgivet|postet|skrevet)"
    r"|ten\s+wpis\s+(?:został\s+)?opublikowan[yo]|bu\s+(?:yazı|girdi|gönderi)\s"
    # or any sentence a publication label opens: "Created late in the afternoon of Sunday, …"
    r"|(?:created|posted|published|erstellt|veröffentlicht|publié|publicado|publicada"
    r"|pubblicato|gepubliceerd|geplaatst|publicerad|publisert|udgivet|opublikowano|julkaistu"
    r"|yayınlandı)\s"
    r"|(?:von|by|par|por|di|door|av|af)\s+[^\d,;:|]{2,40}?\s+(?:am|on|le|el|il|op|em|den)\s+"
    r"(?=(?:[^\W\d_]+,?\s+)?\d))",
    re.IGNORECASE,
)
_MAX_META_LINE = 400


def _entry_meta_dates(line: str, lang: str | None) -> Sequence[DateMatch]:
    """The first date of a post's own meta sentence under it ("This entry was posted …")."""
    if len(line) > _MAX_META_LINE or not _ENTRY_META.match(line):
        return []
    return find_dates(line, lang)[:1]


# A field named "Date" before the date, alone ("Date 23.05.2011", "Datum: 3. März 2021"): under
# the article it dates the article, as a published label does.
_DATE_LABEL = re.compile(
    r"\s*(?:date|datum|fecha|data|dato|tarih|päivämäärä|تاریخ|التاريخ|日期)\s*[:：]?\s*",
    re.IGNORECASE,
)


# The marks of a post's own footer line, beside its date ("Jane Roe — 2013-09-29 — in Code —
# Permalink", "Filed under News | 3 March 2021"): the post's meta, not a comment's.
_POST_META = re.compile(
    r"(?<!\w)(?:permalink|filed\s+under|posted\s+in|abgelegt\s+unter|kategorien?|categories"
    r"|category|schlagwörter|catégories?|classé\s+dans|categorías?|categorie|etiquetas|tags)(?!\w)",
    re.IGNORECASE,
)


_ANY_MARK = re.compile(
    rf"{_ANY_LABEL.pattern}|{_POST_META.pattern}|^{_DATE_LABEL.pattern}", re.IGNORECASE
)
_TOKEN = re.compile(r"\\.|[^\W\d_]+|.", re.DOTALL)
_LETTERS = re.compile(r"[^\W\d_]+")
_HEAD = 4
_LEADING_NOTHING = re.compile(r"(?:\^|\\s[*+?]?|\(\?<!\\w\)|\s)*")


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source (groups and classes kept whole)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = source.index("]", i + 2)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    return [*out, source[start:]]


def _fold(text: str) -> str:
    """The text case-folded as the patterns' ignore-case matching folds it (Turkish "ı" and
    "İ" are "i" to it)."""
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def _group_end(source: str) -> int:
    """The index of the parenthesis closing the group that opens the source."""
    depth = 0
    for index, char in enumerate(source):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return index
    return len(source)


def _first_words(source: str) -> set[str]:
    """The words a match of the pattern may begin with (an optional group's first word and the
    word after it), for a quick test before the long alternation is searched."""
    words: set[str] = set()
    for alternative in _alternatives(source):
        # Anchors, spaces and lookbehinds match no letter: the alternative starts after them.
        while True:
            bare = _LEADING_NOTHING.match(alternative)
            if bare is None or not bare.group():
                break
            alternative = alternative[bare.end() :]
        if alternative.startswith("("):
            end = _group_end(alternative)
            opening = 3 if alternative.startswith("(?:") else 1
            words |= _first_words(alternative[opening:end])
            if alternative[end + 1 : end + 2] in ("?", "*"):  # an optional group: or after it
                words |= _first_words(alternative[end + 2 :].lstrip("?"))
            continue
        first = next((t for t in _TOKEN.findall(alternative) if not t.startswith("\\")), "")
        if first[:1].isalpha():
            words.add(_fold(first)[:_HEAD])
        elif first:
            words.add("")  # a pattern opening with a sign: no quick test can refuse a line
    return words


# The first letters of every label and mark ("publ", "upda", "veró", "发布", "به"), by length.
_MARK_HEADS = _first_words(_ANY_MARK.pattern)


def _may_be_marked(line: str) -> bool:
    """Whether a line holds a word a label or mark begins with (~3 µs; the marks' alternation
    costs ~100 µs a paragraph)."""
    if "" in _MARK_HEADS:
        return True
    for word in _LETTERS.findall(_fold(line)):
        for size in range(2, _HEAD + 1):
            if word[:size] in _MARK_HEADS:
                return True
    return False


def _labelled_dates(line: str, lang: str | None) -> Sequence[DateMatch]:
    """The dates of a date line whose first date has a published or updated label (or a field
    named Date) before it, or that carries a post's footer marks."""
    if len(line) > _MAX_LINE or not _TWO_DIGITS.search(line):
        return []
    # No prose test: a line with two labelled dates and times counts 16 words
    # ("PUBLISHED: ... at 5:49 p.m. | UPDATED: ... at 6:17 p.m."); sentences are refused as
    # date lines anyway.
    if not _may_be_marked(line) or not _ANY_MARK.search(line):
        return []  # (most lines down there have neither)
    dates = _date_line_dates(line, lang)
    if not dates:
        return []
    label = line[: dates[0].start]
    if _PUBLISHED.search(label) or _UPDATED.search(label) or _DATE_LABEL.fullmatch(label):
        return dates
    if _POST_META.search(line):
        return dates[:1]
    return []
    if _POST_META.search(line):
        found = _date_line_dates(line, lang)
        if found:
            return found[:1]
    if not _ANY_LABEL.search(line):
        if not _DATE_LABEL.match(line):
            return []
        found = _date_line_dates(line, lang)
        return found if found and _DATE_LABEL.fullmatch(line, 0, found[0].start) else []
    # No prose test: a line with two labelled dates and times counts 16 words
    # ("PUBLISHED: ... at 5:49 p.m. | UPDATED: ... at 6:17 p.m."); sentences are refused as
    # date lines anyway.
    dates = _date_line_dates(line, lang)
    if dates and (
        _PUBLISHED.search(line, 0, dates[0].start) or _UPDATED.search(line, 0, dates[0].start)
    ):
        return dates
    return []


def _written_with_dots(
    lines: Sequence[str], candidates: Sequence[tuple[int, Sequence[DateMatch]]]
) -> bool:
    """Whether the seed writes an unsure slashed date again with dots, the same numbers in the
    same order ("06/11/2023" above, "am Montag (06.11.23)" in the text): in a language that
    writes dots, day first."""
    text = _ascii_digits("\n".join(lines))
    for index, found in candidates:
        for match in found:
            if not match.ambiguous or not match.order.startswith("/"):
                continue
            first, second, year = _NUMBERS.findall(
                _ascii_digits(lines[index][match.start : match.end])
            )[:3]
            dotted = rf"(?<![\d.])0?{int(first)}\.0?{int(second)}\.(?:{year}|{year[-2:]})(?!\d)"
            if re.search(dotted, text):
                return True
    return False


_LIST_DATES = 3
_LIST_REACH = 8


def _dated_list(
    lines: Sequence[str], candidates: Sequence[tuple[int, Sequence[DateMatch]]], title: int | None
) -> bool:
    """Whether the header's first dates are a list's: three different days with no paragraph
    between them, the first far below the headline with none there either (a menu's items, a
    sidebar's posts: "12M – 12. Mai 2012", "#15o – 15.10.11", "19.6.11 aufruf")."""
    firsts: list[int] = []
    days: set[str] = set()
    for index, found in candidates:
        if found[0].iso and found[0].iso not in days:
            days.add(found[0].iso)
            firsts.append(index)
    if len(firsts) < _LIST_DATES:
        return False
    top = title + 1 if title is not None else 0
    if firsts[0] - top < _LIST_REACH:
        return False
    return not any(_is_prose(lines[i]) for i in range(top, firsts[_LIST_DATES - 1]))


def _schedule(
    lines: Sequence[str], candidates: Sequence[tuple[int, Sequence[DateMatch]]], lang: str | None
) -> bool:
    """Whether the header's first two dates alone on their lines are following days, the first
    above: a programme's or a schedule's days ("Donnerstag, 03. Februar 2022", the events, then
    "Freitag, 04. Februar 2022"). A page's own date comes above its list of other posts, newest
    first; its update is labelled."""
    days = [
        date.fromisoformat(dates[0].iso)
        for index, _ in candidates
        if (dates := _bare_dates(lines[index], lang)) and dates[0].iso
    ][:2]
    return len(days) == 2 and (days[1] - days[0]).days == 1


def publication_date(
    lines: Sequence[str], lang: str | None, *, title: int | None = None, body: int | None = None
) -> PublicationDate:
    """The publication date of a seed from its header date lines or first-paragraph dateline."""
    candidates = _candidates(lines, lang, title, body)
    if not candidates:
        return PublicationDate(None, None, None, ())
    order = None
    if any(m.ambiguous for _, found in candidates for m in found):
        order = _numeric_order(lines)
        if order is None and lang is None and _day_first_letters(lines):
            order = "dmy"
        if order is None and lang in _DOT_LANGS and _written_with_dots(lines, candidates):
            order = "dmy"
    warnings: list[str] = []
    published: tuple[int, DateMatch] | None = None
    updated: tuple[int, DateMatch] | None = None
    labelled: tuple[int, DateMatch] | None = None
    for index, found in candidates:
        line, pos = lines[index], 0
        for match in found:
            label = line[pos : match.start]
            pos = match.end
            written = line[match.start : match.end]
            match = _resolve(match, written, order)
            if match.impossible:
                warnings.append(f"line {index + 1}: impossible date {written!r}, no date taken")
                return PublicationDate(None, None, None, tuple(warnings))
            if match.iso is None:
                warnings.append(f"line {index + 1}: ambiguous date {written!r}")
                continue
            if not _EARLIEST <= int(match.iso[:4]) <= _LATEST:
                warnings.append(f"line {index + 1}: suspect year in {written!r}, not taken")
                continue
            if _UPDATED.search(label):
                updated = updated or (index, match)
            elif _PUBLISHED.search(label):
                labelled = labelled or (index, match)
            elif published is None or (
                # Several unlabelled dates on the first dated line: created, then modified
                # ("2018-08-29 14:15 2018-06-22 10:20"): the page was published on the earliest.
                published[0] == index and match.iso < (published[1].iso or "")
            ):
                published = (index, match)
    # A page that shows only its update date was published then or before: the update is the
    # best date it gives, unless the header above it names an earlier year ("The best films
    # of 2017 ... Updated Jul 24, 2018"): then it was written long before.
    # A date labelled published beats a later unlabelled one (the site's chrome, the day of a
    # visit or an update): "FIT FOR FUN — 02.01.23", then "Veröffentlicht: 26.12.2022". An
    # earlier unlabelled one stays ("04. Februar 2022", then an embedded "Posted … February 7").
    if labelled is None and published is not None and _dated_list(lines, candidates, title):
        warnings.append(
            f"line {published[0] + 1}: a list of dates far below the headline (a menu, a sidebar),"
            " no date taken"
        )
        return PublicationDate(None, None, None, tuple(warnings))
    if labelled is None and published is not None and _schedule(lines, candidates, lang):
        warnings.append(
            f"line {published[0] + 1}: dates on following days below one another (a programme),"
            " no date taken"
        )
        return PublicationDate(None, None, None, tuple(warnings))
    chosen = published
    if labelled is not None and (
        published is None or (labelled[1].iso or "") < (published[1].iso or "")
    ):
        chosen = labelled
    if chosen is None and updated is not None:
        year = int(updated[1].iso[:4]) if updated[1].iso else 0
        header = lines[title : title + 1] if title is not None else lines[: min(updated[0], 5)]
        above = _YEAR.findall("\n".join(header))
        chosen = None if any(int(y) < year for y in above) else updated
    if chosen is None:
        return PublicationDate(None, updated[1].iso if updated else None, None, tuple(warnings))
    return PublicationDate(
        chosen[1].iso, updated[1].iso if updated else None, chosen[0], tuple(warnings)
    )
