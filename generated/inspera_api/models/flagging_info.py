from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FlaggingInfo")


@_attrs_define
class FlaggingInfo:
    """
    Attributes:
        comment (str | Unset):
        flag_sub_types (list[str] | Unset):
        flag_type (str | Unset):
        severity_level (str | Unset):
    """

    comment: str | Unset = UNSET
    flag_sub_types: list[str] | Unset = UNSET
    flag_type: str | Unset = UNSET
    severity_level: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment = self.comment

        flag_sub_types: list[str] | Unset = UNSET
        if not isinstance(self.flag_sub_types, Unset):
            flag_sub_types = self.flag_sub_types

        flag_type = self.flag_type

        severity_level = self.severity_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if comment is not UNSET:
            field_dict["comment"] = comment
        if flag_sub_types is not UNSET:
            field_dict["flagSubTypes"] = flag_sub_types
        if flag_type is not UNSET:
            field_dict["flagType"] = flag_type
        if severity_level is not UNSET:
            field_dict["severityLevel"] = severity_level

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        comment = d.pop("comment", UNSET)

        flag_sub_types = cast(list[str], d.pop("flagSubTypes", UNSET))

        flag_type = d.pop("flagType", UNSET)

        severity_level = d.pop("severityLevel", UNSET)

        flagging_info = cls(
            comment=comment,
            flag_sub_types=flag_sub_types,
            flag_type=flag_type,
            severity_level=severity_level,
        )

        flagging_info.additional_properties = d
        return flagging_info

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
