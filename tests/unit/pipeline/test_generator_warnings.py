"""Generator warnings that lose nothing are reported, never fatal; a lost operation is, with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pipeline.generate as generate_module
import pytest
from pipeline.errors import GenerationError, ToolError
from pipeline.generate import generate
from pipeline.names import OperationKey, StableName
from pipeline.run import Outcome

# What openapi-python-client 0.29 reports for an operation offered as JSON and XML (it generates the JSON body).
XML_NEXT_TO_JSON = {
    "level": "WARNING",
    "header": "WARNING parsing POST /v1/items within items.",
    "detail": "Unsupported content type application/xml",
}
DROPPED = {
    "level": "WARNING",
    "header": "WARNING parsing PUT /v1/notes within notes. Endpoint will not be generated.",
    "detail": "Unsupported content type text/plain",
}
EXPECTED = {
    OperationKey("POST", "/v1/items"): StableName("items", "post_items", False),
    OperationKey("PUT", "/v1/notes"): StableName("notes", "put_notes", False),
}


def _fake_generator(
    monkeypatch: pytest.MonkeyPatch, findings: list[dict[str, str]], written: list[str], hooks: list[str] | None = None
) -> None:
    def run_driver(helpers: Any, spec: Path, config: Path, out_dir: Path, overrides: Any, while_running: Any) -> Any:
        for qualified in written:
            group, function = qualified.split(".")
            module = out_dir / "api" / group / f"{function}.py"
            module.parent.mkdir(parents=True, exist_ok=True)
            module.write_text("def sync_detailed(*, client):\n    pass\n")
        for name in ("__init__.py", "client.py", "models/__init__.py", "api/__init__.py"):
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (out_dir / name).touch()
        for qualified in written:
            (out_dir / "api" / qualified.split(".")[0] / "__init__.py").touch()
        return generate_module._DriverResult(findings, hooks or [])

    monkeypatch.setattr(generate_module, "_run_driver", run_driver)


def test_a_warning_that_loses_nothing_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_generator(monkeypatch, [XML_NEXT_TO_JSON], ["items.post_items", "notes.put_notes"])
    notes = generate(tmp_path / "spec.json", tmp_path / "config.yaml", tmp_path / "out", EXPECTED)
    assert [n.line() for n in notes] == ["POST /v1/items: Unsupported content type application/xml"]
    summary = Outcome(2, {"items": 1, "notes": 1}, [], [], 1.0, generator_notes=notes).summary(check=True)
    assert "generator warnings: 1 (no operation lost)\n  POST /v1/items: Unsupported content type application/xml" in (
        summary
    )


def test_a_warning_that_drops_an_operation_stops_the_run_with_its_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_generator(monkeypatch, [XML_NEXT_TO_JSON, DROPPED], ["items.post_items"])
    with pytest.raises(GenerationError) as caught:
        generate(tmp_path / "spec.json", tmp_path / "config.yaml", tmp_path / "out", EXPECTED)
    assert caught.value.one_line() == (
        "generate: PUT /v1/notes: no endpoint function notes.put_notes was generated (Unsupported content type "
        "text/plain) — 2 operations in, 1 endpoint functions out"
    )


def test_errors_crashes_and_failing_or_missing_hooks_are_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    both = ["items.post_items", "notes.put_notes"]
    cases: list[tuple[list[dict[str, str]], list[str], type[Exception], str]] = [
        ([{"level": "ERROR", "header": "bad", "detail": "boom"}], [], GenerationError, "openapi-python-client: bad"),
        ([{"level": "crash", "header": "ValueError", "detail": "Duplicate key A"}], [], GenerationError, "crashed"),
        ([], ["false"], GenerationError, "post hook `false` failed"),
        ([], ["no-such-formatter ."], ToolError, "no-such-formatter"),
    ]
    for i, (findings, hooks, kind, words) in enumerate(cases):
        _fake_generator(monkeypatch, findings, both, hooks)
        with pytest.raises(kind, match=words):
            generate(tmp_path / "spec.json", tmp_path / "config.yaml", tmp_path / f"out-{i}", EXPECTED)
