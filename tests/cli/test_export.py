"""`inspera export ...` against the simulator: downloads, timeouts with continuation tokens, resume, refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from inspera.exports import ExportJob
from inspera.testing import InsperaSimulator

from .conftest import Runner


def _orders(sim: InsperaSimulator, kind: str) -> int:
    return sum(1 for r in list(sim.stats.requests) if r.method == "GET" and re.search(rf"/v1/test/\d+/{kind}$", r.path))


def test_results_export_downloads_the_file(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    test_id = tenant.test_ids[0]
    target = tmp_path / "results.json"
    result = cli("export", "results", str(test_id), "-o", str(target))
    assert result.code == 0, result.err
    assert result.out.strip() == str(target)  # stdout: just the path, for scripts
    assert "ordered results export job" in result.err and "saved" in result.err
    document = json.loads(target.read_text())
    assert document["lineItemSourcedId"] == test_id
    assert len(document["ext_inspera_candidates"]) == len(tenant.user_ids(test_id))


def test_existing_output_is_refused_before_anything_is_ordered(cli: Runner, tenant: InsperaSimulator,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "results.json"
    target.write_text("keep me")
    refused = cli("export", "results", str(tenant.test_ids[0]), "-o", str(target))
    assert refused.code == 2 and "--overwrite" in refused.error_line
    assert target.read_text() == "keep me" and _orders(tenant, "results") == 0
    replaced = cli("--json", "export", "results", str(tenant.test_ids[0]), "-o", str(target), "--overwrite")
    assert replaced.code == 0 and replaced.json()["status"] == "done"
    assert replaced.json()["bytes"] == target.stat().st_size and "ext_inspera_candidates" in target.read_text()
    missing_dir = cli("export", "results", str(tenant.test_ids[0]), "-o", str(tmp_path / "no" / "x.json"))
    assert missing_dir.code == 2 and "does not exist" in missing_dir.error_line


@pytest.mark.parametrize("kind", ["submissions", "events"])
def test_other_test_exports(cli: Runner, tenant: InsperaSimulator, tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.json"
    result = cli("--json", "export", kind, str(tenant.test_ids[0]), "-o", str(target))
    assert result.code == 0, result.err
    assert result.json()["kind"] == kind and json.loads(target.read_text())


def test_candidate_submissions_export(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    test_id = tenant.test_ids[0]
    user_id = tenant.user_ids(test_id)[1]
    target = tmp_path / "one.json"
    assert cli("export", "candidate-submissions", str(test_id), str(user_id), "-o", str(target)).code == 0
    [candidate] = json.loads(target.read_text())["ext_inspera_candidates"]
    assert candidate["result"]["student"]["sourcedId"] == user_id
    missing_user = cli("export", "candidate-submissions", str(test_id), "-o", str(tmp_path / "x.json"))
    assert missing_user.code == 2 and "USER_ID" in missing_user.error_line


def test_file_export_with_parameters(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    target = tmp_path / "students.json"
    result = cli("export", "file", "AllUsers", "--param", "userType=student", "--expiry", "2h", "-o",
                 str(target))
    assert result.code == 0, result.err
    assert set(json.loads(target.read_text())) == {"students"}
    failed = cli("export", "file", "NoSuchResource", "-o", str(tmp_path / "none.json"))
    assert failed.code == 1 and "failed" in failed.error_line and not (tmp_path / "none.json").exists()
    malformed = cli("export", "file", "AllUsers", "-p", "userType", "-o", str(tmp_path / "x.json"))
    assert malformed.code == 2 and "NAME=VALUE" in malformed.error_line


def test_candidate_results_and_pdf_exports(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    test_id = tenant.test_ids[0]
    user_id = tenant.user_ids(test_id)[0]
    results = tmp_path / "results.json"
    done = cli("--json", "export", "candidate-results", str(test_id), str(user_id), "-o", str(results))
    assert done.code == 0, done.err
    assert done.json()["kind"] == "candidate_results"
    assert json.loads(results.read_text())["assessmentRunId"] == test_id
    pdf = tmp_path / "answers.pdf"
    answers = cli("export", "candidate-pdf", str(test_id), str(user_id), "--answers-only", "--expiry", "10m",
                  "-o", str(pdf))
    assert answers.code == 0, answers.err
    assert pdf.read_bytes().startswith(b"%PDF-") and b"Answer 1" in pdf.read_bytes()
    orders = [r for r in tenant.stats.requests if r.method == "POST" and "/candidates/pdf/" in r.path]
    assert len(orders) == 1  # the body (questionAnswerOptions, expiryPeriod) is checked by the facade's tests


@pytest.mark.parametrize(
    ("given", "seconds"),
    [("600", 600), ("600s", 600), ("45m", 2700), ("2h", 7200), ("1d", 86400), ("5min", 300), (" 1.5H ", 5400)],
)
def test_expiry_takes_units(given: str, seconds: int) -> None:
    from inspera.cli.export import parse_expiry

    assert parse_expiry(given) == seconds


def test_expiry_reaches_the_order(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    result = cli("export", "events", str(tenant.test_ids[0]), "--expiry", "45m", "-o", str(tmp_path / "e.json"))
    assert result.code == 0, result.err
    (order,) = [r for r in tenant.stats.requests if r.method == "GET" and r.path.endswith("/events")]
    assert order.query == "expiryPeriod=2700"


@pytest.mark.parametrize(
    ("given", "message"),
    [("24", "from 300s (5m) to 86400s (24h)"), ("25h", "from 300s"), ("4m", "from 300s"), ("1.5s", "whole number"),
     ("soon", "a duration such as"), ("3 weeks", "a duration such as")],
)
def test_expiry_outside_the_range_is_a_usage_error_before_anything_is_ordered(
    cli: Runner, tenant: InsperaSimulator, tmp_path: Path, given: str, message: str
) -> None:
    before = len(tenant.stats.requests)
    result = cli("export", "file", "AllUsers", "--expiry", given, "-o", str(tmp_path / "u.json"))
    assert result.code == 2 and message in result.error_line
    assert len(tenant.stats.requests) == before


def test_expiry_hours_is_gone(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    result = cli("export", "file", "AllUsers", "--expiry-hours", "2", "-o", str(tmp_path / "u.json"))
    assert result.code == 2


@pytest.mark.simulator(export_duration=2.0, candidates=3)
def test_timeout_prints_a_token_that_resume_completes(cli: Runner, tenant: InsperaSimulator,
                                                      tmp_path: Path) -> None:
    test_id = tenant.test_ids[0]
    target = tmp_path / "results.json"
    pending = cli("export", "results", str(test_id), "-o", str(target), "--timeout", "0")
    assert pending.code == 3 and not target.exists()
    token = pending.out.strip()
    assert json.loads(token)["kind"] == "results"  # stdout carries the token alone
    assert "--resume" in pending.error_line and "still running" in pending.error_line
    resumed = cli("export", "results", "-o", str(target), "--resume", token)
    assert resumed.code == 0, resumed.err
    assert "resuming results export job" in resumed.err and target.exists()
    assert _orders(tenant, "results") == 1  # resuming polled the same job instead of ordering another


@pytest.mark.simulator(export_duration=2.0, candidates=3)
def test_resume_from_a_file_or_stdin_and_json_timeout(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    test_id = str(tenant.test_ids[0])
    pending = cli("--json", "export", "submissions", test_id, "-o", str(tmp_path / "a.json"), "--timeout", "0")
    assert pending.code == 3
    report = pending.json()
    assert report["status"] == "pending" and report["kind"] == "submissions"
    token_file = tmp_path / "token"
    token_file.write_text(report["continuation_token"] + "\n")
    from_file = cli("export", "submissions", test_id, "-o", str(tmp_path / "a.json"), "--resume", str(token_file))
    assert from_file.code == 0, from_file.err
    from_stdin = cli("export", "submissions", "-o", str(tmp_path / "b.json"), "--resume", "-",
                     stdin=report["continuation_token"].encode())
    assert from_stdin.code == 0, from_stdin.err
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_resume_refuses_tokens_that_do_not_fit(cli: Runner, tenant: InsperaSimulator, tmp_path: Path) -> None:
    test_id = tenant.test_ids[0]
    token = json.dumps({"v": 1, "kind": "results", "job": "abc123", "params": {"test_id": test_id}})
    out = str(tmp_path / "x.json")
    wrong_kind = cli("export", "events", "-o", out, "--resume", token)
    assert wrong_kind.code == 2 and "inspera export results --resume" in wrong_kind.error_line
    wrong_test = cli("export", "results", str(test_id + 1), "-o", out, "--resume", token)
    assert wrong_test.code == 2 and f"test {test_id}" in wrong_test.error_line
    garbled = cli("export", "results", "-o", out, "--resume", '{"v": 1}')
    assert garbled.code == 2 and "invalid export continuation token" in garbled.error_line
    unreadable = cli("export", "results", "-o", out, "--resume", str(tmp_path / "no-token"))
    assert unreadable.code == 2 and "cannot read the token file" in unreadable.error_line
    with_order_arguments = cli("export", "file", "AllUsers", "-o", out, "--resume", token)
    assert with_order_arguments.code == 2
    with_expiry = cli("export", "results", "-o", out, "--resume", token, "--expiry", "1h")
    assert with_expiry.code == 2 and "drop --expiry" in with_expiry.error_line
    neither = cli("export", "results", "-o", out)
    assert neither.code == 2 and "TEST_ID" in neither.error_line


def test_ctrl_c_while_waiting_prints_the_token(cli: Runner, tenant: InsperaSimulator, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: ExportJob, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ExportJob, "wait", interrupted)
    result = cli("export", "results", str(tenant.test_ids[0]), "-o", str(tmp_path / "r.json"))
    assert result.code == 130
    assert json.loads(result.out)["kind"] == "results" and "interrupted" in result.error_line
