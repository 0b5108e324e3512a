"""decode: bytes to clean text, or a SeedError naming the file, the place and the code point."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seedsite.decode import decode
from seedsite.model import Seed, SeedError

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "seeds" / "000_1682d531997dcce0.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
FRENCH = (FIXTURES / "004_71a6f3e08c5d2b94.txt").read_text("utf-8")
SPANISH = (FIXTURES / "005_2f93d7c1a0e5b846.txt").read_text("utf-8")
NAME = "042_00ff00ff00ff00ff.txt"


def seed(data: bytes, name: str = NAME) -> Seed:
    return Seed(name, data, hashlib.sha256(data).hexdigest())


def error(data: bytes, **kwargs: int) -> SeedError:
    with pytest.raises(SeedError) as caught:
        decode(seed(data), **kwargs)
    assert str(caught.value).startswith(NAME)  # every message names the file
    return caught.value


def test_real_seed_is_utf8_and_untouched() -> None:
    data = REAL.read_bytes()
    decoded = decode(seed(data, REAL.name))
    assert decoded.source == REAL.name
    assert decoded.text == data.decode("utf-8")
    assert (decoded.encoding, decoded.confidence) == ("utf-8", 1.0)
    assert decoded.repairs == () and decoded.warnings == ()


def test_utf8_never_calls_the_slow_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast path: a clean UTF-8 seed needs neither ftfy nor charset-normalizer.
    import charset_normalizer
    import ftfy

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("called on a clean UTF-8 seed")

    monkeypatch.setattr(ftfy, "fix_text", boom)
    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    for path in [REAL, *sorted(FIXTURES.glob("*.txt"))]:
        decode(seed(path.read_bytes(), path.name))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Été à Paris\n".encode(), "utf-8-sig"),
        ("Été à Paris\n".encode("utf-16"), "utf-16"),  # native order with its BOM
        (codecs.BOM_UTF16_LE + "Été à Paris\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Été à Paris\n".encode("utf-16-be"), "utf-16"),
        # UTF-32-LE's mark starts with UTF-16-LE's: it must not be read as UTF-16.
        (codecs.BOM_UTF32_LE + "Été à Paris\n".encode("utf-32-le"), "utf-32"),
    ],
)
def test_byte_order_marks(data: bytes, encoding: str) -> None:
    decoded = decode(seed(data))
    assert decoded.text == "Été à Paris\n"  # no U+FEFF left at the start
    assert (decoded.encoding, decoded.confidence) == (encoding, 1.0)
    assert decoded.warnings == ()


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (FRENCH, "cp1252", "cp1252"),  # « », é, ’ and — all in Windows-1252
        (SPANISH, "latin-1", "cp1252"),  # cp1252 is a superset for these letters
        ("Правительство объявило новые меры в среду вечером.\n" * 8, "cp1251", "cp1251"),
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.\n" * 8, "cp1253", "cp1253"),
    ],
)
def test_legacy_encodings_are_guessed_with_a_warning(text: str, codec: str, expected: str) -> None:
    decoded = decode(seed(text.encode(codec)))
    assert decoded.text == text
    assert decoded.encoding == expected
    assert 0.6 <= decoded.confidence < 1.0  # a guess is never certain
    [warning] = decoded.warnings
    # The build names the file before each seed warning: decode does not, or it is named twice.
    assert warning.startswith("not UTF-8; ") and expected in warning and "%" in warning


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        # Four Greek words: cp1253 and other codecs decode them equally cleanly.
        ("Η κυβέρνηση ανακοίνωσε μέτρα".encode("cp1253"), "cp1253"),
        # 0x8D is undefined in cp1252: only far-fetched codecs remain, none clearly better.
        (bytes([0x8D, 0x41, 0x8D, 0x42]), "cp932"),
    ],
)
def test_weak_guesses_are_refused(data: bytes, guess: str) -> None:
    err = error(data)
    assert guess in err.cause and "50% confidence" in err.cause and "not UTF-8" in err.cause
    assert (err.line, err.column) == (1, 1)  # where the first non-UTF-8 byte is


def test_no_encoding_fits() -> None:
    data = bytes(range(0x80, 0x100)) * 4  # high bytes only, no text in any codec
    err = error(data)
    assert "no legacy encoding fits" in err.cause and err.line == 1


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("CafÃ© au lait", "Café au lait"),
        ("itâ€™s", "it’s"),  # UTF-8 read as cp1252: curly apostrophe
        ("â€œquotedâ€\x9d", "“quoted”"),  # the closing quote's last byte is a C1 control
        ("Ã¢â‚¬â„¢", "’"),  # mojibake of mojibake
        ("Ã  la carte", "à la carte"),  # the NBSP byte became a plain space
        ("mÃ¡s informaciÃ³n", "más información"),
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    decoded = decode(seed(f"{broken}\n".encode()))
    assert decoded.text == f"{fixed}\n"
    assert decoded.repairs == ("mojibake repaired by ftfy",)
    # A repair is a warning too (``--strict`` fails on it), saying how much it changed.
    (warning,) = decoded.warnings
    assert "encoding repaired" in warning and "characters changed" in warning


def test_ftfy_changes_nothing_but_the_mojibake() -> None:
    # Curly quotes, ligatures, full-width letters and entities are the author's text.
    text = "CafÃ© “quoted” ‘single’ ﬁne ＡＢＣ &amp; x…\n"
    assert decode(seed(text.encode())).text == "Café “quoted” ‘single’ ﬁne ＡＢＣ &amp; x…\n"


@pytest.mark.parametrize(
    "text",
    [
        "café’s menu",  # é then ’ looks like mojibake: ftfy runs, and leaves it alone
        "São Paulo e Ñandú",  # Ã-like capitals in real words
        "Привет, “мир”",
    ],
)
def test_clean_text_that_looks_odd_is_left_alone(text: str) -> None:
    decoded = decode(seed(text.encode()))
    assert decoded.text == text and decoded.repairs == ()


@pytest.mark.parametrize(
    ("data", "text", "repair"),
    [
        (b"a\r\nb\r\n", "a\nb\n", "CRLF newlines"),
        (b"a\rb\r", "a\nb\n", "CR newlines"),  # old Mac files
        (b"a\r\nb\rc\n", "a\nb\nc\n", "CRLF newlines"),  # mixed: both become LF
        ("Cafe\u0301\n".encode(), "Café\n", "normalized to NFC"),  # decomposed é
    ],
)
def test_newlines_and_nfc(data: bytes, text: str, repair: str) -> None:
    decoded = decode(seed(data))
    assert decoded.text == text and repair in decoded.repairs


# Enough ordinary text that one stray character is a stray, not a binary file.
PROSE = "\n\nA paragraph of ordinary prose, long enough to make a page of its own.\n" * 2


@pytest.mark.parametrize(
    ("text", "kept", "warning"),
    [
        ("A bell \x07 here.", "A bell  here.", "line 1: removed 1 control character (U+0007 BELL)"),
        # Word's table-cell mark between two words stood for a space (a real scraped page).
        ("Panel\x07on\x07 Climate", "Panel on Climate", "those between two words became a space"),
        ("one\x0btwo", "one two", "(U+000B VERTICAL TAB)"),  # splitlines would split here
        ("page\x0cbreak", "page break", "(U+000C FORM FEED)"),
        ("next\x85line", "next line", "(U+0085)"),  # C1 NEL: a line break, so a space
        ("del\x7f", "del", "(U+007F DELETE)"),
        ("csi\x9b", "csi", "(U+009B)"),  # a lone C1 control
        ("Mandelplätzchen\x80, Copyright", "Mandelplätzchen, Copyright", "(U+0080)"),
        ("é\té\x07", "é\té", "(U+0007 BELL)"),  # tab is fine
        ("nul\x00 inside", "nul inside", "(U+0000 NUL)"),  # one NUL in a page is a stray
        # A terminal colour code goes whole, not just its ESC ("[31m" would be left).
        ("\x1b[31mred\x1b[0m text", "red text", "removed 2 terminal escape sequences"),
        # cp1252 quotes read as Latin-1: the C1 slots are read back, not dropped.
        ("Album \x84Brave New Woman\x93.", "Album „Brave New Woman“.", "U+0084 as „, U+0093 as “"),
        ("don\x92t", "don’t", "1 C1 control character read as Windows-1252 punctuation"),
        ("a\ufffe", "a", "removed 1 invisible format character (U+FFFE)"),  # noncharacter
        ("digits\u206e here", "digits here", "(U+206E NATIONAL DIGIT SHAPES)"),  # deprecated
        # An override reverses what it spans: dropped, balanced by PDF or not.
        ("x  \u202eevil", "x  evil", "(U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("\u202egnirts\u202c", "gnirts", "removed 2 bidi control characters"),
        ("\u202aembed\u202c", "embed", "(U+202A LEFT-TO-RIGHT EMBEDDING, U+202C POP"),
        ("ab\u2069", "ab", "(U+2069 POP DIRECTIONAL ISOLATE)"),  # a PDI with none open
        # A balanced pair stays, the unclosed isolate after it goes (a real tweet quote).
        (
            "on \u2066@elonmusk\u2069’s tears \u2066 x",
            "on \u2066@elonmusk\u2069’s tears  x",
            "U+2066",
        ),
        ("\u2067a\u2069 \u2068b", "\u2067a\u2069 b", "(U+2068 FIRST STRONG ISOLATE)"),
        # A control between a letter and its accent goes before NFC: they compose.
        ("Cafe\x07\u0301", "Café", "(U+0007 BELL)"),
    ],
)
def test_stray_characters_are_removed_with_a_warning(text: str, kept: str, warning: str) -> None:
    decoded = decode(seed((text + PROSE).encode()))
    assert decoded.text == kept + PROSE
    [message] = decoded.warnings
    assert message.startswith("line 1: ") and warning in message


@pytest.mark.parametrize(
    "text",
    [
        "ab\u2066isolate\u2069",
        "\u2066a\u2067b\u2069c\u2069",  # nested and closed
        "Weitere \u2068Artikel\u2069",  # (a real page's label)
    ],
)
def test_balanced_isolates_stay_without_a_warning(text: str) -> None:
    decoded = decode(seed((text + PROSE).encode()))
    assert decoded.text == text + PROSE and decoded.warnings == ()


def test_isolates_are_balanced_within_a_line() -> None:
    # Closed only on the next line: each line is a paragraph on the page, so both go.
    decoded = decode(seed(("\u2066a\nb\u2069" + PROSE).encode()))
    assert decoded.text == "a\nb" + PROSE
    assert decoded.warnings == (
        "lines 1, 2: removed 2 bidi control characters (U+2066 LEFT-TO-RIGHT ISOLATE, "
        "U+2069 POP DIRECTIONAL ISOLATE); an override, embedding or unclosed isolate can "
        "reorder what readers see",
    )


def test_one_warning_per_kind_names_every_line() -> None:
    text = "Title\n\na\x07b\x07\x07c\n\nd\x7f \u202e e\n" + PROSE * 3
    decoded = decode(seed(text.encode()))
    assert decoded.warnings == (
        "lines 3, 5: removed 4 control characters (U+0007 BELL, U+007F DELETE); "
        "those between two words became a space",
        "line 5: removed 1 bidi control character (U+202E RIGHT-TO-LEFT OVERRIDE); "
        "an override, embedding or unclosed isolate can reorder what readers see",
    )
    assert decoded.text.startswith("Title\n\na b c\n\nd  e\n")


def test_many_lines_are_named_up_to_five() -> None:
    decoded = decode(seed(("bell\x07\n" * 8 + PROSE * 3).encode()))
    assert decoded.warnings[0].startswith("lines 1, 2, 3, 4, 5 and 3 more: removed 8 control")


@pytest.mark.parametrize(
    ("text", "line", "column", "cause"),
    [
        ("\x00abc", 1, 1, "U+0000"),  # a quarter NUL: not text
        ("ok\n" + "\x07\x1b\x02x" * 20, 2, 1, "60 control characters in 83"),
        ("ok\n\u202e" + "\x07\x1b\x02x" * 20, 2, 2, "U+0007"),  # the first control is placed
    ],
)
def test_text_that_is_mostly_controls_is_refused(
    text: str, line: int, column: int, cause: str
) -> None:
    err = error(text.encode())
    assert (err.line, err.column) == (line, column)
    assert cause in err.cause and "binary" in err.cause
    assert str(err).startswith(f"{NAME}:{line}:{column}: ")


@pytest.mark.parametrize(
    "char",
    [
        "\t",
        "\u200c",  # ZWNJ: Persian می‌خواهم
        "\u200d",  # ZWJ
        "\u200e",  # LRM
        "\u200f",  # RLM
        "\u061c",  # ALM: Arabic letter mark
        "\u2066\u2069",  # an empty isolate pair, closed on its line
        "\u00a0",  # NBSP
    ],
)
def test_formatting_characters_text_needs_are_kept(char: str) -> None:
    text = f"می{char}خواهم\n"
    assert decode(seed(text.encode())).text == text


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, 1),  # a PNG: not UTF-8, NUL bytes
        ("Hello\nworld".encode("utf-16-le"), 1, 2),  # UTF-16 without its BOM
    ],
)
def test_binary_files_are_refused(data: bytes, line: int, column: int) -> None:
    err = error(data)
    assert "U+0000" in err.cause and "binary" in err.cause
    assert (err.line, err.column) == (line, column)


def test_invalid_bytes_after_a_bom_are_placed() -> None:
    err = error(codecs.BOM_UTF8 + b"ok\nab\xffc")
    assert "utf-8-sig" in err.cause and (err.line, err.column) == (2, 3)


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "empty seed"),
        (codecs.BOM_UTF8, "empty seed"),  # a mark and nothing else
        ("".encode("utf-16"), "empty seed"),
        (b" \n\t\r\n", "only whitespace"),
        ("\u00a0\n\u3000\n".encode(), "only whitespace"),  # NBSP and ideographic space
    ],
)
def test_empty_seeds(data: bytes, cause: str) -> None:
    err = error(data)
    assert err.cause == cause and err.line is None


def test_size_limit_is_checked_before_decoding() -> None:
    # Invalid bytes past the limit: the size, not the encoding, is the error.
    err = error(b"a" * 100 + b"\xff\x00", max_bytes=100)
    assert "102 bytes" in err.cause and "100-byte limit" in err.cause


def test_size_limit_is_inclusive() -> None:
    assert decode(seed(b"a" * 100), max_bytes=100).text == "a" * 100


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ("CafÃ© au lait", "Café au lait", 2),  # the two characters that became one
        ("mÃ¡s informaciÃ³n", "más información", 4),
        ("a\nCafÃ©\nb", "a\nCafé\nb", 2),  # only the changed line counts
        ("x" * 10_000 + " CafÃ©", "x" * 10_000 + " Café", 2),  # one long line: no diff needed
    ],
)
def test_changed_characters_are_counted_word_by_word(before: str, after: str, changed: int) -> None:
    from seedsite.decode import _changed_characters

    assert _changed_characters(before, after) == changed


_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _isolates_balanced(line: str) -> bool:
    depth = 0
    for char in line:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# Pieces of text and every kind of suspect character, in any order.
_PIECES = ["ab", " ", "\n", "\t", "é", "\u0301", "\x07", "\x85", "\x93", "\x1b[1m", "\u200f"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, *_BIDI, "\u200d", "\ufffe"]), max_size=60))
def test_any_text_comes_out_without_stray_characters(parts: list[str]) -> None:
    # Whatever the mix, decode either refuses the text as binary or returns text with no
    # control but tab and LF, no override or embedding, and isolates closed on their line.
    text = "Plain words of an ordinary paragraph.\n" * 3 + "".join(parts)
    try:
        decoded = decode(seed(text.encode()))
    except SeedError as err:
        assert "binary" in err.cause
        return
    out = decoded.text
    assert not any((c < " " and c not in "\t\n") or "\x7f" <= c <= "\x9f" for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\ufffe")
    assert all(_isolates_balanced(line) for line in out.split("\n"))
    assert "\u200f" in out or "\u200f" not in text  # marks are kept
    assert out.count("\n") == text.count("\n")  # lines keep their numbers
