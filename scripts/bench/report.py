"""One benchmark's result: printed for people, or as one JSON line for run_all.py."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field


@dataclass
class Result:
    benchmark: str
    figure: str  # the measured value, with its unit
    target: str  # the goal, in the same unit
    met: bool
    details: dict[str, float | int | str] = field(default_factory=dict)

    def emit(self, as_json: bool) -> None:
        if as_json:
            print(json.dumps(asdict(self)), flush=True)
            return
        verdict = "met" if self.met else "MISSED"
        print(f"{self.benchmark}: {self.figure} (target {self.target}) -> {verdict}")
        for key, value in self.details.items():
            print(f"  {key}: {value}")
        sys.stdout.flush()
