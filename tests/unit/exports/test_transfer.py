"""Response classification, length checks and the sinks (memory limit, streaming candidates, restart skips)."""

from __future__ import annotations

import json

import pytest
from inspera.exports.errors import ExportDownloadError, ExportFormatError
from inspera.exports.transfer import (
    CandidateSink,
    MemorySink,
    Outcome,
    check_complete,
    classify_status,
    expected_length,
)


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (200, Outcome.OK),
        (206, Outcome.OK),
        (403, Outcome.EXPIRED),
        (401, Outcome.EXPIRED),
        (503, Outcome.RETRYABLE),
        (429, Outcome.RETRYABLE),
        (404, Outcome.FATAL),
        (400, Outcome.FATAL),
    ],
)
def test_classify(code: int, outcome: Outcome) -> None:
    assert classify_status(code) is outcome


def test_length_checks() -> None:
    assert expected_length({"content-length": "12"}) == 12
    assert expected_length({"content-length": "-1"}) is None
    assert expected_length({"content-length": "x"}) is None
    assert expected_length({}) is None
    assert check_complete(12, 12).outcome is Outcome.OK
    assert check_complete(None, 3).outcome is Outcome.OK
    short = check_complete(12, 6)
    assert short.outcome is Outcome.DROPPED and "6 of 12" in short.detail


def test_memory_sink_limit_and_parse() -> None:
    sink = MemorySink(limit=10)
    sink.write(b'{"a":')
    sink.begin()
    sink.write(b'{"a": 1}')
    assert sink.parse() == {"a": 1}
    with pytest.raises(ExportDownloadError, match="limit"):
        sink.write(b"x" * 10)
    bad = MemorySink(limit=100)
    with pytest.raises(ExportFormatError):  # refused as it arrives, not only at the end
        bad.write(b"{nope")
    cut = MemorySink(limit=100)
    cut.write(b'{"a": [1, 2')
    with pytest.raises(ExportFormatError):
        cut.parse()


DOC = json.dumps({"lineItemSourcedId": 1, "ext_inspera_candidates": [{"result": {"n": i}} for i in range(6)]}).encode()


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 7, 64, 10_000])
def test_candidate_sink_yields_records_incrementally(size: int) -> None:
    sink = CandidateSink("ext_inspera_candidates.item")
    records = []
    for piece in chunks(DOC, size):
        sink.write(piece)
        records.extend(sink.take())
    sink.finish()
    records.extend(sink.take())
    assert records == [{"result": {"n": i}} for i in range(6)]


def test_candidate_sink_restart_skips_records_already_delivered() -> None:
    sink = CandidateSink("ext_inspera_candidates.item")
    delivered = []
    for piece in chunks(DOC[: len(DOC) * 2 // 3], 16):  # connection drops two thirds in
        sink.write(piece)
        delivered.extend(sink.take())
    assert 0 < len(delivered) < 6
    sink.begin()
    for piece in chunks(DOC, 16):
        sink.write(piece)
        delivered.extend(sink.take())
    sink.finish()
    delivered.extend(sink.take())
    assert delivered == [{"result": {"n": i}} for i in range(6)]


@pytest.mark.parametrize("doc", [b'{"ext_inspera_candidates": [{"a": }]}', b'{"ext_inspera_candidates": [{"a": 1}'])
def test_candidate_sink_rejects_broken_json(doc: bytes) -> None:
    sink = CandidateSink("ext_inspera_candidates.item")
    with pytest.raises(ExportFormatError):
        sink.write(doc)
        sink.finish()
