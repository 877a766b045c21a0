"""A full export through the generated client against the simulator on a real port."""

from __future__ import annotations

import json
import time

import httpx
from inspera.testing import InsperaSimulator
from inspera_api import AuthenticatedClient, Client
from inspera_api.api.auth import exchange_token
from inspera_api.api.exports import get_submissions_export_status, order_submissions_export
from inspera_api.models import ExchangeTokenGrantType, ExportJobStatus, TokenResponse


def test_order_progress_signed_url_download() -> None:
    with InsperaSimulator(export_duration=1.0, candidates=4, tests=1, seed=5) as sim:
        with Client(base_url=sim.base_url) as anonymous:
            token = exchange_token.sync(client=anonymous, client_id=sim.client_id, code=sim.api_key,
                                        grant_type=ExchangeTokenGrantType.AUTHORIZATION_CODE)
        assert isinstance(token, TokenResponse)
        access_token = token.access_token
        test_id = sim.test_ids[0]
        with AuthenticatedClient(base_url=sim.base_url, token=access_token) as client:
            ordered = order_submissions_export.sync(test_id, client=client)
            assert isinstance(ordered, ExportJobStatus) and ordered.status == "running" and ordered.progress == 0
            seen: list[int] = []
            deadline = time.monotonic() + 10
            while True:
                status = get_submissions_export_status.sync(test_id, str(ordered.job_id), client=client)
                assert isinstance(status, ExportJobStatus) and isinstance(status.progress, int)
                seen.append(status.progress)
                if status.status == "success" or time.monotonic() > deadline:
                    break
                assert status.status == "running"
                time.sleep(0.1)
        assert status.status == "success" and seen[-1] == 100
        assert seen == sorted(seen) and any(0 < p < 100 for p in seen)  # progress grows while the job runs
        url = str(status.export_info.signed_response_url)  # type: ignore[union-attr]
        assert url.startswith(f"{sim.origin}/signed/") and "X-Amz-Signature=" in url

        rejected = httpx.get(url, headers={"Authorization": f"Bearer {access_token}"})
        assert rejected.status_code == 400 and b"InvalidArgument" in rejected.content

        downloaded = httpx.get(url)
        assert downloaded.status_code == 200
        assert int(downloaded.headers["content-length"]) == len(downloaded.content)
        document = json.loads(downloaded.content)
        assert document["lineItemSourcedId"] == test_id
        assert [c["result"]["student"]["sourcedId"] for c in document["ext_inspera_candidates"]] == sim.user_ids(
            test_id)
        essay = document["ext_inspera_candidates"][0]["result"]["ext_inspera_questions"][0]
        assert essay["ext_inspera_candidateResponses"][0]["ext_inspera_response"].startswith("<p>")
        assert not any("Authorization" in r.headers or "authorization" in r.headers
                       for r in sim.stats.requests if r.path.startswith("/signed/") and r.status == 200)
