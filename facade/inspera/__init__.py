"""Typed client for the Inspera Assessment REST API.

    from inspera import Inspera, value_or
    with Inspera() as client:                      # INSPERA_CLIENT_ID / INSPERA_API_KEY from the environment
        test = client.tests.get(28020726)
        print(value_or(test.title, "(untitled)"))

`Inspera` / `AsyncInspera` are the clients; every error they raise derives from `InsperaError`; `value_or` and
`required` read the generated models' optional fields (`UNSET` when the server did not send one). The full reference
is the manual's API reference (docs/reference/). `import inspera` stays cheap: the clients, the generated package
and httpx load on first attribute access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from inspera_api.types import UNSET, Unset

    from ._auth.token import TokenInfo
    from ._calls.fields import required, value_or
    from ._client import AsyncInspera, Inspera
    from .errors import (
        APIError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
        InsperaConnectionError,
        InsperaError,
        InsperaTimeoutError,
        InternalServerError,
        InvalidArgumentError,
        MissingFieldError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseTooLargeError,
        UnexpectedResponseError,
        UnprocessableEntityError,
    )
    from .exports.errors import (
        DownloadTargetError,
        ExportDownloadError,
        ExportError,
        ExportFailed,
        ExportFormatError,
        ExportTimeout,
        InvalidContinuationToken,
    )
    from .webhooks import WebhookError

# Where each public name lives; the module is imported when the name is first used.
_HOMES = {
    "Inspera": "._client",
    "AsyncInspera": "._client",
    "TokenInfo": "._auth.token",
    "value_or": "._calls.fields",
    "required": "._calls.fields",
    "Unset": "._calls.fields",
    "UNSET": "._calls.fields",
    **dict.fromkeys(
        (
            "APIError", "AuthenticationError", "BadRequestError", "ClientClosedError", "ConfigurationError",
            "ConflictError", "InsperaConnectionError", "InsperaError", "InsperaTimeoutError", "InternalServerError",
            "InvalidArgumentError", "MissingFieldError", "NotFoundError", "PermissionDeniedError", "RateLimitError",
            "ResponseTooLargeError", "UnexpectedResponseError", "UnprocessableEntityError",
        ),
        ".errors",
    ),
    **dict.fromkeys(
        (
            "DownloadTargetError", "ExportDownloadError", "ExportError", "ExportFailed", "ExportFormatError",
            "ExportTimeout", "InvalidContinuationToken",
        ),
        ".exports.errors",
    ),
    "WebhookError": ".webhooks",
}

__all__ = [
    "UNSET",
    "APIError",
    "AsyncInspera",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "DownloadTargetError",
    "ExportDownloadError",
    "ExportError",
    "ExportFailed",
    "ExportFormatError",
    "ExportTimeout",
    "Inspera",
    "InsperaConnectionError",
    "InsperaError",
    "InsperaTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidContinuationToken",
    "MissingFieldError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "TokenInfo",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "Unset",
    "WebhookError",
    "__version__",
    "required",
    "value_or",
]

if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error there and not `Any`

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'inspera' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(home, __name__), name)
        globals()[name] = value  # later lookups are plain module attributes
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
