"""`client.results`: one candidate's results on one test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Call, M, Namespace, call, operation

if TYPE_CHECKING:
    from inspera_api.models.candidate_results import CandidateResults


class Results(Namespace[M]):
    """Results read synchronously; whole-test results come from `client.exports`."""

    attribute = "results"

    @operation("GET /v1/candidates/allResults/{testId}/{userId}", "results.get_candidate_results")
    def candidate(self, test_id: int, user_id: int) -> Call[CandidateResults]:
        """Evaluation-round results of candidate `user_id` on test `test_id`."""
        return call(test_id=test_id, user_id=user_id)
