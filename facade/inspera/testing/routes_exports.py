"""Export jobs (submissions, results, test events, one candidate's results or PDF, file exports) and their status.

Every order answers a job; a second order of the same export while its job runs answers that job again (one
finished event), as Inspera does since 2024. `expiryPeriod` (seconds, 300-86400) sets how long the job's signed
URLs live; without it they live as long as the token that asked for them, or `url_lifetime` when that is set.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import documents, webhooks
from .body import Body, SizedBody, StaticBody, document_body, padded
from .http import bad_request, json_object, not_found, path_int, test_or_404, token_expiry
from .jobs import ExportJob
from .model import Test
from .pdf import submission_pdf
from .state import SimulatorState

MIN_EXPIRY, MAX_EXPIRY = 300, 86_400


@dataclass(frozen=True)
class Announcement:
    """The webhook that announces a finished job: its event and the object types it names."""

    event: str
    associated_type: str | None = None  # set when the job concerns one candidate
    by_user: bool = False  # resource_export_completed names the user who ordered it


# Only these kinds have a documented completion event; resource_export_completed fires for fileExport jobs only.
ANNOUNCEMENTS = {
    "submissions": Announcement("submissions_export_finished"),
    "candidate_submissions": Announcement("submissions_export_finished", associated_type="CANDIDATE"),
    "test_events": Announcement("event_by_candidates_export_finished"),
    "file": Announcement("resource_export_completed", by_user=True),
}


def results_body(state: SimulatorState, test: Test, with_responses: bool) -> SizedBody:
    header = documents.export_header(test, submissions=with_responses)
    records = [documents.candidate_result(test, c, with_responses) for c in test.candidates]
    body = document_body(header, "ext_inspera_candidates", records)
    target = state.settings.export_bytes
    return padded(body, test, state.settings.seed, target, with_responses) if target else body


def events_body(test: Test) -> SizedBody:
    document = documents.test_events_file(test)
    return document_body({"created": document["created"]}, "candidates", document["candidates"])


def expiry_period(value: object, where: str) -> float | None:
    """The order's expiryPeriod in seconds (None when absent); 400 outside Inspera's 300-86400."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_EXPIRY <= value <= MAX_EXPIRY:
        raise bad_request(f"{where} expiryPeriod must be a whole number of seconds from {MIN_EXPIRY} to {MAX_EXPIRY}")
    return float(value)


