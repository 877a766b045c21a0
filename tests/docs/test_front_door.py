"""README.md is a short front door: the two commands first, the quickstart, the architecture, links that resolve."""

from __future__ import annotations

import re

from ..support.readme import README, ROOT


def _text() -> str:
    return README.read_text(encoding="utf-8")


def test_it_is_short() -> None:
    assert len(_text().splitlines()) <= 250


def test_the_first_block_is_the_two_commands() -> None:
    first = re.search(r"```(\w*)\n(.*?)```", _text(), re.S)
    assert first is not None and first.group(1) == "sh"
    commands = [line.split("#", 1)[0].strip() for line in first.group(2).splitlines()]
    assert commands == ["python3 dev.py demo", "python3 dev.py test"]


def test_it_draws_the_architecture_and_states_the_spec_honestly() -> None:
    text = _text()
    diagram = re.search(r"```mermaid\n(.*?)```", text, re.S)
    assert diagram is not None
    for stage in ("upstream.json", "regenerate.py", "generated/inspera_api", "inspera", "Your code"):
        assert stage in diagram.group(1), stage
    assert "reconstructed from public documentation" in text and "x-evidence" in text


def test_every_relative_link_resolves() -> None:
    links = [target.split("#", 1)[0] for target in re.findall(r"\]\(([^)\s]+)\)", _text())]
    local = [target for target in links if target and "://" not in target]
    assert local, "the README links into the manual"
    missing = [target for target in local if not (ROOT / target).exists()]
    assert not missing, missing
