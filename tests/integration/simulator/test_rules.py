"""Inspera's documented input rules, answered with 400 and a reason."""

from __future__ import annotations

import httpx
import pytest
from inspera.testing import InsperaSimulator


def _draft(api: httpx.Client, name: str) -> int:
    test_id: int = api.post("/v1/test", json={"externalTestId": name, "title": name}).json()["assessmentRunId"]
    return test_id


def _options(api: httpx.Client, test_id: int, group: str, option: str, value: object) -> httpx.Response:
    return api.post(f"/v1/test/{test_id}/options", json={"testOptions": {group: [{"option": option, "value": value}]}})


@pytest.mark.parametrize(("value", "reason"), [
    ("abc12", "at least 6"), ("abcdef", "letters and digits"), ("123456", "letters and digits"),
    ("abc12é", "printable ASCII"), ("abc 12\t", "printable ASCII"), (123456, "string"),
])
def test_seb_pincode_rules(sim: InsperaSimulator, api: httpx.Client, value: object, reason: str) -> None:
    test_id = _draft(api, f"PIN-{reason}-{value!r}")
    refused = _options(api, test_id, "securityOptions", "SEB_SETTINGS_PINCODE", value)
    assert refused.status_code == 400 and reason in refused.json()["description"]
    assert sim.test_options(test_id) == {}


def test_valid_options_are_stored_and_a_null_value_removes_one(sim: InsperaSimulator, api: httpx.Client) -> None:
    test_id = _draft(api, "OPTIONS")
    assert _options(api, test_id, "securityOptions", "SEB_SETTINGS_PINCODE", "Pin~42x").status_code == 200
    assert _options(api, test_id, "securityOptions", "LOCKDOWN_CHROME_KIOSK", False).status_code == 200
    assert _options(api, test_id, "securityOptions", "SEB_SETTINGS_PINCODE", None).status_code == 200
    assert sim.test_options(test_id) == {"securityOptions": {"LOCKDOWN_CHROME_KIOSK": False}}


@pytest.mark.parametrize("option", ["LOCKDOWN_BROWSER", "LOCKDOWN_CHROME_KIOSK"])
def test_lockdown_options_take_booleans(api: httpx.Client, option: str) -> None:
    test_id = _draft(api, f"BOOL-{option}")
    refused = _options(api, test_id, "securityOptions", option, "true")
    assert refused.status_code == 400 and "boolean" in refused.json()["description"]


def test_security_options_are_locked_once_the_test_is_active(sim: InsperaSimulator, api: httpx.Client) -> None:
    test_id = _draft(api, "LOCKED")
    sim.set_test_status(test_id, "active")
    refused = _options(api, test_id, "securityOptions", "LOCKDOWN_BROWSER", True)
    assert refused.status_code == 400 and "active" in refused.json()["description"]
    allowed = _options(api, test_id, "explanationOptions", "EXPLANATION_OF_GRADES_ADMINISTRATION_ENABLED", True)
    assert allowed.status_code == 200


@pytest.mark.parametrize(("committee", "reason"), [
    ({"name": "x" * 51}, "50"), ({"name": "Appeals", "type": "EVALUATE"}, "Wrong committee type"),
    ({"name": "  "}, "committees[0].name"),
])
def test_committee_rules(sim: InsperaSimulator, api: httpx.Client, committee: dict[str, str], reason: str) -> None:
    refused = api.post(f"/v1/test/{sim.test_ids[0]}/committees", json={"committees": [committee]})
    assert refused.status_code == 400 and reason in refused.json()["description"]
    assert api.post(f"/v1/test/{sim.test_ids[0]}/committees",
                    json={"committees": [{"name": "x" * 50, "type": "REASSESSMENT"}]}).status_code == 200


@pytest.mark.parametrize("username", ["short", "x" * 33, "1student", "has space", "bad-dash", "ünïcode_"])
def test_learner_usernames_follow_inspera_rules(api: httpx.Client, username: str) -> None:
    assert api.post("/v1/users/student", json={"username": username}).status_code == 400


def test_a_username_that_exists_is_refused(sim: InsperaSimulator, api: httpx.Client) -> None:
    created = api.post("/v1/users/student", json={"username": "_learner6", "firstName": "Ada", "email": "a@x.no"})
    assert created.json() == {"success": True, "username": "_learner6"}
    # Since May 2023 Inspera refuses a duplicate username; before, it silently created a second learner.
    again = api.post("/v1/users/student", json={"username": "_learner6", "lastName": "Lovelace"})
    assert again.status_code == 400 and "already exists" in again.json()["description"]
    found = api.get("/v1/users/external/INSPERA/_learner6", params={"includeStudent": "true"}).json()
    assert [(u["username"], u["firstName"], u["lastName"]) for u in found] == [("_learner6", "Ada", "")]
    # Nor can a contributor's username be taken as a learner's.
    contributor = api.get(f"/v1/test/{sim.test_ids[0]}/contributors").json()[0]["userName"]
    assert api.post("/v1/users/student", json={"username": contributor}).status_code == 400
