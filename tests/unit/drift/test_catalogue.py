"""The rule catalogue is well-formed and the README publishes it as implemented."""

from __future__ import annotations

import re

from apidrift.rules import CATALOGUE, Severity
from pipeline.layout import REPO_ROOT


def _readme_section() -> str:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- section:drift -->(.*?)<!-- /section:drift -->", text, re.S)
    assert match, "README has no drift section"
    return match.group(1)


def test_rule_ids_are_stable_kebab_case_with_a_reason() -> None:
    for rule_id, rule in CATALOGUE.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id)
        assert rule.summary.endswith(".") and rule.why.endswith(".")


def test_readme_lists_every_rule_with_its_severity() -> None:
    published = dict(re.findall(r"^\| `([a-z-]+)` \| (breaking|warning|info) \|", _readme_section(), re.M))
    assert published == {rule_id: rule.severity.label for rule_id, rule in CATALOGUE.items()}


def test_only_documentation_rules_are_hidden_by_default() -> None:
    hidden = {rule_id for rule_id, rule in CATALOGUE.items() if rule.docs_only}
    assert hidden == {"docs-changed", "upstream-id-changed"}
    assert all(CATALOGUE[r].severity == Severity.INFO for r in hidden)
