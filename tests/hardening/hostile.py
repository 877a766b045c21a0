"""A deliberately broken Inspera on 127.0.0.1: a raw-socket HTTP/1.1 server whose routes write whatever bytes a
test wants — dripped heads and bodies, bad gzip, decompression bombs, endless bodies, bodies longer than their
Content-Length, redirect loops, odd statuses, echoed secrets.

    with HostileServer() as server:
        server.route("GET", r"/api/v1/test/\\d+$", lambda req, wire: wire.answer(201, b'{"title": "x"}'))
        client = Inspera(server.client_id, server.api_key, base_url=server.base_url)

By default it behaves: the token exchange answers a token, `GET /v1/test/{id}` a test, a submissions export is
ordered, reported finished, and served from `/signed/...`. Every handler runs in its own thread and stops when the
client goes away or the server stops (`Wire.alive`), so no case can leave a thread writing forever.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support.client_driver import ClientDriver

API_KEY = "hostile-api-key-0123456789abcdef"
TOKEN = "hostile-access-token-fedcba9876543210"
SIGNATURE = "hostile-signature-00112233445566778899"
TEST = {"assessmentRunId": 1, "title": "Organic chemistry", "startTime": "2024-05-02T09:00:00Z"}
RECORDS = [{"result": {"sourcedId": i, "score": i / 2}} for i in range(5)]
SUBMISSIONS = json.dumps({"lineItemSourcedId": 1, "ext_inspera_candidates": RECORDS}).encode()


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


class Wire:
    """The connection a handler answers on, with ways of writing that real servers would not use."""

    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self._stopping = stopping
        self.keep_alive = True

    @property
    def alive(self) -> bool:
        return not self._stopping.is_set()

    def send(self, data: bytes) -> bool:
        """Write `data`; False once the client has gone (the handler should stop)."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            self.keep_alive = False
            return False

    def head(self, status: int, headers: dict[str, str] | None = None, reason: str = "Status") -> bytes:
        lines = [f"HTTP/1.1 {status} {reason}"] + [f"{name}: {value}" for name, value in (headers or {}).items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def answer(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        reason: str = "Status",
        length: int | None = None,
        content_type: str = "application/json",
    ) -> None:
        """A whole answer with a Content-Length (`length` to announce another one than the body's)."""
        announced = len(body) if length is None else length
        all_headers = {"Content-Type": content_type, "Content-Length": str(announced), **(headers or {})}
        self.send(self.head(status, all_headers, reason) + body)

    def chunked(self, status: int, pieces: Iterable[bytes], headers: dict[str, str] | None = None) -> None:
        """A chunked answer; `pieces` may be endless: it stops when the client goes away or the server stops."""
        all_headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked", **(headers or {})}
        if not self.send(self.head(status, all_headers)):
            return
        for piece in pieces:
            if not self.alive or not self.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n"):
                return
        self.send(b"0\r\n\r\n")

    def drip(self, data: bytes, every: float, *, step: int = 1) -> None:
        """Write `data` `step` bytes at a time, one piece every `every` seconds."""
        for start in range(0, len(data), step):
            if not self.alive or not self.send(data[start : start + step]):
                return
            time.sleep(every)


Handler = Callable[[Request, Wire], None]


def endless(piece: bytes = b" " * 65536) -> Iterator[bytes]:
    while True:
        yield piece


@functools.cache
def gzip_bomb(decoded: int) -> bytes:
    """`decoded` zero bytes, gzip-compressed (about 1,000 times smaller); made once per size."""
    out = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [out.compress(block) for _ in range(decoded >> 20)]
    parts.append(out.flush())
    return b"".join(parts)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


def deep(levels: int, opener: bytes = b"[") -> bytes:
    """JSON nested `levels` deep (arrays by default), closed properly."""
    closer = {b"[": b"]", b'{"a":': b"}"}[opener]
    return opener * levels + b"1" + closer * levels


class HostileServer:
    """The Inspera API at `base_url` (`http://127.0.0.1:<port>/api`) with replaceable routes."""

    client_id = "hostile"
    api_key = API_KEY
    token = TOKEN

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)  # accept() wakes up to notice stop()
        self._sockets: list[socket.socket] = []
        self.port = self._listener.getsockname()[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.base_url = f"{self.origin}/api"
        self.requests: list[Request] = []
        self.connections = 0
        self._stopping = threading.Event()
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._threads: list[threading.Thread] = []
        self._defaults()

    # -- routes ---------------------------------------------------------------------------------------------------

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        """Answer `method` requests whose path matches `pattern` with `handler` (newest route first)."""
        self._routes.insert(0, (method, re.compile(pattern), handler))

    def signed_url(self, name: str = "file.json") -> str:
        return f"{self.origin}/signed/{name}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={SIGNATURE}"

    def finished(self, url: str | None = None) -> Handler:
        """A status handler reporting the job done with `url` (default: the signed file)."""
        target = url or self.signed_url()
        payload = {"jobId": "job-1", "status": "success", "progress": 100, "exportInfo": {"signedResponseUrl": target}}
        return lambda _req, wire: wire.answer(200, json.dumps(payload).encode())

    def _defaults(self) -> None:
        def token(req: Request, wire: Wire) -> None:
            if req.headers.get("code") != API_KEY:
                wire.answer(401, b'{"error": "invalid_grant"}')
                return
            wire.answer(200, json.dumps({"access_token": TOKEN, "expires_in": 3600}).encode())

        self.route("POST", r"^/api/authenticate/token/?$", token)
        self.route("GET", r"^/api/v1/test/\d+$", lambda _r, w: w.answer(200, json.dumps(TEST).encode()))
        self.route("GET", r"^/api/v1/test/\d+/submissions$",
                   lambda _r, w: w.answer(200, b'{"jobId": "job-1", "status": "running"}'))
        self.route("GET", r"^/api/v1/test/\d+/submissions/[^/]+$", self.finished())
        self.route("GET", r"^/signed/", lambda _r, w: w.answer(200, SUBMISSIONS))

    # -- serving --------------------------------------------------------------------------------------------------

    def __enter__(self) -> HostileServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        for sock in self._sockets:  # wakes handlers blocked reading a kept-alive connection
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self._listener.close()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(None)
            self._sockets.append(sock)
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(10)
        wire = Wire(sock, self._stopping)
        buffer = b""
        try:
            while wire.keep_alive and not self._stopping.is_set():
                request, buffer = self._read_request(sock, buffer)
                if request is None:
                    return
                self.requests.append(request)
                if request.headers.get("connection", "").lower() == "close":
                    wire.keep_alive = False
                self._handler(request)(request, wire)
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def _read_request(self, sock: socket.socket, buffer: bytes) -> tuple[Request | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            data = sock.recv(65536)
            if not data:
                return None, b""
            buffer += data
        head, rest = buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        while len(rest) < length:
            data = sock.recv(65536)
            if not data:
                return None, b""
            rest += data
        parts = urlsplit(target)
        request = Request(method, parts.path, dict(parse_qsl(parts.query)), headers, rest[:length])
        return request, rest[length:]

    def _handler(self, request: Request) -> Handler:
        for method, pattern, handler in self._routes:
            if method == request.method and pattern.search(request.path):
                return handler
        return lambda _r, wire: wire.answer(404, b'{"error": "not found"}')


@dataclass
class Clock:
    """Elapsed seconds of a block, for asserting that a deadline bounded it (with generous slack)."""

    started: float = field(default_factory=time.monotonic)
    stopped: float | None = None

    def __enter__(self) -> Clock:
        self.started = time.monotonic()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stopped = time.monotonic()

    @property
    def seconds(self) -> float:
        return (self.stopped or time.monotonic()) - self.started


class Side(ClientDriver):
    """One client, `Inspera` ("sync") or `AsyncInspera` ("async"), against a HostileServer; `run()` hides the await.

    The client's sleeps are recorded (`slept`) and really taken, so deadlines are tested against real time.
    """

    def __init__(self, mode: str, server: HostileServer, **options: Any) -> None:
        from inspera import AsyncInspera, Inspera

        super().__init__(asynchronous=mode != "sync")
        self.mode = mode
        options = {"base_url": server.base_url, **options}
        if self.loop is None:
            self.client = Inspera(server.client_id, server.api_key, sleep=self.sleep, **options)
        else:
            self.client = AsyncInspera(server.client_id, server.api_key, sleep=self.asleep, **options)

    def exports(self, **options: Any) -> Any:
        """`Exports` / `AsyncExports` of this client with fast polling and retries; options as for `Exports`."""
        from inspera.exports import AsyncExports, DownloadPolicy, Exports, PollPolicy

        options.setdefault("poll_policy", PollPolicy(initial=0.05, cap=0.2))
        options.setdefault("download_policy", DownloadPolicy(retry_backoff=0.01))
        if self.loop is None:
            return Exports(self.client, sleep=self.client._sleep, **options)
        return AsyncExports(self.client, sleep=self.client._sleep, **options)
