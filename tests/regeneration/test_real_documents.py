"""Documents as Java servers publish them, end to end through `regenerate.py --source`.

The corpus (tests/regeneration/corpus.py) reproduces each family's constructs in fragments of our own. Every
valid document must regenerate with no operation lost (and the package import, which the pipeline checks);
every defective one must regenerate with its repairs reported and recorded, or with --strict be refused; what
cannot be repaired without guessing must stop in one line naming the place.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml
from pipeline.errors import LINE_LIMIT
from pipeline.generate import endpoint_modules
from pipeline.layout import REPO_ROOT, Layout
from pipeline.run import count_operations
from pipeline.tree import tree_sha256

from . import corpus
from .conftest import drop_model_pins

SCRIPT = str(REPO_ROOT / "scripts" / "regenerate.py")


@pytest.fixture
def scratch_repo(scratch_repo: Layout) -> Layout:
    """These documents are not Inspera's: none of their operations plays a role pinned in [models]."""
    drop_model_pins(scratch_repo)
    return scratch_repo


def regenerate(layout: Layout, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, "--root", str(layout.root), *args], capture_output=True, text=True, timeout=300
    )


def write(tmp_path: Path, name: str, doc: dict[str, Any], syntax: str = "json") -> Path:
    path = tmp_path / f"{name}.{syntax}"
    path.write_text(json.dumps(doc, indent=1) if syntax == "json" else yaml.safe_dump(doc, sort_keys=False))
    return path


def section(out: str, title: str) -> list[str]:
    """The lines of one summary section (`repairs: ...` and its indented entries)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{title}:"))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        block.append(line)
    return block


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(corpus.VALID))
def test_every_valid_document_regenerates_with_no_operation_lost(
    name: str, scratch_repo: Layout, tmp_path: Path
) -> None:
    doc = corpus.VALID[name]()
    source = write(tmp_path, name, doc, syntax="yaml" if name == "openapi-3.0" else "json")
    proc = regenerate(scratch_repo, "--source", str(source), "--fallback-names", str(tmp_path / "names.toml"))
    assert proc.returncode == 0, proc.stderr
    assert section(proc.stdout, "repairs") == ["repairs: none"]
    operations = count_operations(doc)
    manifest = json.loads(scratch_repo.manifest.read_text())
    assert manifest["operations"] == operations and manifest["repairs"] == []
    assert len(endpoint_modules(scratch_repo.generated_package)) == operations  # operations in = functions out
    fallback = (tmp_path / "names.toml").read_text().splitlines()
    assert len([ln for ln in fallback if ln.startswith('"')]) == operations  # none of these paths is in the map
    shown = section(proc.stdout, "fallback names")
    assert len([ln for ln in shown if "->" in ln]) == min(10, operations)
    assert str(tmp_path / "names.toml") in shown[0]
    if name == "swagger-2.0":
        _call_generated_functions(scratch_repo, tmp_path)


def _call_generated_functions(layout: Layout, tmp_path: Path) -> None:
    """XML and text bodies go out as bytes with the vendor's Content-Type; answers come back as bytes or text."""
    probe = tmp_path / "probe.py"
    probe.write_text(_PROBE)
    run = subprocess.run(
        [sys.executable, str(probe), str(layout.root / "generated")], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "xml_body": ["application/xml", "<order/>"],
        "xml_answer": "bytes",
        "text_body": ["text/plain; charset=utf-8", "hello"],
        "text_answer": "hello back",
        "v2_named": True,
    }


_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import httpx
from inspera_api.client import Client
from inspera_api.types import File
from inspera_api.api.store import post_store_orders_v1
from inspera_api.api.pets import put_pets_note_by_id_v1
from inspera_api.api import items

seen = {}
def handler(request):
    seen[request.url.path] = [request.headers["content-type"], request.content.decode()]
    if request.url.path.endswith("/note"):
        return httpx.Response(200, text="hello back", headers={"content-type": "text/plain"})
    return httpx.Response(200, content=b"<order/>", headers={"content-type": "application/xml"})

