"""Inline models keep their class names when the vendor marks every field nullable, and never collide.

Two corpus documents (tests/regeneration/corpus.py: springfox Swagger 2.0 and springdoc OpenAPI 3.0, with nested
inline DTOs, generic wrappers, titles and an inline object named like a component) are regenerated end to end
twice, as published with every property nullable and without; the public surfaces (module, class and attribute
names, function signatures) must be the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pipeline.generator_classes import class_slots
from pipeline.layout import REPO_ROOT, Layout
from pipeline.surface import public_surface

from tests.support.classes import generated_classes

from . import corpus
from .conftest import drop_model_pins

SCRIPT = str(REPO_ROOT / "scripts" / "regenerate.py")
DOCUMENTS: dict[str, Callable[[], dict[str, Any]]] = {
    "swagger-2.0": corpus.springfox_inline_dtos,
    "openapi-3.0": corpus.springdoc_inline_dtos,
}


def _regenerate(root: Path, doc: dict[str, Any], tmp_path: Path, label: str) -> str:
    source = tmp_path / f"{label}.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, SCRIPT, "--root", str(root), "--source", str(source),
         "--fallback-names", str(tmp_path / f"{label}-names.toml")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_nullable_inline_models_keep_the_class_names_of_the_plain_document(
    name: str, scratch_repo: Layout, tmp_path: Path
) -> None:
    drop_model_pins(scratch_repo)
    twin = tmp_path / "twin"
    shutil.copytree(scratch_repo.root, twin)
    plain = DOCUMENTS[name]()
    _regenerate(scratch_repo.root, plain, tmp_path, "plain")
    out = _regenerate(twin, corpus.nullable(plain), tmp_path, "nullable")
    assert "nullable_model_name:" in out

    before = public_surface(scratch_repo.generated_package)
    after = public_surface(twin / "generated" / scratch_repo.generated_package.name)
    assert before.differences(after) == []
    models = {key.rsplit(".", 1)[1] for key in after.models}
    assert {"Shelf", "ShelfPosition", "ShelfPositionInline", "ShelfPositionInlineLabelsItem", "ShelfAudit",
            "ShelfAuditCreatedBy", "ShelfByLocaleAdditionalProperty"} <= models
    assert not any("Type0" in model for model in models)
    assert "ShelfOfTheLibrary" not in models  # a vendor title names no class
    normalised = json.loads((twin / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    predicted = {slot.name for slot in class_slots(normalised)}
    assert predicted == generated_classes(twin / "generated" / scratch_repo.generated_package.name)


@pytest.mark.slow
def test_an_inline_object_named_like_a_component_regenerates_and_both_classes_parse(
    scratch_repo: Layout, tmp_path: Path
) -> None:
    drop_model_pins(scratch_repo)
    out = _regenerate(scratch_repo.root, corpus.springdoc_inline_dtos(), tmp_path, "collision")
    assert "inline_model_collision: 1" in out
    manifest = json.loads(scratch_repo.manifest.read_text(encoding="utf-8"))
    assert "inline_model_collision" in {w["name"] for w in manifest["workarounds"]}
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from inspera_api.models import Shelf, ShelfPosition, ShelfPositionInline\n"
        "shelf = Shelf.from_dict({'position': {'row': 2, 'labels': [{'text': 'a'}]}})\n"
        "assert isinstance(shelf.position, ShelfPositionInline) and shelf.position.row == 2\n"
        "assert ShelfPosition.from_dict({'aisle': 'B'}).aisle == 'B'\n"
        "print(shelf.to_dict()['position'])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, str(scratch_repo.root / "generated")], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.replace("'", '"')) == {"row": 2, "labels": [{"text": "a"}]}


@pytest.mark.slow
def test_an_inline_vendor_schema_named_like_one_of_our_additions_yields_the_name(
    scratch_repo: Layout, tmp_path: Path
) -> None:
    """Our additions (openapi/additions.json) are merged after normalisation; the collision check runs again."""
    drop_model_pins(scratch_repo)
    export_file = {"type": "object", "properties": {"url": {"type": "string"}}}
    results = {"type": "object", "properties": {"exportFile": export_file}}  # class ResultsExportFile: ours
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "Corpus", "version": "1.0"},
        "paths": {"/r": {"get": {"responses": {"200": {"description": "OK", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Results"}}}}}}}},
        "components": {"schemas": {"Results": results}},
    }
    out = _regenerate(scratch_repo.root, doc, tmp_path, "additions")
    assert "inline_model_collision: 1" in out
    classes = generated_classes(scratch_repo.generated_package)
    assert {"ResultsExportFile", "ResultsExportFileInline"} <= classes
    normalised = json.loads(scratch_repo.normalised.read_text(encoding="utf-8"))
    assert normalised["components"]["schemas"]["ResultsExportFile"]["x-addition"]
