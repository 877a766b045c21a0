from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TestOption")


@_attrs_define
class TestOption:
    """
    Attributes:
        option (str): SEB_SETTINGS_PINCODE, LOCKDOWN_BROWSER, LOCKDOWN_QUIT_CODE, LOCKDOWN_CHROME_KIOSK,
            EXPLANATION_OF_GRADES_ADMINISTRATION_ENABLED, ...
        value (Any | Unset): String or boolean, depending on the option.
    """

    option: str
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        option = self.option

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "option": option,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        option = d.pop("option")

        value = d.pop("value", UNSET)

        test_option = cls(
            option=option,
            value=value,
        )

        test_option.additional_properties = d
        return test_option

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
