"""The normalised API description (openapi.json) the generated package was built from, read once when needed.

Wheels carry it as `inspera/_spec/openapi.json`; a source checkout reads `openapi/openapi.json`. The facade uses it
for what the generated models do not expose at run time: which fields a request body may carry (`bodies`), and the
operation list of `inspera endpoints`.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any


class SpecMissing(LookupError):
    """Neither the packaged nor the checkout copy of openapi.json could be read."""


@functools.cache
def document() -> dict[str, Any]:
    """The parsed openapi.json; raises SpecMissing when the installation lacks it."""
    packaged = resources.files("inspera").joinpath("_spec/openapi.json")
    if packaged.is_file():
        return dict(json.loads(packaged.read_text(encoding="utf-8")))
    checkout = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"
    try:
        return dict(json.loads(checkout.read_text(encoding="utf-8")))
    except OSError:
        raise SpecMissing("the packaged API description (inspera/_spec/openapi.json) is missing") from None
