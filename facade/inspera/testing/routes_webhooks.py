"""Webhook subscriptions: the event catalogue, subscribe (with endpoint verification), list and delete."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import webhooks
from .http import bad_request, json_object, not_found
from .state import WEBHOOK_EVENTS, SimulatorState, Subscription


def routes(state: SimulatorState) -> list[Route]:
    async def list_events(request: Request) -> Response:
        return JSONResponse(list(WEBHOOK_EVENTS))

    async def list_subscriptions(request: Request) -> Response:
        return JSONResponse([s.to_json() for s in state.subscriptions.values()])

    async def create_subscription(request: Request) -> Response:
        body = await json_object(request)
        event, url, secret = body.get("event"), body.get("url"), body.get("secret")
        if not all(isinstance(v, str) and v for v in (event, url, secret)):
            raise bad_request("'event', 'url' and 'secret' are required strings")
        assert isinstance(event, str) and isinstance(url, str) and isinstance(secret, str)
        if event not in WEBHOOK_EVENTS:
            raise bad_request(f"unknown event {event!r}; GET /v1/subscription/events lists the supported ones")
        if not url.startswith(("http://", "https://")):
            raise bad_request("'url' must be an http(s) URL")
        if not await webhooks.verify(state, url, secret, event):
            raise bad_request("the endpoint did not answer the verification request with 200")
        subscription = Subscription(secrets.token_hex(8), event, url, secret)
        state.subscriptions[subscription.subscription_id] = subscription
        return JSONResponse(subscription.to_json())

    async def delete_subscription(request: Request) -> Response:
        if state.subscriptions.pop(request.path_params["subscriptionId"], None) is None:
            raise not_found("no such subscription")
        return Response(status_code=200)

    return [
        Route("/v1/subscription/events", list_events, methods=["GET"]),
        Route("/v1/subscription", list_subscriptions, methods=["GET"]),
        Route("/v1/subscription", create_subscription, methods=["POST"]),
        Route("/v1/subscription/{subscriptionId}", delete_subscription, methods=["DELETE"]),
    ]
