"""The token exchange, exactly as Inspera documents it."""

from __future__ import annotations

import asyncio
import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .state import SimulatorState

# How long an exchange stays "in flight" while the conflict knob is on, so overlapping calls can collide.
EXCHANGE_WINDOW = 0.05


def routes(state: SimulatorState) -> list[Route]:
    async def exchange_token(request: Request) -> Response:
        query = request.query_params
        if query.get("grant_type") != "authorization_code":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        client_id, code = query.get("client_id"), request.headers.get("code")
        if not client_id or code is None:
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        if state.faults.conflicting_exchanges:
            if state.exchanges_in_flight:
                return JSONResponse(
                    {"error": "Multiple tokens for user", "description": "Please contact inspera support"},
                    status_code=409,
                )
            state.exchanges_in_flight += 1
            try:
                await asyncio.sleep(EXCHANGE_WINDOW)
            finally:
                state.exchanges_in_flight -= 1
        settings = state.settings
        valid_client = hmac.compare_digest(client_id.encode(), settings.client_id.encode())
        valid_key = hmac.compare_digest(code.encode(), settings.api_key.encode())
        if not (valid_client and valid_key):
            return JSONResponse({"error": "invalid_grant"}, status_code=401)
        token = state.tokens.issue()
        state.stats.count_exchange()
        return JSONResponse({"access_token": token, "expires_in": state.tokens.expires_in})

    return [Route("/authenticate/token/", exchange_token, methods=["POST"])]
