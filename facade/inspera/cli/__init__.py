"""The `inspera` command line; `main` is the console-script entry point (importing this loads nothing heavy)."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` (default: sys.argv[1:]) and return the exit code."""
    from .main import run

    return run(argv)


__all__ = ["main"]
