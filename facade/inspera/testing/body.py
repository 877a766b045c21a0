"""Export file bodies of a known length, streamed in chunks and padded with generated candidates on demand."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from .documents import candidate_result
from .model import Answer, Candidate, Test, User
from .seed import CONNECTORS, FIRST_NAMES, LAST_NAMES, TOPICS

CHUNK_BYTES = 256 * 1024
_PLACEHOLDER = "@@candidates@@"
_ESSAY_CHARS = 12_000
# Room for the few fields whose width varies between generated candidates (names, scores, grades).
_SLACK = 256


def _dumps(value: Any) -> str:
    # ASCII output keeps characters and bytes one-to-one, so lengths can be computed before streaming.
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


class Body(Protocol):
    """What the signed-URL route serves: a media type, an exact length and the bytes in chunks."""

    @property
    def media_type(self) -> str: ...

    @property
    def length(self) -> int: ...

    def chunks(self, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]: ...


@dataclass(frozen=True)
class StaticBody:
    """A small file held whole in memory (one candidate's results document, a submission PDF)."""

    data: bytes
    media_type: str = "application/json"

    @property
    def length(self) -> int:
        return len(self.data)

    def chunks(self, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
        for start in range(0, max(len(self.data), 1), chunk_bytes):
            yield self.data[start : start + chunk_bytes]


@dataclass(frozen=True)
class SizedBody:
    """A JSON document `head [record, record, ...] tail` whose exact byte length is known up front."""

    media_type = "application/json"

    head: str
    records: tuple[str, ...]
    tail: str
    generated: int = 0  # extra generated records appended after `records`
    generated_width: int = 0
    generator: _RecordGenerator | None = None

    @property
    def length(self) -> int:
        count = len(self.records) + self.generated
        separators = max(0, count - 1)
        listed = sum(len(r) for r in self.records)
        return len(self.head) + 2 + listed + self.generated * self.generated_width + separators + len(self.tail)

    def chunks(self, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
        buffer: list[str] = [self.head, "["]
        size = len(self.head) + 1
        first = True
        for record in self._all_records():
            piece = record if first else "," + record
            first = False
            buffer.append(piece)
            size += len(piece)
            if size >= chunk_bytes:
                yield "".join(buffer).encode("ascii")
                buffer, size = [], 0
        buffer.append("]" + self.tail)
        yield "".join(buffer).encode("ascii")

    def to_bytes(self) -> bytes:
        return b"".join(self.chunks())

    def _all_records(self) -> Iterator[str]:
        yield from self.records
        if self.generator is not None:
            for index in range(self.generated):
                yield self.generator.render(index, self.generated_width)


def document_body(header: dict[str, Any], key: str, records: list[dict[str, Any]]) -> SizedBody:
    """Lay out `header` with `records` under `key`, appended as the document's last member."""
    text = _dumps({**header, key: _PLACEHOLDER})
    head, tail = text.split(f'"{_PLACEHOLDER}"', 1)
    return SizedBody(head, tuple(_dumps(r) for r in records), tail)


def padded(body: SizedBody, test: Test, seed_value: int, target_bytes: int, with_responses: bool) -> SizedBody:
    """Append generated candidates until the body reaches at least `target_bytes`."""
    if body.length >= target_bytes or not test.questions:
        return body
    generator = _RecordGenerator(test, seed_value, with_responses)
    width = len(generator.render_unpadded(0)) + _SLACK
    missing = target_bytes - body.length
    count = -(-missing // (width + 1))
    return SizedBody(body.head, body.records, body.tail, count, width, generator)


class _RecordGenerator:
    """Candidate records derived from (seed, test, index) alone, so any record can be rebuilt at any time."""

    def __init__(self, test: Test, seed_value: int, with_responses: bool) -> None:
        self._test = test
        self._seed = seed_value
        self._with_responses = with_responses
        rng = random.Random(f"{seed_value}:{test.test_id}:corpus")
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 2 * _ESSAY_CHARS:
            words.append(f"{rng.choice(CONNECTORS)} {rng.choice(TOPICS)}.")
        self._corpus = " ".join(words)

    def render_unpadded(self, index: int) -> str:
        rng = random.Random(f"{self._seed}:{self._test.test_id}:{index}")
        test = self._test
        user_id = 1_000_000_000 + index
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        user = User(user_id, f"g{user_id}", first, last, f"g{user_id}@uni.example.no",
                    [("FEIDE", f"g{user_id}@uni.example.no")], True)
        started = test.start + timedelta(minutes=rng.randint(0, 9))
        offset = rng.randrange(0, len(self._corpus) - _ESSAY_CHARS)
        essay = "<p>" + self._corpus[offset : offset + _ESSAY_CHARS] + "</p>"
        answers = []
        for question in test.questions:
            if question.automatic:
                choice = f"alt_{rng.randint(1, 4)}"
                answers.append(Answer(question, choice, choice, rng.choice((0.0, question.max_score)), None, 100))
            else:
                answers.append(Answer(question, essay, None, None, float(rng.randint(0, int(question.max_score))),
                                      1800))
        candidate = Candidate(user, str(100_000 + index), 2_000_000_000 + index, started=started,
                              ended=started + timedelta(minutes=60), answers=answers, grade=rng.choice("ABCDEF"),
                              grader_id=test.contributors[0].user.user_id if test.contributors else None)
        return _dumps(candidate_result(test, candidate, self._with_responses))

    def render(self, index: int, width: int) -> str:
        record = self.render_unpadded(index)
        if len(record) > width:
            raise RuntimeError(f"generated record {index} is {len(record)} bytes, wider than its slot of {width}")
        return record + " " * (width - len(record))  # whitespace between JSON values is insignificant
