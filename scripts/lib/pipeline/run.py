"""The pipeline end to end: build in a scratch folder, then either compare or swap into place.

parse -> keep upstream ids aside -> repair -> validate (configured) -> convert -> normalise -> names
      -> merge our additions (openapi/additions.*)
      -> generate (while the normalised document is validated) -> count endpoints -> import
      -> check the facade against the new package (mypy meanwhile) -> compare/write
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import additions as additions_mod
from . import manifest as manifest_mod
from .absorbed import Absorbed
from .background import Background, BackgroundFailed
from .convert import to_openapi3
from .documents import Document, dump_json, parse
from .errors import GenerationError, NamingError, PipelineError, Problem, RepairError, SpecError, ValidationError
from .facade_check import MYPY_TIMEOUT, FacadeCheck
from .findings import Finding, group, users
from .generate import GeneratorNote, Helpers, generate
from .generator_names import inline_collisions
from .layout import UPSTREAM_STEM, Layout
from .names import HTTP_METHODS, NameMap, OperationKey, path_shape
from .repairs import RepairLog, repair_document
from .transforms import Context, keep_upstream_identity, normalise
from .tree import TreeDiff, diff_trees, swap_in, tree_sha256, write_atomic
from .validate import check_names, operation_keys, problems_of, workarounds

FALLBACKS_SHOWN = 10
GROUPS_SHOWN = 12


class Clock:
    """Wall time per stage, for the summary and the benchmark."""

    def __init__(self) -> None:
        self.started = self._last = time.monotonic()
        self.stages: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self._last
        self._last = now

    def total(self) -> float:
        return time.monotonic() - self.started


@dataclass
class NewUpstream:
    """A document to adopt as the snapshot, and how it was obtained (for the manifest)."""

    document: Document
    source: dict[str, Any]


@dataclass(frozen=True)
class Options:
    strict: bool = False  # any repair is an error
    fallback_file: Path | None = None  # where the full list of fallback names goes (default: the temp folder)
    facade_mypy: bool = True  # the facade check runs mypy too (the static half always runs)
    facade_timeout: float = MYPY_TIMEOUT  # seconds mypy over the facade may take


@dataclass
class Prepared:
    """A document on its way to the generator: normalised, with what was repaired and worked around."""

    document: Document
    normalised: dict[str, Any]
    ctx: Context
    repairs: list[Finding]
    workarounds: list[Finding]
    repair_log: RepairLog
    pending: Background[list[Problem]] | None = None  # the source's validation, when still running
    additions: additions_mod.Merged | None = None  # what our additions document added (None: there is none)

    def verify(self) -> None:
        """Wait for the source's validation (if it still runs) and raise its problems."""
        if self.pending is None:
            return
        pending, self.pending = self.pending, None
        _raise_problems(SpecError, _answer(pending))


