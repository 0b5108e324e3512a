"""Stray control characters and bidi controls: removed from a seed's text, one warning per kind.

Real pages carry a bell (U+0007) where a word processor left a table-cell mark, C1 controls
where Windows-1252 bytes were read as Latin-1, and bidi isolates around a quoted handle. None of
these is a reason to refuse a page: ``scrub`` removes what has no business in text, keeps what
scripts need (tab, LRM/RLM/ALM, ZWJ/ZWNJ), and says what it removed on which lines. Only text
that is not text at all (many NULs, or controls everywhere: a binary file, or UTF-16 without its
byte-order mark) is still refused.

``decode`` calls ``scrub`` only after one regex scan found a suspect character, so ordinary text
never reaches the per-line work here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from seedsite.model import SeedError

# C0 controls but tab and LF (CR is gone before this runs), DEL and C1 controls.
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Format characters with no use in a page's text: the deprecated U+206A-U+206F (symmetric
# swapping, digit shapes), the interlinear annotation marks U+FFF9-U+FFFB (for use inside one
# program only) and the noncharacters U+FFFE/U+FFFF (a byte-swapped BOM, a sentinel).
_FORMAT_CHARS = "\u206a-\u206f\ufff9-\ufffb\ufffe\uffff"
# Bidi embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI). LRM, RLM
# and ALM (U+200E, U+200F, U+061C) and ZWJ/ZWNJ are not here: Persian, Arabic and Indic text
# and emoji need them, and a mark cannot reorder anything around it.
_BIDI_CHARS = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN_CHARS = _CONTROL_CHARS + _FORMAT_CHARS + _BIDI_CHARS
FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARS}]")

_STRAY = re.compile(f"[{_CONTROL_CHARS}{_FORMAT_CHARS}]")
_BIDI = re.compile(f"[{_BIDI_CHARS}]")
_ISOLATE_OPEN = "\u2066\u2067\u2068"
_ISOLATE_CLOSE = "\u2069"

# Text that is this much NUL, or this much control characters, is not text: a binary file, or
# UTF-16 without its byte-order mark (half its bytes are NULs). It is refused, not scrubbed.
MAX_NUL_SHARE = 0.01
MAX_CONTROL_SHARE = 0.10

# A terminal colour or cursor sequence (ESC [ 31 m): removed whole, or "[31m" would be left.
_TERMINAL_ESCAPE = re.compile("(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]")
# C0 controls (and NEL) between two characters that are not spaces stood for a separator
# (Word's table-cell mark U+0007 and line break U+000B, a form feed between pages, NEL's next
# line): a space, not nothing, keeps the two words apart ("Panel\x07on" -> "Panel on").
# (Not before a combining accent: "e\x07\u0301" is "é" once the bell is gone.)
_C0_BETWEEN = re.compile(
    "(?<=[^\\s\x00-\x1f\x7f-\x9f])[\x01-\x08\x0b-\x1f\x85]+"
    "(?=[^\\s\x00-\x1f\x7f-\x9f\u0300-\u036f])"
)
# The C1 controls that Windows-1252 uses for quotation marks and dashes: text whose cp1252
# bytes were read as Latin-1 ("\x84Brave New Woman\x93"). A C1 control has no other use in
# text, and these are what word processors type most. The other C1 slots are removed: U+0080
# (the euro) and U+0099 (the trademark sign) are as often junk, U+0085 is also NEL and
# U+009B also the CSI of a terminal escape.
_CP1252_QUOTES = b"\x82\x84\x91\x92\x93\x94\x96\x97"  # ‚ „ ‘ ’ “ ” – —
_CP1252_PUNCTUATION = {point: bytes([point]).decode("cp1252") for point in _CP1252_QUOTES}
_CP1252_C1 = re.compile(f"[{_CP1252_QUOTES.decode('latin-1')}]")

# Unicode gives C0 controls and DEL no name (only an alias): the ones seen in seeds.
_C0_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
# How many line numbers and code points one warning names before "and N more".
_MAX_NAMED = 5


def describe(char: str) -> str:
    """``U+0007 BELL``: the code point with its name when Unicode (or the C0 table) has one."""
    point = ord(char)
    name = _C0_NAMES.get(point) or unicodedata.name(char, "")
    return f"U+{point:04X}" + (f" {name}" if name else "")


@dataclass
class _Kind:
    """What was removed (or read again) of one kind, over the whole seed."""

    what: str
    """``removed {n} control character{s}``: the words of the warning, counted."""
    note: str = ""
    """Why it matters or what became of it, said once at the end of the warning."""
    lines: list[int] = field(default_factory=list)
    """The lines it was on, in order."""
    chars: Counter[str] = field(default_factory=Counter)
    """How many of each character."""

    def add(self, line: int, chars: list[str]) -> None:
        if not chars:
            return
        if not self.lines or self.lines[-1] != line:
            self.lines.append(line)
        self.chars.update(chars)

    def warning(self) -> str:
        """``line 12: removed 3 control characters (U+0007 BELL)``."""
        count = sum(self.chars.values())
        points = sorted(self.chars)
        named = ", ".join(map(_named, points[:_MAX_NAMED]))
        if len(points) > _MAX_NAMED:
            named += f" and {len(points) - _MAX_NAMED} more"
        what = self.what.format(n=count, s="" if count == 1 else "s")
        note = f"; {self.note}" if self.note else ""
        return f"{_lines(self.lines)}: {what} ({named}){note}"


def _named(char: str) -> str:
    """``U+0007 BELL``, or ``U+0084 as „`` for a C1 control read as Windows-1252."""
    if ord(char) in _CP1252_PUNCTUATION:
        return f"U+{ord(char):04X} as {_CP1252_PUNCTUATION[ord(char)]}"
    return describe(char)


def _lines(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(map(str, numbers[:_MAX_NAMED]))
    more = f" and {len(numbers) - _MAX_NAMED} more" if len(numbers) > _MAX_NAMED else ""
    return f"lines {shown}{more}"


def _refuse_binary(source: str, text: str, first: int) -> None:
    """Raise when the text (from ``first``, its first suspect character) is too much NUL or
    control characters to be text."""
    nuls = text.count("\x00", first)
    if nuls > len(text) * MAX_NUL_SHARE:
        offset = text.index("\x00", first)
        cause = "NUL character U+0000: a binary file, or UTF-16 without a byte-order mark?"
    else:
        # (Bidi controls are not counted: a short line of isolated handles is still text.)
        stray = _STRAY.search(text, first)
        count = len(_STRAY.findall(text, first))
        if stray is None or count <= len(text) * MAX_CONTROL_SHARE:
            return
        offset = stray.start()
        cause = (
            f"{count:,} control characters in {len(text):,} (the first {describe(text[offset])}):"
            " a binary file, not text"
        )
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise SeedError(source, cause, line, column)


def _bidi_to_drop(line: str) -> list[int]:
    """Offsets of the bidi controls in ``line`` that go: every embedding and override, and each
    isolate not closed within the line in proper nesting.

    Overrides (LRO, RLO) reverse the characters they span even when closed by PDF: the reader
    sees one order, search and copy get the other ("Trojan Source"). Embeddings are superseded
    by isolates since Unicode 6.3 and scraped text never needs them. So both go, balanced or
    not; the page's own direction (its language) still sets right-to-left text right. An
    isolate pair (LRI/RLI/FSI ... PDI) on one line only sets the direction of what is inside
    it and cannot reach past it (UAX #9): a quoted handle or a name in another script; it
    stays."""
    drop: list[int] = []
    opened: list[int] = []
    for match in _BIDI.finditer(line):
        char, at = match.group(), match.start()
        if char in _ISOLATE_OPEN:
            opened.append(at)
        elif char == _ISOLATE_CLOSE and opened:
            opened.pop()
        else:  # an embedding, an override, PDF, or a PDI with no isolate open
            drop.append(at)
    return sorted(drop + opened)


def _scrub_line(line: str, number: int, kinds: dict[str, _Kind]) -> str:
    """``line`` without its stray controls and unsafe bidi controls, recorded in ``kinds``."""
    if "\x1b" in line or "\x9b" in line:
        escapes = _TERMINAL_ESCAPE.findall(line)
        kinds["escape"].add(number, [e[0] for e in escapes])
        line = _TERMINAL_ESCAPE.sub("", line)
    quotes = _CP1252_C1.findall(line)
    if quotes:
        kinds["cp1252"].add(number, quotes)
        line = line.translate(_CP1252_PUNCTUATION)
    strays = _STRAY.findall(line)
    if strays:
        kinds["control"].add(number, [c for c in strays if c <= "\x9f"])
        kinds["format"].add(number, [c for c in strays if c > "\x9f"])
        spaced = _C0_BETWEEN.sub(" ", line)
        if spaced != line:
            kinds["control"].note = "those between two words became a space"
        line = _STRAY.sub("", spaced)
    drop = _bidi_to_drop(line) if _BIDI.search(line) else []
    if drop:
        kinds["bidi"].add(number, [line[at] for at in drop])
        ends = [*drop, len(line)]
        line = line[: drop[0]] + "".join(line[a + 1 : b] for a, b in pairwise(ends))
    return line


def scrub(source: str, text: str, start: int = 0) -> tuple[str, tuple[str, ...]]:
    """``text`` without stray control, format and bidi characters (from ``start`` on), with one
    warning per kind naming the lines; raise ``SeedError`` on text that is not text."""
    first = FORBIDDEN.search(text, start)
    if first is None:
        return text, ()
    _refuse_binary(source, text, first.start())
    kinds = {
        "escape": _Kind("removed {n} terminal escape sequence{s}", "colour or cursor codes"),
        "cp1252": _Kind("{n} C1 control character{s} read as Windows-1252 punctuation"),
        "control": _Kind("removed {n} control character{s}"),
        "format": _Kind("removed {n} invisible format character{s}"),
        "bidi": _Kind(
            "removed {n} bidi control character{s}",
            "an override, embedding or unclosed isolate can reorder what readers see",
        ),
    }
    lines = text.split("\n")
    # Only the lines that hold a suspect character are looked at, each once, and the next one
    # is found by a regex scan from the line after.
    index, at = 0, 0
    found: re.Match[str] | None = first
    while found is not None:
        index += text.count("\n", at, found.start())
        lines[index] = _scrub_line(lines[index], index + 1, kinds)
        at = text.find("\n", found.start())
        if at < 0:
            break
        found = FORBIDDEN.search(text, at + 1)
    return "\n".join(lines), tuple(k.warning() for k in kinds.values() if k.chars)
