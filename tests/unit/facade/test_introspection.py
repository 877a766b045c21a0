"""What `inspect`, `help()`, `dir()` and pydoc show of the facade: real parameters, return models, the surface."""

from __future__ import annotations

import inspect
import pydoc
import subprocess
import sys

import inspera
import pytest
from inspera import AsyncInspera, Inspera
from inspera.operations import NAMESPACES
from inspera_api.models import test_metadata, test_search_hit


@pytest.fixture
def clients() -> tuple[Inspera, AsyncInspera]:
    return Inspera("acme", "k" * 20), AsyncInspera("acme", "k" * 20)


def test_signatures_have_the_real_parameters_and_return_models(clients: tuple[Inspera, AsyncInspera]) -> None:
    sync, aio = clients
    for method in (sync.tests.get, aio.tests.get):
        signature = inspect.signature(method)
        assert list(signature.parameters) == ["test_id"]
        assert signature.parameters["test_id"].annotation is int
        assert signature.return_annotation is test_metadata.TestMetadata
    assert inspect.signature(sync.tests.search).return_annotation == list[test_search_hit.TestSearchHit]
    assert inspect.iscoroutinefunction(aio.tests.get) and not inspect.iscoroutinefunction(sync.tests.get)
    assert sync.tests.get.__doc__ == "Metadata of one test."
    sync.close()


def test_every_namespace_method_resolves_every_annotation(clients: tuple[Inspera, AsyncInspera]) -> None:
    for client in clients:
        for namespace in NAMESPACES:
            bound = getattr(client, namespace.attribute)
            for op in namespace.operations():
                signature = inspect.signature(getattr(bound, op.name))
                annotations = [p.annotation for p in signature.parameters.values()] + [signature.return_annotation]
                unresolved = [a for a in annotations if isinstance(a, str)]
                assert unresolved == [], f"{namespace.attribute}.{op.name}: {unresolved}"


def test_help_of_a_namespace_lists_methods_with_parameters(clients: tuple[Inspera, AsyncInspera]) -> None:
    sync, aio = clients
    text = pydoc.render_doc(sync.tests, renderer=pydoc.plaintext)
    assert "get(self, test_id: int) -> inspera_api.models.test_metadata.TestMetadata" in text
    assert "Operation object" not in text
    async_text = pydoc.render_doc(aio.tests, renderer=pydoc.plaintext)
    assert "class AsyncTests" in async_text and "async get(self, test_id: int)" in async_text


def test_dir_and_pydoc_list_the_public_surface() -> None:
    assert set(inspera.__all__) <= set(dir(inspera))
    text = pydoc.render_doc(inspera, renderer=pydoc.plaintext)
    for name in ("Inspera", "AsyncInspera", "InsperaError", "ClientClosedError", "ExportTimeout", "WebhookError"):
        assert f"class {name}" in text, name
    assert "value_or(" in text and "required(" in text


def test_every_error_class_is_importable_from_the_package() -> None:
    import inspera.errors
    import inspera.exports.errors
    import inspera.webhooks

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        for sub in list(found):
            found |= subclasses(sub)
        return found

    errors = {cls for cls in subclasses(inspera.InsperaError) if cls.__module__.startswith("inspera.")}
    errors.add(inspera.InsperaError)
    missing = sorted(cls.__name__ for cls in errors if getattr(inspera, cls.__name__, None) is not cls)
    assert missing == []
    assert all(cls.__name__ in inspera.__all__ for cls in errors)


def test_misspelt_names_are_errors_for_type_checkers_and_at_run_time() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Inspira'"):
        inspera.Inspira  # type: ignore[attr-defined]  # noqa: B018
    # The module-level __getattr__ is hidden from checkers, so they do not type unknown names as Any.
    source = inspect.getsource(inspera)
    assert "if not TYPE_CHECKING:" in source.split("def __getattr__")[0]


def test_top_level_names_stay_lazy() -> None:
    code = (
        "import sys, inspera; names = dir(inspera);"
        "print([m for m in ('httpx', 'inspera_api', 'inspera._client') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