def prepare(
    document: Document,
    names: NameMap,
    layout: Layout,
    *,
    strict: bool = False,
    origin: str = "upstream document",
    clock: Clock | None = None,
    defer_validation: bool = False,
    check_naming: bool = True,
    with_additions: bool = True,
) -> Prepared:
    """Every step up to the generator input, writing nothing: repair, validate, convert, normalise, name.

    The source is validated in the background while it is converted; with `defer_validation` the caller gets
    the result still running and must call `verify()` before trusting it (run() does, after generating).
    Without `check_naming`, colliding names are left for the caller to report (the drift check does); without
    `with_additions` the vendor's document stays alone (the drift check compares vendor documents).
    """
    timer = clock or Clock()
    data = copy.deepcopy(document.data)
    keep_upstream_identity(data)
    log = repair_document(data)
    if strict and log.applied:
        raise RepairError.of(entry.problem() for entry in log.applied)
    index = users(data)
    repaired = group(((e.repair, e.parts) for e in log.applied), data, by_component=index)
    validator_notes = workarounds(data)
    if count_operations(data) == 0 and not data.get("webhooks"):
        raise SpecError(f"{origin} describes no operations")
    additions = additions_mod.load(layout) if with_additions else None
    timer.lap("repair")
    validation: Background[list[Problem]] = Background(lambda: _problems(data, additions))
    try:
        converted = to_openapi3(data, document.format, layout)
        normalised, ctx = normalise(converted, names)
        _check_nothing_lost(document.data, data, converted, normalised)
        if check_naming:
            check_names(ctx.assigned)
            if ctx.absorbed.missing:
                raise NamingError.of(Problem("names", "", line) for line in ctx.absorbed.missing)
        merged = additions_mod.merge_into(normalised, additions, names)
        if merged is not None and merged.added:  # our schemas' class names may be an inline vendor schema's too
            for parts, detail in inline_collisions(normalised):
                ctx.worked_around("inline_model_collision", parts, detail)
    except PipelineError:
        _raise_problems(SpecError, _answer(validation))  # an invalid source explains a later failure best
        raise
    except BaseException:
        validation.close()
        raise
    timer.lap("convert+normalise")
    worked = group(((w.name, w.parts) for w in validator_notes), data, by_component=index)
    worked += group(((w.name, w.parts) for w in ctx.workarounds), normalised)
    prepared = Prepared(
        document, normalised, ctx, repaired, sorted(worked, key=lambda f: f.name), log, validation, merged
    )
    if not defer_validation:
        prepared.verify()
        timer.lap("validate")
    return prepared


def _problems(data: dict[str, Any], additions: additions_mod.Additions | None) -> list[Problem]:
    """The source's validation problems, then those of our additions document (checked alone)."""
    found = problems_of(data, "spec")
    return found + (problems_of(additions.for_validation(), "additions") if additions else [])


def _answer(check: Background[list[Problem]]) -> list[Problem]:
    try:
        return check.result()
    except BackgroundFailed as exc:
        return [Problem("validate", "", f"the validator crashed ({exc})")]


def _raise_problems(kind: type[PipelineError], problems: list[Problem]) -> None:
    if problems:
        raise kind.of(problems)


@dataclass
class Outcome:
    operations: int
    groups: dict[str, int]
    fallback_names: list[str]
    warnings: list[str]
    seconds: float
    repairs: list[Finding] = field(default_factory=list)
    workarounds: list[Finding] = field(default_factory=list)
    generator_notes: list[GeneratorNote] = field(default_factory=list)
    fallback_file: Path | None = None
    stages: dict[str, float] = field(default_factory=dict)
    diff: TreeDiff = field(default_factory=TreeDiff)
    wrote: bool = False
    absorbed: Absorbed = field(default_factory=Absorbed)
    additions: additions_mod.Merged | None = None
    facade: str = ""  # the facade check's summary line

    def summary(self, *, check: bool) -> str:
        shown = sorted(self.groups.items(), key=lambda kv: (-kv[1], kv[0]))[:GROUPS_SHOWN]
        more = f", … {len(self.groups) - len(shown)} more" if len(self.groups) > len(shown) else ""
        lines = [
            f"operations: {self.operations} in {len(self.groups)} groups ("
            + ", ".join(f"{g} {n}" for g, n in sorted(shown))
            + more
            + ")",
        ]
        lines += _findings_lines("repairs", self.repairs, "vendor defects repaired; --strict refuses them")
        lines += _findings_lines("workarounds", self.workarounds, "tools adapted to a valid document")
        lines += self.additions.lines() if self.additions else ["additions: none (no openapi/additions.json)"]
        if self.generator_notes:
            lines.append(f"generator warnings: {len(self.generator_notes)} (no operation lost)")
            lines += [f"  {note.line()}" for note in self.generator_notes[:FALLBACKS_SHOWN]]
            if len(self.generator_notes) > FALLBACKS_SHOWN:
                lines.append(f"  … and {len(self.generator_notes) - FALLBACKS_SHOWN} more")
        if self.fallback_names:
            where = f"; all of them in {self.fallback_file}" if self.fallback_file else ""
            lines.append(f"fallback names: {len(self.fallback_names)} (add them to openapi/names.toml{where})")
            lines += [f"  {name}" for name in self.fallback_names[:FALLBACKS_SHOWN]]
            if len(self.fallback_names) > FALLBACKS_SHOWN:
                lines.append(f"  … and {len(self.fallback_names) - FALLBACKS_SHOWN} more")
        lines += _absorbed_lines(self.absorbed)
        if self.facade:
            lines.append(self.facade)
        lines.append(f"warnings: {len(self.warnings)}")
        lines += [f"  {w}" for w in self.warnings[:15]]
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
        stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in self.stages.items())
        lines.append(f"wall time: {self.seconds:.1f} s" + (f" ({stages})" if stages else ""))
        return "\n".join(lines)


