"""Structural comparison of two JSON schemas, judged by whether they are sent (request) or received (response)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .specview import DOC_KEYS, Direction, escape, ref_name, strip_docs


@dataclass(frozen=True)
class Finding:
    rule: str
    location: str
    message: str


def describe(schema: Any) -> str:
    """A short human name for a schema's shape: `integer (int64)`, `model Test`, `array of string`."""
    if not isinstance(schema, dict):
        return "nothing"
    name = ref_name(schema)
    if name is not None:
        return f"model {name}"
    kind = schema.get("type")
    if kind == "array":
        return f"array of {describe(schema.get('items'))}"
    if kind is None:
        if "properties" in schema:
            return "object"
        for combo in ("allOf", "oneOf", "anyOf"):
            if combo in schema:
                return combo
        return "any value"
    text = str(kind)
    if schema.get("format"):
        text += f" ({schema['format']})"
    if isinstance(schema.get("enum"), list):
        text += " enum"
    return text


def _values(values: list[Any]) -> str:
    return ", ".join(repr(v) for v in values)


@dataclass
class SchemaDiff:
    """Walks two schemas in step; `$ref`s are compared by name and never followed."""

    direction: Direction
    renames: Mapping[str, str] = field(default_factory=dict)
    include_docs: bool = False
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, location: str, message: str) -> None:
        self.findings.append(Finding(rule, location, message))

    def compare(self, old: Any, new: Any, at: str, what: str) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if isinstance(old, dict) != isinstance(new, dict):
                self.add("type-changed", at, f"{what} changed from {describe(old)} to {describe(new)}")
            return
        if self.include_docs:
            self.docs(old, new, at, what)
        old_ref, new_ref = ref_name(old), ref_name(new)
        if old_ref is not None or new_ref is not None:
            if old_ref != new_ref and not (old_ref is not None and self.renames.get(old_ref) == new_ref):
                self.add("type-changed", at, f"{what} changed from {describe(old)} to {describe(new)}")
            return
        if (old.get("type"), old.get("format")) != (new.get("type"), new.get("format")):
            self.add("type-changed", at, f"{what} changed from {describe(old)} to {describe(new)}")
            return
        self.enums(old, new, at, what)
        if self.direction == "response" and not old.get("nullable") and new.get("nullable"):
            self.add("response-property-became-nullable", at, f"{what} may now be null")
        self.properties(old, new, at, what)
        self.compare_child(old, new, "items", at, f"items of {what}")
        if isinstance(old.get("additionalProperties"), dict) and isinstance(new.get("additionalProperties"), dict):
            self.compare_child(old, new, "additionalProperties", at, f"values of {what}")
        self.compositions(old, new, at, what)

    def compare_child(self, old: dict[str, Any], new: dict[str, Any], key: str, at: str, what: str) -> None:
        if key in old or key in new:
            self.compare(old.get(key), new.get(key), f"{at}/{key}", what)

    def docs(self, old: dict[str, Any], new: dict[str, Any], at: str, what: str) -> None:
        changed = sorted(k for k in DOC_KEYS if old.get(k) != new.get(k))
        if changed:
            self.add("docs-changed", at, f"{', '.join(changed)} of {what} changed")

    def enums(self, old: dict[str, Any], new: dict[str, Any], at: str, what: str) -> None:
        old_strict, new_strict = isinstance(old.get("enum"), list), isinstance(new.get("enum"), list)
        if old_strict != new_strict:
            state = "became a strict enum" if new_strict else "is no longer a strict enum"
            self.add("type-changed", at, f"{what} {state}")
            return
        key = "enum" if old_strict else "x-known-values"
        old_values, new_values = old.get(key), new.get(key)
        if not isinstance(old_values, list) or not isinstance(new_values, list):
            return
        removed = [v for v in old_values if v not in new_values]
        added = [v for v in new_values if v not in old_values]
        if removed:
            self.add(f"{self.direction}-enum-value-removed", at, f"{what} no longer takes {_values(removed)}")
        if added:
            verb = "may now be" if self.direction == "response" else "now also accepts"
            self.add(f"{self.direction}-enum-value-added", at, f"{what} {verb} {_values(added)}")

    def properties(self, old: dict[str, Any], new: dict[str, Any], at: str, what: str) -> None:
        old_props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        old_required = set(old.get("required") or [])
        new_required = set(new.get("required") or [])
        for name in sorted(set(old_props) | set(new_props)):
            where = f"{at}/properties/{escape(name)}"
            label = f"field '{name}'"
            if name not in new_props:
                self.add(f"{self.direction}-property-removed", where, f"{label} was removed")
            elif name not in old_props:
                if self.direction == "response":
                    self.add("response-property-added", where, f"new {label}")
                elif name in new_required:
                    self.add("request-property-added-required", where, f"new required {label}")
                else:
                    self.add("request-property-added-optional", where, f"new optional {label}")
            else:
                if self.direction == "request" and name in new_required and name not in old_required:
                    self.add("request-property-became-required", where, f"{label} became required")
                if self.direction == "response" and name in old_required and name not in new_required:
                    self.add("response-property-became-optional", where, f"{label} is no longer always present")
                self.compare(old_props[name], new_props[name], where, label)

    def compositions(self, old: dict[str, Any], new: dict[str, Any], at: str, what: str) -> None:
        for key in ("allOf", "oneOf", "anyOf"):
            old_parts, new_parts = old.get(key), new.get(key)
            if old_parts is None and new_parts is None:
                continue
            if isinstance(old_parts, list) and isinstance(new_parts, list) and len(old_parts) == len(new_parts):
                for index, (a, b) in enumerate(zip(old_parts, new_parts, strict=True)):
                    self.compare(a, b, f"{at}/{key}/{index}", f"{key}[{index}] of {what}")
            elif strip_docs(old_parts) != strip_docs(new_parts):
                self.add("type-changed", at, f"the {key} composition of {what} changed")
