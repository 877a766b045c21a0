"""Swagger 2.0 fixtures converted in one node process, so every rule runs on both input forms quickly."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest
from pipeline.layout import REPO_ROOT

from .specs import CASES, base

# Same options as the pipeline's `swagger2openapi --patch` call, through the library entry point.
_BATCH = """
const converter = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const out = [];
  for (const doc of JSON.parse(input)) {
    const result = await converter.convertObj(doc, { patch: true, warnProperty: "x-s2o-warning", rbname: "" });
    out.push(result.openapi);
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def convert_many(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    module = REPO_ROOT / "node_modules" / "swagger2openapi" / "index.js"
    if node is None or not module.is_file():
        pytest.fail("node and node_modules/swagger2openapi are needed (run `npm ci`)")
    proc = subprocess.run(
        [node, "-e", _BATCH, str(module)],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    converted: list[dict[str, Any]] = json.loads(proc.stdout)
    return converted


@pytest.fixture(scope="session")
def swagger_converted() -> dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """case name -> (old Swagger 2.0, new Swagger 2.0, old converted, new converted); key "" is the base."""
    sources: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {"": (base("swagger"), base("swagger"))}
    for case in CASES:
        sources[case.name] = case.documents("swagger")
    flat = [doc for pair in sources.values() for doc in pair]
    converted = convert_many(flat)
    result = {}
    for index, (name, (old, new)) in enumerate(sources.items()):
        result[name] = (old, new, converted[2 * index], converted[2 * index + 1])
    return result
