"""openapi/manifest.json: where the upstream came from, hashes, and the tool versions used."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .convert import swagger2openapi_version
from .generate import tool_version
from .layout import Layout

RECONSTRUCTED = (
    "reconstructed from public documentation (Inspera knowledge-base pages and public code that "
    "calls the API); not pulled from the vendor's apidoc"
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tool_versions(layout: Layout) -> dict[str, str]:
    return {
        "openapi-python-client": tool_version("openapi-python-client"),
        "ruff": tool_version("ruff"),
        "swagger2openapi": swagger2openapi_version(layout),
    }


def load(layout: Layout) -> dict[str, Any] | None:
    try:
        data = json.loads(layout.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def build(
    *,
    layout: Layout,
    source: dict[str, Any],
    retrieved: str,
    upstream_file: str,
    upstream_format: str,
    upstream_bytes: bytes,
    normalised_bytes: bytes,
    normalised_format: str = "openapi-3.0",
    generated_tree_sha256: str,
    operations: int,
    groups: dict[str, int],
    repairs: list[dict[str, Any]] | None = None,
    workarounds: list[dict[str, Any]] | None = None,
    renames: dict[str, Any] | None = None,
    additions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest; `repairs` are the vendor defects fixed, `workarounds` the tool adaptations (name, count,
    operations, locations outside operations), `renames` the vendor names normalisation replaced by ours,
    `additions` our own document merged in (file, hash, what it added and which of ours the vendor's document
    provides)."""
    manifest = {
        "manifest_version": 2,
        "source": source,
        "retrieved": retrieved,
        "upstream": {
            "file": f"openapi/{upstream_file}",
            "format": upstream_format,
            "sha256": sha256(upstream_bytes),
        },
        "normalised": {
            "file": "openapi/openapi.json",
            "format": normalised_format,
            "sha256": sha256(normalised_bytes),
        },
        "generated": {"package": "generated/inspera_api", "tree_sha256": generated_tree_sha256},
        "operations": operations,
        "groups": groups,
        "repairs": repairs or [],
        "workarounds": workarounds or [],
        "renames": renames or {},
        "tools": tool_versions(layout),
    }
    if additions is not None:
        manifest["additions"] = additions
    return manifest
