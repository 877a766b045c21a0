"""Typed client for the Inspera Assessment REST API.

`import inspera` stays cheap: the clients, the generated package and httpx load on first attribute access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import AsyncInspera, Inspera
    from ._token import TokenInfo
    from .errors import (
        APIError,
        AuthenticationError,
        ConfigurationError,
        InsperaConnectionError,
        InsperaError,
        InsperaTimeoutError,
        NotFoundError,
        RateLimitError,
    )

__version__ = "0.1.0"

_HOMES = {
    "Inspera": "_client",
    "AsyncInspera": "_client",
    "TokenInfo": "_token",
    "APIError": "errors",
    "AuthenticationError": "errors",
    "ConfigurationError": "errors",
    "InsperaConnectionError": "errors",
    "InsperaError": "errors",
    "InsperaTimeoutError": "errors",
    "NotFoundError": "errors",
    "RateLimitError": "errors",
}

__all__ = [
    "APIError",
    "AsyncInspera",
    "AuthenticationError",
    "ConfigurationError",
    "Inspera",
    "InsperaConnectionError",
    "InsperaError",
    "InsperaTimeoutError",
    "NotFoundError",
    "RateLimitError",
    "TokenInfo",
    "__version__",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'inspera' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{home}"), name)
