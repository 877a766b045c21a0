from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluation_score_details import EvaluationScoreDetails


T = TypeVar("T", bound="Evaluation")


@_attrs_define
class Evaluation:
    """
    Attributes:
        evaluator_id (int | Unset): -1 in round 1 means automatic marking.
        score (float | Unset):
        score_details (EvaluationScoreDetails | Unset):
    """

    evaluator_id: int | Unset = UNSET
    score: float | Unset = UNSET
    score_details: EvaluationScoreDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluator_id = self.evaluator_id

        score = self.score

        score_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.score_details, Unset):
            score_details = self.score_details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if evaluator_id is not UNSET:
            field_dict["evaluatorId"] = evaluator_id
        if score is not UNSET:
            field_dict["score"] = score
        if score_details is not UNSET:
            field_dict["scoreDetails"] = score_details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evaluation_score_details import EvaluationScoreDetails

        d = dict(src_dict)
        evaluator_id = d.pop("evaluatorId", UNSET)

        score = d.pop("score", UNSET)

        _score_details = d.pop("scoreDetails", UNSET)
        score_details: EvaluationScoreDetails | Unset
        if isinstance(_score_details, Unset):
            score_details = UNSET
        else:
            score_details = EvaluationScoreDetails.from_dict(_score_details)

        evaluation = cls(
            evaluator_id=evaluator_id,
            score=score,
            score_details=score_details,
        )

        evaluation.additional_properties = d
        return evaluation

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
