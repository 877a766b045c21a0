"""`inspera tests search|get`: find tests (Inspera's "assessment runs") and read their metadata."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .output import fields, present, table
from .params import argument
from .state import state

app = typer.Typer(help="Find tests and read their metadata.", no_args_is_help=True)

TestId = Annotated[int, argument("TEST_ID", "The test's id (assessmentRunId).", min=0)]


@app.command()
def search(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option(help="Part of the title.")] = None,
    external_id: Annotated[str | None, typer.Option(help="The external test id.")] = None,
    query: Annotated[str | None, typer.Option(help="Free-text filter query.")] = None,
) -> None:
    """List the tests matching the filters (all tests without any)."""
    current = state(ctx)
    with current.settings.client() as client:
        hits = client.tests.search(title=title, external_test_id=external_id, query=query)
    current.output.listing(hits, "test", lambda: table(
        None,
        ("id", "title", "external id", "status", "start", "end"),
        ((h.assessment_run_id, h.assessment_run_title, h.external_id, h.status, h.start_time, h.end_time)
         for h in hits),
    ))


@app.command()
def get(ctx: typer.Context, test_id: TestId) -> None:
    """Show one test: title, status, times, committees and contributors."""
    current = state(ctx)
    with current.settings.client() as client:
        test = client.tests.get(test_id)
    current.output.data(test, lambda: fields(_summary(test)))


def _summary(test: Any) -> list[tuple[str, Any]]:
    committees = present(test.committees) or []
    contributors = present(test.contributors) or []
    people = [" ".join(filter(None, (present(c.first_name), present(c.last_name)))) or present(c.user_name)
              for c in contributors]
    return [
        ("id", test.assessment_run_id),
        ("title", present(test.title) or present(test.name)),
        ("external id", test.external_test_id),
        ("status", test.status),
        ("start", test.start_time),
        ("end", test.end_time),
        ("committees", ", ".join(str(present(c.name)) for c in committees) or "-"),
        ("contributors", ", ".join(p for p in people if p) or "-"),
    ]

