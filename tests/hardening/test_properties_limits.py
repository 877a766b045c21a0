"""Property tests on the nesting and size limits (hypothesis, derandomised and bounded; a few seconds in total).

- nesting: a document is refused (ExportFormatError) exactly when it nests deeper than `max_depth`, however it is
  chunked, and otherwise parses to what `json.loads` gives;
- shape: for any document, iter_candidates() yields exactly the candidate array's elements, or raises
  ExportFormatError when there is no such array — never zero records for a file of the wrong shape;
- sizes: an answer is refused exactly when its decoded size passes the cap (API answers, downloads, json()),
  announced sizes over the cap are refused before reading, compression beyond the ratio is refused;
- Retry-After, redaction and scrubbing: any input gives a capped pause, no masked value shows, no secret survives;
- parse_event: any body is a WebhookPayload or a WebhookError.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from inspera._http.capped import ResponseTooLarge, read
from inspera._http.redact import HARMLESS_PARAMS, redact_text, redact_url, scrub
from inspera._http.retry import MAX_RETRY_AFTER, honoured_retry_after
from inspera.exports.errors import ExportDownloadError, ExportFormatError
from inspera.exports.stream import JsonStream
from inspera.exports.transfer import CandidateSink, Limits, MemorySink, Refused, Transfer
from inspera.webhooks import WebhookError, parse_event

from tests.hardening.bounded import bounded

# JSON values the C parser and json.loads agree on: 64-bit integers (yajl refuses -2**63), finite floats, any text.
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=64), st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


def nested(depth: int, kinds: list[bool]) -> Any:
    """A value `depth` containers deep; kinds[i] chooses an array (True) or an object (False) at level i."""
    value: Any = 1
    for level in range(depth):
        value = [value] if kinds[level % len(kinds)] else {"k": value}
    return value


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)] or [b""]


@bounded(120)
@given(depth=st.integers(min_value=0, max_value=400), limit=st.integers(min_value=1, max_value=300),
       kinds=st.lists(st.booleans(), min_size=1, max_size=5), size=st.integers(min_value=1, max_value=300))
def test_candidates_are_refused_exactly_when_nested_deeper_than_the_limit(
    depth: int, limit: int, kinds: list[bool], size: int
) -> None:
    record = nested(depth, kinds)
    document = json.dumps({"ext_inspera_candidates": [record]}).encode()
    sink = CandidateSink("ext_inspera_candidates.item", max_depth=limit)
    records: list[Any] = []
    try:
        for piece in pieces(document, size):
            sink.write(piece)
            records.extend(sink.take())
        sink.finish()
        records.extend(sink.take())
    except ExportFormatError as error:
        assert 2 + depth > limit and f"more than {limit} levels" in str(error)
    else:
        assert 2 + depth <= limit and records == [record]


@bounded(80)
@given(depth=st.integers(min_value=0, max_value=400), limit=st.integers(min_value=1, max_value=300),
       kinds=st.lists(st.booleans(), min_size=1, max_size=5), size=st.integers(min_value=1, max_value=300))
def test_json_is_refused_exactly_when_nested_deeper_than_the_limit(
    depth: int, limit: int, kinds: list[bool], size: int
) -> None:
    value = nested(depth, kinds)
    sink = MemorySink(1 << 20, max_depth=limit)
    try:
        for piece in pieces(json.dumps(value).encode(), size):
            sink.write(piece)
        parsed = sink.parse()
    except ExportFormatError:
        assert depth > limit
    else:
        assert depth <= limit and parsed == value


@bounded(80)
@given(document=st.one_of(VALUES, st.dictionaries(st.sampled_from(["ext_inspera_candidates", "x", "candidates"]),
                                                 VALUES, max_size=3)),
       size=st.integers(min_value=4, max_value=64))
def test_candidates_are_the_arrays_elements_or_a_format_error_never_silently_nothing(document: Any, size: int) -> None:
    sink = CandidateSink("ext_inspera_candidates.item", max_depth=64)
    records: list[Any] = []
    expected = document.get("ext_inspera_candidates") if isinstance(document, dict) else None
    try:
        for piece in pieces(json.dumps(document).encode(), size):
            sink.write(piece)
            records.extend(sink.take())
        sink.finish()
        records.extend(sink.take())
    except ExportFormatError:
        assert not isinstance(expected, list)
    else:
        assert isinstance(expected, list) and records == expected


@bounded(100)
@given(text=st.text(max_size=3000), size=st.integers(min_value=1, max_value=512))
def test_any_bytes_end_in_records_or_a_format_error(text: str, size: int) -> None:
    stream = JsonStream("ext_inspera_candidates.item", max_depth=32)
    try:
        for piece in pieces(text.encode("utf-8", "surrogatepass"), size):
            stream.feed(piece)
        stream.finish()
    except ExportFormatError:
        return
    assert isinstance(stream.take(), list)


def response(chunks: list[bytes], headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(200, headers=headers or {}, content=iter(chunks))


REQUEST = httpx.Request("GET", "https://acme.inspera.no/api/v1/test/1")


@bounded(150)
@given(sizes=st.lists(st.integers(min_value=0, max_value=5000), max_size=12),
       limit=st.integers(min_value=1, max_value=40_000), declared=st.booleans())
def test_an_api_answer_is_refused_exactly_when_its_body_passes_the_cap(
    sizes: list[int], limit: int, declared: bool
) -> None:
    chunks = [b"x" * size for size in sizes]
    total = sum(sizes)
    headers = {"Content-Length": str(total)} if declared else {}
    answer = response(chunks, headers)
    try:
        read(REQUEST, answer, limit, None)
    except ResponseTooLarge as error:
        assert total > limit and error.limit == limit and error.status == 200
    else:
        assert total <= limit and answer.content == b"".join(chunks)


@bounded(60)
@given(data=st.binary(max_size=20_000) | st.integers(min_value=0, max_value=200_000).map(bytes),
       limit=st.integers(min_value=1, max_value=100_000))
def test_the_cap_counts_decoded_bytes_of_a_compressed_answer(data: bytes, limit: int) -> None:
    body = gzip.compress(data)
    answer = response(pieces(body, 997), {"Content-Encoding": "gzip", "Content-Length": str(len(body))})
    try:
        read(REQUEST, answer, limit, None)
    except ResponseTooLarge:
        assert len(data) > limit
    else:
        assert len(data) <= limit and answer.content == data


def test_a_larger_announced_size_is_refused_at_the_second_chunk() -> None:
    chunks = [b"x" * 10, b"x" * 10] + [b"never read"] * 1000
    read_so_far: list[bytes] = []

    def counted() -> Any:
        for chunk in chunks:
            read_so_far.append(chunk)
            yield chunk

    answer = httpx.Response(200, headers={"Content-Length": str(10**12)}, content=counted())
    with pytest.raises(ResponseTooLarge, match="announces 1000000000000 bytes"):
        read(REQUEST, answer, 1000, None)
    assert len(read_so_far) == 2


class _Collect:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def begin(self) -> None:
        self.parts = []

    def write(self, chunk: bytes) -> None:
        self.parts.append(chunk)


@bounded(150)
@given(sizes=st.lists(st.integers(min_value=0, max_value=4000), max_size=12),
       limit=st.integers(min_value=1, max_value=30_000) | st.none(), announce=st.booleans())
def test_a_download_is_refused_exactly_when_it_passes_max_bytes_and_never_writes_past_it(
    sizes: list[int], limit: int | None, announce: bool
) -> None:
    total = sum(sizes)
    sink = _Collect()
    transfer = Transfer(sink, None, Limits(max_bytes=limit))
    headers = {"content-length": str(total)} if announce else {}
    started = transfer.start(200, headers)
    if started is not None:
        assert announce and limit is not None and total > limit and "over the limit" in started.detail
        assert sink.parts == []
        return
    raw = 0
    try:
        for size in sizes:
            raw += size
            transfer.chunk(b"x" * size, raw)
    except Refused as refusal:
        assert limit is not None and total > limit and "max_bytes" in refusal.detail
    else:
        assert limit is None or total <= limit
    assert limit is None or sum(map(len, sink.parts)) <= limit


@bounded(150)
@given(steps=st.lists(st.tuples(st.integers(min_value=0, max_value=3 << 20), st.integers(min_value=1, max_value=4096)),
                      max_size=8),
       ratio=st.floats(min_value=1, max_value=1000))
def test_a_compressed_download_is_refused_exactly_when_it_expands_beyond_the_ratio(
    steps: list[tuple[int, int]], ratio: float
) -> None:
    transfer = Transfer(_Collect(), None, Limits(max_ratio=ratio))
    transfer.start(200, {"content-encoding": "gzip"})
    decoded = raw = 0
    for grown, wire in steps:
        decoded += grown
        raw += wire
        bomb = decoded > (1 << 20) and decoded > ratio * raw
        try:
            transfer.chunk(b"\0" * grown, raw)
        except Refused:
            assert bomb
            return
        assert not bomb


@bounded(200)
@given(value=st.text(max_size=60) | st.floats(allow_nan=True).map(str) | st.integers().map(str))
def test_any_retry_after_is_none_or_a_pause_within_the_cap(value: str) -> None:
    seconds = honoured_retry_after(value)
    assert seconds is None or 0 <= seconds <= MAX_RETRY_AFTER


SECRET = st.text("0123456789abcdef", min_size=12, max_size=40)
NAMES = st.text("abcdefghijklmnopqrstuvwxyz-_ABCXYZ", min_size=1, max_size=16)


@bounded(150)
@given(params=st.lists(st.tuples(NAMES, SECRET), min_size=1, max_size=6), host=st.sampled_from(
    ["bucket.s3.amazonaws.com", "storage.googleapis.com", "acct.blob.core.windows.net", "cdn.example"]))
def test_no_query_value_of_a_name_not_known_harmless_survives_redaction(
    params: list[tuple[str, str]], host: str
) -> None:
    query = "&".join(f"{name}={value}" for name, value in params)
    url = f"https://{host}/file.json?{query}"
    cleaned = redact_url(url)
    in_text = redact_text(f"fetch {url} -> 403 (b'Location', b'/retry?{query}')")
    for name, value in params:
        if name.lower() not in HARMLESS_PARAMS:
            assert value not in cleaned and value not in in_text


@bounded(150)
@given(before=st.text(max_size=60), after=st.text(max_size=60), secret=SECRET)
def test_scrub_removes_every_copy_of_a_secret(before: str, after: str, secret: str) -> None:
    assume(secret not in "REDACTED")
    from urllib.parse import quote

    text = f"{before}{secret}{after}{quote(secret)}{secret}"
    assert secret not in scrub(text, [secret])


@bounded(150)
@given(body=st.one_of(
    st.binary(max_size=300),
    VALUES.map(lambda v: json.dumps(v).encode()),
    st.integers(min_value=1, max_value=5000).map(lambda d: b"[" * d + b"]" * d),
    st.integers(min_value=1, max_value=5000).map(lambda d: b'{"event": "e", "x": ' + b"[" * d + b"]" * d + b"}"),
    st.integers(min_value=300, max_value=6000).map(lambda n: b'{"event": "e", "timestamp": ' + b"9" * n + b"}"),
    st.fixed_dictionaries({
        "event": st.text(min_size=1, max_size=10), "marketplaceId": VALUES, "contextObjectId": VALUES,
        "contextObjectType": VALUES, "timestamp": VALUES,
    }).map(lambda v: json.dumps(v).encode()),
))
def test_parse_event_gives_a_payload_or_a_webhook_error(body: bytes) -> None:
    from inspera_api.models.webhook_payload import WebhookPayload

    try:
        event = parse_event(body)
    except WebhookError:
        return
    assert isinstance(event, WebhookPayload)


def test_parse_event_refuses_a_body_over_max_bytes() -> None:
    with pytest.raises(WebhookError, match="max_bytes=100"):
        parse_event(b" " * 101, max_bytes=100)


def test_memory_sink_refuses_past_its_limit_as_bytes_arrive() -> None:
    sink = MemorySink(100)
    sink.write(b'["' + b"x" * 90)
    with pytest.raises(ExportDownloadError, match="limit of 100 bytes"):
        sink.write(b"x" * 20)
