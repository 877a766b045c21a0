"""One row per operation of the normalised document, plus the totals the reference ends with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pipeline.names import HTTP_METHODS

from .facade import FacadeMap

APIDOC = "https://ia.inspera.no/apidoc/"
# Best first; anything else found in a document sorts after these.
EVIDENCE_LEVELS = ("confirmed", "single-source", "inferred")


@dataclass(frozen=True)
class Row:
    group: str
    method: str
    path: str
    function: str
    facade: tuple[str, ...]
    upstream_id: str | None
    upstream_tag: str | None
    evidence: str

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def python(self) -> str:
        return f"inspera_api.api.{self.group}.{self.function}"

    @property
    def apidoc_link(self) -> str | None:
        """Swagger UI's deep-link form, `#/<tag with spaces as _>/<operationId>`."""
        if not self.upstream_id or not self.upstream_tag:
            return None
        tag = quote(self.upstream_tag.replace(" ", "_"), safe="_()-.")
        return f"{APIDOC}#/{tag}/{quote(self.upstream_id, safe='')}"


def rows(document: dict[str, Any], facade: FacadeMap) -> list[Row]:
    found: list[Row] = []
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            key = f"{method.upper()} {path}"
            tags = op.get("tags") or ["default"]
            upstream_tags = op.get("x-upstream-tags") or []
            evidence = (op.get("x-evidence") or {}).get("confidence") or "unknown"
            found.append(
                Row(
                    group=str(tags[0]),
                    method=method.upper(),
                    path=path,
                    function=str(op.get("operationId")),
                    facade=facade.methods(key),
                    upstream_id=op.get("x-upstream-operation-id"),
                    upstream_tag=str(upstream_tags[0]) if upstream_tags else None,
                    evidence=str(evidence),
                )
            )
    return sorted(found, key=lambda r: (r.group, r.path, HTTP_METHODS.index(r.method.lower())))


@dataclass(frozen=True)
class Totals:
    operations: int
    covered: int
    by_evidence: tuple[tuple[str, int], ...]
    by_group: tuple[tuple[str, int, int], ...]  # group, operations, covered by the facade


def totals(listed: list[Row]) -> Totals:
    evidence = Counter(r.evidence for r in listed)
    order = {level: i for i, level in enumerate(EVIDENCE_LEVELS)}
    by_evidence = tuple(sorted(evidence.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    groups = sorted({r.group for r in listed})
    by_group = tuple(
        (g, sum(1 for r in listed if r.group == g), sum(1 for r in listed if r.group == g and r.facade)) for g in groups
    )
    return Totals(len(listed), sum(1 for r in listed if r.facade), by_evidence, by_group)
