"""header: where the body begins, and which header line is the headline, by kinds of lines."""

from __future__ import annotations

from dataclasses import replace

import pytest
from seedsite.extract import _ROLES
from seedsite.header import (
    WEIGHTS,
    choose_headline,
    headline_scores,
    is_credit_caption,
    is_crumb,
    is_ui_text,
)

BODY = (
    "The city council voted on Tuesday to extend the emergency water rules for another six "
    "months, after the reservoirs fell to their lowest level in forty years.",
    "Officials said the rules, which limit garden watering to two evenings a week, had cut the "
    "city's use of water by a fifth since they began in the spring.",
)
HEADLINE = "Council extends emergency water rules as reservoirs fall"


def lines(*texts: str) -> tuple[tuple[int, str], ...]:
    return tuple(enumerate(texts, start=1))


def chosen(*header: str) -> str | None:
    seed = lines(*header, *BODY)
    choice = choose_headline(seed, _ROLES)
    return seed[choice.title][1] if choice.title is not None else None


@pytest.mark.parametrize(
    "chrome",
    [
        "Open in app",  # UI text, in any of the languages seeds come in
        "Supported by",
        "Ad Choices",
        "// Press enter to search",
        "Powered by Tumblr",
        "Zu den Kommentaren",
        "Sie sind hier:",  # a label waiting for its value
        "Home > News > World",  # breadcrumbs, glued menus, tabbed menus
        "首页 > 科技频道 > 探索者 > 正文",
        "LatestVideoThe BestsSplitscreenHighlight ReelCosplayReviewShop",
        "PoliticsJane Roe Nikki StoneMark Hale",  # section and names glued whole
        "Weekly edition \t Kernel \tSecurity \t Distributions",
        "ARD, Demonstrationen, Neu, Tagesschau",  # a row of tags
        "Region | Betzdorf",  # section | place
        "+ Added Slime Block",  # a list item
        "See also: Mozilla Foundation and Mozilla Corporation",  # a wiki's hatnote
        "By Timothy H.J. Nerozzi Fox News",  # a byline, even when no name reads from it
        "By <b>Jo Li</b>",  # with a tag left in the text
        "Firmenschild des Konzerns | Bildquelle: dpa",  # a caption with its credit
        "Thu 3 Jan 2019 02.00 EST",  # a date line
    ],
)
def test_chrome_above_the_headline_is_never_it(chrome: str) -> None:
    assert chosen(chrome, HEADLINE) == HEADLINE
    assert chosen(HEADLINE, chrome) == HEADLINE


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # A section label above the headline is its kicker, not the headline.
        (("World News", HEADLINE), HEADLINE),
        # The standfirst below the headline reads like a sentence and shares the body's words.
        (
            (HEADLINE, "The rules limit garden watering to two evenings a week.", "By Jo Li"),
            HEADLINE,
        ),
        # A headline in French quotes ends with its own mark, not a crumb's.
        (("« Les réservoirs de la ville sont au plus bas »", "Par Jo Li"), None),
        # Profits > Losses at Big Banks is a headline, not a breadcrumb.
        (("Profits > Losses at Big Banks", "By Jo Li"), "Profits > Losses at Big Banks"),
        # The date printed above the headline does not make the headline a subheading.
        (("Tuesday 3 March 2021", HEADLINE, "By Jo Li"), HEADLINE),
    ],
)
def test_headline_among_header_lines(header: tuple[str, ...], expected: str | None) -> None:
    got = chosen(*header)
    assert got == (expected or header[0])


def test_a_subheading_below_the_byline_is_not_the_headline() -> None:
    assert chosen(HEADLINE, "By Jo Li", "March 3, 2021", "What the rules mean") == HEADLINE


def test_the_body_starts_at_the_first_run_of_prose() -> None:
    disclosure = (
        "We may earn a commission when you buy through links on our site, which helps support "
        "our testing and our reporting."
    )
    seed = lines(disclosure, "Home", HEADLINE, "By Jo Li", *BODY)
    start, scores = headline_scores(seed, _ROLES)
    assert start == 4  # a lone paragraph above the headline is not yet the body
    assert max(range(len(scores)), key=lambda i: scores[i] or -99) == 2


def test_no_headline_line_falls_back_to_a_short_first_line_or_nothing() -> None:
    seed = lines("Laufen im Winter: Von bäh zu yeah in zwölf Monaten.", *BODY)
    assert choose_headline(seed, _ROLES).title == 0
    assert choose_headline(lines(*BODY), _ROLES).title is None  # first sentence, with a warning


