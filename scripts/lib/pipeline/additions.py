"""Our own additions to the vendor's document (openapi/additions.*): load, check, normalise and merge them.

Some schemas exist only in our reconstruction: the formats of the files behind export jobs' signed URLs and the
body of a webhook delivery. No operation references them, so no vendor document will carry them; they live in a
document of our own and are merged into whichever vendor document is generated from (the snapshot, `--source`,
`--pull`).

The merge happens after normalisation, when every vendor schema has its public name, because "the same schema"
is decided by that name: a vendor schema whose public name is one of ours wins (ours is dropped), and so does a
vendor schema whose own name (its `x-upstream-name`, else its key) is listed in our schema's `x-vendor-names`
(it is then renamed to our public name, every `$ref` rewritten). Both are reported. Our schemas go through the
schema transforms of normalisation first, so merging them here gives what the same schemas inside the vendor's
document would give.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .documents import Document, parse
from .errors import Problem, SpecError
from .layout import Layout
from .names import NameMap
from .transforms import TRANSFORMS, Context
from .walk import pointer, refs

ADDITIONS_STEM = "additions"
SUFFIXES = (".json", ".yaml", ".yml")
MARKER = "x-addition"  # on every merged schema: it comes from our document, not the vendor's
VENDOR_NAMES = "x-vendor-names"
UPSTREAM_NAME = "x-upstream-name"
CONFIDENCE = frozenset({"confirmed", "single-source", "inferred"})
# The transforms of normalisation that act on schemas alone; the others act on operations, which we add none of.
SCHEMA_TRANSFORMS = (
    "loosen_response_enums", "enum_member_names", "schema_titles", "nullable_model_names", "canonical_order"
)
# Keywords whose meaning differs between OpenAPI 3.0 and 3.1: a merged schema must mean the same in both.
_VERSIONED = ("nullable",)
_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_REF = "#/components/schemas/"


@dataclass(frozen=True)
class Additions:
    """The checked document: its file name, bytes (hashed into the manifest) and the schemas it adds."""

    file: str
    raw: bytes
    data: dict[str, Any]

    @property
    def schemas(self) -> dict[str, Any]:
        found: dict[str, Any] = self.data["components"]["schemas"]
        return found

    def for_validation(self) -> dict[str, Any]:
        """A copy the validator can check alone: refs to vendor schemas point at stand-in empty schemas."""
        data = copy.deepcopy(self.data)
        schemas = data["components"]["schemas"]
        for name in sorted(_referenced(self.schemas) - set(schemas)):
            schemas[name] = {}
        return data


@dataclass
class Merged:
    """What the merge did: schemas of ours added, and ours the vendor's document provides itself."""

    file: str
    sha256: str
    added: list[str] = field(default_factory=list)
    vendor_wins: list[tuple[str, str]] = field(default_factory=list)  # (our name, the vendor's schema and why)

    def lines(self) -> list[str]:
        head = f"additions: {len(self.added)} schema(s) of ours added from openapi/{self.file}"
        if not self.vendor_wins:
            return [head + "; the vendor's document has none of them"]
        lines = [head + f"; {len(self.vendor_wins)} provided by the vendor's document (the vendor's wins):"]
        return lines + [f"  {ours} <- {theirs}" for ours, theirs in self.vendor_wins]

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": f"openapi/{self.file}",
            "sha256": self.sha256,
            "added": self.added,
            "vendor_wins": {ours: theirs for ours, theirs in self.vendor_wins},
        }


def load(layout: Layout) -> Additions | None:
    """openapi/additions.{json,yaml} checked, or None when the project has none; SpecError in one line per fault."""
    found = [p for p in sorted(layout.openapi_dir.glob(f"{ADDITIONS_STEM}.*")) if p.suffix in SUFFIXES]
    if not found:
        return None
    if len(found) > 1:
        raise SpecError(f"expected at most one {ADDITIONS_STEM}.json|yaml in openapi/, found {len(found)}")
    path = found[0]
    raw = path.read_bytes()
    return checked(parse(raw, origin=f"openapi/{path.name}"), path.name)


