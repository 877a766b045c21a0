"""`client.webhooks`: the event types on offer and the subscriptions that deliver them."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from .base import Body, Call, M, Namespace, body, call, operation

if TYPE_CHECKING:
    from inspera_api.models.subscription import Subscription
    from inspera_api.models.subscription_request import SubscriptionRequest


class Webhooks(Namespace[M]):
    """Webhook subscriptions; verify deliveries with `inspera.webhooks.verify_signature`."""

    attribute = "webhooks"

    @operation("GET /v1/subscription/events", "webhooks.list_webhook_events")
    def events(self) -> Call[builtins.list[str]]:
        """Names of the events a subscription can ask for."""
        return call()

    @operation("GET /v1/subscription", "webhooks.list_subscriptions")
    def list(self) -> Call[builtins.list[Subscription]]:
        """The current subscriptions."""
        return call()

    @operation("POST /v1/subscription", "webhooks.create_subscription")
    def subscribe(
        self, subscription: SubscriptionRequest | Body, *, extra_body: Body | None = None
    ) -> Call[Subscription]:
        """Register an endpoint for an event; Inspera verifies the endpoint before it accepts the subscription."""
        return call(body=body("subscription_request", "SubscriptionRequest", subscription, extra_body))

    @operation("DELETE /v1/subscription/{subscriptionId}", "webhooks.delete_subscription")
    def unsubscribe(self, subscription_id: str) -> Call[Any]:
        """Delete a subscription."""
        return call(subscription_id=subscription_id)
