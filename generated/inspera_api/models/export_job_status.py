from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_info import ExportInfo


T = TypeVar("T", bound="ExportJobStatus")


@_attrs_define
class ExportJobStatus:
    """An asynchronous export job: its id, state, progress and, once done, the signed URL of its file.

    Attributes:
        callback_url (str | Unset): The job's status URL, when the answer carries one.
        export_info (ExportInfo | Unset):
        job_id (str | Unset):
        progress (int | Unset): 0-100
        status (str | Unset): success when done; failed/error when given up. Values while running are not documented.
            Known values: success, failed, error (others may appear).
    """

    callback_url: str | Unset = UNSET
    export_info: ExportInfo | Unset = UNSET
    job_id: str | Unset = UNSET
    progress: int | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        callback_url = self.callback_url

        export_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.export_info, Unset):
            export_info = self.export_info.to_dict()

        job_id = self.job_id

        progress = self.progress

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if callback_url is not UNSET:
            field_dict["callbackUrl"] = callback_url
        if export_info is not UNSET:
            field_dict["exportInfo"] = export_info
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if progress is not UNSET:
            field_dict["progress"] = progress
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.export_info import ExportInfo

        d = dict(src_dict)
        callback_url = d.pop("callbackUrl", UNSET)

        _export_info = d.pop("exportInfo", UNSET)
        export_info: ExportInfo | Unset
        if isinstance(_export_info, Unset):
            export_info = UNSET
        else:
            export_info = ExportInfo.from_dict(_export_info)

        job_id = d.pop("jobId", UNSET)

        progress = d.pop("progress", UNSET)

        status = d.pop("status", UNSET)

        export_job_status = cls(
            callback_url=callback_url,
            export_info=export_info,
            job_id=job_id,
            progress=progress,
            status=status,
        )

        export_job_status.additional_properties = d
        return export_job_status

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
