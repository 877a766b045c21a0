"""A wire-identical vendor document (Java DTO names, renamed path variables, inlined schemas, new operationIds and
tags) changes nothing public: same normalised document, same generated public surface, and the facade type-checks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pipeline import additions
from pipeline.convert import to_openapi3
from pipeline.documents import Document, dump_json
from pipeline.errors import NamingError
from pipeline.layout import REPO_ROOT, Layout
from pipeline.names import NameMap
from pipeline.run import current_upstream, prepare
from pipeline.surface import Surface, public_surface
from pipeline.transforms import keep_upstream_identity, normalise

from tests.regeneration.renamed import inlinable, vendor_variant

LAYOUT = Layout()
NAMES = NameMap.load(LAYOUT.names)
# Schemas of our own reconstruction that play no operation role (the export files and their parts) keep their own
# names: a vendor document would not have them at all. Only pinned schemas are renamed here.
PINNED = set(NAMES.models)


def without_upstream_names(doc: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    stack: list[Any] = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in [k for k in node if k.startswith("x-upstream")]:
                del node[key]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


def normalised(data: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    prepared = copy.deepcopy(data)
    keep_upstream_identity(prepared)
    doc, ctx = normalise(to_openapi3(prepared, "swagger-2.0", LAYOUT), NAMES)
    additions.merge_into(doc, additions.load(LAYOUT), NAMES)  # as the pipeline does: our own schemas join in
    return doc, ctx


def test_the_variant_really_renames_and_inlines() -> None:
    data = current_upstream(LAYOUT).data
    variant = vendor_variant(data, PINNED, seed=3, inline_count=3)
    assert "TestMetadata" not in variant["definitions"] and "/v1/test/{assessmentRunId}" in variant["paths"]
    assert len(inlinable(data, PINNED)) >= 3
    assert len(variant["definitions"]) == len(data["definitions"]) - 3


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**16), inline_count=st.integers(0, 5), rename_paths=st.booleans())
def test_a_wire_identical_document_normalises_to_the_committed_one(
    seed: int, inline_count: int, rename_paths: bool
) -> None:
    committed = json.loads(LAYOUT.normalised.read_text(encoding="utf-8"))
    data = current_upstream(LAYOUT).data
    doc, ctx = normalised(vendor_variant(data, PINNED, seed=seed, inline_count=inline_count, rename_paths=rename_paths))
    assert dump_json(without_upstream_names(doc)) == dump_json(without_upstream_names(committed))
    assert len(ctx.absorbed.schemas) + len(ctx.absorbed.extracted) >= len(PINNED & set(data["definitions"]))
    assert bool(ctx.absorbed.path_variables) == rename_paths


def test_a_pinned_role_that_disappeared_stops_the_run() -> None:
    data = copy.deepcopy(current_upstream(LAYOUT).data)
    del data["paths"]["/v1/test/search"]
    document = Document(json.dumps(data).encode(), data, "swagger-2.0", "json")
    with pytest.raises(NamingError, match=r"\[models\] TestSearchResponse: role GET /v1/test/search 200 disappeared"):
        prepare(document, NAMES, LAYOUT)


def test_surface_differences_name_what_moved(tmp_path: Path) -> None:
    before = Surface({"p.api.g.f.sync": ("*client", "test_id")}, {"p.models.m.A": ("x",)}, ("A",))
    after = Surface({"p.api.g.f.sync": ("*client", "assessment_run_id")}, {"p.models.m.ADTO": ("x",)}, ("ADTO",))
    assert before.differences(after) == [
        "function p.api.g.f.sync: *client, test_id -> *client, assessment_run_id",
        "model p.models.m.A is gone",
        "model p.models.m.ADTO is new",
        "inspera_api.models exports: gone ['A'], new ['ADTO']",
    ]
    assert before.differences(before) == []


def test_the_committed_surface_has_the_facade_s_names() -> None:
    surface = public_surface(LAYOUT.generated_package)
    assert "test_id" in surface.functions["inspera_api.api.tests.get_test.sync"]
    assert "inspera_api.models.test_metadata.TestMetadata" in surface.models
    assert "TestMetadata" in surface.exports


@pytest.mark.slow
def test_regenerating_from_a_renamed_vendor_document_keeps_the_surface_and_the_facade(
    scratch_repo: Layout, tmp_path: Path
) -> None:
    data = current_upstream(LAYOUT).data
    variant = vendor_variant(data, PINNED, seed=20, inline_count=4)
    assert {"/v1/test/{assessmentRunId}", "/v1/fileExport/status/{exportJobId}"} <= set(variant["paths"])
    source = tmp_path / "vendor.json"
    source.write_text(json.dumps(variant), encoding="utf-8")
    script = str(REPO_ROOT / "scripts" / "regenerate.py")
    proc = subprocess.run(
        [sys.executable, script, "--root", str(scratch_repo.root), "--source", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "renames absorbed: " in proc.stdout and "renames absorbed: none" not in proc.stdout
    assert "fallback names" not in proc.stdout

    differences = public_surface(LAYOUT.generated_package).differences(public_surface(scratch_repo.generated_package))
    assert differences == []
    manifest = json.loads(scratch_repo.manifest.read_text(encoding="utf-8"))
    renamed = {entry["upstream"]: entry["name"] for entry in manifest["renames"]["schemas"]}
    assert renamed and all(name in PINNED for name in renamed.values())
    paths = {e["upstream"]: e["path"] for e in manifest["renames"]["path_variables"]}
    assert paths["/v1/test/{assessmentRunId}"] == "/v1/test/{testId}"
    assert paths["/v1/test/{assessmentRunId}/results/{exportJobId}"] == "/v1/test/{testId}/results/{jobId}"

    env = {**os.environ, "MYPYPATH": str(scratch_repo.root / "generated")}
    config, cache = str(REPO_ROOT / "pyproject.toml"), str(tmp_path / "mypy-cache")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", config, "--cache-dir", cache, str(REPO_ROOT / "facade")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_drift_check_rates_the_renamed_document_wire_compatible() -> None:
    from apidrift.check import check
    from apidrift.sides import prepare as side

    upstream = current_upstream(LAYOUT)
    variant = vendor_variant(upstream.data, PINNED, seed=11, inline_count=3)
    renamed = Document(json.dumps(variant).encode(), variant, "swagger-2.0", "json")
    report = check(side(upstream, "old", NAMES, LAYOUT), side(renamed, "new", NAMES, LAYOUT), fail_on="warning")
    assert report.exit_code == 0
    rules = {change.rule for change in report.changes}
    assert rules == {"schema-renamed-upstream", "schema-inlined-upstream", "path-variables-renamed-upstream"}
    assert any("the pin TestMetadata = " in c.message for c in report.changes if c.rule == "schema-renamed-upstream")


@pytest.mark.slow
def test_an_openapi_3_yaml_variant_changes_no_generated_file(scratch_repo: Layout, tmp_path: Path) -> None:
    import yaml

    variant = vendor_variant(current_upstream(LAYOUT).data, PINNED, seed=7, inline_count=2)
    source = tmp_path / "vendor.yaml"
    source.write_text(yaml.safe_dump(to_openapi3(variant, "swagger-2.0", LAYOUT), sort_keys=False), encoding="utf-8")
    script = str(REPO_ROOT / "scripts" / "regenerate.py")
    proc = subprocess.run(
        [sys.executable, script, "--root", str(scratch_repo.root), "--check", "--source", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr  # the snapshot files differ, the package does not
    assert "check: STALE" in proc.stdout and "generated/inspera_api" not in proc.stdout
    assert "renames absorbed: none" not in proc.stdout
