"""Compare two normalised documents operation by operation and schema by schema, yielding classified changes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.names import OperationKey
from pipeline.walk import resolve_pointer

from .changes import Change
from .schemas import Finding, SchemaDiff
from .sides import Side
from .specview import (
    DIRECTIONS,
    DOC_KEYS,
    Direction,
    Operation,
    escape,
    is_success,
    operations,
    parameters,
    path_shape,
    pointer,
    resolve,
    schema_usage,
    security,
    strip_docs,
)


def _label(keys: Iterable[OperationKey]) -> tuple[str, ...]:
    return tuple(sorted({str(k) for k in keys}))


@dataclass
class _Collector:
    include_docs: bool
    changes: dict[tuple[str, str], Change] = field(default_factory=dict)

    def add(self, rule: str, ops: Iterable[OperationKey], location: str, message: str) -> None:
        key = (rule, location)
        if key in self.changes:  # the same field reached through two operations: merge them
            previous = self.changes[key]
            merged = tuple(sorted(set(previous.operations) | set(_label(ops))))
            self.changes[key] = Change(rule, merged, location, previous.message)
            return
        self.changes[key] = Change(rule, _label(ops), location, message)

    def findings(self, found: Iterable[Finding], ops: Iterable[OperationKey]) -> None:
        keys = list(ops)
        for finding in found:
            self.add(finding.rule, keys, finding.location, finding.message)

    def docs(self, old: Any, new: Any, ops: Iterable[OperationKey], at: str, what: str) -> None:
        if not self.include_docs or not isinstance(old, dict) or not isinstance(new, dict):
            return
        changed = sorted(k for k in DOC_KEYS if old.get(k) != new.get(k))
        if changed:
            self.add("docs-changed", ops, at, f"{', '.join(changed)} of {what} changed")


def compare(old: Side, new: Side, *, include_docs: bool = False) -> list[Change]:
    """Every change from `old` to `new` that a generated-client user could notice, most severe first."""
    out = _Collector(include_docs)
    renames = _schema_renames(old.document, new.document)
    _operations(old, new, out, renames)
    _collisions(new, out)
    _schemas(old.document, new.document, out, renames)
    _absorbed(old.document, new.document, out)
    _security_schemes(old.document, new.document, out)
    return sorted(out.changes.values(), key=Change.sort_key)


# -- operations ------------------------------------------------------------------------------


def _pair_operations(
    old: dict[OperationKey, Operation], new: dict[OperationKey, Operation]
) -> tuple[list[tuple[Operation, Operation]], list[Operation], list[Operation]]:
    """Pair by method and path shape, so a renamed path parameter is a change, not a removal."""

    def index(ops: dict[OperationKey, Operation]) -> dict[tuple[str, str], list[Operation]]:
        by_shape: dict[tuple[str, str], list[Operation]] = defaultdict(list)
        for key, op in sorted(ops.items()):
            by_shape[(key.method, path_shape(key.path))].append(op)
        return by_shape

    old_index, new_index = index(old), index(new)
    pairs: list[tuple[Operation, Operation]] = []
    removed: list[Operation] = []
    added: list[Operation] = []
    for shape in sorted(set(old_index) | set(new_index)):
        olds, news = old_index.get(shape, []), new_index.get(shape, [])
        if len(olds) == 1 and len(news) == 1:
            pairs.append((olds[0], news[0]))
            continue
        by_key = {op.key: op for op in news}
        for op in olds:
            if op.key in by_key:
                pairs.append((op, by_key.pop(op.key)))
            else:
                removed.append(op)
        added.extend(by_key.values())
    return pairs, removed, added


def _operations(old: Side, new: Side, out: _Collector, renames: dict[str, str]) -> None:
    pairs, removed, added = _pair_operations(operations(old.document), operations(new.document))
    for op in removed:
        name = old.names.get(op.key)
        where = f" (inspera_api.api.{name.qualified})" if name else ""
        out.add("operation-removed", [op.key], op.location, f"{op.key} was removed{where}")
    for op in added:
        name = new.names.get(op.key)
        where = f" as inspera_api.api.{name.qualified}" if name else ""
        out.add("operation-added", [op.key], op.location, f"new operation {op.key}{where}")
    for old_op, new_op in pairs:
        _operation(old, new, old_op, new_op, out, renames)


def _operation(old: Side, new: Side, a: Operation, b: Operation, out: _Collector, renames: dict[str, str]) -> None:
    ops = [a.key]
    old_name, new_name = old.names.get(a.key), new.names.get(b.key)
    if old_name and new_name and (old_name.group, old_name.function) != (new_name.group, new_name.function):
        out.add(
            "operation-renamed",
            ops,
            b.location,
            f"generated as inspera_api.api.{new_name.qualified} instead of inspera_api.api.{old_name.qualified}",
        )
    if not a.data.get("deprecated") and b.data.get("deprecated"):
        out.add("operation-deprecated", ops, b.location, f"{b.key} is now deprecated")
    for field_name, label in (("x-upstream-operation-id", "operationId"), ("x-upstream-tags", "tags")):
        if out.include_docs and a.data.get(field_name) != b.data.get(field_name):
            out.add(
                "upstream-id-changed",
                ops,
                f"{b.location}/{field_name}",
                f"upstream {label} {a.data.get(field_name)!r} -> {b.data.get(field_name)!r}",
            )
    out.docs(a.data, b.data, ops, b.location, "the operation")
    _parameters(old.document, new.document, a, b, out, renames)
    _request_body(old.document, new.document, a, b, out, renames)
    _responses(old.document, new.document, a, b, out, renames)
    _operation_security(old.document, new.document, a, b, out)


def _parameters(
    old_doc: dict[str, Any],
    new_doc: dict[str, Any],
    a: Operation,
    b: Operation,
    out: _Collector,
    renames: dict[str, str],
) -> None:
    ops = [a.key]
    old_params, new_params = parameters(old_doc, a), parameters(new_doc, b)
    for key in sorted(set(old_params) | set(new_params)):
        before, after = old_params.get(key), new_params.get(key)
        if after is None:
            assert before is not None
            out.add("parameter-removed", ops, before.location, f"{before.label} was removed")
            continue
        if before is None:
            rule = "parameter-added-required" if after.data.get("required") else "parameter-added-optional"
            kind = "required" if after.data.get("required") else "optional"
            out.add(rule, ops, after.location, f"new {kind} {after.label}")
            continue
        if after.data.get("required") and not before.data.get("required"):
            out.add("parameter-became-required", ops, after.location, f"{after.label} became required")
        out.docs(before.data, after.data, ops, after.location, after.label)
        diff = SchemaDiff("request", renames, out.include_docs)
        diff.compare(before.data.get("schema"), after.data.get("schema"), f"{after.location}/schema", after.label)
        out.findings(diff.findings, ops)


def _content_diff(
    old: dict[str, Any],
    new: dict[str, Any],
    at: str,
    what: str,
    direction: Direction,
    ops: list[OperationKey],
    out: _Collector,
    renames: dict[str, str],
) -> None:
    old_content, new_content = old.get("content") or {}, new.get("content") or {}
    for media in sorted(set(old_content) | set(new_content)):
        where = f"{at}/content/{escape(media)}"
        if media not in new_content:
            out.add("media-type-removed", ops, where, f"{what} is no longer offered as {media}")
        elif media not in old_content:
            out.add("media-type-added", ops, where, f"{what} is now also offered as {media}")
        else:
            diff = SchemaDiff(direction, renames, out.include_docs)
            diff.compare(
                (old_content[media] or {}).get("schema"),
                (new_content[media] or {}).get("schema"),
                f"{where}/schema",
                f"{what} ({media})",
            )
            out.findings(diff.findings, ops)


def _request_body(
    old_doc: dict[str, Any],
    new_doc: dict[str, Any],
    a: Operation,
    b: Operation,
    out: _Collector,
    renames: dict[str, str],
) -> None:
    ops = [a.key]
    before, after = resolve(old_doc, a.data.get("requestBody")), resolve(new_doc, b.data.get("requestBody"))
    at = f"{b.location}/requestBody"
    if not isinstance(after, dict):
        if isinstance(before, dict):
            out.add("request-body-removed", ops, f"{a.location}/requestBody", "the request body was removed")
        return
    if not isinstance(before, dict):
        if after.get("required"):
            out.add("request-body-required", ops, at, "a required request body was added")
        else:
            out.add("request-body-added-optional", ops, at, "an optional request body was added")
        return
    if after.get("required") and not before.get("required"):
        out.add("request-body-required", ops, at, "the request body became required")
    out.docs(before, after, ops, at, "the request body")
    _content_diff(before, after, at, "the request body", "request", ops, out, renames)


def _responses(
    old_doc: dict[str, Any],
    new_doc: dict[str, Any],
    a: Operation,
    b: Operation,
    out: _Collector,
    renames: dict[str, str],
) -> None:
    ops = [a.key]
    old_responses, new_responses = a.data.get("responses") or {}, b.data.get("responses") or {}
    for status in sorted(set(map(str, old_responses)) | set(map(str, new_responses))):
        before, after = resolve(old_doc, old_responses.get(status)), resolve(new_doc, new_responses.get(status))
        at = pointer("paths", b.key.path, b.key.method.lower(), "responses", status)
        if not isinstance(after, dict):
            rule = "success-status-removed" if is_success(status) else "error-status-removed"
            out.add(
                rule,
                ops,
                pointer("paths", a.key.path, a.key.method.lower(), "responses", status),
                f"response {status} was removed",
            )
        elif not isinstance(before, dict):
            out.add("response-status-added", ops, at, f"new response {status}")
        else:
            out.docs(before, after, ops, at, f"response {status}")
            _content_diff(before, after, at, f"response {status}", "response", ops, out, renames)


def _operation_security(
    old_doc: dict[str, Any], new_doc: dict[str, Any], a: Operation, b: Operation, out: _Collector
) -> None:
    before, after = security(old_doc, a), security(new_doc, b)
    if before == after:
        return

    def show(alternatives: frozenset[frozenset[str]]) -> str:
        if not alternatives:
            return "none"
        return " or ".join(sorted("+".join(sorted(alt)) or "anonymous" for alt in alternatives))

    anonymous_after = not after or frozenset() in after
    anonymous_before = not before or frozenset() in before
    rule = "security-relaxed" if anonymous_after and not anonymous_before else "security-changed"
    if rule == "security-changed" and anonymous_after == anonymous_before and after > before:
        rule = "security-relaxed"  # only alternatives were added
    out.add(rule, [a.key], f"{b.location}/security", f"security {show(before)} -> {show(after)}")


def _collisions(new: Side, out: _Collector) -> None:
    by_name: dict[tuple[str, str], list[OperationKey]] = defaultdict(list)
    for key, name in new.names.items():
        by_name[(name.group, name.function)].append(key)
    for (group, function), keys in sorted(by_name.items()):
        if len(keys) > 1:
            listed = ", ".join(str(k) for k in sorted(keys))
            out.add(
                "operation-name-collision",
                keys,
                pointer("paths", sorted(keys)[0].path),
                f"{listed} would all become inspera_api.api.{group}.{function}",
            )


# -- components ------------------------------------------------------------------------------


def _schemas_of(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = (doc.get("components") or {}).get("schemas") or {}
    return found


def _schema_renames(old_doc: dict[str, Any], new_doc: dict[str, Any]) -> dict[str, str]:
    """Removed schemas that reappear, structurally identical, under exactly one new name."""
    old_schemas, new_schemas = _schemas_of(old_doc), _schemas_of(new_doc)
    added = {name: strip_docs(new_schemas[name]) for name in sorted(set(new_schemas) - set(old_schemas))}
    renames: dict[str, str] = {}
    for name in sorted(set(old_schemas) - set(new_schemas)):
        shape = strip_docs(old_schemas[name])
        matches = [candidate for candidate, body in added.items() if body == shape]
        if len(matches) == 1 and matches[0] not in renames.values():
            renames[name] = matches[0]
    return renames


def _schemas(old_doc: dict[str, Any], new_doc: dict[str, Any], out: _Collector, renames: dict[str, str]) -> None:
    old_schemas, new_schemas = _schemas_of(old_doc), _schemas_of(new_doc)
    old_usage, new_usage = schema_usage(old_doc), schema_usage(new_doc)

    def users(name: str, usage: dict[str, dict[Direction, set[OperationKey]]]) -> set[OperationKey]:
        entry = usage.get(name, {"request": set(), "response": set()})
        return entry["request"] | entry["response"]

    renamed_to = set(renames.values())
    for name in sorted(set(old_schemas) | set(new_schemas)):
        at = pointer("components", "schemas", name)
        if name in renames:
            out.add("schema-renamed", users(name, old_usage), at, f"model {name} is now called {renames[name]}")
        elif name not in new_schemas:
            out.add("schema-removed", users(name, old_usage), at, f"model {name} was removed")
        elif name in renamed_to:
            continue
        elif name not in old_schemas and _was_inline(old_doc, new_schemas[name]):
            was = re.sub(r"Inline\d*$", "", name)
            out.add(
                "inline-model-renamed",
                users(name, new_usage),
                at,
                f"model {was} (inline at {new_schemas[name]['x-extracted-from']}) is now called {name}: "
                f"a new schema is named {was}",
            )
        elif name not in old_schemas:
            out.add("schema-added", users(name, new_usage), pointer("components", "schemas", name), f"new model {name}")
        else:
            _schema(name, old_schemas[name], new_schemas[name], old_usage, new_usage, out, renames)


def _was_inline(old_doc: dict[str, Any], schema: Any) -> bool:
    """A schema the pipeline extracted (inline_model_collision) from a place that held it inline before."""
    where = schema.get("x-extracted-from") if isinstance(schema, dict) else None
    if not isinstance(where, str):
        return False
    before = resolve_pointer(old_doc, "#" + where)
    return isinstance(before, dict) and "$ref" not in before


def _schema(
    name: str,
    old: Any,
    new: Any,
    old_usage: dict[str, dict[Direction, set[OperationKey]]],
    new_usage: dict[str, dict[Direction, set[OperationKey]]],
    out: _Collector,
    renames: dict[str, str],
) -> None:
    at = pointer("components", "schemas", name)
    empty: dict[Direction, set[OperationKey]] = {"request": set(), "response": set()}
    before, after = old_usage.get(name, empty), new_usage.get(name, empty)
    # A model no operation uses is still generated; normalisation treats it like a response model, so do we.
    directions: list[Direction] = [d for d in DIRECTIONS if before[d] or after[d]] or ["response"]
    for direction in directions:
        diff = SchemaDiff(direction, renames, out.include_docs)
        diff.compare(old, new, at, f"model {name}")
        out.findings(diff.findings, before[direction] | after[direction])


def _absorbed(old_doc: dict[str, Any], new_doc: dict[str, Any], out: _Collector) -> None:
    """Vendor renames the pipeline absorbed (recorded in the normalised documents): info, naming the pin."""
    old_schemas, new_schemas = _schemas_of(old_doc), _schemas_of(new_doc)
    usage = schema_usage(new_doc)
    for name in sorted(set(old_schemas) & set(new_schemas)):
        before, after = old_schemas[name], new_schemas[name]
        if not isinstance(before, dict) or not isinstance(after, dict) or "x-pinned-by" not in after:
            continue
        entry = usage.get(name, {"request": set(), "response": set()})
        users, at = entry["request"] | entry["response"], pointer("components", "schemas", name)
        pin = f"the pin {name} = \"{after['x-pinned-by']}\""
        was, now = before.get("x-upstream-name", name), after.get("x-upstream-name", name)
        if was != now:
            out.add("schema-renamed-upstream", users, at, f"the vendor's schema {was} is now {now}; {pin} absorbs it")
        inline_before, inline_after = bool(before.get("x-upstream-inline")), bool(after.get("x-upstream-inline"))
        if inline_before != inline_after:
            how = "is now inline in the vendor's document" if inline_after else "is now a named vendor schema"
            out.add("schema-inlined-upstream", users, at, f"{name} {how}; {pin} absorbs it")
    old_paths = {path_shape(p): (p, item) for p, item in (old_doc.get("paths") or {}).items() if isinstance(item, dict)}
    for path, item in sorted((new_doc.get("paths") or {}).items()):
        if not isinstance(item, dict) or path_shape(path) not in old_paths:
            continue
        old_path, old_item = old_paths[path_shape(path)]
        was, now = old_item.get("x-upstream-path", old_path), item.get("x-upstream-path", path)
        if was != now and old_path == path:  # otherwise the template itself changed: not absorbed
            keys = [k for k in operations(new_doc) if k.path == path]
            out.add(
                "path-variables-renamed-upstream",
                keys,
                pointer("paths", path),
                f"the vendor's path {was} is now {now}; the key {path} of openapi/names.toml absorbs it",
            )


def _security_schemes(old_doc: dict[str, Any], new_doc: dict[str, Any], out: _Collector) -> None:
    old_schemes = (old_doc.get("components") or {}).get("securitySchemes") or {}
    new_schemes = (new_doc.get("components") or {}).get("securitySchemes") or {}
    for name in sorted(set(old_schemes) & set(new_schemes)):
        if strip_docs(old_schemes[name]) != strip_docs(new_schemes[name]):
            users = [op.key for op in operations(new_doc).values() if any(name in alt for alt in security(new_doc, op))]
            out.add(
                "security-changed",
                users,
                pointer("components", "securitySchemes", name),
                f"security scheme {name} changed",
            )
