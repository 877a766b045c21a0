"""A vendor document that marks every field nullable changes nothing for the facade or for typed users' code.

Springfox and swagger-core may write `x-nullable: true` (OpenAPI 3: `nullable: true`) on any property; the generated
fields then read `X | None | Unset` instead of `X | Unset`. The client is regenerated, in a temporary folder, from a
copy of our snapshot with every property so marked, and mypy --strict checks the facade against that package, while
mypy --strict and pyright (strict) check a typed user's script written as the README shows.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pipeline.convert import to_openapi3
from pipeline.documents import dump_json
from pipeline.generate import generate
from pipeline.layout import REPO_ROOT, Layout
from pipeline.names import NameMap
from pipeline.run import current_upstream
from pipeline.transforms import keep_upstream_identity, normalise

LAYOUT = Layout()
PYRIGHT = REPO_ROOT / "node_modules" / ".bin" / "pyright"

USER_CODE = '''
from inspera import Inspera, MissingFieldError, Unset, required, value_or


def titles(client: Inspera) -> list[str]:
    found: list[str] = []
    for hit in client.tests.search(title="exam"):
        test_id: int = required(hit.assessment_run_id)
        test = client.tests.get(test_id)
        title: str = value_or(test.title, "(untitled)")
        maybe: str | None = value_or(test.status, None)
        found.append(f"{title} {maybe}")
        if not isinstance(hit.assessment_run_id, Unset) and hit.assessment_run_id is not None:
            same: int = hit.assessment_run_id
            found.append(str(same))
        try:
            found.append(required(test.name, "name"))
        except MissingFieldError:
            pass
    return found
'''


# Runs with the nullable package first on the path: every answer field null, the facade still does what it says.
RUNTIME_CODE = '''
import httpx
from inspera import Inspera, MissingFieldError, required, value_or

def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/authenticate/token/"):
        return httpx.Response(200, json={"access_token": "token-1", "expires_in": 3600})
    if request.url.path.endswith("/v1/test"):
        return httpx.Response(200, json={"results": None, "hits": None})
    return httpx.Response(200, json={"assessmentRunId": None, "title": None, "committees": None})

with httpx.Client(transport=httpx.MockTransport(answer)) as http, Inspera(
    "tenant", "key-0123456789", base_url="http://127.0.0.1:9/api", http_client=http, max_retries=0
) as client:
    assert client.tests.search(title="x") == []
    test = client.tests.get(1)
    assert test.title is None and value_or(test.title, "(untitled)") == "(untitled)"
    try:
        required(test.assessment_run_id, "test id")
    except MissingFieldError as error:
        assert "null" in str(error)
    else:
        raise AssertionError("required() accepted None")
print("ok")
'''


def all_nullable(node: Any) -> int:
    """Mark every schema property of a Swagger 2.0 document `x-nullable: true`; returns how many were marked."""
    marked = 0
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for schema in properties.values():
                if isinstance(schema, dict):
                    schema["x-nullable"] = True
                    marked += 1
        marked += sum(all_nullable(value) for value in node.values())
    elif isinstance(node, list):
        marked += sum(all_nullable(value) for value in node)
    return marked


@pytest.fixture(scope="module")
def nullable_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding `inspera_api` generated from the all-nullable copy of the snapshot."""
    upstream = current_upstream(LAYOUT)
    assert upstream.format == "swagger-2.0", "x-nullable is the Swagger 2.0 spelling; adapt the marking"
    data = copy.deepcopy(upstream.data)
    assert all_nullable(data) > 100
    keep_upstream_identity(data)
    doc, ctx = normalise(to_openapi3(data, upstream.format, LAYOUT), NameMap.load(LAYOUT.names))
    folder = tmp_path_factory.mktemp("nullable")
    spec = folder / "openapi.json"
    spec.write_bytes(dump_json(doc))
    generate(spec, LAYOUT.generator_config, folder / "inspera_api", ctx.assigned, ctx.overrides)
    hit = (folder / "inspera_api" / "models" / "test_search_hit.py").read_text(encoding="utf-8")
    assert "assessment_run_id: int | None | Unset" in hit  # the marking reached the generated types
    return folder


def _mypy(args: list[str], package: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(package)}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(package / ".mypy_cache"), *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.slow
def test_the_facade_type_checks_against_a_package_whose_fields_are_all_nullable(nullable_package: Path) -> None:
    done = _mypy(["facade"], nullable_package, REPO_ROOT)  # the project's own strict configuration
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


@pytest.fixture(scope="module")
def user_script(nullable_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("user")
    shutil.copytree(nullable_package / "inspera_api", folder / "inspera_api")  # found before the installed one
    # As for an installed package, mypy reports only the user's own errors (not the generated code's).
    (folder / "mypy.ini").write_text("[mypy]\nstrict = True\n\n[mypy-inspera_api.*]\nfollow_imports = silent\n")
    script = folder / "user_code.py"
    script.write_text(USER_CODE, encoding="utf-8")
    return script


@pytest.mark.slow
def test_a_typed_users_code_passes_mypy_strict_with_nullable_fields(user_script: Path) -> None:
    done = _mypy([user_script.name], user_script.parent, user_script.parent)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_a_typed_users_code_passes_pyright_strict_with_nullable_fields(user_script: Path) -> None:
    assert PYRIGHT.exists(), "pyright is missing: run `npm ci` (it is pinned in package.json)"
    folder = user_script.parent
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "include": [user_script.name]}
    (folder / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [str(PYRIGHT), "--pythonpath", sys.executable, user_script.name],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_facade_runs_when_a_nullable_package_answers_null_everywhere(nullable_package: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(nullable_package)}
    done = subprocess.run(
        [sys.executable, "-c", RUNTIME_CODE], env=env, capture_output=True, text=True, timeout=120, cwd=nullable_package
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr
