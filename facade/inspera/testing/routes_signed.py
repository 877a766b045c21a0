"""The pre-signed download URLs, served outside /api the way S3 serves them: no bearer, limited lifetime."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from .state import SimulatorState

TRUNCATE_FLAG = "inspera.truncate"


def s3_error(status: int, code: str, message: str) -> Response:
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return Response(body, status_code=status, media_type="application/xml")


def routes(state: SimulatorState) -> list[Route]:
    async def download(request: Request) -> Response:
        if "authorization" in request.headers:
            return s3_error(400, "InvalidArgument",
                            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter is supported")
        signature = request.query_params.get("X-Amz-Signature", "")
        job, reason = state.jobs.redeem(request.path_params["jobId"], request.path_params["fileName"], signature,
                                        state.faults.url_epoch)
        if job is None:
            message = "Request has expired" if reason == "AccessDenied" else "The request signature is not valid"
            return s3_error(404 if reason == "NoSuchKey" else 403, reason, message)
        body = job.body()
        if state.faults.take_truncation():
            request.scope[TRUNCATE_FLAG] = True
        headers = {"Content-Length": str(body.length), "ETag": f'"{job.job_id}"'}
        return StreamingResponse(body.chunks(), media_type=body.media_type, headers=headers)

    return [Route("/signed/{jobId}/{fileName}", download, methods=["GET"])]
