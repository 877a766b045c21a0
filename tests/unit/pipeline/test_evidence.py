"""A reconstructed snapshot says, per operation, how well it is evidenced, and normalisation keeps that."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pipeline.convert import to_openapi3
from pipeline.layout import Layout
from pipeline.names import NameMap
from pipeline.run import current_upstream
from pipeline.transforms import iter_operations, keep_upstream_identity, normalise

LAYOUT = Layout()
CONFIDENCE = {"confirmed", "single-source", "inferred"}


def _reconstructed() -> bool:
    manifest = json.loads(LAYOUT.manifest.read_text(encoding="utf-8"))
    return bool(manifest["source"]["kind"] == "reconstructed")


pytestmark = pytest.mark.skipif(
    not _reconstructed(), reason="x-evidence is required only while the snapshot is reconstructed, not pulled"
)


def _evidence_by_operation(doc: dict[str, Any]) -> dict[str, Any]:
    return {f"{method.upper()} {path}": op.get("x-evidence") for path, method, op in iter_operations(doc)}


def evidence_problems(doc: dict[str, Any]) -> list[str]:
    """Every operation lacking well-formed x-evidence, as `METHOD /path: reason`."""
    known_sources = set(doc.get("x-sources") or {})
    problems: list[str] = []
    for key, evidence in _evidence_by_operation(doc).items():
        if not isinstance(evidence, dict):
            problems.append(f"{key}: no x-evidence")
            continue
        if evidence.get("confidence") not in CONFIDENCE:
            problems.append(f"{key}: confidence {evidence.get('confidence')!r} is not one of {sorted(CONFIDENCE)}")
        sources = evidence.get("sources")
        if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
            problems.append(f"{key}: sources must be a non-empty list of source ids, got {sources!r}")
        elif known_sources and not set(sources) <= known_sources:
            problems.append(f"{key}: sources {sorted(set(sources) - known_sources)} are not listed in x-sources")
        elif evidence.get("confidence") == "confirmed" and len(set(sources)) < 2:
            problems.append(f"{key}: 'confirmed' needs two or more independent sources, got {sources!r}")
    return problems


def test_every_upstream_operation_carries_evidence() -> None:
    upstream = current_upstream(LAYOUT).data
    assert sum(1 for _ in iter_operations(upstream)) > 0
    assert evidence_problems(upstream) == []


def test_the_check_catches_missing_and_malformed_evidence() -> None:
    doc = copy.deepcopy(current_upstream(LAYOUT).data)
    ops = {f"{m.upper()} {p}": op for p, m, op in iter_operations(doc)}
    del ops["GET /v1/test/{testId}"]["x-evidence"]
    ops["GET /v1/users/{userId}"]["x-evidence"]["confidence"] = "likely"
    ops["POST /v1/subscription"]["x-evidence"]["sources"] = []
    ops["GET /v1/subscription"]["x-evidence"]["sources"] = ["NOWHERE"]
    ops["POST /v1/test"]["x-evidence"] = {"confidence": "confirmed", "sources": ["KB-API", "KB-API"]}
    assert [problem.split(":", 1)[0] for problem in evidence_problems(doc)] == sorted(
        ["GET /v1/test/{testId}", "GET /v1/users/{userId}", "POST /v1/subscription", "GET /v1/subscription",
         "POST /v1/test"],
        key=list(ops).index,
    )


def test_the_committed_normalised_document_keeps_every_operations_evidence() -> None:
    upstream = _evidence_by_operation(current_upstream(LAYOUT).data)
    normalised = json.loads(LAYOUT.normalised.read_text(encoding="utf-8"))
    assert _evidence_by_operation(normalised) == upstream
    assert evidence_problems(normalised) == []


def test_normalising_the_snapshot_keeps_every_operations_evidence() -> None:
    upstream = current_upstream(LAYOUT)
    prepared = copy.deepcopy(upstream.data)
    keep_upstream_identity(prepared)
    normalised, _ctx = normalise(to_openapi3(prepared, upstream.format, LAYOUT), NameMap.load(LAYOUT.names))
    assert _evidence_by_operation(normalised) == _evidence_by_operation(upstream.data)


def _well_formed(evidence: Any, known_sources: set[str]) -> str | None:
    if not isinstance(evidence, dict):
        return "no x-evidence"
    if evidence.get("confidence") not in CONFIDENCE:
        return f"confidence {evidence.get('confidence')!r}"
    sources = evidence.get("sources")
    if not isinstance(sources, list) or not sources or not set(sources) <= known_sources:
        return f"sources {sources!r} are not a non-empty list of x-sources ids"
    if evidence.get("confidence") == "confirmed" and len(set(sources)) < 2:
        return "'confirmed' needs two or more independent sources"
    return None


def rule_evidence_problems(doc: dict[str, Any]) -> list[str]:
    """Error answers and request rules lacking well-formed x-evidence, as `where: reason`."""
    known = set(doc.get("x-sources") or {})
    problems: list[str] = []
    for path, method, op in iter_operations(doc):
        for status, response in (op.get("responses") or {}).items():
            if status in ("400", "403", "404", "409", "429"):
                problem = _well_formed(response.get("x-evidence"), known)
                if problem:
                    problems.append(f"{method.upper()} {path} {status}: {problem}")
        for parameter in op.get("parameters") or []:
            if "x-evidence" in parameter or any(k in parameter for k in ("minLength", "pattern")):
                problem = _well_formed(parameter.get("x-evidence"), known)
                if problem:
                    problems.append(f"{method.upper()} {path} {parameter.get('name')}: {problem}")
    for name, schema in (doc.get("definitions") or {}).items():
        for field, prop in (schema.get("properties") or {}).items():
            if "x-evidence" in prop:
                problem = _well_formed(prop["x-evidence"], known)
                if problem:
                    problems.append(f"{name}.{field}: {problem}")
    return problems


def test_every_documented_error_answer_and_request_rule_carries_evidence() -> None:
    upstream = current_upstream(LAYOUT).data
    assert rule_evidence_problems(upstream) == []


def test_the_rule_check_catches_missing_and_malformed_evidence() -> None:
    doc = copy.deepcopy(current_upstream(LAYOUT).data)
    ops = {f"{m.upper()} {p}": op for p, m, op in iter_operations(doc)}
    del ops["POST /v1/test"]["responses"]["429"]["x-evidence"]
    ops["GET /v1/test/{testId}"]["responses"]["404"]["x-evidence"]["sources"] = ["NOWHERE"]
    doc["definitions"]["TestCreateRequest"]["properties"]["title"]["x-evidence"]["confidence"] = "sure"
    assert [p.split(":")[0] for p in rule_evidence_problems(doc)] == [
        "POST /v1/test 429", "GET /v1/test/{testId} 404", "TestCreateRequest.title"]
