"""The simulator's in-memory records: users, tests, questions, candidates and their answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def iso(moment: datetime) -> str:
    """RFC 3339 with whole seconds; strftime would not zero-pad years before 1000."""
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class User:
    user_id: int
    username: str
    first_name: str
    last_name: str
    email: str
    external_ids: list[tuple[str, str]]  # (authType, externalId)
    is_student: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "userId": self.user_id,
            "username": self.username,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "email": self.email,
            "externalIds": [{"authType": kind, "externalId": value} for kind, value in self.external_ids],
        }


@dataclass(frozen=True)
class Question:
    question_id: int
    content_item_id: int
    number: str
    title: str
    kind: str  # Inspera question type, e.g. essay, multiple_choice_question
    max_score: float
    weight: float
    automatic: bool


@dataclass(frozen=True)
class Answer:
    question: Question
    response: str  # HTML for essays, the chosen alternative otherwise
    alternative: str | None
    auto_score: float | None
    manual_score: float | None
    duration_seconds: int


@dataclass(frozen=True)
class Event:
    event_id: str
    name: str
    at: datetime
    created_by: int
    flag: str | None = None


@dataclass
class Candidate:
    user: User
    candidate_id: str
    user_assessment_id: int
    extra_time_mins: int = 0
    incident_time_mins: int = 0
    started: datetime | None = None
    ended: datetime | None = None
    answers: list[Answer] = field(default_factory=list)
    grade: str | None = None
    grader_id: int | None = None
    second_round_grader_id: int | None = None
    events: list[Event] = field(default_factory=list)
    building: str | None = None
    room: str | None = None

    @property
    def external_id(self) -> str:
        return self.user.external_ids[0][1] if self.user.external_ids else self.user.username

    @property
    def total_score(self) -> float:
        scores = (a.manual_score if a.manual_score is not None else a.auto_score or 0.0 for a in self.answers)
        return round(sum(scores), 2)


@dataclass
class Contributor:
    user: User
    roles: list[str]
    committees: list[str]


@dataclass
class Committee:
    name: str
    kind: str
    candidates: list[str] = field(default_factory=list)  # external ids
    contributors: list[str] = field(default_factory=list)


@dataclass
class Test:
    test_id: int
    external_id: str
    title: str
    status: str
    start: datetime
    end: datetime
    duration_mins: int
    setup_id: int
    questions: list[Question] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    contributors: list[Contributor] = field(default_factory=list)
    committees: dict[str, Committee] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    group_name: str = ""
    is_template: bool = False
    external_system: str = "API"  # the system that owns external_id (Inspera's default is API)

    @property
    def max_total_score(self) -> float:
        return sum(q.max_score for q in self.questions)

    def candidate(self, user_id: int) -> Candidate | None:
        return next((c for c in self.candidates if c.user.user_id == user_id), None)
