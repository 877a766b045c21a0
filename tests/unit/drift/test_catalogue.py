"""The rule catalogue is well-formed and the manual publishes it as implemented."""

from __future__ import annotations

import re

from apidrift.rules import CATALOGUE, Severity

from tests.support.readme import section


def test_rule_ids_are_stable_kebab_case_with_a_reason() -> None:
    for rule_id, rule in CATALOGUE.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id)
        assert rule.summary.endswith(".") and rule.why.endswith(".")


def test_the_manual_lists_every_rule_with_its_severity() -> None:
    published = dict(re.findall(r"^\| `([a-z-]+)` \| (breaking|warning|info) \|", section("drift"), re.M))
    assert published == {rule_id: rule.severity.label for rule_id, rule in CATALOGUE.items()}


def test_only_documentation_rules_are_hidden_by_default() -> None:
    hidden = {rule_id for rule_id, rule in CATALOGUE.items() if rule.docs_only}
    assert hidden == {"docs-changed", "upstream-id-changed"}
    assert all(CATALOGUE[r].severity == Severity.INFO for r in hidden)
