from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.test_options import TestOptions


T = TypeVar("T", bound="TestOptionsRequest")


@_attrs_define
class TestOptionsRequest:
    """
    Attributes:
        test_options (TestOptions): Option groups. The general group's key is generalOptions: the older documentation's
            generalOption was a documentation bug, and the server never read it.
    """

    test_options: TestOptions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        test_options = self.test_options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "testOptions": test_options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.test_options import TestOptions

        d = dict(src_dict)
        test_options = TestOptions.from_dict(d.pop("testOptions"))

        test_options_request = cls(
            test_options=test_options,
        )

        test_options_request.additional_properties = d
        return test_options_request

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
