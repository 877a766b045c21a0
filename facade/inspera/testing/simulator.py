"""`InsperaSimulator`: the stateful local Inspera, served by uvicorn on 127.0.0.1 from a background thread."""

from __future__ import annotations

import asyncio
import secrets
import socket
import threading
from types import TracebackType

import uvicorn

from .app import SimulatorApp
from .faults import Faults
from .limit import DEFAULT_MAX_CONCURRENT_REQUESTS, ConcurrencyLimit
from .state import Settings, SimulatorState
from .stats import SimulatorStats
from .transport import ConnectionTable, protocol_for

STARTUP_TIMEOUT = 10.0


class InsperaSimulator:
    """A local Inspera tenant with seeded tests, expiring tokens, progressing exports, webhooks and fault knobs.

    Use it as a context manager; the server listens on `base_url` between `start()` and `stop()`.
    """

    def __init__(
        self,
        *,
        token_lifetime: float = 3600.0,
        export_duration: float = 2.0,
        url_lifetime: float | None = None,
        candidates: int = 5,
        tests: int = 3,
        seed: int = 0,
        port: int = 0,
        export_bytes: int | None = None,
        client_id: str = "sandbox",
        api_key: str | None = None,
        webhook_retry_delay: float = 0.2,
        max_concurrent_requests: int | None = DEFAULT_MAX_CONCURRENT_REQUESTS,
    ) -> None:
        if token_lifetime <= 0:
            raise ValueError("token_lifetime must be > 0 seconds")
        if export_duration < 0:
            raise ValueError("export_duration must be >= 0 seconds")
        if url_lifetime is not None and url_lifetime <= 0:
            raise ValueError("url_lifetime must be > 0 seconds")
        if export_bytes is not None and export_bytes < 0:
            raise ValueError("export_bytes must be >= 0")
        if not 0 <= port <= 65535:
            raise ValueError("port must be between 0 and 65535")
        self._port = port
        self._limit = ConcurrencyLimit(max_concurrent_requests)
        self._state = SimulatorState(
            Settings(
                client_id=client_id,
                api_key=api_key if api_key is not None else secrets.token_urlsafe(24),
                token_lifetime=token_lifetime,
                export_duration=export_duration,
                url_lifetime=url_lifetime,
                candidates=candidates,
                tests=tests,
                seed=seed,
                export_bytes=export_bytes,
                webhook_retry_delay=webhook_retry_delay,
            )
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._app: SimulatorApp | None = None
        self._connections: ConnectionTable | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------------
    def start(self) -> InsperaSimulator:
        """Start serving on 127.0.0.1 (a context manager calls this); returns the simulator."""
        if self._thread is not None:
            raise RuntimeError("the simulator is already running")
        # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on accepted sockets whose protocol says TCP.
        # Without it Nagle's algorithm holds the body of every answer back until the client's delayed ACK (~40 ms).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", self._port))
        except OSError:
            sock.close()
            raise
        self._state.origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
        connections = self._connections = ConnectionTable()
        self._app = SimulatorApp(self._state, connections, self._limit)
        config = uvicorn.Config(self._app, http=protocol_for(connections), lifespan="off", log_level="warning",
                                access_log=False, timeout_graceful_shutdown=2)
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=self._run, args=(server, sock), name="inspera-simulator", daemon=True)
        self._thread.start()
        deadline = threading.Event()
        for _ in range(int(STARTUP_TIMEOUT / 0.01)):
            if server.started or not self._thread.is_alive():
                break
            deadline.wait(0.01)
        if not server.started:
            self.stop()
            raise RuntimeError("the simulator did not start")
        return self

    def _run(self, server: uvicorn.Server, sock: socket.socket) -> None:
        with sock:
            asyncio.run(server.serve(sockets=[sock]))

    def stop(self) -> None:
        """Stop serving and wait for the server thread; safe to call twice."""
        server, thread = self._server, self._thread
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=10.0)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(timeout=5.0)
        self._server = self._thread = None

    def __enter__(self) -> InsperaSimulator:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- what tests use --------------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/api`, the root every Inspera path is relative to."""
        if not self._state.origin:
            raise RuntimeError("the simulator is not running; use `with InsperaSimulator() as sim:`")
        return self._state.base_url

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT`, where the signed download URLs live (outside `/api`)."""
        return self._state.origin

    @property
    def port(self) -> int:
        """The TCP port the simulator listens on."""
        return int(self.base_url.rsplit(":", 1)[1].split("/", 1)[0])

    @property
    def client_id(self) -> str:
        """The tenant's client id for the token exchange."""
        return self._state.settings.client_id

    @property
    def api_key(self) -> str:
        """The API key the simulator accepts (random unless given)."""
        return self._state.settings.api_key

    @property
    def faults(self) -> Faults:
        """The fault knobs: scripted statuses, dropped connections, latency, failing exports, expiring URLs."""
        return self._state.faults

    @property
    def limit(self) -> ConcurrencyLimit:
        """Inspera's concurrency limit: `maximum` (settable; None = off), `in_flight`, `peak`, `refused`, `reset()`."""
        return self._limit

    @property
    def stats(self) -> SimulatorStats:
        """What the simulator saw: token exchanges, recorded requests, webhook deliveries."""
        return self._state.stats

    @property
    def test_ids(self) -> list[int]:
        """Ids (assessmentRunId) of the seeded tests, then of tests created through the API."""
        return list(self._state.tests)

    def user_ids(self, test_id: int) -> list[int]:
        """User ids of the candidates of one test."""
        test = self._state.tests.get(test_id)
        if test is None:
            raise KeyError(f"no test {test_id}")
        return [c.user.user_id for c in test.candidates]

    @property
    def marketplace_id(self) -> int:
        """The tenant's numeric id, as webhook deliveries carry it (`marketplaceId`)."""
        return self._state.marketplace_id

    @property
    def api_user_id(self) -> int:
        """The user id of the integration user who owns the API key (`triggeringUserId` of its own exports)."""
        return self._state.api_user.user_id

    def candidate_details(self, test_id: int) -> dict[int, dict[str, object]]:
        """Per candidate (by user id) what the assignment set: extraTimeMins, buildingName, roomName."""
        return {
            c.user.user_id: {"extraTimeMins": c.extra_time_mins, "buildingName": c.building, "roomName": c.room}
            for c in self._state.tests[test_id].candidates
        }

    def test_options(self, test_id: int) -> dict[str, dict[str, object]]:
        """The options set on a test, by group (e.g. {"securityOptions": {"SEB_SETTINGS_PINCODE": "abc123"}})."""
        return {group: dict(values) for group, values in self._state.tests[test_id].options.items()}

    def committees(self, test_id: int) -> dict[str, dict[str, list[str]]]:
        """Committee members by committee name: {"candidates": [...], "contributors": [...]} as external ids."""
        return {
            c.name: {"candidates": list(c.candidates), "contributors": list(c.contributors)}
            for c in self._state.tests[test_id].committees.values()
        }

    def set_test_status(self, test_id: int, status: str) -> None:
        """Move a test to another state, e.g. "active" (security options are then locked)."""
        self._state.tests[test_id].status = status

    def issued_secrets(self) -> frozenset[str]:
        """Every credential in play: the API key, each access token issued, each signed-URL signature handed out
        and each webhook subscription secret. For tests asserting that none of them reaches a log line, a repr or
        an error message.
        """
        state = self._state
        found = {state.settings.api_key, *state.tokens.issued(), *state.jobs.signatures()}
        found.update(subscription.secret for subscription in list(state.subscriptions.values()))
        return frozenset(found)

    def expire_tokens(self) -> None:
        """Every token issued so far is expired from now on."""
        self._state.tokens.expire_all()

    def __repr__(self) -> str:
        where = self._state.origin or "not running"
        return f"InsperaSimulator({where}, tests={len(self._state.tests)})"
