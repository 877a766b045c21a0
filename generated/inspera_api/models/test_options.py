from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.test_option import TestOption


T = TypeVar("T", bound="TestOptions")


@_attrs_define
class TestOptions:
    """Option groups. The general group's key is generalOptions: the older documentation's generalOption was a
    documentation bug, and the server never read it.

        Attributes:
            exam_day_options (list[TestOption] | Unset):
            explanation_options (list[TestOption] | Unset):
            general_options (list[TestOption] | Unset):
            security_options (list[TestOption] | Unset):
    """

    exam_day_options: list[TestOption] | Unset = UNSET
    explanation_options: list[TestOption] | Unset = UNSET
    general_options: list[TestOption] | Unset = UNSET
    security_options: list[TestOption] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exam_day_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.exam_day_options, Unset):
            exam_day_options = []
            for exam_day_options_item_data in self.exam_day_options:
                exam_day_options_item = exam_day_options_item_data.to_dict()
                exam_day_options.append(exam_day_options_item)

        explanation_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.explanation_options, Unset):
            explanation_options = []
            for explanation_options_item_data in self.explanation_options:
                explanation_options_item = explanation_options_item_data.to_dict()
                explanation_options.append(explanation_options_item)

        general_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.general_options, Unset):
            general_options = []
            for general_options_item_data in self.general_options:
                general_options_item = general_options_item_data.to_dict()
                general_options.append(general_options_item)

        security_options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.security_options, Unset):
            security_options = []
            for security_options_item_data in self.security_options:
                security_options_item = security_options_item_data.to_dict()
                security_options.append(security_options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exam_day_options is not UNSET:
            field_dict["examDayOptions"] = exam_day_options
        if explanation_options is not UNSET:
            field_dict["explanationOptions"] = explanation_options
        if general_options is not UNSET:
            field_dict["generalOptions"] = general_options
        if security_options is not UNSET:
            field_dict["securityOptions"] = security_options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.test_option import TestOption

        d = dict(src_dict)
        _exam_day_options = d.pop("examDayOptions", UNSET)
        exam_day_options: list[TestOption] | Unset = UNSET
        if _exam_day_options is not UNSET:
            exam_day_options = []
            for exam_day_options_item_data in _exam_day_options:
                exam_day_options_item = TestOption.from_dict(exam_day_options_item_data)

                exam_day_options.append(exam_day_options_item)

        _explanation_options = d.pop("explanationOptions", UNSET)
        explanation_options: list[TestOption] | Unset = UNSET
        if _explanation_options is not UNSET:
            explanation_options = []
            for explanation_options_item_data in _explanation_options:
                explanation_options_item = TestOption.from_dict(
                    explanation_options_item_data
                )

                explanation_options.append(explanation_options_item)

        _general_options = d.pop("generalOptions", UNSET)
        general_options: list[TestOption] | Unset = UNSET
        if _general_options is not UNSET:
            general_options = []
            for general_options_item_data in _general_options:
                general_options_item = TestOption.from_dict(general_options_item_data)

                general_options.append(general_options_item)

        _security_options = d.pop("securityOptions", UNSET)
        security_options: list[TestOption] | Unset = UNSET
        if _security_options is not UNSET:
            security_options = []
            for security_options_item_data in _security_options:
                security_options_item = TestOption.from_dict(security_options_item_data)

                security_options.append(security_options_item)

        test_options = cls(
            exam_day_options=exam_day_options,
            explanation_options=explanation_options,
            general_options=general_options,
            security_options=security_options,
        )

        test_options.additional_properties = d
        return test_options

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
