"""Webhook deliveries: constant-time signature check and a typed event parser."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import TYPE_CHECKING

from .errors import InsperaError

if TYPE_CHECKING:
    from inspera_api.models.webhook_payload import WebhookPayload

SIGNATURE_HEADER = "X-Inspera-Signature"


class WebhookError(InsperaError, ValueError):
    """A webhook delivery body is not a well-formed Inspera event."""


def sign(body: bytes, secret: str) -> str:
    """Hex HMAC-SHA1 of the raw body keyed with the subscription secret (what Inspera sends)."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha1).hexdigest()


def verify_signature(body: bytes, signature: str, secret: str) -> bool:
    """True when `signature` (the X-Inspera-Signature header) matches the raw `body`; constant-time.

    Verify the bytes exactly as received, before any JSON decoding. A missing (None or empty) signature is False;
    a body that is not bytes, or a signature or secret that is not text, is a programming error: TypeError.
    """
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError("verify_signature needs the raw request body as bytes")
    if not isinstance(signature, str | None) or not isinstance(secret, str):
        raise TypeError("verify_signature needs the signature header value and the secret as str")
    if not signature or not secret:
        return False
    expected = sign(bytes(body), secret)
    return hmac.compare_digest(expected.encode("ascii"), signature.strip().lower().encode("utf-8", "replace"))


def parse_event(body: bytes | str) -> WebhookPayload:
    """The delivery as the generated `WebhookPayload` model; raises `WebhookError` on malformed input."""
    from inspera_api.models.webhook_payload import WebhookPayload

    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise WebhookError(f"webhook body is not JSON ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise WebhookError(f"webhook body must be a JSON object, got {type(data).__name__}")
    if not isinstance(data.get("event"), str) or not data["event"]:
        raise WebhookError("webhook body has no 'event' name")
    try:
        return WebhookPayload.from_dict(data)
    except (ValueError, KeyError, TypeError) as error:
        raise WebhookError(f"webhook body does not fit the event model ({type(error).__name__}: {error})") from None


__all__ = ["SIGNATURE_HEADER", "WebhookError", "parse_event", "sign", "verify_signature"]
