"""The guards that stop an operation from disappearing silently: each one fires, names it, writes nothing.

These run `scripts/regenerate.py`'s `main()` in this process so that one stage can be made to lose an
operation; everything else (swagger2openapi, openapi-python-client, ruff) is the real pinned tool.
"""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any

import pipeline.run as run_module
import pytest
from pipeline.errors import GenerationError
from pipeline.generate import generate
from pipeline.layout import Layout
from pipeline.names import NameMap, OperationKey, StableName
from pipeline.transforms import normalise
from pipeline.tree import tree_sha256

LOST = ("/v1/users/{userId}", "get")  # inspera_api.api.users.get_user


def _drop(doc: dict[str, Any]) -> dict[str, Any]:
    path, method = LOST
    del doc["paths"][path][method]
    if not doc["paths"][path]:
        del doc["paths"][path]
    return doc


def _fails(regenerate: types.ModuleType, layout: Layout, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    before = tree_sha256(layout.root)
    assert regenerate.main(["--root", str(layout.root), *args]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out == ""
    assert err.splitlines()[-1] == "nothing was written"
    assert tree_sha256(layout.root) == before
    return err.splitlines()


@pytest.mark.parametrize("stage", ["converted", "normalised"])
def test_an_operation_lost_before_generation_stops_the_pipeline_and_is_named(
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stage: str,
) -> None:
    if stage == "converted":
        convert = run_module.to_openapi3
        monkeypatch.setattr(run_module, "to_openapi3", lambda *a, **k: _drop(convert(*a, **k)))
    else:
        real = run_module.normalise

        def lossy_normalise(doc: dict[str, Any], names: Any) -> Any:
            normalised, ctx = real(doc, names)
            return _drop(normalised), ctx

        monkeypatch.setattr(run_module, "normalise", lossy_normalise)
    operations = json.loads(scratch_repo.manifest.read_text())["operations"]
    tally = f"upstream {operations}, converted {operations - (stage == 'converted')}, normalised {operations - 1}"
    lines = _fails(regenerate_script, scratch_repo, capsys, "--explain")
    verb = "lost in the conversion to OpenAPI 3" if stage == "converted" else "lost while normalising"
    assert lines[:-1] == [
        f"error: generate: operations were lost on the way: {tally}",
        f"error: generate: GET /v1/users/{{userId}}: {verb}",
    ]


def test_a_module_the_generator_did_not_write_stops_the_pipeline(
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """openapi-python-client can skip an endpoint and still exit 0: endpoint functions out must equal operations in."""

    def generator_that_skips_one(spec: Path, config: Path, out_dir: Path, *args: Any, **kwargs: Any) -> Any:
        # Hide one operation from the real generator while the pipeline still expects its module.
        spec.write_text(json.dumps(_drop(json.loads(spec.read_text()))))
        return generate(spec, config, out_dir, *args, **kwargs)

    monkeypatch.setattr(run_module, "generate", generator_that_skips_one)
    operations = json.loads(scratch_repo.manifest.read_text())["operations"]
    lines = _fails(regenerate_script, scratch_repo, capsys)
    assert lines[0] == (
        "error: generate: GET /v1/users/{userId}: no endpoint function users.get_user was generated "
        f"(the generator gave no reason) — {operations} operations in, {operations - 1} endpoint functions out"
    )


def test_generate_names_every_missing_module(tmp_path: Path) -> None:
    layout = Layout()
    doc = json.loads(layout.normalised.read_text())
    _, ctx = normalise(doc, NameMap.load(layout.names))
    expected = dict(ctx.assigned)
    expected[OperationKey("GET", "/v1/not/generated")] = StableName("tests", "not_generated", True)
    expected[OperationKey("POST", "/nowhere")] = StableName("nowhere", "x", True)
    with pytest.raises(GenerationError) as caught:
        generate(layout.normalised, layout.generator_config, tmp_path / "inspera_api", expected)
    assert [p.body() for p in caught.value.problems] == [
        "generate: GET /v1/not/generated: no endpoint function tests.not_generated was generated "
        f"(the generator gave no reason) — {len(expected)} operations in, {len(expected) - 2} endpoint functions out",
        "generate: POST /nowhere: no endpoint function nowhere.x was generated (the generator gave no reason)",
    ]
    assert caught.value.one_line().endswith("(and 1 more)")
