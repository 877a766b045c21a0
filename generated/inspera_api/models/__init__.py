"""Contains all the data models used in inputs/outputs"""

from .attached_file import AttachedFile
from .candidate_assignment import CandidateAssignment
from .candidate_event import CandidateEvent
from .candidate_external_id import CandidateExternalId
from .candidate_pdf_request import CandidatePdfRequest
from .candidate_pdf_request_question_answer_options import (
    CandidatePdfRequestQuestionAnswerOptions,
)
from .candidate_response import CandidateResponse
from .candidate_results import CandidateResults
from .candidates_request import CandidatesRequest
from .committee import Committee
from .committee_move_request import CommitteeMoveRequest
from .committee_remove_request import CommitteeRemoveRequest
from .committees_request import CommitteesRequest
from .contributor import Contributor
from .contributor_assignment import ContributorAssignment
from .contributors_request import ContributorsRequest
from .error_response import ErrorResponse
from .evaluated_question import EvaluatedQuestion
from .evaluation import Evaluation
from .evaluation_round import EvaluationRound
from .evaluation_score_details import EvaluationScoreDetails
from .event_extra_info import EventExtraInfo
from .events_candidate import EventsCandidate
from .exchange_token_grant_type import ExchangeTokenGrantType
from .export_candidate import ExportCandidate
from .export_info import ExportInfo
from .export_job_status import ExportJobStatus
from .external_id import ExternalId
from .external_user_id import ExternalUserId
from .file_export_order_request import FileExportOrderRequest
from .file_export_order_request_parameters import FileExportOrderRequestParameters
from .file_export_order_response import FileExportOrderResponse
from .file_export_status import FileExportStatus
from .flagging_info import FlaggingInfo
from .manual_score import ManualScore
from .o_auth_error import OAuthError
from .one_roster_reference import OneRosterReference
from .one_roster_result import OneRosterResult
from .one_roster_result_ext_inspera_external_delivery import (
    OneRosterResultExtInsperaExternalDelivery,
)
from .operation_result import OperationResult
from .operation_result_errors_item import OperationResultErrorsItem
from .question_result import QuestionResult
from .result_comment import ResultComment
from .results_export_file import ResultsExportFile
from .round_grade import RoundGrade
from .section_metadata import SectionMetadata
from .student_request import StudentRequest
from .student_response import StudentResponse
from .submissions_export_file import SubmissionsExportFile
from .subscription import Subscription
from .subscription_request import SubscriptionRequest
from .success_response import SuccessResponse
from .test_create_request import TestCreateRequest
from .test_create_response import TestCreateResponse
from .test_events_export_file import TestEventsExportFile
from .test_metadata import TestMetadata
from .test_option import TestOption
from .test_options import TestOptions
from .test_options_request import TestOptionsRequest
from .test_search_hit import TestSearchHit
from .test_search_response import TestSearchResponse
from .token_response import TokenResponse
from .user import User
from .webhook_extra_info import WebhookExtraInfo
from .webhook_payload import WebhookPayload

__all__ = (
    "AttachedFile",
    "CandidateAssignment",
    "CandidateEvent",
    "CandidateExternalId",
    "CandidatePdfRequest",
    "CandidatePdfRequestQuestionAnswerOptions",
    "CandidateResponse",
    "CandidateResults",
    "CandidatesRequest",
    "Committee",
    "CommitteeMoveRequest",
    "CommitteeRemoveRequest",
    "CommitteesRequest",
    "Contributor",
    "ContributorAssignment",
    "ContributorsRequest",
    "ErrorResponse",
    "EvaluatedQuestion",
    "Evaluation",
    "EvaluationRound",
    "EvaluationScoreDetails",
    "EventExtraInfo",
    "EventsCandidate",
    "ExchangeTokenGrantType",
    "ExportCandidate",
    "ExportInfo",
    "ExportJobStatus",
    "ExternalId",
    "ExternalUserId",
    "FileExportOrderRequest",
    "FileExportOrderRequestParameters",
    "FileExportOrderResponse",
    "FileExportStatus",
    "FlaggingInfo",
    "ManualScore",
    "OAuthError",
    "OneRosterReference",
    "OneRosterResult",
    "OneRosterResultExtInsperaExternalDelivery",
    "OperationResult",
    "OperationResultErrorsItem",
    "QuestionResult",
    "ResultComment",
    "ResultsExportFile",
    "RoundGrade",
    "SectionMetadata",
    "StudentRequest",
    "StudentResponse",
    "SubmissionsExportFile",
    "Subscription",
    "SubscriptionRequest",
    "SuccessResponse",
    "TestCreateRequest",
    "TestCreateResponse",
    "TestEventsExportFile",
    "TestMetadata",
    "TestOption",
    "TestOptions",
    "TestOptionsRequest",
    "TestSearchHit",
    "TestSearchResponse",
    "TokenResponse",
    "User",
    "WebhookExtraInfo",
    "WebhookPayload",
)
