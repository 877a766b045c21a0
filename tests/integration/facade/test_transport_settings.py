"""`proxy=` and `verify=` reach every request the facade makes: API calls, the token exchange and downloads."""

from __future__ import annotations

import http.client
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from inspera import AsyncInspera, Inspera
from inspera.testing import InsperaSimulator

from .conftest import connect, resolve

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "upgrade"}


class _ForwardingProxy(ThreadingHTTPServer):
    """A plain-HTTP forward proxy on 127.0.0.1 that records the (method, path) of every request it relays."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Relay)
        self.seen: list[tuple[str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Relay(BaseHTTPRequestHandler):
    server: _ForwardingProxy
    protocol_version = "HTTP/1.1"

    def _relay(self) -> None:
        target = urlsplit(self.path)  # a forward proxy receives the absolute URL
        self.server.seen.append((self.command, target.path))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port or 80, timeout=30)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(self.command, path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        finally:
            upstream.close()

    do_GET = do_POST = do_DELETE = _relay

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[_ForwardingProxy]:
    server = _ForwardingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


async def test_every_request_goes_through_the_configured_proxy(
    mode: str, simulator: InsperaSimulator, proxy: _ForwardingProxy, tmp_path: Path
) -> None:
    test_id = simulator.test_ids[0]
    client: Any = connect(mode, simulator, proxy=proxy.url)
    try:
        test = await resolve(client.tests.get(test_id))
        job = await resolve(client.exports.results(test_id))
        path = await resolve(job.download(tmp_path / "results.json"))
    finally:
        await resolve(client.aclose() if isinstance(client, AsyncInspera) else client.close())
    assert test.assessment_run_id == test_id
    assert path.stat().st_size > 0
    paths = [p for _, p in proxy.seen]
    assert ("POST", "/api/authenticate/token/") in proxy.seen
    assert ("GET", f"/api/v1/test/{test_id}") in proxy.seen
    assert any(p.startswith(f"/api/v1/test/{test_id}/results/") for p in paths)  # the status polls
    assert any(p.startswith("/signed/") for p in paths)  # the download
    served = [r.path.split("?")[0] for r in simulator.stats.requests]
    assert sorted(served) == sorted(paths)  # nothing bypassed the proxy


@pytest.mark.parametrize("cls", [Inspera, AsyncInspera])
async def test_verify_reaches_the_built_in_transport(cls: type[Inspera] | type[AsyncInspera]) -> None:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    client: Any = cls("acme", "key-for-a-transport-test", verify=context)
    strict: Any = cls("acme", "key-for-a-transport-test")
    try:
        # httpx keeps the SSL context its pool will use for every HTTPS connection.
        assert client._inner._pool._ssl_context is context
        assert strict._inner._pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
    finally:
        for each in (client, strict):
            await resolve(each.aclose() if isinstance(each, AsyncInspera) else each.close())
