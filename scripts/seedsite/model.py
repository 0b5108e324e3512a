"""Records passed between the pipeline stages, and the errors they raise.

Every stage is a pure function from one frozen record to the next:

    Seed --decode--> Decoded --clean--> Cleaned --extract--> Article --render--> Page

Only ``build.py`` touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def printable(text: str) -> str:
    """``text`` with every character that does not print escaped: ``\\x1b``, ``\\u202e``, and
    the bytes of a file name that is not UTF-8 (``\\xff``).

    File names reach messages, the report and pages as they are on disk: an escape sequence
    (``\\x1b]0;...``) retitled or cleared the terminal, and U+202E showed ``100_<U+202E>gnp.txt``
    as ``100_txt.png``.
    """
    if text.isprintable():  # (most names and messages: one pass in C)
        return text
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class SeedsiteError(Exception):
    """Base class of every error seedsite raises on purpose (the CLI prints these as one line)."""


class SeedError(SeedsiteError):
    """Raised by ``decode``, ``clean`` and ``extract`` when one seed cannot become a page.

    The message always names the file, and the line and column when there is one, so the
    build report and the CLI can show it as ``x.txt:3:14: NUL character U+0000: ...``.
    """

    def __init__(
        self, source: str, cause: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.source = source
        """The seed's file name (``000_abc.txt``)."""
        self.cause = cause
        """What is wrong, in words a user can act on."""
        self.line = line
        """1-based line number in the decoded text, when the cause has a place."""
        self.column = column
        """1-based column (in characters), when the cause has a place."""
        super().__init__(self.location() + ": " + cause)

    def location(self) -> str:
        """``name``, ``name:line`` or ``name:line:column``."""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


class ConfigError(SeedsiteError):
    """Raised by ``build`` and the CLI for a bad option or folder (not tied to one seed)."""


class WriteError(SeedsiteError):
    """Raised by ``build`` when writing would overwrite a file seedsite did not generate."""


@dataclass(frozen=True)
class Seed:
    """One seed file as read from disk."""

    name: str
    """File name inside the seeds folder, e.g. ``000_1682d531997dcce0.txt``."""
    data: bytes
    """The file's bytes, exactly as on disk."""
    sha256: str
    """Hex sha256 of ``data``: provenance, and the cache key."""


@dataclass(frozen=True)
class Decoded:
    """A seed's text after decoding and Unicode repair (``decode.decode``)."""

    source: str
    """The seed's file name."""
    text: str
    """NFC text with LF newlines only; no control characters except tab and LF."""
    encoding: str
    """The codec that decoded the bytes: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``, ..."""
    confidence: float
    """1.0 for BOM/UTF-8; charset-normalizer's confidence for a guessed legacy encoding."""
    repairs: tuple[str, ...] = ()
    """What was repaired, in words (``mojibake fixed by ftfy``, ``CRLF newlines``)."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the seed (e.g. a legacy encoding guess of middling confidence)."""


@dataclass(frozen=True)
class Removal:
    """One line the cleaning removed, and the rule that removed it."""

    rule: str
    """The rule's name, e.g. ``ad-slot`` or ``repeated-line``."""
    line: int
    """1-based line number in the decoded text."""
    text: str
    """The removed line, as it was."""
    why: str = ""
    """Why, when the rule's name does not say it all (the line classifier's main reasons)."""


@dataclass(frozen=True)
class Cleaned:
    """A seed's lines after cleaning (``clean.clean``)."""

    source: str
    """The seed's file name."""
    lines: tuple[tuple[int, str], ...]
    """Kept non-blank lines, stripped, each with its 1-based line number in the decoded text."""
    removals: tuple[Removal, ...] = ()
    """Every removed non-blank line with its rule, in line order."""


