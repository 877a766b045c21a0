"""The batch conversion used by the rule tests matches the pipeline's own swagger2openapi step."""

from __future__ import annotations

import json
from typing import Any

import pytest
from apidrift.check import check
from apidrift.sides import from_converted, prepare
from pipeline.documents import parse
from pipeline.layout import Layout
from pipeline.names import NameMap

from .specs import CASES, NAMES

Converted = dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]]
REPRESENTATIVE = ("path variable renamed upstream", "request body became required", "response media type removed")


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_full_swagger_path_matches_batch_conversion(name: str, swagger_converted: Converted) -> None:
    case = next(c for c in CASES if c.name == name)
    names = NameMap.from_dict(NAMES)
    old_src, new_src, old_conv, new_conv = swagger_converted[name]
    old = prepare(parse(json.dumps(old_src).encode(), "old"), "old", names, Layout())
    new = prepare(
        parse(
            json.dumps(new_src).encode(),
            "new",
        ),
        "new",
        names,
        Layout(),
    )
    assert old.document == from_converted(old_conv, "old", names).document
    assert new.document == from_converted(new_conv, "new", names).document
    assert {c.rule for c in check(old, new).changes} == case.expected
    assert old.format == "swagger-2.0"
