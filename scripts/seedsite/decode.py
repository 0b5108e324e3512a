"""Bytes to text: byte-order marks, legacy charsets, mojibake, newlines and control characters.

``decode`` is the first stage of the pipeline (``Seed -> Decoded``). It either returns NFC text
with LF newlines and no control characters but tab and LF, or raises ``SeedError`` naming the
file and, when the cause has a place, its line, column and code point. Stray control and bidi
characters are removed with a warning naming their lines (``controls.scrub``); only text that
is mostly NULs or controls (a binary file) is refused for them.

Most seeds are UTF-8 without mojibake, so the common path is one strict decode and three
regex scans; charset-normalizer and ftfy (each ~0.5 ms or more per seed) only run when a cheap
check says they are needed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from seedsite.controls import FORBIDDEN_CHARS, scrub
from seedsite.model import Decoded, Seed, SeedError

if TYPE_CHECKING:  # ftfy is imported on first use: most seeds never need it
    from ftfy import TextFixerConfig

# UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one. Each mark names the
# encoding reported in Decoded.encoding and the codec that decodes the bytes after the mark.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Without a BOM, UTF-16/32 guesses are wrong far more often than right ("café" in cp1252 comes
# back as two CJK characters in UTF-16-BE), and UTF-7 can turn plain ASCII into anything.
_NEVER_GUESS = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]

# Below this, a legacy-encoding guess is refused rather than risk a page of wrong letters.
MIN_CONFIDENCE = 0.6
# Confidence factors when equally clean encodings disagree: broken by the cp1252 prior (a
# warning-level guess), or not broken at all (below MIN_CONFIDENCE: refused).
_PRIOR_AGREEMENT = 0.8
_TIE_AGREEMENT = 0.5
# A language-coherence lead that counts as telling equally clean encodings apart.
_COHERENCE_LEAD = 0.1

# UTF-8 read as cp1252/latin-1: a lead byte (Â..ô) followed by what a continuation byte
# (0x80-0xBF) becomes in cp1252 or latin-1. Legitimate text almost never has these pairs, so
# ftfy only runs on seeds that need it. (A lookahead, not a two-class sequence or an
# alternation: it keeps the scan at ~3 ns per character.) "Ã " is checked apart, by substring:
# ftfy restores the 0xA0 that "à" loses when its NBSP continuation byte became a space.
_MOJIBAKE_LEADS = "\u00c2-\u00f4"
_MOJIBAKE = re.compile(
    f"[{_MOJIBAKE_LEADS}](?=[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022"
    "\u2026\u2030\u2039\u203a\u20ac\u2122])"
)

# Where either the mojibake check or the control scrub could first fire: one scan instead of two
# over the many seeds that hold neither a mojibake lead nor a forbidden character (English
# text), and over the others the two start there rather than at the top.
_SUSPECT = re.compile(f"[{FORBIDDEN_CHARS}{_MOJIBAKE_LEADS}]")


@cache
def _fixer_config() -> TextFixerConfig:
    """ftfy settings that repair encoding mix-ups and touch nothing else."""
    from ftfy import TextFixerConfig

    # Every fixer that is not about mojibake is off: curly quotes, ligatures, full-width
    # letters and HTML entities are the author's text, newlines and NFC are done here, and
    # control characters must reach controls.scrub to be reported rather than silently dropped.
    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _place(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[offset]``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _byte_place(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte ``offset``, counting the bytes before it as characters."""
    before = data[:offset].decode("utf-8", "replace")
    return _place(before, len(before))


def _guess_legacy(seed: Seed, error: UnicodeDecodeError) -> tuple[str, str, float]:
    """Decode bytes that are not UTF-8 with charset-normalizer's guess; refuse a weak guess."""
    from charset_normalizer import from_bytes

    line, column = _byte_place(seed.data, error.start)
    where = f"byte 0x{seed.data[error.start]:02X} at line {line}, column {column}"
    matches = list(from_bytes(seed.data, cp_exclusion=_NEVER_GUESS))
    if not matches:
        raise SeedError(seed.name, f"not UTF-8 ({where}) and no legacy encoding fits", line, column)
    best = matches[0]
    # Encodings that decode the bytes to the same text share one match (could_be_from_charset).
    # Matches as clean as the best one but giving different text are a tie: the language
    # coherence breaks it when one match leads clearly (Hebrew cp1255 vs cp1251), else a prior
    # does: cp1252, the web's default for unlabelled Western text (cp1250 "ŕ" and cp1252 "à"
    # are equally clean and score alike). A tie neither breaks is a coin toss: refused below.
    tied = sorted((m for m in matches if m.chaos <= best.chaos + 0.01), key=lambda m: -m.coherence)
    if len(tied) == 1 or tied[0].coherence - tied[1].coherence >= _COHERENCE_LEAD:
        chosen, agreement = tied[0], 1.0
    else:
        prior = next((m for m in tied if "cp1252" in m.could_be_from_charset), None)
        chosen, agreement = (prior, _PRIOR_AGREEMENT) if prior else (best, _TIE_AGREEMENT)
    encoding = "cp1252" if "cp1252" in chosen.could_be_from_charset else chosen.encoding
    # A guess is never certain: 1.0 stays reserved for UTF-8 and byte-order marks.
    confidence = round(min((1.0 - chosen.chaos) * agreement, 0.99), 2)
    if confidence < MIN_CONFIDENCE:
        raise SeedError(
            seed.name,
            f"not UTF-8 ({where}); best guess {encoding} has only {confidence:.0%} confidence",
            line,
            column,
        )
    return seed.data.decode(encoding), encoding, confidence


