"""Deterministic seed data: tests with questions, candidates, essay answers, scores, grades and events."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .model import Answer, Candidate, Committee, Contributor, Event, Question, Test, User

FIRST_NAMES = (
    "Ingrid", "Ola", "Sofie", "Magnus", "Nora", "Emil", "Aisha", "Jonas", "Maja", "Lars", "Sara", "Henrik",
    "Leah", "Tobias", "Amira", "Sindre", "Freya", "Kristian", "Thea", "Mohammed", "Vilde", "Erik", "Hanna", "Ali",
)
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
    "Berg", "Haugen", "Hagen", "Eriksen", "Bakken", "Lie", "Dahl", "Lund", "Moen", "Solberg",
)
COURSES = (
    ("KJM1100", "Organic Chemistry", "Chemistry"),
    ("INF1010", "Object-Oriented Programming", "Informatics"),
    ("ECON2200", "Macroeconomics", "Economics"),
    ("HIS1300", "Early Modern Europe", "History"),
    ("MAT1110", "Calculus and Linear Algebra", "Mathematics"),
    ("PSY1050", "Introduction to Cognitive Psychology", "Psychology"),
)
TOPICS = (
    "the role of feedback loops", "the limits of the model", "how the assumptions shape the outcome",
    "the evidence presented in the lectures", "a counter-example from the reading list",
    "the trade-off between precision and cost", "why the classical explanation falls short",
    "the historical context of the debate", "what the data in the appendix suggests",
)
CONNECTORS = (
    "First, I discuss", "It is worth noting", "In contrast, one may consider", "This leads us to",
    "A further point concerns", "Finally, I argue for",
)
QUESTION_KINDS = (
    ("essay", False, 10.0),
    ("multiple_choice_question", True, 2.0),
    ("text_entry_numeric", True, 3.0),
    ("true_false", True, 1.0),
    ("essay", False, 6.0),
    ("multiple_response", True, 4.0),
)
EVENT_NAMES = ("candidate_logged_in", "candidate_started", "connection_lost", "connection_restored",
               "new_seb_login", "candidate_submitted")
GRADES = ("A", "B", "C", "D", "E", "F")
BASE_TIME = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
SEEDED_STATUSES = ("finished", "graded", "active")


class IdAllocator:
    """Hands out unique ids that look like Inspera's (8-digit integers) from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[int] = set()

    def take(self, low: int = 10_000_000, high: int = 99_999_999) -> int:
        while True:
            value = self._rng.randint(low, high)
            if value not in self._used:
                self._used.add(value)
                return value


def essay_html(rng: random.Random, paragraphs: int) -> str:
    parts = []
    for _ in range(paragraphs):
        sentences = [f"{rng.choice(CONNECTORS)} {rng.choice(TOPICS)}." for _ in range(rng.randint(2, 4))]
        parts.append("<p>" + " ".join(sentences) + "</p>")
    return "".join(parts)


def make_user(rng: random.Random, ids: IdAllocator, *, student: bool, serial: int) -> User:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    prefix = "s" if student else "t"
    username = f"{prefix}{first.lower()}{serial:04d}"
    feide = f"{first.lower()}.{last.lower()}{serial}@uni.example.no"
    return User(
        user_id=ids.take(),
        username=username,
        first_name=first,
        last_name=last,
        email=feide,
        external_ids=[("FEIDE", feide)],
        is_student=student,
    )


def make_questions(rng: random.Random, ids: IdAllocator, course: str) -> list[Question]:
    questions = []
    for number, (kind, automatic, max_score) in enumerate(QUESTION_KINDS[: rng.randint(4, 6)], start=1):
        questions.append(
            Question(
                question_id=ids.take(),
                content_item_id=ids.take(),
                number=str(number),
                title=f"{course} — task {number}",
                kind=kind,
                max_score=max_score,
                weight=1.0,
                automatic=automatic,
            )
        )
    return questions