@pytest.mark.parametrize(
    ("text", "crumb"),
    [
        ("Home > News", True),
        ("News > World > Europe", True),
        ("Profits > Losses at Big Banks", False),
        ("Strona główna > Kraj", True),  # two steps from home, in other languages
        ("Главная › Экономика", True),
        ("خانه > اقتصاد", True),
        ("Ana Sayfa > Ekonomi", True),
        ("Profits > Losses", False),  # two steps, not from home
        ("« Vape Wave », « 6 Days »", False),
    ],
)
def test_crumbs(text: str, crumb: bool) -> None:
    assert is_crumb(text) is crumb


@pytest.mark.parametrize(
    ("text", "ui"),
    [
        ("Open in app", True),
        ("Link Copied", True),
        ("Mitglied werden Jetzt spenden", True),
        ("Whatsapp Teilen Twittern Pinnen", True),  # a row of share buttons
        ("Facebook sues Twitter", False),  # networks in a headline are news, not buttons
        ("Tech Industry", False),
        ("The Future of Open Source", False),
        ("Поделиться", True),  # buttons in the other languages seeds come in
        ("Комментарии (12)", True),
        ("分享", True),
        ("نظرات", True),
        ("Yorumlar", True),
        ("Udostępnij", True),
        ("Россия и комментарии экспертов", False),  # one such word in a longer line
        ("Schulen schließen", False),  # a verb of a headline, not a "close" button
        ("Le retour du roi", False),
    ],
)
def test_ui_text(text: str, ui: bool) -> None:
    assert is_ui_text(text) is ui


def test_the_page_title_with_the_sites_name_gives_way_to_the_heading() -> None:
    # (The site's name here has no word of three letters: only the suffix rule tells them apart.)
    assert chosen(f"{HEADLINE} - AP", "Business", HEADLINE) == HEADLINE


def test_a_headline_told_again_below_in_other_words_is_the_first() -> None:
    first = "Dry spell: council extends emergency water rules as city reservoirs fall"
    again = "Council extends water rules as reservoirs fall"
    assert chosen(first, "Environment", again) == first


def test_a_heading_below_a_posted_by_line_is_a_subheading() -> None:
    # "Posted by" and lower-case names: no author is read from it, but it is a byline's place.
    header = ("Weekly notes #41 - water in sight", "Posted by rdl, mk on 2021-03-02, all notes")
    assert chosen(*header, "The council water plan (rdl)") == header[0]


def test_a_headline_in_headline_case_may_end_with_a_stop() -> None:
    # It opens the run of prose (a stop after "Tues." reads like a sentence's), but its case
    # says headline; the one-word section label above it is not one.
    headline = "Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues."
    assert chosen("Domestic", headline) == headline


@pytest.mark.parametrize("brand", ["WordPress and JavaScript speed up", "PowerPoint slides leak"])
def test_brand_names_are_not_glued_menus(brand: str) -> None:
    assert chosen("Tech", brand) == brand


def test_the_page_title_with_a_section_before_it_gives_way_to_the_heading() -> None:
    # A chapter or section name in front, and a table of contents between the two.
    contents = [f"{n}. Chapter {word}" for n, word in enumerate(("one", "two", "three"), 1)]
    assert chosen(f"Chapter 6 - {HEADLINE}", "Contents", *contents, HEADLINE) == HEADLINE


def test_a_numbered_list_is_a_table_of_contents_but_one_numbered_line_may_be_a_headline() -> None:
    contents = ("1. Water rules extended again", "2. Reservoirs fall to record low")
    assert chosen(*contents) != contents[0] and chosen(*contents) != contents[1]
    alone = "1. FC Köln extends coach's contract as water rules bite"
    assert chosen(alone, "By Jo Li") == alone


def test_a_wikis_tagline_is_never_the_headline() -> None:
    assert chosen("Reservoir", "From Wikipedia, the free encyclopedia") == "Reservoir"
    assert chosen("Reservoir", "From Localwiki, the free encyclopedia") == "Reservoir"


def test_a_navigation_trail_names_the_headline_at_its_end() -> None:
    # The section's name, a headline shape found in the body, loses to the page's own title,
    # which ends the trail; without the trail it would win.
    title = "Water rules"
    header = ("City water news", title)
    trail = f"City > Emergency > {title}"
    assert chosen(header[0], trail, *header[1:]) == title
    assert chosen(*header) == header[0]


def test_a_teaser_headline_ending_in_an_ellipsis_is_not_a_sentence() -> None:
    teaser = "Screenshot: the water rules, the reservoirs, the council"

    def score(text: str) -> float:
        return headline_scores(lines(text, "By Jo Li", *BODY), _ROLES)[1][0] or -99

    for text in (teaser, teaser + "…", teaser + "..."):
        assert score(text) == pytest.approx(score(teaser))
    assert score(teaser + ".") < score(teaser)


