"""Lets the simulator cut a live connection: an h11 protocol that remembers each connection's transport."""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

Peer = tuple[str, int]


class ConnectionTable:
    """Open transports by client address (the `client` entry of an ASGI scope)."""

    def __init__(self) -> None:
        self._transports: dict[Peer, asyncio.Transport] = {}

    def add(self, peer: Peer, transport: asyncio.Transport) -> None:
        self._transports[peer] = transport

    def discard(self, peer: Peer) -> None:
        self._transports.pop(peer, None)

    def close(self, peer: object) -> bool:
        """Close the connection of `peer` after flushing what was already written; False if it is gone."""
        if not isinstance(peer, list | tuple) or len(peer) != 2:
            return False
        transport = self._transports.get((str(peer[0]), int(peer[1])))
        if transport is None:
            return False
        transport.close()
        return True


def protocol_for(table: ConnectionTable) -> type[H11Protocol]:
    class RecordingH11Protocol(H11Protocol):
        _peer: Peer | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            peer = transport.get_extra_info("peername")
            if isinstance(peer, tuple) and len(peer) >= 2:
                self._peer = (str(peer[0]), int(peer[1]))
                table.add(self._peer, transport)

        def connection_lost(self, exc: Exception | None) -> None:
            if self._peer is not None:
                table.discard(self._peer)
            super().connection_lost(exc)

    return RecordingH11Protocol
