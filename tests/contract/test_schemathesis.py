"""Schemathesis against the live simulator: generated requests for every operation, checked for conformance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from inspera.testing import InsperaSimulator
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from .conftest import exchange
from .receiver import Receiver, webhook_receiver
from .spec_check import load_spec

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
CONFIG = {
    "generation": {"mode": "positive", "max-examples": 6, "database": "none"},
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
}


class Live:
    """The running simulator plus the ids generated requests are pointed at."""

    def __init__(self, sim: InsperaSimulator, token: str, receiver: Receiver, draft_test: int) -> None:
        self.sim, self.token, self.receiver, self.draft_test = sim, token, receiver, draft_test


@pytest.fixture(scope="module")
def live() -> Iterator[Live]:
    with InsperaSimulator(export_duration=0.0, candidates=2, tests=2, seed=11) as sim, webhook_receiver() as hooks:
        token = exchange(sim)
        draft = httpx.post(f"{sim.base_url}/v1/test", headers={"Authorization": f"Bearer {token}"},
                           json={"externalTestId": "SCHEMATHESIS-DRAFT", "title": "Draft"}).json()
        yield Live(sim, token, hooks, draft["assessmentRunId"])


# Loaded at import time: schemathesis' fixture-based lazy loader does not work with pytest 9. The simulator's
# address is only known at run time, so every call passes it as base_url.
schema = schemathesis.openapi.from_dict(load_spec(), config=schemathesis.Config.from_dict(CONFIG))


def steer(case: Any, live: Live) -> None:
    """Point half of the generated ids at seeded data and keep inputs inside Inspera's documented rules.

    The spec documents no 400 response for these operations although Inspera enforces the rules (tests/integration/
    simulator/test_rules.py covers them), so rule-breaking inputs are adjusted here rather than relaxing
    status_code_conformance for an undocumented status.
    """
    path, body = case.path_parameters or {}, case.body
    seeded = live.sim.test_ids[0]
    if isinstance(path.get("testId"), int) and path["testId"] % 2 == 0:
        path["testId"] = live.draft_test if case.path.endswith("/options") else seeded
        if isinstance(path.get("userId"), int):
            path["userId"] = live.sim.user_ids(seeded)[0]
    if not isinstance(body, dict):
        return
    if case.path == "/v1/test":
        body["externalTestId"] = body["externalTestId"] or "X"
        if "sourceTemplateId" in body:
            body["sourceTemplateId"] = seeded
        if "duration" in body:
            body["duration"] = abs(body["duration"])
    elif case.path == "/v1/users/student":
        body["username"] = "u_" + "".join(c for c in body["username"] if c.isascii() and c.isalnum())[:20] + "xxxx"
    elif case.path == "/v1/subscription":
        body.update(url=live.receiver.url, event="submissions_export_finished", secret=body["secret"] or "s")
    elif case.path.endswith("/committees") and case.method == "POST":
        for committee in body["committees"]:
            committee["name"] = committee["name"].strip() or "Committee"
            committee["type"] = "REASSESSMENT" if committee.get("type") == "REASSESSMENT" else "GRADING"
    elif case.path.endswith("/options"):
        groups = body["testOptions"]
        for group in ("securityOptions", "examDayOptions", "explanationOptions", "generalOptions"):
            for option in groups.get(group) or []:
                option["option"] = option["option"] or "GENERAL"
                if option["option"] in ("SEB_SETTINGS_PINCODE", "LOCKDOWN_QUIT_CODE"):
                    option["value"] = "abc123"
                elif option["option"].startswith(("LOCKDOWN_", "EXPLANATION_")):
                    option["value"] = bool(option.get("value"))


@schema.parametrize()
def test_generated_requests_conform(case: Any, live: Live) -> None:
    steer(case, live)
    case.call_and_validate(base_url=live.sim.base_url, headers={"Authorization": f"Bearer {live.token}"},
                           checks=CHECKS, timeout=15)
