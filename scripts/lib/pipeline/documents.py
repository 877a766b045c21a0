"""Reading API description documents (JSON or YAML) and telling Swagger 2.0 from OpenAPI 3."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from .errors import SpecError

SpecFormat = Literal["swagger-2.0", "openapi-3.0", "openapi-3.1"]

# Hostile or broken input must end in SpecError, never in RecursionError, memory exhaustion or a later crash.
MAX_DEPTH = 200  # nesting levels; real descriptions stay far below
ALIAS_HEADROOM = 16  # YAML aliases may expand a document to this many values per byte before it counts as a bomb
MIN_VALUE_BUDGET = 100_000


class _SpecLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps: an unquoted `2024-01-01` stays the string JSON Schema sees."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A parsed description plus the exact bytes it came from."""

    raw: bytes
    data: dict[str, Any]
    format: SpecFormat
    syntax: Literal["json", "yaml"]

    @property
    def suffix(self) -> str:
        return ".json" if self.syntax == "json" else ".yaml"


def looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def parse(raw: bytes, origin: str = "document") -> Document:
    """Parse bytes into a Document, or raise SpecError saying why not."""
    if not raw.strip():
        raise SpecError(f"{origin} is empty")
    if looks_like_html(raw):
        raise SpecError(f"{origin} is an HTML page, not an API description")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"{origin} is not UTF-8 text ({exc.reason})") from None
    syntax: Literal["json", "yaml"]
    try:
        data = json.loads(text)
        syntax = "json"
    except json.JSONDecodeError as json_exc:
        try:
            data = yaml.load(text, Loader=_SpecLoader)  # a SafeLoader: no Python tags
        except yaml.YAMLError:
            raise SpecError(f"{origin} is neither JSON nor YAML (JSON error at line {json_exc.lineno})") from None
        except RecursionError:
            raise SpecError(f"{origin} is nested too deeply (over {MAX_DEPTH} levels)") from None
        except ValueError as exc:  # a tagged scalar that does not convert, an integer over Python's digit limit
            raise SpecError(f"{origin} holds a value that cannot be read ({type(exc).__name__})") from None
        syntax = "yaml"
    except RecursionError:
        raise SpecError(f"{origin} is nested too deeply (over {MAX_DEPTH} levels)") from None
    except ValueError:  # valid JSON syntax, but an integer longer than Python converts by default
        raise SpecError(f"{origin} holds a number with too many digits") from None
    if not isinstance(data, dict):
        raise SpecError(f"{origin} does not hold a JSON object at the top level")
    data = _plain_json(data, origin, budget=max(MIN_VALUE_BUDGET, ALIAS_HEADROOM * len(raw)))
    return Document(raw=raw, data=data, format=detect_format(data, origin), syntax=syntax)


def _plain_json(data: dict[str, Any], origin: str, *, budget: int) -> dict[str, Any]:
    """A fresh copy of `data` made of JSON values only, or SpecError.

    YAML can say more than JSON: aliases (shared, even self-referencing nodes; expanded, an exponential "billion
    laughs"), sets, binary, non-string keys, NaN. Integer keys (`200:` in YAML responses) become strings, as in
    JSON; anything else JSON cannot hold is refused. Aliases are expanded into copies, so later in-place transforms
    never touch two places at once, and the expansion is capped at `budget` values.
    """
    count = 0

    def copy(value: Any, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > budget:
            raise SpecError(f"{origin} expands to more than {budget} values (YAML aliases?)")
        if depth > MAX_DEPTH:
            raise SpecError(f"{origin} is nested too deeply (over {MAX_DEPTH} levels)")
        if isinstance(value, str):
            return _text(value, origin)
        if value is None or isinstance(value, bool | int):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise SpecError(f"{origin} holds {value!r}, which JSON cannot represent")
            return value
        if isinstance(value, list):
            return [copy(item, depth + 1) for item in value]
        if isinstance(value, dict):
            return {_key(key, origin): copy(item, depth + 1) for key, item in value.items()}
        raise SpecError(f"{origin} holds a {type(value).__name__} value, which JSON cannot represent")

    result: dict[str, Any] = copy(data, 0)
    return result


def _key(key: object, origin: str) -> str:
    if isinstance(key, str):
        return _text(key, origin)
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)
    raise SpecError(f"{origin} has a {type(key).__name__} mapping key; JSON keys are strings")


def _text(value: str, origin: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON "\ud800" escape cannot be written back out
        raise SpecError(f"{origin} holds a string that is not valid Unicode") from None
    return value


def detect_format(data: dict[str, Any], origin: str = "document") -> SpecFormat:
    swagger = data.get("swagger")
    openapi = data.get("openapi")
    if isinstance(swagger, str) and swagger.startswith("2."):
        return "swagger-2.0"
    if isinstance(openapi, str) and openapi.startswith("3.0"):
        return "openapi-3.0"
    if isinstance(openapi, str) and openapi.startswith("3.1"):
        return "openapi-3.1"
    found = repr(swagger if swagger is not None else openapi)
    found = found if len(found) <= 40 else found[:37] + "..."
    raise SpecError(f"{origin} has no supported 'swagger: 2.0' or 'openapi: 3.x' field (found {found})")


def dump_json(data: Any) -> bytes:
    """The one serialisation used for every document we write: sorted, indented, newline-ended."""
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
