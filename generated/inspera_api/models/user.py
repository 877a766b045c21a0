from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.external_id import ExternalId


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        email (str | Unset):
        external_ids (list[ExternalId] | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        user_id (int | Unset):
        username (str | Unset):
    """

    email: str | Unset = UNSET
    external_ids: list[ExternalId] | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    user_id: int | Unset = UNSET
    username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        external_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = []
            for external_ids_item_data in self.external_ids:
                external_ids_item = external_ids_item_data.to_dict()
                external_ids.append(external_ids_item)

        first_name = self.first_name

        last_name = self.last_name

        user_id = self.user_id

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if external_ids is not UNSET:
            field_dict["externalIds"] = external_ids
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.external_id import ExternalId

        d = dict(src_dict)
        email = d.pop("email", UNSET)

        _external_ids = d.pop("externalIds", UNSET)
        external_ids: list[ExternalId] | Unset = UNSET
        if _external_ids is not UNSET:
            external_ids = []
            for external_ids_item_data in _external_ids:
                external_ids_item = ExternalId.from_dict(external_ids_item_data)

                external_ids.append(external_ids_item)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        user_id = d.pop("userId", UNSET)

        username = d.pop("username", UNSET)

        user = cls(
            email=email,
            external_ids=external_ids,
            first_name=first_name,
            last_name=last_name,
            user_id=user_id,
            username=username,
        )

        user.additional_properties = d
        return user

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
