"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1 for the client-overhead benchmarks.

The simulator answers a request in roughly the time a client needs to send it, which would dilute any client-side
difference. This server answers from a few lines of asyncio with canned bytes, so a ratio measured against it is
close to the ratio of the clients' own costs (the strictest comparison a loopback server allows).

It speaks just enough of Inspera's API for `GET /v1/test/{id}`: the documented token exchange (tokens that expire
after `--token-lifetime` seconds, counted), bearer checks answering 401 like Inspera, one test-metadata document for
every test id, and two control routes outside `/api`: `GET /_bench/stats` and `POST /_bench/expire` (revoke every
token issued so far).

With `--export-file PATH` it also serves a submissions export job that is finished as soon as it is ordered
(`GET /v1/test/{id}/submissions`, then `.../{jobId}` answers "success" with a signed URL outside `/api`), and the
signed URL sends that file with `sendfile()`, refusing requests that carry a bearer token as S3 does. The simulator
generates its large exports while streaming them, which is slower than a client reads them; this serves a file the
simulator wrote beforehand at the speed of the page cache, so the client is what gets measured.

With `--limit N` it enforces Inspera's concurrency limit the way the simulator does: at most N requests under `/api`
(the token exchange included) active at once, the rest refused at once with 429 and an Inspera-style body; a request
stops counting just before its answer is written. `--latency S` delays every `/api` answer by S seconds (the fixed
latency the concurrency benchmark divides by). `POST /_bench/hold?slots=K` makes K of the N slots busy, as another
program of the customer would (0 frees them); `POST /_bench/reset` zeroes the peak, refusal and exchange counters.
Under `--limit`, `GET /_bench/timeline` answers the events since the last time it was asked, and forgets them:
`[seconds, "start" | "end" | "refused", path]` for each `/api` request (seconds on the server's monotonic clock).

Run it as a program: it prints `{"origin": ..., "base_url": ..., "test_id": ...}` and serves until its stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import sys
import threading
import time
from collections import deque
from typing import Any

# What the simulator answers for a seeded test: nested models, dates and lists, so parsing costs what it really does.
TEST_METADATA: dict[str, Any] = {
    "assessmentRunId": 66448162,
    "externalTestId": "KJM1100-2024V-1",
    "name": "KJM1100 Organic Chemistry - final exam",
    "title": "KJM1100 Organic Chemistry - final exam",
    "status": "finished",
    "startTime": "2024-05-06T09:00:00Z",
    "endTime": "2024-05-06T12:00:00Z",
    "committees": [{"name": "Committee 1", "type": "GRADING"}],
    "contributors": [
        {
            "userId": 22727969 + n,
            "userName": f"tgrader{n:04d}",
            "firstName": "Grader",
            "lastName": f"Number {n}",
            "roles": ["GRADER"],
            "committees": ["Committee 1"],
            "externalUserIds": [{"authType": "FEIDE", "externalUserId": f"grader{n}@uni.example.no"}],
        }
        for n in range(2)
    ],
}
TEST_ID = TEST_METADATA["assessmentRunId"]

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}
_EXPORT = re.compile(r"/api/v1/test/\d+/submissions(?:/([\w-]+))?")


