"""One drift check: compare two sides, attach facade methods, and judge against the --fail-on threshold."""

from __future__ import annotations

from dataclasses import replace

from pipeline.names import OperationKey

from .changes import DriftReport, FailOn
from .compare import compare
from .facade import FacadeMap
from .sides import Side


def check(
    old: Side, new: Side, *, facade: FacadeMap | None = None, fail_on: FailOn = "breaking", include_docs: bool = False
) -> DriftReport:
    mapping = facade or FacadeMap()
    changes = []
    for change in compare(old, new, include_docs=include_docs):
        methods = mapping.methods(change.operations)
        if change.rule == "operation-added" and not methods:
            change = replace(change, message=f"{change.message}; {_no_facade(new, change.operations)}")
        changes.append(replace(change, facade=methods))
    return DriftReport(old=old.info(), new=new.info(), fail_on=fail_on, include_docs=include_docs, changes=changes)


def _no_facade(new: Side, operations: tuple[str, ...]) -> str:
    name = new.names.get(OperationKey.parse(operations[0])) if operations else None
    target = f"inspera_api.api.{name.qualified}" if name else "its generated module"
    return f"no facade method: call it with client.call({target}, ...)"
