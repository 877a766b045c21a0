"""Stable names: the fallback function, version-aware names and groups, the override map, and stability."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pipeline.errors import NamingError
from pipeline.layout import Layout
from pipeline.names import NameMap, fallback_function, path_shape, snake
from pipeline.transforms import normalise
from pipeline.validate import check_names

from tests.hardening.bounded import bounded


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("DELETE", "/v1/test/{testId}/committees", "delete_test_committees_by_test_id_v1"),
        ("GET", "/v1/candidates/allResults/{testId}/{userId}", "get_candidates_all_results_by_test_id_and_user_id_v1"),
        ("POST", "/authenticate/token/", "post_authenticate_token_slash"),
        ("POST", "/authenticate/token", "post_authenticate_token"),
        ("GET", "/", "get_root"),
        ("GET", "/v2/import/{class}", "get_import_by_class_v2"),
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


# -- versions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/v1/items", "get_items_v1"),
        ("GET", "/items", "get_items"),
        ("GET", "/v2/items", "get_items_v2"),
        ("GET", "/v2/items/{id}", "get_items_by_id_v2"),
        ("GET", "/api/v3/items", "get_api_items_v3"),
        ("POST", "/v1.1/items", "post_items_v1_1"),
        ("GET", "/V1.0/items", "get_items_v1_0"),
        ("GET", "/v2beta1/items", "get_items_v2beta1"),
        ("GET", "/v2/items/v3/parts", "get_items_parts_v2_v3"),
        ("GET", "/api/v1/items", "get_api_items_v1"),
        ("GET", "/api/", "get_api_slash"),
        ("GET", "/api/v1/", "get_api_v1_slash"),
        ("GET", "/apis/foo.io/", "get_apis_foo_io_slash"),
        ("GET", "/apis/foo.io/v1/", "get_apis_foo_io_v1_slash"),
        ("GET", "/apis/foo.io/v1/widgets", "get_apis_foo_io_widgets_v1"),
        ("GET", "/apis/foo.io/v1beta1/widgets", "get_apis_foo_io_widgets_v1beta1"),
    ],
)
def test_every_version_segment_is_part_of_the_name(method: str, path: str, expected: str) -> None:
    assert fallback_function(method, path) == expected


@pytest.mark.parametrize(
    ("path", "group"),
    [
        ("/api/v2/widgets/{id}", "widgets"),
        ("/v3/api/widgets", "widgets"),
        ("/api", "default"),
        ("/{tenant}/reports", "reports"),
        ("/v2/test/{testId}/appeals", "tests"),  # the "/v1/test" prefix of [groups] matches any version
        ("/v2/fileExport/status/{jobId}", "exports"),
    ],
)
def test_groups_come_from_the_first_meaningful_segment(path: str, group: str) -> None:
    assert NameMap.load(Layout().names).fallback_group(path) == group


def test_the_names_map_still_wins_over_version_rules() -> None:
    names = NameMap.from_dict({"operations": {"GET /v2/items": {"group": "stock", "function": "list_stock"}}})
    assert (names.resolve("GET", "/v2/items").group, names.resolve("GET", "/v2/items").function) == (
        "stock",
        "list_stock",
    )
    assert names.resolve("GET", "/v1/items").function == "get_items_v1"


# -- stability as a property -----------------------------------------------------------------------------------

# One spelling per variable: two document paths of one shape are refused (see test_pins.py).
_SEGMENTS = ("items", "users", "api", "v1", "v2", "v1.1", "{id}", "search", "export", "fileExport")
_METHODS = ("GET", "POST", "PUT", "DELETE")
_operations = st.tuples(
    st.sampled_from(_METHODS),
    st.builds(
        lambda segments, slash: "/" + "/".join(segments) + ("/" if slash else ""),
        st.lists(st.sampled_from(_SEGMENTS), min_size=1, max_size=4),
        st.booleans(),
    ),
)


def _document(ops: list[tuple[str, str]]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for method, path in ops:
        params = [
            {"name": s[1:-1], "in": "path", "required": True, "schema": {"type": "string"}}
            for s in path.split("/")
            if s.startswith("{")
        ]
        paths.setdefault(path, {})[method.lower()] = {"parameters": params, "responses": {"200": {"description": ""}}}
    # The server already ends in /api, so paths are taken as they are. (A document whose every path starts with
    # /api is read relative to the tenant's /api instead; that is a property of the whole document's base.)
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "servers": [{"url": "https://tenant.example/api"}],
    }


_MAP = NameMap.load(Layout().names)


def _names_of(ops: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Names by (METHOD, path) as the test wrote them; paths of a names.toml shape come back with its variables."""
    _, ctx = normalise(_document(ops), _MAP)
    by_shape = {k.shape: v.qualified for k, v in ctx.assigned.items()}
    return {(method, path): by_shape[(method, path_shape(path))] for method, path in ops}


