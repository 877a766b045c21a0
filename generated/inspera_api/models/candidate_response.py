from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CandidateResponse")


@_attrs_define
class CandidateResponse:
    """
    Attributes:
        ext_inspera_interaction_alternative (str | Unset):
        ext_inspera_interaction_id (str | Unset):
        ext_inspera_response (str | Unset): HTML for essays.
    """

    ext_inspera_interaction_alternative: str | Unset = UNSET
    ext_inspera_interaction_id: str | Unset = UNSET
    ext_inspera_response: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_interaction_alternative = self.ext_inspera_interaction_alternative

        ext_inspera_interaction_id = self.ext_inspera_interaction_id

        ext_inspera_response = self.ext_inspera_response

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_interaction_alternative is not UNSET:
            field_dict["ext_inspera_interactionAlternative"] = (
                ext_inspera_interaction_alternative
            )
        if ext_inspera_interaction_id is not UNSET:
            field_dict["ext_inspera_interactionId"] = ext_inspera_interaction_id
        if ext_inspera_response is not UNSET:
            field_dict["ext_inspera_response"] = ext_inspera_response

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ext_inspera_interaction_alternative = d.pop(
            "ext_inspera_interactionAlternative", UNSET
        )

        ext_inspera_interaction_id = d.pop("ext_inspera_interactionId", UNSET)

        ext_inspera_response = d.pop("ext_inspera_response", UNSET)

        candidate_response = cls(
            ext_inspera_interaction_alternative=ext_inspera_interaction_alternative,
            ext_inspera_interaction_id=ext_inspera_interaction_id,
            ext_inspera_response=ext_inspera_response,
        )

        candidate_response.additional_properties = d
        return candidate_response

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
