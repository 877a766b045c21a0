"""Schemathesis' own CLI with every check and every phase against a running Inspera, bounded, seeded, one verdict.

The configuration comes from the spec and the server's data, never from a list of exceptions kept here:
- operations whose 400 answer carries `x-refuses-schema-valid-input` may refuse schema-valid input (the spec says
  why: state, or rules the schema cannot state), so `positive_data_acceptance` accepts 400 there;
- the server's ids (seeded tests and their candidates) and the webhook receiver are offered as dictionaries, so
  half of the generated ids name real objects and the other half exercise the 404 paths;
- a run that leaves an operation unreached (schemathesis' `missing_test_data` warning) fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What schemathesis' positive_data_acceptance expects by default (schemathesis/config/_checks.py, 4.x).
POSITIVE_EXPECTED = ("2xx", "3xx", "401", "403", "404", "409", "429", "5xx")
REFUSAL_MARK = "x-refuses-schema-valid-input"
# Warnings that mean the run did not test what it claims: an operation never reached with real data.
FAIL_ON_WARNINGS = ("missing_test_data",)


@dataclass(frozen=True)
class Bounds:
    """How much to generate: examples per operation and phase, stateful steps, and the run's seed."""

    max_examples: int = 10
    stateful_steps: int = 40
    seed: int = 1
    request_timeout: float = 10.0


@dataclass(frozen=True)
class Seeds:
    """Values that name real objects on the server, offered to the generator next to random ones.

    Keys are schemathesis parameter keys (`path.testId`, `body.url`); `parameters` apply to every operation,
    `operations` to one operationId (e.g. the jobId of an export of that kind).
    """

    parameters: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    operations: Mapping[str, Mapping[str, Sequence[Any]]] = field(default_factory=dict)
    probability: float = 0.8


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str
    command: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def refusals(spec: Mapping[str, Any]) -> dict[str, str]:
    """{operationId: why} for operations whose spec says they may refuse schema-valid input with 400."""
    found: dict[str, str] = {}
    for item in (spec.get("paths") or {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            why = ((op.get("responses") or {}).get("400") or {}).get(REFUSAL_MARK)
            if isinstance(why, str) and isinstance(op.get("operationId"), str):
                found[op["operationId"]] = why
    return found


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def config_text(spec: Mapping[str, Any], *, base_url: str, token: str, bounds: Bounds, seeds: Seeds) -> str:
    """The schemathesis.toml of one run."""
    lines = [
        f"base-url = {_value(base_url)}",
        f"seed = {bounds.seed}",
        "workers = 1",
        f"request-timeout = {_value(bounds.request_timeout)}",
        f"headers = {_value({'Authorization': f'Bearer {token}'})}",
        f"warnings = {_value({'fail-on': list(FAIL_ON_WARNINGS)})}",
        "",
        "[generation]",
        'mode = "all"',
        f"max-examples = {bounds.max_examples}",
        'database = "none"',
        "",
        "[phases.stateful]",
        f"max-steps = {bounds.stateful_steps}",
    ]
    names: dict[tuple[str, ...], str] = {}

    def bind(values: Sequence[Any], *where: str) -> dict[str, Any]:
        names[where] = name = f"seed{len(names)}"
        nonlocal lines
        lines += ["", f"[dictionaries.{name}]", f"values = {_value(list(values))}"]
        return {"dictionary": name, "probability": seeds.probability}

    shared = {key: bind(values, key) for key, values in seeds.parameters.items() if values}
    own = {op: {key: bind(values, op, key) for key, values in keys.items() if values}
           for op, keys in seeds.operations.items()}
    # A number is offered as text where an operation declares the parameter a string (the same bytes on the wire).
    for operation_id, key in _text_parameters(spec):
        numbers = [v for v in seeds.parameters.get(key) or () if isinstance(v, int)]
        if numbers and key not in own.get(operation_id, {}):
            own.setdefault(operation_id, {})[key] = bind([str(v) for v in numbers], operation_id, key)
    if shared:
        lines += ["", "[parameters]", *(f"{_value(key)} = {_value(value)}" for key, value in shared.items())]
    for operation_id, keys in sorted(own.items()):
        lines += ["", "[[operations]]", f"include-operation-id = {_value(operation_id)}",
                  f"parameters = {_value(keys)}"]
    for operation_id, _why in sorted(refusals(spec).items()):
        expected = {"expected-statuses": [*POSITIVE_EXPECTED, "400"]}
        lines += ["", "[[operations]]", f"include-operation-id = {_value(operation_id)}",
                  f"checks.positive_data_acceptance = {_value(expected)}"]
    return "\n".join(lines) + "\n"


def _text_parameters(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(operationId, `in.name`) of every path, query or header parameter declared as a string."""
    found = []
    for item in (spec.get("paths") or {}).values():
        for op in item.values():
            if not isinstance(op, dict) or not isinstance(op.get("operationId"), str):
                continue
            for parameter in op.get("parameters") or []:
                if isinstance(parameter, dict) and (parameter.get("schema") or {}).get("type") == "string":
                    found.append((op["operationId"], f"{parameter.get('in')}.{parameter.get('name')}"))
    return found


def run(spec_path: Path, *, base_url: str, token: str, bounds: Bounds, seeds: Seeds,
        timeout: float = 600.0, extra: Sequence[str] = ()) -> Outcome:
    """Run `schemathesis run` with every check and phase; the outcome carries its exit code and report."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="contract-") as work:
        config = Path(work) / "schemathesis.toml"
        config.write_text(config_text(spec, base_url=base_url, token=token, bounds=bounds, seeds=seeds),
                          encoding="utf-8")
        command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(spec_path),
                   "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful", "--no-color", *extra]
        done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=timeout, check=False,
                              env=_quiet_env())
    shown = [part if "Bearer" not in part else "<config>" for part in command]
    return Outcome(done.returncode, done.stdout.replace(token, "<token>") + done.stderr.replace(token, "<token>"),
                   shown)


def _quiet_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.setdefault("SCHEMATHESIS_TELEMETRY", "false")
    return env
