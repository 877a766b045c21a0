from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_assignment import CandidateAssignment


T = TypeVar("T", bound="CandidatesRequest")


@_attrs_define
class CandidatesRequest:
    """Body not captured from the documentation; shaped like the contributors body. A test holds at most 1,500 candidates.

    Attributes:
        candidates (list[CandidateAssignment]):
        authentication_system (str | Unset): FEIDE, EMAIL, INSPERA, LTI, ...
    """

    candidates: list[CandidateAssignment]
    authentication_system: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        candidates = []
        for candidates_item_data in self.candidates:
            candidates_item = candidates_item_data.to_dict()
            candidates.append(candidates_item)

        authentication_system = self.authentication_system

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "candidates": candidates,
            }
        )
        if authentication_system is not UNSET:
            field_dict["authenticationSystem"] = authentication_system

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.candidate_assignment import CandidateAssignment

        d = dict(src_dict)
        candidates = []
        _candidates = d.pop("candidates")
        for candidates_item_data in _candidates:
            candidates_item = CandidateAssignment.from_dict(candidates_item_data)

            candidates.append(candidates_item)

        authentication_system = d.pop("authenticationSystem", UNSET)

        candidates_request = cls(
            candidates=candidates,
            authentication_system=authentication_system,
        )

        candidates_request.additional_properties = d
        return candidates_request

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
