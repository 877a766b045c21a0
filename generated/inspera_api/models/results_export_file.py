from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_candidate import ExportCandidate


T = TypeVar("T", bound="ResultsExportFile")


@_attrs_define
class ResultsExportFile:
    """The file behind a results export's signed URL; same structure as the submissions file. Since May 2025 scores are
    rounded to at most 2 decimals, as the UI shows them.

        Attributes:
            ext_inspera_assessment_run_title (str | Unset):
            ext_inspera_candidates (list[ExportCandidate] | Unset):
            ext_inspera_max_total_score (float | Unset):
            line_item_sourced_id (int | Unset):
    """

    ext_inspera_assessment_run_title: str | Unset = UNSET
    ext_inspera_candidates: list[ExportCandidate] | Unset = UNSET
    ext_inspera_max_total_score: float | Unset = UNSET
    line_item_sourced_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_assessment_run_title = self.ext_inspera_assessment_run_title

        ext_inspera_candidates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ext_inspera_candidates, Unset):
            ext_inspera_candidates = []
            for ext_inspera_candidates_item_data in self.ext_inspera_candidates:
                ext_inspera_candidates_item = ext_inspera_candidates_item_data.to_dict()
                ext_inspera_candidates.append(ext_inspera_candidates_item)

        ext_inspera_max_total_score = self.ext_inspera_max_total_score

        line_item_sourced_id = self.line_item_sourced_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_assessment_run_title is not UNSET:
            field_dict["ext_inspera_assessmentRunTitle"] = (
                ext_inspera_assessment_run_title
            )
        if ext_inspera_candidates is not UNSET:
            field_dict["ext_inspera_candidates"] = ext_inspera_candidates
        if ext_inspera_max_total_score is not UNSET:
            field_dict["ext_inspera_maxTotalScore"] = ext_inspera_max_total_score
        if line_item_sourced_id is not UNSET:
            field_dict["lineItemSourcedId"] = line_item_sourced_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.export_candidate import ExportCandidate

        d = dict(src_dict)
        ext_inspera_assessment_run_title = d.pop(
            "ext_inspera_assessmentRunTitle", UNSET
        )

        _ext_inspera_candidates = d.pop("ext_inspera_candidates", UNSET)
        ext_inspera_candidates: list[ExportCandidate] | Unset = UNSET
        if _ext_inspera_candidates is not UNSET:
            ext_inspera_candidates = []
            for ext_inspera_candidates_item_data in _ext_inspera_candidates:
                ext_inspera_candidates_item = ExportCandidate.from_dict(
                    ext_inspera_candidates_item_data
                )

                ext_inspera_candidates.append(ext_inspera_candidates_item)

        ext_inspera_max_total_score = d.pop("ext_inspera_maxTotalScore", UNSET)

        line_item_sourced_id = d.pop("lineItemSourcedId", UNSET)

        results_export_file = cls(
            ext_inspera_assessment_run_title=ext_inspera_assessment_run_title,
            ext_inspera_candidates=ext_inspera_candidates,
            ext_inspera_max_total_score=ext_inspera_max_total_score,
            line_item_sourced_id=line_item_sourced_id,
        )

        results_export_file.additional_properties = d
        return results_export_file

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
