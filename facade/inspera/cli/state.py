"""The CLI's shared state: the global options, as the root callback stores them for every subcommand."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from .output import Output
from .settings import Settings


@dataclass(frozen=True)
class State:
    settings: Settings
    output: Output


def state(ctx: typer.Context) -> State:
    """The global options, as the root callback stored them for every subcommand."""
    found = ctx.find_object(State)
    if found is None:  # pragma: no cover - the root callback always runs first
        raise RuntimeError("the inspera CLI state is missing")
    return found