def answer(rng: random.Random, question: Question) -> Answer:
    if question.automatic:
        alternative = f"alt_{rng.randint(1, 4)}"
        correct = rng.random() < 0.7
        return Answer(question, alternative, alternative, question.max_score if correct else 0.0, None,
                      rng.randint(20, 400))
    score = round(rng.randint(0, int(question.max_score * 2)) / 2, 1)
    return Answer(question, essay_html(rng, rng.randint(2, 4)), None, None, score, rng.randint(600, 3600))


def grade_for(ratio: float) -> str:
    for grade, threshold in zip(GRADES, (0.9, 0.8, 0.6, 0.5, 0.4), strict=False):
        if ratio >= threshold:
            return grade
    return "F"


def make_candidate(
    rng: random.Random, ids: IdAllocator, test: Test, user: User, number: int, graders: list[User]
) -> Candidate:
    started = test.start + timedelta(minutes=rng.randint(0, 10))
    candidate = Candidate(
        user=user,
        candidate_id=str(1000 + number),
        user_assessment_id=ids.take(),
        extra_time_mins=rng.choice((0, 0, 0, 15, 30)),
        started=started,
        ended=started + timedelta(minutes=rng.randint(45, test.duration_mins)),
        building="Sentralbygg 1",
        room=f"Room {rng.randint(101, 140)}",
    )
    candidate.answers = [answer(rng, q) for q in test.questions]
    candidate.grade = grade_for(candidate.total_score / test.max_total_score)
    candidate.grader_id = rng.choice(graders).user_id
    if rng.random() < 0.3:
        candidate.second_round_grader_id = rng.choice(graders).user_id
    assert candidate.started is not None and candidate.ended is not None
    moments = sorted(candidate.started + timedelta(seconds=rng.randint(0, 2400)) for _ in range(len(EVENT_NAMES)))
    moments[0], moments[-1] = candidate.started - timedelta(minutes=2), candidate.ended
    for index, (name, at) in enumerate(zip(EVENT_NAMES, moments, strict=True)):
        if name.startswith("connection") and rng.random() < 0.5:
            continue
        flag = "TECHNICAL" if name == "connection_lost" else None
        candidate.events.append(Event(f"{candidate.user_assessment_id}-{index}", name, at, user.user_id, flag))
    return candidate


def make_test(rng: random.Random, ids: IdAllocator, index: int, users: dict[int, User], candidates: int) -> Test:
    code, name, group = COURSES[index % len(COURSES)]
    start = BASE_TIME + timedelta(days=7 * index)
    duration = rng.choice((120, 180, 240))
    test = Test(
        test_id=ids.take(),
        external_id=f"{code}-2024V-{index + 1}",
        title=f"{code} {name} — final exam",
        status=SEEDED_STATUSES[index % len(SEEDED_STATUSES)],
        start=start,
        end=start + timedelta(minutes=duration),
        duration_mins=duration,
        setup_id=ids.take(),
        group_name=group,
    )
    test.questions = make_questions(rng, ids, code)
    graders = [make_user(rng, ids, student=False, serial=index * 100 + n) for n in range(2)]
    for grader in graders:
        users[grader.user_id] = grader
    test.committees["Committee 1"] = Committee("Committee 1", "GRADING")
    test.contributors = [Contributor(g, ["GRADER"], ["Committee 1"]) for g in graders]
    test.committees["Committee 1"].contributors = [g.external_ids[0][1] for g in graders]
    for number in range(candidates):
        user = make_user(rng, ids, student=True, serial=index * 1000 + number + 1)
        users[user.user_id] = user
        candidate = make_candidate(rng, ids, test, user, number + 1, graders)
        test.candidates.append(candidate)
        test.committees["Committee 1"].candidates.append(candidate.external_id)
    return test


def seed(seed_value: int, tests: int, candidates: int) -> tuple[IdAllocator, dict[int, User], list[Test]]:
    """Build the same users and tests for the same arguments, every time."""
    if tests < 0 or candidates < 0:
        raise ValueError("tests and candidates must be >= 0")
    rng = random.Random(seed_value)
    ids = IdAllocator(rng)
    users: dict[int, User] = {}
    made = [make_test(rng, ids, index, users, candidates) for index in range(tests)]
    return ids, users, made
