"""The suite-wide secret guard (tests/support/secret_guard.py) is on for every test and fails the ones that leak."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from inspera.errors import InsperaError
from inspera.testing import InsperaSimulator

from tests.support.secret_guard import SecretGuard

ROOT = Path(__file__).resolve().parents[2]
TAGS = ("failure", "error", "skipped")

# Run in a child pytest with only the guard plugin: each test's outcome shows what the guard did.
LEAKY_SUITE = '''
import logging

import httpx
import pytest
from inspera.errors import InsperaError
from inspera.testing import InsperaSimulator


@pytest.fixture(scope="module")
def shared():
    with InsperaSimulator(tests=1, candidates=1, export_duration=0) as sim:
        yield sim


def token_of(sim):
    answer = httpx.post(f"{sim.base_url}/authenticate/token/", headers={"code": sim.api_key},
                        params={"grant_type": "authorization_code", "client_id": sim.client_id})
    return answer.json()["access_token"]


def test_key_in_a_debug_record(shared):
    logging.getLogger("some.library").debug("calling with key=%s", shared.api_key)


def test_token_in_a_swallowed_error():
    with InsperaSimulator(tests=1, candidates=1) as sim:
        token = token_of(sim)
    with pytest.raises(InsperaError):
        raise InsperaError(f"refused bearer {token}")


def test_signature_in_a_failing_assertion(shared):
    token = token_of(shared)
    test_id = shared.test_ids[0]
    headers = {"Authorization": f"Bearer {token}"}
    job = httpx.get(f"{shared.base_url}/v1/test/{test_id}/results", headers=headers).json()
    status = httpx.get(f"{shared.base_url}/v1/test/{test_id}/results/{job['jobId']}", headers=headers).json()
    url = status["exportInfo"]["signedResponseUrl"]
    raise RuntimeError(f"could not use {url}")


def test_secret_added_by_the_test(secret_guard):
    secret_guard.add_secret("correct-horse-battery")
    logging.getLogger("app").info("password is correct-horse-battery")


@pytest.mark.allow_secret_leaks("plants the key on purpose")
def test_opted_out(shared):
    logging.getLogger("some.library").warning("key=%s", shared.api_key)


def test_clean(shared):
    logging.getLogger("some.library").debug("nothing secret here, only %s", shared.base_url)
    with pytest.raises(InsperaError):
        raise InsperaError("a harmless message")
'''


@pytest.fixture(scope="module")
def leaky_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("leaky")
    (folder / "test_leaky.py").write_text(textwrap.dedent(LEAKY_SUITE))
    report = folder / "report.xml"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.secret_guard", "-p", "no:cacheprovider", "-q",
         f"--junitxml={report}", "test_leaky.py"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )
    assert report.exists(), completed.stdout + completed.stderr
    outcomes: dict[str, dict[str, str]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        # A test failing in its body and again at teardown is reported as two testcase elements.
        found = outcomes.setdefault(case.attrib["name"], {})
        found.update((child.tag, child.attrib.get("message", "")) for child in case if child.tag in TAGS)
    return outcomes


@pytest.mark.parametrize(
    "name",
    ["test_key_in_a_debug_record", "test_token_in_a_swallowed_error", "test_secret_added_by_the_test"],
)
def test_a_leaking_test_errors_at_teardown(leaky_outcomes: dict[str, dict[str, str]], name: str) -> None:
    outcome = leaky_outcomes[name]
    assert set(outcome) == {"error"}  # passed its body, then the guard's teardown check failed it
    assert "contain a secret" in outcome["error"]


def test_a_failing_test_whose_exception_holds_a_signature_also_errors(
    leaky_outcomes: dict[str, dict[str, str]],
) -> None:
    outcome = leaky_outcomes["test_signature_in_a_failing_assertion"]
    assert "could not use" in outcome["failure"] and "contain a secret" in outcome["error"]
    assert "X-Amz-Signature=<secret" in outcome["error"]  # the guard's own message masks what it found


def test_clean_and_opted_out_tests_pass(leaky_outcomes: dict[str, dict[str, str]]) -> None:
    assert leaky_outcomes["test_clean"] == {}
    assert leaky_outcomes["test_opted_out"] == {}


def test_the_report_does_not_repeat_the_secret() -> None:
    guard = SecretGuard()
    guard.add_secret("s3cr3t-value-123")
    guard.records.append(logging.LogRecord("x", logging.DEBUG, __file__, 1, "value %s", ("s3cr3t-value-123",), None))
    with pytest.raises(AssertionError) as caught:
        guard.check()
    assert "s3cr3t-value-123" not in str(caught.value) and "<secret s3c" in str(caught.value)


@pytest.fixture(scope="module")
def module_simulator() -> object:
    with InsperaSimulator(tests=1, candidates=1) as sim:
        yield sim


def test_this_very_test_is_guarded(
    secret_guard: SecretGuard, simulator: InsperaSimulator, module_simulator: InsperaSimulator
) -> None:
    logging.getLogger("inspera.anything").debug("a debug record")
    assert any(record.name == "inspera.anything" for record in secret_guard.records)  # DEBUG is captured
    secrets = secret_guard.secrets()
    assert simulator.api_key in secrets and module_simulator.api_key in secrets
    with InsperaSimulator(tests=1, candidates=1) as started_here:
        assert started_here.api_key in secret_guard.secrets()
    try:
        raise InsperaError("constructed during the test")
    except InsperaError:
        pass
    assert any(str(error) == "constructed during the test" for error in secret_guard.errors)
