"""`inspera auth check`: exchange the API key for a token now and report its lifetime (never the token)."""

from __future__ import annotations

import datetime as dt
import time

import typer

from .output import fields
from .state import state

app = typer.Typer(help="Check credentials.", no_args_is_help=True)


def wall_clock(monotonic_at: float) -> dt.datetime:
    """A moment on the monotonic clock (as TokenInfo reports them) as UTC wall-clock time."""
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=monotonic_at - time.monotonic())


@app.command()
def check(ctx: typer.Context) -> None:
    """Exchange the API key for an access token and show how long it lives."""
    current = state(ctx)
    with current.settings.client() as client:
        info = client.authenticate()
        report = {
            "ok": True,
            "client_id": client.client_id,
            "base_url": client.base_url,
            "expires_in": info.expires_in,
            "expires_at": wall_clock(info.expires_at).isoformat(timespec="seconds"),
            "refresh_at": wall_clock(info.refresh_at).isoformat(timespec="seconds"),
        }
    current.output.data(report, lambda: fields([
        ("client id", report["client_id"]),
        ("base url", report["base_url"]),
        ("token", f"issued; valid for {info.expires_in:g} s, until {report['expires_at']}"),
        ("refresh", f"automatic, from {report['refresh_at']}"),
    ]))
