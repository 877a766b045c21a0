"""The JSON documents Inspera serves: test metadata, candidate results and the export files."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .model import Candidate, Contributor, Test, User, iso


def reference(href: str, sourced_id: int, kind: str) -> dict[str, Any]:
    return {"href": href, "sourcedId": sourced_id, "type": kind}


def question_result(candidate: Candidate, with_responses: bool) -> list[dict[str, Any]]:
    results = []
    for answer in candidate.answers:
        question = answer.question
        item: dict[str, Any] = {
            "ext_inspera_questionId": question.question_id,
            "ext_inspera_questionContentItemId": question.content_item_id,
            "ext_inspera_questionNumber": question.number,
            "ext_inspera_questionTitle": question.title,
            "ext_inspera_question_type": question.kind,
            "ext_inspera_maxQuestionScore": question.max_score,
            "ext_inspera_questionWeight": question.weight,
            "ext_inspera_durationSeconds": answer.duration_seconds,
            "ext_inspera_autoScore": answer.auto_score if answer.auto_score is not None else 0.0,
            "ext_inspera_manualScores": [],
        }
        if answer.manual_score is not None and candidate.grader_id is not None:
            item["ext_inspera_manualScores"] = [
                {
                    "ext_inspera_gradingTeacherId": candidate.grader_id,
                    "ext_inspera_gradingTeacherName": f"Grader {candidate.grader_id}",
                    "ext_inspera_manualScore": answer.manual_score,
                }
            ]
        if with_responses:
            response: dict[str, Any] = {
                "ext_inspera_interactionId": f"{question.content_item_id}_1",
                "ext_inspera_response": answer.response,
            }
            if answer.alternative is not None:
                response["ext_inspera_interactionAlternative"] = answer.alternative
            item["ext_inspera_candidateResponses"] = [response]
        results.append(item)
    return results


def candidate_result(test: Test, candidate: Candidate, with_responses: bool) -> dict[str, Any]:
    user = candidate.user
    attended = bool(candidate.answers)
    ended = candidate.ended or test.end
    auto = round(sum(a.auto_score or 0.0 for a in candidate.answers), 2)
    result: dict[str, Any] = {
        "sourcedId": candidate.user_assessment_id,
        "status": "active",
        "dateLastModified": iso(ended + timedelta(days=14)),
        "lineItem": reference(f"/v1/test/{test.test_id}", test.test_id, "lineItem"),
        "student": reference(f"/v1/users/{user.user_id}", user.user_id, "user"),
        "score": candidate.total_score,
        "resultstatus": "fully graded" if candidate.grade else "not submitted",
        "date": iso(ended),
        "ext_inspera_userAssessmentSetupId": test.setup_id,
        "ext_inspera_userAssessmentId": candidate.user_assessment_id,
        "ext_inspera_candidateId": candidate.candidate_id,
        "ext_inspera_candidateExternalIds": [
            {"ext_inspera_authType": kind, "ext_inspera_externalId": value} for kind, value in user.external_ids
        ],
        "ext_inspera_attendance": attended,
        "ext_inspera_extraTimeMins": candidate.extra_time_mins,
        "ext_inspera_incidentTimeMins": candidate.incident_time_mins,
        "ext_inspera_totalScore": candidate.total_score,
        "ext_inspera_autoScore": auto,
        "ext_inspera_questions": question_result(candidate, with_responses),
    }
    if candidate.started is not None:
        result["ext_inspera_startTime"] = iso(candidate.started)
        result["ext_inspera_endTime"] = iso(ended)
    if candidate.grade is not None:
        result["ext_inspera_finalGrade"] = candidate.grade
        result["ext_inspera_finalGradeDate"] = iso(ended + timedelta(days=14))
    if candidate.grader_id is not None:
        result["comment"] = {
            "ext_inspera_comment": "<p>Well structured answer; see the comments per task.</p>",
            "ext_inspera_evaluatorId": candidate.grader_id,
            "ext_inspera_evaluatorName": f"Grader {candidate.grader_id}",
        }
    return {"result": result}


def export_header(test: Test, *, submissions: bool) -> dict[str, Any]:
    """The export file without its candidates, in the order Inspera writes the members."""
    header: dict[str, Any] = {
        "lineItemSourcedId": test.test_id,
        "ext_inspera_assessmentRunTitle": test.title,
        "ext_inspera_maxTotalScore": test.max_total_score,
    }
    if submissions:
        header["ext_inspera_assessmentRunExternalId"] = test.external_id
        header["ext_inspera_groupName"] = test.group_name
        header["ext_inspera_first_section_metadata"] = [
            {"id": test.setup_id, "name": "Course", "dataType": "string", "valueText": [test.group_name]}
        ]
    return header


def test_events_file(test: Test) -> dict[str, Any]:
    return {
        "created": iso(test.end + timedelta(days=1)),
        "candidates": [
            {
                "candidateId": candidate.candidate_id,
                "userId": candidate.user.user_id,
                "events": [
                    {
                        "eventId": event.event_id,
                        "event": event.name,
                        "timeStamp": iso(event.at),
                        "userId": event.created_by,
                        "attachedFiles": [],
                        **(
                            {"flaggingInfo": {"flagType": event.flag, "flagSubTypes": [], "severityLevel": "LOW",
                                              "comment": "Registered automatically"}}
                            if event.flag
                            else {}
                        ),
                    }
                    for event in candidate.events
                ],
            }
            for candidate in test.candidates
        ],
    }


def candidate_results(test: Test, candidate: Candidate) -> dict[str, Any]:
    user = candidate.user
    rounds = [_round(candidate, 1, candidate.grader_id, 0.0)]
    if candidate.second_round_grader_id is not None:
        rounds.append(_round(candidate, 2, candidate.second_round_grader_id, 0.5))
    return {
        "assessmentRunId": test.test_id,
        "assessmentRunTitle": test.title,
        "assessmentRunStartTime": iso(test.start),
        "assessmentRunEndTime": iso(test.end),
        "candidateId": candidate.candidate_id,
        "userId": str(user.user_id),
        "taskId": str(test.setup_id),
        "ext_inspera_sessionId": f"{candidate.user_assessment_id}-session",
        "externalUserIds": [{"authType": kind, "externalUserId": value} for kind, value in user.external_ids],
        "evaluationRounds": rounds if candidate.answers else [],
    }


def _round(candidate: Candidate, round_id: int, grader: int | None, bump: float) -> dict[str, Any]:
    questions = []
    total = 0.0
    for number, answer in enumerate(candidate.answers):
        if answer.manual_score is not None:
            score = min(answer.question.max_score, answer.manual_score + bump)
            evaluator = grader if grader is not None else -1
        else:
            score, evaluator = answer.auto_score or 0.0, -1
        total += score
        questions.append(
            {
                "questionId": answer.question.question_id,
                "questionNumber": answer.question.number,
                "questionWeight": answer.question.weight,
                "userQuestionId": candidate.user_assessment_id * 10 + number,
                "evaluations": [{"evaluatorId": evaluator, "score": score, "scoreDetails": {}}],
            }
        )
    return {
        "roundId": round_id,
        "automaticQuestionScore": round(sum(a.auto_score or 0.0 for a in candidate.answers), 2),
        "finalGrade": round(total, 2),
        "jaggedAnalysisStatus": "NOT_REQUIRED",
        "questions": questions,
        "roundGrades": [{"evaluatorUserId": grader if grader is not None else -1, "totalScore": round(total, 2)}],
    }


def test_metadata(test: Test) -> dict[str, Any]:
    return {
        "assessmentRunId": test.test_id,
        "externalTestId": test.external_id,
        "name": test.title,
        "title": test.title,
        "status": test.status,
        "startTime": iso(test.start),
        "endTime": iso(test.end),
        "committees": [{"name": c.name, "type": c.kind} for c in test.committees.values()],
        "contributors": [contributor(c) for c in test.contributors],
    }


def contributor(entry: Contributor) -> dict[str, Any]:
    user = entry.user
    return {
        "userId": user.user_id,
        "userName": user.username,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "roles": list(entry.roles),
        "committees": list(entry.committees),
        "externalUserIds": [{"authType": kind, "externalUserId": value} for kind, value in user.external_ids],
    }


def search_hit(test: Test, base_url: str) -> dict[str, Any]:
    return {
        "assessmentRunId": test.test_id,
        "assessmentRunTitle": test.title,
        "externalId": test.external_id,
        "startTime": iso(test.start),
        "endTime": iso(test.end),
        "status": test.status,
        "isTemplate": test.is_template,
        "metadataUrl": f"{base_url}/v1/test/{test.test_id}/",
    }


def users_file(users: list[User], user_type: str | None) -> dict[str, Any]:
    admins = [u.to_json() for u in users if not u.is_student]
    students = [u.to_json() for u in users if u.is_student]
    if user_type == "admin":
        return {"admins": admins}
    if user_type == "student":
        return {"students": students}
    return {"admins": admins, "students": students}
