"""Capabilities Inspera documents for its API whose endpoint (path, method, body) no public source shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capability:
    name: str
    group: str
    sources: tuple[str, ...]  # ids from the document's x-sources
    notes: str


UNMAPPED: tuple[Capability, ...] = (
    Capability(
        "Remove candidates from a test",
        "tests",
        ("KB-API",),
        "Listed next to assigning learners. Only removal from a committee "
        "(POST /v1/test/{testId}/committees/candidates/remove) is known.",
    ),
    Capability(
        "Register or withdraw appeals",
        "tests",
        ("KB-API",),
        "No path found. Appeal committees are created as committees of type REASSESSMENT.",
    ),
    Capability(
        "Register or export explanations of grades",
        "tests",
        ("KB-API",),
        "No path found. The explanation-of-grades switches are set through POST /v1/test/{testId}/options.",
    ),
    Capability(
        "Export test material (PDF or QTI)",
        "tests",
        ("KB-API", "GH-CEIL"),
        "No path found. One public client downloads QTI content through the file-export job flow, "
        "with a resourceType nobody has published.",
    ),
    Capability(
        "Create, update and delete administrative users",
        "users",
        ("KB-API", "GH-DOCS"),
        "No path found. Only learners can be created or updated (POST /v1/users/student).",
    ),
    Capability(
        "Search users",
        "users",
        ("KB-API", "GH-DOCS"),
        "No path found. Known lookups: by user id and by external id; the AllUsers file export lists everyone.",
    ),
)