def _changed_characters(before: str, after: str) -> int:
    """How many characters of ``after`` differ from ``before``, in linear time.

    A mojibake repair keeps the lines and mostly the words ("CafÃ©" -> "Café"): lines, then
    words, are compared in order, and each changed word counts what lies between the prefix
    and suffix it shares with its old form. (A real diff, difflib's, took a minute on one
    25 KB line.)"""
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        kept = set(old)
        return sum(len(line) for line in new if line not in kept)
    changed = 0
    for a, b in zip(old, new, strict=True):
        if a == b:
            continue
        words_a, words_b = a.split(" "), b.split(" ")
        if len(words_a) != len(words_b):
            words_a, words_b = [a], [b]
        for x, y in zip(words_a, words_b, strict=True):
            if x != y:
                changed += _middle(x, y)
    return changed


def _middle(a: str, b: str) -> int:
    """Characters of the longer string outside the prefix and suffix the two share."""
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return max(len(a), len(b)) - prefix - suffix


def decode(seed: Seed, *, max_bytes: int = 5_000_000) -> Decoded:
    """Decode a seed's bytes to clean NFC text with LF newlines, or raise ``SeedError``."""
    data, source = seed.data, seed.name
    if len(data) > max_bytes:
        raise SeedError(source, f"seed is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data:
        raise SeedError(source, "empty seed")

    warnings: list[str] = []
    repairs: list[str] = []
    confidence = 1.0
    bom = next((entry for entry in _BOMS if data.startswith(entry[0])), None)
    if bom is not None:
        mark, encoding, codec = bom
        body = data[len(mark) :]
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as error:
            before = body[: error.start].decode(codec, "replace")
            line, column = _place(before, len(before))
            raise SeedError(
                source,
                f"invalid {encoding} after its byte-order mark: {error.reason}",
                line,
                column,
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            nul = data.find(b"\x00")
            if nul >= 0:
                line, column = _byte_place(data, nul)
                raise SeedError(
                    source,
                    "NUL byte U+0000 in text that is not UTF-8: a binary file, "
                    "or UTF-16 without a byte-order mark?",
                    line,
                    column,
                ) from None
            text, encoding, confidence = _guess_legacy(seed, error)
            warnings.append(
                f"not UTF-8; decoded as {encoding} "
                f"(charset-normalizer guess, {confidence:.0%} confidence)"
            )

    if "\r" in text:
        repairs.append("CRLF newlines" if "\r\n" in text else "CR newlines")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    suspect = _SUSPECT.search(text)
    start = suspect.start() if suspect else len(text)
    if suspect and (_MOJIBAKE.search(text, start) or "\u00c3 " in text):
        import ftfy

        fixed = ftfy.fix_text(text, _fixer_config())
        if fixed != text:
            repairs.append("mojibake repaired by ftfy")
            warnings.append(
                f"encoding repaired: mojibake fixed by ftfy "
                f"({_changed_characters(text, fixed)} characters changed)"
            )
            text, start = fixed, 0
    # Before NFC: a control removed from between a letter and its accent leaves them to compose.
    text, removed = scrub(source, text, start)
    if removed:
        repairs.append("stray control characters")
        warnings.extend(removed)
    if not unicodedata.is_normalized("NFC", text):
        repairs.append("normalized to NFC")
        text = unicodedata.normalize("NFC", text)
    if not text:
        raise SeedError(source, "empty seed")
    if text.isspace():  # (not a stripped copy of the whole text: text is not empty here)
        raise SeedError(source, "only whitespace")
    return Decoded(
        source=source,
        text=text,
        encoding=encoding,
        confidence=confidence,
        repairs=tuple(repairs),
        warnings=tuple(warnings),
    )
