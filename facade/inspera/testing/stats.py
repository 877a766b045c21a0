"""What the simulator saw: recorded requests, token exchanges and webhook deliveries."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from inspera._http.redact import REDACTED, redact_query

# Request headers that carry the API key (the token exchange's `code`) or an access token.
_CREDENTIAL_HEADERS = frozenset({"authorization", "code", "cookie", "x-api-key"})


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the simulator answered it; `status` is 0 when the connection was dropped."""

    method: str
    path: str
    status: int
    headers: dict[str, str]
    query: str = ""

    def __repr__(self) -> str:
        # The values stay readable as attributes; only the repr (what a failing assertion prints) masks them.
        headers = {k: REDACTED if k.lower() in _CREDENTIAL_HEADERS else v for k, v in self.headers.items()}
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, status={self.status}, "
            f"headers={headers!r}, query={redact_query(self.query)!r})"
        )


@dataclass(frozen=True)
class WebhookDelivery:
    """One POST to a subscriber: the verification call or an event delivery attempt."""

    url: str
    event: str
    attempt: int
    status: int | None
    body: bytes
    signature: str


@dataclass
class SimulatorStats:
    """Counters and logs a test can assert on; lists only grow until `reset()`."""

    token_exchanges: int = 0
    requests: list[RecordedRequest] = field(default_factory=list)
    webhook_deliveries: list[WebhookDelivery] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def record_delivery(self, delivery: WebhookDelivery) -> None:
        with self._lock:
            self.webhook_deliveries.append(delivery)

    def count_exchange(self) -> None:
        with self._lock:
            self.token_exchanges += 1

    def reset(self) -> None:
        with self._lock:
            self.token_exchanges = 0
            self.requests.clear()
            self.webhook_deliveries.clear()
