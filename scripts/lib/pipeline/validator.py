"""openapi-spec-validator, configured where it is stricter than the specification (imported only to validate).

Two validator configurations (workarounds, both reported):
- `file_response_schema`: openapi-spec-validator 0.8 checks Swagger 2.0 schemas against the OpenAPI 3.0
  schema dialect, which has no `type: file`; Swagger 2.0 allows it for response schemas.
- `foreign_regex_pattern`: the validator compiles `pattern` with Python's `re`; the specification's dialect is
  ECMA 262 and Java servers publish Java regexes (`\\p{L}`). No generated code checks patterns, so a pattern
  Python cannot compile is kept as documentation instead of stopping the run.

Every error is collected (up to MAX_ERRORS) and turned into a Problem naming the operation or JSON pointer
and what is wrong in a few words; no message ever embeds the offending instance or a Python repr.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jsonschema import FormatChecker  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError as SchemaValidationError  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_schema_validator import OAS30Validator, oas30_format_checker, oas31_format_checker
from openapi_spec_validator.schemas.backend.jsonschema import create_validator as python_validator
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.validators import (
    OpenAPIV2SpecValidator,
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    SpecValidator,
)

from .errors import Problem
from .walk import Parts, describe, is_swagger2

MAX_ERRORS = 100
RESOLVED_CACHE = 4096  # resolved-path cache of jsonschema-path; without one, validation is ~60% slower
_LOCATION = "_inspera_parts"


def _without_regex(checker: FormatChecker) -> FormatChecker:
    lenient = FormatChecker(())
    lenient.checkers = {name: check for name, check in checker.checkers.items() if name != "regex"}
    return lenient


_OAS30_FORMATS = _without_regex(oas30_format_checker)
_OAS31_FORMATS = _without_regex(oas31_format_checker)


def _tag(errors: Iterator[SchemaValidationError], parts: Parts) -> Iterator[SchemaValidationError]:
    for error in errors:
        if not hasattr(error, _LOCATION):
            setattr(error, _LOCATION, (*parts, *error.path))
        yield error


def _parts(path: SchemaPath) -> Parts:
    return tuple(path.parts)


def _has_file_type(node: Any) -> bool:
    if isinstance(node, dict):
        return node.get("type") == "file" or any(_has_file_type(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_file_type(v) for v in node)
    return False


def _file_as_string(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _file_as_string(v) for k, v in node.items()}
        if out.get("type") == "file":
            out["type"] = "string"
        return out
    if isinstance(node, list):
        return [_file_as_string(v) for v in node]
    return node


class _SchemaCheck30(keywords.OpenAPIV30SchemaValidator):
    def _get_schema_checker(self, schema: SchemaPath, schema_value: Any) -> Callable[[Any], None]:
        def check(value: Any) -> None:
            OAS30Validator.check_schema(value, format_checker=_OAS30_FORMATS)

        return check

    def __call__(
        self, schema: SchemaPath, require_properties: bool = True, meta_checked: bool = False
    ) -> Iterator[SchemaValidationError]:
        yield from _tag(super().__call__(schema, require_properties, meta_checked), _parts(schema))


class _SchemaCheck2(_SchemaCheck30):
    """Swagger 2.0 schemas, checked in the 3.0 dialect as the library does, but with `type: file` allowed."""

    def _get_schema_checker(self, schema: SchemaPath, schema_value: Any) -> Callable[[Any], None]:
        def check(value: Any) -> None:
            subject = _file_as_string(value) if _has_file_type(value) else value
            OAS30Validator.check_schema(subject, format_checker=_OAS30_FORMATS)

        return check


class _SchemaCheck31(keywords.OpenAPIV31SchemaValidator):
    schema_validator_format_checker = _OAS31_FORMATS

    def __call__(
        self, schema: SchemaPath, require_properties: bool = True, meta_checked: bool = False
    ) -> Iterator[SchemaValidationError]:
        yield from _tag(super().__call__(schema, require_properties, meta_checked), _parts(schema))


def _lenient_values(base: type[keywords.ValueValidator]) -> type[keywords.ValueValidator]:
    class Values(base):  # type: ignore[valid-type,misc]
        value_validator_format_checker = _OAS31_FORMATS if base is keywords.OpenAPIV31ValueValidator else _OAS30_FORMATS

        def __call__(self, schema: SchemaPath, value: Any) -> Iterator[SchemaValidationError]:
            try:
                found = list(super().__call__(schema, value))
            except (re.error, ValueError, TypeError):  # a foreign-dialect pattern the default is checked against
                return
            yield from _tag(iter(found), (*_parts(schema), "default"))

    return Values


class _Parameters(keywords.ParametersValidator):
    def __call__(self, parameters: SchemaPath) -> Iterator[SchemaValidationError]:
        yield from _tag(super().__call__(parameters), _parts(parameters))


class _Operation(keywords.OperationValidator):
    def __call__(
        self, url: str, name: str, operation: SchemaPath, path_parameters: SchemaPath | None
    ) -> Iterator[SchemaValidationError]:
        yield from _tag(super().__call__(url, name, operation, path_parameters), ("paths", url, name))


def _configured(base: type[SpecValidator], schema_check: type[keywords.KeywordValidator]) -> type[SpecValidator]:
    chosen = dict(base.keyword_validators)
    chosen["schema"] = schema_check
    chosen["default"] = _lenient_values(base.keyword_validators["default"])  # type: ignore[arg-type]
    chosen["parameters"] = _Parameters
    chosen["operation"] = _Operation
    return type(f"Lenient{base.__name__}", (base,), {"keyword_validators": chosen})


_VALIDATORS: dict[str, type[SpecValidator]] = {
    "2.0": _configured(OpenAPIV2SpecValidator, _SchemaCheck2),
    "3.0": _configured(OpenAPIV30SpecValidator, _SchemaCheck30),
    "3.1": _configured(OpenAPIV31SpecValidator, _SchemaCheck31),
}


def _version(doc: dict[str, Any]) -> str:
    if is_swagger2(doc):
        return "2.0"
    return "3.1" if str(doc.get("openapi", "")).startswith("3.1") else "3.0"


def problems_of(doc: dict[str, Any], stage: str) -> list[Problem]:
    """Every validation problem of `doc` (at most MAX_ERRORS), as Problems of `stage`."""
    cls = _VALIDATORS[_version(doc)]
    validator = cls(SchemaPath.from_dict(doc, resolved_cache_maxsize=RESOLVED_CACHE))
    found: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    try:
        structural = list(_structure_errors(validator, doc))
        # The keyword checks assume a document of the right shape; on a malformed one they crash.
        errors = iter(structural) if structural else validator.root_validator(validator.schema_path)
        for error in errors:
            parts = getattr(error, _LOCATION, None)
            if parts is None:
                parts = tuple(error.absolute_path)
            where, what = describe(parts, message(error))
            if (where, what) in seen:
                continue
            seen.add((where, what))
            found.append(Problem(stage, where, what))
            if len(found) >= MAX_ERRORS:
                break
    except RecursionError:
        found.append(Problem(stage, "", "the document nests schemas too deeply to validate"))
    except Exception as exc:  # the validator raises unrelated types on hostile input (unresolvable $refs, ...)
        found.append(Problem(stage, "", f"could not be validated ({type(exc).__name__}: {exc})"))
    return found


def _structure_errors(validator: SpecValidator, doc: dict[str, Any]) -> Iterator[SchemaValidationError]:
    """Errors against the spec version's JSON Schema. The fast (Rust) backend answers valid or not; its errors
    are flattened text that embeds the instance, so the structured ones come from the Python backend."""
    root = validator.schema_validator
    if root.is_valid(doc):
        return
    yield from python_validator(root.schema).iter_errors(doc)


# -- messages -------------------------------------------------------------------------------------------------


def _short(value: Any, limit: int = 40) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "number"


def _deepest(error: SchemaValidationError) -> SchemaValidationError:
    """For oneOf/anyOf: the sub-error of the alternative meant (the one whose `in`/`type` matched)."""
    best = error
    while best.context:
        by_branch: dict[Any, list[SchemaValidationError]] = defaultdict(list)
        for sub in best.context:
            by_branch[sub.relative_schema_path[0] if sub.relative_schema_path else 0].append(sub)

        def rank(errors: list[SchemaValidationError]) -> tuple[int, int, int]:
            wrong_kind = sum(1 for e in errors if list(e.relative_path) in (["in"], ["type"]) and e.validator == "enum")
            return (-wrong_kind, -len(errors), max(len(e.path) for e in errors))

        branch = max(by_branch.values(), key=rank)
        best = max(branch, key=lambda e: len(e.path))
        if best.validator not in ("oneOf", "anyOf"):
            break
    return best


def _unexpected(error: SchemaValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    known = schema.get("properties") or {}
    patterns = [p for p in (schema.get("patternProperties") or {}) if isinstance(p, str)]
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return [str(k) for k in instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]


def message(error: SchemaValidationError) -> str:
    """A few words on what is wrong, without the offending instance."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        inner = _deepest(error)
        if inner is not error:
            prefix = "/".join(str(p) for p in list(inner.absolute_path)[len(error.absolute_path) :])
            text = message(inner)
            return f"{prefix}: {text}" if prefix else text
        return "matches none of the allowed forms"
    validator, expected, instance = error.validator, error.validator_value, error.instance
    if validator == "required":
        missing = [name for name in expected if isinstance(instance, Mapping) and name not in instance]
        return f"{_short(missing[0] if missing else expected)} is required"
    if validator == "additionalProperties":
        extra = _unexpected(error)
        return f"{_short(extra, 80)} not allowed here" if extra else "has fields that are not allowed here"
    if validator == "type":
        kind = _kind(instance)
        return f"is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, expected {_short(expected)}"
    if validator == "enum":
        return f"{_short(instance)} is not one of {_short(expected, 80)}"
    if validator == "const":
        return f"{_short(instance)} should be {_short(expected)}"
    if validator == "format":
        return f"{_short(instance)} is not a valid {expected}"
    if validator == "pattern":
        return f"{_short(instance)} does not match {_short(expected)}"
    if validator == "uniqueItems":
        return "lists the same value more than once"
    if validator == "not":
        return "is not allowed here"
    if validator in ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "minProperties"):
        return f"fails {validator} {_short(expected)}"
    if not isinstance(validator, str):
        return str(error.message)  # the library's own checks (duplicate ids, unresolved path parameters): short text
    return f"fails the {validator!s} rule ({_short(expected)})"
