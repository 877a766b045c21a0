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
        "Archive a test, and restore an archived one",
        "tests",
        ("RN-2025",),
        "New APIs in early 2025. Stricter validation of archived tests (e.g. refusing enrolment changes) is "
        "available on request. No path found.",
    ),
    Capability(
        "Create a multi-part assessment (Assessment Path) and remove a child test from it",
        "tests",
        ("RN-2023", "RN-2024"),
        "A parent test grouping child tests; candidates join the parent or single children, contributors and "
        "committees the parent. Announced as a new open API in the 2023 beta and again at general release in 2024. "
        "No path found.",
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
        "Request QTI content of an item",
        "content",
        ("RN-2023",),
        "The notes write /api/content/qti (relative to the /api base that would be /content/qti); method and "
        "parameters unknown. Since 2023 it answers 404 for an item without a live revision, and the content APIs "
        "answer 403 without permission.",
    ),
    Capability(
        "Create, update and delete administrative users (e.g. planners)",
        "users",
        ("KB-API", "GH-DOCS", "S2-CODE"),
        "No path found. S2-CODE's sample creates planners from the columns externalId, externalSystem, username, "
        "firstName, lastName, email, orgUnitName, with roles (now an array) set to plan; its code was not captured. "
        "Only learners can be created (POST /v1/users/student).",
    ),
    Capability(
        "Search users",
        "users",
        ("KB-API", "GH-DOCS"),
        "No path found. Known lookups: by user id and by external id; the AllUsers file export lists everyone.",
    ),
    Capability(
        "Modify org units",
        "users",
        ("S2-ORGU", "RN-2025"),
        "Org units carry a system-generated Internal ID (unique in the tenant, needed for changes) and an optional "
        "External ID (unique in the tenant, used by API and CSV changes). No path found.",
    ),
    Capability(
        "Schema of a resource-download request",
        "exports",
        ("RN-2023",),
        "Since 2023 the schema/documentation endpoints for resource-download requests answer without "
        "authentication, which suggests one per fileExport resourceType. No path found.",
    ),
)
