"""clean: named rules remove scrape residue, record it, and never take a paragraph with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seedsite.clean import RULES, chrome_candidates, clean, corpus_chrome
from seedsite.model import Decoded, Removal, SeedError

ROOT = Path(__file__).resolve().parents[1]
REAL = (ROOT / "seeds" / "000_1682d531997dcce0.txt").read_text("utf-8")
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
NAME = "042_00ff00ff00ff00ff.txt"

TITLE = "Parliament votes to extend the state of emergency"
BODY = [
    "ANKARA (Reuters) - Turkey’s parliament voted on Wednesday to extend the state of emergency "
    "for another three months, the sixth extension since the failed coup of July 2016.",
    "The opposition said the emergency rule had been used to silence critics and to close "
    "newspapers, charges the government denies.",
    "But the vote was closer than expected.",  # a short paragraph: must stay
    "Officials said the measures would be lifted once the threat had passed, without saying when.",
]


def decoded(text: str, name: str = NAME) -> Decoded:
    return Decoded(name, text, "utf-8", 1.0)


def kept(text: str, chrome: frozenset[str] = frozenset()) -> list[str]:
    return [line for _, line in clean(decoded(text), chrome).lines]


def article(*extra: str, at: int = 2) -> str:
    """A small article with ``extra`` lines inserted at body position ``at``."""
    body = [*BODY[:at], *extra, *BODY[at:]]
    return "\n".join([TITLE, "", "By Ayla Demir", "", *body]) + "\n"


def test_rules_table() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {"ad-slot", "repeated-line", "corpus-chrome", "trailing-block"} <= set(names)
    for name, reason in RULES:  # a (name, reason) table the about page can list
        assert name == name.lower() and " " not in name
        assert reason and "\n" not in reason and len(reason) < 100


def test_real_seed() -> None:
    result = clean(decoded(REAL, "000_1682d531997dcce0.txt"))
    assert result.removals == (
        Removal("ad-slot", 1, "728 x 90"),
        Removal("repeated-line", 6, "Iranian regime’s foreign minister, Javad Zarif"),
        Removal("trailing-block", 25, "Latest News and Articles"),
    )
    texts = [line for _, line in result.lines]
    assert texts[:3] == [
        "Tehran’s online propaganda against the Iranian opposition backfires",
        "Iranian regime’s foreign minister, Javad Zarif",  # the caption, once
        "Analysis by PMOI/MEK",
    ]
    assert "But Iran’s campaign created an unexpected backlash." in texts
    assert len(texts) == 3 + 12
    assert result.lines[0] == (3, texts[0])  # numbers are lines of the decoded text


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("728 x 90", "ad-slot"),
        ("300x250", "ad-slot"),
        ("970 × 250", "ad-slot"),  # a multiplication sign
        ("۷۲۸ x ۹۰", "ad-slot"),  # Persian digits
        ("Advertisement", "ad-slot"),
        ("ADVERTISEMENT", "ad-slot"),
        ("- Advertisement -", "ad-slot"),  # decoration around the label
        ("[Advertisement]", "ad-slot"),
        ("Sponsored", "ad-slot"),
        ("Sponsored content", "ad-slot"),
        ("Story continues below advertisement", "ad-slot"),
        ("Publicité", "ad-slot"),
        ("Share this article", "share-button"),
        ("Share on Facebook", "share-button"),
        ("Share via Email", "share-button"),
        ("Tweet", "share-button"),
        ("Follow us on Twitter", "share-button"),
        ("Subscribe", "share-button"),
        ("Subscribe to our YouTube channel", "share-button"),
        ("Facebook Twitter WhatsApp Email", "share-button"),  # a row of buttons
        ("Share | Tweet | Email", "share-button"),
        ("61Click to share on Facebook (Opens in new window)61", "share-button"),  # count glued
        ("Click to share on Google+ (Opens in new window)", "share-button"),
        ("teilen17", "share-button"),
        ("Click to share on Twitter (Opens in new window)", "share-button"),  # WordPress
        ("Partager", "share-button"),
        ("Twitter :Twitter", "share-button"),  # a label and its tooltip
        ("Envoyer :Mail", "share-button"),
        ("We use cookies to improve your experience on our site.", "cookie-notice"),
        (
            "This website uses cookies. By continuing to use this site you agree to our use of "
            "cookies as described in our privacy policy.",
            "cookie-notice",
        ),
        ("Accept all cookies", "cookie-notice"),
        ("Sign up for our daily newsletter", "cookie-notice"),
        ("Newsletter", "cookie-notice"),
        ("Sponsored Links Sponsored Links", "ad-slot"),  # a widget that writes its label twice
        ("Promoted links", "ad-slot"),
        ("Ads via Carbon", "ad-slot"),
        ("Compartilhe", "share-button"),
        ("分享到:", "share-button"),
        ("Show comments", "ui-label"),
        ("View all 27 comments", "ui-label"),
        ("Expand comments +", "ui-label"),  # button decoration after the label
        ("Loading...", "ui-label"),
        ("Full screen", "ui-label"),
        ("Skip ad", "ui-label"),
        ("Buy photo", "ui-label"),
        ("Play / pause", "ui-label"),  # a player's controls above the article: no headline
        ("Next page >", "ui-label"),
        ("Older posts", "ui-label"),
        ("Continue reading", "ui-label"),
        ("Link copied!", "ui-label"),
        ("Jump to navigation Jump to search", "ui-label"),
        ("Weiterlesen", "ui-label"),
        ("Lire la suite", "ui-label"),
        ("Leer más", "ui-label"),
        ("1 of 24", "counter"),
        ("3/12", "counter"),
        ("1,204 comments", "counter"),  # (a plain "75 comments" is a share-button's count)
        ("1.2k claps", "counter"),
        ("Reader comments", "counter"),
        # Reading times, in the languages seeds come in (Persian digits read as digits).
        ("5 min read", "counter"),
        ("Temps de lecture : 4 min.", "counter"),
        ("Lesezeit: 3 Min.", "counter"),
        ("زمان مطالعه: ۶ دقیقه", "counter"),
        ("12 with 9 posters participating", "counter"),
        ("Comments (27)", "counter"),
        ("No comments", "counter"),
        ("29 photos", "counter"),
        ("Getty Images", "photo-credit"),
        ("GETTY IMAGES", "photo-credit"),
        ("AFP/Getty Images", "photo-credit"),
        ("Jane Roe/AFP/Getty Images", "photo-credit"),  # photographer, agency, distributor
        ("Jane Roe / Reuters", "photo-credit"),
        ("Photo: Jane Roe", "photo-credit"),
        ("(Credit: Jane Roe/Harbour Museum)", "photo-credit"),
        ("Foto: dpa", "photo-credit"),
        ("Jane Roe/Harbour Gazette", "photo-credit"),  # a name, a slash, a source
        # A sponsored teaser, with its advertiser glued on or in leftover markup; ad widgets.
        ("Cheap Hotel Rooms Nobody Talks AboutSponsored by Save70.com", "ad-slot"),
        ("<span class=firstTabBranding>Sponsored by </span>Babbel", "ad-slot"),
        ("by Taboola by Taboola", "ad-slot"),
        ("Promoted By Zergnet", "ad-slot"),
        ("inRead invented by Teads", "ad-slot"),
        # A video player's menus, text-size and listen buttons, in the languages seeds come in.
        ("captions off, selected", "ui-label"),
        ("captions settings, opens captions settings dialog", "ui-label"),
        ("Playback Rate", "ui-label"),
        ("Close", "ui-label"),
        ("Caption", "ui-label"),  # a button that shows the photo's caption
        ("Aumentar fonte", "ui-label"),
        ("Ouvir o texto", "ui-label"),
        ("Vorlesen", "ui-label"),
        ("Link kopieren", "ui-label"),
        ("Voltar Ver novamente", "ui-label"),  # two controls' labels side by side
        ("Defaults Done", "ui-label"),
        ("\ue094 Tweet", "share-button"),  # an icon font's glyph before the label
        ('Retrieved from "https://en.wikipedia.org/w/index.php?title=Tide&oldid=1"', "ui-label"),
        ("{\\displaystyle A^{\\mathsf {H}}=A}", "formula-source"),
        ("اندازه متن", "ui-label"),  # Persian: text size
        ("کد خبر: ۴۸۲۱۹۳", "ui-label"),  # Persian: the news item's code
        ("حجم الخط", "ui-label"),  # Arabic: font size
        ("مشاركة", "share-button"),  # Arabic: share
        ("شارك الخبر", "share-button"),
        ("Artikel teilen", "share-button"),
        ("۳ دیدگاه", "counter"),  # Persian: 3 comments
        ("IMG_0042.jpg", "image-file"),
        ("harbour-at-dawn.JPEG", "image-file"),
        ("Harbour logo.png", "image-file"),
    ],
)
def test_residue_lines_are_removed_by_name(line: str, rule: str) -> None:
    result = clean(decoded(article(line)))
    assert [(r.rule, r.text) for r in result.removals] == [(rule, line)]
    assert [text for _, text in result.lines] == [TITLE, "By Ayla Demir", *BODY]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday after the central bank raised interest rates again.",
        "The advertisement, which ran in three newspapers, was withdrawn by the ministry.",
        "Subscribers will pay more from January, the company said in a statement on Tuesday.",
        "Follow the money, she said.",  # a short sentence starting like a button
        "5 minutes later, the rain came",  # a reading time's words, in a sentence
        "Related to this, officials said the plan would be delayed until the spring.",
        "Read more about the plan on the ministry’s website, officials said on Tuesday.",
        "Home prices rose 5% in the year to June, the statistics office said.",
        "We use cookies in our kitchen, joked the baker, who has run the shop since 1987.",
        "Twitter shares rose 4% after the announcement.",
        "Sponsored by the state, the program has trained 3,000 nurses since 2015.",
        "The festival is sponsored by Babbel this year.",  # a sentence: "sponsored by" spaced
        "Outbrain and Taboola agreed to merge in 2019.",  # ad networks in the news
        "Close to 300 people attended the vigil.",
        "Next steps",  # a subheading that starts like a control: one label, then a word
        "Close encounters",
        "The formula $E = mc^2$ is written in TeX as E = mc^{2}.",
        "Most popular among voters was the promise to cut fuel prices.",
        "About the author of the letter, little is known.",
        "Advertising revenue fell for a third year in a row, the newspaper group said.",
        "Home / away fans were kept apart by police.",  # a slash, but not a crumb trail
        "Show me the money, he said.",  # starts like a control
        "Next year the plan will be reviewed again.",
        "12 of the 40 deputies voted against the bill.",  # a count in a sentence
        "Reuters reported the figures on Tuesday.",  # an agency in a sentence
        "Photo: the minister arrives at parliament.",  # a caption, not a credit: a sentence
        "Trump/Russia Investigation",  # a slash heading: one word before it is no name
        "Input/Output",
        "The report is attached as report.pdf",  # not an image
        "2015-12-25",  # a date alone: not a file name
        "2x",  # a count glued to "x" is no button
        "1,000",  # one figure is no chart
        "1",  # one character: no rule fires on it alone
        "x",
        "[x]",
        "}",
    ],
)
def test_rules_do_not_fire_on_sentences(line: str) -> None:
    assert kept(article(line)) == [TITLE, "By Ayla Demir", *BODY[:2], line, *BODY[2:]]


@pytest.mark.parametrize(
    ("header", "removed"),
    [
        (["Home > News > World"], ["Home > News > World"]),
        (["Home / Politics"], ["Home / Politics"]),
        (["News › Europe › Turkey"], ["News › Europe › Turkey"]),
        (["Home/Politics"], ["Home/Politics"]),  # no spaces, but it starts at home
        (["Europe/Turkey"], []),  # not at home, no arrow: unsure, kept
        # A headline with an arrow in it, and a byline that looks like markup: not trails.
        (["Profits > Losses at Big Banks"], []),
        (["By <b>Staff</b>"], []),
        (["News > World"], []),  # two parts, not from home: unsure, kept
    ],
)
def test_breadcrumbs_above_the_article(header: list[str], removed: list[str]) -> None:
    result = clean(decoded("\n".join([*header, TITLE, *BODY])))
    assert [r.text for r in result.removals if r.rule == "breadcrumb"] == removed


def test_breadcrumb_after_the_body_start_is_left() -> None:
    # Only above the body: inside it, a line with arrows is text (a quote, a recipe step).
    assert "Home > News" in kept("\n".join([TITLE, *BODY[:2], "Home > News", *BODY[2:]]))


C = "Harbour at dawn"  # a photo caption


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([C, C], [C]),  # alt text, then the visible caption
        ([C, "", C], [C]),  # blank lines between do not matter
        ([C, C, C], [C]),
        ([C, "728 x 90", C], [C]),  # adjacent once the ad is gone
        ([C, C.lower()], [C, C.lower()]),  # not the same line
        ([C, "Other", C], [C, "Other", C]),
    ],
)
def test_repeated_lines(lines: list[str], expected: list[str]) -> None:
    assert kept("\n".join([TITLE, *lines, *BODY])) == [TITLE, *expected, *BODY]


@pytest.mark.parametrize(
    ("tail", "removed"),
    [
        (["Latest News and Articles"], 1),  # the real seed's last line
        (["Related Articles", "Turkey extends emergency rule", "Opposition cries foul"], 3),
        (["Related Coverage", "Share", "Army chief replaced"], 3),  # a button inside (share-button)
        # Link titles may be questions.
        (["You may also like", "Why the coup failed", "Ten years of emergencies?"], 3),
        (["Most Popular", "1. Lira falls again", "2. Ankara traffic"], 3),
        (["Read more:", "Ankara bans protests"], 2),
        (["Lo más leído", "El paro baja en agosto"], 2),
        (["About the author", "Ayla Demir covers Turkey for the agency. She lives in Ankara."], 2),
        # A paragraph after the heading: the block is not sure to be residue. Keep it all.
        (["Related Articles", "Turkey extends emergency rule", *BODY[:1]], 0),
        # A sentence that ends like one is not a link title: unsure, kept.
        (["Related Articles", "The vote was delayed."], 0),
        # A long author bio is more than a box.
        (["About the author", "Ayla Demir covers Turkey.", *BODY], 0),
        # What follows is not a bio (it does not open with a name and a verb): article text.
        (["About the author", BODY[1]], 0),
    ],
)
def test_trailing_blocks(tail: list[str], removed: int) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY, "", *tail])))
    assert [r.text for r in result.removals] == tail[:removed]
    assert [text for _, text in result.lines][: 1 + len(BODY)] == [TITLE, *BODY]


@pytest.mark.parametrize(
    ("tail", "removed"),
    [
        (["Tags", "Turkey", "Emergency rule"], 3),
        (["Reader comments", "Ayla Demir", "Did the vote change anything?"], 3),
        (["Etiquetas", "Turquía"], 2),
        (["Hidden categories:", "Articles with short description"], 2),
        (["برچسب‌ها", "آب", "تهران"], 3),  # Persian: tags
        (["اخبار مرتبط", "افزایش قیمت آب در تهران"], 2),  # Persian: related news
        (["اقرأ أيضا", "ارتفاع أسعار المياه في بيروت"], 2),  # Arabic: read also
        # The site's copyright line after a block does not end it, in any language.
        (["Related Articles", "Turkey extends emergency rule", "© 2021 Harbour Media."], 3),
        (["برچسب‌ها", "آب", "تمامی حقوق این سایت متعلق به خبرگزاری پارسه است."], 3),
        (["عن الكاتب", "مقالات أخرى للكاتب", "جميع الحقوق محفوظة."], 3),
    ],
)
def test_more_trailing_headings(tail: list[str], removed: int) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY, "", *tail])))
    assert [r.text for r in result.removals] == tail[:removed]


# A related-posts widget: link title, teaser sentence, date, category (WordPress writes them so).
TEASERS = [
    "Related",
    "Turkey extends emergency rule for a seventh time since the failed coup",
    "Parliament voted on Wednesday to extend the state of emergency for another three months.",
    "March 17, 2016",
    'In "News"',
    "Opposition cries foul",
    "The main opposition party said it would challenge the vote in the constitutional court.",
    "April 8, 2016",
    'In "Politics"',
    "Posted in News",
    "Tagged Turkey, emergency rule",
]
COMMENTS = [
    "Comparte tu opinión",  # a comment section's heading, in Spanish
    "0",
    "Regístrate o inicia sesión para comentar",
    "Les pedimos que sean respetuosos al opinar. Los comentarios que no respeten la política "
    "del foro serán eliminados.",
]


@pytest.mark.parametrize(
    ("tail", "removed"),
    [
        (TEASERS, len(TEASERS)),  # teasers are sentences, but each has its category under it
        (COMMENTS, len(COMMENTS)),
        (["Like this:", "Like", "Loading..."], 3),  # WordPress's like button
        (
            [
                "More on Amazon",
                "Amazon posts first jobs for new headquarters",
                "Jane Roe: 206-555-0100 or jroe@example.com; on Twitter: @jroe.",  # contact line
                "View Comments",
                "You must be logged in to leave a comment. Log in or create an account.",
                "The opinions expressed in reader comments are those of the author only.",
                "We’re interested in your feedback on this page. Tell us what you think.",
            ],
            7,
        ),
        (["Similar articles", "27 July 2020", "SQL, Performance", "Some SQL tricks"], 4),
        # A newsletter box: its heading, its form, its confirmation and its promise.
        (
            [
                "Get Harbour news",
                "I’m okay with Harbour handling my info as explained in this Privacy Policy",
                "We will only send you Harbour-related information.",
                "Thanks! Please check your inbox to confirm your subscription.",
            ],
            4,
        ),
        # Without a category line, a sentence under a title may be the article's: kept.
        ([*TEASERS[:4], "Opposition cries foul", TEASERS[6], "April 8, 2016"], 0),
        # A subheading, then a paragraph, then a date: a section of the article, kept.
        (["Related", "Did it work?", BODY[0], "18 NOV 2019"], 0),
        # A paragraph that mentions comments is no comment policy.
        (["Comments", BODY[1]], 0),
    ],
)
def test_trailing_blocks_with_teasers_and_comments(tail: list[str], removed: int) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY, "", *tail])))
    assert [r.text for r in result.removals if r.rule == "trailing-block"] == [
        line
        for line in tail[:removed]
        if line not in ("Loading...", "View Comments")  # (ui-label)
    ]
    assert [text for _, text in result.lines][: 1 + len(BODY)] == [TITLE, *BODY]


CHART = ["$915", "billion", "Interest payments", "$900", "600", "300", "0", "’17", "’18", "’19"]


@pytest.mark.parametrize(
    ("lines", "removed"),
    [
        # The figures of a chart go; its labels (no figures) stay.
        (CHART, [line for line in CHART if line not in ("Interest payments",)]),
        (["100", "%", "RECESSIONS", "80", "60", "40", "20", "0", "’80"], None),
        # Fewer figures than a chart has: kept.
        (["$915", "billion", "Interest payments", "’17"], []),
        # Figures among more labels than figures: a list, kept.
        (["Apples", "12", "Pears", "7", "Plums", "3", "Figs", "2", "Dates", "Kiwis"], []),
        # Rows of a table are wider than a figure: kept.
        (["2, 2, 3, 3, 3", "4, 5, 5, 12", "2, 2, 3, 3, 3", "4, 5, 5, 120"], []),
    ],
)
def test_charts(lines: list[str], removed: list[str] | None) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY[:2], *lines, *BODY[2:]])))
    expected = [x for x in lines if x != "RECESSIONS"] if removed is None else removed
    assert [r.text for r in result.removals if r.rule == "chart"] == expected


def _slideshow(n: int, gap: int = 1) -> list[str]:
    """A slideshow of ``n`` numbered items, each with a caption sentence and ``gap - 1`` more."""
    items = []
    for k in range(1, n + 1):
        items += [f"{k}/{n} Harbour scene", f"Boats leave the harbour at dawn, day {k}."]
        items += [f"Harbour view {k}.{j}" for j in range(1, gap)]
    return items


@pytest.mark.parametrize(
    ("items", "removed"),
    [
        # Numbers, captions and credits of the slideshow go; the last item's caption stays,
        # as nothing marks where it ends.
        (_slideshow(4), 7),
        (_slideshow(4, gap=3), 13),
        # Two numbered items are not sure to be a slideshow.
        (_slideshow(2), 0),
        # Items far apart (a gallery split by the article): unsure, kept.
        (_slideshow(3, gap=6), 0),
        # Numbers out of order, or of different totals, are not one slideshow.
        (["3/4 Harbour", "Caption one.", "1/4 Harbour", "Caption two.", "2/4 Harbour"], 0),
        (["1/4 Harbour", "Caption one.", "2/5 Harbour", "Caption two.", "3/6 Harbour"], 0),
        # A thread's numbered posts are sentences, not an item's short title.
        (
            [
                "1/3 The vote was closer than the government had expected, officials said.",
                "2/3 The opposition said it would appeal to the constitutional court.",
                "3/3 The court is not expected to rule before the spring, lawyers said.",
            ],
            0,
        ),
    ],
)
def test_galleries(items: list[str], removed: int) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY, *items, *BODY[:1]])))
    assert [r.text for r in result.removals if r.rule == "gallery"] == items[:removed]


@pytest.mark.parametrize(
    "unit",
    [
        ["Share | Tweet | Email", "Related"],  # every heading's block is all buttons
        ["Related", "Ankara bans protests"],  # every heading is followed by the next one
        ["Related", BODY[1]],  # every heading is followed by a paragraph: no block at all
        ["1/3 Harbour", "Related"],  # slideshow numbers that never make a slideshow
    ],
)
def test_work_is_linear_in_the_number_of_lines(unit: list[str]) -> None:
    # 40,000 lines: a rule that looks at all following lines for each heading does 10^9
    # steps here and never finishes in a test run; linear rules take a fraction of a second.
    text = "\n".join([TITLE, *BODY, *(unit * 20_000), BODY[0]])
    result = clean(decoded(text))
    assert result.lines[0] == (1, TITLE)


def test_trailing_heading_before_the_body_is_not_a_block() -> None:
    # "Latest News" above the headline is navigation; the trailing rule waits for the body.
    assert kept("\n".join(["Latest News", TITLE, *BODY]))[0] == "Latest News"


def test_heading_in_the_middle_of_the_body_keeps_what_follows() -> None:
    text = "\n".join([TITLE, *BODY[:2], "Related", "Ankara bans protests", *BODY[2:]])
    assert kept(text) == [TITLE, *BODY[:2], "Related", "Ankara bans protests", *BODY[2:]]


def test_only_residue_is_an_error() -> None:
    with pytest.raises(SeedError) as caught:
        clean(decoded("728 x 90\n\nAdvertisement\nShare this article\n\nTweet\n"))
    assert str(caught.value) == f"{NAME}: only scrape residue, no article text"


def test_blank_lines_are_dropped_silently_and_lines_stripped() -> None:
    result = clean(decoded(f"\n\n  {TITLE}  \n\n\t{BODY[0]}\n   \n"))
    assert result.lines == ((3, TITLE), (5, BODY[0])) and result.removals == ()


def test_chrome_candidates_of_the_real_seed() -> None:
    candidates = chrome_candidates(REAL)
    assert "latest news and articles" in candidates and "728 x 90" in candidates
    assert "analysis by pmoi/mek" not in candidates  # a byline is metadata, not chrome
    assert "iranian regime’s foreign minister, javad zarif" not in candidates  # doubled caption
    assert not any(len(line.split()) > 12 for line in candidates)
    assert "but iran’s campaign created an unexpected backlash." not in candidates  # a sentence


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "Published: 2018-09-19",
        "Wednesday 20 November 2019 11:42, UK",
        "Did it work?",  # ends like a sentence
        "one two three four five six seven eight nine ten eleven twelve thirteen",  # 13 words
    ],
)
def test_chrome_candidates_skip_metadata_and_sentences(line: str) -> None:
    assert chrome_candidates(f"{BODY[0]}\n{line}\nHome\n") == {"home"}


def test_chrome_candidates_never_hold_a_seeds_headline_or_only_paragraph() -> None:
    # Issue 18: scraped "Access Denied" pages share their headline; counted as chrome, it was
    # taken from each of them.
    text = f"Home\nNews\nAccess Denied\nBy Jane Doe\n{BODY[0]}\nContact us\n"
    assert chrome_candidates(text) == {"home", "news", "contact us"}
    # A seed of short lines only has no paragraph to spare: none is a candidate.
    assert chrome_candidates("Access Denied\n\nReference 18.4f2a\n") == frozenset()


@pytest.mark.parametrize(
    ("n_seeds", "having", "is_chrome"),
    [
        (10, 3, True),  # the floor: three seeds
        (10, 2, False),
        (3, 3, True),
        (2, 2, False),  # two seeds never make chrome, however small the corpus
        (100, 5, True),  # 5% of the corpus
        (100, 4, False),
        (1000, 50, True),
        (1000, 49, False),
    ],
)
def test_corpus_chrome_threshold(n_seeds: int, having: int, is_chrome: bool) -> None:
    sets = {f"a{i}": frozenset({"latest news", f"line {i}"}) for i in range(having)}
    sets |= {f"b{i}": frozenset({f"other {i}"}) for i in range(n_seeds - having)}
    assert ("latest news" in corpus_chrome(sets)) is is_chrome
    assert not any(line.startswith(("line", "other")) for line in corpus_chrome(sets))


def test_corpus_chrome_counts_a_seed_saved_twice_once(tmp_path: Path) -> None:
    # Issue 18: three copies of one page made its lines "chrome" and took them from it.
    from seedsite.build import build

    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    page = f"{TITLE}\n{BODY[0]}\n{BODY[1]}\nSee the full list\n"
    for name in ("001_a.txt", "002_b.txt", "003_c.txt"):
        (seeds / name).write_text(page, "utf-8")
    for i in range(4):
        (seeds / f"1{i}_x.txt").write_text(f"Other story {i}\n{BODY[2]}\nMore {i}\n", "utf-8")
    result = build(seeds, docs)
    [ok] = [s for s in result.report.seeds if s.status == "ok" and s.source == "001_a.txt"]
    assert "corpus-chrome" not in {r.rule for r in ok.removed}


def test_corpus_chrome_lines_are_removed() -> None:
    text = article() + "\nIran News Update\nContact us\n"
    chrome = frozenset({"iran news update", "contact us", "never in this seed"})
    result = clean(decoded(text), chrome)
    assert [(r.rule, r.text) for r in result.removals] == [
        ("corpus-chrome", "Iran News Update"),
        ("corpus-chrome", "Contact us"),
    ]


def test_corpus_chrome_heading_still_heads_a_trailing_block() -> None:
    # With the corpus saying "Latest News and Articles" is chrome, the links after it go too.
    text = "\n".join([TITLE, *BODY, "Latest News and Articles", "Lira falls", "Army chief out"])
    result = clean(decoded(text), frozenset({"latest news and articles"}))
    assert [r.rule for r in result.removals] == [
        "corpus-chrome",
        "trailing-block",
        "trailing-block",
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_fixture_seeds_clean_idempotently(path: Path) -> None:
    first = kept(path.read_text("utf-8"))
    assert kept("\n".join(first)) == first


RESIDUE = [
    "728 x 90",
    "Advertisement",
    "Share this article",
    "Tweet",
    "Home > News > World",
    "Related Articles",
    "Latest News and Articles",
    "About the author",
    "We use cookies to improve your experience.",
    "Subscribe",
    "Follow us on Twitter",
    "Did it work?",
    "Opinion",
    "By Jane Doe",
    "18 NOV 2019",
]
PROSE = [
    *BODY,
    *[line for line in REAL.split("\n") if len(line.split()) > 20],
]
any_line = st.one_of(
    st.sampled_from(RESIDUE + PROSE),
    st.just(""),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(any_line, min_size=1, max_size=25), use_chrome=st.booleans())
def test_cleaning_is_idempotent(lines: list[str], use_chrome: bool) -> None:
    chrome = frozenset({"opinion", "subscribe"}) if use_chrome else frozenset()
    try:
        first = kept("\n".join(lines), chrome)
    except SeedError:
        return  # nothing but residue: nothing to clean again
    assert kept("\n".join(first), chrome) == first


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(st.sampled_from(PROSE), min_size=1, max_size=8, unique=True),
    residue=st.lists(st.tuples(st.integers(0, 8), st.sampled_from(RESIDUE)), max_size=10),
)
def test_never_drops_a_body_paragraph(body: list[str], residue: list[tuple[int, str]]) -> None:
    lines = list(body)
    for at, line in residue:
        lines.insert(min(at, len(lines)), line)
    result = kept("\n".join([TITLE, *lines]), frozenset({"opinion"}))
    assert [line for line in result if line in body] == body


@pytest.mark.parametrize(
    ("box", "removed"),
    [
        # Inside the body: the heading and its link titles go, the article goes on.
        (["Related Articles", "Turkey extends emergency rule", "Opposition cries foul again"], 3),
        (
            [
                "Lire aussi :",
                "La Turquie prolonge l'état d'urgence",
                "L'opposition crie au scandale",
            ],
            3,
        ),
        # One title under it may be a subheading and its section: kept.
        (["Related Articles", "Turkey extends emergency rule"], 0),
        # A sentence under the heading is the article's: kept.
        (["Related coverage", "Turkey extends emergency rule", "The vote was delayed."], 0),
        # A heading of another kind (tags, comments) is no box of links.
        (["Tags", "Turkey extends emergency rule", "Opposition cries foul again"], 0),
    ],
)
def test_related_boxes_inside_the_body(box: list[str], removed: int) -> None:
    result = clean(decoded("\n".join([TITLE, *BODY[:2], *box, *BODY[2:]])))
    assert [(r.rule, r.text) for r in result.removals] == [
        ("related-box", t) for t in box[:removed]
    ]
    assert [text for _, text in result.lines][-len(BODY[2:]) :] == list(BODY[2:])


def test_a_wikis_navigation_box_goes_up_to_the_next_paragraph() -> None:
    box = ["v", "t", "e", "Turkey articles", "History", "Timeline", "Regions \t Ankara \t Izmir"]
    result = clean(decoded("\n".join([TITLE, *BODY[:2], *box, *BODY[2:], *box])))
    assert [(r.rule, r.text) for r in result.removals] == [("navbox", t) for t in box + box]
    assert [text for _, text in result.lines] == [TITLE, *BODY]
    # Three letters on their own lines in another order are no navigation box.
    assert kept("\n".join([TITLE, *BODY[:2], "t", "v", "e", *BODY[2:]]))[3:6] == ["t", "v", "e"]


def test_a_controls_glyphs_go_with_its_label_but_one_character_alone_stays() -> None:
    result = clean(decoded("\n".join([TITLE, "Text size", "+", "-", *BODY])))
    assert [(r.rule, r.text) for r in result.removals] == [
        ("ui-label", "Text size"),
        ("ui-label", "+"),
        ("ui-label", "-"),
    ]
    assert kept("\n".join([TITLE, *BODY[:2], "+", *BODY[2:]]))[3] == "+"


def test_a_comment_thread_after_the_body_goes_whole() -> None:
    # Its count, then each comment's name, date, words and reply button (removed as controls,
    # they still close each comment as a category line closes a teaser).
    thread = [
        "2 commentaires",
        "Sophie",
        "7 mai 2019 à 21 h 14 min",
        "Superbe récit, merci pour tous ces détails sur le refuge.",
        "Répondre",
        "Julien",
        "8 mai 2019 à 8 h 02 min",
        "Il faut appeler la veille avant 17 h.",
        "Répondre",
    ]
    result = clean(decoded("\n".join([TITLE, *BODY, "", *thread])))
    assert [r.text for r in result.removals] == thread
    assert [text for _, text in result.lines] == [TITLE, *BODY]
