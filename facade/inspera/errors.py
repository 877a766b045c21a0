"""The one error hierarchy every part of the `inspera` package raises, rooted at `InsperaError`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class InsperaError(Exception):
    """Base class of every error raised by this package."""


class ConfigurationError(InsperaError, ValueError):
    """The client was configured with missing, unsafe or ill-typed settings (no credentials, plain http to a remote
    host, a timeout that is not a number, an `httpx.AsyncClient` given to the blocking client)."""


class ClientClosedError(InsperaError, RuntimeError):
    """The client (or the client a `with_options()` copy was made from) has been closed."""


class InvalidArgumentError(InsperaError, ValueError):
    """An argument (typically a request body given as a mapping) does not fit the operation's model.

    For an unknown body field, `field` names it (as a path such as "candidates[0].userID") and `suggestion` the
    closest field the model knows, if any.
    """

    def __init__(self, message: str, *, field: str | None = None, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.field, self.suggestion = field, suggestion


class MissingFieldError(InsperaError, ValueError):
    """`inspera.required()` was given a field the server did not send (the generated model's `UNSET`)."""


class UnexpectedResponseError(InsperaError):
    """Inspera answered with a success status but a body that does not fit the documented model (the parsing
    error is chained as `__cause__`)."""

    def __init__(self, message: str, *, method: str, path: str, status: int) -> None:
        super().__init__(message)
        self.method, self.path, self.status = method, path, status


class ResponseTooLargeError(UnexpectedResponseError):
    """An answer's body (after decoding) is larger than the client's `max_response_bytes` (`limit`); it was not read
    further. `status` is the answer's HTTP status."""

    def __init__(self, message: str, *, method: str, path: str, status: int, limit: int) -> None:
        super().__init__(message, method=method, path=path, status=status)
        self.limit = limit


class InsperaConnectionError(InsperaError):
    """The request could not be completed at the network level: DNS, refused, TLS, reset, dropped mid-response.

    `host` and `port` name the server, `reason` says what failed ("connection refused", "DNS lookup failed: ...",
    "TLS certificate verification failed: ..."); the httpx exception is chained as `__cause__`.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        path: str = "",
        host: str | None = None,
        port: int | None = None,
        reason: str = "",
    ) -> None:
        super().__init__(message)
        self.method, self.path = method, path
        self.host, self.port, self.reason = host, port, reason


class InsperaTimeoutError(InsperaConnectionError):
    """The request did not complete within the configured timeout."""


class APIError(InsperaError):
    """Inspera answered with an error status.

    Attributes: `method`, `path` (the spec's path template, e.g. "/v1/test/{testId}"), `status`, the vendor's
    `error` / `description` fields when the body carried them, and `request_id` when a response header did.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status: int,
        error: str | None = None,
        description: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.method, self.path, self.status = method, path, status
        # what the answer said, when it said it
        self.error, self.description, self.request_id = error, description, request_id
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, method={self.method!r}, path={self.path!r})"


class BadRequestError(APIError):
    """400: Inspera rejected the request as malformed."""


class AuthenticationError(APIError):
    """The API key could not be exchanged for a token, or Inspera refused the token (401) even after a refresh."""


class PermissionDeniedError(APIError):
    """403: the key's user lacks the rights for this call."""


class NotFoundError(APIError):
    """404: the test, user, job or subscription does not exist (or is invisible to the key's user)."""


class ConflictError(APIError):
    """409: the request conflicts with the resource's current state."""


class UnprocessableEntityError(APIError):
    """422: the request was well-formed but semantically invalid."""


class RateLimitError(APIError):
    """429 (or a refusal for the concurrency limit): `retry_after` is the pause in seconds the client would honour
    for Inspera's Retry-After (capped at 60 s), None when the answer had none."""


class InternalServerError(APIError):
    """5xx (500-599): Inspera failed to process the request."""


_BY_STATUS: Mapping[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIError]:
    """The most specific `APIError` subclass for a status that is not a success: 500-599 are `InternalServerError`,
    the documented 4xx their own class, anything else (another 4xx, 3xx, 1xx or a status beyond 599) `APIError`."""
    if 500 <= status <= 599:
        return InternalServerError
    return _BY_STATUS.get(status, APIError)


def vendor_fields(payload: Any) -> tuple[str | None, str | None]:
    """The vendor's ("error", "description") pair from a decoded JSON error body, tolerating other shapes."""
    if not isinstance(payload, Mapping):
        return None, None
    error = payload.get("error")
    description = payload.get("description", payload.get("message"))
    return (
        error if isinstance(error, str) else None,
        description if isinstance(description, str) else None,
    )


__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "InsperaConnectionError",
    "InsperaError",
    "InsperaTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "MissingFieldError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "error_class",
    "vendor_fields",
]
