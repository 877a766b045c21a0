"""Repairs: named fixes for defects that Java generators (springfox, swagger-core) are known to publish.

Each repair is a function with its reason; it runs on the document as obtained (Swagger 2.0 or OpenAPI 3),
before validation, changes only what is defective and records every place it changed. What cannot be
repaired without guessing (which of two parameters a template means, which of several bodies is the body)
is refused with one line per place. Swagger UI renders all of these, so vendors rarely notice them; the
validator and the generator do. `--strict` turns every recorded repair into an error.
"""

from __future__ import annotations

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
        if ref.startswith(_SCHEMA_TARGETS):
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
