"""The per-call path stays cheap without losing its checks: argument validation and namespace method binding."""

from __future__ import annotations

import inspect

import pytest
from inspera import AsyncInspera, Inspera
from inspera._calls.invoke import _check_arguments
from inspera_api.api.tests import get_test, search_tests


@pytest.mark.parametrize(
    ("endpoint", "kwargs"),
    [
        (get_test, {"test_id": 1}),
        (search_tests, {}),  # every query parameter is optional
        (search_tests, {"title": "exam"}),
    ],
)
def test_fitting_arguments_pass(endpoint: object, kwargs: dict[str, object]) -> None:
    _check_arguments(endpoint, kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("endpoint", "kwargs"),
    [
        (get_test, {}),  # a required argument is missing
        (get_test, {"test_id": 1, "testid": 1}),  # an unknown one is added
        (get_test, {"testid": 1}),  # misspelt
        (search_tests, {"titel": "exam"}),
    ],
)
def test_arguments_that_do_not_fit_raise_type_error_naming_the_endpoint(
    endpoint: object, kwargs: dict[str, object]
) -> None:
    name = endpoint.__name__.rsplit(".", 1)[-1]  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match=name):
        _check_arguments(endpoint, kwargs)  # type: ignore[arg-type]


def test_namespace_methods_are_bound_methods_with_the_callers_signature() -> None:
    for client in (Inspera("acme", "k" * 20), AsyncInspera("acme", "k" * 20)):
        method = client.tests.get
        assert inspect.ismethod(method) and method.__self__ is client.tests
        assert list(inspect.signature(method).parameters) == ["test_id"]
        assert method.__name__ == "get" and method == client.tests.get
    # Each client's namespace gets its own binding: two clients never share state through a method.
    first, second = Inspera("a", "k" * 20), Inspera("b", "k" * 20)
    assert first.tests.get.__self__._client is first and second.tests.get.__self__._client is second
    for sync in (first, second):
        sync.close()
