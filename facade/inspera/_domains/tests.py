"""`client.tests`: test metadata, search, create/update, activation, options, candidates, contributors, committees."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from inspera.errors import InvalidArgumentError

from .base import Body, Call, M, Namespace, call, operation
from .base import body as _body
from .external import TestRef, external_system_arg, test_reference

if TYPE_CHECKING:
    from inspera_api.models.candidates_request import CandidatesRequest
    from inspera_api.models.committee_move_request import CommitteeMoveRequest
    from inspera_api.models.committee_remove_request import CommitteeRemoveRequest
    from inspera_api.models.committees_request import CommitteesRequest
    from inspera_api.models.contributor import Contributor
    from inspera_api.models.contributors_request import ContributorsRequest
    from inspera_api.models.operation_result import OperationResult
    from inspera_api.models.success_response import SuccessResponse
    from inspera_api.models.test_create_request import TestCreateRequest
    from inspera_api.models.test_create_response import TestCreateResponse
    from inspera_api.models.test_metadata import TestMetadata
    from inspera_api.models.test_options_request import TestOptionsRequest
    from inspera_api.models.test_search_hit import TestSearchHit
    from inspera_api.models.test_search_response import TestSearchResponse

log = logging.getLogger("inspera")


def _hits(response: TestSearchResponse) -> list[TestSearchHit]:
    # The search endpoint documents no page parameter, so there is no further page to ask for; a response that
    # counts more matches than it carries is reported rather than silently taken as complete.
    from .._calls.fields import value_or

    results: list[TestSearchHit] = value_or(response.results, [])  # not sent, or null where the spec allows it
    hits = list(results)
    total = response.hits
    if isinstance(total, int) and total > len(hits):
        log.warning(
            "test search matched %d tests but the response carries %d; narrow the search to see the rest",
            total, len(hits),
        )
    return hits


def _options_body(value: TestOptionsRequest | Body, extra_body: Body | None) -> TestOptionsRequest:
    # Older documentation spelled the general group `generalOption`; the server never read that key, so a body
    # using it would be accepted and silently do nothing. Named here before the strict check, whose generic
    # "did you mean" would not say why; a model instance can still carry it in additional_properties.
    given = value.get("testOptions") if isinstance(value, Mapping) else None
    if isinstance(given, Mapping) and "generalOption" in given:
        raise _general_option()
    model: TestOptionsRequest = _body("test_options_request", "TestOptionsRequest", value, extra_body)
    extra: Mapping[str, Any] = getattr(model.test_options, "additional_properties", {})
    if "generalOption" in extra:
        raise _general_option()
    return model


def _general_option() -> InvalidArgumentError:
    return InvalidArgumentError(
        "testOptions.generalOption is ignored by Inspera (a documentation error): use generalOptions",
        field="testOptions.generalOption",
        suggestion="testOptions.generalOptions",
    )


class Tests(Namespace[M]):
    """Tests (Inspera "assessment runs"); a test id is the `assessmentRunId` seen in search results and webhooks.

    Methods taking `is_external=True` address a test by its external id instead (a string); `external_system` names
    the system that owns that id (Inspera's default is `API`). An external id containing `/` is sent base64-encoded
    with `b64encodedExternalTestId=true`, because a `/` cannot travel in a path segment.
    """

    attribute = "tests"

    @operation("GET /v1/test/{testId}", "tests.get_test")
    def get(self, test_id: int) -> Call[TestMetadata]:
        """Metadata of one test."""
        return call(test_id=test_id)

    @operation("GET /v1/test/search", "tests.search_tests")
    def search(
        self,
        *,
        title: str | None = None,
        external_test_id: str | None = None,
        query: str | None = None,
        external_system: str | None = None,
    ) -> Call[list[TestSearchHit]]:
        """Tests matching a title, an external test id (of `external_system`, default API) or a filter query."""
        if external_system is not None and external_test_id is None:
            raise InvalidArgumentError("external_system applies only together with external_test_id")
        spec = call(
            title=title, external_test_id=external_test_id, query=query,
            external_system=external_system_arg(external_system),
        )
        return Call(spec.kwargs, _hits)

    @operation("POST /v1/test", "tests.create_or_update_test")
    def create_or_update(
        self,
        body: TestCreateRequest | Body,
        *,
        is_external: bool | None = None,
        external_system: str | None = None,
        extra_body: Body | None = None,
    ) -> Call[TestCreateResponse]:
        """Create a test, or update the one with the same external id (owned by `external_system`, default API)."""
        return call(
            body=_body("test_create_request", "TestCreateRequest", body, extra_body),
            is_external=is_external,
            external_system=external_system_arg(external_system),
        )

    @operation("POST /v1/test/{testId}/activate", "tests.activate_test")
    def activate(self, test_id: int) -> Call[None]:
        """Activate a test so that its candidates see it at once; BadRequestError says why a test cannot be."""
        return call(test_id=test_id)

    @operation("POST /v1/test/{testId}/options", "tests.set_test_options")
    def set_options(
        self, test_id: int, body: TestOptionsRequest | Body, *, extra_body: Body | None = None
    ) -> Call[SuccessResponse]:
        """Change a test's options (groups securityOptions, examDayOptions, explanationOptions, generalOptions)."""
        return call(test_id=test_id, body=_options_body(body, extra_body))

    @operation("POST /v1/test/{testId}/candidates", "tests.add_candidates")
    def add_candidates(
        self, test_id: int, body: CandidatesRequest | Body, *, extra_body: Body | None = None
    ) -> Call[OperationResult]:
        """Add candidates (with extra time, building and room, or removeRoomName/removeBuildingName) to a test."""
        return call(test_id=test_id, body=_body("candidates_request", "CandidatesRequest", body, extra_body))

    @operation("POST /v1/test/{testId}/contributors", "tests.add_contributors")
    def add_contributors(
        self, test_id: int, body: ContributorsRequest | Body, *, extra_body: Body | None = None
    ) -> Call[OperationResult]:
        """Add contributors (graders, planners, ...) to a test."""
        return call(test_id=test_id, body=_body("contributors_request", "ContributorsRequest", body, extra_body))

    @operation("GET /v1/test/{testId}/contributors", "tests.list_contributors")
    def list_contributors(self, test_id: int) -> Call[list[Contributor]]:
        """The contributors of a test."""
        return call(test_id=test_id)

    @operation("POST /v1/test/{testId}/committees", "tests.create_committees")
    def create_committees(
        self, test_id: TestRef, body: CommitteesRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Create grading committees on a test."""
        model = _body("committees_request", "CommitteesRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))

    @operation("DELETE /v1/test/{testId}/committees", "tests.delete_committees")
    def delete_committees(
        self, test_id: TestRef, body: CommitteesRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Delete grading committees from a test."""
        model = _body("committees_request", "CommitteesRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))

    @operation("POST /v1/test/{testId}/committees/candidates/move", "tests.move_committee_candidates")
    def move_committee_candidates(
        self, test_id: TestRef, body: CommitteeMoveRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Move candidates between committees."""
        model = _body("committee_move_request", "CommitteeMoveRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))

    @operation("POST /v1/test/{testId}/committees/contributors/move", "tests.move_committee_contributors")
    def move_committee_contributors(
        self, test_id: TestRef, body: CommitteeMoveRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Move contributors between committees."""
        model = _body("committee_move_request", "CommitteeMoveRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))

    @operation("POST /v1/test/{testId}/committees/candidates/remove", "tests.remove_committee_candidates")
    def remove_committee_candidates(
        self, test_id: TestRef, body: CommitteeRemoveRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Remove candidates from committees."""
        model = _body("committee_remove_request", "CommitteeRemoveRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))

    @operation("POST /v1/test/{testId}/committees/contributors/remove", "tests.remove_committee_contributors")
    def remove_committee_contributors(
        self, test_id: TestRef, body: CommitteeRemoveRequest | Body, *, is_external: bool | None = None,
        external_system: str | None = None, extra_body: Body | None = None,
    ) -> Call[OperationResult]:
        """Remove contributors from committees."""
        model = _body("committee_remove_request", "CommitteeRemoveRequest", body, extra_body)
        return call(body=model, **test_reference(test_id, is_external=is_external, external_system=external_system))
