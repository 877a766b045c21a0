"""Command-line parameters the subcommands declare alike: a required positional argument named in the help."""

from __future__ import annotations

from typing import Any

import typer


def argument(metavar: str, help: str, **options: Any) -> Any:
    """A positional argument shown as `metavar`, without a default in the help (typer's `Argument` otherwise)."""
    return typer.Argument(metavar=metavar, show_default=False, help=help, **options)
