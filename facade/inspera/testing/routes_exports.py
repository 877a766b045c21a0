"""Export jobs (submissions, results, test events, file exports), candidate results and signed downloads."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import documents, webhooks
from .body import SizedBody, document_body, padded
from .http import json_object, not_found, path_int, test_or_404, token_expiry
from .jobs import ExportJob
from .model import Test
from .state import SimulatorState

# Which webhook event announces a finished job of each kind, and the context type it names.
FINISH_EVENTS = {
    "submissions": ("submissions_export_finished", "assessmentRun"),
    "candidate_submissions": ("submissions_export_finished", "assessmentRun"),
    "test_events": ("event_by_candidates_export_finished", "assessmentRun"),
    "results": ("resource_export_completed", "assessmentRun"),
    "file": ("resource_export_completed", "fileExport"),
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


def routes(state: SimulatorState, background: set[asyncio.Task[None]]) -> list[Route]:
    def order(request: Request, kind: str, file_name: str, build: Callable[[], SizedBody],
              test_id: int | None = None, user_id: int | None = None) -> ExportJob:
        settings = state.settings
        job = state.jobs.add(
            ExportJob(
                job_id=state.jobs.new_id(),
                kind=kind,
                test_id=test_id,
                user_id=user_id,
                file_name=file_name,
                ordered_at=state.jobs.clock(),
                duration=settings.export_duration,
                fails=state.faults.take_export_failure(),
                url_expires_at=token_expiry(request),
                build=build,
            )
        )
        task = asyncio.get_running_loop().create_task(announce_when_done(job))
        background.add(task)
        task.add_done_callback(background.discard)
        return job

    def signed_url(job: ExportJob, token_expires_at: float) -> str:
        return state.jobs.sign(state.origin, job, state.settings.url_lifetime, token_expires_at,
                               state.faults.url_epoch)

    async def announce_when_done(job: ExportJob) -> None:
        await asyncio.sleep(max(0.0, job.ordered_at + job.duration - state.jobs.clock()))
        if job.fails:
            return
        event, context_type = FINISH_EVENTS[job.kind]
        assert job.url_expires_at is not None
        value = {"jobId": job.job_id, "signedResponseUrl": signed_url(job, job.url_expires_at)}
        message = webhooks.payload(event, context_id=job.test_id, context_type=context_type,
                                   associated_id=job.user_id, value=value)
        await webhooks.broadcast(state, event, message)

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

    def running(job: ExportJob) -> JSONResponse:
        return JSONResponse({"jobId": job.job_id, "status": "running", "progress": 0})

    def test_export(kind: str, prefix: str, build: Callable[[Test], SizedBody]) -> tuple[Any, Any]:
        async def order_export(request: Request) -> Response:
            test = test_or_404(state, request)
            return running(order(request, kind, f"{prefix}-{test.test_id}.json", lambda: build(test), test.test_id))

        async def export_status(request: Request) -> Response:
            test = test_or_404(state, request)
            return JSONResponse(status_document(job_or_404(request, kind, test.test_id), request))

        return order_export, export_status

    order_submissions, submissions_status = test_export(
        "submissions", "submissions", lambda test: results_body(state, test, True))
    order_results, results_status = test_export("results", "results", lambda test: results_body(state, test, False))
    order_events, events_status = test_export("test_events", "events", events_body)

    def candidate_of(request: Request) -> tuple[Test, int]:
        test = test_or_404(state, request)
        user_id = path_int(request, "userId")
        if test.candidate(user_id) is None:
            raise not_found(f"user {user_id} is not a candidate of test {test.test_id}")
        return test, user_id

    async def order_candidate_submissions(request: Request) -> Response:
        test, user_id = candidate_of(request)

        def build() -> SizedBody:
            candidate = test.candidate(user_id)
            assert candidate is not None
            header = documents.export_header(test, submissions=True)
            return document_body(header, "ext_inspera_candidates", [documents.candidate_result(test, candidate, True)])

        name = f"submission-{test.test_id}-{user_id}.json"
        return running(order(request, "candidate_submissions", name, build, test.test_id, user_id))

    async def candidate_submissions_status(request: Request) -> Response:
        test, user_id = candidate_of(request)
        job = job_or_404(request, "candidate_submissions", test.test_id, user_id)
        return JSONResponse(status_document(job, request))

    async def get_candidate_results(request: Request) -> Response:
        test, user_id = candidate_of(request)
        candidate = test.candidate(user_id)
        assert candidate is not None
        return JSONResponse(documents.candidate_results(test, candidate))

    async def order_file_export(request: Request) -> Response:
        body = await json_object(request)
        resource = body.get("resourceType")
        parameters = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
        assert isinstance(parameters, dict)

        def build() -> SizedBody:
            # An unknown resource type or test is only discovered by the job itself, which then fails.
            if resource == "AllUsers":
                users = sorted(state.users.values(), key=lambda u: u.user_id)
                members = documents.users_file(users, parameters.get("userType"))
                *leading, (key, records) = members.items()
                return document_body(dict(leading), key, records)
            run = str(parameters.get("assessmentRunId", ""))
            test = state.tests.get(int(run)) if resource == "AllResults" and run.isdigit() else None
            if test is None:
                raise LookupError("nothing to export")
            return results_body(state, test, False)

        job = order(request, "file", f"{resource}.json", build)
        if resource != "AllUsers" and not _known_results_test(state, resource, parameters):
            job.fails = True
        return JSONResponse({"jobId": job.job_id, "callbackUrl": f"{state.base_url}/v1/fileExport/status/{job.job_id}"})

    async def file_export_status(request: Request) -> Response:
        return JSONResponse(status_document(job_or_404(request, "file"), request))

    test_path = "/v1/test/{testId:int}"
    candidate_path = "/v1/candidates/submissions/{testId:int}/{userId:int}"
    return [
        Route(f"{test_path}/submissions", order_submissions, methods=["GET"]),
        Route(f"{test_path}/submissions/{{jobId}}", submissions_status, methods=["GET"]),
        Route(f"{test_path}/results", order_results, methods=["GET"]),
        Route(f"{test_path}/results/{{jobId}}", results_status, methods=["GET"]),
        Route(f"{test_path}/events", order_events, methods=["GET"]),
        Route(f"{test_path}/events/{{jobId}}", events_status, methods=["GET"]),
        Route(candidate_path, order_candidate_submissions, methods=["GET"]),
        Route(f"{candidate_path}/{{jobId}}", candidate_submissions_status, methods=["GET"]),
        Route("/v1/candidates/allResults/{testId:int}/{userId:int}", get_candidate_results, methods=["GET"]),
        Route("/v1/fileExport/order", order_file_export, methods=["POST"]),
        Route("/v1/fileExport/status/{jobId}", file_export_status, methods=["GET"]),
    ]


def _known_results_test(state: SimulatorState, resource: object, parameters: dict[str, Any]) -> bool:
    run = str(parameters.get("assessmentRunId", ""))
    return resource == "AllResults" and run.isdigit() and int(run) in state.tests