def _absorbed_lines(absorbed: Absorbed) -> list[str]:
    renames = absorbed.lines()
    head = f"renames absorbed: {len(renames)} (the vendor's names; ours kept)" if renames else "renames absorbed: none"
    lines = [head]
    lines += [f"  {line}" for line in renames[:FALLBACKS_SHOWN]]
    if len(renames) > FALLBACKS_SHOWN:
        lines.append(f"  … and {len(renames) - FALLBACKS_SHOWN} more (all in openapi/manifest.json)")
    pins = absorbed.pin_lines()
    if pins:
        lines.append(f"unpinned models: {len(pins)} (add them under [models] in openapi/names.toml)")
        lines += [f"  {line}" for line in pins[:FALLBACKS_SHOWN]]
        if len(pins) > FALLBACKS_SHOWN:
            lines.append(f"  … and {len(pins) - FALLBACKS_SHOWN} more")
    return lines


def _findings_lines(label: str, found: list[Finding], meaning: str) -> list[str]:
    if not found:
        return [f"{label}: none"]
    places = sum(f.count for f in found)
    lines = [f"{label}: {len(found)} kind(s) at {places} place(s) ({meaning})"]
    return lines + [f"  {f.summary()}" for f in found]


def current_upstream(layout: Layout) -> Document:
    path = layout.upstream()
    return parse(path.read_bytes(), origin=str(path.relative_to(layout.root)))


def run(
    layout: Layout, *, new: NewUpstream | None = None, check: bool = False, options: Options | None = None
) -> Outcome:
    """Build everything into a scratch folder; on success compare (check) or write it all."""
    opts = options or Options()
    clock = Clock()
    with Helpers() as helpers:  # the generator and the import check load their libraries meanwhile
        return _run(layout, new, check, opts, clock, helpers)


