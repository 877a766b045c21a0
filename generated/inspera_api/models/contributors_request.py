from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contributor_assignment import ContributorAssignment


T = TypeVar("T", bound="ContributorsRequest")


@_attrs_define
class ContributorsRequest:
    """
    Attributes:
        contributors (list[ContributorAssignment]):
        authentication_system (str | Unset):
    """

    contributors: list[ContributorAssignment]
    authentication_system: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contributors = []
        for contributors_item_data in self.contributors:
            contributors_item = contributors_item_data.to_dict()
            contributors.append(contributors_item)

        authentication_system = self.authentication_system

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contributors": contributors,
            }
        )
        if authentication_system is not UNSET:
            field_dict["authenticationSystem"] = authentication_system

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contributor_assignment import ContributorAssignment

        d = dict(src_dict)
        contributors = []
        _contributors = d.pop("contributors")
        for contributors_item_data in _contributors:
            contributors_item = ContributorAssignment.from_dict(contributors_item_data)

            contributors.append(contributors_item)

        authentication_system = d.pop("authenticationSystem", UNSET)

        contributors_request = cls(
            contributors=contributors,
            authentication_system=authentication_system,
        )

        contributors_request.additional_properties = d
        return contributors_request

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