def routes(state: SimulatorState, background: set[asyncio.Task[None]]) -> list[Route]:
    def order(request: Request, kind: str, file_name: str, build: Callable[[], Body], *,
              test_id: int | None = None, user_id: int | None = None, options: tuple[object, ...] = (),
              expiry: float | None = None) -> ExportJob:
        identity = (kind, test_id, user_id, *options)
        now = state.jobs.clock()
        request.state.order_time = now  # what the order's answer reports is the job as it stood at this instant
        running = state.jobs.running(identity)
        if running is not None:
            return running
        settings = state.settings
        job = state.jobs.add(
            ExportJob(
                job_id=state.jobs.new_id(),
                kind=kind,
                test_id=test_id,
                user_id=user_id,
                file_name=file_name,
                ordered_at=now,
                duration=settings.export_duration,
                fails=state.faults.take_export_failure(),
                url_expires_at=token_expiry(request),
                build=build,
                identity=identity,
                url_lifetime=expiry,
            )
        )
        task = asyncio.get_running_loop().create_task(announce_when_done(job))
        background.add(task)
        task.add_done_callback(background.discard)
        return job

    def signed_url(job: ExportJob, token_expires_at: float) -> str:
        lifetime = job.url_lifetime if job.url_lifetime is not None else state.settings.url_lifetime
        return state.jobs.sign(state.origin, job, lifetime, token_expires_at, state.faults.url_epoch)

    async def announce_when_done(job: ExportJob) -> None:
        await asyncio.sleep(max(0.0, job.ordered_at + job.duration - state.jobs.clock()))
        announcement = ANNOUNCEMENTS.get(job.kind)
        if job.fails or announcement is None:
            return
        assert job.url_expires_at is not None
        value = {"jobId": job.job_id, "signedResponseUrl": signed_url(job, job.url_expires_at)}
        context_type = "ASSESSMENT_RUN" if job.test_id is not None else "MARKETPLACE"
        message = webhooks.payload(
            state, announcement.event, context_type=context_type, context_id=job.test_id,
            associated_type=announcement.associated_type, associated_id=job.user_id,
            triggered_by=state.api_user if announcement.by_user else None, value=value,
        )
        await webhooks.broadcast(state, announcement.event, message)

    def status_document(job: ExportJob, request: Request) -> dict[str, Any]:
        now = state.jobs.clock()
        status = job.state(now)
        document: dict[str, Any] = {"jobId": job.job_id, "status": status, "progress": job.progress(now)}
        if status == "success":
            document["exportInfo"] = {"signedResponseUrl": signed_url(job, token_expiry(request))}
        return document

    def job_or_404(request: Request, kind: str, test_id: int | None = None, user_id: int | None = None) -> ExportJob:
        job = state.jobs.jobs.get(request.path_params["jobId"])
        if job is None or job.kind != kind or job.test_id != test_id or job.user_id != user_id:
            raise not_found("no such export job")
        return job

    def answer(request: Request, job: ExportJob, status_path: str) -> JSONResponse:
        """The order's answer: the job (running; a repeated order sees how far it got) and the URL to poll it."""
        now: float = request.state.order_time
        progress = 0 if job.finished(now) else job.progress(now)
        return JSONResponse({"jobId": job.job_id, "status": "running", "progress": progress,
                             "callbackUrl": f"{state.base_url}{status_path}/{job.job_id}"})

    def expiry_query(request: Request) -> float | None:
        return expiry_period(request.query_params.get("expiryPeriod"), "the query parameter")

    def test_export(kind: str, segment: str, prefix: str, build: Callable[[Test], Body]) -> tuple[Any, Any]:
        async def order_export(request: Request) -> Response:
            test = test_or_404(state, request)
            expiry = expiry_query(request)
            job = order(request, kind, f"{prefix}-{test.test_id}.json", lambda: build(test), test_id=test.test_id,
                        expiry=expiry)
            return answer(request, job, f"/v1/test/{test.test_id}/{segment}")

        async def export_status(request: Request) -> Response:
            test = test_or_404(state, request)
            return JSONResponse(status_document(job_or_404(request, kind, test.test_id), request))

        return order_export, export_status

    order_submissions, submissions_status = test_export(
        "submissions", "submissions", "submissions", lambda test: results_body(state, test, True))
    order_results, results_status = test_export(
        "results", "results", "results", lambda test: results_body(state, test, False))
    order_events, events_status = test_export("test_events", "events", "events", events_body)

    def candidate_of(request: Request) -> tuple[Test, int]:
        test = test_or_404(state, request)
        user_id = path_int(request, "userId")
        if test.candidate(user_id) is None:
            raise not_found(f"user {user_id} is not a candidate of test {test.test_id}")
        return test, user_id

    def candidate_export(kind: str, segment: str, name: str, build: Callable[[Test, int], Body]) -> tuple[Any, Any]:
        async def order_export(request: Request) -> Response:
            test, user_id = candidate_of(request)
            job = order(request, kind, f"{name}-{test.test_id}-{user_id}.json", lambda: build(test, user_id),
                        test_id=test.test_id, user_id=user_id, expiry=expiry_query(request))
            return answer(request, job, f"/v1/candidates/{segment}/{test.test_id}/{user_id}")

        async def export_status(request: Request) -> Response:
            test, user_id = candidate_of(request)
            return JSONResponse(status_document(job_or_404(request, kind, test.test_id, user_id), request))

        return order_export, export_status

    def one_submission(test: Test, user_id: int) -> Body:
        candidate = test.candidate(user_id)
        assert candidate is not None
        header = documents.export_header(test, submissions=True)
        return document_body(header, "ext_inspera_candidates", [documents.candidate_result(test, candidate, True)])

    def one_candidates_results(test: Test, user_id: int) -> Body:
        candidate = test.candidate(user_id)
        assert candidate is not None
        return StaticBody(json.dumps(documents.candidate_results(test, candidate), separators=(",", ":")).encode())

    order_candidate_submissions, candidate_submissions_status = candidate_export(
        "candidate_submissions", "submissions", "submission", one_submission)
    order_candidate_results, candidate_results_status = candidate_export(
        "candidate_results", "allResults", "results", one_candidates_results)

    async def order_candidate_pdf(request: Request) -> Response:
        test, user_id = candidate_of(request)
        raw = await request.body()
        body = await json_object(request) if raw.strip() else {}
        option = body.get("questionAnswerOptions")
        if option is not None and option != "ANSWERS_ONLY":
            raise bad_request("questionAnswerOptions must be ANSWERS_ONLY (or left out for the whole submission)")
        answers_only = option == "ANSWERS_ONLY"
        candidate = test.candidate(user_id)
        assert candidate is not None

        def build() -> Body:
            return StaticBody(submission_pdf(test, candidate, answers_only=answers_only), "application/pdf")

        job = order(request, "candidate_pdf", f"submission-{test.test_id}-{user_id}.pdf", build,
                    test_id=test.test_id, user_id=user_id, options=(answers_only,),
                    expiry=expiry_period(body.get("expiryPeriod"), "the body's"))
        return answer(request, job, f"/v1/candidates/pdf/{test.test_id}/{user_id}")

    async def candidate_pdf_status(request: Request) -> Response:
        test, user_id = candidate_of(request)
        return JSONResponse(status_document(job_or_404(request, "candidate_pdf", test.test_id, user_id), request))

    async def order_file_export(request: Request) -> Response:
        body = await json_object(request)
        resource = body.get("resourceType")
        parameters = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
        assert isinstance(parameters, dict)
        expiry = expiry_period(body.get("expiryPeriod"), "the body's")

        def build() -> Body:
            # An unknown resource type or test is only discovered by the job itself, which then fails.
            if resource == "AllUsers":
                users = sorted(state.users.values(), key=lambda u: u.user_id)
                members = documents.users_file(users, parameters.get("userType"))
                *leading, (key, records) = members.items()
                return document_body(dict(leading), key, records)
            test = _results_test(state, resource, parameters)
            if test is None:
                raise LookupError("nothing to export")
            return results_body(state, test, False)

        test = _results_test(state, resource, parameters)
        options = (str(resource), json.dumps(parameters, sort_keys=True, default=str))
        job = order(request, "file", f"{resource}.json", build, test_id=test.test_id if test else None,
                    options=options, expiry=expiry)
        if resource != "AllUsers" and test is None:
            job.fails = True
        return JSONResponse({"jobId": job.job_id, "callbackUrl": f"{state.base_url}/v1/fileExport/status/{job.job_id}"})

    async def file_export_status(request: Request) -> Response:
        job = state.jobs.jobs.get(request.path_params["jobId"])
        if job is None or job.kind != "file":
            raise not_found("no such export job")
        return JSONResponse(status_document(job, request))

    test_path = "/v1/test/{testId:int}"
    candidates = "/v1/candidates/{segment}/{{testId:int}}/{{userId:int}}"
    submissions_path = candidates.format(segment="submissions")
    results_path = candidates.format(segment="allResults")
    pdf_path = candidates.format(segment="pdf")
    return [
        Route(f"{test_path}/submissions", order_submissions, methods=["GET"]),
        Route(f"{test_path}/submissions/{{jobId}}", submissions_status, methods=["GET"]),
        Route(f"{test_path}/results", order_results, methods=["GET"]),
        Route(f"{test_path}/results/{{jobId}}", results_status, methods=["GET"]),
        Route(f"{test_path}/events", order_events, methods=["GET"]),
        Route(f"{test_path}/events/{{jobId}}", events_status, methods=["GET"]),
        Route(submissions_path, order_candidate_submissions, methods=["GET"]),
        Route(f"{submissions_path}/{{jobId}}", candidate_submissions_status, methods=["GET"]),
        Route(results_path, order_candidate_results, methods=["GET"]),
        Route(f"{results_path}/{{jobId}}", candidate_results_status, methods=["GET"]),
        Route(pdf_path, order_candidate_pdf, methods=["POST"]),
        Route(f"{pdf_path}/{{jobId}}", candidate_pdf_status, methods=["GET"]),
        Route("/v1/fileExport/order", order_file_export, methods=["POST"]),
        Route("/v1/fileExport/status/{jobId}", file_export_status, methods=["GET"]),
    ]


def _results_test(state: SimulatorState, resource: object, parameters: dict[str, Any]) -> Test | None:
    """The test an AllResults order names, if it exists."""
    run = str(parameters.get("assessmentRunId", ""))
    if resource != "AllResults" or not (run.isascii() and run.isdigit()):
        return None
    return state.tests.get(int(run))
