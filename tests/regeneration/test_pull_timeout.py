"""`--pull` gives up on a server that stops answering: one line, exit 2, nothing written.

The pull's 20 s read timeout and 120 s whole-document deadline are made small here (module constants read at call
time); the servers are real sockets on 127.0.0.1 that go quiet or trickle one byte at a time.
"""

from __future__ import annotations

import socket
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager

import pipeline.pull as pull_module
import pytest
from pipeline.errors import PullError
from pipeline.layout import Layout
from pipeline.tree import tree_sha256

SMALL_TIMEOUT = 0.2
pytestmark = pytest.mark.timeout(60)  # a pull that ignores its timeout hangs; fail well before the suite's 300 s


@contextmanager
def quiet_server(first_bytes: bytes) -> Iterator[tuple[str, list[bytes]]]:
    """Accept connections, read each request, send `first_bytes` (maybe nothing) and then never another byte."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    held: list[socket.socket] = []
    requests: list[bytes] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)
            conn.settimeout(5)
            try:
                requests.append(conn.recv(65536))
                conn.sendall(first_bytes)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", requests
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()


QUIET = {
    "no answer at all": b"",
    "headers, then silence mid-body": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        b'{"swagger": "2.0", "paths": {'
    ),
}


@pytest.fixture(autouse=True)
def small_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pull_module, "TIMEOUT_S", SMALL_TIMEOUT)


@pytest.mark.parametrize("first_bytes", QUIET.values(), ids=QUIET.keys())
def test_pull_from_a_server_that_goes_quiet_fails_in_one_line_and_writes_nothing(
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    capsys: pytest.CaptureFixture[str],
    first_bytes: bytes,
) -> None:
    before = tree_sha256(scratch_repo.root)
    with quiet_server(first_bytes) as (base, requests):
        host = base.removeprefix("http://")
        code = regenerate_script.main(["--root", str(scratch_repo.root), "--pull", f"{base}/api/swagger.json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [f"error: pull: {host} did not answer within {SMALL_TIMEOUT:g} s", "nothing was written"]
    assert out == ""
    assert [r.split(b"\r\n", 1)[0] for r in requests] == [b"GET /api/swagger.json HTTP/1.1"]
    assert tree_sha256(scratch_repo.root) == before


def test_pull_raises_a_pull_error_not_an_httpx_timeout() -> None:
    with quiet_server(b"") as (base, _requests), pytest.raises(PullError) as caught:
        pull_module.pull(f"{base}/apidoc/")
    assert caught.value.one_line().endswith(f"did not answer within {SMALL_TIMEOUT:g} s")


@contextmanager
def trickling_server(interval: float) -> Iterator[str]:
    """Answer with a large Content-Length, then one body byte every `interval` seconds (each read stays fast)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            while not stop.wait(interval):
                try:
                    conn.sendall(b" ")
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


def test_a_server_trickling_bytes_is_cut_off_at_the_whole_document_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pull_module, "TOTAL_S", 0.5)
    with trickling_server(SMALL_TIMEOUT / 4) as base, pytest.raises(PullError) as caught:
        pull_module.pull(f"{base}/api/swagger.json")
    assert caught.value.one_line() == f"pull: {base}/api/swagger.json took longer than 0.5 s to send"
