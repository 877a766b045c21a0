"""Reading an API answer's body into memory with a cap on its decoded size (and an eye on the overall deadline).

    read(request, response, 64 * 1024 * 1024, deadline)        # or: await aread(...); deadline: None or monotonic

The cap counts decoded bytes, so a gzip or deflate bomb is stopped as it expands, and an endless chunked body once
it passes the cap; what was read is dropped and `ResponseTooLarge` raised (classified as `ResponseTooLargeError`).
A body announcing a larger Content-Length is refused at its second chunk without reading on. The hot path, an answer
that arrives in one chunk, costs one loop step more than httpx's own `read()`: no header is looked at.
"""

from __future__ import annotations

import time

import httpx

from .deadline import DeadlineExceeded

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024


class ResponseTooLarge(httpx.RequestError):
    """An answer's decoded body exceeded the cap; `status` is its HTTP status, `limit` the cap in bytes."""

    def __init__(self, message: str, *, request: httpx.Request, status: int, limit: int) -> None:
        super().__init__(message, request=request)
        self.status = status
        self.limit = limit


def _too_large(request: httpx.Request, response: httpx.Response, limit: int, what: str) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"the HTTP {response.status_code} answer {what} the limit of {limit} bytes (max_response_bytes)",
        request=request, status=response.status_code, limit=limit,
    )


def _declared(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _check(
    request: httpx.Request, response: httpx.Response, size: int, chunks: int, limit: int, deadline: float | None
) -> None:
    """After each chunk: the cap, the announced length (once, at the second chunk) and the deadline."""
    if size > limit:
        raise _too_large(request, response, limit, "is larger than")
    if chunks == 2:
        declared = _declared(response)
        coding = response.headers.get("content-encoding", "identity").strip().lower()
        if declared is not None and declared > limit and coding in ("", "identity"):
            raise _too_large(request, response, limit, f"announces {declared} bytes, more than")
    if deadline is not None and time.monotonic() >= deadline:
        raise DeadlineExceeded("the overall deadline passed while the answer was being read", request=request)


_NO_CAP = 2**63


def read(request: httpx.Request, response: httpx.Response, limit: int | None, deadline: float | None) -> None:
    """Read `response`'s body into memory (`response.content`), at most `limit` decoded bytes (None: no cap), and
    give up once `deadline` (on the monotonic clock; None: none) has passed."""
    if limit is None and deadline is None:
        response.read()
        return
    cap = _NO_CAP if limit is None else limit
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap or parts or deadline is not None:
            _check(request, response, size, len(parts) + 1, cap, deadline)
        parts.append(chunk)
    response._content = b"".join(parts)  # what httpx's own read() stores


async def aread(
    request: httpx.Request, response: httpx.Response, limit: int | None, deadline: float | None
) -> None:
    """asyncio counterpart of `read`."""
    if limit is None and deadline is None:
        await response.aread()
        return
    cap = _NO_CAP if limit is None else limit
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > cap or parts or deadline is not None:
            _check(request, response, size, len(parts) + 1, cap, deadline)
        parts.append(chunk)
    response._content = b"".join(parts)
