"""Run the pinned openapi-python-client on one document and write its findings as JSON (a child-process entry).

    python generator_driver.py        # then one JSON line on stdin:
    {"spec": ..., "config": ..., "overrides": {...}, "out_dir": ..., "report": ...}

The pipeline starts this process early: it imports the generator (over a second) while the document is still
being converted and normalised, then waits for its job.

It calls the generator's own `generate()` (what its CLI calls), with the committed config plus the
per-document `content_type_overrides` the pipeline computed, so the pipeline gets every finding as data
(level, header, detail) instead of parsing coloured terminal text. A crash of the generator is reported
as one finding of level "crash" with the exception's type and message, never a traceback.

The config's post hooks (the pinned ruff) are not run here but reported: the pipeline runs them itself,
side by side with the import check of the package.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any


def _generate(spec: Path, config_path: Path, overrides: dict[str, str], out_dir: Path) -> dict[str, Any]:
    from openapi_python_client import generate
    from openapi_python_client.config import Config, ConfigFile, MetaType

    config_file = ConfigFile.load_from_path(path=config_path)
    config_file.content_type_overrides = {**(config_file.content_type_overrides or {}), **overrides}
    config = Config.from_sources(config_file, MetaType.NONE, spec, "utf-8", overwrite=False, output_path=out_dir)
    hooks = list(config.post_hooks)
    config.post_hooks = []
    errors = generate(config=config)
    findings = [
        {"level": str(error.level.value), "header": str(error.header or ""), "detail": str(error.detail or "")}
        for error in errors
    ]
    return {"findings": findings, "post_hooks": hooks}


def main() -> int:
    import openapi_python_client
    import openapi_python_client.parser.openapi  # noqa: F401

    line = sys.stdin.readline()
    if not line.strip():
        return 0  # the pipeline stopped before it had a job for us
    job = json.loads(line)
    report = Path(job["report"])
    chatter = io.StringIO()  # the generator prints progress lines; they are not findings
    try:
        with contextlib.redirect_stdout(chatter):
            result = _generate(Path(job["spec"]), Path(job["config"]), dict(job["overrides"]), Path(job["out_dir"]))
    except Exception as exc:  # a generator crash (e.g. a ValueError on an enum) becomes one finding
        result = {"findings": [{"level": "crash", "header": type(exc).__name__, "detail": str(exc)}], "post_hooks": []}
    report.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
