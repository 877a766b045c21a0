"""The README quickstart runs as written against the simulator."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"


def _quickstart_code() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- section:quickstart -->", 1)[1].split("<!-- /section:quickstart -->", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the quickstart section has no python block"
    return match.group(1)


def test_quickstart_is_short_and_runs() -> None:
    code = _quickstart_code()
    assert len(code.strip().splitlines()) <= 10
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines and all(re.match(r"\d+ .+ \w+", line) for line in lines)
