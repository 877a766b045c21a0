"""The README quickstart runs as written against the simulator."""

from __future__ import annotations

import re
import subprocess
import sys

from ...support.readme import python_block


def test_quickstart_is_short_and_runs() -> None:
    code = python_block("quickstart")
    assert len(code.strip().splitlines()) <= 10
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines and all(re.match(r"\d+ .+ \w+", line) for line in lines)