@bounded(120)
@given(
    kept=st.lists(_operations, min_size=1, max_size=8, unique=True),
    others=st.lists(_operations, max_size=8, unique=True),
    seed=st.integers(0, 2**16),
)
def test_adding_removing_or_reordering_other_paths_never_changes_a_name(
    kept: list[tuple[str, str]], others: list[tuple[str, str]], seed: int
) -> None:
    before = _names_of(kept)
    rng = random.Random(seed)
    extra = [op for op in others if op not in kept]
    removed = rng.sample(kept[1:], k=rng.randint(0, len(kept) - 1)) if len(kept) > 1 else []
    after_ops = [op for op in kept if op not in removed] + extra
    rng.shuffle(after_ops)
    after = _names_of(after_ops)
    for op in after_ops:
        if op in before:
            assert after[op] == before[op], op


@bounded(40)
@given(base=st.lists(_operations, max_size=6, unique=True), resource=st.sampled_from(("items", "widgets", "search")))
def test_adding_a_v2_never_renames_the_v1_function(base: list[tuple[str, str]], resource: str) -> None:
    v1, v2 = ("GET", f"/v1/{resource}/{{id}}"), ("GET", f"/v2/{resource}/{{id}}")
    ops = [op for op in base if op not in (v1, v2)]
    before = _names_of([*ops, v1])
    after = _names_of([v2, *ops, v1])
    assert after[v1] == before[v1]
    assert after[v2] == before[v1].removesuffix("_v1") + "_v2"


# -- twins: trailing slashes and version segments --------------------------------------------------------------

_STATICS = ("apis", "foo.io", "items", "search", "fileExport", "export.csv")
_VERSIONS = ("v1", "v2", "v1beta1", "v1.1")


@st.composite
def _twins(draw: st.DrawFn) -> list[str]:
    """One path and its twins: the same segments with a trailing slash, with version segments inserted anywhere
    (at the front too), and both."""
    statics = draw(st.lists(st.sampled_from(_STATICS), min_size=1, max_size=3, unique=True))
    params = draw(st.lists(st.sampled_from(("{id}", "{name}")), max_size=1))
    base = [*statics, *params]
    variants = {"/" + "/".join(base)}
    for version in draw(st.lists(st.sampled_from(_VERSIONS), min_size=1, max_size=3, unique=True)):
        at = draw(st.integers(0, len(base)))
        variants.add("/" + "/".join([*base[:at], version, *base[at:]]))
    return sorted(variants | {v + "/" for v in variants})


@bounded(60)
@given(paths=_twins(), method=st.sampled_from(_METHODS))
def test_trailing_slash_and_version_twins_get_distinct_names(paths: list[str], method: str) -> None:
    names = {path: fallback_function(method, path) for path in paths}
    assert len(set(names.values())) == len(paths), names
    ops = [(method, path) for path in paths]
    assigned = _names_of(ops)
    assert len(set(assigned.values())) == len(ops)
    assert all(_names_of([op])[op] == assigned[op] for op in ops[:3])  # alone or with its twins: the same name


def test_the_large_document_twins_regenerate_with_distinct_names() -> None:
    ops = [("GET", "/apis/foo.io/"), ("GET", "/apis/foo.io/v1/"), ("GET", "/apis/foo.io/v1"), ("GET", "/apis/foo.io")]
    _, ctx = normalise(_document(ops), _MAP)
    check_names(ctx.assigned)  # raises on any collision
    assert sorted(n.function for n in ctx.assigned.values()) == [
        "get_apis_foo_io",
        "get_apis_foo_io_slash",
        "get_apis_foo_io_v1",
        "get_apis_foo_io_v1_slash",
    ]
