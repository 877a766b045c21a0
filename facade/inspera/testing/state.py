"""Everything the running simulator knows: settings, users, tests, tokens, subscriptions and jobs."""

from __future__ import annotations

import math
import secrets
import threading
import time
from dataclasses import dataclass, field

from .faults import Faults
from .jobs import JobBook
from .model import Test, User
from .seed import IdAllocator, seed
from .stats import SimulatorStats

WEBHOOK_EVENTS = (
    "submissions_export_finished",
    "event_by_candidates_export_finished",
    "resource_export_completed",
    "confirm_final_grades",
)


@dataclass(frozen=True)
class Settings:
    client_id: str
    api_key: str
    token_lifetime: float
    export_duration: float
    url_lifetime: float | None
    candidates: int
    tests: int
    seed: int
    export_bytes: int | None
    webhook_timeout: float = 10.0
    webhook_retries: int = 3
    webhook_retry_delay: float = 0.2


@dataclass(frozen=True)
class Subscription:
    subscription_id: str
    event: str
    url: str
    secret: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.subscription_id, "event": self.event, "url": self.url}


class Tokens:
    """Issued access tokens and when each stops working (monotonic clock)."""

    def __init__(self, lifetime: float) -> None:
        self._lifetime = lifetime
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def expires_in(self) -> int:
        return math.ceil(self._lifetime)

    def issue(self) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._expiry[token] = time.monotonic() + self._lifetime
        return token

    def expiry(self, token: str) -> float | None:
        """When a still-valid token expires; None if it is unknown or already expired."""
        with self._lock:
            expires_at = self._expiry.get(token)
        if expires_at is None or time.monotonic() >= expires_at:
            return None
        return expires_at

    def issued(self) -> list[str]:
        """Every token handed out so far, expired ones included."""
        with self._lock:
            return list(self._expiry)

    def expire_all(self) -> None:
        with self._lock:
            now = time.monotonic()
            for token in self._expiry:
                self._expiry[token] = min(self._expiry[token], now)


@dataclass
class SimulatorState:
    settings: Settings
    faults: Faults = field(default_factory=Faults)
    stats: SimulatorStats = field(default_factory=SimulatorStats)
    jobs: JobBook = field(default_factory=JobBook)
    users: dict[int, User] = field(default_factory=dict)
    tests: dict[int, Test] = field(default_factory=dict)
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    origin: str = ""  # http://127.0.0.1:PORT, set once the socket is bound
    exchanges_in_flight: int = 0
    ids: IdAllocator | None = None
    tokens: Tokens = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = Tokens(self.settings.token_lifetime)
        ids, users, tests = seed(self.settings.seed, self.settings.tests, self.settings.candidates)
        self.ids, self.users = ids, users
        self.tests = {test.test_id: test for test in tests}
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"{self.origin}/api"

    def new_id(self) -> int:
        assert self.ids is not None
        with self._lock:
            return self.ids.take()

    def find_test(self, test_id: int, external: bool = False) -> Test | None:
        if external:
            return next((t for t in self.tests.values() if t.external_id == str(test_id)), None)
        return self.tests.get(test_id)

    def find_user_by_external_id(self, auth_type: str, external_id: str) -> list[User]:
        return [u for u in self.users.values() if (auth_type, external_id) in u.external_ids]

    def find_user_by_username(self, username: str) -> User | None:
        return next((u for u in self.users.values() if u.username == username), None)
