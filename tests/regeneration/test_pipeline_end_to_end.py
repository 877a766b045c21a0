"""The pipeline end to end on other inputs, and its failures: one clear line, an untouched tree."""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pipeline.convert import to_openapi3
from pipeline.layout import REPO_ROOT, Layout
from pipeline.run import current_upstream
from pipeline.tree import diff_trees, tree_sha256

from tests.support.static_server import serve

SCRIPT = str(REPO_ROOT / "scripts" / "regenerate.py")


def regenerate(layout: Layout, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, "--root", str(layout.root), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot() -> dict[str, Any]:
    return copy.deepcopy(current_upstream(Layout()).data)


def swagger_ui_page(initializer: str = "./swagger-initializer.js") -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Swagger UI</title></head><body>"
        '<div id="swagger-ui"></div><script src="./swagger-ui-bundle.js"></script>'
        f'<script src="{initializer}" charset="UTF-8"></script></body></html>'
    ).encode()


def test_openapi3_yaml_source_generates_the_same_client(scratch_repo: Layout, tmp_path: Path) -> None:
    upstream = current_upstream(Layout())
    converted = to_openapi3(upstream.data, upstream.format, Layout())
    source = tmp_path / "spec.yaml"
    source.write_text(yaml.safe_dump(converted, sort_keys=False))
    proc = regenerate(scratch_repo, "--source", str(source))
    assert proc.returncode == 0, proc.stderr
    assert not diff_trees(Layout().generated_package, scratch_repo.generated_package)
    manifest = json.loads(scratch_repo.manifest.read_text())
    assert manifest["upstream"]["format"] == "openapi-3.0"
    assert manifest["source"] == {"kind": "file", "path": "spec.yaml"}
    assert (scratch_repo.openapi_dir / "upstream.yaml").read_bytes() == source.read_bytes()
    assert not (scratch_repo.openapi_dir / "upstream.json").exists()


def test_pull_discovers_the_spec_behind_a_swagger_ui_page(scratch_repo: Layout) -> None:
    spec = snapshot()
    spec["paths"]["/v1/test/{testId}/appeals"] = {
        "post": {
            "tags": ["test"],
            "operationId": "registerAppeals",
            "parameters": [{"name": "testId", "in": "path", "required": True, "type": "integer", "format": "int64"}],
            "responses": {"default": {"description": "successful operation"}},
        }
    }
    routes = {
        "/apidoc/": ("text/html", swagger_ui_page()),
        "/apidoc/swagger-initializer.js": (
            "application/javascript",
            b"window.onload = function() { window.ui = SwaggerUIBundle("
            b'{ url: "/api/swagger.json", dom_id: "#swagger-ui" }); };',
        ),
        "/api/swagger.json": ("application/json", json.dumps(spec).encode()),
    }
    with serve(routes) as base:
        proc = regenerate(scratch_repo, "--pull", f"{base}/apidoc/")
    assert proc.returncode == 0, proc.stderr
    assert "tests.post_test_appeals_by_test_id_v1" in proc.stdout
    assert (scratch_repo.generated_package / "api" / "tests" / "post_test_appeals_by_test_id_v1.py").is_file()
    manifest = json.loads(scratch_repo.manifest.read_text())
    assert manifest["source"]["kind"] == "pulled"
    assert manifest["source"]["spec_url"].endswith("/api/swagger.json")
    assert manifest["upstream"]["format"] == "swagger-2.0"


def test_pull_follows_a_config_url(scratch_repo: Layout) -> None:
    routes = {
        "/apidoc/": ("text/html", swagger_ui_page()),
        "/apidoc/swagger-initializer.js": (
            "application/javascript",
            b'SwaggerUIBundle({ configUrl: "/apidoc/swagger-config" })',
        ),
        "/apidoc/swagger-config": (
            "application/json",
            json.dumps({"urls": [{"name": "v1", "url": "/v1/spec"}]}).encode(),
        ),
        "/v1/spec": ("application/json", json.dumps(snapshot()).encode()),
    }
    with serve(routes) as base:
        proc = regenerate(scratch_repo, "--pull", f"{base}/apidoc/", "--check")
    assert proc.returncode == 1, proc.stderr  # only manifest provenance differs
    assert "changed  openapi/manifest.json" in proc.stdout
    assert "generated/" not in proc.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _invalid_spec() -> bytes:
    spec = snapshot()
    del spec["info"]
    return json.dumps(spec).encode()


def _colliding_names(layout: Layout) -> None:
    names = layout.names.read_text()
    layout.names.write_text(names.replace('function = "get_user"', 'function = "find_users_by_external_id"'))


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unreachable", "pull: cannot reach 127.0.0.1"),
        ("html", "is an HTML page and no API description was found"),
        ("invalid", 'spec: "info" is required'),
        ("not-found", "pull: HTTP 404"),
        ("collision", "name collision: GET /v1/users/external/{authType}/{externalId}, GET /v1/users/{userId}"),
    ],
)
def test_failures_say_why_in_one_line_and_touch_nothing(scratch_repo: Layout, case: str, message: str) -> None:
    if case == "collision":
        _colliding_names(scratch_repo)
    before = tree_sha256(scratch_repo.root)
    routes = {
        "/apidoc/": ("text/html", b"<!DOCTYPE html><html><body>maintenance</body></html>"),
        "/bad.json": ("application/json", _invalid_spec()),
    }
    with serve(routes) as base:
        url = {
            "unreachable": f"http://127.0.0.1:{_free_port()}/apidoc/",
            "html": f"{base}/apidoc/",
            "invalid": f"{base}/bad.json",
            "not-found": f"{base}/missing.json",
        }.get(case)
        proc = regenerate(scratch_repo, *(["--pull", url] if url else []))
    assert proc.returncode == 2
    first = proc.stderr.splitlines()[0]
    assert first.startswith("error: ") and message in first, proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree_sha256(scratch_repo.root) == before


def test_unreadable_source_file(scratch_repo: Layout, tmp_path: Path) -> None:
    before = tree_sha256(scratch_repo.root)
    proc = regenerate(scratch_repo, "--source", str(tmp_path / "nope.json"))
    assert proc.returncode == 2 and "cannot read" in proc.stderr
    assert tree_sha256(scratch_repo.root) == before
