from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.external_user_id import ExternalUserId


T = TypeVar("T", bound="Contributor")


@_attrs_define
class Contributor:
    """
    Attributes:
        committees (list[str] | Unset):
        external_user_ids (list[ExternalUserId] | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        roles (list[str] | Unset):
        user_id (int | Unset):
        user_name (str | Unset):
    """

    committees: list[str] | Unset = UNSET
    external_user_ids: list[ExternalUserId] | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    roles: list[str] | Unset = UNSET
    user_id: int | Unset = UNSET
    user_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        committees: list[str] | Unset = UNSET
        if not isinstance(self.committees, Unset):
            committees = self.committees

        external_user_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.external_user_ids, Unset):
            external_user_ids = []
            for external_user_ids_item_data in self.external_user_ids:
                external_user_ids_item = external_user_ids_item_data.to_dict()
                external_user_ids.append(external_user_ids_item)

        first_name = self.first_name

        last_name = self.last_name

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = self.roles

        user_id = self.user_id

        user_name = self.user_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if committees is not UNSET:
            field_dict["committees"] = committees
        if external_user_ids is not UNSET:
            field_dict["externalUserIds"] = external_user_ids
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if roles is not UNSET:
            field_dict["roles"] = roles
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if user_name is not UNSET:
            field_dict["userName"] = user_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.external_user_id import ExternalUserId

        d = dict(src_dict)
        committees = cast(list[str], d.pop("committees", UNSET))

        _external_user_ids = d.pop("externalUserIds", UNSET)
        external_user_ids: list[ExternalUserId] | Unset = UNSET
        if _external_user_ids is not UNSET:
            external_user_ids = []
            for external_user_ids_item_data in _external_user_ids:
                external_user_ids_item = ExternalUserId.from_dict(
                    external_user_ids_item_data
                )

                external_user_ids.append(external_user_ids_item)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        roles = cast(list[str], d.pop("roles", UNSET))

        user_id = d.pop("userId", UNSET)

        user_name = d.pop("userName", UNSET)

        contributor = cls(
            committees=committees,
            external_user_ids=external_user_ids,
            first_name=first_name,
            last_name=last_name,
            roles=roles,
            user_id=user_id,
            user_name=user_name,
        )

        contributor.additional_properties = d
        return contributor

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