def test_the_line_right_above_the_first_paragraph_wins_a_near_tie() -> None:
    # Two headline-shaped lines with the same words: the one the body opens under. (Neither
    # in the "Topic: what happened" form, which counts for a line on its own.)
    section = "Reservoirs fall as emergency water rules are extended by council"
    assert chosen(section, "Environment", HEADLINE) == HEADLINE


# Bodies in other languages, for the kinds of lines that do not depend on English.
BODIES = {
    "de": (
        "Der Stadtrat hat am Dienstag die Notregeln für das Trinkwasser um weitere sechs Monate "
        "verlängert, nachdem die Talsperren auf den tiefsten Stand seit vierzig Jahren fielen.",
        "Die Regeln erlauben das Gießen der Gärten nur noch an zwei Abenden in der Woche, sagte "
        "die Verwaltung, und hätten den Verbrauch der Stadt um ein Fünftel gesenkt.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes prorrogar seis meses más las normas de emergencia "
        "sobre el agua, después de que los embalses cayeran a su nivel más bajo en cuarenta años.",
        "Las normas, que limitan el riego de los jardines a dos tardes por semana, han reducido "
        "el consumo de agua de la ciudad en una quinta parte, según la alcaldía.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira a prorrogação por mais seis meses das regras "
        "de emergência para a água, depois de os reservatórios caírem ao nível mais baixo.",
        "As regras, que limitam a rega dos jardins a duas noites por semana, reduziram o consumo "
        "de água da cidade em um quinto desde a primavera, disse a prefeitura.",
    ),
    "fa": (
        "شورای شهر روز سه‌شنبه مقررات اضطراری آب را برای شش ماه دیگر تمدید کرد، پس از آنکه "
        "ذخایر سدها به پایین‌ترین سطح چهل سال گذشته رسید.",
        "به گفته شهرداری، این مقررات آبیاری باغ‌ها را به دو شب در هفته محدود می‌کند و مصرف آب "
        "شهر را یک پنجم کاهش داده است.",
    ),
}
HEADLINES = {
    "de": "Stadtrat verlängert Notregeln für das Trinkwasser",
    "es": "El ayuntamiento prorroga las normas de emergencia sobre el agua",
    "pt": "Câmara prorroga regras de emergência para a água",
    "fa": "تمدید مقررات اضطراری آب با کاهش ذخایر سدها",
}
BYLINES = {"de": "Von Jo Li", "es": "Por Jo Li", "pt": "Por Jo Li"}


def chosen_in(lang: str, *header: str) -> str | None:
    seed = lines(*header, *BODIES[lang])
    choice = choose_headline(seed, _ROLES)
    return seed[choice.title][1][choice.split :] if choice.title is not None else None


@pytest.mark.parametrize(
    "alt",
    [
        "Logo Stadtwerke Musterstadt",  # an image's alt text that says what it is
        "Harbour Gazette Logo",
        "Icon WhatsApp",
        "Image for Council extends emergency water rules",  # the teaser image of the headline
        "Profile picture for user jdoe",
        "Foto de la alcaldesa durante el pleno municipal",
        "Bild von der Talsperre im Sommer",
        "Home → Region → Wasser",  # a trail with arrows
        "Home/Region/Notregeln für das Trinkwasser",  # a trail without spaces, from home
        "From Harbour Town Wiki",  # a wiki's origin line, without its tagline
        "Aus Stadtwiki",
        "< Region Nord",  # a link back, or to the previous page
        "← Vorherige Meldung",
        "‹ Retour aux actualités",
        "zurück zur Übersicht",  # controls: back to the overview, send the link
        "Link zum Artikel verschicken",
        "Bild vergrößern",
        "redaktion@stadtkurier.example",  # the site's contact address, or its bare domain
        "www.stadtkurier.example",
        "stadtkurier.example",
    ],
)
def test_alt_text_trails_and_controls_are_never_the_headline(alt: str) -> None:
    assert chosen(alt, HEADLINE) == HEADLINE
    assert chosen(HEADLINE, alt) == HEADLINE


@pytest.mark.parametrize(
    ("lang", "standfirst"),
    [
        # Longer than the headline, and it sums the body up: more of its words are the body's.
        (
            "de",
            "Die Talsperren sind so leer wie seit vierzig Jahren nicht, das Gießen der Gärten "
            "bleibt auf zwei Abende in der Woche beschränkt",
        ),
        # Shorter than the headline: still the standfirst, below it.
        ("es", "Los embalses caen a su nivel más bajo en cuarenta años"),
        ("pt", "Reservatórios caem ao nível mais baixo e rega dos jardins fica limitada"),
    ],
)
def test_a_headline_beats_the_standfirst_below_it(lang: str, standfirst: str) -> None:
    assert chosen_in(lang, HEADLINES[lang], standfirst, BYLINES[lang]) == HEADLINES[lang]


