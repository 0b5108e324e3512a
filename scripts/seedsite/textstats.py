"""Facts about a body of text that ``extract`` needs: sentences, language and tags.

Small and fast on purpose (a few dozen microseconds per seed): stop-word ratios and Unicode
scripts instead of a language model, capitalized-phrase counts instead of an NLP pipeline.
Each function returns "nothing" (``None``, ``()``) rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable


def wordset(words: str) -> frozenset[str]:
    """A word list written as one string (long lists read better that way)."""
    return frozenset(words.split())


# Stop words that tell the main Latin-script languages apart (shared ones such as "de", "la",
# "a", "in" are left out: they vote for several languages at once).
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: wordset(words)
    for lang, words in {
        "en": "the of and to is that for it was on with as by at from this are be have has an "
        "not but they which were their been would who said its will",
        "fr": "le les des du et est une un dans pour pas qui sur au aux avec ce cette il elle ont "
        "sont été par plus ses leur mais nous vous aussi",
        "es": "el los las del y que una por con para es se al lo como más pero sus ha fue son "
        "está muy también entre",
        "de": "der die das und ist nicht ein eine zu den dem des mit sich auf für von im auch "
        "wird sind wurde bei nach aus wie hat",
        "it": "il di che è per della delle degli gli si da alla nel non sono anche come ma questo "
        "una ha dei",
        "pt": "o os do da dos das em um uma para com não por no na mais foi são ao como mas pelo "
        "pela seu sua",
        "nl": "het een en van dat op te zijn voor met niet die er aan ook als bij door maar "
        "worden heeft naar",
    }.items()
}
STOPWORDS: frozenset[str] = frozenset().union(*_STOPWORDS.values())
"""The stop words of every language above: function words, in any of them."""
# Characters of the text sampled for its language: some 200 words, plenty for stop-word counts.
_SAMPLE = 1200
# Stop-word hits below which a Latin-script text is too short or too odd to name.
_MIN_HITS = 5
_MIN_RATIO = 0.12
_MIN_LEAD = 1.5

# Punctuation that clings to words ("it," "(the"), made space so words split cleanly.
# (A regex, not str.translate: translate is ten times slower on non-ASCII text.)
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]{}\"“”«»„‘’'…–—/-]")
_NON_LATIN = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0e00-\u0e7f"
    "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff]"
)
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("cyrillic", re.compile("[\u0400-\u04ff]")),
    ("greek", re.compile("[\u0370-\u03ff]")),
    ("hebrew", re.compile("[\u0590-\u05ff]")),
    ("kana", re.compile("[\u3040-\u30ff]")),
    ("han", re.compile("[\u4e00-\u9fff]")),
    ("hangul", re.compile("[\uac00-\ud7af]")),
    ("thai", re.compile("[\u0e00-\u0e7f]")),
)
# Letters only Urdu, or only Persian (and Urdu), write; Arabic uses ي and ك instead of ی and ک.
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06d2\u06d3]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_SERBIAN = re.compile("[ђјљњћџЂЈЉЊЋЏ]")
_RUSSIAN = re.compile("[ыэЫЭ]")

# Where a sentence ends inside a text (to split it), and whether a line ends one.
_SENTENCE_END = re.compile(r"[.!?…؟。！？]+[\"”’»)\]]*(?=\s|$)")
SENTENCE_END = re.compile(r"[.!?…。！？؟][\"”’»)\]]*$")
"""A line that ends as a sentence does, in any script (after its closing quote or bracket)."""
_ABBREVIATIONS = wordset(
    "mr mrs ms dr prof st gen sen rep gov lt col sgt capt jr sr no vs etc inc co corp ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e approx fig"
)

# Tags: capitalized words and phrases. Anything else in a sentence breaks a phrase.


def _char_class(predicate: Callable[[str], bool], limit: int = 0x530) -> str:
    """A regex character class body of the code points below ``limit`` that satisfy it."""
    chars = [chr(c) for c in range(limit) if predicate(chr(c))]
    return "".join(re.escape(c) for c in chars)


# Capitals of the Latin, Greek and Cyrillic scripts (re has no \p{Lu}).
_UPPER = _char_class(str.isupper)
# What may not precede a run (a handle, a hashtag, the middle of a word: "iPhone"), besides a
# letter or digit.
_NOT_BEFORE = frozenset("@#_'’-")
# What may stand between a sentence's end and its first word.
_OPENERS = frozenset(" \t\"“‘'«(\u00a0")
_BREAKS_SENTENCE = frozenset(".!?:;…-–—")


def _one_of(chars: frozenset[str]) -> str:
    return "[" + re.escape("".join(sorted(chars))) + "]"


# A run of capitalized words after its first letter, with name particles between them
# ("Ministry of Intelligence").
_RUN_REST = (
    rf"[\w'’-]*(?:[ \t]+(?:(?:of|al|bin|ibn|de|del|van|von|der|la)[ \t]+)*[{_UPPER}][\w'’-]*)*"
)
# Openers looked behind for: a run after more of them is settled in Python (``_settled``).
_MAX_OPENERS = 3
# A run, classified by what precedes it, so that one findall call returns every run with its
# class and a Counter counts them in C: this used to be a Python loop over each match, a third
# of the time of the whole pipeline. The groups: the first letter, then the rest of the run in
# one of four: after a letter or _NOT_BEFORE ("after"), opening a sentence (a break, then up to
# _MAX_OPENERS openers: "opening"), after more openers than that ("unsure"), or inside a
# sentence ("inside"). A one-letter run leaves all four empty, and is never a tag.
# (The lookbehinds come after the first letter, which the regex engine finds by a fast scan
# for its character set: a lookbehind at every position of the text costs more than the rest
# of the tagging.)
_CAP_RUN = re.compile(
    rf"([{_UPPER}])(?:"
    rf"(?<=[\w{re.escape(''.join(sorted(_NOT_BEFORE)))}].)({_RUN_REST})"
    rf"|(?:"
    + "|".join(
        f"(?<={_one_of(_BREAKS_SENTENCE)}{_one_of(_OPENERS)}{{{n}}}.)"
        for n in range(_MAX_OPENERS + 1)
    )
    + rf")({_RUN_REST})"
    rf"|(?<={_one_of(_OPENERS)}{{{_MAX_OPENERS + 1}}}.)({_RUN_REST})"
    rf"|({_RUN_REST}))"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_ENDS = frozenset("s'’")
_PHRASE_PARTICLES = wordset("of al bin ibn de del van von der la")
_NOT_TAGS = wordset(
    "a an the and or but nor so yet for of in on at to by from with as if then than that "
    "this these those there here it its he she his her they their them we our you your i "
    "my me us who whom whose which what when where why how all any both each every few "
    "more most other some such no not only own same too very can will just should now "
    "is are was were be been being have has had do does did also however meanwhile "
    "after before while since although though because during despite according one two "
    "mr mrs ms dr le la les el los las der die das un una une il lo y et und"
    " january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday"
    " friday saturday sunday today yesterday tomorrow"
)
# Titles before a name, dropped from the tag ("President Donald Trump" -> "Donald Trump").
_TITLES = wordset(
    "president vice prime minister foreign interior defence defense finance secretary "
    "senator sen rep representative gov governor mayor chancellor king queen prince princess "
    "pope general gen judge justice chief leader majority minority democratic republican "
    "senate house speaker spokesman spokeswoman ceo chairman chairwoman director professor "
    "prof dr mr mrs ms sir lord lady ayatollah sheikh commander colonel col lieutenant lt "
    "captain capt deputy former acting interim supreme"
)
_MAX_TAGS = 5
# A full name counts once seen twice, or once plus two last-name mentions.
_MIN_NAME_MENTIONS = 3
# A single capitalized word counts once seen this often away from a sentence start.
_MIN_WORD_MENTIONS = 3


# Scripts written without spaces between words: Han, hiragana, katakana (and their marks), and
# Thai. (Korean spaces its words.) Each character counts as a word there, as word processors
# count East Asian text, and is read at characters a minute, as reading-time tools do.
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORDS_PER_MINUTE = 220
_CHARACTERS_PER_MINUTE = 500


NO_SPACES = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
"""A Chinese or Japanese character: scripts that write no spaces between words."""


def line_words(text: str) -> int:
    """Words in a line, for telling a label from a headline or a paragraph (a line of Chinese
    or Japanese counts by its characters, 2 a word: a rough match for a line's weight)."""
    n = len(text.split())
    if n <= 2 and NO_SPACES.search(text):
        return max(n, len(NO_SPACES.findall(text)) // 2)
    return n


def text_size(paragraphs: tuple[str, ...] | list[str]) -> tuple[int, int]:
    """Words and reading time in minutes (at least one) of a body, in any script.

    Words are what spaces separate; in Chinese, Japanese and Thai each character is one, and
    those characters are read at ``_CHARACTERS_PER_MINUTE``: a Chinese article of 2,000
    characters is 2,000 words and a four-minute read, not "12 words".
    """
    spaced = unspaced = 0
    for paragraph in paragraphs:
        # (An ASCII paragraph has none, and isascii() reads a flag where the search reads every
        # character: most paragraphs of Latin-script text never need it.)
        found = 0
        if not paragraph.isascii() and _UNSPACED.search(paragraph):
            found = len(_UNSPACED.findall(paragraph))
        if found:
            unspaced += found
            # The rest of the paragraph (Latin names, figures) in words.
            spaced += len(_UNSPACED.sub(" ", paragraph).split())
        else:
            spaced += len(paragraph.split())
    minutes = spaced / _WORDS_PER_MINUTE + unspaced / _CHARACTERS_PER_MINUTE
    # Half a minute rounds up (round() would send 2.5 to 2).
    return spaced + unspaced, max(1, int(minutes + 0.5))


def sentences(text: str) -> list[str]:
    """Split text into sentences, not at abbreviations (``Dr.``, ``U.S.``, ``Sept.``)."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = text[text.rfind(" ", start, match.start()) + 1 : match.start()]
            if word.lower() in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper()):
                continue
        following = text[match.end() : match.end() + 3].lstrip(' "“‘«(')
        if following[:1].islower():
            continue  # "e.g. the" or a quote closing mid-sentence: not a boundary
        out.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def _script_lang(sample: str) -> str | None:
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS}
    script = max(counts, key=lambda name: counts[name])
    total = counts[script]
    if script == "arabic":
        if len(_URDU.findall(sample)) > total * 0.005:
            return "ur"
        return "fa" if len(_PERSIAN.findall(sample)) > total * 0.02 else "ar"
    if script == "cyrillic":
        if _UKRAINIAN.search(sample):
            return "uk"
        if _SERBIAN.search(sample):
            return "sr"
        return "ru" if _RUSSIAN.search(sample) else None  # Bulgarian, Macedonian: unsure
    if script in ("han", "kana"):
        # Japanese mixes kana into its kanji; Chinese has none.
        return "ja" if counts["kana"] >= 0.05 * (counts["han"] + counts["kana"]) else "zh"
    return {"greek": "el", "hebrew": "he", "hangul": "ko", "thai": "th"}[script]


def extract_lang(paragraphs: tuple[str, ...] | list[str]) -> str | None:
    """ISO 639-1 code of the text's language, or None when the evidence is thin."""
    sample = " ".join(paragraphs)[:_SAMPLE]
    if _NON_LATIN.search(sample):
        non_latin = len(_NON_LATIN.findall(sample))
        if non_latin > len(_LATIN.findall(sample)):
            return _script_lang(sample)
    words = _PUNCTUATION.sub(" ", sample.lower()).split()
    counts = Counter(words)
    hits = sorted(
        ((sum(counts[w] for w in stop if w in counts), lang) for lang, stop in _STOPWORDS.items()),
        reverse=True,
    )
    (first, best), (second, _) = hits[0], hits[1]
    if first < _MIN_HITS or first < _MIN_RATIO * len(words) or first < _MIN_LEAD * second:
        return None
    return best


def _opens_sentence(text: str, start: int) -> bool:
    before = start - 1
    while before >= 0 and text[before] in _OPENERS:
        before -= 1
    return before < 0 or text[before] in _BREAKS_SENTENCE


_Run = tuple[str, str, str, str, str]
"""A match of ``_CAP_RUN``: its first letter and its rest in the group of its class."""


def _settled(match: re.Match[str]) -> _Run:
    """A run with its class settled by walking back over the openers before it."""
    first, after, opening, unsure, inside = match.groups(default="")
    if unsure:
        if _opens_sentence(match.string, match.start()):
            opening = unsure
        else:
            inside = unsure
    return first, after, opening, "", inside


def _runs(text: str) -> Counter[_Run]:
    """The runs of capitalized words in a text, counted, in the order first seen."""
    runs = Counter(_CAP_RUN.findall(text))
    if any(run[3] for run in runs):  # rare: a run after a long row of openers
        runs = Counter(map(_settled, _CAP_RUN.finditer(text)))
    return runs


def _bare(token: str) -> str:
    """A word without its possessive: ``Iran’s`` -> ``Iran``."""
    return _POSSESSIVE.sub("", token) if token[-1] in _POSSESSIVE_ENDS else token


# A name found: its words, whether it opens a sentence, and how often it was seen so.
_Found = list[tuple[tuple[str, ...], bool, int]]


def _phrase_names(text: str, after_word: bool, opening: bool, count: int, found: _Found) -> None:
    """Append the names in a run of several capitalized words."""
    tokens = text.split()
    first = not after_word  # does the run start where the match does?
    if after_word:  # a handle, a hashtag, or the middle of a word ("iPhone")
        tokens = tokens[1:]
    run: list[str] = []
    for token in tokens:
        bare = _bare(token)
        lower = bare.lower()
        if (lower in _NOT_TAGS and lower not in _PHRASE_PARTICLES) or len(bare) < 2:
            # "But Iran", "The Iranian", "Iran September": not part of a name.
            _flush(run, first and opening, count, found)
            run, first = [], False
            continue
        if run or lower not in _PHRASE_PARTICLES:
            run.append(bare)
        if bare != token:  # "Zarif’s tweet": the possessive ends the name
            _flush(run, first and opening, count, found)
            run, first = [], False
    _flush(run, first and opening, count, found)


def _flush(run: list[str], initial: bool, count: int, found: _Found) -> None:
    while run and run[-1] in _PHRASE_PARTICLES:
        run.pop()
    # "Senate Majority Leader Mitch McConnell" is Mitch McConnell; "Foreign Ministry" stays.
    cut = 0  # (one slice, not a pop from the front per title: "President President ...")
    while len(run) - cut > 2 and run[cut].lower().rstrip(".") in _TITLES:
        cut += 1
    if cut:
        run, initial = run[cut:], False
    if run:
        found.append((tuple(run), initial, count))


def extract_tags(paragraphs: tuple[str, ...] | list[str], lang: str | None) -> tuple[str, ...]:
    """Up to five names and keywords (repeated capitalized phrases and words), commonest first."""
    # One text, the paragraphs joined by full stops: a paragraph's first word then opens a
    # sentence as any other, and no run reaches across (a full stop is not part of one).
    found: _Found = []
    for (first, after, opening, _, inside), count in _runs("." + ".".join(paragraphs)).items():
        text = first + (inside or opening or after)
        if " " not in text:  # most runs are one word: the short way
            if text[-1] in _POSSESSIVE_ENDS:
                text = _POSSESSIVE.sub("", text)
            if not after and len(text) > 1 and text.lower() not in _NOT_TAGS:
                found.append(((text,), bool(opening), count))
        else:
            _phrase_names(text, bool(after), bool(opening), count, found)
    # (Plain dicts, not Counters: a Counter's missing key is a Python call, and this loop runs
    # for every name of every seed.)
    multi: dict[tuple[str, ...], int] = {}
    inside_sentence: set[tuple[str, ...]] = set()  # ... seen once or more not opening one
    single: dict[str, int] = {}  # one-word mentions that do not open a sentence
    mentions: dict[str, int] = {}  # one-word mentions anywhere (for last names)
    order: dict[str, int] = {}
    for words, initial, count in found:
        if len(words) > 1:
            order.setdefault(" ".join(words), len(order))
            multi[words] = multi.get(words, 0) + count
            if not initial:
                inside_sentence.add(words)
            continue
        word = words[0]
        order.setdefault(word, len(order))
        mentions[word] = mentions.get(word, 0) + count
        if not initial:  # a capital opening a sentence says nothing ("Following a report")
            single[word] = single.get(word, 0) + count
    scores: dict[str, int] = {}
    merged: set[str] = set()
    for words, count in multi.items():
        # A person's full name, then their last name alone: "Javad Zarif" ... "Zarif said".
        person = len(words) <= 3 and _PHRASE_PARTICLES.isdisjoint(words)
        last = mentions.get(words[-1], 0) if person else 0
        # Seen at least once inside a sentence: "Ordinary Iranians use ..." is no name.
        if words in inside_sentence and (count >= 2 or count + last >= _MIN_NAME_MENTIONS):
            scores[" ".join(words)] = count + last
            if last:
                merged.add(words[-1])
    # German capitalizes every noun: single words there are not names.
    if lang != "de":
        for word, count in single.items():
            if count >= _MIN_WORD_MENTIONS and word not in merged:
                scores[word] = count
    ranked = sorted(scores, key=lambda name: (-scores[name], order[name]))
    return tuple(ranked[:_MAX_TAGS])


# The seed's own tags: a line of them under a label ("Tags: a, b", "Schlagworte: …",
# "برچسب‌ها: …"), or the label alone with the tags on the lines below it. The labels, in the
# languages seeds come in (a label stands alone on its line or before a colon: "Tag der Arbeit"
# and "Tags darauf …" are German text, not labels).
_TAG_LABELS = (
    "tags tag tag(s) schlagworte schlagwörter schlagwort stichworte stichwörter themen keywords "
    "topics etiquetas étiquettes étiquette mots-clés mots-clefs etichette argomenti "
    "palavras-chave trefwoorden tagi tematy etiketler теги метки мітки теґи 标签 標籤 关键词 タグ "
    "キーワード 태그 الوسوم وسوم برچسب‌ها برچسبها برچسب کلیدواژه‌ها کلیدواژه תגיות taggar "
    "emneord avainsanat tagit címkék štítky etichete ετικέτες thẻ टैग",
    (
        "palabras clave",
        "parole chiave",
        "słowa kluczowe",
        "anahtar kelimeler",
        "ключевые слова",
        "الكلمات المفتاحية",
        "كلمات مفتاحية",
        "برچسب ها",
        "کلید واژه ها",
        "کلیدواژه ها",
    ),
)


_Trie = dict[str, "_Trie"]


def _cased(words: list[str]) -> str:
    """A pattern of the words as written, capitalised and in capitals, as a tree of their
    common beginnings ("ta(?:gs?|gi)" for "tags", "tag", "tagi").

    (Spelled out rather than matched ignoring case, and a tree rather than a list: the pattern
    opens with a newline, so it is tried at the text's newlines alone, and there it fails at a
    line's first letter or two instead of trying each word in turn.)"""
    forms = {form for w in words for form in (w, w.capitalize(), w.upper(), w.title())}
    tree: _Trie = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{inner})?"
        return inner

    return pattern(tree)


_TAG_WORDS = _TAG_LABELS[0].split() + list(_TAG_LABELS[1])
# (The labels' first letters first, as one class: most lines fail there, at one look.)
_TAG_FIRST = "".join(sorted({f[0] for w in _TAG_WORDS for f in (w, w.upper())}))
_TAG_LINE = re.compile(
    rf"\n[ \t]*(?=[{re.escape(_TAG_FIRST)}])(?:(?:{_cased(_TAG_WORDS)})[ \t]*"
    r"(?:[:：](?P<inline>[^\n]*))?"
    rf"|(?:{_cased(['tagged', 'tagged with', 'tagged in', 'tagged as'])})[ \t]*:?[ \t]"
    r"(?P<tagged>[^\n]*))(?=\n|$)"
)
# What separates tags on one line: commas (Latin, Arabic, CJK), semicolons, bars, bullets, a
# slash between spaces. (The spaces around are stripped after: a pattern that took them along
# would try every space of a long run again.)
_TAG_SEP = re.compile(r"[,;|•·،؛、，]|(?<=\s)/(?=\s)")
_TAG_MAX_WORDS = 5
_TAG_MAX_CHARS = 60
# The label alone: its tags are on the lines below, after at most this many blank lines.
_TAG_GAP = 3
# How far below a label alone its tags are looked for, in characters; how many labels are
# looked at, and how many tags found are enough, before the duplicates go.
_TAG_WINDOW = 4000
_TAG_MATCHES = 50
_TAG_ENOUGH = 50
# A sane number: a seed's own tags, and all of an article's tags.
MAX_SEED_TAGS = 10
MAX_TAGS = 10
# Links scraped without spaces ("WaterDroughtCouncil"): capitals glued on inside words.
_TAG_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
# A blog's placeholder category is no tag.
_NO_TAG = wordset("uncategorized uncategorised allgemein sin-categoría non-classé senza-categoria")


def _one_tag(text: str) -> str | None:
    """A tag as written (trimmed), or None for what is not one: too long, a sentence, a label."""
    tag = text.strip().rstrip(".,;").strip()
    if (
        not tag
        or len(tag) > _TAG_MAX_CHARS
        or len(tag.split()) > _TAG_MAX_WORDS
        or ":" in tag
        or tag[-1] in "!?"
        or not any(c.isalpha() for c in tag)
        or len(_TAG_GLUED.findall(tag)) > 1
        or tag.casefold().replace(" ", "-") in _NO_TAG
    ):
        return None
    return tag


def _tag_row(text: str) -> list[str]:
    """The tags on one line: split at its separators; a line without one is one tag."""
    parts = _TAG_SEP.split(text)
    return [t for t in map(_one_tag, parts) if t]


def seed_tags(text: str, below: int = 0) -> tuple[str, ...]:
    """The tags the seed itself gives, below its line ``below`` (1-based; the headline's): as
    written, deduplicated, at most ``MAX_SEED_TAGS``."""
    found: list[str] = []
    newlines = counted = 0  # (newlines before ``counted``: each part of the text counted once)
    # (Each match opens with the newline before its line: the seed's first line, never a tag
    # line below a headline, is not looked at.)
    for seen, match in enumerate(_TAG_LINE.finditer(text)):
        # (A seed of nothing but labels is looked at so far, no further: the work stays linear.)
        if seen == _TAG_MATCHES or len(found) >= _TAG_ENOUGH:
            break
        if below:
            newlines += text.count("\n", counted, match.start())
            counted = match.start()
            if newlines + 2 <= below:
                continue
        row = match.group("inline") if match.group("tagged") is None else match.group("tagged")
        row = row.strip() if row else row
        if row:
            found += _tag_row(row)
            continue
        # The label alone: the tags are the run of short lines below it, up to a blank line.
        after = match.end() + 1
        rest = text[after : after + _TAG_WINDOW].split("\n", _TAG_GAP + MAX_SEED_TAGS * 2)
        lines = [line.strip() for line in rest[: _TAG_GAP + MAX_SEED_TAGS * 2]]
        start = next((i for i, line in enumerate(lines[: _TAG_GAP + 1]) if line), None)
        if start is None:
            continue
        run = []
        for line in lines[start:]:
            if not line:
                break
            run.append(line)
        if len(run) == 1:
            found += _tag_row(run[0])
        else:
            tags = [_one_tag(line) for line in run]
            # Every line of the run a tag, or it is no run of tags (a related-articles list).
            if all(tags):
                found += [t for t in tags if t]
    return _merge(found, (), MAX_SEED_TAGS)


def _merge(
    first: list[str] | tuple[str, ...], then: tuple[str, ...], limit: int
) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for tag in (*first, *then):
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            out.append(tag)
            if len(out) == limit:
                break
    return tuple(out)


def merge_tags(own: tuple[str, ...], found: tuple[str, ...]) -> tuple[str, ...]:
    """The seed's own tags first, then those found in the text, without a tag twice (any
    case), at most ``MAX_TAGS``."""
    return _merge(own, found, MAX_TAGS) if own else found
