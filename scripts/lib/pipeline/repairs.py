"""Repairs: named fixes for defects that Java generators (springfox, swagger-core) are known to publish.

Each repair is a function with its reason; it runs on the document as obtained (Swagger 2.0 or OpenAPI 3),
before validation, changes only what is defective and records every place it changed. What cannot be
repaired without guessing (which of two parameters a template means, which of several bodies is the body)
is refused with one line per place. Swagger UI renders all of these, so vendors rarely notice them; the
validator and the generator do. `--strict` turns every recorded repair into an error.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from .errors import Problem, RepairError
from .walk import Doc, Parts, describe, get, is_swagger2, locate, operations, refs, resolve_pointer, schemas

_QUERY_TEMPLATE = re.compile(r"\{[?&][^{}]*\}")
_TEMPLATE_VAR = re.compile(r"\{([^{}?&]+)\}")
_MULTIPART = "multipart/form-data"
_HTTP = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}
PART_SCHEMA = "x-inspera-part-schema"  # where several_body_parameters keeps a part's schema for the conversion


@dataclass(frozen=True)
class Applied:
    """One place a repair changed."""

    repair: str
    parts: Parts
    detail: str

    @property
    def where(self) -> str:
        return locate(self.parts)[0]

    def problem(self) -> Problem:
        where, rest = locate(self.parts)
        at = f" at {rest}" if rest else ""
        return Problem("repair", where, f"{self.repair}{at}: {self.detail} (a repair; --strict refuses repairs)")


@dataclass
class RepairLog:
    """What the repairs did and what they refused, in order."""

    applied: list[Applied] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    def by_repair(self) -> dict[str, list[Applied]]:
        grouped: dict[str, list[Applied]] = {}
        for entry in self.applied:
            grouped.setdefault(entry.repair, []).append(entry)
        return grouped


@dataclass
class _Recorder:
    name: str
    log: RepairLog

    def fixed(self, parts: Parts, detail: str) -> None:
        self.log.applied.append(Applied(self.name, parts, detail))

    def refuse(self, parts: Parts, what: str) -> None:
        where, text = describe(parts, what)
        self.log.refused.append(Problem("repair", where, text))


@dataclass(frozen=True)
class Repair:
    name: str
    why: str
    apply: Callable[[Doc, _Recorder], None]


REPAIRS: list[Repair] = []


def repair(name: str, why: str) -> Callable[[Callable[[Doc, _Recorder], None]], Callable[[Doc, _Recorder], None]]:
    def register(fn: Callable[[Doc, _Recorder], None]) -> Callable[[Doc, _Recorder], None]:
        REPAIRS.append(Repair(name, why, fn))
        return fn

    return register


def repair_document(doc: Doc) -> RepairLog:
    """Check the structure, then run every repair in order on `doc` (in place); raise on any refusal."""
    problems = structure_problems(doc)
    if problems:
        raise RepairError.of(problems)
    log = RepairLog()
    for step in REPAIRS:
        step.apply(doc, _Recorder(step.name, log))
    if log.refused:
        raise RepairError.of(log.refused)
    return log


def run_one(name: str, doc: Doc) -> RepairLog:
    """Apply the single repair `name` to `doc` (for tests and for reading one repair in isolation)."""
    log = RepairLog()
    step = next(r for r in REPAIRS if r.name == name)
    step.apply(doc, _Recorder(step.name, log))
    return log


# -- what cannot be repaired ----------------------------------------------------------------------------------


def structure_problems(doc: Doc) -> list[Problem]:
    """Shapes that no repair can read without guessing: lists given as objects, objects given as scalars."""
    found: list[Problem] = []

    def bad(parts: Parts, what: str) -> None:
        where, text = describe(parts, what)
        found.append(Problem("repair", where, text))

    paths = doc.get("paths")
    if paths is not None and not isinstance(paths, dict):
        bad(("paths",), f"paths is {_kind(paths)}, not an object of path items")
        return found
    for path, item in (paths or {}).items():
        if path.startswith("x-"):
            continue
        if not isinstance(item, dict):
            bad(("paths", path), f"the path item is {_kind(item)}, not an object")
            continue
        _check_parameters(item.get("parameters"), ("paths", path, "parameters"), bad)
        for parts, _path, _method, op in operations({"paths": {path: item}}):
            _check_parameters(op.get("parameters"), (*parts, "parameters"), bad)
            responses = op.get("responses")
            if responses is not None and not isinstance(responses, dict):
                bad((*parts, "responses"), f"responses is {_kind(responses)}, not an object keyed by status code")
            for code, response in (responses or {}).items() if isinstance(responses, dict) else ():
                if not isinstance(response, dict):
                    bad((*parts, "responses", str(code)), f"the response is {_kind(response)}, not an object")
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            if method in item and not isinstance(item[method], dict):
                bad(("paths", path, method), f"the operation is {_kind(item[method])}, not an object")
    section = ("definitions",) if is_swagger2(doc) else ("components", "schemas")
    named = get(doc, section)
    if named is not None and not isinstance(named, dict):
        bad(section, f"{'/'.join(section)} is {_kind(named)}, not an object of named schemas")
    return found


def _check_parameters(params: Any, parts: Parts, bad: Callable[[Parts, str], None]) -> None:
    if params is None:
        return
    if not isinstance(params, list):
        bad(parts, f"parameters is {_kind(params)}, not a list; which entries are parameters cannot be known")
        return
    for i, param in enumerate(params):
        if not isinstance(param, dict):
            bad((*parts, i), f"the parameter is {_kind(param)}, not an object")
        elif "$ref" not in param and not (isinstance(param.get("name"), str) and isinstance(param.get("in"), str)):
            bad((*parts, i), "the parameter has no name or no location (in)")


def _kind(value: Any) -> str:
    """`an object`, `a list`, ...: what a value is, with its article."""
    kind = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")
    return f"an {kind}" if kind == "object" else f"a {kind}"


# -- helpers --------------------------------------------------------------------------------------------------


def _resolved(doc: Doc, node: Any) -> Any:
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return resolve_pointer(doc, node["$ref"])
    return node


def _params(doc: Doc, holder: dict[str, Any]) -> list[dict[str, Any]]:
    """The (resolved) parameter objects listed by an operation or path item."""
    listed = holder.get("parameters")
    found = []
    for param in listed if isinstance(listed, list) else []:
        target = _resolved(doc, param)
        if isinstance(target, dict):
            found.append(target)
    return found


def _new_parameter(doc: Doc, name: str, where: str, *, required: bool) -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "in": where, "required": required}
    if is_swagger2(doc):
        param["type"] = "string"
    else:
        param["schema"] = {"type": "string"}
    return param


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 40 else text[:39] + "…"


# -- repairs, in the order they run ---------------------------------------------------------------------------


@repair(
    "query_template_in_path",
    "springfox with URL templating publishes `/items{?page,size}`: an RFC 6570 query expression inside a path "
    "key. It is not a path, so it is cut off; the query parameters it names are kept (or added as optional strings).",
)
def query_template_in_path(doc: Doc, rec: _Recorder) -> None:
    paths = doc.get("paths")
    if not isinstance(paths, dict) or not any(_QUERY_TEMPLATE.search(p) for p in paths):
        return
    rebuilt: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for path, item in paths.items():
        if not _QUERY_TEMPLATE.search(path) or not isinstance(item, dict):
            _merge(rebuilt, origin, path, path, item, rec)
            continue
        target = _QUERY_TEMPLATE.sub("", path) or "/"
        names = [
            n.strip().rstrip("*").split(":")[0]
            for expr in _QUERY_TEMPLATE.findall(path)
            for n in expr[2:-1].split(",")
            if n.strip()
        ]
        shared = {p.get("name") for p in _params(doc, item) if p.get("in") == "query"}
        for _parts, _p, method, op in operations({"paths": {path: item}}):
            declared = shared | {p.get("name") for p in _params(doc, op) if p.get("in") == "query"}
            missing = [n for n in names if n not in declared]
            if missing:
                listed = op.setdefault("parameters", [])
                listed += [_new_parameter(doc, n, "query", required=False) for n in missing]
            added = f"; added query parameter(s) {', '.join(missing)}" if missing else ""
            rec.fixed(("paths", target, method), f"path {path} held a query template; it is now {target}{added}")
        _merge(rebuilt, origin, target, path, item, rec)
    doc["paths"] = rebuilt


def _merge(rebuilt: dict[str, Any], origin: dict[str, str], target: str, path: str, item: Any, rec: _Recorder) -> None:
    if target not in rebuilt:
        rebuilt[target] = item
        origin[target] = path
        return
    existing = rebuilt[target]
    if not isinstance(existing, dict) or not isinstance(item, dict):
        rec.refuse(("paths", target), f"{origin[target]} and {path} both become {target}")
        return
    clash = sorted(
        m for m in ("get", "put", "post", "delete", "options", "head", "patch", "trace") if m in existing and m in item
    )
    if clash:
        rec.refuse(
            ("paths", target, clash[0]),
            f"{origin[target]} and {path} both become {clash[0].upper()} {target}; which one to keep cannot be decided",
        )
        return
    for holder in (existing, item):  # path-level parameters move into the operations before the items merge
        shared = holder.pop("parameters", None)
        if isinstance(shared, list) and shared:
            for _parts, _p, _m, op in operations({"paths": {"x": holder}}):
                own = {(p.get("name"), p.get("in")) for p in op.get("parameters") or [] if isinstance(p, dict)}
                op.setdefault("parameters", [])
                op["parameters"] += [p for p in shared if (p.get("name"), p.get("in")) not in own]
    existing.update(item)


@repair(
    "several_body_parameters",
    "springfox lists each @RequestPart of a multipart call as its own `in: body` parameter, which Swagger 2.0 "
    "forbids (one body per operation) and swagger2openapi collapses to the last one. Each becomes a named part "
    "of one multipart/form-data body with its own schema.",
)
def several_body_parameters(doc: Doc, rec: _Recorder) -> None:
    if not is_swagger2(doc):
        return
    for parts, _path, _method, op in operations(doc):
        listed = op.get("parameters")
        if not isinstance(listed, list):
            continue
        resolved = [(i, _resolved(doc, p)) for i, p in enumerate(listed)]
        bodies = [(i, p) for i, p in resolved if isinstance(p, dict) and p.get("in") == "body"]
        has_form = any(isinstance(p, dict) and p.get("in") == "formData" for _i, p in resolved)
        if len(bodies) < 2 and not (bodies and has_form):
            continue
        names = ", ".join(str(p.get("name")) for _i, p in bodies)
        consumes = op.get("consumes", doc.get("consumes")) or []
        if _MULTIPART not in consumes:
            rec.refuse(
                (*parts, "parameters"),
                f"{len(bodies)} body parameter(s) ({names}){' next to formData' if has_form else ''} but the "
                "operation does not consume multipart/form-data; which one is the body cannot be decided",
            )
            continue
        for i, body in bodies:
            part: dict[str, Any] = {"name": body.get("name"), "in": "formData", "type": "string"}
            if body.get("required"):
                part["required"] = True
            if isinstance(body.get("description"), str):
                part["description"] = body["description"]
            part[PART_SCHEMA] = body.get("schema") if isinstance(body.get("schema"), dict) else {}
            listed[i] = part
        op["consumes"] = [_MULTIPART]
        rec.fixed((*parts, "parameters"), f"body parameters ({names}) became parts of one multipart/form-data body")


@repair(
    "optional_path_parameter",
    "A path parameter is part of the URL, so it is always required; springfox and hand-written "
    "@ApiImplicitParams publish `required: false`, which both spec versions forbid and the generator refuses.",
)
def optional_path_parameter(doc: Doc, rec: _Recorder) -> None:
    for parts, param in _all_parameters(doc):
        if param.get("in") == "path" and param.get("required") is not True:
            rec.fixed(parts, f"path parameter {param.get('name')} had required: {_json(param.get('required'))}")
            param["required"] = True


def _all_parameters(doc: Doc) -> Iterable[tuple[Parts, dict[str, Any]]]:
    section: Parts = ("parameters",) if is_swagger2(doc) else ("components", "parameters")
    named = get(doc, section)
    for name, param in (named or {}).items() if isinstance(named, dict) else ():
        if isinstance(param, dict):
            yield (*section, name), param
    paths = doc.get("paths")
    for path, item in (paths or {}).items() if isinstance(paths, dict) else ():
        if not isinstance(item, dict):
            continue
        for i, param in enumerate(item.get("parameters") or []):
            if isinstance(param, dict) and "$ref" not in param:
                yield ("paths", path, "parameters", i), param
        for parts, _p, _m, op in operations({"paths": {path: item}}):
            for i, param in enumerate(op.get("parameters") or []):
                if isinstance(param, dict) and "$ref" not in param:
                    yield (*parts, "parameters", i), param


@repair(
    "undeclared_path_parameter",
    "A path template variable with no parameter (a springfox @PathVariable it did not see) makes the URL "
    "impossible to build; it is added as a required string, which is what every path segment is on the wire.",
)
def undeclared_path_parameter(doc: Doc, rec: _Recorder) -> None:
    for parts, path, _method, op in operations(doc):
        template = _TEMPLATE_VAR.findall(path)
        if len(template) != len(set(template)):
            rec.refuse(parts, f"the path template names {{{_first_duplicate(template)}}} twice")
            continue
        item = doc["paths"][path]
        declared = [p.get("name") for p in [*_params(doc, item), *_params(doc, op)] if p.get("in") == "path"]
        missing = [name for name in template if name not in declared]
        unused = sorted({str(n) for n in declared if n not in template})
        if missing and unused:
            rec.refuse(
                (*parts, "parameters"),
                f"the path has {', '.join('{' + m + '}' for m in missing)} but the path parameters are "
                f"{', '.join(unused)}; which belongs to which cannot be decided",
            )
            continue
        if missing:
            op.setdefault("parameters", [])
            op["parameters"] += [_new_parameter(doc, name, "path", required=True) for name in missing]
            rec.fixed((*parts, "parameters"), f"added path parameter(s) {', '.join(missing)} as strings")


def _first_duplicate(values: list[str]) -> str:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return ""


@repair(
    "unused_path_parameter",
    "A declared path parameter that the path template does not contain can never be sent; the generator "
    "refuses the operation for it. It is dropped (when the template has no undeclared variable to pair it with).",
)
def unused_path_parameter(doc: Doc, rec: _Recorder) -> None:
    paths = doc.get("paths")
    for path, item in (paths or {}).items() if isinstance(paths, dict) else ():
        if not isinstance(item, dict):
            continue
        template = set(_TEMPLATE_VAR.findall(path))
        holders: list[tuple[dict[str, Any], Parts]] = [(item, ("paths", path))]
        holders += [(op, parts) for parts, _p, _m, op in operations({"paths": {path: item}})]
        for holder, parts in holders:
            listed = holder.get("parameters")
            if not isinstance(listed, list):
                continue
            kept = []
            for param in listed:
                target = _resolved(doc, param)
                if isinstance(target, dict) and target.get("in") == "path" and target.get("name") not in template:
                    rec.fixed((*parts, "parameters"), f"dropped path parameter {target.get('name')}, not in {path}")
                    continue
                kept.append(param)
            holder["parameters"] = kept


_STATUS = re.compile(r"[1-5]\d\d")
_STATUS_CLASS = re.compile(r"([1-5])xx", re.IGNORECASE)
_RANGE_KEYS = {True: (), False: ("1XX", "2XX", "3XX", "4XX", "5XX")}  # Swagger 2.0 has none
_STATUS_SPAN = re.compile(r"([1-5])00\s*-\s*([1-5])99")
STATUS_RANGE = "x-inspera-status-range"  # a Swagger 2.0 range response under a free code until the conversion


def _status_classes(code: str) -> list[str] | None:
    """`4XX`/`4xx` -> [4XX]; `400-599` -> [4XX, 5XX]; anything else -> None."""
    whole = _STATUS_CLASS.fullmatch(code)
    if whole:
        return [f"{whole.group(1)}XX"]
    span = _STATUS_SPAN.fullmatch(code)
    if span and span.group(1) <= span.group(2):
        return [f"{n}XX" for n in range(int(span.group(1)), int(span.group(2)) + 1)]
    return None


@repair(
    "non_http_response_key",
    "Responses are keyed by HTTP status code; Java documents publish `-1` or `0` (an unset code) and `400-599` "
    "or `4xx` (a range). A key that is no status is dropped; a range becomes the class keys 4XX/5XX, which "
    "OpenAPI 3 defines (a Swagger 2.0 range is carried through the conversion).",
)
def non_http_response_key(doc: Doc, rec: _Recorder) -> None:
    swagger2 = is_swagger2(doc)
    for parts, _path, _method, op in operations(doc):
        responses = op.get("responses")
        if not isinstance(responses, dict):
            continue
        rebuilt: dict[str, Any] = {}
        ranges: list[tuple[str, str, Any]] = []
        for key, response in responses.items():
            code = str(key)
            if code in ("default", *_RANGE_KEYS[swagger2]) or code.startswith("x-") or _STATUS.fullmatch(code):
                rebuilt[code] = response
                continue
            classes = _status_classes(code)
            if classes is None:
                rec.fixed((*parts, "responses"), f"dropped response {_json(code)}, which is no HTTP status code")
                continue
            ranges += [(code, cls, response) for cls in classes]
        for code, cls, response in ranges:
            added = _swagger2_range(rebuilt, cls, response) if swagger2 else _range(rebuilt, cls, response)
            if added:
                rec.fixed((*parts, "responses"), f"response {_json(code)} is the status range {cls}")
            else:
                rec.fixed((*parts, "responses"), f"dropped response {_json(code)}; {cls} is already described")
        if len(rebuilt) != len(responses) or list(rebuilt) != [str(k) for k in responses]:
            op["responses"] = rebuilt


def _range(responses: dict[str, Any], cls: str, response: Any) -> bool:
    if cls in responses:
        return False
    responses[cls] = copy.deepcopy(response)
    return True


def _swagger2_range(responses: dict[str, Any], cls: str, response: Any) -> bool:
    """Swagger 2.0 has no range keys: the response waits under the highest free code of its class, marked."""
    if any(isinstance(r, dict) and r.get(STATUS_RANGE) == cls for r in responses.values()):
        return False
    first = int(cls[0]) * 100
    free = next((str(c) for c in range(first + 99, first - 1, -1) if str(c) not in responses), None)
    if free is None:
        return False  # every code of the class is described already
    marked = copy.deepcopy(response) if isinstance(response, dict) else {}
    marked[STATUS_RANGE] = cls
    responses[free] = marked
    return True


@repair(
    "response_without_description",
    "Both spec versions require a description on every response (and a responses object on every operation); "
    "swagger-core and hand-edited documents omit them. The HTTP reason phrase is used.",
)
def response_without_description(doc: Doc, rec: _Recorder) -> None:
    for parts, _path, _method, op in operations(doc):
        if "responses" not in op:
            op["responses"] = {"default": {"description": ""}}
            rec.fixed(parts, "the operation had no responses; added a default response")
        for code, response in (op.get("responses") or {}).items():
            _describe_response(doc, (*parts, "responses", str(code)), str(code), response, rec)
    section: Parts = ("responses",) if is_swagger2(doc) else ("components", "responses")
    named = get(doc, section)
    for name, response in (named or {}).items() if isinstance(named, dict) else ():
        _describe_response(doc, (*section, name), "", response, rec)


def _describe_response(doc: Doc, parts: Parts, code: str, response: Any, rec: _Recorder) -> None:
    if not isinstance(response, dict) or "$ref" in response or isinstance(response.get("description"), str):
        return
    try:
        phrase = HTTPStatus(int(code)).phrase
    except ValueError:
        phrase = ""
    response["description"] = phrase
    rec.fixed(parts, f"response had no description; set to {_json(phrase)}")


_SCHEMA_TARGETS = ("#/definitions/", "#/components/schemas/")
_RESPONSE_TARGETS = ("#/responses/", "#/components/responses/")


@repair(
    "dangling_ref",
    "A $ref to a schema or response the document does not define (a class springfox skipped) stops every tool. "
    "A missing schema becomes an untyped one, a missing response a response without body; a missing parameter "
    "or request body cannot be invented and is refused, as is any reference to another file.",
)
def dangling_ref(doc: Doc, rec: _Recorder) -> None:
    for parts, ref in list(refs(doc)):
        if not ref.startswith("#"):
            rec.refuse(parts, f"$ref {ref} points into another document; bundle it into one file first")
            continue
        if resolve_pointer(doc, ref) is not None:
            continue
        holder = get(doc, parts)
        if not isinstance(holder, dict):
            continue
        note = f"The document refers to {ref}, which it does not define."
        if ref.startswith(_SCHEMA_TARGETS) and _is_parameter_type(doc, parts):
            rec.refuse(parts, f"$ref {ref} points at nothing; how to send the parameter cannot be known")
        elif ref.startswith(_SCHEMA_TARGETS):
            holder.pop("$ref")
            holder["description"] = (
                f"{holder['description']} {note}" if isinstance(holder.get("description"), str) else note
            )
            rec.fixed(parts, f"$ref {ref} points at nothing; the schema is untyped")
        elif ref.startswith(_RESPONSE_TARGETS):
            holder.pop("$ref")
            holder["description"] = note
            rec.fixed(parts, f"$ref {ref} points at nothing; the response has no body")
        else:
            rec.refuse(parts, f"$ref {ref} points at nothing, and what it stood for cannot be invented")


def _is_parameter_type(doc: Doc, parts: Parts) -> bool:
    """The schema of a non-body parameter (or of its items): what decides how the value goes on the wire."""
    trimmed = list(parts)
    while trimmed and trimmed[-1] == "items":
        trimmed.pop()
    if trimmed and trimmed[-1] == "schema":
        trimmed.pop()
    if len(trimmed) < 2 or trimmed[-2] != "parameters":
        return False
    param = get(doc, trimmed)
    return isinstance(param, dict) and param.get("in") != "body"


@repair(
    "allow_empty_value_in_schema",
    "springfox 2.8+ writes `allowEmptyValue` (a query-parameter field) into model properties and path "
    "parameters, where Swagger 2.0 and OpenAPI 3.0 forbid it; it carries no meaning there and is dropped.",
)
def allow_empty_value_in_schema(doc: Doc, rec: _Recorder) -> None:
    if str(doc.get("openapi", "")).startswith("3.1"):
        return  # 3.1 schemas are JSON Schema 2020-12: unknown keywords are allowed
    swagger2 = is_swagger2(doc)
    for parts, node in schemas(doc):
        if "allowEmptyValue" not in node or ("in" in node and "name" in node):
            continue  # parameters are judged below
        del node["allowEmptyValue"]
        rec.fixed(parts, "dropped allowEmptyValue, which is not allowed here")
    if not swagger2:
        return
    for parts, param in _all_parameters(doc):
        if "allowEmptyValue" in param and param.get("in") not in ("query", "formData"):
            del param["allowEmptyValue"]
            rec.fixed(parts, f"dropped allowEmptyValue from a {param.get('in')} parameter")


@repair(
    "duplicate_enum_values",
    "Java enums with aliases (Spring's HttpStatus lists 302 FOUND and 302 MOVED_TEMPORARILY under one code) "
    "publish an enum with a value twice; enum values must be unique and the generator crashes on them.",
)
def duplicate_enum_values(doc: Doc, rec: _Recorder) -> None:
    for parts, node in schemas(doc):
        values = node.get("enum")
        if not isinstance(values, list):
            continue
        seen: set[str] = set()
        kept: list[int] = []
        repeated: list[Any] = []
        for i, value in enumerate(values):
            key = json.dumps(value, sort_keys=True)
            if key in seen:
                repeated.append(value)
                continue
            seen.add(key)
            kept.append(i)
        if not repeated:
            continue
        names = node.get("x-enum-varnames")
        if isinstance(names, list) and len(names) == len(values):
            node["x-enum-varnames"] = [names[i] for i in kept]
        node["enum"] = [values[i] for i in kept]
        rec.fixed((*parts, "enum"), f"enum listed {', '.join(_json(v) for v in repeated)} more than once")


@repair(
    "invalid_default",
    "A `default` its own schema rejects (outside its enum, e.g. `asc` for [ASC, DESC], or of another type) breaks "
    "the spec's rule that a default conforms to its schema, and the generator drops the operation. It is dropped: "
    "the server applies its own default when the value is not sent.",
)
def invalid_default(doc: Doc, rec: _Recorder) -> None:
    for parts, node in schemas(doc):
        if "default" not in node:
            continue
        reason = _default_problem(node)
        if reason:
            rec.fixed((*parts, "default"), f"dropped default {_json(node['default'])}, which {reason}")
            del node["default"]


def _default_problem(node: dict[str, Any]) -> str:
    value = node["default"]
    if value is None and (node.get("nullable") is True or node.get("x-nullable") is True):
        return ""
    values = node.get("enum")
    if isinstance(values, list) and value not in values:
        return "is not among its enum values"
    kind = node.get("type")
    expected = _JSON_TYPES.get(kind) if isinstance(kind, str) else None
    if expected and (not isinstance(value, expected) or (isinstance(value, bool) and kind != "boolean")):
        return f"is not of type {kind}"
    return ""


@repair(
    "file_array_in_form",
    "springfox publishes a List<MultipartFile> part as a formData array of `type: file`, which Swagger 2.0 does "
    "not allow (file is a parameter type, not an item type). Each item is a binary string: the same files sent "
    "as repeated parts of the multipart body.",
)
def file_array_in_form(doc: Doc, rec: _Recorder) -> None:
    if not is_swagger2(doc):
        return
    for parts, param in _all_parameters(doc):
        items = param.get("items")
        if param.get("in") == "formData" and isinstance(items, dict) and items.get("type") == "file":
            items["type"] = "string"
            items["format"] = "binary"
            rec.fixed((*parts, "items"), f"formData array {param.get('name')} had items of type file")


@repair(
    "file_type_in_model",
    "Swagger 2.0 allows `type: file` only for a response schema and formData parameters; swagger-core writes it "
    "for java.io.File fields of models too. There it becomes a string: a JSON model cannot carry raw bytes.",
)
def file_type_in_model(doc: Doc, rec: _Recorder) -> None:
    if not is_swagger2(doc):
        return
    for parts, node in schemas(doc):
        if node.get("type") != "file":
            continue
        if len(parts) >= 3 and parts[-1] == "schema" and parts[-3] == "responses":
            continue  # the root of a response schema: legal
        if node.get("in") == "formData":
            continue
        node["type"] = "string"
        note = "A file field (type file, which Swagger 2.0 allows only for responses and formData)."
        node["description"] = f"{node['description']} {note}" if isinstance(node.get("description"), str) else note
        rec.fixed(parts, "type file is allowed only for responses and formData; it is a string")


@repair(
    "security_scheme_location",
    "`in` (and `name`) belong to apiKey security schemes only; springdoc and hand-written documents add "
    "`in: header` to bearer and OAuth schemes, where both spec versions forbid it. It is dropped: those schemes "
    "always use the Authorization header.",
)
def security_scheme_location(doc: Doc, rec: _Recorder) -> None:
    section: Parts = ("securityDefinitions",) if is_swagger2(doc) else ("components", "securitySchemes")
    named = get(doc, section)
    for name, scheme in (named or {}).items() if isinstance(named, dict) else ():
        if not isinstance(scheme, dict) or scheme.get("type") == "apiKey" or "$ref" in scheme:
            continue
        extra = [k for k in ("in", "name") if k in scheme]
        for key in extra:
            del scheme[key]
        if extra:
            rec.fixed((*section, name), f"dropped {', '.join(extra)} from a {scheme.get('type')} security scheme")


_ITEMS_KEYWORDS = frozenset(
    {
        "type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum",
        "multipleOf",
    }
)  # fmt: skip


@repair(
    "keyword_in_items",
    "A Swagger 2.0 parameter or header `items` object takes only the validation keywords; springfox copies the "
    "parameter's `description` (and other fields) into it. They say nothing about the items and are dropped.",
)
def keyword_in_items(doc: Doc, rec: _Recorder) -> None:
    if not is_swagger2(doc):
        return
    holders: list[tuple[Parts, dict[str, Any]]] = list(_all_parameters(doc))
    for parts, _path, _method, op in operations(doc):
        responses = op.get("responses")
        for code, response in responses.items() if isinstance(responses, dict) else ():
            headers = response.get("headers") if isinstance(response, dict) else None
            for name, header in headers.items() if isinstance(headers, dict) else ():
                if isinstance(header, dict):
                    holders.append(((*parts, "responses", str(code), "headers", name), header))
    for parts, holder in holders:
        if holder.get("in") == "body":
            continue
        node, where = holder.get("items"), (*parts, "items")
        while isinstance(node, dict):
            extra = sorted(k for k in node if k not in _ITEMS_KEYWORDS and not str(k).startswith("x-"))
            for key in extra:
                del node[key]
            if extra:
                rec.fixed(where, f"dropped {', '.join(extra)}, not allowed in items")
            node, where = node.get("items"), (*where, "items")


_V2_SCHEMA_LIKE = frozenset({"description", *_ITEMS_KEYWORDS})
_V2_FIELDS: dict[str, frozenset[str]] = {
    "root": frozenset(
        {
            "swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions",
            "parameters", "responses", "securityDefinitions", "security", "tags", "externalDocs",
        }
    ),
    "info": frozenset({"title", "description", "termsOfService", "contact", "license", "version"}),
    "path": frozenset({"$ref", "get", "put", "post", "delete", "options", "head", "patch", "parameters"}),
    "operation": frozenset(
        {
            "tags", "summary", "description", "externalDocs", "operationId", "consumes", "produces", "parameters",
            "responses", "schemes", "deprecated", "security",
        }
    ),
    "parameter": frozenset({"name", "in", "required", "schema", "allowEmptyValue", *_V2_SCHEMA_LIKE}),
    "response": frozenset({"description", "schema", "headers", "examples"}),
    "header": _V2_SCHEMA_LIKE,
    "scheme": frozenset({"type", "description", "name", "in", "flow", "authorizationUrl", "tokenUrl", "scopes"}),
}  # fmt: skip
_V3_FIELDS: dict[str, frozenset[str]] = {
    "root": frozenset(
        {"openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs", "webhooks",
         "jsonSchemaDialect"}
    ),
    "info": frozenset({"title", "summary", "description", "termsOfService", "contact", "license", "version"}),
    "path": frozenset({"$ref", "summary", "description", "servers", "parameters", *_HTTP}),
    "operation": frozenset(
        {
            "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody",
            "responses", "callbacks", "deprecated", "security", "servers",
        }
    ),
    "parameter": frozenset(
        {
            "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode",
            "allowReserved", "schema", "example", "examples", "content",
        }
    ),
    "response": frozenset({"description", "headers", "content", "links"}),
    "header": frozenset(
        {
            "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
            "schema", "example", "examples", "content",
        }
    ),
    "scheme": frozenset(
        {"type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl"}
    ),
}  # fmt: skip
# Swagger 2.0 and OpenAPI 3.0 schema keywords together: the validator reads 2.0 schemas as 3.0 ones
_SCHEMA_KEYWORDS = frozenset(
    {
        "$ref", "title", "description", "type", "format", "default", "enum", "multipleOf", "maximum",
        "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
        "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "items", "properties",
        "additionalProperties", "allOf", "oneOf", "anyOf", "not", "discriminator", "readOnly", "writeOnly",
        "nullable", "deprecated", "xml", "externalDocs", "example",
    }
)  # fmt: skip
_SHARED_FIELDS = {
    "contact": frozenset({"name", "url", "email"}),
    "license": frozenset({"name", "url", "identifier"}),
    "tag": frozenset({"name", "description", "externalDocs"}),
}


@repair(
    "unknown_field",
    "Swagger 2.0 and OpenAPI 3.0 allow only their own fields plus extensions named `x-...` (in schemas too; 3.1 "
    "schemas allow any keyword); generators and hand edits add others (`info.logo`, `operation.produce`, "
    "springfox's `originalRef`). Each is kept as documentation under its `x-` name (dropped if that name is "
    "taken); no tool reads it either way.",
)
def unknown_field(doc: Doc, rec: _Recorder) -> None:
    fields = {**_SHARED_FIELDS, **(_V2_FIELDS if is_swagger2(doc) else _V3_FIELDS), "schema": _SCHEMA_KEYWORDS}
    for kind, parts, node in _spec_objects(doc):
        allowed = fields[kind]
        for key in [k for k in node if k not in allowed and not str(k).startswith("x-")]:
            value = node.pop(key)
            target = f"x-{key}"
            if target in node:
                rec.fixed(parts, f"dropped {_json(key)}, which is no {kind} field ({target} exists)")
            else:
                node[target] = value
                rec.fixed(parts, f"{_json(key)} is no {kind} field; kept as {target}")


def _spec_objects(doc: Doc) -> Iterable[tuple[str, Parts, dict[str, Any]]]:
    """(kind, location, object) for the objects whose fields the specification lists."""
    yield "root", (), doc
    swagger2 = is_swagger2(doc)
    if not str(doc.get("openapi", "")).startswith("3.1"):
        for parts, node in schemas(doc):
            # a Swagger 2.0 parameter, header or items object is schema-like, with fields of its own (judged below)
            if swagger2 and parts[0] != "definitions" and "schema" not in parts:
                continue
            if not swagger2 and "$ref" in node:
                continue  # an OpenAPI 3.0 Reference Object: fields next to $ref are allowed and ignored
            yield "schema", parts, node
    info = doc.get("info")
    if isinstance(info, dict):
        yield "info", ("info",), info
        for kind in ("contact", "license"):
            if isinstance(info.get(kind), dict):
                yield kind, ("info", kind), info[kind]
    for i, tag in enumerate(doc.get("tags") or [] if isinstance(doc.get("tags"), list) else []):
        if isinstance(tag, dict):
            yield "tag", ("tags", i), tag
    schemes_at: Parts = ("securityDefinitions",) if swagger2 else ("components", "securitySchemes")
    for name, scheme in _items(get(doc, schemes_at)):
        if isinstance(scheme, dict) and "$ref" not in scheme:
            yield "scheme", (*schemes_at, name), scheme
    for parts, param in _all_parameters(doc):
        yield "parameter", parts, param
    responses_at: Parts = ("responses",) if swagger2 else ("components", "responses")
    for name, response in _items(get(doc, responses_at)):
        if isinstance(response, dict) and "$ref" not in response:
            yield from _response_objects((*responses_at, name), response)
    for name, header in _items(get(doc, ("components", "headers"))):
        if isinstance(header, dict) and "$ref" not in header:
            yield "header", ("components", "headers", name), header
    paths = doc.get("paths")
    for path, item in _items(paths):
        if not isinstance(item, dict) or str(path).startswith("x-"):
            continue
        yield "path", ("paths", path), item
        for parts, _p, _m, op in operations({"paths": {path: item}}):
            yield "operation", parts, op
            for code, response in _items(op.get("responses")):
                if isinstance(response, dict) and "$ref" not in response and not str(code).startswith("x-"):
                    yield from _response_objects((*parts, "responses", str(code)), response)


def _response_objects(parts: Parts, response: dict[str, Any]) -> Iterable[tuple[str, Parts, dict[str, Any]]]:
    yield "response", parts, response
    for name, header in _items(response.get("headers")):
        if isinstance(header, dict) and "$ref" not in header:
            yield "header", (*parts, "headers", name), header


def _items(node: Any) -> Iterable[tuple[str, Any]]:
    return node.items() if isinstance(node, dict) else ()
