"""Typed pipeline failures: one or more problems, each rendered as one line a person can act on.

Every problem names its stage, where it is (`METHOD /path`, or a JSON pointer for what lies outside an
operation) and what is wrong. `one_line()` is the first problem plus `(and N more)`; `lines()` is all of them.
Lines are capped at LINE_LIMIT characters including the `error: ` prefix, and Python reprs
(`<... object at 0x...>`) are scrubbed, so a line never carries a document, an instance or a repr.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LINE_LIMIT = 300
PREFIX = "error: "
_REPR = re.compile(r"<[A-Za-z_][\w.]* object at 0x[0-9a-fA-F]+>")
_WHERE_LIMIT = 110


def clip(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters (an ellipsis marks the cut)."""
    flat = " ".join(_REPR.sub("…", text).split())
    return flat if len(flat) <= limit else flat[: max(0, limit - 1)].rstrip() + "…"


@dataclass(frozen=True)
class Problem:
    stage: str
    where: str  # "GET /v1/items", "/definitions/Item", or "" for the document as a whole
    what: str

    def body(self, limit: int = LINE_LIMIT - len(PREFIX)) -> str:
        """`<stage>: <where>: <what>` within `limit` characters."""
        head = f"{self.stage}: " + (f"{clip(self.where, _WHERE_LIMIT)}: " if self.where else "")
        return head + clip(self.what, max(20, limit - len(head)))

    def line(self) -> str:
        return PREFIX + self.body()


class PipelineError(Exception):
    """Base class: the pipeline stopped and left the tree untouched."""

    stage = "pipeline"

    def __init__(self, message: str = "", *, where: str = "", problems: Sequence[Problem] | None = None) -> None:
        found = list(problems) if problems else [Problem(self.stage, where, message)]
        super().__init__(found[0].what if found else message)
        self.problems: list[Problem] = found

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> PipelineError:
        listed = list(problems)
        if not listed:
            raise ValueError("an error needs at least one problem")
        return cls(problems=listed)

    def one_line(self) -> str:
        """The first problem, plus `(and N more)` when there are several; at most LINE_LIMIT with `error: `."""
        more = len(self.problems) - 1
        tail = f" (and {more} more)" if more else ""
        return self.problems[0].body(LINE_LIMIT - len(PREFIX) - len(tail)) + tail

    def lines(self) -> list[str]:
        """Every problem, one line each (what `--explain` prints)."""
        return [p.body() for p in self.problems]


class SpecError(PipelineError):
    """The document is not a usable Swagger 2.0 / OpenAPI 3 description."""

    stage = "spec"


class PullError(PipelineError):
    """Fetching the vendor's document failed (unreachable, HTML, too large, ...)."""

    stage = "pull"


class RepairError(PipelineError):
    """A vendor defect that cannot be repaired without guessing, or any repair under --strict."""

    stage = "repair"


class ConversionError(PipelineError):
    """swagger2openapi could not convert a Swagger 2.0 document."""

    stage = "convert"


class NamingError(PipelineError):
    """Two operations would share a generated module, or a name is not a valid identifier."""

    stage = "names"


class ValidationError(PipelineError):
    """The document failed openapi-spec-validator."""

    stage = "validate"


class GenerationError(PipelineError):
    """openapi-python-client failed, or an operation has no endpoint function in its output."""

    stage = "generate"


class ToolError(PipelineError):
    """A pinned tool is missing (run `uv sync --locked` and `npm ci`)."""

    stage = "tools"


class FacadeError(PipelineError):
    """The new package lacks a module, model, attribute or keyword the facade uses (one problem per method)."""

    stage = "facade"
