from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OneRosterReference")


@_attrs_define
class OneRosterReference:
    """
    Attributes:
        href (str | Unset):
        sourced_id (int | Unset):
        type_ (str | Unset):
    """

    href: str | Unset = UNSET
    sourced_id: int | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        sourced_id = self.sourced_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if href is not UNSET:
            field_dict["href"] = href
        if sourced_id is not UNSET:
            field_dict["sourcedId"] = sourced_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        href = d.pop("href", UNSET)

        sourced_id = d.pop("sourcedId", UNSET)

        type_ = d.pop("type", UNSET)

        one_roster_reference = cls(
            href=href,
            sourced_id=sourced_id,
            type_=type_,
        )

        one_roster_reference.additional_properties = d
        return one_roster_reference

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
