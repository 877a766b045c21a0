"""`client.users`: look users up by id or external id, create learners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Body, Call, M, Namespace, body, call, operation

if TYPE_CHECKING:
    from inspera_api.models.student_request import StudentRequest
    from inspera_api.models.student_response import StudentResponse
    from inspera_api.models.user import User


class Users(Namespace[M]):
    """Inspera users (candidates and staff)."""

    attribute = "users"

    @operation("GET /v1/users/{userId}", "users.get_user")
    def get(self, user_id: int) -> Call[User]:
        """One user by Inspera user id."""
        return call(user_id=user_id)

    @operation("GET /v1/users/external/{authType}/{externalId}", "users.find_users_by_external_id")
    def find_by_external_id(
        self, auth_type: str, external_id: str, *, include_student: bool | None = None
    ) -> Call[list[User]]:
        """Users carrying an external id of the given authentication type (e.g. a FEIDE id)."""
        return call(auth_type=auth_type, external_id=external_id, include_student=include_student)

    @operation("POST /v1/users/student", "users.create_or_update_student")
    def create_student(
        self, student: StudentRequest | Body, *, extra_body: Body | None = None
    ) -> Call[StudentResponse]:
        """Create a learner. Since May 2023 Inspera refuses a username that already exists (BadRequestError)."""
        return call(body=body("student_request", "StudentRequest", student, extra_body))
