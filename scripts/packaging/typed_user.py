"""A typed user's first script, checked by check_wheel.py in a fresh virtual environment holding only the wheel.

It must pass mypy --strict and pyright (strict) with no casts and no `type: ignore`, and run: it uses the clients,
a namespace, `with_options`, an export job, the Unset helpers, the errors and the simulator the way the manual does.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path

from inspera import (
    AsyncInspera,
    Inspera,
    InsperaError,
    InvalidArgumentError,
    NotFoundError,
    TokenInfo,
    Unset,
    __version__,
    required,
    value_or,
)
from inspera.exports import ExportJob, ExportStatus
from inspera.testing import InsperaSimulator
from inspera_api.models import TestMetadata, TestSearchHit


def titles(client: Inspera) -> list[str]:
    hits: list[TestSearchHit] = client.tests.search()
    found: list[str] = []
    for hit in hits:
        test: TestMetadata = client.tests.get(required(hit.assessment_run_id, "assessmentRunId"))
        if not isinstance(test.status, Unset):
            found.append(f"{value_or(test.title, '(untitled)')} [{test.status}]")
    return found


def export_results(client: Inspera, test_id: int, folder: Path) -> int:
    job: ExportJob = client.with_options(timeout=60).exports.results(test_id, expiry=timedelta(minutes=30))
    status: ExportStatus = job.wait(timeout=60)
    path = job.download(folder / "results.json")
    return path.stat().st_size if status.done else 0


async def first_title(sim: InsperaSimulator) -> str:
    async with AsyncInspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        test = await client.tests.get(sim.test_ids[0])
        return value_or(test.title, "")


def main() -> None:
    with InsperaSimulator(export_duration=0.2) as sim, Inspera(sim.client_id, sim.api_key, base_url=sim.base_url) as c:
        token: TokenInfo = c.authenticate()
        assert token.expires_in > 0
        assert len(titles(c)) == len(sim.test_ids)
        with tempfile.TemporaryDirectory() as scratch:
            assert export_results(c, sim.test_ids[0], Path(scratch)) > 0
        try:
            c.tests.get(1)
        except NotFoundError as error:
            assert error.status == 404
        try:
            c.tests.create_or_update({"externalTestId": "X-1", "title": "t", "startTme": "2025-01-01T09:00:00Z"})
        except InvalidArgumentError as error:
            assert error.suggestion == "startTime"
        except InsperaError:
            raise
        assert asyncio.run(first_title(sim))
    print(f"inspera-client {__version__}: the typed user script ran")


if __name__ == "__main__":
    main()