@pytest.mark.parametrize(
    ("lang", "kicker"),
    [
        # A section label of a few words above the headline, the byline under the headline:
        # the byline two lines down does not count for the label.
        ("de", "Nachrichten aus der Region"),
        ("es", "Noticias de la ciudad"),
        ("pt", "Presidente da câmara"),
    ],
)
def test_a_kicker_above_the_headline_is_not_it(lang: str, kicker: str) -> None:
    assert chosen_in(lang, kicker, HEADLINES[lang], BYLINES[lang]) == HEADLINES[lang]


def test_a_headline_in_the_topic_colon_form_beats_a_sentence_below_it() -> None:
    # "Topic: what happened" is a headline's form; the standfirst below tells the story.
    headline = "Trinkwasser: Stadtrat verlängert die Notregeln"
    dek = "Die Talsperren fallen auf den tiefsten Stand seit vierzig Jahren, die Stadt handelt"
    assert chosen_in("de", headline, dek, "Von Jo Li") == headline


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        # The rest of the line is the last step of the trail above.
        (
            "de",
            ("Start / Region / " + HEADLINES["de"], "Dürre im Sommer " + HEADLINES["de"]),
            HEADLINES["de"],
        ),
        # The rest of the line is written again below it, as the heading.
        ("es", ("Sequía " + HEADLINES["es"], "Por Jo Li", HEADLINES["es"]), HEADLINES["es"]),
        # Glued on without a space: the kicker's last letter, then the headline's capital.
        ("pt", ("InícioCidade" + HEADLINES["pt"], "Por Jo Li", HEADLINES["pt"]), HEADLINES["pt"]),
        # The word at the join written twice: the kicker's last word opens the headline.
        (
            "de",
            ("Trinkwasser Trinkwasser wird knapp in der Stadt",),
            "Trinkwasser wird knapp in der Stadt",
        ),
        # The kicker of three words or more written on its own above.
        ("es", ("Crisis del agua", "Crisis del agua " + HEADLINES["es"]), HEADLINES["es"]),
    ],
)
def test_a_kicker_glued_to_the_headline_is_split(
    lang: str, header: tuple[str, ...], expected: str
) -> None:
    assert chosen_in(lang, *header) == expected


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        # Before a colon it is the headline's topic, part of the headline.
        ("de", ("Trinkwasser: " + HEADLINES["de"], HEADLINES["de"])),
        # A headline does not start in lower case: the line's own end is no headline.
        ("es", ("Crisis del agua y los embalses", "Crisis del agua y los embalses y qué hacer")),
        # A word twice at the join, but a short one: no evidence.
        ("pt", ("Água água regras novas",)),
    ],
)
def test_a_line_is_not_split_without_evidence(lang: str, header: tuple[str, ...]) -> None:
    seed = lines(*header, *BODIES[lang])
    choice = choose_headline(seed, _ROLES)
    assert choice.split == 0


@pytest.mark.parametrize(
    ("lang", "headline", "caption"),
    [
        # The example seed's shape: headline, the lead photo's caption twice (alt text, then
        # caption), byline; the caption shares more words with the body than the headline.
        ("en", HEADLINE, "The city council voted on Tuesday to extend the emergency water rules"),
        ("de", HEADLINES["de"], "Der Stadtrat hat am Dienstag die Notregeln verlängert"),
        ("es", HEADLINES["es"], "El ayuntamiento aprobó el martes prorrogar las normas"),
    ],
)
@pytest.mark.parametrize(
    ("copies", "doubled"),
    [
        (2, True),  # as scraped
        (1, True),  # as cleaning leaves it: the copy removed, its text known to be doubled
        (1, False),  # a caption printed once
    ],
)
def test_the_headline_wins_over_the_caption_below_it(
    lang: str, headline: str, caption: str, copies: int, doubled: bool
) -> None:
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(headline, *[caption] * copies, "Analysis by Jo Li", *body)
    roles = replace(_ROLES, doubled=frozenset({caption} if doubled else ()))
    assert choose_headline(seed, roles).title == 0