@dataclass(frozen=True)
class Metadata:
    """What ``extract`` learned about one article. ``None`` means "not sure", never a guess."""

    source: str
    """The seed's file name (always present)."""
    sha256: str
    """Hex sha256 of the seed's bytes."""
    slug: str
    """ASCII, stable URL name of the page (``build`` may add a suffix to make it unique)."""
    title: str | None = None
    """The headline, exactly as written."""
    kicker: str | None = None
    """The short label above the headline (``Opinion``, ``World News``), exactly as written."""
    date: str | None = None
    """Publication date, ISO ``YYYY-MM-DD``."""
    date_line: str | None = None
    """The header line the date was read from, exactly as written (shown on the page)."""
    updated: str | None = None
    """Date of a labelled update ("Updated ...", "Mis à jour ..."), ISO, when the seed shows one."""
    dateline: str | None = None
    """The place the dateline names (``Iran`` in ``Iran, Sept. 19, 2018 - ...``)."""
    byline: str | None = None
    """The byline line as written (``Analysis by PMOI/MEK``)."""
    author: str | None = None
    """The author the byline names (``PMOI/MEK``)."""
    image_caption: str | None = None
    """The image caption, once."""
    description: str | None = None
    """Opening sentence(s), at most 160 characters, cut at a word."""
    lang: str | None = None
    """ISO 639-1 language code of the body."""
    words: int = 0
    """Words in the body."""
    reading_time: int = 1
    """Minutes to read the body (at least 1)."""
    tags: tuple[str, ...] = ()
    """A few keywords or named entities, most useful first."""


@dataclass(frozen=True)
class Article:
    """A seed turned into an article: metadata, body paragraphs and what cleaning did."""

    meta: Metadata
    """Front-matter fields."""
    paragraphs: tuple[str, ...]
    """The body, one paragraph per item, exactly as written in the seed."""
    consumed: tuple[tuple[str, int, str], ...] = ()
    """Header lines moved to the front matter: (field, line number, text)."""
    removals: tuple[Removal, ...] = ()
    """Lines cleaning removed (copied from ``Cleaned`` for the report)."""
    encoding: str = "utf-8"
    """The codec that decoded the seed."""
    confidence: float = 1.0
    """Confidence of that codec guess."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the seed."""


@dataclass
class SeedReport:
    """The build report's entry for one seed (mutable: the build fills it in as it goes)."""

    source: str
    """The seed's file name."""
    status: str = "ok"
    """``ok``, ``error`` (no page), ``duplicate`` (same bytes as another seed) or ``skipped``."""
    page: str | None = None
    """Path of the page written, relative to the docs folder."""
    encoding: str | None = None
    """Detected encoding."""
    confidence: float | None = None
    """Confidence of the encoding guess."""
    errors: list[str] = field(default_factory=list)
    """Messages that stopped the seed (each names the file)."""
    warnings: list[str] = field(default_factory=list)
    """Messages that did not (each names the file)."""
    removed: tuple[Removal, ...] = ()
    """Every line cleaning removed (``{"rule", "line", "text"}`` in the JSON report)."""


@dataclass
class Report:
    """The whole build's report: per-seed entries plus what was written."""

    seeds: list[SeedReport] = field(default_factory=list)
    """One entry per seed file, in file-name order."""
    written: list[str] = field(default_factory=list)
    """Generated files (relative to docs) whose content changed and were written."""
    deleted: list[str] = field(default_factory=list)
    """Generated files removed because their seed is gone."""
    warnings: list[str] = field(default_factory=list)
    """Build-wide warnings (slug collisions, duplicates), each naming the files."""

    @property
    def pages(self) -> int:
        """Number of seeds that got a page."""
        return sum(1 for s in self.seeds if s.status == "ok")

    @property
    def error_count(self) -> int:
        """Number of seeds that got no page because of an error."""
        return sum(1 for s in self.seeds if s.status == "error")

    @property
    def warning_count(self) -> int:
        """All warnings: build-wide plus per seed."""
        return len(self.warnings) + sum(len(s.warnings) for s in self.seeds)

    def summary(self) -> str:
        """One line: ``181 pages, 3 warnings, 1 error``."""

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return ", ".join(
            [n(self.pages, "page"), n(self.warning_count, "warning"), n(self.error_count, "error")]
        )
