"""The Typer application: global options and the command tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .output import Output
from .settings import Settings, configure_logging
from .state import State


def _show_version(value: bool) -> None:
    if value:
        from inspera import __version__

        print(f"inspera-client {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    client_id: Annotated[
        str | None, typer.Option(envvar="INSPERA_CLIENT_ID", help="Tenant client id.", show_envvar=True)
    ] = None,
    api_key_file: Annotated[
        Path | None,
        typer.Option(envvar="INSPERA_API_KEY_FILE", show_envvar=True, dir_okay=False,
                     help="File holding the API key; without it the key comes from INSPERA_API_KEY."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="INSPERA_BASE_URL", show_envvar=True,
                     help="API root; default https://<client-id>.inspera.no/api."),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Machine-readable JSON on stdout (may also follow the command).")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Log HTTP requests (secrets redacted) and show tracebacks.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_show_version, help="Print the version and exit.")
    ] = False,
) -> None:
    """Work with the Inspera Assessment API, or run a local simulator of it.

    Exit codes: 0 ok, 1 API or job failure, 2 usage or configuration, 3 export timeout, 130 interrupted.
    """
    configure_logging(debug)
    settings = Settings(client_id=client_id, api_key_file=api_key_file, base_url=base_url)
    ctx.obj = State(settings=settings, output=Output(json_mode=json_output))


def build_app() -> typer.Typer:
    from . import auth, demo, endpoints, export, sandbox, tests, users, webhooks

    app = typer.Typer(
        name="inspera",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    app.command()(demo.demo)
    app.command()(sandbox.sandbox)
    app.add_typer(auth.app, name="auth")
    app.add_typer(tests.app, name="tests")
    app.add_typer(export.app, name="export")
    app.add_typer(users.app, name="users")
    app.add_typer(webhooks.app, name="webhooks")
    app.command()(endpoints.endpoints)
    return app
