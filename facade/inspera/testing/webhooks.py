"""Outgoing webhook calls: the verification POST on subscribe and signed, retried event deliveries."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from .state import SimulatorState, Subscription
from .stats import WebhookDelivery

SIGNATURE_HEADER = "X-Inspera-Signature"


def signature(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA1 of the raw body keyed with the subscription secret, as Inspera signs deliveries."""
    return hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def payload(event: str, *, context_id: int | None, context_type: str, associated_id: int | None,
            value: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event": event,
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "contextObjectType": context_type,
        "extraInfo": {"value": value},
    }
    if context_id is not None:
        body["contextObjectId"] = context_id
    if associated_id is not None:
        body["associatedObjectId"] = associated_id
    return body


async def _post(state: SimulatorState, url: str, secret: str, event: str, body: bytes, attempt: int) -> int | None:
    sig = signature(secret, body)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sig}
    status: int | None = None
    try:
        async with httpx.AsyncClient(timeout=state.settings.webhook_timeout) as client:
            status = (await client.post(url, content=body, headers=headers)).status_code
    except (httpx.HTTPError, ValueError):
        status = None  # unreachable, timed out or not a URL at all
    state.stats.record_delivery(WebhookDelivery(url, event, attempt, status, body, sig))
    return status


async def verify(state: SimulatorState, url: str, secret: str, event: str) -> bool:
    """The registration check: one signed POST that must answer 200; it is not retried."""
    body = json.dumps(payload("verification", context_id=None, context_type="subscription", associated_id=None,
                              value={"event": event})).encode()
    return await _post(state, url, secret, "verification", body, 1) == 200


async def deliver(state: SimulatorState, subscription: Subscription, message: dict[str, Any]) -> bool:
    """POST one event, retrying a non-200 answer up to the configured number of times."""
    body = json.dumps(message).encode()
    for attempt in range(1, state.settings.webhook_retries + 2):
        if attempt > 1:
            await asyncio.sleep(state.settings.webhook_retry_delay)
        if await _post(state, subscription.url, subscription.secret, subscription.event, body, attempt) == 200:
            return True
    return False


async def broadcast(state: SimulatorState, event: str, message: dict[str, Any]) -> None:
    targets = [s for s in state.subscriptions.values() if s.event == event]
    await asyncio.gather(*(deliver(state, s, message) for s in targets))
