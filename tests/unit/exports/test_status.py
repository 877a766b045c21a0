"""Status readings are tolerant of vendor surprises and never show a signature."""

from __future__ import annotations

import pytest
from inspera.exports.kinds import FILE, RESULTS
from inspera.exports.redact import redact_url
from inspera.exports.status import ExportState, map_state, parse_status


@pytest.mark.parametrize(
    ("vendor", "state"),
    [
        ("success", ExportState.SUCCEEDED),
        ("SUCCESS", ExportState.SUCCEEDED),
        ("failed", ExportState.FAILED),
        ("error", ExportState.FAILED),
        ("running", ExportState.RUNNING),
        ("in-progress", ExportState.RUNNING),
        (None, ExportState.RUNNING),
        ("thinking_hard", ExportState.UNKNOWN),
    ],
)
def test_state_mapping(vendor, state) -> None:
    assert map_state(vendor) is state


def test_parse_status_reads_paths_and_keeps_vendor_fields() -> None:
    payload = {
        "jobId": "1",
        "status": "success",
        "progress": 100,
        "exportInfo": {"signedResponseUrl": "https://s3/x.json?X-Amz-Signature=abc123"},
        "vendorExtra": {"a": 1},
    }
    status = parse_status(RESULTS, payload)
    assert status.done and not status.failed
    assert status.download_url == "https://s3/x.json?X-Amz-Signature=abc123"
    assert status.fields["vendorExtra"] == {"a": 1}
    assert "abc123" not in repr(status)
    assert "X-Amz-Signature=REDACTED" in repr(status)


@pytest.mark.parametrize(
    ("progress", "expected"),
    [(55, 55), ("40", 40), (150, 100), (-3, 0), (True, None), ("n/a", None), (float("nan"), None), (12.7, 12)],
)
def test_progress_is_clamped_or_dropped(progress, expected) -> None:
    assert parse_status(FILE, {"status": "running", "progress": progress}).progress == expected


def test_odd_shapes_do_not_crash() -> None:
    status = parse_status(FILE, {"status": 3, "exportInfo": "nope"})
    assert status.state is ExportState.UNKNOWN and status.vendor_state == "3"
    assert status.download_url is None
    assert parse_status(FILE, {}).state is ExportState.RUNNING


def test_redact_url_masks_every_query_value_and_userinfo() -> None:
    url = "https://user:pw@bucket.s3:8443/p/file.json?X-Amz-Expires=3600&X-Amz-Signature=deadbeef#frag"
    redacted = redact_url(url)
    assert redacted == "https://bucket.s3:8443/p/file.json?X-Amz-Expires=REDACTED&X-Amz-Signature=REDACTED"
    assert redact_url("http://[::1") == "<unparseable URL>"
