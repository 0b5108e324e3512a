"""Tests for seedsite.dates: written dates, date lines, and the publication date of a seed."""

from __future__ import annotations

import pytest
from seedsite.dates import find_dates, is_date_line, publication_date


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("Mar. 3, 2021 8:03 am ET", "en", "2021-03-03"),
        ("Published 3 March 2021", "en", "2021-03-03"),
        ("March 3rd, 2021", "en", "2021-03-03"),
        ("Sept. 19, 2018", "en", "2018-09-19"),
        ("22 Dec, 2016", "en", "2016-12-22"),  # a comma between month and year
        ("03.03.2021, 16:15", "de", "2021-03-03"),
        ("3/3/2021", "en", "2021-03-03"),  # day equals month: no order to decide
        ("2021-03-03T14:15:00Z", None, "2021-03-03"),  # the day as written, no zone shift
        ("2021/03/04", None, "2021-03-04"),  # year first is always year-month-day
        ("3 mars 2021 à 07:19", "fr", "2021-03-03"),
        ("3 de marzo de 2021", "es", "2021-03-03"),
        ("21.dez.2018 às 12h55", "pt", "2018-12-21"),  # abbreviated month between dots
        ("2021年3月3日", "zh", "2021-03-03"),
        ("2021년 3월 3일", "ko", "2021-03-03"),
        ("3. März 2021", "de", "2021-03-03"),
        ("3. März 2021", None, "2021-03-03"),  # a full month name needs no language hint
        ("03.03.21", "de", "2021-03-03"),  # two-digit year: this century
        ("25/12/2020", "en", "2020-12-25"),  # 25 cannot be a month: day first
        ("12/25/2020", "en", "2020-12-25"),  # 25 cannot be a month: month first
        ("04.03.2021", "de", "2021-03-04"),  # German writes day first
        ("۲۸ شهریور ۱۳۹۷", "fa", "2018-09-19"),  # Solar Hijri, Persian digits
        ("1397/06/28", "fa", "2018-09-19"),  # Solar Hijri, numeric
        ("1. listopadu 2021", "cs", "2021-11-01"),  # a month name dateparser knows
        ("۱۵ ژوئن ۲۰۲۱", "fa", "2021-06-15"),  # Gregorian month transliterated in Persian
        ("۹ مه ۲۰۲۲", "fa", "2022-05-09"),  # Persian May has two letters
        ("28.01.2020-15:49", "de", "2020-01-28"),  # a time glued after a dash
        ("19th of September, 2018", None, "2018-09-19"),
        ("Sep 19 2018", None, "2018-09-19"),
        ("18 NOV 2019", None, "2019-11-18"),
        ("Wednesday 20 November 2019 11:42, UK", None, "2019-11-20"),
        ("mercredi 19 septembre 2018", "fr", "2018-09-19"),
        ("19 settembre 2018", "it", "2018-09-19"),
        ("2018-9-1", None, "2018-09-01"),
    ],
)
def test_find_dates_reads(text: str, lang: str | None, iso: str) -> None:
    found = find_dates(text, lang)
    assert found
    assert found[0].iso == iso
    assert not found[0].impossible
    assert not found[0].ambiguous


@pytest.mark.parametrize(
    ("text", "lang", "spans"),
    [
        ("Published 3 March 2021", "en", [(10, 22)]),
        ("Mar 3, 2021 · 8 min read", "en", [(0, 11)]),
        ("发稿时间：2021-03-03 08:42:00", "zh", [(5, 15)]),
        (
            "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
            "en",
            [(4, 14), (46, 57)],
        ),
    ],
)
def test_find_dates_spans(text: str, lang: str | None, spans: list[tuple[int, int]]) -> None:
    assert [(m.start, m.end) for m in find_dates(text, lang)] == spans


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("March 2021", "en"),  # no day
        ("March 3", "en"),  # no year
        ("3 days ago", "en"),  # relative
        ("Version 1.2.3 released", "en"),  # a version number is not a date
        ("3 set 2021", "en"),  # "set" is a month only in Portuguese or Italian
        ("Call 555-1234", "en"),
        ("31 September 2018", None),  # no such day
        ("2018-13-01", None),
        ("yesterday", "en"),  # relative dates are never guessed
        ("in 2018", None),
    ],
)
def test_find_dates_none(text: str, lang: str | None) -> None:
    assert not [m for m in find_dates(text, lang) if m.iso]


