"""extract: header segmentation, each metadata field, and a verbatim body."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from seedsite.clean import clean
from seedsite.decode import decode
from seedsite.extract import (
    HEADER_CHROME,
    Dateline,
    extract,
    extract_author,
    extract_byline,
    extract_dateline,
    extract_description,
    extract_image_caption,
    make_slug,
    parse_dateline,
)
from seedsite.model import Article, Cleaned, Decoded, Removal, Seed, SeedError
from seedsite.textstats import (
    MAX_SEED_TAGS,
    MAX_TAGS,
    extract_lang,
    extract_tags,
    merge_tags,
    seed_tags,
    sentences,
    text_size,
)

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "seeds" / "000_1682d531997dcce0.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
NAME = "042_00ff00ff00ff00ff.txt"


def run(path: Path) -> Article:
    data = path.read_bytes()
    seed = Seed(path.name, data, hashlib.sha256(data).hexdigest())
    decoded = decode(seed)
    return extract(clean(decoded), seed, decoded)


def run_text(text: str) -> Article:
    return run_bytes(text.encode())


def run_bytes(data: bytes, name: str = NAME) -> Article:
    seed = Seed(name, data, hashlib.sha256(data).hexdigest())
    decoded = decode(seed)
    return extract(clean(decoded), seed, decoded)


def test_real_seed() -> None:
    article = run(REAL)
    meta = article.meta
    assert meta.title == "Tehran’s online propaganda against the Iranian opposition backfires"
    assert (meta.date, meta.dateline) == ("2018-09-19", "Iran")
    assert (meta.byline, meta.author) == ("Analysis by PMOI/MEK", "PMOI/MEK")
    assert meta.image_caption == "Iranian regime’s foreign minister, Javad Zarif"
    assert meta.lang == "en" and meta.words == 488 and meta.reading_time == 2
    assert meta.slug == "tehrans-online-propaganda-against-the-iranian-opposition-backfires"
    assert meta.source == REAL.name
    assert meta.sha256 == hashlib.sha256(REAL.read_bytes()).hexdigest()
    assert meta.description is not None and meta.description.startswith("Last month, internet")
    assert len(meta.description) <= 160 and meta.description.endswith("…")
    assert "Javad Zarif" in meta.tags and "Twitter" in meta.tags

    paragraphs = article.paragraphs
    assert len(paragraphs) == 12
    assert paragraphs[0].startswith("Iran, Sept. 19, 2018 -\u00a0Last month,")  # verbatim
    assert "But Iran’s campaign created an unexpected backlash." in paragraphs
    assert paragraphs[6].startswith("By immediately acting")  # body text, not a byline
    # Each paragraph is a line of the seed, as written.
    lines = REAL.read_text("utf-8").split("\n")
    assert all(p in lines for p in paragraphs)

    everything = " ".join([*paragraphs, *(str(v) for v in vars(meta).values())])
    assert "728 x 90" not in everything and "Latest News and Articles" not in everything
    assert sum(p.count("Javad Zarif") for p in paragraphs) == 4  # the caption is not body
    assert article.consumed == (
        ("title", 3, meta.title),
        ("image_caption", 5, meta.image_caption),
        ("byline", 8, "Analysis by PMOI/MEK"),
    )
    assert [r.rule for r in article.removals] == ["ad-slot", "repeated-line", "trailing-block"]
    assert (article.encoding, article.confidence, article.warnings) == ("utf-8", 1.0, ())


FIELDS = ("title", "date", "dateline", "byline", "author", "image_caption", "lang")


@pytest.mark.parametrize(
    ("name", "expected", "paragraphs", "first", "last"),
    [
        (
            "001",  # wire copy: crumbs, agency dateline without a date, date line "18 NOV 2019"
            (
                "U.S. Senate passes stopgap bill to avert government shutdown",
                "2019-11-18",
                "WASHINGTON",
                "By David Morgan | Reuters",
                "David Morgan",
                None,
                "en",
            ),
            # The credit line under the last paragraph ("Reporting by …; Editing by …") is taken
            # by the line classifier, as a byline outside the text (listed in the report).
            6,
            "WASHINGTON (Reuters) - The U.S. Senate on Monday",
            "The last shutdown, over the same wall",
        ),
        (
            "002",  # blog: "Written by", ISO date line, newsletter plug, author box
            (
                "How I cut my home energy bill in half",
                "2021-03-03",
                None,
                "Written by Anna Lee",
                "Anna Lee",
                None,
                "en",
            ),
            6,
            "Last winter our heating bill",
            "Our bill for January this year was $188. I will take that.",
        ),
        (
            "003",  # opinion: cookie notice, kicker, labelled photo, weekday date line
            (
                "Britain’s high streets need more than another consultation",
                "2019-11-20",
                None,
                "Opinion by Maria Gonzalez",
                "Maria Gonzalez",
                "Shoppers on Oxford Street in London",
                "en",
            ),
            5,
            "Walk down almost any high street",
            "Maria Gonzalez is a former chair of the Association of Town Centre Managers.",
        ),
        (
            "004",  # French: "Par", "Publié le 19 septembre 2018" (dateparser), "PARIS —"
            (
                "La réforme des retraites divise encore la majorité",
                "2018-09-19",
                "PARIS",
                "Par Jean-Pierre Dupont",
                "Jean-Pierre Dupont",
                None,
                "fr",
            ),
            4,
            "PARIS — Le gouvernement a présenté mercredi",
            "Le texte doit être examiné par le Conseil des ministres avant la fin de l’année.",
        ),
        (
            "005",  # Spanish: "Por", a dateline with a Spanish date and an agency
            (
                "El Gobierno aprueba la subida del salario mínimo para 2019",
                "2018-09-19",
                "MADRID",
                "Por María López",
                "María López",
                None,
                "es",
            ),
            4,
            "MADRID, 19 de septiembre de 2018 (EFE) - El Consejo",
            "Los sindicatos celebraron el acuerdo",
        ),
        (
            "006",  # Persian with ZWNJ: no byline, undated, Persian-digit ad slot
            ("افزایش قیمت نان در تهران", None, None, None, None, None, "fa"),
            4,
            "افزایش قیمت نان در تهران از هفته گذشته آغاز شده است و نانوایی\u200cها",
            "مسئولان شهرداری",
        ),
        (
            "007",  # undated, no byline: crumbs, doubled caption, sponsored label, most-popular
            (
                "Scientists map the sound of a dying glacier",
                None,
                None,
                None,
                None,
                "Researchers lowered microphones into Greenland's meltwater streams",
                "en",
            ),
            5,
            "A glacier is not silent.",
            "The team now hopes to leave recorders on the ice through a whole winter.",
        ),
        (
            "008",  # Arabic: menus, Arabic-Indic date line, text-size control, a read-also box
            (
                "ارتفاع أسعار المياه المعبأة في بيروت بنسبة ثلاثين في المئة",
                "2021-03-03",
                "بيروت",
                "بقلم: ليلى حداد",
                "ليلى حداد",
                "شاحنات توزيع المياه في أحد شوارع بيروت",
                "ar",
            ),
            4,
            "بيروت، ٣ مارس ٢٠٢١ - ارتفعت أسعار المياه",
            "وطالبت جمعيات حماية المستهلك",
        ),
        (
            "009",  # Chinese wire copy: crumbs, 发稿时间, 记者, share label, related news, editor
            (
                "北京多家博物馆试行夜间开放 首月接待观众超十万人次",
                "2021-03-03",
                "北京",
                "记者 王晓明",
                "王晓明",
                None,
                "zh",
            ),
            5,
            "来源：新华社",  # the source line stays: attribution, not residue
            "市文物局表示",
        ),
    ],
)
def test_fixture_seeds(
    name: str,
    expected: tuple[str | None, ...],
    paragraphs: int,
    first: str,
    last: str | None,
) -> None:
    [path] = FIXTURES.glob(f"{name}_*.txt")
    article = run(path)
    assert tuple(getattr(article.meta, f) for f in FIELDS) == expected
    assert len(article.paragraphs) == paragraphs
    assert article.paragraphs[0].startswith(first)
    if last is not None:
        assert article.paragraphs[-1].startswith(last)
    lines = path.read_text("utf-8").split("\n")
    assert all(p in lines for p in article.paragraphs)  # verbatim lines of the seed
    assert article.meta.slug and article.meta.slug.isascii()
    description = article.meta.description
    assert description is not None and len(description) <= 160


def test_persian_keeps_zwnj_and_falls_back_to_the_file_stem_for_its_slug() -> None:
    [path] = FIXTURES.glob("006_*.txt")
    article = run(path)
    assert sum(p.count("\u200c") for p in article.paragraphs) == 12
    assert article.meta.slug == "006-e8b4c2a97f0d1365"


def test_kicker_above_the_headline_is_not_body() -> None:
    [path] = FIXTURES.glob("003_*.txt")
    article = run(path)
    assert ("kicker", 4, "Opinion") in article.consumed and "Opinion" not in article.paragraphs


def test_a_kicker_glued_to_the_headline_is_split_into_kicker_and_title() -> None:
    # The trail above ends with the headline; its line starts with the kicker glued on.
    body = (
        "The city council voted on Tuesday to extend the emergency water rules for another six "
        "months, after the reservoirs fell to their lowest level in forty years.\n"
        "Officials said the rules had cut the city's use of water by a fifth since spring.\n"
    )
    headline = "Council extends water rules as reservoirs fall"
    article = run_text(f"Home / Local / {headline}\nDry summer {headline}\nBy Jo Li\n{body}")
    assert (article.meta.title, article.meta.kicker) == (headline, "Dry summer")
    assert ("title", 2, headline) in article.consumed
    assert ("kicker", 2, "Dry summer") in article.consumed
    assert not any(headline in p for p in article.paragraphs)
    # A section label above the line is chrome then: the kicker shown is the one glued on.
    article = run_text(f"Local\nHome / Local / {headline}\nDry summer {headline}\n{body}")
    assert article.meta.kicker == "Dry summer"
    assert ("kicker", 1, "Local") not in article.consumed


def test_a_headline_broken_over_two_lines_is_one_title() -> None:
    body = (
        "The city council voted on Tuesday to extend the emergency water rules for another six "
        "months, after the reservoirs fell to their lowest level in forty years.\n"
        "Officials said the rules had cut the city's use of water by a fifth since spring.\n"
    )
    article = run_text(f"Dry summer in the city:\nCouncil extends water rules\nBy Jo Li\n{body}")
    title = "Dry summer in the city: Council extends water rules"
    assert article.meta.title == title
    assert [c for c in article.consumed if c[0] == "title"] == [
        ("title", 1, title),
        ("title", 2, title),
    ]


def test_a_rule_of_dashes_above_the_headline_is_chrome_not_a_kicker() -> None:
    rule = "-" * 300
    body = (
        "The city council voted on Tuesday to extend the emergency water rules for another six "
        "months, after the reservoirs fell to their lowest level in forty years."
    )
    article = run_bytes(f"{rule}\nCouncil extends water rules\n{body}\n".encode())
    assert article.meta.kicker is None
    assert article.meta.title == "Council extends water rules"
    assert article.meta.description == body
    assert (HEADER_CHROME, 1, rule) in [(r.rule, r.line, r.text) for r in article.removals]


@pytest.mark.parametrize(
    ("body", "description"),
    [
        # No paragraph of prose: the first with words in it, not a rule of dashes.
        (["=" * 300, "Rules extended", "Reservoirs low"], "Rules extended Reservoirs low"),
        (["*** *** ***", "Short lines only"], "Short lines only"),
        (["1 2 3 4"], "1 2 3 4"),  # no words at all: still a description
    ],
)
def test_every_article_gets_a_description(body: list[str], description: str) -> None:
    article = run_bytes("\n".join(["Council extends water rules", "By Jo Li", *body]).encode())
    assert article.meta.description == description


def test_legacy_encoded_seed_carries_encoding_and_warning() -> None:
    [path] = FIXTURES.glob("004_*.txt")
    text = path.read_text("utf-8")
    article = run_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    assert article.meta.title == "La réforme des retraites divise encore la majorité"
    assert article.encoding == "cp1252" and 0.6 <= article.confidence < 1
    # Like every seed warning, without the file name: the build report and the CLI add it.
    [warning] = article.warnings
    assert warning.startswith("not UTF-8; decoded as cp1252 (charset-normalizer guess")


def test_dates_inside_the_body_are_not_the_article_date() -> None:
    text = (
        "Talks resume in Geneva\n\nThe talks, first held on 5 March 2019, resume next week "
        "after a long pause, diplomats said on Tuesday in a statement to reporters.\n"
    )
    assert run_text(text).meta.date is None


def test_date_from_the_byline() -> None:
    text = "Talks resume in Geneva\nBy Jane Doe | 18 NOV 2019\n" + "Diplomats said so. " * 10
    meta = run_text(text).meta
    assert (meta.date, meta.author) == ("2019-11-18", "Jane Doe")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Iran, Sept. 19, 2018 -\u00a0Last month, internet", Dateline("Iran", "2018-09-19", 23)),
        ("WASHINGTON (Reuters) - The U.S. Senate", Dateline("WASHINGTON", None, 23)),
        ("PARIS — Le gouvernement", Dateline("PARIS", None, 8)),
        ("PARIS—Le gouvernement", Dateline("PARIS", None, 6)),  # an em dash needs no spaces
        ("New York, Jan. 5 (AP) -- Police said", Dateline("New York", None, 25)),
        ("LONDON, 5 March 2019 (Reuters) - Britain", Dateline("LONDON", "2019-03-05", 33)),
        ("SPRINGFIELD, Ill., Jan. 5 (AP) — The", Dateline("SPRINGFIELD, Ill.", None, 33)),
        ("Tehran, 2018-09-19 – Officials", Dateline("Tehran", "2018-09-19", 21)),
        ("Al-Jazeera English Edition broadcast a program", None),  # a hyphen inside a word
        ("Trump – the candidate – said", None),  # a capitalized name, no date: unsure
        ("Last month - something happened", None),  # not a place: lowercase word
        ("The U.S.-led coalition said on Monday", None),
        ("In 2018 - a year of change", None),
        ("Paris - the city of light", None),  # titlecase without a date or agency: unsure
    ],
)
def test_parse_dateline(paragraph: str, expected: Dateline | None) -> None:
    assert parse_dateline(paragraph) == expected
    assert extract_dateline(paragraph) == (expected.place if expected else None)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Analysis by PMOI/MEK", "PMOI/MEK"),
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("Opinion by Maria Gonzalez", "Maria Gonzalez"),
        ("Written by Anna Lee", "Anna Lee"),
        ("Reporting by David Morgan; Editing by Sandra Maler", "David Morgan"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By JANE DOE, Staff Writer", "JANE DOE"),
        ("By Jane Doe, 18 NOV 2019", "Jane Doe"),
        ("By Jane Doe 18 NOV 2019", "Jane Doe"),  # the date ends the name
        ("By Ludwig van Beethoven", "Ludwig van Beethoven"),  # particles inside a name
        ("Par Jean-Pierre Dupont", "Jean-Pierre Dupont"),
        ("Por María López", "María López"),
        ("Von Hans Müller", "Hans Müller"),
        ("Staff writer Cherkment Drestment", "Cherkment Drestment"),
        ("بقلم محمد علي", "محمد علي"),  # Arabic "by the pen of": a caseless script
        ("By immediately acting on Aljazeera’s report, Javad Zarif not only", None),
        ("By the numbers", None),  # lowercase: not a name
        ("By Tuesday, the army had withdrawn.", None),  # a sentence
        ("By Tuesday", None),  # a weekday is no author
        ("By 2030 the city will need twice as much water", None),
        ("Bypass closed", None),
        # Joined with a date, before or after the name; roles and handles cut.
        ("By Jane Roe | March 3, 2021 at 4:15 PM", "Jane Roe"),
        ("Posted on March 3, 2021 by Sam Admin", "Sam Admin"),
        ("17. März 2021 von Thomas Berger", "Thomas Berger"),
        ("Publié le 5 mai 2019 par Julien Morel", "Julien Morel"),
        ("By Sam Okoro, Film Critic", "Sam Okoro"),
        ("By Alissa Wilkinson@alissamarie Updated Jul 24, 2018", "Alissa Wilkinson"),
        ("by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET", "Ahiza Garcia"),
        ("Interview by Laura Kim", "Laura Kim"),
        # Labels with a colon, in other scripts; honorifics are not part of the name.
        ("Text: Anna Berg", "Anna Berg"),
        ("نویسنده: سارا محمدی", "سارا محمدی"),
        ("بقلم: د. خالد المنصوري", "خالد المنصوري"),
        ("عمّان - كتبت: رنا الخطيب", "رنا الخطيب"),
        ("作者：陈子墨 | 发布于 2022-11-30", "陈子墨"),
        ("记者 王晓明", "王晓明"),
        # Whose picture, not whose article; a phrase, not a byline.
        ("Photo by Ricardo Gomez Angel", None),
        ("Powered by Tumblr", None),
        ("By March", None),  # a month alone is a date
    ],
)
def test_bylines(line: str, author: str | None) -> None:
    assert extract_author(line) == author
    assert extract_byline(line) == (line if author else None)


@pytest.mark.parametrize(
    ("line", "doubled", "caption"),
    [
        (
            "Iranian regime’s foreign minister, Javad Zarif",
            True,
            "Iranian regime’s foreign minister, Javad Zarif",
        ),
        ("Photo: Shoppers on Oxford Street", False, "Shoppers on Oxford Street"),
        ("Image: Reuters", False, "Reuters"),
        ("Credit: AFP/Getty Images", False, "AFP/Getty Images"),
        ("Iranian regime’s foreign minister, Javad Zarif", False, None),  # said once: unsure
        ("By Jane Doe", True, None),  # a doubled byline is still a byline
    ],
)
def test_extract_image_caption(line: str, doubled: bool, caption: str | None) -> None:
    assert extract_image_caption(line, doubled) == caption


def cleaned(*lines: str, doubled: str | None = None) -> Cleaned:
    removals = (Removal("repeated-line", 99, doubled),) if doubled else ()
    return Cleaned(NAME, tuple(enumerate(lines, start=1)), removals)


BODY = (
    "The central bank raised its main interest rate by half a point on Thursday, "
    "its third increase this year."
)


def extract_lines(*lines: str, doubled: str | None = None) -> Article:
    decoded = Decoded(NAME, "\n".join(lines), "utf-8", 1.0)
    seed = Seed(NAME, b"", "0" * 64)
    return extract(cleaned(*lines, doubled=doubled), seed, decoded)


@pytest.mark.parametrize(
    ("lines", "doubled", "title", "caption"),
    [
        (
            ("Rates rise again", "A trader at the exchange", "By Jo Li", BODY),
            "A trader at the exchange",
            "Rates rise again",
            "A trader at the exchange",
        ),
        # The image above the headline: caption first, then the title.
        (
            ("A trader at the exchange", "Rates rise again", BODY),
            "A trader at the exchange",
            "Rates rise again",
            "A trader at the exchange",
        ),
        # A doubled headline (page title, then h1) with nothing else to be the title.
        (("Rates rise again", "By Jo Li", BODY), "Rates rise again", "Rates rise again", None),
        # A two-word headline, alone.
        (("Same headline", "By Jo Li", BODY), None, "Same headline", None),
        # Two words above a longer headline: a kicker.
        (("World News", "Rates rise again", BODY), None, "Rates rise again", None),
        # No header at all: the seed starts with the body; its first sentence is the title.
        ((BODY, BODY.replace("Thursday", "Friday")), None, BODY, None),
    ],
)
def test_header_segmentation(
    lines: tuple[str, ...], doubled: str | None, title: str | None, caption: str | None
) -> None:
    article = extract_lines(*lines, doubled=doubled)
    assert (article.meta.title, article.meta.image_caption) == (title, caption)
    assert BODY in article.paragraphs


def test_unknown_header_lines_stay_in_the_body() -> None:
    # A standfirst between the headline and the byline is article text. (A longer line right
    # under a headline of four words or more reads as its standfirst, whatever it shares
    # with the body.)
    standfirst = "Markets shrug off the move as traders expected"
    article = extract_lines("Central bank rates rise again", standfirst, "By Jo Li", BODY)
    assert article.meta.title == "Central bank rates rise again"
    assert article.paragraphs == (standfirst, BODY) and article.meta.author == "Jo Li"


def test_no_body_is_an_error() -> None:
    with pytest.raises(SeedError) as caught:
        extract_lines("Rates rise again", "By Jo Li", "18 NOV 2019")
    assert str(caught.value).startswith(f"{NAME}: no article body")


@pytest.mark.parametrize(
    ("paragraphs", "skip", "description"),
    [
        (("Short and sweet.", "Second one."), 0, "Short and sweet. Second one."),
        (("Iran, Sept. 19, 2018 - Officials met.",), 23, "Officials met."),
        (
            ("Dr. Smith met Mr. Jones in the U.S. capital. They talked.",),
            0,
            "Dr. Smith met Mr. Jones in the U.S. capital. They talked.",
        ),
        ((("One sentence. " * 20).strip(),), 0, ("One sentence. " * 11).strip()),  # whole sentences
        (("word " * 60,), 0, ("word " * 31).strip() + "…"),  # cut at a word, marked
        (("",), 0, None),
    ],
)
def test_extract_description(
    paragraphs: tuple[str, ...], skip: int, description: str | None
) -> None:
    result = extract_description(paragraphs, skip)
    assert result == description
    assert result is None or len(result) <= 160


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Tehran’s online propaganda backfires", "tehrans-online-propaganda-backfires"),
        ("Crème brûlée: l’été à Paris", "creme-brulee-lete-a-paris"),
        ("Straße der Ökonomie", "strasse-der-okonomie"),  # ß has no decomposition
        ("Łódź & Kraków — 2019", "lodz-krakow-2019"),
        ("  --Hello,   World!!--  ", "hello-world"),
        ("افزایش قیمت نان", "042-00ff00ff00ff00ff"),  # nothing ASCII: the file's stem
        (None, "042-00ff00ff00ff00ff"),
        ("??", "042-00ff00ff00ff00ff"),
        ("a" * 90, "a" * 80),  # one long word: cut hard
        (" ".join(["word"] * 30), "-".join(["word"] * 16)),  # cut at a hyphen, ≤ 80
    ],
)
def test_make_slug(title: str | None, slug: str) -> None:
    assert make_slug(title, NAME) == slug
    assert len(slug) <= 80 and make_slug(title, NAME) == slug  # stable


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        # Issue 18: no Latin letter in the headline nor in the name gave the page
        # articles/.md, linked as articles/.md/: a short hash of the name instead.
        ("خبر.txt", "seed-1aed57efaf"),
        ("新闻.txt", "seed-815baed8d2"),
        ("7.txt", "7-7ba765410e"),  # a stray digit is not an address either
        ("204_\udcff\udcfe.txt", "204"),  # not UTF-8: its Latin part is enough
        ("\udcff\udcfe.txt", "seed-da2caf2d17"),  # not UTF-8, nothing Latin: its bytes' hash
    ],
)
def test_a_slug_from_a_name_without_latin_letters_is_never_empty(name: str, slug: str) -> None:
    assert make_slug("بدون عنوان", name) == slug
    assert make_slug("标题", name) == slug  # the same name, the same address


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The minister said that the plan would be put to a vote in parliament this week "
            "and that it was not yet clear who would support it.",
            "en",
        ),
        (
            "Le ministre a déclaré que le projet serait soumis au vote des députés cette "
            "semaine et qu’il n’est pas encore clair qui le soutiendra.",
            "fr",
        ),
        (
            "El ministro dijo que el plan se someterá a votación en el Congreso esta semana y "
            "que todavía no está claro quién lo apoyará.",
            "es",
        ),
        (
            "Der Minister sagte, dass der Plan in dieser Woche im Parlament zur Abstimmung "
            "gestellt wird und dass noch nicht klar ist, wer ihn unterstützt.",
            "de",
        ),
        (
            "Il ministro ha detto che il piano sarà messo ai voti in parlamento questa "
            "settimana e che non è ancora chiaro chi lo sosterrà.",
            "it",
        ),
        (
            "O ministro disse que o plano será votado no parlamento esta semana e que ainda "
            "não está claro quem o vai apoiar, segundo a imprensa.",
            "pt",
        ),
        (
            "De minister zei dat het plan deze week in het parlement in stemming wordt "
            "gebracht en dat nog niet duidelijk is wie het zal steunen.",
            "nl",
        ),
        (
            "وزیر گفت که این طرح این هفته در مجلس به رأی گذاشته می‌شود و هنوز روشن نیست چه "
            "کسی از آن حمایت می‌کند.",
            "fa",
        ),
        (
            "وقال الوزير إن الخطة ستطرح للتصويت في البرلمان هذا الأسبوع وإنه ليس من الواضح "
            "بعد من سيؤيدها.",
            "ar",
        ),
        ("وزیر نے کہا کہ یہ منصوبہ اس ہفتے پارلیمنٹ میں ووٹ کے لیے پیش کیا جائے گا۔", "ur"),
        (
            "Министр сказал, что план будет вынесен на голосование в парламенте на этой "
            "неделе, и пока неясно, кто его поддержит.",
            "ru",
        ),
        (
            "Міністр сказав, що план буде винесено на голосування в парламенті цього тижня, і "
            "поки незрозуміло, хто його підтримає.",
            "uk",
        ),
        ("Ο υπουργός είπε ότι το σχέδιο θα τεθεί σε ψηφοφορία στη Βουλή αυτή την εβδομάδα.", "el"),
        ("השר אמר כי התוכנית תועלה להצבעה בכנסת השבוע.", "he"),
        ("部长说，该计划将于本周提交议会表决。", "zh"),
        ("大臣は、計画は今週議会で採決されると述べた。", "ja"),
        ("장관은 이 계획이 이번 주 의회에서 표결에 부쳐질 것이라고 말했다.", "ko"),
        ("Short text.", None),  # too little evidence
        ("123 456 789", None),
        ("Министр и премьер встретились вчера в Софии.", None),  # Cyrillic, no Russian-only letter
    ],
)
def test_detect_lang(text: str, lang: str | None) -> None:
    assert extract_lang([text]) == lang


TAGGED = [
    "Foreign Minister Javad Zarif met the envoy in Vienna on Monday. Zarif said the talks "
    "were useful.",
    "Later, Javad Zarif told reporters in Vienna that Zarif’s team would stay. Following a "
    "report by the agency, officials in Vienna agreed.",
    "But the agency said Tehran had not answered. In Tehran, officials were silent, and "
    "Tehran’s press said nothing about Tehran.",
    "The talks resume on Monday, January 7. One official said 2019 would be decisive.",
]


def test_tags() -> None:
    tags = extract_tags(TAGGED, "en")
    # Full name merged with the last-name mentions, first; then single names seen 3+ times.
    assert tags == ("Javad Zarif", "Tehran", "Vienna")
    assert "Zarif" not in tags and "Following" not in tags  # merged / sentence-initial
    assert not any(t in tags for t in ("Monday", "January", "One", "But", "In", "2019"))


@pytest.mark.parametrize(
    ("paragraphs", "lang", "tags"),
    [
        (["Iran " * 10], "en", ()),  # one run of ten capitals: one name, seen once
        # Capitals that only ever open a sentence.
        (
            ["Following the vote, we left. Following that, we ate. Following orders, we ran."],
            "en",
            (),
        ),
        (["The Sun said so. The Sun was sued. We read The Sun."], "en", ("Sun",)),  # a paper
        (["Ordinary Iranians use proxies. Many Iranians do. Young Iranians, too."], "en", ()),
        (["Die Regierung und die Regierung und die Regierung"], "de", ()),  # German nouns
        (["We met in Oslo, Oslo, Oslo, Oslo, Oslo and Oslo."], "en", ("Oslo",)),
        ([f"Item {n} went to Acme, Acme and Acme." for n in range(3)], "en", ("Acme",)),
    ],
)
def test_tags_are_not_junk(paragraphs: list[str], lang: str, tags: tuple[str, ...]) -> None:
    assert extract_tags(paragraphs, lang) == tags


def test_at_most_five_tags() -> None:
    names = ["Oslo", "Bergen", "Tromsø", "Narvik", "Bodø", "Alta"]
    text = " ".join(f"We saw {n}, {n} and {n}." for n in names)
    assert extract_tags([text], "en") == tuple(names[:5])


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        # A label and its tags on one line, in the languages seeds come in.
        ("Tags: water, drought, city council", ("water", "drought", "city council")),
        ("Schlagworte: Trinkwasser, Talsperre", ("Trinkwasser", "Talsperre")),
        ("Schlagwörter: Dürre; Notregeln", ("Dürre", "Notregeln")),
        ("Stichwörter: Wasser | Stadtrat", ("Wasser", "Stadtrat")),
        ("Themen: Klima • Wasser", ("Klima", "Wasser")),
        ("Etiquetas: agua, sequía", ("agua", "sequía")),
        ("Étiquettes : eau, sécheresse", ("eau", "sécheresse")),  # French space before colon
        ("Mots-clés: eau, conseil municipal", ("eau", "conseil municipal")),
        ("Tagi: woda, susza", ("woda", "susza")),
        ("Tag: acqua, siccità", ("acqua", "siccità")),
        ("Etiketler: su, kuraklık", ("su", "kuraklık")),
        ("Теги: вода, засуха", ("вода", "засуха")),
        ("Trefwoorden: water, droogte", ("water", "droogte")),
        ("Címkék: víz, aszály", ("víz", "aszály")),
        ("Ετικέτες: νερό, ξηρασία", ("νερό", "ξηρασία")),
        ("Thẻ: nước, hạn hán", ("nước", "hạn hán")),
        ("Štítky: voda, sucho", ("voda", "sucho")),
        ("TAGS: Water, Drought", ("Water", "Drought")),  # in capitals
        ("Tagged with: water, drought", ("water", "drought")),
        ("Tagged water, drought", ("water", "drought")),  # no colon after "Tagged"
        # Scripts without capitals: the Arabic comma, the ideographic comma and colon.
        ("برچسب‌ها: آب، تهران، خشکسالی", ("آب", "تهران", "خشکسالی")),
        ("الوسوم: المياه، الجفاف", ("المياه", "الجفاف")),
        ("标签：水资源、干旱", ("水资源", "干旱")),
        ("タグ：水、干ばつ", ("水", "干ばつ")),
        # The label alone, the tags on the lines below (after blank lines), up to a blank line.
        ("Tags\n\nWater\nCity council\n\nRelated stories", ("Water", "City council")),
        ("برچسب‌ها\nآب\nتهران", ("آب", "تهران")),
        ("Topics\n\nWater, Drought", ("Water", "Drought")),  # ... or on one line below it
        # Kept as written, each once (any case), the list's last stop dropped.
        ("Tags: Water, water, WATER, <b>x</b>", ("Water", "<b>x</b>")),
        ("Tags: Wasser, Neu Delhi, und Dürre.", ("Wasser", "Neu Delhi", "und Dürre")),
        # Not tags: a sentence that starts with the word, a label's value, glued links, a
        # run of lines not all tags, a blog's placeholder, a list of six words and more.
        ("Tags darauf fuhren wir nach Hause.", ()),
        ("Tags\n\nReads: 77\nPosted: Monday", ()),
        ("Tags: WaterDroughtCouncilCity", ()),
        ("Tags:Uncategorized", ()),
        ("Tags: water supply rules for the whole city", ()),
        ("Tag der Arbeit", ()),  # the German day, no label
    ],
)
def test_the_seeds_own_tags(text: str, tags: tuple[str, ...]) -> None:
    assert seed_tags(f"Headline\n{text}\n", below=1) == tags


def test_seed_tags_above_the_headline_are_menus_and_the_count_is_capped() -> None:
    menu = "Themen\nPolitik\nSport\n\nHeadline\nBody text here."
    assert seed_tags(menu, below=5) == ()
    many = ", ".join(f"tag{n}" for n in range(30))
    assert len(seed_tags(f"Headline\nTags: {many}", below=1)) == MAX_SEED_TAGS


def test_the_seeds_own_tags_come_first_in_the_article() -> None:
    body = (
        "شورای شهر تهران روز سه‌شنبه محدودیت‌های مصرف آب را برای شش ماه دیگر تمدید کرد، پس از "
        "آنکه ذخایر سدها به پایین‌ترین سطح چهل سال اخیر رسید."
    )
    text = f"کاهش ذخایر سدهای تهران\n{body}\n{body}\nبرچسب‌ها: آب، تهران\n"
    assert run_text(text).meta.tags == ("آب", "تهران")
    # Then the names found in the text, without a tag twice: at most MAX_TAGS in all.
    assert merge_tags(("Tehran", "water"), ("Javad Zarif", "tehran")) == (
        "Tehran",
        "water",
        "Javad Zarif",
    )
    assert len(merge_tags(tuple(f"t{n}" for n in range(10)), ("Oslo",))) == MAX_TAGS


@pytest.mark.parametrize(
    ("paragraphs", "tags"),
    [
        # Possessives count for the name: Zarif’s, Zarif's, Zarif'.
        (["Zarif’s aide met Zarif. Then Zarif's car left, and Zarif' spoke."], ("Zarif",)),
        # Particles join a name and stay in it.
        (
            [
                "He met Osama bin Laden. Osama bin Laden left, and Ludwig van Beethoven and "
                "Ludwig van Beethoven played."
            ],
            ("Osama bin Laden", "Ludwig van Beethoven"),
        ),
        # A title is dropped, and the last name alone adds to the full one.
        (["We saw President Donald Trump, then Donald Trump and Trump again."], ("Donald Trump",)),
        # Hashtags, handles and capitals inside a word are no names.
        (["They posted #Iran, @Iran, #Iran and @Iran with xIran and x-Iran."], ()),
        # A sentence opens after quotes and brackets ...
        (['He left. "Following that, we ate. «Following» it. (Following us.'], ()),
        # ... however many of them there are (a long row is walked back in Python) ...
        (['He left.    "(Following that, we ate.    "(Following it.    "(Following us.'], ()),
        (['We saw    "(Oslo, then    "(Oslo and    "(Oslo.'], ("Oslo",)),
        # ... after a dash that ends the word before it ...
        # (the dash that ends "Foo-" is part of its run: the walk back reaches into it.)
        (['We met Foo- "Bar, Foo- "Bar and Foo- "Bar.'], ("Foo-",)),
        (['We met Foo, "Bar, Foo, "Bar and Foo, "Bar.'], ("Foo", "Bar")),
        # ... and at the start of a paragraph.
        (["Oslo was cold.", "Oslo was wet.", "Oslo was dark."], ()),
        (["Говорил Путин. Потом и Путин, и снова Путин, и Путин."], ("Путин",)),
        (["東京で会議が開かれた。東京と東京。"], ()),  # no capitals: no tags
    ],
)
def test_tag_edges(paragraphs: list[str], tags: tuple[str, ...]) -> None:
    assert extract_tags(paragraphs, "en") == tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Dr. Smith met Mr. Jones. Then he left.", ["Dr. Smith met Mr. Jones.", "Then he left."]),
        ("The U.S. Senate met. It voted.", ["The U.S. Senate met.", "It voted."]),
        ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
        ("Prices rose 2.5 per cent. Good.", ["Prices rose 2.5 per cent.", "Good."]),
        ("e.g. this is one sentence.", ["e.g. this is one sentence."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("words", "minutes"), [(1, 1), (220, 1), (330, 2), (488, 2), (550, 3), (2200, 10)]
)
def test_reading_time(words: int, minutes: int) -> None:
    # 220 words a minute, half a minute rounded up (550 words: 2.5 -> 3), at least 1.
    article = extract_lines("Rates rise again", " ".join(["word"] * (words - 1)) + " end.")
    assert (article.meta.words, article.meta.reading_time) == (words, minutes)


@pytest.mark.parametrize(
    ("paragraphs", "size"),
    [
        (["Rates rise again."], (3, 1)),
        (["Café au lait, déjà vu."], (5, 1)),  # not ASCII, all spaced: words by the spaces
        (["北京是中国的首都。"], (9, 1)),  # a character a word (the full stop is one too)
        (["東京で Apple が発表した 2 件", "Second one."], (13, 1)),  # kana and kanji, a name
        (["ภาษาไทย ง่าย"], (11, 1)),  # Thai spaces phrases, not words
        # 1,000 characters at 500 a minute and 110 words at 220: two and a half minutes, 3.
        (["字" * 1000, "word " * 110], (1110, 3)),
    ],
)
def test_text_size(paragraphs: list[str], size: tuple[int, int]) -> None:
    assert text_size(paragraphs) == size


@pytest.mark.parametrize(
    ("lines", "byline", "author"),
    [
        # A name alone beside the date line: the page's byline without "By".
        (("Rates rise again for the third time", "Jo Li", "March 3, 2021", BODY), "Jo Li", "Jo Li"),
        # The date line names its author.
        (
            ("Rates rise again for the third time", "Jo Li - Mar 3, 2021, 10:31 pm CST", BODY),
            None,
            "Jo Li",
        ),
        # "By" on a line of its own, the name below it.
        (
            ("Rates rise again for the third time", "By", "Jane Roe Smith", BODY),
            "Jane Roe Smith",
            "Jane Roe Smith",
        ),
        # After the date stand categories and events, not authors.
        (("Rates rise again for the third time", "01.02.2022 | Spring-Meeting", BODY), None, None),
        # The headline written again beside the date is no byline.
        (("Rates Rise Again", "Rates Rise Again", "March 3, 2021", BODY), None, None),
        # A section label above the headline is no byline, even beside a date.
        (("Middle East", "Rates rise again for the third time", "March 3, 2021", BODY), None, None),
    ],
)
def test_unlabelled_bylines(lines: tuple[str, ...], byline: str | None, author: str | None) -> None:
    article = extract_lines(*lines)
    meta = article.meta
    assert meta.author == author
    if byline:
        assert meta.byline == byline
    # A lone "By" above the name is the byline's label: reported, not left in the body.
    assert "By" not in article.paragraphs


def test_a_long_date_line_is_the_date_line_and_shows_as_written() -> None:
    # Sixteen words read like a sentence; it is the header's date line all the same.
    line = "Publié le 12 octobre 2021 à 18h05, mis à jour le 13 octobre 2021 à 07h40"
    standfirst = (
        "Trois grands axes du centre-ville ont perdu une voie de circulation au profit des vélos."
    )
    article = extract_lines(
        "Les pistes cyclables divisent", standfirst, "Par Claire Dubois", line, BODY
    )
    meta = article.meta
    assert (meta.date, meta.updated, meta.date_line) == ("2021-10-12", "2021-10-13", line)
    assert line not in article.paragraphs and standfirst in article.paragraphs


def test_a_dateline_paragraph_is_no_byline() -> None:
    first = (
        "SAN DIEGO, April 12, 2022 /PRNewswire/ -- Helio Cells, Inc., a developer of recycling"
        " technology, today announced plans to build a plant near El Centro, California."
    )
    article = extract_lines("Helio Cells to open a recycling plant in Imperial Valley", first, BODY)
    assert article.meta.byline is None and article.meta.date == "2022-04-12"
    assert article.paragraphs[0] == first


def test_without_a_headline_the_title_is_the_first_sentence_of_prose() -> None:
    # A label left at the top ("Index —") is no headline, and no title either.
    article = extract_lines("Index —", BODY, BODY.replace("Thursday", "Friday"))
    assert article.meta.title == BODY
    assert any("no headline found" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("paragraphs", "size"),
    [
        (["word " * 440], (440, 2)),  # 220 words a minute
        (["北京" * 1000], (2000, 4)),  # each Han character a word, 500 characters a minute
        (["東京の美術館は夜も開いている。" * 100], (1500, 3)),  # kana count too
        (["北京博物馆 COVID-19 开放"], (8, 1)),  # Latin words among Han characters
        (["서울 박물관이 야간 개장을 시작했다"], (5, 1)),  # Korean spaces its words
        (["تهران ۱۴۰۰ آب"], (3, 1)),
        ([], (0, 1)),  # never under a minute
    ],
)
def test_text_size_in_any_script(paragraphs: list[str], size: tuple[int, int]) -> None:
    assert text_size(paragraphs) == size


@pytest.mark.parametrize(
    ("paragraph", "lang", "place", "iso"),
    [
        ("تهران، ۳ مهر ۱۴۰۰ - ذخایر آب سدهای تهران کاهش یافت.", "fa", "تهران", "2021-09-25"),
        ("بيروت، ٣ مارس ٢٠٢١ - قال مسؤولون إن المياه انخفضت.", "ar", "بيروت", "2021-03-03"),
        ("PARIS, 3 mars 2021 - Le conseil a voté mardi.", "fr", "PARIS", "2021-03-03"),
        ("Madrid, 3 de marzo de 2021 - El consejo votó.", "es", "Madrid", "2021-03-03"),
        ("北京3月3日电 北京市文物局3日发布消息。", "zh", "北京", None),  # wire copy: no year
        ("新华社北京3月3日电 北京市文物局3日发布消息。", "zh", "北京", None),
    ],
)
def test_datelines_in_other_languages_and_calendars(
    paragraph: str, lang: str, place: str, iso: str | None
) -> None:
    found = parse_dateline(paragraph, lang)
    assert found is not None and (found.place, found.date) == (place, iso)
    assert not paragraph[found.end :].startswith(("-", " "))


def test_the_dateline_opens_the_first_paragraph_of_prose_not_a_control_above_it() -> None:
    body = (
        "PARIS, 3 mars 2021 - Le conseil municipal a voté mardi la prolongation des mesures "
        "d'urgence sur l'eau pour six mois, après la baisse des réservoirs."
    )
    article = run_bytes("\n".join(["Le conseil prolonge les mesures", "A+", body]).encode())
    assert article.meta.dateline == "PARIS"
    assert article.meta.description is not None
    assert article.meta.description.startswith("Le conseil municipal a voté")


def test_a_tables_dated_row_is_a_header_field_not_the_publication_date() -> None:
    # An infobox above the text: its dated row ("Founded<TAB>…") gives no publication date, but
    # it still marks the box, so the box's last short lines are not taken for the headline.
    seed = "\n".join(
        [
            "Acme",
            "",
            "From Wikipedia, the free encyclopedia",
            "",
            "Acme",
            "Industry \tHardware",
            "Founded \tFebruary 28, 1998; 18 years ago",
            "Founder \tJane Roe",
            "Divisions",
            "",
            "Acme Tools",
            "Acme Labs",
            "",
            "Acme is a maker of tools and hardware, founded in 1998 by Jane Roe in a small "
            "workshop; it now sells its tools in forty countries and employs some 2,000 people.",
            "Its best-known product is an anvil that has been sold since the company's first "
            "year, and which is still made in the same workshop by hand, to the same drawings.",
        ]
    )
    data = seed.encode()
    s = Seed("090_acme.txt", data, hashlib.sha256(data).hexdigest())
    decoded = decode(s)
    article = extract(clean(decoded), s, decoded)
    assert article.meta.title == "Acme"
    assert article.meta.date is None
