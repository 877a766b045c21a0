"""Outgoing webhook calls: the verification POST on subscribe and signed, retried event deliveries."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from .model import User
from .state import SimulatorState, Subscription
from .stats import WebhookDelivery

SIGNATURE_HEADER = "X-Inspera-Signature"


def signature(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA1 of the raw body keyed with the subscription secret, as Inspera signs deliveries."""
    return hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def payload(
    state: SimulatorState,
    event: str,
    *,
    context_type: str,
    context_id: int | None = None,
    associated_type: str | None = None,
    associated_id: int | None = None,
    triggered_by: User | None = None,
    value: Any = None,
) -> dict[str, Any]:
    """A delivery body with every field Inspera documents as mandatory, and the optional ones that apply.

    The context object defaults to the tenant itself (contextObjectType MARKETPLACE); the triggering user is named
    only when a user's action, not the system, caused the event.
    """
    body: dict[str, Any] = {
        "event": event,
        "marketplaceId": state.marketplace_id,
        "contextObjectId": context_id if context_id is not None else state.marketplace_id,
        "contextObjectType": context_type,
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if associated_type is not None and associated_id is not None:
        body["associatedObjectId"] = associated_id
        body["associatedObjectType"] = associated_type
    if triggered_by is not None:
        body["triggeringUserId"] = triggered_by.user_id
        body["triggeringUserName"] = triggered_by.username
    if value is not None:
        body["extraInfo"] = {"value": value}
    return body


async def _post(state: SimulatorState, url: str, secret: str, event: str, body: bytes, attempt: int) -> int | None:
    sig = signature(secret, body)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sig}
    status: int | None = None
    try:
        async with httpx.AsyncClient(timeout=state.settings.webhook_timeout) as client:
            status = (await client.post(url, content=body, headers=headers)).status_code
    except (httpx.HTTPError, httpx.InvalidURL, ValueError):
        status = None  # unreachable, timed out or not a URL at all (InvalidURL is no HTTPError)
    state.stats.record_delivery(WebhookDelivery(url, event, attempt, status, body, sig))
    return status


async def verify(state: SimulatorState, url: str, secret: str, event: str) -> bool:
    """The registration check: one signed POST that must answer 200; it is not retried."""
    body = json.dumps(payload(state, "verification", context_type="MARKETPLACE", value={"event": event})).encode()
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
