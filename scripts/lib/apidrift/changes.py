"""What a drift check found: classified changes, the two sides' identities, and the verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from .rules import Severity, rule

FailOn = Literal["breaking", "warning", "any", "never"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = ("breaking", "warning", "any", "never")
_THRESHOLDS: dict[FailOn, Severity | None] = {
    "breaking": Severity.BREAKING,
    "warning": Severity.WARNING,
    "any": Severity.INFO,
    "never": None,
}


@dataclass(frozen=True)
class Change:
    rule: str
    operations: tuple[str, ...]  # "METHOD /path" of every operation affected, sorted
    location: str  # JSON pointer into the normalised document (the new one, or the old one for removals)
    message: str
    facade: tuple[str, ...] = ()  # facade methods that use any of the operations, sorted

    @property
    def severity(self) -> Severity:
        return rule(self.rule).severity

    def sort_key(self) -> tuple[int, tuple[str, ...], str, str]:
        return (-self.severity, self.operations, self.location, self.rule)


@dataclass(frozen=True)
class SideInfo:
    source: str  # file path or URL, never carrying credentials
    format: str  # swagger-2.0 / openapi-3.0 / openapi-3.1 as read
    sha256: str  # of the normalised document, as the pipeline would write it
    operations: int


@dataclass
class DriftReport:
    old: SideInfo
    new: SideInfo
    fail_on: FailOn = "breaking"
    include_docs: bool = False
    changes: list[Change] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return self.old.sha256 == self.new.sha256

    def counts(self) -> dict[str, int]:
        found = Counter(change.severity for change in self.changes)
        return {severity.label: found.get(severity, 0) for severity in sorted(Severity, reverse=True)}

    @property
    def failed(self) -> bool:
        threshold = _THRESHOLDS[self.fail_on]
        return threshold is not None and any(change.severity >= threshold for change in self.changes)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def added_without_facade(self) -> list[str]:
        """Operations the new document adds that no facade method uses (callable with client.call)."""
        return sorted(op for c in self.changes if c.rule == "operation-added" and not c.facade for op in c.operations)