@pytest.mark.parametrize(
    ("lang", "caption", "date_line"),
    [
        # The lead photo's alt text, a paragraph of its own, above the headline and its date
        # line: the body has not begun yet.
        (
            "de",
            "Eine leere Talsperre im Sommer, am Ufer liegen trockene Boote und Steine in der Sonne",
            "Stand: 07.11.2023, 07:30 Uhr",
        ),
        (
            "es",
            "Un embalse casi vacío en verano, con barcas secas en la orilla y piedras bajo el sol",
            "Publicado el 11 de mayo de 2022",
        ),
        (
            "pt",
            "Um reservatório quase vazio no verão, com barcos secos na margem e pedras",
            "Por Jo Li",
        ),
    ],
)
def test_a_caption_above_the_headline_is_not_the_start_of_the_body(
    lang: str, caption: str, date_line: str
) -> None:
    assert chosen_in(lang, caption, HEADLINES[lang], date_line) == HEADLINES[lang]


def test_a_site_and_a_time_after_a_dash_is_no_dateline() -> None:
    # "NAME — time" has the shape of a dateline, but no paragraph follows the dash.
    headline = HEADLINES["de"]
    assert (
        chosen_in("de", "STADTKURIER — 02.01.23 09:51", "https://example.org/news/1", headline)
        == headline
    )


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        # Broken at its colon, the first part of four words or more on the line above.
        ("de", ("Dürre in der Stadt am Fluss:", HEADLINES["de"], "Von Jo Li"), True),
        ("es", ("La sequía llega a la ciudad:", HEADLINES["es"], "Por Jo Li"), True),
        # Broken at a dash, the headline going on in lower case.
        ("pt", ("Seca –", "a câmara prorroga regras de emergência para a água", "Por Jo Li"), True),
        # A label waits for its value: short, or UI text.
        ("de", ("Sie sind hier:", HEADLINES["de"], "Von Jo Li"), False),
        ("pt", ("Você está aqui :", HEADLINES["pt"], "Por Jo Li"), False),
        # A blank line between the two: two elements, not one headline.
        ("es", ("La sequía llega a la ciudad:", "", HEADLINES["es"], "Por Jo Li"), False),
    ],
)
def test_a_headline_broken_over_two_lines_is_joined(
    lang: str, header: tuple[str, ...], expected: bool
) -> None:
    # (Blank lines are not cleaned lines: the numbers say where one was.)
    seed = tuple((n, t) for n, t in enumerate((*header, *BODIES[lang]), start=1) if t)
    choice = choose_headline(seed, _ROLES)
    assert choice.joined is expected


def test_a_french_quotation_is_no_back_link() -> None:
    headline = "« Les réservoirs sont vides ». Le conseil prolonge les règles"
    assert chosen(headline, "By Jo Li") == headline


@pytest.mark.parametrize(
    ("lang", "label", "date_line", "headline"),
    [
        # The section's name, the date line, then the headline right above the body: the date
        # line right below the label does not make it the headline, though the body says the
        # label's words and few of the headline's.
        (
            "fa",
            "شورای شهر",
            "۲۸ شهریور ۱۳۹۷ - ۱۴:۳۵",
            "هشدار درباره ذخایر سدها و مقررات اضطراری تابستان",
        ),
        ("de", "Stadtrat", "12.03.2021, 14:35 Uhr", "Warnung vor einem trockenen Sommer"),
        ("es", "Ayuntamiento", "12 de marzo de 2021", "Alerta por un verano seco en la capital"),
    ],
)
def test_a_section_label_above_the_date_line_is_not_the_headline(
    lang: str, label: str, date_line: str, headline: str
) -> None:
    home = "خانه" if lang == "fa" else "Start"
    seed = lines(home, label, date_line, headline, *BODIES[lang])
    assert choose_headline(seed, _ROLES).title == 3


@pytest.mark.parametrize(
    ("lang", "site", "menu", "headline"),
    [
        # The site's name at the top with its menu under it, named again in the body (a
        # press release's "…, said the Water Council Alliance"); the headline further down,
        # right above the body, shares fewer of its words with the body than the name does.
        (
            "en",
            "Water Council Alliance",
            ("Who we are", "Where we work", "Get involved"),
            "City extends emergency limits after a dry spring, officials warn",
        ),
        ("de", "Bündnis für Trinkwasser", ("Über uns", "Projekte", "Mitmachen"), HEADLINES["de"]),
        ("es", "Alianza por el Agua", ("Quiénes somos", "Proyectos", "Participa"), HEADLINES["es"]),
    ],
)
def test_a_line_with_a_menu_under_it_is_the_sites_name(
    lang: str, site: str, menu: tuple[str, ...], headline: str
) -> None:
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(site, *menu, "News", headline, *body, f"{site}: the rules stay.")
    assert choose_headline(seed, _ROLES).title == len(menu) + 2


def test_a_headline_that_opens_like_a_byline_but_quotes_is_no_byline() -> None:
    # "Von" and a capital read as a German byline; a quotation in the line says headline.
    headline = "Von Dürre, Notregeln und «zu wenig Wasser»"
    assert chosen_in("de", "Umwelt", headline, "Von Jo Li") == headline


