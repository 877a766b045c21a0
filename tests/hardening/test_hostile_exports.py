"""Export jobs against a broken server and storage host: typed errors only, nothing left on disk, no secret shown.

Every case runs for `Inspera` and `AsyncInspera`. A refused download leaves no file or temporary file and never
touches the file already at the target; a file of the wrong shape is an ExportFormatError, not zero records.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from inspera.errors import UnexpectedResponseError
from inspera.exports import ExportDownloadError, ExportFormatError, ExportTimeout

from tests.hardening.hostile import (
    RECORDS,
    SIGNATURE,
    SUBMISSIONS,
    TOKEN,
    HostileServer,
    Request,
    Side,
    Wire,
    deep,
    endless,
    gzip_bomb,
)

pytestmark = pytest.mark.timeout(60)

STATUS = r"^/api/v1/test/\d+/submissions/[^/]+$"
ORDER = r"^/api/v1/test/\d+/submissions$"
SIGNED = r"^/signed/"
BEFORE = b"the file that was here before\n"
Handler = Callable[[Request, Wire], None]


def answer(status: int, body: bytes = b"", **options: Any) -> Handler:
    return lambda _request, wire: wire.answer(status, body, **options)


def job_of(client: Side) -> tuple[Any, Any]:
    exports = client.exports()
    return exports, client.run(exports.submissions(1))


def only_the_old_file(folder: Path, target: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [target.name]
    assert target.read_bytes() == BEFORE


# (case, route pattern, handler, download() options, what the error says)
DOWNLOAD_REFUSALS: list[tuple[str, str, Handler, dict[str, Any], str]] = [
    ("a gzip bomb", SIGNED, answer(200, gzip_bomb(256 << 20), headers={"Content-Encoding": "gzip"}), {},
     "expands more than 200 times"),
    ("a size announced over max_bytes", SIGNED, answer(200, b" " * 100, length=10**12), {"max_bytes": 1000},
     "over the limit of max_bytes=1000"),
    ("an endless body over max_bytes", SIGNED, lambda _r, w: w.chunked(200, endless()), {"max_bytes": 1 << 20},
     "larger than the limit of max_bytes=1048576"),
    ("a redirect loop", SIGNED, lambda _r, w: w.answer(302, headers={"Location": "/signed/again?sig=0123456789ab"}),
     {}, "redirected more than 5 times"),
    ("a redirect to plain http elsewhere", SIGNED,
     answer(302, headers={"Location": "http://files.example.com/f.json?sig=0123456789ab"}), {},
     "refusing to fetch the export over plain http from files.example.com"),
    ("a redirect to another scheme", SIGNED, answer(302, headers={"Location": "ftp://files.example.com/f.json"}),
     {}, "only https"),
    ("404 from the storage host", SIGNED, answer(404, b"<Error>NoSuchKey</Error>"), {}, "HTTP 404"),
]


@pytest.mark.parametrize(("case", "pattern", "handler", "options", "says"), DOWNLOAD_REFUSALS,
                         ids=[c[0] for c in DOWNLOAD_REFUSALS])
def test_a_refused_download_is_typed_and_leaves_the_target_alone(
    side: Callable[..., Side],
    server: HostileServer,
    tmp_path: Path,
    case: str,
    pattern: str,
    handler: Handler,
    options: dict[str, Any],
    says: str,
) -> None:
    server.route("GET", pattern, handler)
    target = tmp_path / "export.json"
    target.write_bytes(BEFORE)
    client = side()
    _, job = job_of(client)
    with pytest.raises(ExportDownloadError) as caught:
        client.run(job.download(target, overwrite=True, **options))
    assert says in str(caught.value), str(caught.value)
    only_the_old_file(tmp_path, target)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://files.example.com/f.json?X-Amz-Signature=0123456789ab", "plain http from files.example.com"),
        ("https://files.example.com:99999/f.json", "Port out of range"),
        ("https://files.example.com/f\x00.json", "non-printable"),
        ("https://files.example.com/" + "a" * 70_000, "URL too long"),
        ("file:///etc/passwd", "only https"),
    ],
)
def test_a_signed_url_that_must_not_or_cannot_be_fetched_is_refused_before_connecting(
    side: Callable[..., Side], server: HostileServer, tmp_path: Path, url: str, says: str
) -> None:
    server.route("GET", STATUS, server.finished(url))
    client = side()
    _, job = job_of(client)
    connections = server.connections
    with pytest.raises(ExportDownloadError) as caught:
        client.run(job.download(tmp_path / "f.json"))
    assert says in str(caught.value) and len(str(caught.value)) < 1000
    assert server.connections == connections and list(tmp_path.iterdir()) == []


def test_allow_insecure_downloads_lets_plain_http_through(side: Callable[..., Side]) -> None:
    from inspera.exports import jobs

    client = side(allow_insecure_downloads=True)
    exports, job = job_of(client)
    assert client.client.allow_insecure_downloads is True
    hops = jobs.hops(job._core, "http://files.example.com/f.json", exports._backend)
    assert hops.refusal() is None
    strict = side()
    strict_exports, strict_job = job_of(strict)
    assert jobs.hops(strict_job._core, "http://files.example.com/f.json", strict_exports._backend).refusal()


def test_a_body_longer_than_its_content_length_cannot_answer_the_next_request(
    side: Callable[..., Side], server: HostileServer
) -> None:
    """A storage host that sends a second, forged answer after the file would otherwise have it read as the answer
    to the next request on the pooled connection; signed URLs are fetched on connections that are not reused."""
    forged = json.dumps({"ext_inspera_candidates": [{"forged": True}]}).encode()

    def poisoning(_request: Request, wire: Wire) -> None:
        wire.answer(200, SUBMISSIONS)
        time.sleep(0.3)
        wire.send(wire.head(200, {"Content-Length": str(len(forged)), "Content-Type": "application/json"}) + forged)

    server.route("GET", SIGNED, poisoning)
    client = side()
    _, job = job_of(client)
    assert client.records(job) == RECORDS
    assert client.records(job) == RECORDS
    signed = [r for r in server.requests if r.path.startswith("/signed/")]
    assert len(signed) == 2 and all(r.headers.get("connection") == "close" for r in signed)


def test_a_download_that_breaks_its_gzip_is_retried_then_typed(
    side: Callable[..., Side], server: HostileServer, tmp_path: Path
) -> None:
    server.route("GET", SIGNED, answer(200, b"this is not gzip data", headers={"Content-Encoding": "gzip"}))
    client = side()
    _, job = job_of(client)
    with pytest.raises(ExportDownloadError, match="after 4 attempts"):
        client.run(job.download(tmp_path / "f.json"))
    assert list(tmp_path.iterdir()) == []


# (case, file, iter_candidates() options, what the error says)
SHAPES: list[tuple[str, bytes, dict[str, Any], str]] = [
    ("60 kB of nested arrays", b'{"ext_inspera_candidates": [' + b"[" * 60_000, {}, "more than 256 levels"),
    ("nested objects", b'{"ext_inspera_candidates": [' + b'{"a":' * 60_000, {}, "more than 256 levels"),
    ("nesting beyond a lower max_depth", b'{"ext_inspera_candidates": [' + deep(20) + b"]}", {"max_depth": 10},
     "more than 10 levels"),
    ("no candidate array", b'{"candidates": [{"result": {}}]}', {}, "no 'ext_inspera_candidates' array"),
    ("null instead of the array", b'{"ext_inspera_candidates": null}', {}, "is null, not the array"),
    ("an object instead of the array", b'{"ext_inspera_candidates": {"0": {}}}', {}, "is an object, not the array"),
    ("a string instead of the array", b'{"ext_inspera_candidates": "[]"}', {}, "is a string, not the array"),
    ("a top-level array", b'[{"result": {}}]', {}, "no 'ext_inspera_candidates' array"),
    ("an integer beyond 64 bits", b'{"ext_inspera_candidates": [{"n": 123456789012345678901234567890}]}', {},
     "integer overflow"),
    ("not JSON", b"<html>AccessDenied</html>", {}, "not valid JSON"),
]


@pytest.mark.parametrize(("case", "body", "options", "says"), SHAPES, ids=[c[0] for c in SHAPES])
def test_a_file_of_the_wrong_shape_is_a_format_error_not_zero_records(
    side: Callable[..., Side], server: HostileServer, case: str, body: bytes, options: dict[str, Any], says: str
) -> None:
    server.route("GET", SIGNED, answer(200, body))
    client = side()
    _, job = job_of(client)
    with pytest.raises(ExportFormatError) as caught:
        client.records(job, **options)
    assert says in str(caught.value), str(caught.value)


def test_an_empty_candidate_array_is_zero_records(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("GET", SIGNED, answer(200, b'{"lineItemSourcedId": 1, "ext_inspera_candidates": []}'))
    client = side()
    _, job = job_of(client)
    assert client.records(job) == []


def test_a_record_larger_than_max_record_bytes_is_refused_as_it_grows(
    side: Callable[..., Side], server: HostileServer
) -> None:
    pieces = [b'{"ext_inspera_candidates": [{"result": {"answer": "'] + [b"x" * 65536] * 400
    server.route("GET", SIGNED, lambda _r, w: w.chunked(200, pieces))
    client = side()
    _, job = job_of(client)
    with pytest.raises(ExportFormatError, match="max_record_bytes=1048576"):
        client.records(job, max_record_bytes=1 << 20)


@pytest.mark.parametrize(
    ("body", "options", "error", "says"),
    [
        (b"[" * 60_000, {}, ExportFormatError, "more than 256 levels"),
        (deep(50), {"max_depth": 40}, ExportFormatError, "more than 40 levels"),
        (b'{"a": 1} trailing', {}, ExportFormatError, "not valid JSON"),
        (b" " * 300_000, {"max_bytes": 100_000}, ExportDownloadError, "max_bytes=100000"),
    ],
)
def test_json_refuses_deep_broken_or_large_files(
    side: Callable[..., Side],
    server: HostileServer,
    body: bytes,
    options: dict[str, Any],
    error: type[Exception],
    says: str,
) -> None:
    server.route("GET", SIGNED, answer(200, body))
    client = side()
    _, job = job_of(client)
    with pytest.raises(error, match=says):
        client.run(job.json(**options))
    with pytest.raises(error, match=says):
        client.run(job.document(**options))


def test_status_payloads_the_model_cannot_hold_are_read_tolerantly(
    side: Callable[..., Side], server: HostileServer
) -> None:
    huge = b"1" + b"0" * 400
    server.route("GET", STATUS, answer(200, b'{"jobId": "job-1", "status": {"nested": [1]}, "progress": ' + huge
                                       + b', "exportInfo": {"signedResponseUrl": 42}}'))
    client = side()
    _, job = job_of(client)
    status = client.run(job.status())
    assert status.state.value == "unknown" and status.progress is None and status.download_url is None
    server.route("GET", ORDER, answer(200, b'{"jobId": ' + b"9" * 5000 + b"}"))
    with pytest.raises(UnexpectedResponseError):
        client.run(client.exports().submissions(1))


def test_echoed_secrets_in_a_status_stay_out_of_messages_and_logs(
    side: Callable[..., Side], server: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = server.signed_url()
    state = f"stuck with {TOKEN} at {url}"
    payload = {"jobId": "job-1", "status": state, "exportInfo": {"signedResponseUrl": url}}
    server.route("GET", STATUS, answer(200, json.dumps(payload).encode()))
    client = side()
    _, job = job_of(client)
    with pytest.raises(ExportTimeout) as caught:
        client.run(job.wait(timeout=0.3))
    texts = [str(caught.value), repr(caught.value), repr(job.last_status), repr(job)]
    texts += [record.getMessage() for record in caplog.records]
    assert "stuck with REDACTED" in str(caught.value)
    assert not [text for text in texts if TOKEN in text or SIGNATURE in text]
