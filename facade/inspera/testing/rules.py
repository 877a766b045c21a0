"""Inspera's documented input rules (test options, activation, committees, learner usernames) as plain checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Test

BOOLEAN_OPTIONS = frozenset(
    {
        "LOCKDOWN_BROWSER",
        "LOCKDOWN_CHROME_KIOSK",
        "EXPLANATION_OF_GRADES_ADMINISTRATION_ENABLED",
        "EXPLANATION_OF_GRADES_REQUESTED_FOR_ALL_GRADES",
    }
)
STRING_OPTIONS = frozenset({"SEB_SETTINGS_PINCODE", "LOCKDOWN_QUIT_CODE"})
# The general group is generalOptions; the singular generalOption of older documentation was never read.
OPTION_GROUPS = ("securityOptions", "examDayOptions", "explanationOptions", "generalOptions")
COMMITTEE_TYPES = frozenset({"GRADING", "REASSESSMENT"})
# Tests in these states have not been activated yet, so their security settings may still change.
EDITABLE_SECURITY_STATES = frozenset({"created", "scheduled", "updated"})
# Tests past these states cannot be activated (again).
CLOSED_STATES = frozenset({"finished", "graded", "grading in progress"})

_USERNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{5,31}")
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


class RuleViolation(ValueError):
    """Input Inspera would refuse with 400; the message is safe to return to the caller."""


def check_pincode(value: object) -> None:
    if not isinstance(value, str):
        raise RuleViolation("SEB_SETTINGS_PINCODE must be a string")
    if len(value) < 6:
        raise RuleViolation("SEB_SETTINGS_PINCODE must be at least 6 characters long")
    if not _PRINTABLE_ASCII.fullmatch(value):
        raise RuleViolation("SEB_SETTINGS_PINCODE may only contain printable ASCII characters")
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        raise RuleViolation("SEB_SETTINGS_PINCODE must contain both letters and digits")


def check_option(group: str, option: Mapping[str, Any], test_status: str) -> None:
    """Raise RuleViolation if one option of one group cannot be applied to a test in `test_status`."""
    name = option.get("option")
    if not isinstance(name, str) or not name:
        raise RuleViolation(f"{group}: every entry needs an 'option' name")
    value = option.get("value")
    if group == "securityOptions" and test_status not in EDITABLE_SECURITY_STATES:
        raise RuleViolation(f"security options cannot be changed once the test is {test_status}")
    if value is None:
        return  # a missing value removes the option
    if name in BOOLEAN_OPTIONS and not isinstance(value, bool):
        raise RuleViolation(f"{name} takes a boolean value")
    if name == "SEB_SETTINGS_PINCODE":
        check_pincode(value)
    elif name in STRING_OPTIONS and not isinstance(value, str):
        raise RuleViolation(f"{name} takes a string value")


def check_activation(test: Test) -> None:
    """Raise RuleViolation (Inspera answers 400 with the reason) when a test's configuration cannot go live."""
    if test.status in CLOSED_STATES:
        raise RuleViolation(f"the test is {test.status} and cannot be activated again")
    if not test.questions:
        raise RuleViolation("the test has no questions: create it from a template (sourceTemplateId) first")
    if test.end <= test.start:
        raise RuleViolation("the test ends before it starts")


def check_committee(committee: Mapping[str, Any]) -> tuple[str, str]:
    """Return the committee's (name, type) with the default type applied."""
    name = committee.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleViolation("a committee needs a non-empty name")
    if len(name) > 50:
        raise RuleViolation("a committee name has at most 50 characters")
    kind = committee.get("type") or "GRADING"
    if kind not in COMMITTEE_TYPES:
        raise RuleViolation(f"Wrong committee type: expected one of {', '.join(sorted(COMMITTEE_TYPES))}")
    return name, str(kind)


def check_username(username: object) -> str:
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise RuleViolation(
            "username must be 6-32 characters of letters, digits and underscores and must not start with a digit"
        )
    return username