def _run(
    layout: Layout, new: NewUpstream | None, check: bool, opts: Options, clock: Clock, helpers: Helpers
) -> Outcome:
    upstream = new.document if new else current_upstream(layout)
    names = NameMap.load(layout.names)
    clock.lap("read")
    prepared = prepare(upstream, names, layout, strict=opts.strict, clock=clock, defer_validation=True)
    normalised, ctx = prepared.normalised, prepared.ctx
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
        checked: Background[list[Problem]] = Background(lambda: problems_of(normalised, "validate"))
        facade = FacadeCheck(
            layout.tools_root, layout.root / "facade", layout.names, opts.facade_mypy, opts.facade_timeout
        )
        try:
            notes = generate(spec_path, layout.generator_config, built, ctx.assigned, ctx.overrides, helpers=helpers)
            facade.start(work, work)
        except PipelineError:
            prepared.verify()  # a source or normalisation problem explains a generator failure best
            _raise_problems(ValidationError, _answer(checked))
            raise
        except BaseException:
            checked.close()
            facade.close()
            if prepared.pending is not None:
                prepared.pending.close()
            raise
        try:
            prepared.verify()
            _raise_problems(ValidationError, _answer(checked))
            clock.lap("generate+format+import")
            facade.finish(work)  # a package that breaks a facade method never reaches generated/
        finally:
            facade.close()
        clock.lap("facade check")
        manifest = manifest_mod.build(
            layout=layout,
            source=source,
            retrieved=retrieved,
            upstream_file=upstream_file,
            upstream_format=upstream.format,
            upstream_bytes=upstream.raw,
            normalised_bytes=normalised_bytes,
            normalised_format="openapi-3.1" if str(normalised.get("openapi", "")).startswith("3.1") else "openapi-3.0",
            generated_tree_sha256=tree_sha256(built),
            operations=len(ctx.assigned),
            groups=groups,
            repairs=[f.as_dict() for f in prepared.repairs],
            workarounds=[f.as_dict() for f in prepared.workarounds],
            renames=ctx.absorbed.as_dict(),
            additions=prepared.additions.as_dict() if prepared.additions else None,
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
        clock.lap("compare" if check else "write")

    fallback = sorted((key, name) for key, name in ctx.assigned.items() if not name.from_map)
    fallback_lines = [f"{key} -> {name.qualified}" for key, name in fallback]
    pins = ctx.absorbed.pin_lines()
    fallback_file = _write_fallbacks(fallback, pins, opts.fallback_file, normalised_bytes) if fallback or pins else None
    return Outcome(
        operations=len(ctx.assigned),
        groups=groups,
        fallback_names=fallback_lines,
        warnings=[w for w in ctx.warnings if "using fallback name" not in w],
        seconds=clock.total(),
        repairs=prepared.repairs,
        workarounds=prepared.workarounds,
        generator_notes=notes,
        fallback_file=fallback_file,
        diff=prefixed,
        wrote=not check and bool(prefixed),
        additions=prepared.additions,
        facade=facade.summary,
        stages=dict(clock.stages),
        absorbed=ctx.absorbed,
    )


def _write_fallbacks(
    fallback: list[tuple[OperationKey, Any]], pins: list[str], target: Path | None, normalised: bytes
) -> Path:
    """The complete lists as lines to paste into openapi/names.toml (outside the checkout): `[operations]` lines
    for operations with a fallback name, `[models]` lines for unpinned schemas that have a role."""
    digest = hashlib.sha256(normalised).hexdigest()[:12]
    path = target or Path(tempfile.gettempdir()) / f"inspera-fallback-names-{digest}.toml"
    lines = [
        "# Operations without an entry in openapi/names.toml and the fallback name each got.",
        "# Paste the lines you keep under [operations] and choose better names there.",
        *(f'"{key}" = {{ group = "{name.group}", function = "{name.function}" }}' for key, name in fallback),
    ]
    if pins:
        lines += ["", "# Models without a pin, each with a role that would pin it: paste under [models].", *pins]
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _check_nothing_lost(
    upstream: dict[str, Any], repaired: dict[str, Any], converted: dict[str, Any], normalised: dict[str, Any]
) -> None:
    """Operations in the document as obtained = after conversion = after normalisation; else name the lost ones."""
    counts = {
        "upstream": count_operations(upstream),
        "converted": len(operation_keys(converted)),
        "normalised": len(operation_keys(normalised)),
    }
    if len(set(counts.values())) == 1:
        return
    tally = ", ".join(f"{stage} {n}" for stage, n in counts.items())
    converted_keys = {k.shape for k in operation_keys(converted)}
    normalised_keys = {k.shape for k in operation_keys(normalised)}
    problems = [Problem("generate", "", f"operations were lost on the way: {tally}")]
    problems += [
        Problem("generate", str(k), "lost in the conversion to OpenAPI 3")
        for k in operation_keys(repaired)
        if k.shape not in converted_keys
    ]
    problems += [
        Problem("generate", str(k), "lost while normalising")
        for k in operation_keys(converted)
        if k.shape not in normalised_keys
        and (k.method, path_shape(k.path.removeprefix("/api") or "/")) not in normalised_keys
    ]
    raise GenerationError.of(problems)


def count_operations(data: dict[str, Any]) -> int:
    """Operations of a document as obtained: every method object under every path (extensions aside)."""
    paths = data.get("paths")
    return sum(
        1
        for path, item in (paths.items() if isinstance(paths, dict) else ())
        if isinstance(item, dict) and not str(path).startswith("x-")
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