def test_impossible_and_ambiguous_flags() -> None:
    (feb30,) = find_dates("Feb. 30, 2018", "en")
    assert feb30.impossible and feb30.iso is None
    (numeric,) = find_dates("03/04/2021", "en")  # US March 4 or UK 3 April
    assert numeric.ambiguous and numeric.iso is None


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Published 3 March 2021", "en"),
        ("Mar. 3, 2021 8:03 am ET", "en"),
        ("Mar 3, 2021 · 8 min read", "en"),
        ("Le Monde | 03.03.2021 à 13h36 • Mis à jour le 04.03.2021 à 10h02", "fr"),
        ("发稿时间：2021-03-03 08:42:00", "zh"),
        ("Posted on March 3, 2021 by Admin", "en"),
        ("By Jane Roe | March 3, 2021 at 4:15 PM", "en"),
        ("Jane Roe - Mar 3, 2021, 10:31 pm CST", "en"),
        ("03.03.2021, 16:15", "de"),
        ("2021-03-03T14:15:00Z", None),
        ("3 mars 2021 à 07:19", "fr"),
        ("Veröffentlicht am 3. März 2021 um 16:15 Uhr", "de"),
        ("von Jane Roe | 3. März 2021 | Allgemein | 0 Kommentare", "de"),  # byline, section
        ("Thu 3 Mar 2021 02.00 EST", "en"),  # weekday and a dotted time
        # The same day in two calendars, with the weekday; and the other way round.
        ("سه‌شنبه ۱۰ تیر ۱۴۰۰ - ۱ ژوئیه ۲۰۲۱", "fa"),
        ("۳ مارس ۲۰۲۲ - ۱۲ اسفند ۱۴۰۰", "fa"),
        ("ارسال شده در شنبه ۵ دی ۱۴۰۱ توسط علی احمدی", "fa"),  # posted on ... by a name
        ("تاریخ انتشار: 1401/02/10 09:30", "fa"),  # labelled "publication date:"
        ("آخرین به‌روزرسانی: 1401/02/11", "fa"),  # a two-word label before the colon
        ("نشر في: 12 مارس 2020", "ar"),
        ("14/05/2022 10h15 Atualizado há 3 dias", "pt"),  # a relative update tail
        ("Mar 3, 2021 9:15 AM GMT+1 Updated 2 hours ago", "en"),  # an offset zone
        ("3. März 2021 Aktualisiert vor 5 Minuten", "de"),
        ("-Aktualisiert am 03.03.2021-16:15", "de"),  # a dash before the label and the time
        ("Von Jana Roe Vom 3. Februar 2022", "de"),  # a byline, then "of" the date
        ("PUBLISHED: May 2, 2022 at 7:10 a.m. | UPDATED: May 2, 2022 at 9:45 a.m.", "en"),
    ],
)
def test_is_date_line(line: str, lang: str | None) -> None:
    assert is_date_line(line, lang)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("— Jane Roe (@handle) March 2, 2021", "en"),  # a quoted social post signs off
        ("On March 3, 2021, the council voted to close the library", "en"),  # a sentence
        ("Registriert: 18.09.2008, 05:56", "de"),  # a record's field, not the article's date
        ("ISBN: 9783453580565", "de"),  # no date at all
        ("March 2021", "en"),  # no day
        ("The library closed on March 3, 2021 after a long vote.", "en"),
        ("Wochenbericht 14. - 20. Januar 2022", "de"),  # a date range names a week
        ("Ergebnisliste der Regionalmeisterschaften vom 19.5.2007 in der Halle", "de"),
        ("Letzte Sitzung: 3. März 2021", "de"),  # a field whose name is no date label
        ("Mar 3, 2021 and then 2 hours later", "en"),  # a duration, not "... ago"
        ("Minutes of the board meeting of 3 March 2021", "en"),  # a headline naming a day
        ("Bericht der Jahresversammlung vom 3. März 2021", "de"),
        ("3 March 2021 – 5 March 2021", "en"),  # two full dates around a dash: a range
    ],
)
def test_not_date_line(line: str, lang: str | None) -> None:
    assert not is_date_line(line, lang)


_BODY = (
    "The council met on Tuesday evening and voted to close the old library for repairs, "
    "which are expected to take most of the year."
)


