"""`inspera auth|tests|users|endpoints` against the simulator, credentials handling, output modes and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from inspera.testing import InsperaSimulator

from .conftest import Runner


def test_auth_check_reports_the_lifetime_never_the_token(cli: Runner, tenant: InsperaSimulator) -> None:
    human = cli("auth", "check")
    assert human.code == 0, human.err
    assert "valid for 3600 s" in human.out and tenant.base_url in human.out
    report = cli("--json", "auth", "check").json()
    assert report["ok"] is True and report["client_id"] == tenant.client_id
    assert report["expires_in"] == 3600 and report["expires_at"] > report["refresh_at"]
    assert not {"token", "access_token"} & set(report)
    assert tenant.stats.token_exchanges == 2  # `auth check` always exchanges, even with a token at hand


def test_bad_key_is_one_line_and_exit_1(cli: Runner, tenant: InsperaSimulator,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPERA_API_KEY", "not-the-right-key")
    result = cli("auth", "check")
    assert result.code == 1 and result.out == ""
    assert "HTTP 401" in result.error_line and "not-the-right-key" not in result.err


def test_key_from_a_file(cli: Runner, tenant: InsperaSimulator, monkeypatch: pytest.MonkeyPatch,
                         tmp_path: Path) -> None:
    monkeypatch.delenv("INSPERA_API_KEY")
    key_file = tmp_path / "key"
    key_file.write_text(tenant.api_key + "\n")
    assert cli("--api-key-file", str(key_file), "auth", "check").code == 0
    monkeypatch.setenv("INSPERA_API_KEY_FILE", str(key_file))
    assert cli("auth", "check").code == 0


@pytest.mark.parametrize(("content", "message"), [(None, "cannot read the API key file"), ("  \n", "is empty")])
def test_unusable_key_file_is_a_usage_error(cli: Runner, tenant: InsperaSimulator, tmp_path: Path,
                                            content: str | None, message: str) -> None:
    key_file = tmp_path / "key"
    if content is not None:
        key_file.write_text(content)
    result = cli("--api-key-file", str(key_file), "auth", "check")
    assert result.code == 2 and message in result.error_line
    assert tenant.stats.token_exchanges == 0


def test_missing_credentials_and_unsafe_base_url_are_usage_errors(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no client id" in cli("tests", "search").error_line
    monkeypatch.setenv("INSPERA_CLIENT_ID", "uni")
    missing_key = cli("tests", "search")
    assert missing_key.code == 2 and "no API key" in missing_key.error_line
    monkeypatch.setenv("INSPERA_API_KEY", "k" * 20)
    plain_http = cli("--base-url", "http://inspera.example/api", "tests", "search")
    assert plain_http.code == 2 and "plain http://" in plain_http.error_line


def test_tests_search_and_get(cli: Runner, tenant: InsperaSimulator) -> None:
    test_id = tenant.test_ids[0]
    everything = cli("--json", "tests", "search").json()
    assert [hit["assessmentRunId"] for hit in everything] == tenant.test_ids
    title = everything[0]["assessmentRunTitle"]
    by_title = cli("tests", "search", "--title", title.split()[0], "--json")  # --json may follow the command
    assert [hit["assessmentRunId"] for hit in by_title.json()] == [test_id]
    by_external = cli("--json", "tests", "search", "--external-id", everything[0]["externalId"]).json()
    assert [hit["assessmentRunId"] for hit in by_external] == [test_id]
    assert cli("--json", "tests", "search", "--query", "no such words").json() == []
    empty = cli("tests", "search", "--query", "no such words")
    assert empty.code == 0 and empty.out == "" and "no tests" in empty.err
    table = cli("tests", "search")
    assert table.code == 0 and all(str(t) in table.out for t in tenant.test_ids) and title in table.out
    shown = cli("tests", "get", str(test_id))
    assert shown.code == 0 and title in shown.out and "Committee 1" in shown.out
    assert cli("--json", "tests", "get", str(test_id)).json()["assessmentRunId"] == test_id


def test_api_errors_are_one_line_with_exit_1(cli: Runner, tenant: InsperaSimulator) -> None:
    result = cli("tests", "get", "1")
    assert result.code == 1
    assert result.error_line == "error: GET /v1/test/{testId} failed with HTTP 404: Not found: no test 1"


def test_debug_adds_request_log_and_traceback(cli: Runner, tenant: InsperaSimulator) -> None:
    result = cli("tests", "get", "1", "--debug")
    assert result.code == 1
    assert "Traceback" in result.err and "HTTP GET" in result.err
    assert result.err.rstrip().splitlines()[-1].startswith("error: GET /v1/test/{testId} failed")


def test_users_get_and_find(cli: Runner, tenant: InsperaSimulator) -> None:
    user_id = tenant.user_ids(tenant.test_ids[0])[0]
    user = cli("--json", "users", "get", str(user_id)).json()
    assert user["userId"] == user_id
    human = cli("users", "get", str(user_id))
    assert human.code == 0 and user["username"] in human.out and user["lastName"] in human.out
    external = user["externalIds"][0]
    found = cli("--json", "users", "find", external["authType"], external["externalId"], "--include-student").json()
    assert [u["userId"] for u in found] == [user_id]
    assert cli("users", "find", external["authType"], external["externalId"]).code == 1  # students left out
    assert cli("users", "find", "FEIDE", "nobody@example.org", "--include-student").code == 1
    assert cli("users", "get", "1").code == 1


def test_endpoints_lists_every_operation_with_its_facade_method(cli: Runner) -> None:
    rows = cli("--json", "endpoints").json()
    by_key = {f"{row['method']} {row['path']}": row for row in rows}
    assert len(by_key) == len(rows) >= 30
    assert by_key["GET /v1/test/{testId}"]["function"] == "inspera_api.api.tests.get_test"
    assert "Inspera.tests.get" in by_key["GET /v1/test/{testId}"]["facade"]
    human = cli("endpoints")
    assert human.code == 0 and "tests.get_test" in human.out and f"{len(rows)} operations" in human.out


def test_usage_errors(cli: Runner) -> None:
    bad_id = cli("tests", "get", "abc")
    assert bad_id.code == 2 and "inspera tests get --help" in bad_id.error_line
    missing = cli("tests", "get")
    assert missing.code == 2 and "TEST_ID" in missing.error_line
    assert cli("--no-such-option").code == 2
    bare = cli()
    assert bare.code == 2 and "Usage" in bare.out + bare.err
    assert cli("--help").code == 0


def test_importing_the_cli_loads_nothing_heavy() -> None:
    code = "import sys, inspera.cli; print(sorted({'typer', 'rich', 'httpx', 'inspera_api'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
