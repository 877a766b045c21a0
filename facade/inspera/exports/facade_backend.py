"""Adapts `inspera.Inspera` / `AsyncInspera` to what the export drivers need (operations, token, plain HTTP)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx


class _ClientReader:
    """What both backends read from their client in the same way: the token's lifetime, settings, secrets."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def token_ttl(self) -> float | None:
        ttl = self._client._token_ttl()
        return None if ttl is None else float(ttl)

    def insecure_downloads(self) -> bool:
        return bool(self._client.allow_insecure_downloads)

    def scrub(self, text: str) -> str:
        return str(self._client._scrub(text))


class SyncFacadeBackend(_ClientReader):
    """Calls through the facade's seam so auth refresh, retries and typed errors apply to every status call."""

    _http: httpx.Client | None = None

    def call(self, operation: ModuleType, /, **kwargs: Any) -> Any:
        from inspera._calls.invoke import invoke_tolerant

        # Statuses and order answers are read field by field into the drivers' own types (odd values as None).
        return invoke_tolerant(self._client, operation, **kwargs)

    def refresh_token(self) -> None:
        self._client.authenticate()

    def download_client(self) -> httpx.Client:
        if self._http is None:
            self._http = self._client._plain_http()
        return self._http


class AsyncFacadeBackend(_ClientReader):
    """Async twin of SyncFacadeBackend."""

    _http: httpx.AsyncClient | None = None

    async def call(self, operation: ModuleType, /, **kwargs: Any) -> Any:
        from inspera._calls.invoke import ainvoke_tolerant

        return await ainvoke_tolerant(self._client, operation, **kwargs)

    async def refresh_token(self) -> None:
        await self._client.authenticate()

    def download_client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = self._client._aplain_http()
        return self._http
