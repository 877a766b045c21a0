"""The README's regeneration section documents every repair, workaround and transform, and the options."""

from __future__ import annotations

import re

from pipeline.layout import REPO_ROOT
from pipeline.repairs import REPAIRS
from pipeline.transforms import TRANSFORMS

from tests.support.readme import section

LIB = REPO_ROOT / "scripts" / "lib" / "pipeline"


def _workaround_names() -> set[str]:
    names: set[str] = set()
    for module in ("transforms.py", "validate.py"):
        text = (LIB / module).read_text(encoding="utf-8")
        names |= set(re.findall(r'(?:worked_around|Workaround)\(\s*"([a-z_]+)"', text))
    return names


def test_every_repair_workaround_and_transform_is_in_the_readme() -> None:
    text = section("regeneration")
    documented = set(re.findall(r"^\| `([a-z_]+)`", text, re.M))
    documented |= {
        name
        for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)+) \|", text, re.M)
        for name in re.findall(r"`([a-z_]+)`", row)
    }
    workarounds = _workaround_names()
    assert len(workarounds) >= 10
    missing = ({r.name for r in REPAIRS} | workarounds | {t.name for t in TRANSFORMS}) - documented
    assert not missing, f"not in the README's regeneration section: {sorted(missing)}"


def test_the_options_names_and_client_call_are_documented() -> None:
    text = section("regeneration")
    for needle in (
        "--strict",
        "--explain",
        "--fallback-names",
        "(and N more)",
        "get_items_v2",
        "client.call(",
        "await client.call(",
        "300 characters",
        "--facade-timeout",
        "openapi/additions.json",
        "x-vendor-names",
        "one line per facade method",
    ):
        assert needle in text, needle
