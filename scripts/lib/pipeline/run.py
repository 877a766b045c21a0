"""The pipeline end to end: build in a scratch folder, then either compare or swap into place."""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import manifest as manifest_mod
from .convert import to_openapi3
from .documents import Document, dump_json, parse
from .errors import GenerationError, SpecError
from .generate import generate
from .layout import UPSTREAM_STEM, Layout
from .names import NameMap, StableName
from .transforms import keep_upstream_identity, normalise
from .tree import TreeDiff, diff_trees, swap_in, tree_sha256, write_atomic
from .validate import check_names, check_normalised, check_source, operation_keys


@dataclass
class NewUpstream:
    """A document to adopt as the snapshot, and how it was obtained (for the manifest)."""

    document: Document
    source: dict[str, Any]


@dataclass
class Outcome:
    operations: int
    groups: dict[str, int]
    fallback_names: list[str]
    warnings: list[str]
    seconds: float
    diff: TreeDiff = field(default_factory=TreeDiff)
    wrote: bool = False

    def summary(self, *, check: bool) -> str:
        lines = [
            f"operations: {self.operations} in {len(self.groups)} groups ("
            + ", ".join(f"{g} {n}" for g, n in sorted(self.groups.items()))
            + ")",
        ]
        if self.fallback_names:
            lines.append(f"fallback names ({len(self.fallback_names)}; add them to openapi/names.toml):")
            lines += [f"  {w}" for w in self.fallback_names]
        other = [w for w in self.warnings if w not in self.fallback_names]
        lines.append(f"warnings: {len(other)}")
        lines += [f"  {w}" for w in other[:15]]
        if check:
            lines.append(
                "check: up to date"
                if not self.diff
                else f"check: STALE — {len(self.diff.changed)} changed, {len(self.diff.added)} added, "
                f"{len(self.diff.removed)} removed"
            )
            lines += self.diff.lines()
        else:
            lines.append(
                f"wrote: {len(self.diff.changed)} changed, {len(self.diff.added)} added, "
                f"{len(self.diff.removed)} removed files"
                if self.diff
                else "wrote: nothing changed"
            )
        lines.append(f"wall time: {self.seconds:.1f} s")
        return "\n".join(lines)


def current_upstream(layout: Layout) -> Document:
    path = layout.upstream()
    return parse(path.read_bytes(), origin=str(path.relative_to(layout.root)))


def run(layout: Layout, *, new: NewUpstream | None = None, check: bool = False) -> Outcome:
    """Build everything into a scratch folder; on success compare (check) or write it all."""
    started = time.monotonic()
    upstream = new.document if new else current_upstream(layout)
    prepared = copy.deepcopy(upstream.data)
    keep_upstream_identity(prepared)
    check_source(prepared, origin="upstream document")
    names = NameMap.load(layout.names)
    converted = to_openapi3(prepared, upstream.format, layout)
    normalised, ctx = normalise(converted, names)
    check_names(ctx.assigned)
    check_normalised(normalised)
    _check_nothing_lost(upstream, converted, normalised)
    normalised_bytes = dump_json(normalised)

    old_manifest = manifest_mod.load(layout)
    if new is not None:
        source, retrieved = new.source, dt.datetime.now(dt.UTC).date().isoformat()
    elif old_manifest is not None:
        source, retrieved = old_manifest["source"], old_manifest["retrieved"]
    else:
        raise SpecError("openapi/manifest.json is missing: adopt the snapshot with --source")
    groups = dict(sorted(Counter(n.group for n in ctx.assigned.values()).items()))
    upstream_file = UPSTREAM_STEM + upstream.suffix

    with tempfile.TemporaryDirectory(prefix="inspera-regen-") as tmp:
        work = Path(tmp)
        spec_path = work / "openapi.json"
        spec_path.write_bytes(normalised_bytes)
        built = work / "inspera_api"
        gen_warnings = generate(spec_path, layout.generator_config, built, ctx.assigned.values())
        manifest = manifest_mod.build(
            layout=layout,
            source=source,
            retrieved=retrieved,
            upstream_file=upstream_file,
            upstream_format=upstream.format,
            upstream_bytes=upstream.raw,
            normalised_bytes=normalised_bytes,
            generated_tree_sha256=tree_sha256(built),
            operations=len(ctx.assigned),
            groups=groups,
        )
        proposed_openapi = {
            upstream_file: upstream.raw,
            "openapi.json": normalised_bytes,
            "manifest.json": dump_json(manifest),
        }
        diff = diff_trees(layout.generated_package, built)
        prefixed = TreeDiff()
        prefixed.extend(diff, "generated/inspera_api/")
        prefixed.extend(_diff_openapi(layout, proposed_openapi), "openapi/")
        if not check and prefixed:
            swap_in(built, layout.generated_package)
            _write_openapi(layout, proposed_openapi, upstream_file)

    fallback = [w for w in ctx.warnings if "fallback name" in w]
    return Outcome(
        operations=len(ctx.assigned),
        groups=groups,
        fallback_names=fallback,
        warnings=ctx.warnings + gen_warnings,
        seconds=time.monotonic() - started,
        diff=prefixed,
        wrote=not check and bool(prefixed),
    )


def _check_nothing_lost(upstream: Document, converted: dict[str, Any], normalised: dict[str, Any]) -> None:
    counts = {
        "upstream": _count_operations(upstream.data),
        "converted": len(operation_keys(converted)),
        "normalised": len(operation_keys(normalised)),
    }
    if len(set(counts.values())) != 1:
        raise GenerationError(f"operations were lost on the way: {counts}")


def _count_operations(data: dict[str, Any]) -> int:
    from .names import HTTP_METHODS

    return sum(
        1
        for item in (data.get("paths") or {}).values()
        if isinstance(item, dict)
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    )


def _diff_openapi(layout: Layout, proposed: dict[str, bytes]) -> TreeDiff:
    diff = TreeDiff()
    for name, data in sorted(proposed.items()):
        path = layout.openapi_dir / name
        if not path.exists():
            diff.added.append(name)
        elif path.read_bytes() != data:
            diff.changed.append(name)
    for stale in sorted(layout.openapi_dir.glob(f"{UPSTREAM_STEM}.*")):
        if stale.name not in proposed:
            diff.removed.append(stale.name)
    return diff


def _write_openapi(layout: Layout, proposed: dict[str, bytes], upstream_file: str) -> None:
    for name, data in proposed.items():
        write_atomic(layout.openapi_dir / name, data)
    for stale in layout.openapi_dir.glob(f"{UPSTREAM_STEM}.*"):
        if stale.name != upstream_file:
            stale.unlink()


def expected_names(assigned: dict[Any, StableName]) -> list[StableName]:
    return list(assigned.values())
