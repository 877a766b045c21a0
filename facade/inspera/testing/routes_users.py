"""Users: get by id, look up by external identity, create learners."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .http import bad_request, flag, json_object, not_found, path_int
from .model import User
from .rules import RuleViolation, check_username
from .state import SimulatorState


def routes(state: SimulatorState) -> list[Route]:
    async def get_user(request: Request) -> Response:
        user = state.users.get(path_int(request, "userId"))
        if user is None:
            raise not_found("no such user")
        return JSONResponse(user.to_json())

    async def find_users_by_external_id(request: Request) -> Response:
        auth_type, external_id = request.path_params["authType"], request.path_params["externalId"]
        found = state.find_user_by_external_id(auth_type, external_id)
        if not flag(request, "includeStudent"):
            found = [u for u in found if not u.is_student]
        if not found:
            raise not_found("no user with that external identity")
        return JSONResponse([u.to_json() for u in found])

    async def create_student(request: Request) -> Response:
        body = await json_object(request)
        try:
            username = check_username(body.get("username"))
        except RuleViolation as violation:
            raise bad_request(str(violation)) from None
        fields = {name: body.get(name) for name in ("firstName", "lastName", "email", "password")}
        for name, value in fields.items():
            if value is not None and not isinstance(value, str):
                raise bad_request(f"'{name}' must be a string")
        if state.find_user_by_username(username) is not None:
            # Since May 2023 Inspera refuses a username that exists; before, it silently created a duplicate.
            raise bad_request(f"the username {username!r} already exists")
        user_id = state.new_id()
        # The username is the learner's key: it is set once and never changes.
        user = User(user_id, username, fields["firstName"] or "", fields["lastName"] or "", fields["email"] or "",
                    [("INSPERA", username)], True)
        state.users[user_id] = user
        return JSONResponse({"success": True, "username": user.username})

    return [
        Route("/v1/users/{userId:int}", get_user, methods=["GET"]),
        Route("/v1/users/external/{authType}/{externalId}", find_users_by_external_id, methods=["GET"]),
        Route("/v1/users/student", create_student, methods=["POST"]),
    ]
