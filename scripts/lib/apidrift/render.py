"""Drift reports as plain text, a PR-comment Markdown page, versioned JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from .changes import Change, DriftReport
from .rules import Severity, rule

Format = Literal["text", "markdown", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json", "github")
JSON_SCHEMA_VERSION = 1


def _verdict(report: DriftReport) -> str:
    counts = report.counts()
    tally = ", ".join(f"{n} {label}" for label, n in counts.items())
    outcome = "FAIL" if report.failed else "pass"
    return f"{tally} — fail-on {report.fail_on}: {outcome} (exit {report.exit_code})"


def _operations(change: Change) -> str:
    return ", ".join(change.operations) if change.operations else "(no operation)"


def text(report: DriftReport) -> str:
    lines = [f"old: {report.old.source} ({report.old.format}, {report.old.operations} operations)"]
    lines.append(f"new: {report.new.source} ({report.new.format}, {report.new.operations} operations)")
    if report.identical:
        lines.append("normalised documents are identical: no drift")
    elif not report.changes:
        hint = "" if report.include_docs else " (use --include-docs to list documentation changes)"
        lines.append(f"normalised documents differ, but nothing a generated client sees{hint}")
    for change in report.changes:
        lines.append(f"{change.severity.label.upper():8} {change.rule}  {_operations(change)}")
        lines.append(f"         {change.message}")
        lines.append(f"         at {change.location}")
        if change.facade:
            lines.append(f"         facade: {', '.join(change.facade)}")
    bare = report.added_without_facade()
    if bare:
        lines.append(f"added operations without a facade method: {len(bare)} (callable with client.call)")
    lines.append(_verdict(report))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return " ".join(value.replace("\\", "\\\\").replace("|", "\\|").split())


def _code(value: str) -> str:
    return f"`{value}`" if value and "`" not in value else _cell(value)


def markdown(report: DriftReport) -> str:
    icon = {Severity.BREAKING: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
    lines = ["## Inspera API drift", ""]
    lines.append(f"- old: `{report.old.source}` ({report.old.format}, {report.old.operations} operations)")
    lines.append(f"- new: `{report.new.source}` ({report.new.format}, {report.new.operations} operations)")
    lines.append(f"- result: **{_verdict(report)}**")
    lines.append("")
    if report.identical:
        lines.append("The normalised documents are identical: no drift.")
    elif not report.changes:
        lines.append("The normalised documents differ, but in nothing a generated client sees.")
    for severity in sorted(Severity, reverse=True):
        listed = [c for c in report.changes if c.severity == severity]
        if not listed:
            continue
        lines += ["", f"### {icon[severity]} {severity.label.capitalize()} ({len(listed)})", ""]
        if severity == Severity.INFO:
            lines += ["<details><summary>show</summary>", ""]
        lines.append("| Rule | Operation | Change | Facade | Location |")
        lines.append("|---|---|---|---|---|")
        for change in listed:
            ops = "<br>".join(_code(op) for op in change.operations) or "—"
            facade = "<br>".join(_code(name) for name in change.facade) or "—"
            cells = [_code(change.rule), ops, _cell(change.message), facade, _code(change.location)]
            lines.append("| " + " | ".join(cells) + " |")
        if severity == Severity.INFO:
            lines += ["", "</details>"]
    bare = report.added_without_facade()
    if bare:
        lines += ["", f"**Added operations without a facade method ({len(bare)})**, callable with `client.call`:", ""]
        lines += [f"- `{op}`" for op in bare]
    lines += ["", "Rule catalogue: see the manual's *API drift check* page (docs/drift.md)."]
    return "\n".join(lines) + "\n"


def as_dict(report: DriftReport) -> dict[str, Any]:
    def side(info: Any) -> dict[str, Any]:
        return {"source": info.source, "format": info.format, "sha256": info.sha256, "operations": info.operations}

    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "old": side(report.old),
        "new": side(report.new),
        "identical": report.identical,
        "include_docs": report.include_docs,
        "fail_on": report.fail_on,
        "failed": report.failed,
        "exit_code": report.exit_code,
        "counts": report.counts(),
        "added_without_facade": report.added_without_facade(),
        "changes": [
            {
                "rule": change.rule,
                "severity": change.severity.label,
                "operations": list(change.operations),
                "location": change.location,
                "message": change.message,
                "facade": list(change.facade),
            }
            for change in report.changes
        ],
    }


def json_report(report: DriftReport) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: DriftReport) -> str:
    """Workflow commands: ::error for breaking, ::warning for warnings, ::notice for the rest."""
    command = {Severity.BREAKING: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for change in report.changes:
        title = _escape_property(f"API drift: {change.rule}")
        body = f"{_operations(change)}: {change.message} (at {change.location})"
        if change.facade:
            body += f"; facade: {', '.join(change.facade)}"
        body += f" — {rule(change.rule).why}"
        lines.append(f"::{command[change.severity]} title={title}::{_escape_data(body)}")
    lines.append(f"API drift: {_verdict(report)}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[Format, Callable[[DriftReport], str]] = {
    "text": text,
    "markdown": markdown,
    "json": json_report,
    "github": github,
}


def render(report: DriftReport, fmt: Format) -> str:
    return RENDERERS[fmt](report)
