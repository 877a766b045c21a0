"""The guards that stop an operation from disappearing silently: each one fires, says so in one line, writes nothing.

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
from pipeline.names import StableName
from pipeline.tree import tree_sha256

LOST = ("/v1/users/{userId}", "get")  # inspera_api.api.users.get_user


def _drop(doc: dict[str, Any]) -> dict[str, Any]:
    path, method = LOST
    del doc["paths"][path][method]
    if not doc["paths"][path]:
        del doc["paths"][path]
    return doc


def _fails_in_one_line(
    regenerate: types.ModuleType, layout: Layout, capsys: pytest.CaptureFixture[str], message: str
) -> None:
    before = tree_sha256(layout.root)
    assert regenerate.main(["--root", str(layout.root)]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"error: {message}", "nothing was written"], err
    assert "Traceback" not in err and out == ""
    assert tree_sha256(layout.root) == before


@pytest.mark.parametrize("stage", ["converted", "normalised"])
def test_an_operation_lost_before_generation_stops_the_pipeline(
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stage: str,
) -> None:
    if stage == "converted":
        convert = run_module.to_openapi3
        monkeypatch.setattr(run_module, "to_openapi3", lambda *args: _drop(convert(*args)))
    else:
        normalise = run_module.normalise

        def lossy_normalise(doc: dict[str, Any], names: Any) -> Any:
            normalised, ctx = normalise(doc, names)
            return _drop(normalised), ctx

        monkeypatch.setattr(run_module, "normalise", lossy_normalise)
    operations = json.loads(scratch_repo.manifest.read_text())["operations"]
    counts = {"upstream": operations, "converted": operations - (stage == "converted"), "normalised": operations - 1}
    _fails_in_one_line(regenerate_script, scratch_repo, capsys, f"generate: operations were lost on the way: {counts}")


def test_a_module_the_generator_did_not_write_stops_the_pipeline(
    regenerate_script: types.ModuleType,
    scratch_repo: Layout,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """openapi-python-client can skip an endpoint and still exit 0: every expected module must exist afterwards."""

    def generator_that_skips_one(spec: Path, config: Path, out_dir: Path, expected: Any) -> list[str]:
        # Hide one operation from the real generator while the pipeline still expects its module.
        spec.write_text(json.dumps(_drop(json.loads(spec.read_text()))))
        return generate(spec, config, out_dir, expected)

    monkeypatch.setattr(run_module, "generate", generator_that_skips_one)
    _fails_in_one_line(
        regenerate_script, scratch_repo, capsys, "generate: generator silently dropped 1 operation(s): users.get_user"
    )


def test_generate_lists_every_missing_module(tmp_path: Path) -> None:
    layout = Layout()
    expected = [
        StableName(group, function, True)
        for group, function in [("users", "get_user"), ("tests", "not_generated"), ("nowhere", "x")]
    ]
    with pytest.raises(GenerationError) as caught:
        generate(layout.normalised, layout.generator_config, tmp_path / "inspera_api", expected)
    assert caught.value.one_line() == (
        "generate: generator silently dropped 2 operation(s): nowhere.x, tests.not_generated"
    )
