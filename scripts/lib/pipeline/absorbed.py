"""What normalisation absorbed of the vendor's own naming: renamed schemas and path variables, extracted schemas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Absorbed:
    """Vendor names replaced by ours; each entry is reported in the summary and recorded in the manifest."""

    schemas: list[tuple[str, str, str]] = field(default_factory=list)  # (vendor name, pinned name, role)
    sanitised: list[tuple[str, str]] = field(default_factory=list)  # (vendor name, name kept) for unpinned schemas
    extracted: list[tuple[str, str]] = field(default_factory=list)  # (role, pinned name) of inline schemas
    path_variables: list[tuple[str, str]] = field(default_factory=list)  # (vendor template, our template)
    unpinned: list[tuple[str, str]] = field(default_factory=list)  # (name kept, a role to pin it by, or "")
    missing: list[str] = field(default_factory=list)  # pins whose role the document lacks, one line each

    def __bool__(self) -> bool:
        return bool(self.schemas or self.sanitised or self.extracted or self.path_variables)

    def lines(self) -> list[str]:
        """One line per rename, vendor's name first."""
        out = [f"schema {vendor} -> {ours} (pinned by {role})" for vendor, ours, role in sorted(self.schemas)]
        out += [f"schema {vendor} -> {ours} (unpinned, sanitised)" for vendor, ours in sorted(self.sanitised)]
        out += [f"inline schema at {role} -> {ours}" for role, ours in sorted(self.extracted)]
        out += [f"path {vendor} -> {ours}" for vendor, ours in sorted(self.path_variables)]
        return out

    def pin_lines(self) -> list[str]:
        """`[models]` lines ready to paste for unpinned schemas that have a role."""
        return [f'{name} = "{role}"' for name, role in sorted(self.unpinned) if role]

    def as_dict(self) -> dict[str, Any]:
        return {
            "schemas": [{"upstream": v, "name": o, "role": r} for v, o, r in sorted(self.schemas)],
            "sanitised": [{"upstream": v, "name": o} for v, o in sorted(self.sanitised)],
            "extracted": [{"role": r, "name": o} for r, o in sorted(self.extracted)],
            "path_variables": [{"upstream": v, "path": o} for v, o in sorted(self.path_variables)],
        }
