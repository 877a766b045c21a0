"""The export kinds Inspera offers, declared as data: which generated operations and which response fields."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from inspera.exports.errors import ExportFormatError

_API = "inspera_api.api.exports."
_MODELS = "inspera_api.models."

# JSON paths into the vendor's status payload (the generated model's `to_dict()`, vendor spelling).
_JOB_ID = ("jobId",)
_STATE = ("status",)
_PROGRESS = ("progress",)
_URL = ("exportInfo", "signedResponseUrl")


@dataclass(frozen=True)
class ExportKind:
    """One kind of export job: how to order it, how to poll it, and where its fields live."""

    name: str
    order_operation: str
    status_operation: str
    # Job arguments (besides the job id) that the status operation needs; also stored in continuation tokens.
    status_params: tuple[str, ...]
    # ijson prefix of the candidate array inside the exported file; None when the file has none or its shape varies.
    candidates_prefix: str | None
    # "module.Class" of the generated model describing the exported file; None when it is not JSON of one shape.
    document_model: str | None = None
    job_id_path: tuple[str, ...] = _JOB_ID
    state_path: tuple[str, ...] = _STATE
    progress_path: tuple[str, ...] = _PROGRESS
    url_path: tuple[str, ...] = _URL

    def order_module(self) -> ModuleType:
        """The generated module that orders this export (imported on first use)."""
        return importlib.import_module(_API + self.order_operation)

    def status_module(self) -> ModuleType:
        """The generated module that reports this export's status (imported on first use)."""
        return importlib.import_module(_API + self.status_operation)

    def document_class(self) -> type[Any]:
        """The generated model of the exported file; ExportFormatError for kinds without one (PDF, generic files)."""
        if self.document_model is None:
            raise ExportFormatError(f"{self.name} exports have no documented file model; use json() or download()")
        module, name = self.document_model.rsplit(".", 1)
        cls: type[Any] = getattr(importlib.import_module(_MODELS + module), name)
        return cls

    def parse_document(self, data: Any) -> Any:
        """The exported file's JSON as its generated model (e.g. `CandidateResults`)."""
        cls = self.document_class()
        if not isinstance(data, dict):
            raise ExportFormatError(f"the {self.name} export file is not a JSON object")
        from inspera._calls.fits import check_fits

        def refuse(reason: str) -> ExportFormatError:
            return ExportFormatError(f"the {self.name} export file does not fit {cls.__name__} ({reason})")

        try:
            document = cls.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise refuse(type(error).__name__) from None
        check_fits(cls, document, refuse)
        return document


RESULTS = ExportKind(
    name="results",
    order_operation="order_results_export",
    status_operation="get_results_export_status",
    status_params=("test_id",),
    candidates_prefix="ext_inspera_candidates.item",
    document_model="results_export_file.ResultsExportFile",
)
SUBMISSIONS = ExportKind(
    name="submissions",
    order_operation="order_submissions_export",
    status_operation="get_submissions_export_status",
    status_params=("test_id",),
    candidates_prefix="ext_inspera_candidates.item",
    document_model="submissions_export_file.SubmissionsExportFile",
)
CANDIDATE_SUBMISSIONS = ExportKind(
    name="candidate_submissions",
    order_operation="order_candidate_submissions_export",
    status_operation="get_candidate_submissions_export_status",
    status_params=("test_id", "user_id"),
    candidates_prefix="ext_inspera_candidates.item",
    document_model="submissions_export_file.SubmissionsExportFile",
)
CANDIDATE_RESULTS = ExportKind(
    name="candidate_results",
    order_operation="order_candidate_results_export",
    status_operation="get_candidate_results_export_status",
    status_params=("test_id", "user_id"),
    # The file is one candidate's document (every evaluation round), not an array of candidates.
    candidates_prefix=None,
    document_model="candidate_results.CandidateResults",
)
CANDIDATE_PDF = ExportKind(
    name="candidate_pdf",
    order_operation="order_candidate_pdf_export",
    status_operation="get_candidate_pdf_export_status",
    status_params=("test_id", "user_id"),
    candidates_prefix=None,  # the file is a PDF
)
EVENTS = ExportKind(
    name="events",
    order_operation="order_test_events_export",
    status_operation="get_test_events_export_status",
    status_params=("test_id",),
    candidates_prefix="candidates.item",
    document_model="test_events_export_file.TestEventsExportFile",
)
FILE = ExportKind(
    name="file",
    order_operation="order_file_export",
    status_operation="get_file_export_status",
    status_params=(),
    # The generic file export's content depends on its resourceType; callers pass a prefix to iter_candidates().
    candidates_prefix=None,
)

KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (RESULTS, SUBMISSIONS, CANDIDATE_SUBMISSIONS, CANDIDATE_RESULTS, CANDIDATE_PDF, EVENTS, FILE)
}
