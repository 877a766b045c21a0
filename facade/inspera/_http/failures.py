"""What went wrong while a request was being sent, as this package's errors: the one place that classifies it.

    failure = send_failure(error, method="GET", path="/v1/test/{testId}", url=base_url)
    if failure is None:
        raise                      # not a network failure: the caller's own code or a bug, left as it is
    raise failure from error       # InsperaConnectionError / InsperaTimeoutError naming host:port and the reason

Only failures of the exchange with the server are translated. An exception raised by code the caller supplied (an
event hook of an injected `httpx.Client`, a custom transport) or by a programming error passes through untouched,
and so does anything raised while a request is being built. Answers that arrive but cannot be parsed are not
handled here: `_calls.invoke` turns those into `UnexpectedResponseError`. An answer whose body could not be decoded
(a broken gzip stream) is a connection error naming the server; one larger than `max_response_bytes` is a
`ResponseTooLargeError`; the overall deadline of an export wait or download (`inspera._http.deadline`) is a timeout.
Reasons taken from the exception text go through `scrub` (the client's secrets masked) before they are used.

The rules are a table (`_RULES`): each row maps an httpx exception class to the error class and the sentence
that describes it, and the first matching row wins. A new kind of failure gets a row, not a new `except` clause.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from .._budget.slot_timeout import RequestSlotTimeout
from ..errors import InsperaConnectionError, InsperaError, InsperaTimeoutError, ResponseTooLargeError
from .capped import ResponseTooLarge
from .deadline import DeadlineExceeded


@dataclass(frozen=True)
class _Rule:
    kind: type[BaseException]
    error: type[InsperaConnectionError]
    # The sentence after "METHOD /path": `{where}` is host:port, `{after}` " after N s" or "", `{reason}` the cause.
    says: str
    timeout: str | None = None  # which httpx timeout setting applies


_PORTS = {"https": 443, "http": 80}


def _after(seconds: float | None) -> str:
    return f" after {seconds:g} s" if seconds is not None else ""


_TIMEOUT, _CONNECTION = InsperaTimeoutError, InsperaConnectionError
_RULES: tuple[_Rule, ...] = (
    _Rule(httpx.ConnectTimeout, _TIMEOUT, "timed out connecting to {where}{after}", "connect"),
    _Rule(httpx.ReadTimeout, _TIMEOUT, "timed out waiting for {where} to answer{after}", "read"),
    _Rule(httpx.WriteTimeout, _TIMEOUT, "timed out sending the request to {where}{after}", "write"),
    # Before PoolTimeout, which it subclasses: the wait was for one of the tenant's request slots, not a connection.
    _Rule(RequestSlotTimeout, _TIMEOUT,
          "timed out waiting for a request slot for {where} (the concurrency limit): {reason}"),
    _Rule(httpx.PoolTimeout, _TIMEOUT, "timed out waiting for a free connection to {where}{after}", "pool"),
    _Rule(DeadlineExceeded, _TIMEOUT, "gave up on {where}: {reason}"),
    _Rule(httpx.TimeoutException, _TIMEOUT, "timed out talking to {where}"),
    _Rule(httpx.ConnectError, _CONNECTION, "could not connect to {where}: {reason}"),
    _Rule(httpx.ProxyError, _CONNECTION, "failed at the proxy for {where}: {reason}"),
    _Rule(httpx.ReadError, _CONNECTION, "lost the connection to {where} while reading the answer: {reason}"),
    _Rule(httpx.WriteError, _CONNECTION, "lost the connection to {where} while sending the request: {reason}"),
    _Rule(httpx.RemoteProtocolError, _CONNECTION, "got no valid HTTP answer from {where}: {reason}"),
    _Rule(httpx.UnsupportedProtocol, _CONNECTION, "cannot send to {where}: {reason}"),
    _Rule(httpx.TransportError, _CONNECTION, "could not complete the request to {where}: {reason}"),
    _Rule(httpx.DecodingError, _CONNECTION, "got an answer from {where} whose body could not be decoded: {reason}"),
    _Rule(httpx.TooManyRedirects, _CONNECTION, "was redirected too often by {where}: {reason}"),
    _Rule(httpx.RequestError, _CONNECTION, "could not complete the request to {where}: {reason}"),
)


def send_failure(
    error: BaseException,
    *,
    method: str,
    path: str,
    url: httpx.URL | str | None = None,
    scrub: Callable[[str], str] | None = None,
) -> InsperaError | None:
    """The InsperaError for `error`, raised while sending `method path`; None when it is not a network failure.

    `url` is where the request was going, used when the exception does not carry its request (errors raised by a
    mock or custom transport); `scrub` masks the client's secrets in text taken from the exception. The caller
    chains `error` as the cause.
    """
    if isinstance(error, ResponseTooLarge):
        return ResponseTooLargeError(
            f"{method} {path}: {error}", method=method, path=path, status=error.status, limit=error.limit
        )
    for rule in _RULES:
        if isinstance(error, rule.kind):
            break
    else:
        return None
    target = _target(error, url)
    host, port = (None, None) if target is None else (target.host or None, target.port or _PORTS.get(target.scheme))
    where = _where(host, port)
    seconds = _timeout_setting(error, rule.timeout)
    reason = _reason(error)
    if scrub is not None:
        reason = scrub(reason)
    return rule.error(
        f"{method} {path} " + rule.says.format(where=where, after=_after(seconds), reason=reason),
        method=method, path=path, host=host, port=port, reason=reason,
    )


def _target(error: BaseException, fallback: httpx.URL | str | None) -> httpx.URL | None:
    request = _request_of(error)
    if request is not None:
        return request.url
    if fallback is None:
        return None
    try:
        return httpx.URL(str(fallback))
    except httpx.InvalidURL:
        return None


def _request_of(error: BaseException) -> httpx.Request | None:
    if not isinstance(error, httpx.RequestError):
        return None
    try:
        return error.request
    except RuntimeError:  # httpx raises this when the exception was created without its request
        return None


def _where(host: str | None, port: int | None) -> str:
    if not host:
        return "the server"
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port is not None else shown


def _timeout_setting(error: BaseException, which: str | None) -> float | None:
    request = _request_of(error)
    if which is None or request is None:
        return None
    value = (request.extensions.get("timeout") or {}).get(which)
    return float(value) if isinstance(value, int | float) else None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """`error`, then its causes and contexts, and the members of exception groups on the way (bounded)."""
    seen: set[int] = set()
    pending = [error]
    while pending and len(seen) < 32:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)


def _reason(error: BaseException) -> str:
    """A few words on what failed, from the lowest-level cause that says it (TLS, DNS, refused, reset)."""
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None) or cause
            return f"TLS certificate verification failed: {detail}"
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return f"TLS handshake failed: {getattr(cause, 'reason', None) or cause}"
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed: {cause.strerror or cause}"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, ConnectionAbortedError | BrokenPipeError):
            return "connection closed by the server"
    for cause in causes:
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    text = " ".join(str(error).split())[:300]
    return text or type(error).__name__
