"""decode: bytes to clean text, or a SeedError naming the file, the place and the code point."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
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
    assert warning.startswith(NAME) and expected in warning and "%" in warning


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


@pytest.mark.parametrize(
    ("text", "line", "column", "point"),
    [
        ("Title\n\nA bell \x07 here.\n", 3, 8, "U+0007"),
        ("\x00abc", 1, 1, "U+0000"),  # NUL in otherwise valid UTF-8
        ("ok\n\x1b[31mred", 2, 1, "U+001B"),  # a terminal escape
        ("one\x0btwo", 1, 4, "U+000B"),  # vertical tab: splitlines would split here
        ("page\x0cbreak", 1, 5, "U+000C"),  # form feed
        ("del\x7f", 1, 4, "U+007F"),
        ("next\x85line", 1, 5, "U+0085"),  # C1 NEL
        ("csi\x9b", 1, 4, "U+009B"),  # C1 control
        ("a\ufffe", 1, 2, "U+FFFE"),  # noncharacters
        ("a\uffff", 1, 2, "U+FFFF"),
        ("x\n\n  \u202eevil", 3, 3, "U+202E"),  # right-to-left override
        ("\u202aembed", 1, 1, "U+202A"),
        ("ab\u2066isolate\u2069", 1, 3, "U+2066"),
        ("ab\u2069", 1, 3, "U+2069"),
        ("é\té\x07", 1, 4, "U+0007"),  # columns count characters, not bytes; tab is fine
    ],
)
def test_control_characters_are_refused_with_their_place(
    text: str, line: int, column: int, point: str
) -> None:
    err = error(text.encode())
    assert (err.line, err.column) == (line, column)
    assert point in err.cause
    assert str(err).startswith(f"{NAME}:{line}:{column}: ")


@pytest.mark.parametrize(
    "char",
    [
        "\t",
        "\u200c",  # ZWNJ: Persian می‌خواهم
        "\u200d",  # ZWJ
        "\u200e",  # LRM
        "\u200f",  # RLM
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
