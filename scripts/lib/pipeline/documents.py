"""Reading API description documents (JSON or YAML) and telling Swagger 2.0 from OpenAPI 3."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from .errors import SpecError

SpecFormat = Literal["swagger-2.0", "openapi-3.0", "openapi-3.1"]


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
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise SpecError(f"{origin} is neither JSON nor YAML (JSON error at line {json_exc.lineno})") from None
        syntax = "yaml"
    if not isinstance(data, dict):
        raise SpecError(f"{origin} does not hold a JSON object at the top level")
    return Document(raw=raw, data=data, format=detect_format(data, origin), syntax=syntax)


def detect_format(data: dict[str, Any], origin: str = "document") -> SpecFormat:
    swagger = data.get("swagger")
    openapi = data.get("openapi")
    if isinstance(swagger, str) and swagger.startswith("2."):
        return "swagger-2.0"
    if isinstance(openapi, str) and openapi.startswith("3.0"):
        return "openapi-3.0"
    if isinstance(openapi, str) and openapi.startswith("3.1"):
        return "openapi-3.1"
    found = swagger if swagger is not None else openapi
    raise SpecError(f"{origin} has no supported 'swagger: 2.0' or 'openapi: 3.x' field (found {found!r})")


def dump_json(data: Any) -> bytes:
    """The one serialisation used for every document we write: sorted, indented, newline-ended."""
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
