"""`inspera webhooks ...`: event types, subscriptions, and offline verification of a delivery's signature."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .exits import CLIError, ExitCode
from .output import present, table
from .params import argument
from .settings import secret_from
from .state import state

app = typer.Typer(help="Webhook event types, subscriptions, and checking deliveries.", no_args_is_help=True)

SECRET_ENV = "INSPERA_WEBHOOK_SECRET"
SecretFile = Annotated[Path | None, typer.Option(
    dir_okay=False, show_default=False,
    help=f"File holding the subscription's signing secret; without it the secret comes from {SECRET_ENV}.")]


def _secret(path: Path | None) -> str:
    return secret_from(path, SECRET_ENV, "webhook secret", "--secret-file")


@app.command("events")
def list_events(ctx: typer.Context) -> None:
    """The event names a subscription can ask for (one per line)."""
    current = state(ctx)
    with current.settings.client() as client:
        names = client.webhooks.events()
    current.output.data(names, lambda: "\n".join(names))


@app.command("list")
def list_subscriptions(ctx: typer.Context) -> None:
    """The current subscriptions."""
    current = state(ctx)
    with current.settings.client() as client:
        found = client.webhooks.list()
    current.output.listing(found, "subscription", lambda: table(
        None, ("id", "event", "url"), ((s.id, s.event, s.url) for s in found)
    ))


@app.command()
def subscribe(
    ctx: typer.Context,
    url: Annotated[str, argument("URL", "Your HTTPS endpoint for the deliveries.")],
    event: Annotated[str, argument("EVENT", "Event name (see 'inspera webhooks events').")],
    secret_file: SecretFile = None,
) -> None:
    """Subscribe URL to EVENT. Inspera first POSTs a signed verification event that URL must answer with 200."""
    current = state(ctx)
    secret = _secret(secret_file)
    with current.settings.client() as client:
        created = client.webhooks.subscribe({"url": url, "event": event, "secret": secret})
    subscription_id = present(created.id)
    current.output.note(f"subscribed {url} to {event}")
    current.output.data(created, lambda: str(subscription_id or ""))


@app.command()
def delete(
    ctx: typer.Context,
    subscription_id: Annotated[str, argument("SUBSCRIPTION_ID", "The subscription's id.")],
) -> None:
    """Delete a subscription."""
    current = state(ctx)
    with current.settings.client() as client:
        client.webhooks.unsubscribe(subscription_id)
    current.output.note(f"deleted subscription {subscription_id}")
    if current.output.json_mode:
        current.output.data({"deleted": subscription_id})


@app.command()
def verify(
    ctx: typer.Context,
    signature: Annotated[str, typer.Option(
        show_default=False, help="The X-Inspera-Signature header of the delivery.")],
    body: Annotated[str, typer.Argument(
        metavar="BODY_FILE", help="The raw request body as received; - reads stdin.")] = "-",
    secret_file: SecretFile = None,
) -> None:
    """Check a delivery offline: exit 0 when the signature matches the body and secret, 1 when it does not."""
    from inspera.webhooks import WebhookError, parse_event, verify_signature

    current = state(ctx)
    secret = _secret(secret_file)
    raw = _read_body(body)
    if not verify_signature(raw, signature, secret):
        current.output.note("invalid: the signature does not match this body and secret")
        if current.output.json_mode:
            current.output.data({"valid": False})
        raise typer.Exit(int(ExitCode.FAILED))
    event: Any = None
    try:
        event = parse_event(raw)
    except WebhookError as error:
        current.output.note(f"valid signature, but {error}")
    name = present(event.event) if event is not None else None
    current.output.note(f"valid: signed with this secret{f' ({name} event)' if name else ''}")
    if current.output.json_mode:
        current.output.data({"valid": True, "event": event})


@app.command()
def listen(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port on 127.0.0.1 to receive deliveries on.")] = 8099,
    save: Annotated[Path | None, typer.Option(
        file_okay=False, show_default=False,
        help="Save each delivery as NNNN.json (the raw body) and NNNN.sig (its X-Inspera-Signature) in this folder.",
    )] = None,
    secret_file: SecretFile = None,
) -> None:
    """Receive webhook deliveries on 127.0.0.1 until Ctrl-C: answer 200, check each signature, print one line each.

    Point a subscription at http://127.0.0.1:PORT/ (the verification request is answered like any other delivery).
    Each line is the event name and whether its signature matches the secret (with --json, one JSON object).
    The --save folder is created once the port is open, so a script can wait for it before subscribing.
    """
    from .receiver import receive

    current = state(ctx)
    receive(port, _secret(secret_file), save, current.output)


def _read_body(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).expanduser().read_bytes()
    except OSError as error:
        raise CLIError(f"cannot read the body file {source}: {error.strerror or error}") from None
