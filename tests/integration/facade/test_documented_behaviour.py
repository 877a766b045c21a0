"""What Inspera's release notes and policy say, through the facade against the simulator on a real port.

Activation, candidate results and PDFs as jobs, export lifetimes, de-duplicated orders, external test ids of other
systems (with "/" in them), the general options key, the candidate limit and duplicate usernames; sync and async.
"""

from __future__ import annotations

import base64
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from inspera.errors import BadRequestError, InvalidArgumentError, NotFoundError
from inspera.exports import ExportFormatError
from inspera.testing import InsperaSimulator

from .conftest import resolve


def _template(simulator: InsperaSimulator) -> int:
    return simulator.test_ids[0]


async def _new_test(client: Any, simulator: InsperaSimulator, *, template: bool = True,
                    external_id: str | None = None, external_system: str | None = None) -> int:
    body: dict[str, Any] = {"externalTestId": external_id or f"DOC-{time.monotonic_ns()}", "title": "Exam"}
    if template:
        body["sourceTemplateId"] = _template(simulator)
    created = await resolve(client.tests.create_or_update(body, external_system=external_system))
    test_id: int = created.assessment_run_id
    return test_id


async def test_activation_makes_a_test_active_and_a_misconfigured_one_is_refused(
    client: Any, simulator: InsperaSimulator
) -> None:
    ready = await _new_test(client, simulator)
    assert await resolve(client.tests.activate(ready)) is None
    assert (await resolve(client.tests.get(ready))).status == "active"
    empty = await _new_test(client, simulator, template=False)
    with pytest.raises(BadRequestError) as refused:
        await resolve(client.tests.activate(empty))
    assert "no questions" in (refused.value.description or "")
    assert (await resolve(client.tests.get(empty))).status == "created"


async def test_candidate_results_are_a_job_whose_file_is_a_candidate_results_document(
    client: Any, simulator: InsperaSimulator, tmp_path: Path
) -> None:
    test_id = simulator.test_ids[0]
    user_id = simulator.user_ids(test_id)[0]
    job = await resolve(client.exports.candidate_results(test_id, user_id))
    assert (job.kind, job.params) == ("candidate_results", {"test_id": test_id, "user_id": user_id})
    document = await resolve(job.document(timeout=30))
    assert type(document).__name__ == "CandidateResults"
    assert document.assessment_run_id == test_id and document.user_id == str(user_id) and document.evaluation_rounds
    path = await resolve(job.download(tmp_path / "results.json"))
    assert path.read_bytes().startswith(b"{")
    with pytest.raises(ExportFormatError, match="no known candidate array"):
        job.iter_candidates()  # one candidate's document, not an array of candidates


@pytest.mark.parametrize("answers_only", [False, True])
async def test_a_candidate_pdf_is_a_job_whose_file_is_the_pdf(
    client: Any, simulator: InsperaSimulator, tmp_path: Path, answers_only: bool
) -> None:
    test_id = simulator.test_ids[0]
    user_id = simulator.user_ids(test_id)[0]
    job = await resolve(client.exports.candidate_pdf(test_id, user_id, answers_only=answers_only))
    path = await resolve(job.download(tmp_path / "submission.pdf", timeout=30))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert (b"Question 1:" in data) is not answers_only and (b"Answer 1" in data) is answers_only
    with pytest.raises(ExportFormatError):
        await resolve(job.document())


async def test_the_expiry_reaches_the_signed_url_and_bad_ones_never_leave(
    client: Any, simulator: InsperaSimulator
) -> None:
    test_id = simulator.test_ids[0]
    job = await resolve(client.exports.events(test_id, expiry=timedelta(minutes=10)))
    status = await resolve(job.wait(timeout=30))
    assert parse_qs(urlsplit(status.download_url).query)["X-Amz-Expires"] == ["600"]
    before = len(simulator.stats.requests)
    for expiry in (24, 299, 86_401, timedelta(hours=25)):
        with pytest.raises(InvalidArgumentError, match="between 300 s"):
            await resolve(client.exports.events(test_id, expiry=expiry))
        with pytest.raises(InvalidArgumentError, match="between 300 s"):
            await resolve(client.exports.file("AllUsers", expiry=expiry))
    assert len(simulator.stats.requests) == before


