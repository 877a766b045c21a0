"""Typed pipeline failures; each renders as one line a person can act on."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: the pipeline stopped and left the tree untouched."""

    stage = "pipeline"

    def one_line(self) -> str:
        text = " ".join(str(self).split())
        return f"{self.stage}: {text}"


class SpecError(PipelineError):
    """The document is not a usable Swagger 2.0 / OpenAPI 3 description."""

    stage = "spec"


class PullError(PipelineError):
    """Fetching the vendor's document failed (unreachable, HTML, too large, ...)."""

    stage = "pull"


class ConversionError(PipelineError):
    """swagger2openapi could not convert a Swagger 2.0 document."""

    stage = "convert"


class NamingError(PipelineError):
    """Two operations would share a generated module, or a name is not a valid identifier."""

    stage = "names"


class ValidationError(PipelineError):
    """The normalised document failed openapi-spec-validator."""

    stage = "validate"


class GenerationError(PipelineError):
    """openapi-python-client failed, warned, or dropped an operation."""

    stage = "generate"


class ToolError(PipelineError):
    """A pinned tool is missing (run `uv sync --locked` and `npm ci`)."""

    stage = "tools"
