"""Stable names: the fallback function and the override map."""

from __future__ import annotations

import pytest
from pipeline.errors import NamingError
from pipeline.layout import Layout
from pipeline.names import NameMap, fallback_function, snake
from pipeline.validate import check_names


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("DELETE", "/v1/test/{testId}/committees", "delete_test_committees_by_test_id"),
        ("GET", "/v1/candidates/allResults/{testId}/{userId}", "get_candidates_all_results_by_test_id_and_user_id"),
        ("POST", "/authenticate/token/", "post_authenticate_token"),
        ("GET", "/", "get_root"),
        ("GET", "/v2/import/{class}", "get_import_by_class"),
    ],
)
def test_fallback_function(method: str, path: str, expected: str) -> None:
    assert fallback_function(method, path) == expected


def test_snake() -> None:
    assert snake("fileExport") == "file_export"
    assert snake("webhooks (beta)") == "webhooks_beta"
    assert snake("HTTPStatus") == "http_status"


def test_committed_map_is_valid_and_complete_for_the_snapshot() -> None:
    names = NameMap.load(Layout().names)
    assert len(names.operations) >= 30
    assert len({v for v in names.operations.values()}) == len(names.operations)


def test_bad_map_entries_are_refused() -> None:
    with pytest.raises(NamingError, match="not 'METHOD /path'"):
        NameMap.from_dict({"operations": {"FETCH /x": {"group": "a", "function": "b"}}})
    with pytest.raises(NamingError, match="snake_case"):
        NameMap.from_dict({"operations": {"GET /x": {"group": "a", "function": "Bad-Name"}}})
    with pytest.raises(NamingError, match="snake_case"):
        NameMap.from_dict({"operations": {"GET /x": {"group": "class", "function": "b"}}})


def test_collision_is_refused_with_both_operations_named() -> None:
    names = NameMap.from_dict(
        {
            "operations": {
                "GET /a": {"group": "g", "function": "same"},
                "GET /b": {"group": "g", "function": "same"},
            }
        }
    )
    assigned = {k: names.resolve(k.method, k.path) for k in names.operations}
    with pytest.raises(NamingError, match=r"GET /a, GET /b would all become inspera_api\.api\.g\.same"):
        check_names(assigned)
