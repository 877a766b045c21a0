"""The error of a wait for a request slot that outlasted the request's pool timeout, for the budget and host slots."""

from __future__ import annotations

import httpx


class RequestSlotTimeout(httpx.PoolTimeout):
    """No request slot became free within the request's pool timeout."""


def timeout_message(timeout: float | None) -> str:
    return f"no request slot became free within the pool timeout ({timeout:g} s)"
