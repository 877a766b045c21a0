"""Continuation tokens: a small versioned JSON string naming an export job, and a strict parser for it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inspera.exports.errors import InvalidContinuationToken
from inspera.exports.kinds import KINDS, ExportKind

VERSION = 1
MAX_TOKEN_CHARS = 2048
_JOB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_MAX_PARAM = 2**63 - 1


@dataclass(frozen=True)
class ContinuationToken:
    """What another process needs to pick a job up again: kind, job id and the status call's arguments."""

    kind: ExportKind
    job_id: str
    params: Mapping[str, int] = field(default_factory=dict)

    def encode(self) -> str:
        """Serialise to compact JSON with sorted keys (stable for equal tokens)."""
        body = {"v": VERSION, "kind": self.kind.name, "job": self.job_id, "params": dict(self.params)}
        return json.dumps(body, separators=(",", ":"), sort_keys=True)


def _fail(reason: str) -> InvalidContinuationToken:
    return InvalidContinuationToken(f"invalid export continuation token: {reason}")


def check_job_id(job_id: object) -> str:
    """Accept only short, plain job ids (they end up in request paths)."""
    if not isinstance(job_id, str) or not _JOB_ID.fullmatch(job_id):
        raise _fail("job id must be 1-128 letters, digits or . _ : -")
    return job_id


def parse_token(text: object) -> ContinuationToken:
    """Parse and validate a token; any deviation raises InvalidContinuationToken without echoing the input."""
    if not isinstance(text, str):
        raise _fail("expected a string")
    if len(text) > MAX_TOKEN_CHARS:
        raise _fail(f"longer than {MAX_TOKEN_CHARS} characters")
    try:
        body: Any = json.loads(text)
    except (ValueError, RecursionError):
        raise _fail("not JSON") from None
    if not isinstance(body, dict):
        raise _fail("expected a JSON object")
    if set(body) != {"v", "kind", "job", "params"}:
        raise _fail("expected exactly the fields v, kind, job, params")
    version = body["v"]
    if type(version) is not int or version != VERSION:
        raise _fail(f"unsupported version (this client reads version {VERSION})")
    kind = KINDS.get(body["kind"]) if isinstance(body["kind"], str) else None
    if kind is None:
        raise _fail("unknown export kind")
    job_id = check_job_id(body["job"])
    params = body["params"]
    if not isinstance(params, dict) or set(params) != set(kind.status_params):
        raise _fail(f"params for {kind.name!r} must be exactly {sorted(kind.status_params)}")
    for name, value in params.items():
        if type(value) is not int or not 0 <= value <= _MAX_PARAM:
            raise _fail(f"param {name!r} must be a non-negative integer")
    return ContinuationToken(kind=kind, job_id=job_id, params=dict(params))
