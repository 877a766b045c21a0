"""The simulator's connections send every answer at once: TCP_NODELAY is on, so Nagle never waits for an ACK."""

from __future__ import annotations

import socket

import httpx
from inspera.testing import InsperaSimulator


def test_every_accepted_connection_has_tcp_nodelay(sim: InsperaSimulator, api: httpx.Client) -> None:
    with httpx.Client(base_url=sim.base_url) as second:
        assert api.get(f"/v1/test/{sim.test_ids[0]}").status_code == 200
        assert second.get("/v1/test/1").status_code == 401
        connections = sim._connections
        assert connections is not None
        sockets = [transport.get_extra_info("socket") for transport in list(connections._transports.values())]
        assert len(sockets) >= 2
        assert all(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for sock in sockets)