client = Client(base_url="https://tenant.example/api", httpx_args={"transport": httpx.MockTransport(handler)})
import io
answer = post_store_orders_v1.sync(client=client, body=File(payload=io.BytesIO(b"<order/>")))
note = put_pets_note_by_id_v1.sync(1, client=client, body=File(payload=io.BytesIO(b"hello")))
import pkgutil
print(json.dumps({
    "xml_body": seen["/api/v1/store/orders"],
    "xml_answer": type(answer.payload.read()).__name__,
    "text_body": seen["/api/v1/pets/1/note"],
    "text_answer": note,
    "v2_named": {"get_items_v1", "get_items_v2"} <= {m.name for m in pkgutil.iter_modules(items.__path__)},
}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(corpus.DEFECTIVE))
def test_known_defects_are_repaired_reported_and_recorded(name: str, scratch_repo: Layout, tmp_path: Path) -> None:
    build, expected = corpus.DEFECTIVE[name]
    doc = build()
    proc = regenerate(scratch_repo, "--source", str(write(tmp_path, name, doc)))
    assert proc.returncode == 0, proc.stderr
    reported = section(proc.stdout, "repairs")
    assert reported[0].startswith(f"repairs: {len(expected)} kind(s) at ")
    assert {line.split(":")[0].strip() for line in reported[1:]} == expected
    assert all("—" in line and ("/" in line) for line in reported[1:])  # each names what it touched
    manifest = json.loads(scratch_repo.manifest.read_text())
    assert {entry["name"] for entry in manifest["repairs"]} == expected
    assert all(entry["count"] >= 1 and (entry["operations"] or entry["locations"]) for entry in manifest["repairs"])
    assert manifest["operations"] == count_operations(doc)
    assert len(endpoint_modules(scratch_repo.generated_package)) == count_operations(doc)


def _main(
    regenerate_script: types.ModuleType, layout: Layout, capsys: pytest.CaptureFixture[str], *args: str
) -> list[str]:
    """regenerate.py's main() in this process, for failures (they stop before the generator): stderr lines."""
    before = tree_sha256(layout.root)
    assert regenerate_script.main(["--root", str(layout.root), *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert tree_sha256(layout.root) == before
    lines = err.splitlines()
    assert lines[-1] == "nothing was written"
    assert all(len(line) <= LINE_LIMIT for line in lines)
    return lines


@pytest.mark.parametrize("name", sorted(corpus.DEFECTIVE))
def test_strict_refuses_every_repair_in_one_line_each(
    name: str,
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build, expected = corpus.DEFECTIVE[name]
    source = str(write(tmp_path, name, build()))
    first = _main(regenerate_script, scratch_repo, capsys, "--source", source, "--strict")
    assert first[0].startswith("error: repair: ") and "(a repair; --strict refuses repairs)" in first[0]
    assert first[0].endswith(" more)") and first[1] == "run again with --explain to see every problem"
    every = _main(regenerate_script, scratch_repo, capsys, "--source", source, "--strict", "--explain")
    assert {line.split(": ")[3].split(" at ")[0] for line in every[:-1]} == expected


@pytest.mark.parametrize("name", sorted(corpus.refused()))
def test_what_cannot_be_repaired_without_guessing_is_refused_naming_the_place(
    name: str,
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc, where, words = corpus.refused()[name]
    lines = _main(regenerate_script, scratch_repo, capsys, "--source", str(write(tmp_path, name, doc)))
    assert lines[0].startswith(f"error: repair: {where}: "), lines
    assert words in lines[0]


def test_many_problems_are_one_line_and_explain_lists_them_all(
    regenerate_script: types.ModuleType, scratch_repo: Layout, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = {
        f"/v1/items{i}": {
            "get": {
                "description": "x" * 3000,
                "responses": {"200": {"description": "OK"}},
                "parameters": [{"name": "q", "in": "query", "type": "strin"}],
            }
        }
        for i in range(12)
    }
    doc = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    source = str(write(tmp_path, "broken", doc))
    lines = _main(regenerate_script, scratch_repo, capsys, "--source", source)
    assert len(lines) == 3
    assert lines[0].startswith("error: spec: GET /v1/items") and lines[0].endswith("(and 11 more)")
    assert lines[1] == "run again with --explain to see every problem"
    explained = _main(regenerate_script, scratch_repo, capsys, "--source", source, "--explain")
    assert len(explained) == 13
    assert sorted(line.split(": ")[2] for line in explained[:-1]) == sorted(f"GET /v1/items{i}" for i in range(12))
    assert all("xxxx" not in line for line in explained)
