from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SectionMetadata")


@_attrs_define
class SectionMetadata:
    """
    Attributes:
        data_type (str | Unset):
        id (int | Unset):
        name (str | Unset):
        value_text (list[str] | Unset):
    """

    data_type: str | Unset = UNSET
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    value_text: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_type = self.data_type

        id = self.id

        name = self.name

        value_text: list[str] | Unset = UNSET
        if not isinstance(self.value_text, Unset):
            value_text = self.value_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data_type is not UNSET:
            field_dict["dataType"] = data_type
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if value_text is not UNSET:
            field_dict["valueText"] = value_text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data_type = d.pop("dataType", UNSET)

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        value_text = cast(list[str], d.pop("valueText", UNSET))

        section_metadata = cls(
            data_type=data_type,
            id=id,
            name=name,
            value_text=value_text,
        )

        section_metadata.additional_properties = d
        return section_metadata

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
