"""The README's marked sections and the code blocks in them, for tests that keep the docs honest."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def section(name: str) -> str:
    """The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`."""
    text = README.read_text(encoding="utf-8")
    start, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    assert start in text and end in text, f"README has no {name} section"
    return text.split(start, 1)[1].split(end, 1)[0]


def python_block(name: str) -> str:
    """The first python code block of a section."""
    match = re.search(r"```python\n(.*?)```", section(name), re.S)
    assert match, f"the README's {name} section has no python block"
    return match.group(1)
