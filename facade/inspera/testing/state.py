"""Everything the running simulator knows: settings, users, tests, tokens, subscriptions and jobs."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from .faults import Faults
from .jobs import JobBook
from .model import Test, User
from .seed import IdAllocator, seed
from .stats import SimulatorStats
from .tokens import Tokens

WEBHOOK_EVENTS = (
    "submissions_export_finished",
    "event_by_candidates_export_finished",
    "resource_export_completed",
    "confirm_final_grades",
    "revision_status_updated",
)
# Inspera's limit on the candidates of one test (its "Limits in Inspera Assessment" article).
MAX_CANDIDATES_PER_TEST = 1500


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
    marketplace_id: int = field(init=False)  # the tenant's numeric id, as webhook payloads carry it
    api_user: User = field(init=False)  # the integration user who owns the API key

    def __post_init__(self) -> None:
        ids, users, tests = seed(self.settings.seed, self.settings.tests, self.settings.candidates)
        self.ids, self.users = ids, users
        self.tests = {test.test_id: test for test in tests}
        # A separate generator, so these two do not shift the ids of the seeded data.
        tenant = random.Random(f"{self.settings.seed}:tenant")
        self.marketplace_id = tenant.randint(1_000_000, 9_999_999)
        self.api_user = User(tenant.randint(100_000_000, 999_999_999), "api_integration", "API", "Integration",
                             "api-integration@uni.example.no", [("INSPERA", "api_integration")], False)
        self.users[self.api_user.user_id] = self.api_user
        self.tokens = Tokens(self.settings.token_lifetime, subject=self.api_user.username,
                             audience=self.settings.client_id)
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"{self.origin}/api"

    def new_id(self) -> int:
        assert self.ids is not None
        with self._lock:
            return self.ids.take()

    def find_test(self, test_id: int | str, external: bool = False, system: str = "API") -> Test | None:
        """A test by Inspera's id, or with `external` by the id `system` gave it."""
        if external:
            return next((t for t in self.tests.values()
                         if t.external_id == str(test_id) and t.external_system == system), None)
        if isinstance(test_id, str):
            test_id = int(test_id) if test_id.isascii() and test_id.isdigit() else -1
        return self.tests.get(test_id)

    def find_user_by_external_id(self, auth_type: str, external_id: str) -> list[User]:
        return [u for u in self.users.values() if (auth_type, external_id) in u.external_ids]

    def find_user_by_username(self, username: str) -> User | None:
        return next((u for u in self.users.values() if u.username == username), None)
