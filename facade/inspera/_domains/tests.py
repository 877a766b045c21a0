"""`client.tests`: test metadata, search, create/update, options, candidates, contributors and committees."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .base import Body, Call, M, Namespace, call, operation
from .base import body as _body

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
    from inspera_api.types import Unset

    hits = [] if isinstance(response.results, Unset) else list(response.results)
    total = response.hits
    if isinstance(total, int) and total > len(hits):
        log.warning(
            "test search matched %d tests but the response carries %d; narrow the search to see the rest",
            total, len(hits),
        )
    return hits


class Tests(Namespace[M]):
    """Tests (Inspera "assessment runs"); a test id is the `assessmentRunId` seen in search results and webhooks."""

    attribute = "tests"

    @operation("GET /v1/test/{testId}", "tests.get_test")
    def get(self, test_id: int) -> Call[TestMetadata]:
        """Metadata of one test."""
        return call(test_id=test_id)

    @operation("GET /v1/test/search", "tests.search_tests")
    def search(
        self, *, title: str | None = None, external_test_id: str | None = None, query: str | None = None
    ) -> Call[list[TestSearchHit]]:
        """Tests matching a title, an external test id or a filter query; returns every hit of the response."""
        spec = call(title=title, external_test_id=external_test_id, query=query)
        return Call(spec.kwargs, _hits)

    @operation("POST /v1/test", "tests.create_or_update_test")
    def create_or_update(
        self, body: TestCreateRequest | Body, *, is_external: bool | None = None
    ) -> Call[TestCreateResponse]:
        """Create a test, or update the one with the same external id."""
        return call(body=_body("test_create_request", "TestCreateRequest", body), is_external=is_external)

    @operation("POST /v1/test/{testId}/options", "tests.set_test_options")
    def set_options(self, test_id: int, body: TestOptionsRequest | Body) -> Call[SuccessResponse]:
        """Change a test's options."""
        return call(test_id=test_id, body=_body("test_options_request", "TestOptionsRequest", body))

    @operation("POST /v1/test/{testId}/candidates", "tests.add_candidates")
    def add_candidates(self, test_id: int, body: CandidatesRequest | Body) -> Call[OperationResult]:
        """Add candidates (with optional extra time, building and room) to a test."""
        return call(test_id=test_id, body=_body("candidates_request", "CandidatesRequest", body))

    @operation("POST /v1/test/{testId}/contributors", "tests.add_contributors")
    def add_contributors(self, test_id: int, body: ContributorsRequest | Body) -> Call[OperationResult]:
        """Add contributors (graders, planners, ...) to a test."""
        return call(test_id=test_id, body=_body("contributors_request", "ContributorsRequest", body))

    @operation("GET /v1/test/{testId}/contributors", "tests.list_contributors")
    def list_contributors(self, test_id: int) -> Call[list[Contributor]]:
        """The contributors of a test."""
        return call(test_id=test_id)

    @operation("POST /v1/test/{testId}/committees", "tests.create_committees")
    def create_committees(
        self, test_id: int, body: CommitteesRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Create grading committees on a test."""
        return call(
            test_id=test_id, body=_body("committees_request", "CommitteesRequest", body), is_external=is_external
        )

    @operation("DELETE /v1/test/{testId}/committees", "tests.delete_committees")
    def delete_committees(
        self, test_id: int, body: CommitteesRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Delete grading committees from a test."""
        return call(
            test_id=test_id, body=_body("committees_request", "CommitteesRequest", body), is_external=is_external
        )

    @operation("POST /v1/test/{testId}/committees/candidates/move", "tests.move_committee_candidates")
    def move_committee_candidates(
        self, test_id: int, body: CommitteeMoveRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Move candidates between committees."""
        return call(
            test_id=test_id, body=_body("committee_move_request", "CommitteeMoveRequest", body), is_external=is_external
        )

    @operation("POST /v1/test/{testId}/committees/contributors/move", "tests.move_committee_contributors")
    def move_committee_contributors(
        self, test_id: int, body: CommitteeMoveRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Move contributors between committees."""
        return call(
            test_id=test_id, body=_body("committee_move_request", "CommitteeMoveRequest", body), is_external=is_external
        )

    @operation("POST /v1/test/{testId}/committees/candidates/remove", "tests.remove_committee_candidates")
    def remove_committee_candidates(
        self, test_id: int, body: CommitteeRemoveRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Remove candidates from committees."""
        return call(
            test_id=test_id,
            body=_body("committee_remove_request", "CommitteeRemoveRequest", body),
            is_external=is_external,
        )

    @operation("POST /v1/test/{testId}/committees/contributors/remove", "tests.remove_committee_contributors")
    def remove_committee_contributors(
        self, test_id: int, body: CommitteeRemoveRequest | Body, *, is_external: bool | None = None
    ) -> Call[OperationResult]:
        """Remove contributors from committees."""
        return call(
            test_id=test_id,
            body=_body("committee_remove_request", "CommitteeRemoveRequest", body),
            is_external=is_external,
        )