@pytest.mark.simulator(export_duration=1.0)
async def test_ordering_the_same_export_twice_while_it_runs_gives_the_same_job(
    client: Any, simulator: InsperaSimulator
) -> None:
    test_id = simulator.test_ids[0]
    first = await resolve(client.exports.submissions(test_id))
    again = await resolve(client.exports.submissions(test_id))
    other = await resolve(client.exports.results(test_id))
    assert first.job_id == again.job_id != other.job_id
    user_id = simulator.user_ids(test_id)[0]
    whole = await resolve(client.exports.candidate_pdf(test_id, user_id))
    answers = await resolve(client.exports.candidate_pdf(test_id, user_id, answers_only=True))
    assert whole.job_id != answers.job_id  # different options, different exports


async def test_committees_of_a_test_addressed_by_another_system_s_external_id(
    client: Any, simulator: InsperaSimulator
) -> None:
    external = f"LMS/course-{time.monotonic_ns()}/exam"
    test_id = await _new_test(client, simulator, external_id=external, external_system="LTI")
    found = await resolve(client.tests.search(external_test_id=external, external_system="LTI"))
    assert [hit.assessment_run_id for hit in found] == [test_id]
    assert await resolve(client.tests.search(external_test_id=external)) == []  # not the API's id
    result = await resolve(client.tests.create_committees(
        external, {"committees": [{"name": "Seminar A"}]}, is_external=True, external_system="LTI"))
    assert result.success is True and list(simulator.committees(test_id)) == ["Seminar A"]
    encoded = base64.urlsafe_b64encode(external.encode()).decode()
    (request,) = [r for r in simulator.stats.requests if r.path.endswith("/committees")]
    assert request.path == f"/api/v1/test/{encoded}/committees"
    assert parse_qs(request.query) == {"isExternal": ["true"], "externalSystem": ["LTI"],
                                       "b64encodedExternalTestId": ["true"]}
    with pytest.raises(NotFoundError):  # the same id under the default system names no test
        await resolve(client.tests.create_committees(external, {"committees": [{"name": "B"}]}, is_external=True))


async def test_general_options_are_stored_and_the_singular_never_leaves(
    client: Any, simulator: InsperaSimulator
) -> None:
    test_id = await _new_test(client, simulator)
    body = {"testOptions": {"generalOptions": [{"option": "SHOW_WORD_COUNT", "value": True}]}}
    await resolve(client.tests.set_options(test_id, body))
    assert simulator.test_options(test_id)["generalOptions"] == {"SHOW_WORD_COUNT": True}
    with pytest.raises(InvalidArgumentError, match="generalOptions"):
        await resolve(client.tests.set_options(test_id, {"testOptions": {"generalOption": []}}))


async def test_a_test_holds_at_most_1500_candidates(client: Any, simulator: InsperaSimulator) -> None:
    test_id = await _new_test(client, simulator, template=False)
    crowd = [{"externalId": f"c{i}@uni.example.no"} for i in range(1500)]
    await resolve(client.tests.add_candidates(test_id, {"authenticationSystem": "FEIDE", "candidates": crowd}))
    with pytest.raises(BadRequestError, match="at most 1500"):
        await resolve(client.tests.add_candidates(test_id, {"candidates": [{"externalId": "one.more@uni.no"}]}))
    assert len(simulator.user_ids(test_id)) == 1500


async def test_a_room_is_cleared_only_by_its_remove_flag(client: Any, simulator: InsperaSimulator) -> None:
    test_id = await _new_test(client, simulator, template=False)
    entry = {"externalId": "kari@uni.example.no", "roomName": "Room 101", "buildingName": "Sentralbygg 1"}
    await resolve(client.tests.add_candidates(test_id, {"authenticationSystem": "FEIDE", "candidates": [entry]}))
    [user_id] = simulator.user_ids(test_id)
    cleared = {"externalId": "kari@uni.example.no", "removeRoomName": True}
    await resolve(client.tests.add_candidates(test_id, {"authenticationSystem": "FEIDE", "candidates": [cleared]}))
    assert simulator.candidate_details(test_id)[user_id] == {
        "extraTimeMins": 0, "buildingName": "Sentralbygg 1", "roomName": None}


async def test_a_learner_username_that_exists_is_refused(client: Any) -> None:
    name = f"learner_{time.monotonic_ns() % 10**9}"
    created = await resolve(client.users.create_student({"username": name, "firstName": "Ada"}))
    assert created.username == name
    with pytest.raises(BadRequestError, match="already exists"):
        await resolve(client.users.create_student({"username": name, "firstName": "Another"}))
