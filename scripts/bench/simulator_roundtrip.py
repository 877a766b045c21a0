"""Benchmark: round trips to the simulator (`inspera.testing`) over one keep-alive connection on 127.0.0.1.

The simulator runs in its own process, as a user's test suite would run it beside the code under test. The measured
client is a minimal HTTP/1.1 client on a plain socket (TCP_NODELAY, one `sendall` per request, the answer read by its
`Content-Length`), so the figure is what the simulator costs: its HTTP parsing, routing, auth check, state lookup
and JSON rendering. Requests are `GET /v1/test/{id}` with a bearer token from the documented exchange, sent one after
another; the figure is the median round trip and the request rate over all of them. The same requests through
`httpx.Client` are reported beside it (`details`) for context: there the client's own cost is part of each round
trip.

Before the simulator's listening socket was created with IPPROTO_TCP, asyncio did not set TCP_NODELAY on its
connections and every answer waited for the client's delayed ACK: about 44 ms per request on Linux.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
from _common import sandbox
from report import Result

TARGET_MS = 1.0
TARGET_RATE = 1000.0


class RawClient:
    """Just enough HTTP/1.1 for `GET` with a keep-alive connection and `Content-Length` answers."""

    def __init__(self, base_url: str, token: str) -> None:
        parts = urlsplit(base_url)
        assert parts.hostname is not None and parts.port is not None
        self._prefix = parts.path
        self._host = f"{parts.hostname}:{parts.port}"
        self._token = token
        self._sock = socket.create_connection((parts.hostname, parts.port))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._file = self._sock.makefile("rb")

    def get(self, path: str) -> tuple[int, bytes]:
        head = f"GET {self._prefix}{path} HTTP/1.1\r\nHost: {self._host}\r\nAuthorization: Bearer {self._token}\r\n\r\n"
        self._sock.sendall(head.encode())
        status = int(self._file.readline().split(b" ", 2)[1])
        length = 0
        while (line := self._file.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, self._file.read(length)

    def close(self) -> None:
        self._file.close()
        self._sock.close()


def timed(call: Callable[[str], int], path: str, count: int) -> tuple[list[float], float]:
    """Per-request seconds and the wall time of `count` sequential requests."""
    samples = []
    started = time.perf_counter()
    for _ in range(count):
        start = time.perf_counter()
        status = call(path)
        samples.append(time.perf_counter() - start)
        if status != 200:
            raise RuntimeError(f"the simulator answered {status}")
    return samples, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per client (default 3000)")
    parser.add_argument("--quick", action="store_true", help="200 requests (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    count = 200 if args.quick else args.requests
    with sandbox() as config:
        base = config["base_url"]
        path = f"/v1/test/{config['test_ids'][0]}"
        exchange = httpx.post(
            f"{base}/authenticate/token/",
            headers={"code": config["api_key"]},
            params={"grant_type": "authorization_code", "client_id": config["client_id"]},
        )
        token = exchange.json()["access_token"]
        raw = RawClient(base, token)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
            for _ in range(max(50, count // 10)):  # warm both connections and the server's code paths
                raw.get(path)
                http.get(path)
            raw_samples, raw_wall = timed(lambda p: raw.get(p)[0], path, count)
            httpx_samples, httpx_wall = timed(lambda p: http.get(p).status_code, path, count)
        raw.close()
    median_ms = statistics.median(raw_samples) * 1000
    rate = count / raw_wall
    p99_ms = statistics.quantiles(raw_samples, n=100)[98] * 1000
    Result(
        benchmark="simulator round trip",
        figure=f"median {median_ms:.2f} ms, {rate:,.0f} requests/s",
        target=f"<= {TARGET_MS:g} ms median, >= {TARGET_RATE:,.0f} requests/s",
        met=median_ms <= TARGET_MS and rate >= TARGET_RATE,
        details={
            "requests": count,
            "median_ms": round(median_ms, 3),
            "p99_ms": round(p99_ms, 3),
            "requests_per_s": round(rate),
            "httpx_median_ms": round(statistics.median(httpx_samples) * 1000, 3),
            "httpx_requests_per_s": round(count / httpx_wall),
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
