"""`inspera webhooks listen`: a small local receiver for webhook deliveries (verification requests included)."""

from __future__ import annotations

import contextlib
import itertools
import json
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from .exits import CLIError
from .output import Output

MAX_BODY = 10 * 1024 * 1024  # deliveries are small JSON documents


def describe(body: bytes, signature: str | None, secret: str) -> dict[str, object]:
    """What one delivery was: its event name (when the body says) and whether the signature matches."""
    from inspera.webhooks import verify_signature

    event: object = None
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        document = json.loads(body)
        if isinstance(document, dict):
            event = document.get("event")
    valid = verify_signature(body, signature or "", secret)
    return {"event": event if isinstance(event, str) else None, "valid": valid}


def receive(port: int, secret: str, save: Path | None, output: Output) -> None:
    """Serve until SIGINT/SIGTERM; each POST is answered 200, reported on stdout and optionally saved."""
    from inspera.webhooks import SIGNATURE_HEADER

    numbers = itertools.count(1)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_error(413)
                return
            body = self.rfile.read(length)
            signature = self.headers.get(SIGNATURE_HEADER)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            report = describe(body, signature, secret)
            with lock:
                number = next(numbers)
                if save is not None:
                    (save / f"{number:04d}.json").write_bytes(body)
                    (save / f"{number:04d}.sig").write_text(signature or "", encoding="ascii", errors="replace")
                verdict = "valid" if report["valid"] else "INVALID"
                output.data({"delivery": number, **report}, lambda: f"{number:04d} {report['event'] or '?'} {verdict}")

        def log_message(self, *args: object) -> None:
            pass

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as error:
        raise CLIError(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}") from None
    server.daemon_threads = True
    if save is not None:
        try:
            save.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            server.server_close()
            raise CLIError(f"cannot create {save}: {error.strerror or error}") from None
    output.note(f"listening on http://127.0.0.1:{port}/; Ctrl-C stops")

    def stop(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    in_main_thread = threading.current_thread() is threading.main_thread()
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, stop) for sig in handled} if in_main_thread else {}
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
