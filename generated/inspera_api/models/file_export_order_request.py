from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_export_order_request_parameters import (
        FileExportOrderRequestParameters,
    )


T = TypeVar("T", bound="FileExportOrderRequest")


@_attrs_define
class FileExportOrderRequest:
    """
    Attributes:
        resource_type (str): AllUsers, AllResults, ...
        expiry_period (int | Unset): Seconds the pre-signed download URL stays valid (default 3600, 300 to 86400).
            Default: 3600.
        parameters (FileExportOrderRequestParameters | Unset): e.g. userType (admin|student) or assessmentRunId
    """

    resource_type: str
    expiry_period: int | Unset = 3600
    parameters: FileExportOrderRequestParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource_type = self.resource_type

        expiry_period = self.expiry_period

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resourceType": resource_type,
            }
        )
        if expiry_period is not UNSET:
            field_dict["expiryPeriod"] = expiry_period
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_export_order_request_parameters import (
            FileExportOrderRequestParameters,
        )

        d = dict(src_dict)
        resource_type = d.pop("resourceType")

        expiry_period = d.pop("expiryPeriod", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: FileExportOrderRequestParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = FileExportOrderRequestParameters.from_dict(_parameters)

        file_export_order_request = cls(
            resource_type=resource_type,
            expiry_period=expiry_period,
            parameters=parameters,
        )

        file_export_order_request.additional_properties = d
        return file_export_order_request

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
