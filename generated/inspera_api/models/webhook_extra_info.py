from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookExtraInfo")


@_attrs_define
class WebhookExtraInfo:
    """Event-specific; its value types vary by event (string, date, JSON, ...).

    Attributes:
        previous_value (Any | Unset): Previous value for status-change events.
        value (Any | Unset): Object or value; for exports it holds signedResponseUrl.
    """

    previous_value: Any | Unset = UNSET
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        previous_value = self.previous_value

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if previous_value is not UNSET:
            field_dict["previousValue"] = previous_value
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        previous_value = d.pop("previousValue", UNSET)

        value = d.pop("value", UNSET)

        webhook_extra_info = cls(
            previous_value=previous_value,
            value=value,
        )

        webhook_extra_info.additional_properties = d
        return webhook_extra_info

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