def checked(document: Document, file: str) -> Additions:
    """The structural rules of an additions document (the validator runs later, in the background)."""
    problems = problems_of(document.data)
    if problems:
        raise SpecError.of(problems)
    return Additions(file, document.raw, document.data)


def problems_of(data: dict[str, Any]) -> list[Problem]:
    """Every breach of our rules: OpenAPI 3.0, schemas only, each named like a class and carrying x-evidence."""
    problems: list[Problem] = []

    def bad(where: str, what: str) -> None:
        problems.append(Problem("additions", where, what))

    if not str(data.get("openapi", "")).startswith("3.0."):
        bad("", "must be an OpenAPI 3.0 document (openapi: 3.0.x)")
    if data.get("paths"):
        bad("/paths", "adds operations; additions may only add schemas (components.schemas)")
    if data.get("webhooks"):
        bad("/webhooks", "additions may only add schemas (components.schemas)")
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict) or not schemas:
        bad("/components/schemas", "missing or empty: nothing to add")
        return problems
    assert isinstance(components, dict)  # schemas came from it
    others = sorted(k for k in components if k != "schemas" and not str(k).startswith("x-"))
    if others:
        bad("/components", f"{', '.join(others)}: additions may only add schemas")
    sources = data.get("x-sources")
    known = set(sources) if isinstance(sources, dict) else set()
    if not known:
        bad("/x-sources", "missing: the evidence of each schema names its sources here")
    for name, schema in schemas.items():
        where = pointer(("components", "schemas", name))
        if not _NAME.match(str(name)):
            bad(where, "a schema name of ours is a class name: a capital letter, then letters and digits")
        if not isinstance(schema, dict):
            bad(where, "is not a schema object")
            continue
        problems += [Problem("additions", where, what) for what in _evidence_problems(schema.get("x-evidence"), known)]
        vendor_names = schema.get(VENDOR_NAMES)
        if vendor_names is not None and not (
            isinstance(vendor_names, list) and all(isinstance(v, str) and v for v in vendor_names)
        ):
            bad(where, f"{VENDOR_NAMES} must be a list of the vendor's schema names")
        for _where, ref in refs(schema):
            if not ref.startswith(_REF):
                bad(where, f"$ref {ref} must point into #/components/schemas/ (no other documents)")
        for keyword in _VERSIONED:
            if _uses(schema, keyword):
                bad(where, f"uses {keyword}, which OpenAPI 3.1 does not have; additions must mean the same in both")
    return problems


def _evidence_problems(evidence: Any, known: set[str]) -> list[str]:
    if not isinstance(evidence, dict):
        return ["has no x-evidence (confidence, sources, notes)"]
    found = []
    if evidence.get("confidence") not in CONFIDENCE:
        found.append(f"x-evidence confidence must be one of {', '.join(sorted(CONFIDENCE))}")
    sources = evidence.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        found.append("x-evidence sources must be a non-empty list of source ids")
    elif known and not set(sources) <= known:
        found.append(f"x-evidence sources {', '.join(sorted(set(sources) - known))} are not listed in x-sources")
    return found


def normalised(additions: Additions, names: NameMap) -> dict[str, Any]:
    """Our schemas after the schema transforms of normalisation, as they would be inside the vendor's document."""
    steps = {t.name: t for t in TRANSFORMS}
    missing = [name for name in SCHEMA_TRANSFORMS if name not in steps]
    if missing:
        raise RuntimeError(f"additions.SCHEMA_TRANSFORMS names unknown transforms: {', '.join(missing)}")
    doc: dict[str, Any] = {"openapi": "3.0.3", "paths": {}, "components": {"schemas": copy.deepcopy(additions.schemas)}}
    ctx = Context(names=names)
    for name in SCHEMA_TRANSFORMS:
        steps[name].apply(doc, ctx)
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def merge_into(target: dict[str, Any], found: Additions | None, names: NameMap) -> Merged | None:
    """The additions (when the project has them, see load()) normalised and merged into the normalised `target`."""
    if found is None:
        return None
    return merge(target, found, normalised(found, names), hashlib.sha256(found.raw).hexdigest())


