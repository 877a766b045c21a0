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


def _fake_generator(monkeypatch: pytest.MonkeyPatch, findings: list[dict[str, str]], written: list[str]) -> None:
    def run_driver(spec: Path, config: Path, out_dir: Path, overrides: Any, while_running: Any) -> Any:
        for qualified in written:
            group, function = qualified.split(".")
            module = out_dir / "api" / group / f"{function}.py"
            module.parent.mkdir(parents=True, exist_ok=True)
            module.write_text("def sync_detailed(*, client):\n    pass\n")
        return findings

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


def test_errors_crashes_and_a_skipped_formatter_are_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cases: list[tuple[dict[str, str], type[Exception], str]] = [
        ({"level": "ERROR", "header": "ruff failed", "detail": "boom"}, GenerationError, "openapi-python-client"),
        ({"level": "crash", "header": "ValueError", "detail": "Duplicate key A"}, GenerationError, "crashed"),
        ({"level": "WARNING", "header": "Skipping Integration", "detail": "ruff is not in PATH"}, ToolError, "ruff"),
    ]
    for finding, kind, words in cases:
        _fake_generator(monkeypatch, [finding], ["items.post_items", "notes.put_notes"])
        with pytest.raises(kind, match=words):
            generate(tmp_path / "spec.json", tmp_path / "config.yaml", tmp_path / f"out-{words}", EXPECTED)
