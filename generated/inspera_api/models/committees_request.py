from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.committee import Committee


T = TypeVar("T", bound="CommitteesRequest")


@_attrs_define
class CommitteesRequest:
    """
    Attributes:
        committees (list[Committee]):
    """

    committees: list[Committee]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        committees = []
        for committees_item_data in self.committees:
            committees_item = committees_item_data.to_dict()
            committees.append(committees_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "committees": committees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.committee import Committee

        d = dict(src_dict)
        committees = []
        _committees = d.pop("committees")
        for committees_item_data in _committees:
            committees_item = Committee.from_dict(committees_item_data)

            committees.append(committees_item)

        committees_request = cls(
            committees=committees,
        )

        committees_request.additional_properties = d
        return committees_request

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
