from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommitteeMoveRequest")


@_attrs_define
class CommitteeMoveRequest:
    """Body not captured from the documentation; field names are inferred.

    Attributes:
        external_ids (list[str]):
        to_committee (str):
        from_committee (str | Unset):
    """

    external_ids: list[str]
    to_committee: str
    from_committee: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_ids = self.external_ids

        to_committee = self.to_committee

        from_committee = self.from_committee

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "externalIds": external_ids,
                "toCommittee": to_committee,
            }
        )
        if from_committee is not UNSET:
            field_dict["fromCommittee"] = from_committee

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        external_ids = cast(list[str], d.pop("externalIds"))

        to_committee = d.pop("toCommittee")

        from_committee = d.pop("fromCommittee", UNSET)

        committee_move_request = cls(
            external_ids=external_ids,
            to_committee=to_committee,
            from_committee=from_committee,
        )

        committee_move_request.additional_properties = d
        return committee_move_request

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
