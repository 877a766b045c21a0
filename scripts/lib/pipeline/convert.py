"""Swagger 2.0 -> OpenAPI 3.0 with the pinned swagger2openapi (the generator refuses 2.0)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .documents import SpecFormat
from .errors import ConversionError, ToolError
from .layout import Layout

TIMEOUT_S = 120


def to_openapi3(
    data: dict[str, Any], fmt: SpecFormat, layout: Layout, *, while_running: Callable[[], None] | None = None
) -> dict[str, Any]:
    """Return an OpenAPI 3 dict; Swagger 2.0 goes through swagger2openapi, 3.x passes through.

    `while_running` is called while the converter works (the pipeline validates the source meanwhile, on the
    other core); if it raises, the converter is stopped and the error propagates.
    """
    if fmt != "swagger-2.0":
        if while_running is not None:
            while_running()
        copied: dict[str, Any] = json.loads(json.dumps(data))
        return copied
    node = shutil.which("node")
    script = layout.swagger2openapi
    if node is None:
        raise ToolError("node is not on PATH (Node >= 18 is needed to convert Swagger 2.0)")
    if not script.is_file():
        raise ToolError(f"{script} is missing: run `npm ci` in {layout.tools_root}")
    with tempfile.TemporaryDirectory(prefix="inspera-convert-") as tmp:
        source = Path(tmp) / "swagger.json"
        target = Path(tmp) / "openapi.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        proc = subprocess.Popen(
            [node, str(script), "--patch", "--outfile", str(target), str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            if while_running is not None:
                while_running()
            out, err = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise ConversionError(f"swagger2openapi did not finish within {TIMEOUT_S} s") from None
        except BaseException:
            proc.kill()
            proc.communicate()
            raise
        if proc.returncode != 0 or not target.is_file():
            detail = (err or out).strip().splitlines()
            reason = detail[0] if detail else f"exit code {proc.returncode}"
            raise ConversionError(f"swagger2openapi rejected the document: {reason}")
        converted: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
        return converted


def swagger2openapi_version(layout: Layout) -> str:
    manifest = layout.tools_root / "node_modules" / "swagger2openapi" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "missing"
