"""What export drivers need from a client (call an operation, refresh the token, a credential-free HTTP client)."""

from __future__ import annotations

from types import ModuleType
from typing import Any, Protocol

import httpx


class SyncBackend(Protocol):
    """Sync side: `call` returns the parsed model (or raises the facade's typed error)."""

    def call(self, operation: ModuleType, /, **kwargs: Any) -> Any: ...

    def token_ttl(self) -> float | None:
        """Seconds the current access token stays valid; None when unknown."""
        ...

    def refresh_token(self) -> None: ...

    def download_client(self) -> httpx.Client:
        """A client that never sends credentials but shares the facade's TLS/proxy/timeout settings."""
        ...

    # Optional: `insecure_downloads() -> bool` (plain-http signed URLs off loopback allowed) and `scrub(text) -> str`
    # (the client's secrets masked in vendor texts); without them, https is required and texts are kept as sent.


class AsyncBackend(Protocol):
    """Async side of the same needs."""

    async def call(self, operation: ModuleType, /, **kwargs: Any) -> Any: ...

    def token_ttl(self) -> float | None: ...

    async def refresh_token(self) -> None: ...

    def download_client(self) -> httpx.AsyncClient: ...
