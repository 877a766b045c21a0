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


MAX_EVENT_BYTES = 1024 * 1024  # a delivery is a small JSON object; larger bodies are refused unparsed


def parse_event(body: bytes | str, *, max_bytes: int = MAX_EVENT_BYTES) -> WebhookPayload:
    """The delivery as the generated `WebhookPayload` model; raises `WebhookError` on malformed input.

    Any body that is not a JSON object of at most `max_bytes` with the event's fields is a `WebhookError`: broken
    JSON, JSON nested too deeply for the parser, numbers or dates the model cannot hold, a wrong type anywhere.
    """
    from inspera_api.models.webhook_payload import WebhookPayload

    if not isinstance(body, bytes | bytearray | memoryview | str):
        raise TypeError(f"parse_event needs the request body as bytes or str, not {type(body).__name__}")
    if len(body) > max_bytes:
        raise WebhookError(f"webhook body of {len(body)} bytes is larger than max_bytes={max_bytes}")
    try:
        data = json.loads(bytes(body) if isinstance(body, bytearray | memoryview) else body)
    except RecursionError:
        raise WebhookError("webhook body is JSON nested too deeply") from None
    except ValueError as error:  # also UnicodeDecodeError, and integers too long to convert
        raise WebhookError(f"webhook body is not JSON ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise WebhookError(f"webhook body must be a JSON object, got {type(data).__name__}")
    if not isinstance(data.get("event"), str) or not data["event"]:
        raise WebhookError("webhook body has no 'event' name")
    try:
        event = WebhookPayload.from_dict(data)
    except Exception as error:  # generated parsing of sender data: any failure means the body does not fit
        detail = " ".join(str(error).split())[:200]
        raise WebhookError(f"webhook body does not fit the event model ({type(error).__name__}: {detail})") from None
    from ._calls.fits import check_fits

    check_fits(WebhookPayload, event, lambda why: WebhookError(f"webhook body does not fit the event model ({why})"))
    return event


__all__ = ["SIGNATURE_HEADER", "WebhookError", "parse_event", "sign", "verify_signature"]
