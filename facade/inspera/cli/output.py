"""Printing results: JSON on stdout for scripts, rich tables for people, notes on stderr."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from rich.console import Console, RenderableType
from rich.table import Table

from .exits import CLIError


def present(value: Any) -> Any:
    """None for the generated client's UNSET marker (a field the server did not send), else the value."""
    return None if type(value).__name__ == "Unset" else value


def require_id(value: Any, what: str) -> int:
    """An id the server returned, refusing an answer that lacks it."""
    value = present(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise CLIError(f"the server's answer carries no {what}")
    return value


def jsonable(value: Any) -> Any:
    """Plain JSON data from generated models (vendor spelling), dataclasses, enums, dates and paths."""
    if present(value) is None:
        return None
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return jsonable(to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.repr}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def cell(value: Any) -> str:
    value = present(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_id_column(name: str) -> bool:
    """Columns that hold ids ("id", "user id", "external ids", "candidate"): shown whole, never cut."""
    words = name.lower().split()
    return bool(words) and (words[-1] in ("id", "ids") or name.lower() == "candidate")


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A table whose all-number columns are right-aligned and whose id columns are never cut or wrapped.

    When the terminal is too narrow, the other columns wrap (long words fold) rather than end in an ellipsis.
    """
    rows = [[present(value) for value in row] for row in rows]
    view = Table(title=title, title_justify="left", title_style="bold")
    for index, column in enumerate(columns):
        values = [row[index] for row in rows if row[index] is not None]
        justify: Literal["right", "left"] = "right" if values and all(map(_numeric, values)) else "left"
        if is_id_column(column):
            widest = max([len(column), *(len(cell(value)) for value in values)])
            view.add_column(column, justify=justify, no_wrap=True, min_width=widest, overflow="ignore")
        else:
            view.add_column(column, justify=justify, overflow="fold", min_width=min(len(column), 6))
    for row in rows:
        view.add_row(*(cell(value) for value in row))
    return view


def fields(pairs: Iterable[tuple[str, Any]]) -> Table:
    """A two-column "name  value" view of one object."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in pairs:
        grid.add_row(name, cell(value))
    return grid


class Output:
    """Where a command's result goes: `data()` to stdout (JSON with --json), `note()` to stderr."""

    def __init__(self, *, json_mode: bool) -> None:
        self.json_mode = json_mode
        # Consoles look up sys.stdout / sys.stderr when printing, so redirection after start-up is honoured.
        self.out = Console(soft_wrap=False, highlight=False)
        if not self.out.is_terminal and "COLUMNS" not in os.environ:
            self.out.width = 200  # piped tables: keep rows on one line instead of wrapping at 80 columns
        self.err = Console(stderr=True, soft_wrap=True, highlight=False)

    def data(self, value: Any, human: Callable[[], RenderableType | str | None] | None = None) -> None:
        """The command's result: JSON with --json, else what `human()` renders (None: nothing)."""
        if self.json_mode or human is None:
            self.line(json.dumps(jsonable(value), ensure_ascii=False, indent=2 if self.json_mode else None))
            return
        rendered = human()
        if rendered is None:
            return
        if isinstance(rendered, str):
            self.line(rendered)
        elif self.out.is_terminal:
            self._console_for(rendered).print(rendered, crop=False)
        else:
            console = self._console_for(rendered)
            with console.capture() as captured:
                console.print(rendered, crop=False)
            self.line("\n".join(line.rstrip() for line in captured.get().splitlines()))

    def _console_for(self, rendered: RenderableType) -> Console:
        """stdout's console, or a wider one for a table that cannot fit even with its other columns folded: it is
        printed wider than the terminal (which wraps the lines) rather than cropped, so ids are never cut."""
        console = self.out
        if isinstance(rendered, Table) and rendered.box is not None:
            borders = 3 * len(rendered.columns) + 1  # a rule and a space either side of each cell
            needed = borders + sum(column.min_width or 1 for column in rendered.columns)
            if needed > console.width:
                return Console(width=needed, soft_wrap=False, highlight=False, file=console.file,
                               force_terminal=console.is_terminal)
        return console

    def line(self, text: str) -> None:
        """One plain line on stdout, never reformatted (paths, tokens, names for scripts)."""
        self.out.file.write(text + "\n")
        self.out.file.flush()

    def note(self, message: str) -> None:
        """Human commentary on stderr, so stdout stays clean for pipes and --json. Never markup-parsed."""
        self.err.print(message, markup=False, highlight=False)

    def listing(self, items: Sequence[Any], noun: str, render: Callable[[], RenderableType]) -> None:
        """A list result: a table for people (a note when empty), a JSON array with --json."""
        if not items and not self.json_mode:
            self.note(f"no {noun}s")
            return
        self.data(items, render)

    @property
    def interactive(self) -> bool:
        """True when stderr is a terminal: progress bars are drawn only then."""
        return self.err.is_terminal