@pytest.mark.parametrize(
    ("lines", "lang", "iso", "updated"),
    [
        (
            ["Headline of the story", "By Jane Roe", "March 3, 2021", _BODY],
            "en",
            "2021-03-03",
            None,
        ),
        # Published preferred; the update is returned on its own.
        (
            ["Headline", "Published 3 March 2021 · Updated 5 March 2021", _BODY],
            "en",
            "2021-03-03",
            "2021-03-05",
        ),
        (["Headline", "WASHINGTON, March 3, 2021 (Reuters) - " + _BODY], "en", "2021-03-03", None),
        (["Headline", "Iran, Sept. 19, 2018 - Last month " + _BODY], "en", "2018-09-19", None),
        # A press release's dateline names its wire service between slashes.
        (
            ["Headline", "AUSTIN, Texas, May 4, 2021 /PRNewswire/ -- " + _BODY],
            "en",
            "2021-05-04",
            None,
        ),
        # Several unlabelled dates on one line: created and modified; the earliest is the first.
        (["Titel", "2021-05-04 10:12 2021-03-03 16:15", _BODY], "de", "2021-03-03", None),
        # A dateline whose time lost the space before the first word.
        (["Titel", "03.03.2021, 16:15 UhrDer Rat " + _BODY], "de", "2021-03-03", None),
        # Solar Hijri numeric dates under their labels: published, then updated.
        (
            ["تیتر", "تاریخ انتشار: 1401/02/10 09:30", "آخرین به‌روزرسانی: 1401/02/11", _BODY],
            "fa",
            "2022-04-30",
            "2022-05-01",
        ),
        # The seed's other date settles the order of an ambiguous one (25 is a day).
        (["Headline", "03/04/2021", _BODY, "Comment from 25/12/2020"], "en", "2021-04-03", None),
        (["Überschrift", "03.04.2021 16:15 Uhr", _BODY], "de", "2021-04-03", None),
        # Dots and dashes are European even when the language is unknown.
        (["Headline", "03.04.2021 16:15", _BODY], None, "2021-04-03", None),
        # A dateline opening the paragraph with no place: a date, then a dash or a stop.
        (["Überschrift", "27.1.2022 - " + _BODY], "de", "2022-01-27", None),
        (["Überschrift", "31. Oktober 2023. " + _BODY], "de", "2023-10-31", None),
        # The headline names another day ("minutes of the meeting of ..."): skipped.
        (
            ["Minutes of the meeting of 10 October 2019", "26 December 2019", _BODY],
            "en",
            "2019-12-26",
            None,
        ),
        # A date alone on its line under the article, the only one down there.
        (["Headline", *[_BODY] * 7, "Tags", "March 3, 2021", "Share"], "en", "2021-03-03", None),
        (["Titel", *[_BODY] * 7, "03.03.2021 16:15", "Teilen"], "de", "2021-03-03", None),
        # A labelled date under the article when the header has none.
        (["Headline", *[_BODY] * 7, "Published: 22 August 2012"], "en", "2012-08-22", None),
        # Down there, the labelled lines just below the first one: published beats modified.
        (
            ["Titel", *[_BODY] * 7, "Letzte Änderung: 31.10.2023", "Erschienen am: 01.11.2023"],
            "de",
            "2023-11-01",
            "2023-10-31",
        ),
        # Only an update date: the best the page gives.
        (["Headline", "Updated June 13, 2019", _BODY], "en", "2019-06-13", "2019-06-13"),
        # Labels glued to names, a date printed twice without a space.
        (
            ["Titel", "22. Dezember 201922. Dezember 2019 vonPeter Roe", _BODY],
            "de",
            "2019-12-22",
            None,
        ),
    ],
)
def test_publication_date(
    lines: list[str], lang: str | None, iso: str, updated: str | None
) -> None:
    title = 0 if "meeting" in lines[0] else None
    found = publication_date(lines, lang, title=title)
    assert (found.date, found.updated) == (iso, updated)


@pytest.mark.parametrize(
    ("lines", "lang", "warning"),
    [
        (["Headline", "Feb. 30, 2018", _BODY], "en", "line 2: impossible date 'Feb. 30, 2018'"),
        (["Headline", "03/04/2021", _BODY], "en", "line 2: ambiguous date '03/04/2021'"),
        (["Headline", "March 3, 1850", _BODY], "en", "line 2: suspect year"),
        # An update long after the year the headline names: not the publication date.
        (["The best films of 2017", "Updated Jul 24, 2018", _BODY], "en", ""),
    ],
)
def test_publication_date_refuses_with_warning(
    lines: list[str], lang: str | None, warning: str
) -> None:
    found = publication_date(lines, lang)
    assert found.date is None
    assert not warning or any(w.startswith(warning) for w in found.warnings)


@pytest.mark.parametrize(
    "lines",
    [
        ["Headline", _BODY, "— Jane Roe (@handle) March 2, 2021"],  # a social post
        ["Headline", "On March 3, 2021, the council voted to close the old library again."],
        ["Headline", "Posted 3 days ago", _BODY],  # relative: no date rather than a guess
        ["Headline", "March 3", _BODY],  # no year
        # A comment under the article: past the header, and unlabelled.
        ["Headline", *[_BODY] * 6, "Jane Roe", "March 3, 2021 at 4:15 pm", "Reply"],
        ["Titel", *[_BODY] * 6, "3. März 2021 um 16:15", "Jana Roe sagt:", _BODY],  # "says:"
        # Two bare dates under the article: a comment thread or a list, whose is unknown.
        ["Headline", *[_BODY] * 6, "March 3, 2021", _BODY, "March 4, 2021", _BODY],
        # A bare date under a related-articles heading is the next article's.
        ["Headline", _BODY, "Read more", "Another story", "March 2, 2021", *[_BODY] * 6],
        # A related-articles list in the header: each date is another article's.
        ["Headline", "Related stories", "Another story", "March 2, 2021", _BODY],
    ],
)
def test_publication_date_none(lines: list[str]) -> None:
    assert publication_date(lines, "en").date is None