@pytest.mark.parametrize(
    "credit",
    [
        # A caption's credit label in the languages seeds come in.
        "Фото: Иван Петров",
        "Zdjęcie: Jan Nowak",
        "Fotoğraf: Ayşe Yılmaz",
        "عکس: علی رضایی",
        "صورة: أحمد علي",
        "图片来源：本报记者",
        "写真：山田太郎",
        "사진=김민수 기자",
        "Bron: ANP",
        "Kuva: Matti Virtanen",
    ],
)
def test_a_credit_in_any_language_is_never_the_headline(credit: str) -> None:
    assert is_credit_caption(f"The council chamber on Tuesday. {credit}")
    assert chosen(HEADLINE, credit, "By Jo Li") == HEADLINE
    assert chosen(credit, HEADLINE, "By Jo Li") == HEADLINE


@pytest.mark.parametrize(
    ("lang", "suffix"),
    [
        ("en", " | Harbour Gazette"),
        # The title tells more than the heading before the site's name: still the page title.
        ("de", ": Was die Dürre bedeutet | Stadtkurier"),
        ("es", " - Diario Costa"),
    ],
)
def test_the_page_title_written_twice_gives_way_to_the_heading(lang: str, suffix: str) -> None:
    # A tab's title and the page's title, both with the site's name, then the site's name alone
    # and the heading: written twice is no evidence for the page title against its heading.
    headline = HEADLINE if lang == "en" else HEADLINES[lang]
    title = headline + suffix
    site = suffix.split()[-1]
    body = BODY if lang == "en" else BODIES[lang]
    # (A menu between them: the heading sits far below the page title.)
    menu = ("News", "Sport", "Weather", "Culture", "Travel", "Food", "Money", "Jobs", "Video")
    seed = lines(title, site, title, site, *menu, headline, *body)
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1] == headline


@pytest.mark.parametrize(
    ("lang", "trail", "headline"),
    [
        ("de", "Forum>Wasser>", "Verlängert der Stadtrat die Notregeln für das Trinkwasser?"),
        # The site writes its headline in lower case: after a trail's mark it is still the rest.
        ("en", "Forum>Water>", "will the council extend the emergency water rules again?"),
        ("es", "Inicio›Ciudad›", "¿Prorrogará el ayuntamiento las normas de emergencia del agua?"),
    ],
)
def test_a_trail_glued_to_the_headline_is_split_when_the_headline_stands_alone_below(
    lang: str, trail: str, headline: str
) -> None:
    # A question of eight words or more is prose: the glued line opens the body's run of prose
    # and is chosen, the headline alone below it is the body's first line.
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(trail + headline, headline, *body)
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1][choice.split :] == headline


@pytest.mark.parametrize(
    "field",
    [
        "Rating: 4.5/5",  # a page's data: a label and a value of numbers
        "Versions: 00 01 02 03 04",
        "Seite: 2 / 7",
        "Bewertung: 4,5 von 5",
        "Puntuación: 8,7",
        "امتیاز: ۴٫۵",  # Persian digits are digits too
        "Sprache: Englisch",  # a label and a value of one word
        "Links: Deutsch",
        "Categoría: Ciudad",
    ],
)
def test_a_field_with_a_value_of_numbers_is_never_the_headline(field: str) -> None:
    assert headline_scores(lines("Menu", field, *BODY), _ROLES)[1][1] is None
    assert chosen(HEADLINE, field) == HEADLINE


@pytest.mark.parametrize(
    "topic",
    [
        # A topic, then a headline that opens with a number: words follow it.
        "Drought: 3 towns ration water",
        "Dürre: 3 Profi-Tipps für den Garten",
        "垃圾分类新规实施首月：居民投放准确率提升至八成",  # written without spaces: many words
    ],
)
def test_a_topic_with_a_number_after_its_colon_is_a_headline(topic: str) -> None:
    assert headline_scores(lines("Menu", topic, *BODY), _ROLES)[1][1] is not None
    assert chosen("Menu", topic) == topic


@pytest.mark.parametrize(
    ("lang", "caption", "label"),
    [
        # The lead photo's caption, its credit's label alone, the photographer, then the
        # headline: the caption shares words with the body, the headline still wins.
        ("es", "Los embalses de la ciudad, en su nivel más bajo.", "Foto:"),
        ("de", "Die Talsperre im Sommer, am Ufer trockene Boote", "Bild:"),
        ("en", "The reservoir in summer, dry boats on its shore", "PHOTO:"),
    ],
)
def test_a_caption_above_its_credits_label_is_never_the_headline(
    lang: str, caption: str, label: str
) -> None:
    headline = HEADLINE if lang == "en" else HEADLINES[lang]
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines("Ciudad", caption, label, "Jo Li", headline, *body)
    assert headline_scores(seed, _ROLES)[1][1] is None
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1] == headline


