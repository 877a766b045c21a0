"""A local HTTP server whose answers a test can change between requests: status, headers, chunked bodies."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False  # no Content-Length; the body goes out in 64 KiB chunks
    declared_length: int | None = None  # a Content-Length to announce instead of the real one


class Routes(dict[str, Answer]):
    """path -> Answer; unknown paths answer 404."""


@contextlib.contextmanager
def serve() -> Iterator[tuple[str, Routes]]:
    """Yield (base URL without trailing slash, the mutable route table)."""
    routes = Routes()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            answer = routes.get(self.path.split("?", 1)[0]) or Answer(b"", status=404)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            with contextlib.suppress(ConnectionError):
                if answer.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(answer.body), 65536):
                        piece = answer.body[start : start + 65536]
                        self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    length = len(answer.body) if answer.declared_length is None else answer.declared_length
                    self.send_header("Content-Length", str(length))
                    self.end_headers()
                    self.wfile.write(answer.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()
