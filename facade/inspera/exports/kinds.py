"""The export kinds Inspera offers, declared as data: which generated operations and which response fields."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

_API = "inspera_api.api.exports."

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
    # ijson prefix of the candidate array inside the exported file; None when the file shape is not known.
    candidates_prefix: str | None
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


RESULTS = ExportKind(
    name="results",
    order_operation="order_results_export",
    status_operation="get_results_export_status",
    status_params=("test_id",),
    candidates_prefix="ext_inspera_candidates.item",
)
SUBMISSIONS = ExportKind(
    name="submissions",
    order_operation="order_submissions_export",
    status_operation="get_submissions_export_status",
    status_params=("test_id",),
    candidates_prefix="ext_inspera_candidates.item",
)
CANDIDATE_SUBMISSIONS = ExportKind(
    name="candidate_submissions",
    order_operation="order_candidate_submissions_export",
    status_operation="get_candidate_submissions_export_status",
    status_params=("test_id", "user_id"),
    candidates_prefix="ext_inspera_candidates.item",
)
EVENTS = ExportKind(
    name="events",
    order_operation="order_test_events_export",
    status_operation="get_test_events_export_status",
    status_params=("test_id",),
    candidates_prefix="candidates.item",
)
FILE = ExportKind(
    name="file",
    order_operation="order_file_export",
    status_operation="get_file_export_status",
    status_params=(),
    # The generic file export's content depends on its resourceType; callers pass a prefix to iter_candidates().
    candidates_prefix=None,
)

KINDS: dict[str, ExportKind] = {kind.name: kind for kind in (RESULTS, SUBMISSIONS, CANDIDATE_SUBMISSIONS, EVENTS, FILE)}
