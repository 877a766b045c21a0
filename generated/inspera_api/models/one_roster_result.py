from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_external_id import CandidateExternalId
    from ..models.one_roster_reference import OneRosterReference
    from ..models.one_roster_result_ext_inspera_external_delivery import (
        OneRosterResultExtInsperaExternalDelivery,
    )
    from ..models.question_result import QuestionResult
    from ..models.result_comment import ResultComment


T = TypeVar("T", bound="OneRosterResult")


@_attrs_define
class OneRosterResult:
    """
    Attributes:
        comment (ResultComment | Unset):
        date (datetime.datetime | Unset):
        date_last_modified (datetime.datetime | Unset):
        ext_inspera_attendance (bool | Unset):
        ext_inspera_auto_score (float | Unset):
        ext_inspera_candidate_external_ids (list[CandidateExternalId] | Unset):
        ext_inspera_candidate_id (str | Unset):
        ext_inspera_end_time (datetime.datetime | Unset):
        ext_inspera_external_delivery (OneRosterResultExtInsperaExternalDelivery | Unset):
        ext_inspera_extra_time_mins (int | Unset):
        ext_inspera_final_grade (str | Unset):
        ext_inspera_final_grade_date (datetime.datetime | Unset):
        ext_inspera_incident_time_mins (int | Unset):
        ext_inspera_questions (list[QuestionResult] | Unset):
        ext_inspera_start_time (datetime.datetime | Unset):
        ext_inspera_total_score (float | Unset):
        ext_inspera_user_assessment_id (int | Unset):
        ext_inspera_user_assessment_setup_id (int | Unset):
        line_item (OneRosterReference | Unset):
        resultstatus (str | Unset):
        score (float | Unset):
        sourced_id (int | Unset):
        status (str | Unset):
        student (OneRosterReference | Unset):
    """

    comment: ResultComment | Unset = UNSET
    date: datetime.datetime | Unset = UNSET
    date_last_modified: datetime.datetime | Unset = UNSET
    ext_inspera_attendance: bool | Unset = UNSET
    ext_inspera_auto_score: float | Unset = UNSET
    ext_inspera_candidate_external_ids: list[CandidateExternalId] | Unset = UNSET
    ext_inspera_candidate_id: str | Unset = UNSET
    ext_inspera_end_time: datetime.datetime | Unset = UNSET
    ext_inspera_external_delivery: OneRosterResultExtInsperaExternalDelivery | Unset = (
        UNSET
    )
    ext_inspera_extra_time_mins: int | Unset = UNSET
    ext_inspera_final_grade: str | Unset = UNSET
    ext_inspera_final_grade_date: datetime.datetime | Unset = UNSET
    ext_inspera_incident_time_mins: int | Unset = UNSET
    ext_inspera_questions: list[QuestionResult] | Unset = UNSET
    ext_inspera_start_time: datetime.datetime | Unset = UNSET
    ext_inspera_total_score: float | Unset = UNSET
    ext_inspera_user_assessment_id: int | Unset = UNSET
    ext_inspera_user_assessment_setup_id: int | Unset = UNSET
    line_item: OneRosterReference | Unset = UNSET
    resultstatus: str | Unset = UNSET
    score: float | Unset = UNSET
    sourced_id: int | Unset = UNSET
    status: str | Unset = UNSET
    student: OneRosterReference | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.comment, Unset):
            comment = self.comment.to_dict()

        date: str | Unset = UNSET
        if not isinstance(self.date, Unset):
            date = self.date.isoformat()

        date_last_modified: str | Unset = UNSET
        if not isinstance(self.date_last_modified, Unset):
            date_last_modified = self.date_last_modified.isoformat()

        ext_inspera_attendance = self.ext_inspera_attendance

        ext_inspera_auto_score = self.ext_inspera_auto_score

        ext_inspera_candidate_external_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ext_inspera_candidate_external_ids, Unset):
            ext_inspera_candidate_external_ids = []
            for (
                ext_inspera_candidate_external_ids_item_data
            ) in self.ext_inspera_candidate_external_ids:
                ext_inspera_candidate_external_ids_item = (
                    ext_inspera_candidate_external_ids_item_data.to_dict()
                )
                ext_inspera_candidate_external_ids.append(
                    ext_inspera_candidate_external_ids_item
                )

        ext_inspera_candidate_id = self.ext_inspera_candidate_id

        ext_inspera_end_time: str | Unset = UNSET
        if not isinstance(self.ext_inspera_end_time, Unset):
            ext_inspera_end_time = self.ext_inspera_end_time.isoformat()

        ext_inspera_external_delivery: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ext_inspera_external_delivery, Unset):
            ext_inspera_external_delivery = self.ext_inspera_external_delivery.to_dict()

        ext_inspera_extra_time_mins = self.ext_inspera_extra_time_mins

        ext_inspera_final_grade = self.ext_inspera_final_grade

        ext_inspera_final_grade_date: str | Unset = UNSET
        if not isinstance(self.ext_inspera_final_grade_date, Unset):
            ext_inspera_final_grade_date = self.ext_inspera_final_grade_date.isoformat()

        ext_inspera_incident_time_mins = self.ext_inspera_incident_time_mins

        ext_inspera_questions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ext_inspera_questions, Unset):
            ext_inspera_questions = []
            for ext_inspera_questions_item_data in self.ext_inspera_questions:
                ext_inspera_questions_item = ext_inspera_questions_item_data.to_dict()
                ext_inspera_questions.append(ext_inspera_questions_item)

        ext_inspera_start_time: str | Unset = UNSET
        if not isinstance(self.ext_inspera_start_time, Unset):
            ext_inspera_start_time = self.ext_inspera_start_time.isoformat()

        ext_inspera_total_score = self.ext_inspera_total_score

        ext_inspera_user_assessment_id = self.ext_inspera_user_assessment_id

        ext_inspera_user_assessment_setup_id = self.ext_inspera_user_assessment_setup_id

        line_item: dict[str, Any] | Unset = UNSET
        if not isinstance(self.line_item, Unset):
            line_item = self.line_item.to_dict()

        resultstatus = self.resultstatus

        score = self.score

        sourced_id = self.sourced_id

        status = self.status

        student: dict[str, Any] | Unset = UNSET
        if not isinstance(self.student, Unset):
            student = self.student.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if comment is not UNSET:
            field_dict["comment"] = comment
        if date is not UNSET:
            field_dict["date"] = date
        if date_last_modified is not UNSET:
            field_dict["dateLastModified"] = date_last_modified
        if ext_inspera_attendance is not UNSET:
            field_dict["ext_inspera_attendance"] = ext_inspera_attendance
        if ext_inspera_auto_score is not UNSET:
            field_dict["ext_inspera_autoScore"] = ext_inspera_auto_score
        if ext_inspera_candidate_external_ids is not UNSET:
            field_dict["ext_inspera_candidateExternalIds"] = (
                ext_inspera_candidate_external_ids
            )
        if ext_inspera_candidate_id is not UNSET:
            field_dict["ext_inspera_candidateId"] = ext_inspera_candidate_id
        if ext_inspera_end_time is not UNSET:
            field_dict["ext_inspera_endTime"] = ext_inspera_end_time
        if ext_inspera_external_delivery is not UNSET:
            field_dict["ext_inspera_externalDelivery"] = ext_inspera_external_delivery
        if ext_inspera_extra_time_mins is not UNSET:
            field_dict["ext_inspera_extraTimeMins"] = ext_inspera_extra_time_mins
        if ext_inspera_final_grade is not UNSET:
            field_dict["ext_inspera_finalGrade"] = ext_inspera_final_grade
        if ext_inspera_final_grade_date is not UNSET:
            field_dict["ext_inspera_finalGradeDate"] = ext_inspera_final_grade_date
        if ext_inspera_incident_time_mins is not UNSET:
            field_dict["ext_inspera_incidentTimeMins"] = ext_inspera_incident_time_mins
        if ext_inspera_questions is not UNSET:
            field_dict["ext_inspera_questions"] = ext_inspera_questions
        if ext_inspera_start_time is not UNSET:
            field_dict["ext_inspera_startTime"] = ext_inspera_start_time
        if ext_inspera_total_score is not UNSET:
            field_dict["ext_inspera_totalScore"] = ext_inspera_total_score
        if ext_inspera_user_assessment_id is not UNSET:
            field_dict["ext_inspera_userAssessmentId"] = ext_inspera_user_assessment_id
        if ext_inspera_user_assessment_setup_id is not UNSET:
            field_dict["ext_inspera_userAssessmentSetupId"] = (
                ext_inspera_user_assessment_setup_id
            )
        if line_item is not UNSET:
            field_dict["lineItem"] = line_item
        if resultstatus is not UNSET:
            field_dict["resultstatus"] = resultstatus
        if score is not UNSET:
            field_dict["score"] = score
        if sourced_id is not UNSET:
            field_dict["sourcedId"] = sourced_id
        if status is not UNSET:
            field_dict["status"] = status
        if student is not UNSET:
            field_dict["student"] = student

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.candidate_external_id import CandidateExternalId
        from ..models.one_roster_reference import OneRosterReference
        from ..models.one_roster_result_ext_inspera_external_delivery import (
            OneRosterResultExtInsperaExternalDelivery,
        )
        from ..models.question_result import QuestionResult
        from ..models.result_comment import ResultComment

        d = dict(src_dict)
        _comment = d.pop("comment", UNSET)
        comment: ResultComment | Unset
        if isinstance(_comment, Unset):
            comment = UNSET
        else:
            comment = ResultComment.from_dict(_comment)

        _date = d.pop("date", UNSET)
        date: datetime.datetime | Unset
        if isinstance(_date, Unset):
            date = UNSET
        else:
            date = datetime.datetime.fromisoformat(_date)

        _date_last_modified = d.pop("dateLastModified", UNSET)
        date_last_modified: datetime.datetime | Unset
        if isinstance(_date_last_modified, Unset):
            date_last_modified = UNSET
        else:
            date_last_modified = datetime.datetime.fromisoformat(_date_last_modified)

        ext_inspera_attendance = d.pop("ext_inspera_attendance", UNSET)

        ext_inspera_auto_score = d.pop("ext_inspera_autoScore", UNSET)

        _ext_inspera_candidate_external_ids = d.pop(
            "ext_inspera_candidateExternalIds", UNSET
        )
        ext_inspera_candidate_external_ids: list[CandidateExternalId] | Unset = UNSET
        if _ext_inspera_candidate_external_ids is not UNSET:
            ext_inspera_candidate_external_ids = []
            for (
                ext_inspera_candidate_external_ids_item_data
            ) in _ext_inspera_candidate_external_ids:
                ext_inspera_candidate_external_ids_item = CandidateExternalId.from_dict(
                    ext_inspera_candidate_external_ids_item_data
                )

                ext_inspera_candidate_external_ids.append(
                    ext_inspera_candidate_external_ids_item
                )

        ext_inspera_candidate_id = d.pop("ext_inspera_candidateId", UNSET)

        _ext_inspera_end_time = d.pop("ext_inspera_endTime", UNSET)
        ext_inspera_end_time: datetime.datetime | Unset
        if isinstance(_ext_inspera_end_time, Unset):
            ext_inspera_end_time = UNSET
        else:
            ext_inspera_end_time = datetime.datetime.fromisoformat(
                _ext_inspera_end_time
            )

        _ext_inspera_external_delivery = d.pop("ext_inspera_externalDelivery", UNSET)
        ext_inspera_external_delivery: OneRosterResultExtInsperaExternalDelivery | Unset
        if isinstance(_ext_inspera_external_delivery, Unset):
            ext_inspera_external_delivery = UNSET
        else:
            ext_inspera_external_delivery = (
                OneRosterResultExtInsperaExternalDelivery.from_dict(
                    _ext_inspera_external_delivery
                )
            )

        ext_inspera_extra_time_mins = d.pop("ext_inspera_extraTimeMins", UNSET)

        ext_inspera_final_grade = d.pop("ext_inspera_finalGrade", UNSET)

        _ext_inspera_final_grade_date = d.pop("ext_inspera_finalGradeDate", UNSET)
        ext_inspera_final_grade_date: datetime.datetime | Unset
        if isinstance(_ext_inspera_final_grade_date, Unset):
            ext_inspera_final_grade_date = UNSET
        else:
            ext_inspera_final_grade_date = datetime.datetime.fromisoformat(
                _ext_inspera_final_grade_date
            )

        ext_inspera_incident_time_mins = d.pop("ext_inspera_incidentTimeMins", UNSET)

        _ext_inspera_questions = d.pop("ext_inspera_questions", UNSET)
        ext_inspera_questions: list[QuestionResult] | Unset = UNSET
        if _ext_inspera_questions is not UNSET:
            ext_inspera_questions = []
            for ext_inspera_questions_item_data in _ext_inspera_questions:
                ext_inspera_questions_item = QuestionResult.from_dict(
                    ext_inspera_questions_item_data
                )

                ext_inspera_questions.append(ext_inspera_questions_item)

        _ext_inspera_start_time = d.pop("ext_inspera_startTime", UNSET)
        ext_inspera_start_time: datetime.datetime | Unset
        if isinstance(_ext_inspera_start_time, Unset):
            ext_inspera_start_time = UNSET
        else:
            ext_inspera_start_time = datetime.datetime.fromisoformat(
                _ext_inspera_start_time
            )

        ext_inspera_total_score = d.pop("ext_inspera_totalScore", UNSET)

        ext_inspera_user_assessment_id = d.pop("ext_inspera_userAssessmentId", UNSET)

        ext_inspera_user_assessment_setup_id = d.pop(
            "ext_inspera_userAssessmentSetupId", UNSET
        )

        _line_item = d.pop("lineItem", UNSET)
        line_item: OneRosterReference | Unset
        if isinstance(_line_item, Unset):
            line_item = UNSET
        else:
            line_item = OneRosterReference.from_dict(_line_item)

        resultstatus = d.pop("resultstatus", UNSET)

        score = d.pop("score", UNSET)

        sourced_id = d.pop("sourcedId", UNSET)

        status = d.pop("status", UNSET)

        _student = d.pop("student", UNSET)
        student: OneRosterReference | Unset
        if isinstance(_student, Unset):
            student = UNSET
        else:
            student = OneRosterReference.from_dict(_student)

        one_roster_result = cls(
            comment=comment,
            date=date,
            date_last_modified=date_last_modified,
            ext_inspera_attendance=ext_inspera_attendance,
            ext_inspera_auto_score=ext_inspera_auto_score,
            ext_inspera_candidate_external_ids=ext_inspera_candidate_external_ids,
            ext_inspera_candidate_id=ext_inspera_candidate_id,
            ext_inspera_end_time=ext_inspera_end_time,
            ext_inspera_external_delivery=ext_inspera_external_delivery,
            ext_inspera_extra_time_mins=ext_inspera_extra_time_mins,
            ext_inspera_final_grade=ext_inspera_final_grade,
            ext_inspera_final_grade_date=ext_inspera_final_grade_date,
            ext_inspera_incident_time_mins=ext_inspera_incident_time_mins,
            ext_inspera_questions=ext_inspera_questions,
            ext_inspera_start_time=ext_inspera_start_time,
            ext_inspera_total_score=ext_inspera_total_score,
            ext_inspera_user_assessment_id=ext_inspera_user_assessment_id,
            ext_inspera_user_assessment_setup_id=ext_inspera_user_assessment_setup_id,
            line_item=line_item,
            resultstatus=resultstatus,
            score=score,
            sourced_id=sourced_id,
            status=status,
            student=student,
        )

        one_roster_result.additional_properties = d
        return one_roster_result

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
