from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.one_roster_result import OneRosterResult


T = TypeVar("T", bound="ExportCandidate")


@_attrs_define
class ExportCandidate:
    """
    Attributes:
        result (OneRosterResult | Unset):
    """

    result: OneRosterResult | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.one_roster_result import OneRosterResult

        d = dict(src_dict)
        _result = d.pop("result", UNSET)
        result: OneRosterResult | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = OneRosterResult.from_dict(_result)

        export_candidate = cls(
            result=result,
        )

        export_candidate.additional_properties = d
        return export_candidate

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
