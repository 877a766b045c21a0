"""Operations without a facade method are marked as callable with `client.call`, in ENDPOINTS.md and the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from endpoints.capabilities import UNMAPPED
from endpoints.facade import FacadeMap
from endpoints.model import rows
from endpoints.render import markdown
from inspera.cli import endpoints as cli_endpoints
from pipeline.layout import REPO_ROOT


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((REPO_ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    return loaded


def test_the_reference_marks_and_lists_operations_without_a_facade_method() -> None:
    document = _document()
    facade = FacadeMap(introspected=True, operations={"GET /v1/test/{testId}": ("Inspera.tests.get",)})
    listed = rows(document, facade)
    page = markdown(listed, UNMAPPED, facade, {})
    assert "| `inspera_api.api.tests.get_test` | `Inspera.tests.get` |" in page
    assert "| `inspera_api.api.users.get_user` | *none* — `client.call` |" in page
    section = page.split("## Operations without a facade method", 1)[1].split("## Totals", 1)[0]
    assert "- GET `/v1/users/{userId}` — `client.call(inspera_api.api.users.get_user, …)`" in section
    assert "GET `/v1/test/{testId}`" not in section
    assert f"| Without a facade method (use `client.call`) | {len(listed) - 1} |" in page


def test_the_cli_marks_them_too(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_endpoints._sync_methods(()) == "client.call"
    assert cli_endpoints._sync_methods(("Inspera.tests.get", "AsyncInspera.tests.get")) == "tests.get"
    monkeypatch.setattr("inspera.operations.by_operation", lambda: {})
    listed = cli_endpoints.list_endpoints()
    assert listed and all(endpoint.facade == () for endpoint in listed)