@pytest.mark.parametrize(
    ("lang", "label", "headline"),
    [
        # The headline is two sentences, so it reads as the body's first line: the section label
        # above it is still no headline.
        ("en", "Environment", "Reservoirs fell to a forty-year low. Now, the council acts."),
        ("de", "Umwelt", "Die Talsperren sind leer. Jetzt handelt der Stadtrat."),
        # One sentence ending on an abbreviation's stop.
        ("es", "Ciudad", "El ayuntamiento prorroga las normas del agua hasta sept."),
    ],
)
def test_a_short_headline_that_reads_as_a_sentence_beats_the_label_above_it(
    lang: str, label: str, headline: str
) -> None:
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(label, headline, *body)
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1] == headline
    assert choice.start == 2


@pytest.mark.parametrize(
    ("lang", "label", "headline"),
    [
        # The page's title in capitals, the heading as written again below (CSS capitals); the
        # label's word is the body's, the headline's is not.
        ("de", "Notregeln", "TALSPERRE"),
        ("en", "Council", "HEATWAVE"),
        ("es", "Embalses", "SEQUÍA"),
    ],
)
def test_a_short_headline_written_again_in_another_case_beats_the_label_above_it(
    lang: str, label: str, headline: str
) -> None:
    body = BODY if lang == "en" else BODIES[lang]
    again = headline.capitalize()
    seed = lines(label, headline, "12.03.2021", body[0], again, *body[1:])
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1] == headline


@pytest.mark.parametrize(
    ("lang", "kicker"),
    [
        ("de", "Stadtrat und Talsperren"),  # (the kicker's words are the body's too)
        ("es", "Embalses y ayuntamiento"),
        ("pt", "Reservatórios da câmara"),
    ],
)
def test_a_headline_pasted_twice_under_its_kicker_is_still_the_first_headline_line(
    lang: str, kicker: str
) -> None:
    # Pasted twice (the page's title and its heading), a headline is a caption when another
    # headline-shaped line stands above it; its kicker of three words or fewer right above does
    # not count: the headline keeps the lesser penalty of the first headline-shaped line (under
    # chrome, with no other headline-shaped line in the header, it has none).
    headline = HEADLINES[lang]
    roles = replace(_ROLES, doubled=frozenset({headline}))
    standfirst = "Die Talsperren sind so leer wie seit vierzig Jahren nicht mehr."

    def score(above: str) -> float | None:
        seed = lines("Home", "Aktuell", above, headline, standfirst, "Jo Li", *BODIES[lang])
        return headline_scores(seed, roles)[1][3]

    assert score(kicker) == pytest.approx(score("Menu") - WEIGHTS["doubled_first"])


CAPTIONS = {
    "de": "Die Talsperre im Sommer: am Ufer liegen trockene Boote, das Wasser steht so tief wie "
    "seit vierzig Jahren nicht mehr, und die Stadt ruft zum Sparen auf.",
    "es": "El embalse en verano: en la orilla hay barcas secas, el agua está más baja que en los "
    "últimos cuarenta años y la ciudad pide ahorrar.",
    "en": "The reservoir in summer: dry boats lie on its shore, the water is lower than it has "
    "been in forty years, and the city asks everyone to save.",
}


@pytest.mark.parametrize("lang", ["de", "es", "en"])
@pytest.mark.parametrize(
    "between",
    [
        ("Foto: Jo Li / Agentur", "Region"),  # the caption's credit and a kicker
        ("Foto: Jo Li / Agentur",),
        (),  # a teaser paragraph right above the date line
    ],
)
def test_a_paragraph_above_the_date_line_and_then_the_headline_is_not_the_body(
    lang: str, between: tuple[str, ...]
) -> None:
    headline = HEADLINE if lang == "en" else HEADLINES[lang]
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(CAPTIONS[lang], *between, "12.03.2021, 10:15", headline, *body)
    choice = choose_headline(seed, _ROLES)
    assert seed[choice.title][1] == headline
    assert choice.start == len(between) + 3


@pytest.mark.parametrize(
    "sections",
    [
        ("1 Introduction", "2 Advice and Lisp"),  # numbered section headings, text between
        ("4.4 Eight Hearts", "4.5 Ten Hearts"),
        ("1 早年经历", "2 演艺经历"),
        ("3. Sequía y embalses", "4. Normas de emergencia"),
    ],
)
def test_numbered_section_headings_are_never_the_headline(sections: tuple[str, str]) -> None:
    first, second = sections
    seed = lines("Menu", first, "Some text of the section.", second, *BODY)
    scores = headline_scores(seed, _ROLES)[1]
    assert scores[1] is None and scores[3] is None


