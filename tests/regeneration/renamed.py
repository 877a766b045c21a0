"""Wire-identical variants of our Swagger 2.0 snapshot: what a Java server changes on its own.

Schemas renamed as DTO classes, path variables renamed, schemas inlined where they are used, operationIds and
tags replaced. None of it changes a request or a response.
"""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from typing import Any

from pipeline.transforms import iter_operations

DEFINITIONS = "#/definitions/"
PATH_VARIABLES = {"testId": "assessmentRunId", "jobId": "exportJobId", "userId": "candidateUserId"}
STYLES = (
    "{}DTO",
    "no.inspera.api.v1.{}",
    "RequestEntity«{}»",
    "{}Resource",
    "com.inspera.dto.{}Dto",
)


def java_name(name: str, style: str) -> str:
    return style.format(name)


def rename_schemas(doc: dict[str, Any], renames: dict[str, str]) -> None:
    """Rename definitions and every `$ref` to them (one walk)."""
    doc["definitions"] = {renames.get(k, k): v for k, v in doc["definitions"].items()}
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(DEFINITIONS) and ref[len(DEFINITIONS) :] in renames:
                node["$ref"] = DEFINITIONS + renames[ref[len(DEFINITIONS) :]]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def rename_path_variables(doc: dict[str, Any], renames: dict[str, str]) -> None:
    paths = {}
    for path, item in doc["paths"].items():
        new = path
        for old, ours in renames.items():
            new = new.replace("{" + old + "}", "{" + ours + "}")
        for holder in [item, *(op for _m, op in item.items() if isinstance(op, dict))]:
            for param in holder.get("parameters", []) if isinstance(holder, dict) else []:
                if isinstance(param, dict) and param.get("in") == "path" and param.get("name") in renames:
                    param["name"] = renames[param["name"]]
        paths[new] = item
    doc["paths"] = paths


def references(doc: dict[str, Any]) -> Counter[str]:
    found: Counter[str] = Counter()
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(DEFINITIONS):
                found[ref[len(DEFINITIONS) :]] += 1
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def inline(doc: dict[str, Any], name: str) -> None:
    """Replace the one `$ref` to `name` by the schema itself and drop the definition."""
    schema = doc["definitions"].pop(name)
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict) and value.get("$ref") == DEFINITIONS + name:
                    node[key] = copy.deepcopy(schema)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, dict) and value.get("$ref") == DEFINITIONS + name:
                    node[i] = copy.deepcopy(schema)
                else:
                    stack.append(value)


def inlinable(doc: dict[str, Any], pinned: set[str]) -> list[str]:
    """Pinned definitions referenced exactly once and referring to no other definition (Swagger 2.0 cannot
    inline a schema that its own target refers back to, and these are what springfox inlines)."""
    counts = references(doc)
    return sorted(
        name
        for name in doc["definitions"]
        if name in pinned and counts[name] == 1 and not references(doc["definitions"][name])
    )


def vendor_variant(
    data: dict[str, Any],
    pinned: set[str],
    *,
    seed: int,
    rename_paths: bool = True,
    inline_count: int = 3,
) -> dict[str, Any]:
    """A wire-identical copy: pinned schemas renamed Java-style, path variables renamed, some schemas inlined,
    operationIds and tags replaced."""
    rng = random.Random(seed)
    doc = copy.deepcopy(data)
    for name in rng.sample(inlinable(doc, pinned), k=min(inline_count, len(inlinable(doc, pinned)))):
        inline(doc, name)
    renames = {n: java_name(n, rng.choice(STYLES)) for n in doc["definitions"] if n in pinned}
    rename_schemas(doc, renames)
    if rename_paths:
        rename_path_variables(doc, PATH_VARIABLES)
    for i, (_path, _method, op) in enumerate(iter_operations(doc)):
        op["operationId"] = f"usingGET_{rng.randint(0, 9)}_{i}"
        op["tags"] = [f"{rng.choice(['resource', 'controller', 'api'])}-{rng.randint(0, 3)}"]
    doc["tags"] = [{"name": t} for t in sorted({op["tags"][0] for _p, _m, op in iter_operations(doc)})]
    return json.loads(json.dumps(doc))


def mark_nullable(doc: dict[str, Any]) -> None:
    """Every property of every definition marked `x-nullable: true`, as springfox does for boxed Java types."""
    for schema in doc["definitions"].values():
        stack: list[Any] = [schema]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for prop in (node.get("properties") or {}).values():
                    if isinstance(prop, dict) and "$ref" not in prop:
                        prop["x-nullable"] = True
                stack.extend(v for k, v in node.items() if k != "x-evidence")
            elif isinstance(node, list):
                stack.extend(node)
