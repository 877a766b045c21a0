"""Real sockets on 127.0.0.1: a refused port, a server with a self-signed certificate and a slow answer each
produce an error that names host:port and the reason, with httpx's exception chained (also under --debug)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from inspera import AsyncInspera, Inspera, InsperaConnectionError, InsperaTimeoutError
from inspera.testing import InsperaSimulator


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_port_is_named_with_the_reason_for_calls_and_the_token_exchange() -> None:
    port = _free_port()
    with Inspera("acme", "k" * 20, base_url=f"http://127.0.0.1:{port}/api", max_retries=0) as client, \
            pytest.raises(InsperaConnectionError) as caught:
        client.tests.get(1)
    error = caught.value
    assert str(error) == f"POST /authenticate/token/ could not connect to 127.0.0.1:{port}: connection refused"
    assert (error.host, error.port, error.reason) == ("127.0.0.1", port, "connection refused")
    assert isinstance(error.__cause__, httpx.ConnectError)


async def test_a_refused_port_is_named_by_the_async_client_too() -> None:
    port = _free_port()
    async with AsyncInspera("acme", "k" * 20, base_url=f"http://127.0.0.1:{port}/api", max_retries=0) as client:
        with pytest.raises(InsperaConnectionError, match=rf"127\.0\.0\.1:{port}: connection refused"):
            await client.authenticate()


def test_a_read_timeout_names_the_server_and_the_configured_seconds(simulator: InsperaSimulator) -> None:
    simulator.faults.add_latency(r"/v1/test/\d+$", 1.0)
    with Inspera(simulator.client_id, simulator.api_key, base_url=simulator.base_url, timeout=0.2,
                 max_retries=0) as client, pytest.raises(InsperaTimeoutError) as caught:
        client.tests.get(simulator.test_ids[0])
    assert str(caught.value) == (
        f"GET /v1/test/{{testId}} timed out waiting for 127.0.0.1:{simulator.port} to answer after 0.2 s"
    )
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


@contextlib.contextmanager
def _tls_server(tmp_path: Path) -> Iterator[int]:
    """A TLS server on 127.0.0.1 with a fresh self-signed certificate; it only completes handshakes."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    port = int(listener.getsockname()[1])

    def serve() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            with contextlib.suppress(OSError, ssl.SSLError), context.wrap_socket(connection, server_side=True):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        listener.close()
        thread.join(timeout=10)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_a_certificate_that_does_not_verify_is_named_as_a_tls_failure(tmp_path: Path) -> None:
    with _tls_server(tmp_path) as port, Inspera(
        "acme", "k" * 20, base_url=f"https://127.0.0.1:{port}/api", max_retries=0
    ) as client, pytest.raises(InsperaConnectionError) as caught:
        client.authenticate()
    error = caught.value
    assert f"could not connect to 127.0.0.1:{port}: TLS certificate verification failed" in str(error)
    assert "self-signed" in error.reason or "self signed" in error.reason
    assert isinstance(error.__cause__, httpx.ConnectError)


def test_the_cli_reports_the_reason_with_and_without_debug(tmp_path: Path) -> None:
    import sys

    port = _free_port()
    key = tmp_path / "key"
    key.write_text("k" * 20)
    env = {"INSPERA_CLIENT_ID": "acme", "INSPERA_API_KEY_FILE": str(key),
           "INSPERA_BASE_URL": f"http://127.0.0.1:{port}/api", "PATH": "/usr/bin:/bin"}
    for extra in ([], ["--debug"]):
        done = subprocess.run([sys.executable, "-m", "inspera", *extra, "auth", "check"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        assert f"could not connect to 127.0.0.1:{port}: connection refused" in done.stderr
