"""Requests checked against the API description before a route sees them: unknown paths and methods, the rules of
parameters and bodies. So the simulator accepts what the spec allows and refuses what it forbids, by construction."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .http import bad_request

_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Violation(ValueError):
    """A request part that breaks the description; the message names the part and the rule."""


@dataclass(frozen=True)
class Match:
    template: str
    operation: dict[str, Any] | None  # None: the path exists, the method does not
    allowed: tuple[str, ...]


class Described:
    """The operations of one API description, matched by path and checked against their parameters and body."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._doc = document
        self._paths: list[tuple[re.Pattern[str], int, str, dict[str, Any]]] = []
        for template, item in (document.get("paths") or {}).items():
            operations = {m.upper(): op for m, op in item.items() if m in _METHODS and isinstance(op, dict)}
            parts = re.split(r"(\{[^}]+\})", template)
            pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
            literal = sum(len(p) for p in parts if not p.startswith("{"))
            self._paths.append((re.compile(pattern + r"\Z"), literal, template, operations))
        # The most literal template wins: /v1/test/search before /v1/test/{testId}.
        self._paths.sort(key=lambda entry: -entry[1])

    def match(self, path: str, method: str) -> Match | None:
        for pattern, _literal, template, operations in self._paths:
            if pattern.match(path):
                allowed = tuple(sorted(operations))
                # HEAD is GET without the body (RFC 9110), so it is served wherever GET is, but not listed.
                wanted = "GET" if method.upper() == "HEAD" else method.upper()
                return Match(template, operations.get(wanted), allowed)
        return None

    def check(self, operation: dict[str, Any], query: dict[str, list[str]], headers: dict[str, str],
              body: bytes) -> None:
        """Raise HTTPFailure (400 with Inspera's error body) when a parameter or the body breaks the description."""
        try:
            for parameter in operation.get("parameters") or []:
                self._check_parameter(self._resolve(parameter), query, headers)
            self._check_body(operation.get("requestBody"), body)
        except Violation as violation:
            raise bad_request(str(violation)) from None

    def _check_parameter(self, parameter: dict[str, Any], query: dict[str, list[str]],
                         headers: dict[str, str]) -> None:
        where, name = parameter.get("in"), str(parameter.get("name"))
        if where == "query":
            values = query.get(name, [])
        elif where == "header":
            values = [headers[name.lower()]] if name.lower() in headers else []
        else:
            return  # path values are the routes' business: an id that fits no route names nothing (404)
        if not values:
            if parameter.get("required"):
                raise Violation(f"the {where} parameter {name!r} is required")
            return
        if len(values) > 1:
            raise Violation(f"the {where} parameter {name!r} is given {len(values)} times")
        schema = self._resolve(parameter.get("schema") or {})
        self._validate(_from_text(values[0], schema, f"{where} parameter {name!r}"), schema, f"{where} {name}")

    def _check_body(self, request_body: Any, raw: bytes) -> None:
        if not isinstance(request_body, dict):
            return
        request_body = self._resolve(request_body)
        if not raw.strip():
            if request_body.get("required"):
                raise Violation("the request needs a JSON body")
            return
        media = (request_body.get("content") or {}).get("application/json")
        if not isinstance(media, dict):
            return
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):
            raise Violation("the body is not valid JSON") from None
        self._validate(value, media.get("schema") or {}, "body")

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target: Any = self._doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def _validate(self, value: Any, schema: Any, where: str) -> None:
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            return
        if value is None:
            if schema.get("nullable"):
                return
            if "type" in schema:
                raise Violation(f"{where} must not be null")
            return
        kind = schema.get("type")
        if kind is not None and not _is_type(value, kind):
            raise Violation(f"{where} must be of type {kind}")
        if "enum" in schema and value not in schema["enum"]:
            raise Violation(f"{where} must be one of {', '.join(map(str, schema['enum']))}")
        if isinstance(value, str):
            _check_string(value, schema, where)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            _check_number(value, schema, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._validate(item, schema.get("items"), f"{where}[{index}]")
        elif isinstance(value, dict):
            self._check_object(value, schema, where)

    def _check_object(self, value: dict[str, Any], schema: dict[str, Any], where: str) -> None:
        missing = [name for name in schema.get("required") or [] if name not in value]
        if missing:
            raise Violation(f"{where} lacks the required field(s) {', '.join(missing)}")
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                self._validate(item, properties[name], f"{where}.{name}")
            elif extra is False:
                raise Violation(f"{where} has the unknown field {name!r}")
            elif isinstance(extra, dict):
                self._validate(item, extra, f"{where}.{name}")


def _is_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    expected = {"string": str, "boolean": bool, "array": list, "object": dict}.get(kind)
    return expected is None or isinstance(value, expected)


def _check_string(value: str, schema: dict[str, Any], where: str) -> None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        raise Violation(f"{where} must have at least {schema['minLength']} character(s)")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise Violation(f"{where} must have at most {schema['maxLength']} characters")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        raise Violation(f"{where} does not match the pattern {schema['pattern']}")
    if schema.get("format") == "date-time":
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise Violation(f"{where} is not an RFC 3339 date-time") from None
        if moment.tzinfo is None or "T" not in value.upper():
            raise Violation(f"{where} is not an RFC 3339 date-time")


def _check_number(value: float, schema: dict[str, Any], where: str) -> None:
    low, high = _INT_RANGES.get(str(schema.get("format")), (None, None))
    low = schema.get("minimum", low)
    high = schema.get("maximum", high)
    if low is not None and value < low:
        raise Violation(f"{where} must be at least {low}")
    if high is not None and value > high:
        raise Violation(f"{where} must be at most {high}")


def _from_text(text: str, schema: dict[str, Any], where: str) -> Any:
    """A query or header value as the type its schema declares."""
    kind = schema.get("type")
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise Violation(f"the {where} must be an integer")
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise Violation(f"the {where} must be a number") from None
    if kind == "boolean":
        if text.lower() not in ("true", "false"):  # published client code sends includeStudent=True
            raise Violation(f"the {where} must be true or false")
        return text.lower() == "true"
    return text