def merge(target: dict[str, Any], additions: Additions, ours: dict[str, Any], digest: str) -> Merged:
    """Merge `ours` (normalised) into the normalised vendor document `target`, in place; SpecError on a conflict."""
    schemas = target.setdefault("components", {}).setdefault("schemas", {})
    merged = Merged(additions.file, digest)
    by_vendor_name = {str(s.get(UPSTREAM_NAME, key)) if isinstance(s, dict) else key: key for key, s in schemas.items()}
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    for name in sorted(ours):
        schema = ours[name]
        if name in schemas:
            merged.vendor_wins.append((name, f"{name} (same public name)"))
            continue
        listed = [v for v in schema.get(VENDOR_NAMES, []) if v in by_vendor_name]
        if listed:
            theirs = by_vendor_name[listed[0]]
            if theirs in ours:
                problems.append(Problem("additions", name, f"{VENDOR_NAMES} lists {theirs}, a schema of ours too"))
                continue
            if theirs in claimed:
                problems.append(
                    Problem("additions", name, f"{theirs} is already claimed by {claimed[theirs]} ({VENDOR_NAMES})")
                )
                continue
            claimed[theirs] = name
            _rename(target, theirs, name)
            merged.vendor_wins.append((name, f"{listed[0]} (listed in {VENDOR_NAMES})"))
            continue
        added = {k: v for k, v in schema.items() if k != VENDOR_NAMES}
        added[MARKER] = f"openapi/{additions.file}"
        schemas[name] = added
        merged.added.append(name)
    for name in merged.added:
        for ref in sorted(_referenced({name: schemas[name]})):
            if ref not in schemas:
                problems.append(
                    Problem(
                        "additions",
                        pointer(("components", "schemas", name)),
                        f"refers to {ref}, which the vendor's document does not define under that name "
                        "(pin it in openapi/names.toml [models] or add it to the additions)",
                    )
                )
    if problems:
        raise SpecError.of(problems)
    sources = additions.data.get("x-sources") or {}
    if merged.added and sources:
        listed_sources = target.setdefault("x-sources", {})
        for key, value in sources.items():
            listed_sources.setdefault(key, value)
    return merged


def _rename(doc: dict[str, Any], old: str, new: str) -> None:
    """Rename a schema of `doc` and rewrite every `$ref` to it; the vendor's name is kept as x-upstream-name."""
    schemas = doc["components"]["schemas"]
    schema = schemas.pop(old)
    if isinstance(schema, dict):
        schema.setdefault(UPSTREAM_NAME, old)
    schemas[new] = schema
    old_ref, new_ref = _REF + old, _REF + new

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("$ref") == old_ref:
                node["$ref"] = new_ref
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(doc)


def _referenced(schemas: dict[str, Any]) -> set[str]:
    return {ref[len(_REF) :] for _where, ref in refs(schemas) if ref.startswith(_REF)}


def _uses(node: Any, keyword: str) -> bool:
    """Whether a schema (or a sub-schema) uses `keyword`; property names are names, not keywords."""
    if isinstance(node, list):
        return any(_uses(v, keyword) for v in node)
    if not isinstance(node, dict):
        return False
    if keyword in node:
        return True
    for key, value in node.items():
        if key in ("properties", "patternProperties") and isinstance(value, dict):
            if any(_uses(v, keyword) for v in value.values()):
                return True
        elif key != "x-evidence" and _uses(value, keyword):
            return True
    return False
