from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CandidateExternalId")


@_attrs_define
class CandidateExternalId:
    """
    Attributes:
        ext_inspera_auth_type (str | Unset):
        ext_inspera_external_id (str | Unset):
    """

    ext_inspera_auth_type: str | Unset = UNSET
    ext_inspera_external_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_auth_type = self.ext_inspera_auth_type

        ext_inspera_external_id = self.ext_inspera_external_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_auth_type is not UNSET:
            field_dict["ext_inspera_authType"] = ext_inspera_auth_type
        if ext_inspera_external_id is not UNSET:
            field_dict["ext_inspera_externalId"] = ext_inspera_external_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ext_inspera_auth_type = d.pop("ext_inspera_authType", UNSET)

        ext_inspera_external_id = d.pop("ext_inspera_externalId", UNSET)

        candidate_external_id = cls(
            ext_inspera_auth_type=ext_inspera_auth_type,
            ext_inspera_external_id=ext_inspera_external_id,
        )

        candidate_external_id.additional_properties = d
        return candidate_external_id

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
