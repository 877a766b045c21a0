"""OpenAPI links from the answers that hand out ids to the operations that take them, keyed by stable names.

The table names operations by our stable function names (openapi/names.toml, which `assign_stable_names` writes into
operationId) and values by wire names (response fields), so a vendor renaming a schema, a path variable or an
operationId moves nothing here. A target's path variable is addressed by position (`path:0` is the first `{...}` of
its path), and resolved to whatever the document calls it when the link is written.

A value is one of
  `body:/pointer`   a field of the source's 200 answer (`$response.body#/pointer`),
  `path:N`          the source request's N-th path variable (`$request.path.<name>`),
  `const:VALUE`     a fixed value (a JSON scalar, e.g. `const:true` or `const:"INSPERA"`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_PATH_VARIABLE = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    values: tuple[tuple[str, str], ...]  # (target parameter `path:N` or `query:name`, value)

    @property
    def name(self) -> str:
        return self.target


def _fan_out(source: str, targets: tuple[str, ...], *values: tuple[str, str]) -> list[Link]:
    return [Link(source, target, tuple(values)) for target in targets]


_TEST_OPERATIONS = (
    "get_test", "add_candidates", "add_contributors", "list_contributors", "create_committees", "delete_committees",
    "move_committee_candidates", "remove_committee_candidates", "move_committee_contributors",
    "remove_committee_contributors", "set_test_options", "activate_test", "order_submissions_export",
    "order_test_events_export", "order_results_export",
)
_JOB_STATUS = (
    ("order_submissions_export", "get_submissions_export_status", 1),
    ("order_test_events_export", "get_test_events_export_status", 1),
    ("order_results_export", "get_results_export_status", 1),
    ("order_candidate_submissions_export", "get_candidate_submissions_export_status", 2),
    ("order_candidate_results_export", "get_candidate_results_export_status", 2),
    ("order_candidate_pdf_export", "get_candidate_pdf_export_status", 2),
)

LINKS: tuple[Link, ...] = (
    # A created (or updated) test's assessmentRunId is the testId of every per-test operation.
    *_fan_out("create_or_update_test", _TEST_OPERATIONS, ("path:0", "body:/assessmentRunId")),
    *_fan_out("search_tests", ("get_test", "list_contributors", "order_results_export"),
              ("path:0", "body:/results/0/assessmentRunId")),
    # An ordered export's jobId goes to its status operation, next to the ids the order was made for.
    *(
        Link(order, status, (*((f"path:{i}", f"path:{i}") for i in range(ids)), (f"path:{ids}", "body:/jobId")))
        for order, status, ids in _JOB_STATUS
    ),
    Link("order_file_export", "get_file_export_status", (("path:0", "body:/jobId"),)),
    Link("get_test", "get_user", (("path:0", "body:/contributors/0/userId"),)),
    Link("list_contributors", "get_user", (("path:0", "body:/0/userId"),)),
    Link("find_users_by_external_id", "get_user", (("path:0", "body:/0/userId"),)),
    # A learner created through the API is found again under the INSPERA identity its username names.
    Link("create_or_update_student", "find_users_by_external_id",
         (("path:0", 'const:"INSPERA"'), ("path:1", "body:/username"), ("query:includeStudent", "const:true"))),
    Link("create_subscription", "delete_subscription", (("path:0", "body:/id"),)),
    Link("list_subscriptions", "delete_subscription", (("path:0", "body:/0/id"),)),
)


def path_variables(path: str) -> list[str]:
    return _PATH_VARIABLE.findall(path)


def _expression(value: str, source_path: str) -> Any:
    kind, _, rest = value.partition(":")
    if kind == "body":
        return f"$response.body#{rest}"
    if kind == "path":
        return f"$request.path.{path_variables(source_path)[int(rest)]}"
    if kind == "const":
        return json.loads(rest)
    raise ValueError(f"link value {value!r} is not body:/pointer, path:N or const:VALUE")


def _parameter(target: str, target_path: str) -> str:
    kind, _, rest = target.partition(":")
    if kind == "path":
        return path_variables(target_path)[int(rest)]
    if kind == "query":
        return rest
    raise ValueError(f"link parameter {target!r} is not path:N or query:name")


def place_links(operations: Mapping[str, tuple[str, dict[str, Any]]], links: tuple[Link, ...] = LINKS) -> list[str]:
    """Write `links` into the 200 answers of `operations` ({function: (path, operation)}); return what was skipped.

    A link whose source or target is not in the document, or whose positions do not fit the paths, is skipped and
    named in the returned list, so a vendor removing an operation never stops a run.
    """
    skipped: list[str] = []
    for link in links:
        if link.source not in operations or link.target not in operations:
            missing = [name for name in (link.source, link.target) if name not in operations]
            skipped.append(f"link {link.source} -> {link.target}: no operation {', '.join(missing)}")
            continue
        source_path, source = operations[link.source]
        target_path, _target = operations[link.target]
        answer = (source.get("responses") or {}).get("200")
        if not isinstance(answer, dict):
            skipped.append(f"link {link.source} -> {link.target}: {link.source} has no 200 answer")
            continue
        try:
            parameters = {_parameter(t, target_path): _expression(v, source_path) for t, v in link.values}
        except IndexError:
            skipped.append(f"link {link.source} -> {link.target}: a path position does not exist")
            continue
        answer.setdefault("links", {})[link.name] = {"operationId": link.target, "parameters": parameters}
    return skipped