@pytest.mark.parametrize(
    "headline",
    [
        "10 Dinge, die der Stadtrat jetzt beschließt",  # one numbered line: a headline
        "2 Tote bei Unfall auf der A7",
    ],
)
def test_one_numbered_line_may_be_the_headline(headline: str) -> None:
    assert headline_scores(lines("Menu", headline, *BODIES["de"]), _ROLES)[1][1] is not None


@pytest.mark.parametrize(
    ("lang", "titled"),
    [
        ("en", "Council Extends Emergency Water Rules As Reservoirs Fall"),
        ("de", "STADTRAT VERLÄNGERT NOTREGELN FÜR DAS TRINKWASSER"),
        ("es", "El Ayuntamiento Prorroga Las Normas De Emergencia Sobre El Agua"),
    ],
)
def test_the_headline_in_title_case_above_it_as_written_counts_as_written_twice(
    lang: str, titled: str
) -> None:
    # The page title in title case or capitals, then the heading as written, then a line of
    # the body written as a header line: the title is the headline, not the line below.
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(titled, titled.capitalize(), "Menu", *body)
    scores = headline_scores(seed, _ROLES)[1]
    alone = headline_scores(lines(titled, "Menu", *body), _ROLES)[1]
    assert scores[0] == pytest.approx(alone[0] + WEIGHTS["written_twice"])


@pytest.mark.parametrize(
    "menu",
    [
        ("… die Schafe", "… das Zeichnen", "… den Autor"),  # a menu of sentence endings
        ("... the sheep", "... the drawings"),
        ("… las ovejas", "… el autor"),
    ],
)
def test_a_run_of_lines_opening_with_an_ellipsis_is_a_menu(menu: tuple[str, ...]) -> None:
    scores = headline_scores(lines(*menu, HEADLINE, *BODY), _ROLES)[1]
    assert all(score is None for score in scores[: len(menu)])


@pytest.mark.parametrize(
    "above",
    [
        "Menu",
        "1. November 2023 | Deutschland",  # a numbered line and an ellipsis line: no run
    ],
)
def test_one_line_opening_with_an_ellipsis_may_be_the_headline(above: str) -> None:
    headline = "… und jetzt verlängert der Stadtrat die Notregeln"
    assert headline_scores(lines(above, headline, *BODIES["de"]), _ROLES)[1][1] is not None


@pytest.mark.parametrize(
    ("lang", "byline", "caption"),
    [
        # The piece's own word before the name: a byline, and the caption under it (right above
        # the body, in the "Topic: what" form) is no headline.
        ("de", "Artikel von Jo Li", "Neu im Sommer: die Talsperre von oben, um sechs Uhr früh"),
        ("en", "Article by Jo Li", "New this summer: the reservoir from above, at six"),
        ("es", "Artículo de Jo Li", "Nuevo este verano: el embalse desde arriba, a las seis"),
    ],
)
def test_a_caption_below_an_article_by_line_is_not_the_headline(
    lang: str, byline: str, caption: str
) -> None:
    headline = HEADLINE if lang == "en" else HEADLINES[lang]
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines(headline, byline, "12.03.2021", "Talsperre", caption, *body)
    assert seed[choose_headline(seed, _ROLES).title][1] == headline
    assert headline_scores(seed, _ROLES)[1][1] is None  # the byline


@pytest.mark.parametrize(
    ("lang", "cut"),
    [
        ("en", "Council extends emergency water rules..."),  # a tab's title, cut off
        ("de", "Stadtrat verlängert Notregeln…"),
        ("es", "El ayuntamiento prorroga las normas..."),
    ],
)
def test_a_copy_cut_off_with_an_ellipsis_gives_way_to_the_line_in_full(lang: str, cut: str) -> None:
    headline = HEADLINE if lang == "en" else HEADLINES[lang]
    body = BODY if lang == "en" else BODIES[lang]
    seed = lines("Presse", cut, headline, "12.03.2021", *body)
    scores = headline_scores(seed, _ROLES)[1]
    assert scores[1] is None
    assert seed[choose_headline(seed, _ROLES).title][1] == headline


def test_a_teaser_ending_in_an_ellipsis_with_nothing_in_full_below_may_be_the_headline() -> None:
    teaser = "Stadtrat verlängert Notregeln…"
    assert headline_scores(lines("Presse", teaser, *BODIES["de"]), _ROLES)[1][1] is not None
