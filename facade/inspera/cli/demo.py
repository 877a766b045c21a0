"""`inspera demo`: the getting-started scenario end to end against a simulator started in-process."""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .exits import CLIError, ExitCode
from .export import check_output
from .output import present, require_id, table
from .progress import byte_progress, job_progress
from .sandbox import load_simulator
from .state import state

if TYPE_CHECKING:
    from inspera_api.models.results_export_file import ResultsExportFile
    from inspera_api.models.test_search_hit import TestSearchHit
    from rich.table import Table

# Table heading -> key of each candidate record in the demo's JSON output.
COLUMNS = {"candidate": "candidate", "user id": "user_id", "score": "score", "grade": "grade",
           "attended": "attended", "minutes": "minutes", "result status": "result_status"}


def pick_test(hits: list[TestSearchHit]) -> TestSearchHit:
    """A test whose results are worth showing: graded, else finished, else the first one."""
    for wanted in ("graded", "finished"):
        for hit in hits:
            if present(hit.status) == wanted:
                return hit
    return hits[0]


def candidate_records(document: ResultsExportFile) -> list[dict[str, Any]]:
    """One summary per candidate of a results file (OneRoster results with Inspera's extensions)."""
    records = []
    for candidate in present(document.ext_inspera_candidates) or []:
        result = present(candidate.result)
        if result is None:
            continue
        student = present(result.student)
        started, ended = present(result.ext_inspera_start_time), present(result.ext_inspera_end_time)
        score = present(result.ext_inspera_total_score)
        records.append({
            "candidate": present(result.ext_inspera_candidate_id),
            "user_id": present(student.sourced_id) if student is not None else None,
            "score": score if score is not None else present(result.score),
            "grade": present(result.ext_inspera_final_grade),
            "attended": present(result.ext_inspera_attendance),
            "minutes": round((ended - started).total_seconds() / 60) if started and ended else None,
            "result_status": present(result.resultstatus),
        })
    return records


def summary(records: list[dict[str, Any]], maximum: float | None) -> str:
    scores = [r["score"] for r in records if isinstance(r["score"], int | float)]
    grades = Counter(str(r["grade"]) for r in records if r["grade"] is not None)
    parts = [f"{len(records)} candidates"]
    if scores:
        parts.append(f"mean score {sum(scores) / len(scores):.1f}" + (f" of {maximum:g}" if maximum else ""))
    if grades:
        parts.append("grades " + ", ".join(f"{grade} {count}" for grade, count in sorted(grades.items())))
    return "; ".join(parts)


def demo(
    ctx: typer.Context,
    candidates: Annotated[int, typer.Option(min=1, help="Candidates in each simulated test.")] = 12,
    export_duration: Annotated[float, typer.Option(min=0, help="Seconds the simulated export takes.")] = 3.0,
    keep: Annotated[Path | None, typer.Option(
        dir_okay=False, show_default=False, help="Also keep the downloaded results file at this path.")] = None,
) -> None:
    """Run the getting-started scenario against a built-in simulator: no account or network needed.

    Authenticate, find a test, order its results export, wait for it, download it, print every candidate's score.
    """
    from inspera_api.models.results_export_file import ResultsExportFile

    from inspera import Inspera

    out = state(ctx).output
    started = time.monotonic()
    if keep is not None:
        keep = check_output(keep, overwrite=False)
    with load_simulator()(candidates=candidates, export_duration=export_duration) as sim, \
            Inspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        out.note(f"1. started a local Inspera at {sim.base_url} (client id {sim.client_id!r})")
        token = client.authenticate()
        out.note(f"2. exchanged the API key for an access token, valid for {token.expires_in:g} s")
        hits = client.tests.search()
        if not hits:
            raise CLIError("the simulator returned no tests", ExitCode.FAILED)
        test = pick_test(hits)
        test_id = require_id(test.assessment_run_id, "test id")
        title = present(test.assessment_run_title) or ""
        out.note(f"3. found {len(hits)} tests; taking {test_id} {title!r} ({present(test.status)})")
        job = client.exports.results(test_id)
        out.note(f"4. ordered its results export (job {job.job_id}); waiting for it")
        with job_progress(out, "   results export") as update:
            job.wait(timeout=export_duration + 60, on_progress=update)
        with tempfile.TemporaryDirectory(prefix="inspera-demo-") as scratch:
            target = keep or Path(scratch) / f"results-{test_id}.json"
            with byte_progress(out, "   download") as on_bytes:
                path = job.download(target, on_progress=on_bytes)
            raw = path.read_bytes()
        out.note(f"5. downloaded {len(raw):,} bytes from the signed URL (without the bearer token)"
                 + (f" to {path}" if keep else ""))
        document = ResultsExportFile.from_dict(json.loads(raw))
    records = candidate_records(document)
    maximum = present(document.ext_inspera_max_total_score)
    elapsed = time.monotonic() - started

    def render() -> Table:
        rows = ([record[key] for key in COLUMNS.values()] for record in records)
        view = table(f"Results of test {test_id}: {title}", list(COLUMNS), rows)
        view.caption = summary(records, maximum)
        view.caption_justify = "left"
        return view

    out.data({"test": {"id": test_id, "title": title, "max_score": maximum}, "job_id": job.job_id,
              "bytes": len(raw), "candidates": records, "seconds": round(elapsed, 2)}, render)
    out.note(f"done in {elapsed:.1f} s")