def _response(status: int, payload: object, extra: str = "") -> bytes:
    body = json.dumps(payload, separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode() + body


_METADATA = _response(200, TEST_METADATA)
_UNAUTHORIZED = _response(
    401, {"error": "invalid_token", "description": "Missing, invalid or expired token"}, "www-authenticate: Bearer\r\n"
)
_NOT_FOUND = _response(404, {"error": "not_found"})
_LIMITED = _response(
    429, {"error": "Too Many Requests", "description": "Concurrent request limit reached: at most 10 requests"}
)


class SendFile:
    """An answer whose body is the export file, sent by the kernel after `head`."""

    def __init__(self, head: bytes, path: str, size: int) -> None:
        self.head, self.path, self.size = head, path, size


class LoopbackAPI:
    def __init__(
        self, token_lifetime: float, export_file: str | None = None, limit: int | None = None, latency: float = 0.0
    ) -> None:
        self.lifetime = token_lifetime
        self.export_file = export_file
        self.limit = limit
        self.latency = latency
        self.held = 0  # slots another program holds (POST /_bench/hold)
        self.in_flight = 0
        self.peak = 0
        self.refused = 0
        self.origin = ""
        self.tokens: dict[str, float] = {}  # token -> monotonic expiry
        self.exchanges = 0
        self.requests = 0
        self.unauthorized = 0
        self.jobs = 0
        # Under --limit: (monotonic, event, path) per /api request, the newest 200,000 when nobody asks for them.
        self.timeline: deque[tuple[float, str, str]] = deque(maxlen=200_000)

    def authorized(self, headers: dict[str, str]) -> bool:
        expiry = self.tokens.get(headers.get("authorization", "").removeprefix("Bearer "))
        if expiry is None or time.monotonic() >= expiry:
            self.unauthorized += 1
            return False
        return True

    def export(self, job_id: str | None, headers: dict[str, str]) -> bytes:
        if not self.authorized(headers):
            return _UNAUTHORIZED
        if job_id is None:
            self.jobs += 1
            return _response(200, {"jobId": f"bench-{self.jobs}", "status": "running", "progress": 0})
        url = f"{self.origin}/signed/{job_id}/export.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=bench"
        return _response(
            200, {"jobId": job_id, "status": "success", "progress": 100, "exportInfo": {"signedResponseUrl": url}}
        )

    def signed(self, headers: dict[str, str]) -> bytes | SendFile:
        if "authorization" in headers:
            return _response(400, {"error": "Only one auth mechanism allowed"})
        assert self.export_file is not None
        size = os.path.getsize(self.export_file)
        head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {size}\r\n\r\n"
        return SendFile(head.encode(), self.export_file, size)

    def answer(self, method: str, target: str, headers: dict[str, str]) -> bytes | SendFile:
        self.requests += 1
        path = target.split("?", 1)[0]
        if self.export_file is not None and method == "GET":
            if (match := _EXPORT.fullmatch(path)) is not None:
                return self.export(match.group(1), headers)
            if path.startswith("/signed/"):
                return self.signed(headers)
        if method == "POST" and path == "/api/authenticate/token/":
            self.exchanges += 1
            token = f"bench-{self.exchanges}"
            self.tokens[token] = time.monotonic() + self.lifetime
            return _response(200, {"access_token": token, "expires_in": math.ceil(self.lifetime)})
        if method == "GET" and path.startswith("/api/v1/test/"):
            return _METADATA if self.authorized(headers) else _UNAUTHORIZED
        if method == "GET" and path == "/_bench/stats":
            return _response(
                200,
                {
                    "exchanges": self.exchanges, "requests": self.requests, "unauthorized": self.unauthorized,
                    "peak": self.peak, "refused": self.refused, "in_flight": self.in_flight, "held": self.held,
                },
            )
        if method == "GET" and path == "/_bench/timeline":
            events = list(self.timeline)
            self.timeline.clear()
            return _response(200, events)
        if method == "POST" and path == "/_bench/hold":
            self.held = int(target.partition("slots=")[2] or 0)
            return _response(200, {"held": self.held})
        if method == "POST" and path == "/_bench/reset":
            self.peak, self.refused, self.exchanges = self.in_flight, 0, 0
            return _response(200, {})
        if method == "POST" and path == "/_bench/expire":
            now = time.monotonic()
            self.tokens = {token: min(expiry, now) for token, expiry in self.tokens.items()}
            return _response(200, {"expired": len(self.tokens)})
        return _NOT_FOUND

    async def respond(self, method: str, target: str, headers: dict[str, str]) -> bytes | SendFile:
        """`answer`, behind the concurrency limit and the fixed latency when they are on (for `/api` only)."""
        if not target.startswith("/api/") or (self.limit is None and not self.latency):
            return self.answer(method, target, headers)
        path = target.split("?", 1)[0]
        if self.limit is not None and self.in_flight + self.held >= self.limit:
            self.requests += 1
            self.refused += 1
            self._note("refused", path)
            return _LIMITED
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        self._note("start", path)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            return self.answer(method, target, headers)
        finally:
            self.in_flight -= 1  # before the answer is written: the client may send its next request at once
            self._note("end", path)

    def _note(self, event: str, path: str) -> None:
        if self.limit is not None:
            self.timeline.append((time.monotonic(), event, path))

    async def serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if line:
                        name, _, value = line.partition(":")
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                if length:
                    await reader.readexactly(length)
                answer = await self.respond(method, target, headers)
                if isinstance(answer, SendFile):
                    writer.write(answer.head)
                    await writer.drain()
                    with open(answer.path, "rb") as file:
                        await asyncio.get_running_loop().sendfile(writer.transport, file, 0, answer.size)
                else:
                    writer.write(answer)
                    await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            return  # the client went away, between requests or halfway through a file
        finally:
            writer.close()


async def _serve(api: LoopbackAPI) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        connections[task] = writer
        try:
            await api.serve_connection(reader, writer)
        finally:
            connections.pop(task, None)

    def wait_for_eof() -> None:
        sys.stdin.read()
        loop.call_soon_threadsafe(stop.set)

    server = await asyncio.start_server(connection, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    api.origin = f"http://127.0.0.1:{port}"
    print(json.dumps({"origin": api.origin, "base_url": f"{api.origin}/api", "test_id": TEST_ID}), flush=True)
    threading.Thread(target=wait_for_eof, daemon=True).start()
    async with server:
        await stop.wait()
        server.close()
        for writer in list(connections.values()):  # idle keep-alive connections would otherwise outlive the loop
            writer.transport.abort()
        await asyncio.gather(*connections, return_exceptions=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--token-lifetime", type=float, default=3600.0)
    parser.add_argument("--export-file", help="serve this file as a finished submissions export")
    parser.add_argument("--limit", type=int, help="refuse /api requests beyond this many in flight (429)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each /api answer")
    args = parser.parse_args(argv)
    asyncio.run(_serve(LoopbackAPI(args.token_lifetime, args.export_file, args.limit, args.latency)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
