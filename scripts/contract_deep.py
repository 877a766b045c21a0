"""A deep contract run: schemathesis with every check and phase against the simulator, more examples, fixed seed.

uv run python scripts/contract_deep.py                       # 100 examples per operation and phase, seed 2026
uv run python scripts/contract_deep.py --examples 300 --steps 500 --seed 7

The suite runs the same configuration with small bounds (tests/contract/test_schemathesis.py); this one takes
minutes and is for occasional runs, e.g. after changing the spec or the simulator. Exit code: schemathesis' own
(0 when it found nothing and reached every operation).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from contract.live import live_simulator
from contract.schemathesis_run import Bounds, run

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per operation and phase (100)")
    parser.add_argument("--steps", type=int, default=200, help="most steps of one stateful scenario (200)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated data (2026)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds before the run is stopped (3600)")
    args = parser.parse_args(argv)
    bounds = Bounds(max_examples=args.examples, stateful_steps=args.steps, seed=args.seed)
    with live_simulator() as live:
        outcome = run(ROOT / "openapi" / "openapi.json", base_url=live.base_url, token=live.token, bounds=bounds,
                      seeds=live.seeds, timeout=args.timeout)
    print(outcome.output)
    return outcome.returncode


if __name__ == "__main__":
    raise SystemExit(main())
