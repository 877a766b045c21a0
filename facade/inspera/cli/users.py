"""`inspera users get|find`: look users up by Inspera id or by an external id."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .output import fields, present, table
from .params import argument
from .state import state

app = typer.Typer(help="Look users up.", no_args_is_help=True)

_COLUMNS = ("id", "username", "name", "email", "external ids")


def _row(user: Any) -> tuple[Any, ...]:
    name = " ".join(filter(None, (present(user.first_name), present(user.last_name))))
    external = ", ".join(
        f"{present(e.auth_type)}:{present(e.external_id)}" for e in present(user.external_ids) or []
    )
    return (user.user_id, user.username, name, user.email, external)


@app.command()
def get(
    ctx: typer.Context,
    user_id: Annotated[int, argument("USER_ID", "Inspera user id.", min=0)],
) -> None:
    """Show one user."""
    current = state(ctx)
    with current.settings.client() as client:
        user = client.users.get(user_id)
    current.output.data(user, lambda: fields(zip(_COLUMNS, _row(user), strict=True)))


@app.command()
def find(
    ctx: typer.Context,
    auth_type: Annotated[str, argument("AUTH_TYPE", "Authentication type, e.g. FEIDE.")],
    external_id: Annotated[str, argument("EXTERNAL_ID", "The user's id in that system.")],
    include_student: Annotated[bool | None, typer.Option(
        "--include-student/--no-include-student", help="Whether students are included (server default if unset).",
    )] = None,
) -> None:
    """Find the users carrying an external id."""
    current = state(ctx)
    with current.settings.client() as client:
        users = client.users.find_by_external_id(auth_type, external_id, include_student=include_student)
    current.output.listing(users, "user", lambda: table(None, _COLUMNS, (_row(u) for u in users)))
