"""Benchmark: `import inspera` time against `import httpx`, fresh interpreters, median of several runs."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

from report import Result

_PROBE = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def time_import(module: str) -> float:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(module=module)], capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="three runs only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    time_import("inspera")  # warm the bytecode cache so both sides are measured alike
    samples: dict[str, list[float]] = {"httpx": [], "inspera": []}
    for _ in range(runs):  # interleaved, so machine noise hits both sides
        for module in samples:
            samples[module].append(time_import(module))
    httpx_s = statistics.median(samples["httpx"])
    inspera_s = statistics.median(samples["inspera"])
    ratio = inspera_s / httpx_s
    Result(
        benchmark="import time",
        figure=f"{ratio:.2f}x import httpx",
        target="<= 2.00x",
        met=ratio <= 2.0,
        details={"inspera_ms": round(inspera_s * 1000, 1), "httpx_ms": round(httpx_s * 1000, 1), "runs": runs},
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
