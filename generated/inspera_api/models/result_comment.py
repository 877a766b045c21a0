from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultComment")


@_attrs_define
class ResultComment:
    """
    Attributes:
        ext_inspera_comment (str | Unset):
        ext_inspera_evaluator_id (int | Unset):
        ext_inspera_evaluator_name (str | Unset):
    """

    ext_inspera_comment: str | Unset = UNSET
    ext_inspera_evaluator_id: int | Unset = UNSET
    ext_inspera_evaluator_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext_inspera_comment = self.ext_inspera_comment

        ext_inspera_evaluator_id = self.ext_inspera_evaluator_id

        ext_inspera_evaluator_name = self.ext_inspera_evaluator_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext_inspera_comment is not UNSET:
            field_dict["ext_inspera_comment"] = ext_inspera_comment
        if ext_inspera_evaluator_id is not UNSET:
            field_dict["ext_inspera_evaluatorId"] = ext_inspera_evaluator_id
        if ext_inspera_evaluator_name is not UNSET:
            field_dict["ext_inspera_evaluatorName"] = ext_inspera_evaluator_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ext_inspera_comment = d.pop("ext_inspera_comment", UNSET)

        ext_inspera_evaluator_id = d.pop("ext_inspera_evaluatorId", UNSET)

        ext_inspera_evaluator_name = d.pop("ext_inspera_evaluatorName", UNSET)

        result_comment = cls(
            ext_inspera_comment=ext_inspera_comment,
            ext_inspera_evaluator_id=ext_inspera_evaluator_id,
            ext_inspera_evaluator_name=ext_inspera_evaluator_name,
        )

        result_comment.additional_properties = d
        return result_comment

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
