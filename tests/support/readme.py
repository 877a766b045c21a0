"""The manual's marked sections and code blocks (README.md and docs/**/*.md), for tests that keep the docs honest."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def markdown_files() -> list[Path]:
    """README.md, then every page of the documentation site in path order."""
    return [README, *sorted(DOCS.rglob("*.md"))]


def section(name: str) -> str:
    """The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`, in whichever page holds it."""
    start, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    found = [text for text in (path.read_text(encoding="utf-8") for path in markdown_files()) if start in text]
    assert len(found) == 1, f"{len(found)} pages have a {name} section; exactly one should"
    assert end in found[0], f"the {name} section is not closed"
    return found[0].split(start, 1)[1].split(end, 1)[0]


def python_block(name: str) -> str:
    """The first python code block of a section."""
    match = re.search(r"```python\n(.*?)```", section(name), re.S)
    assert match, f"the {name} section has no python block"
    return match.group(1)


def python_blocks() -> list[tuple[str, str]]:
    """Every python code block of the manual, as (where, code) with `where` like `docs/facade.md#2`."""
    found = []
    for path in markdown_files():
        codes = re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        found += [(f"{path.relative_to(ROOT).as_posix()}#{number}", code) for number, code in enumerate(codes, 1)]
    return found
