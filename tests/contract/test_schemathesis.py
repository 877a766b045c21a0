"""Schemathesis with every check and every phase against the simulator on 127.0.0.1: it must find nothing.

The run is schemathesis' own CLI (`scripts/lib/contract/schemathesis_run.py`), configured from the spec: positive and
negative data, the examples, coverage, fuzzing and stateful phases, OpenAPI links between operations, and the
simulator's ids offered next to random ones. A run that leaves an operation unreached with real data fails too.
Bounded for the suite; `scripts/contract_deep.py` runs the same with more examples.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from contract.live import live_simulator
from contract.schemathesis_run import REFUSAL_MARK, Bounds, Seeds, config_text, refusals, run

from .spec_check import load_spec

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
SUITE = Bounds(max_examples=8, stateful_steps=30, seed=20261206)


@pytest.mark.timeout(600)
def test_schemathesis_finds_nothing_with_every_check_and_phase(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    with live_simulator() as live:
        outcome = run(SPEC, base_url=live.base_url, token=live.token, bounds=SUITE, seeds=live.seeds,
                      extra=("--report", "json", "--report-json-path", str(report)))
    assert outcome.ok, outcome.output[-12000:]
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["failures"] == [], outcome.output[-12000:]
    assert summary["operations"]["total"] == len(_operations(load_spec()))
    assert summary["warnings"]["missing_test_data"] == [], "operations never reached with real data"
    assert {phase for phase, state in summary["phases"].items() if state["status"] == "success"} >= {
        "coverage", "fuzzing", "stateful"}


def test_the_configuration_relaxes_only_what_the_spec_explains_and_offers_seeds_in_the_declared_type() -> None:
    spec = load_spec()
    why = refusals(spec)
    assert why and all(len(reason) > 20 for reason in why.values())
    seeds = Seeds(parameters={"path.testId": [7]}, operations={"get_file_export_status": {"path.jobId": ["j1"]}})
    config = tomllib.loads(config_text(spec, base_url="http://127.0.0.1:1/api", token="t", bounds=SUITE, seeds=seeds))
    relaxed = {entry["include-operation-id"] for entry in config["operations"]
               if "positive_data_acceptance" in entry.get("checks", {})}
    assert relaxed == set(why)
    for entry in config["operations"]:
        if "positive_data_acceptance" in entry.get("checks", {}):
            assert "400" in entry["checks"]["positive_data_acceptance"]["expected-statuses"]
    for op in _operations(spec):
        if op["operationId"] not in why:
            assert REFUSAL_MARK not in (op["responses"].get("400") or {})
    assert config["dictionaries"][config["parameters"]["path.testId"]["dictionary"]]["values"] == [7]
    # The committee calls declare testId a string (it may be an external id): the seed goes there as text.
    textual = {entry["include-operation-id"]: entry["parameters"] for entry in config["operations"]
               if "parameters" in entry}
    assert config["dictionaries"][textual["create_committees"]["path.testId"]["dictionary"]]["values"] == ["7"]
    assert config["dictionaries"][textual["get_file_export_status"]["path.jobId"]["dictionary"]]["values"] == ["j1"]


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for item in spec["paths"].values() for op in item.values()
            if isinstance(op, dict) and "operationId" in op]
