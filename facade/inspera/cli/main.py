"""Running the Typer app: every failure becomes one `error: ...` line on stderr and a documented exit code."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Sequence

from .exits import CLIError, ExitCode, exit_code_for, one_line

# Flags without a value that may follow the subcommand too (`inspera tests search --json`).
_GLOBAL_FLAGS = ("--json", "--debug")


def hoist_global_flags(args: list[str]) -> list[str]:
    """Move --json / --debug in front of the subcommand; arguments after `--` are left alone."""
    end = args.index("--") if "--" in args else len(args)
    flags = [arg for arg in args[:end] if arg in _GLOBAL_FLAGS]
    rest = [arg for arg in args[:end] if arg not in _GLOBAL_FLAGS]
    return flags + rest + args[end:]


def run(argv: Sequence[str] | None = None) -> int:
    import typer

    from .app import build_app

    args = hoist_global_flags(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args[: args.index("--") if "--" in args else len(args)]
    try:
        result = build_app()(args=args, prog_name="inspera", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except Exception as error:
        return _report(error, debug)
    if result == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into this exit code
        print("interrupted", file=sys.stderr)
    return int(result) if isinstance(result, int) else 0


def _kinds(error: BaseException) -> set[str]:
    # Typer >= 0.26 vendors click privately; matching class names works with either click.
    return {cls.__name__ for cls in type(error).__mro__}


def _report(error: Exception, debug: bool) -> int:
    kinds = _kinds(error)
    if "NoArgsIsHelpError" in kinds:
        return int(ExitCode.USAGE)  # `inspera` or `inspera tests` alone: click has printed the help
    if "UsageError" in kinds:
        context = getattr(error, "ctx", None)
        where = getattr(context, "command_path", None) or "inspera"
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        print(f"error: {one_line(CLIError(message))} (see '{where} --help')", file=sys.stderr)
        return int(ExitCode.USAGE)
    if "ClickException" in kinds:
        print(f"error: {one_line(CLIError(str(error)))}", file=sys.stderr)
        return int(getattr(error, "exit_code", ExitCode.FAILED))
    if isinstance(error, BrokenPipeError) or (isinstance(error, OSError) and error.errno == errno.EPIPE):
        return _reader_went_away()
    if debug:
        traceback.print_exc()
    print(f"error: {one_line(error)}", file=sys.stderr)
    return int(exit_code_for(error))


def _reader_went_away() -> int:
    """`inspera endpoints | head`: stop quietly, and keep Python from complaining while flushing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return int(ExitCode.FAILED)
