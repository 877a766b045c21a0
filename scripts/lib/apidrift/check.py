"""One drift check: compare two sides, attach facade methods, and judge against the --fail-on threshold."""

from __future__ import annotations

from dataclasses import replace

from .changes import DriftReport, FailOn
from .compare import compare
from .facade import FacadeMap
from .sides import Side


def check(
    old: Side, new: Side, *, facade: FacadeMap | None = None, fail_on: FailOn = "breaking", include_docs: bool = False
) -> DriftReport:
    mapping = facade or FacadeMap()
    changes = [
        replace(change, facade=mapping.methods(change.operations))
        for change in compare(old, new, include_docs=include_docs)
    ]
    return DriftReport(old=old.info(), new=new.info(), fail_on=fail_on, include_docs=include_docs, changes=changes)
