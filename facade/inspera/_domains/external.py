"""External test ids: the arguments that address a test by the id another system gave it (`is_external=True`).

Inspera reads `isExternal=true` as "the testId path segment is the external id", `externalSystem` as the system that
owns that id (default `API`; e.g. `LTI` for a test created through LTI), and `b64encodedExternalTestId=true` as "the
segment is base64-encoded", which is how an id containing `/` can travel in a path at all: servers refuse an
encoded `/` (`%2F`) in a path. The documentation does not say which base64 alphabet; the URL-safe one (RFC 4648 §5)
is used because the standard alphabet contains `/` itself.
"""

from __future__ import annotations

import base64
from typing import Any

from inspera.errors import InvalidArgumentError

TestRef = int | str


def encode_external_id(external_id: str) -> str:
    """The base64url form (with padding) of an external test id, as sent with b64encodedExternalTestId=true."""
    return base64.urlsafe_b64encode(external_id.encode("utf-8")).decode("ascii")


def external_system_arg(external_system: str | None) -> str | None:
    if external_system is None:
        return None
    if not isinstance(external_system, str) or not external_system.strip():
        raise InvalidArgumentError("external_system must be a non-empty string such as 'API' or 'LTI'")
    return external_system


def internal_test_id(test_id: object) -> int:
    """Inspera's own (numeric) test id; anything else needs is_external=True."""
    if isinstance(test_id, bool) or not isinstance(test_id, int) or test_id < 0:
        raise InvalidArgumentError(
            f"test_id must be Inspera's numeric test id (assessmentRunId), got {test_id!r}; "
            "pass is_external=True to address a test by its external id"
        )
    return test_id


def test_reference(test_id: TestRef, *, is_external: bool | None, external_system: str | None) -> dict[str, Any]:
    """Keyword arguments (generated names; None = leave unset) for an operation that accepts an external test id.

    Every optional argument is named, so the generated defaults (externalSystem=API, ...) are never sent unasked.
    """
    if not is_external:
        if external_system is not None:
            raise InvalidArgumentError("external_system applies only with is_external=True")
        return {"test_id": str(internal_test_id(test_id)), "is_external": is_external, "external_system": None,
                "b_64_encoded_external_test_id": None}
    if isinstance(test_id, bool) or not isinstance(test_id, int | str):
        raise InvalidArgumentError(f"an external test id is a string, got {type(test_id).__name__}")
    text = str(test_id)
    if not text.strip():
        raise InvalidArgumentError("an external test id must not be empty")
    kwargs: dict[str, Any] = {
        "test_id": text,
        "is_external": True,
        "external_system": external_system_arg(external_system),
        "b_64_encoded_external_test_id": None,
    }
    if "/" in text:
        kwargs["test_id"] = encode_external_id(text)
        kwargs["b_64_encoded_external_test_id"] = True
    return kwargs
