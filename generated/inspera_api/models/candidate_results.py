from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluation_round import EvaluationRound
    from ..models.external_user_id import ExternalUserId


T = TypeVar("T", bound="CandidateResults")


@_attrs_define
class CandidateResults:
    """The file behind a candidate-results export's signed URL: every evaluation round of one candidate on one test.

    Attributes:
        assessment_run_end_time (datetime.datetime | Unset):
        assessment_run_id (int | Unset):
        assessment_run_start_time (datetime.datetime | Unset):
        assessment_run_title (str | Unset):
        candidate_id (str | Unset):
        evaluation_rounds (list[EvaluationRound] | Unset):
        ext_inspera_session_id (str | Unset):
        external_user_ids (list[ExternalUserId] | Unset):
        task_id (str | Unset):
        user_id (str | Unset):
    """

    assessment_run_end_time: datetime.datetime | Unset = UNSET
    assessment_run_id: int | Unset = UNSET
    assessment_run_start_time: datetime.datetime | Unset = UNSET
    assessment_run_title: str | Unset = UNSET
    candidate_id: str | Unset = UNSET
    evaluation_rounds: list[EvaluationRound] | Unset = UNSET
    ext_inspera_session_id: str | Unset = UNSET
    external_user_ids: list[ExternalUserId] | Unset = UNSET
    task_id: str | Unset = UNSET
    user_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessment_run_end_time: str | Unset = UNSET
        if not isinstance(self.assessment_run_end_time, Unset):
            assessment_run_end_time = self.assessment_run_end_time.isoformat()

        assessment_run_id = self.assessment_run_id

        assessment_run_start_time: str | Unset = UNSET
        if not isinstance(self.assessment_run_start_time, Unset):
            assessment_run_start_time = self.assessment_run_start_time.isoformat()

        assessment_run_title = self.assessment_run_title

        candidate_id = self.candidate_id

        evaluation_rounds: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evaluation_rounds, Unset):
            evaluation_rounds = []
            for evaluation_rounds_item_data in self.evaluation_rounds:
                evaluation_rounds_item = evaluation_rounds_item_data.to_dict()
                evaluation_rounds.append(evaluation_rounds_item)

        ext_inspera_session_id = self.ext_inspera_session_id

        external_user_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.external_user_ids, Unset):
            external_user_ids = []
            for external_user_ids_item_data in self.external_user_ids:
                external_user_ids_item = external_user_ids_item_data.to_dict()
                external_user_ids.append(external_user_ids_item)

        task_id = self.task_id

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if assessment_run_end_time is not UNSET:
            field_dict["assessmentRunEndTime"] = assessment_run_end_time
        if assessment_run_id is not UNSET:
            field_dict["assessmentRunId"] = assessment_run_id
        if assessment_run_start_time is not UNSET:
            field_dict["assessmentRunStartTime"] = assessment_run_start_time
        if assessment_run_title is not UNSET:
            field_dict["assessmentRunTitle"] = assessment_run_title
        if candidate_id is not UNSET:
            field_dict["candidateId"] = candidate_id
        if evaluation_rounds is not UNSET:
            field_dict["evaluationRounds"] = evaluation_rounds
        if ext_inspera_session_id is not UNSET:
            field_dict["ext_inspera_sessionId"] = ext_inspera_session_id
        if external_user_ids is not UNSET:
            field_dict["externalUserIds"] = external_user_ids
        if task_id is not UNSET:
            field_dict["taskId"] = task_id
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evaluation_round import EvaluationRound
        from ..models.external_user_id import ExternalUserId

        d = dict(src_dict)
        _assessment_run_end_time = d.pop("assessmentRunEndTime", UNSET)
        assessment_run_end_time: datetime.datetime | Unset
        if isinstance(_assessment_run_end_time, Unset):
            assessment_run_end_time = UNSET
        else:
            assessment_run_end_time = datetime.datetime.fromisoformat(
                _assessment_run_end_time
            )

        assessment_run_id = d.pop("assessmentRunId", UNSET)

        _assessment_run_start_time = d.pop("assessmentRunStartTime", UNSET)
        assessment_run_start_time: datetime.datetime | Unset
        if isinstance(_assessment_run_start_time, Unset):
            assessment_run_start_time = UNSET
        else:
            assessment_run_start_time = datetime.datetime.fromisoformat(
                _assessment_run_start_time
            )

        assessment_run_title = d.pop("assessmentRunTitle", UNSET)

        candidate_id = d.pop("candidateId", UNSET)

        _evaluation_rounds = d.pop("evaluationRounds", UNSET)
        evaluation_rounds: list[EvaluationRound] | Unset = UNSET
        if _evaluation_rounds is not UNSET:
            evaluation_rounds = []
            for evaluation_rounds_item_data in _evaluation_rounds:
                evaluation_rounds_item = EvaluationRound.from_dict(
                    evaluation_rounds_item_data
                )

                evaluation_rounds.append(evaluation_rounds_item)

        ext_inspera_session_id = d.pop("ext_inspera_sessionId", UNSET)

        _external_user_ids = d.pop("externalUserIds", UNSET)
        external_user_ids: list[ExternalUserId] | Unset = UNSET
        if _external_user_ids is not UNSET:
            external_user_ids = []
            for external_user_ids_item_data in _external_user_ids:
                external_user_ids_item = ExternalUserId.from_dict(
                    external_user_ids_item_data
                )

                external_user_ids.append(external_user_ids_item)

        task_id = d.pop("taskId", UNSET)

        user_id = d.pop("userId", UNSET)

        candidate_results = cls(
            assessment_run_end_time=assessment_run_end_time,
            assessment_run_id=assessment_run_id,
            assessment_run_start_time=assessment_run_start_time,
            assessment_run_title=assessment_run_title,
            candidate_id=candidate_id,
            evaluation_rounds=evaluation_rounds,
            ext_inspera_session_id=ext_inspera_session_id,
            external_user_ids=external_user_ids,
            task_id=task_id,
            user_id=user_id,
        )

        candidate_results.additional_properties = d
        return candidate_results

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
