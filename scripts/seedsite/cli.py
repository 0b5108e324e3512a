"""Thin command line: parse options, call ``build``, turn errors into one line and an exit code.

python -m seedsite build [--seeds DIR] [--docs DIR] [--strict] [--report FILE]
python -m seedsite check [--seeds DIR] [--strict] [--report FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from .build import build, report_json
from .model import Report, SeedsiteError, printable

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedsite", description="Turn a folder of article seeds into Markdown pages."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "generate the pages in the docs folder"),
        ("check", "validate every seed and report; write nothing"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument(
            "--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)"
        )
        p.add_argument(
            "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
        )
        p.add_argument("--strict", action="store_true", help="warnings fail the run too")
        p.add_argument("--report", type=Path, help="write the build report as JSON to FILE")
        p.add_argument("--site-name", default="Articles", help="title of the home page")
        p.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="worker processes (default: all cores)",
        )
        p.add_argument("--no-cache", action="store_true", help="process every seed again")
        p.add_argument("--quiet", "-q", action="store_true", help="print the summary line only")
    return parser


def _progress(items: Iterable[object], total: int) -> Iterable[object]:
    # A progress bar only where someone watches: a terminal, and a run long enough to need one.
    if total < 500 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    bar: Iterable[object] = tqdm(items, total=total, unit="seed", file=sys.stderr, leave=False)
    return bar


def _print_report(report: Report, quiet: bool) -> None:
    # Messages name files as they are on disk: `printable` keeps a name's escape sequences and
    # bidi controls from reaching the terminal.
    if not quiet:
        for message in report.warnings:
            print(f"warning: {printable(message)}", file=sys.stderr)
        for seed in report.seeds:
            for message in seed.errors:
                print(f"error: {printable(message)}", file=sys.stderr)
            for message in seed.warnings:
                print(f"warning: {printable(message)}", file=sys.stderr)
    print(report.summary())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 errors or strict warnings, 2 bad usage)."""
    args = _parser().parse_args(argv)
    cache = None if args.no_cache else Path(".seedsite-cache")
    try:
        result = build(
            args.seeds,
            args.docs,
            cache_dir=cache,
            site_name=args.site_name,
            jobs=max(1, args.jobs),
            progress=_progress,
            dry_run=args.command == "check",
            # The site publishes the seeds (from private copies); the build script only writes
            # pages and keeps none.
            publish=False,
            waiting=lambda message: print(f"seedsite: {message}", file=sys.stderr, flush=True),
        )
    except SeedsiteError as e:
        print(f"error: {printable(str(e))}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:  # a full disk, no memory for the workers' queues: one line, no trace
        print(f"error: the build failed: {e}", file=sys.stderr)
        return EXIT_ERRORS
    report = result.report
    if args.report:
        args.report.write_text(report_json(report), encoding="utf-8")
    _print_report(report, args.quiet)
    if report.error_count or (args.strict and report.warning_count):
        return EXIT_ERRORS
    return EXIT_OK


def run() -> NoReturn:
    """The command (``seedsite``, ``python -m seedsite``): ``main``, then leave at once."""
    code = main()
    # Everything is written and closed by now. Leave without tearing the interpreter down: after
    # a build of 10,000 seeds it holds a gigabyte of small objects, and freeing them one by one
    # took 0.45 s, a twentieth of the whole run.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
