"""Benchmark: `import inspera` time against `import httpx`, fresh interpreters, median of several runs.

`import inspera` alone loads almost nothing (the clients load on first attribute access), so the benchmark also
times what a program really runs, `from inspera import Inspera` (which brings httpx, the facade and the parts of
the generated package a client needs), and judges both against `import httpx`.

Both sides are measured with their bytecode caches in place, as after `pip install`: a first import writes them
even where PYTHONDONTWRITEBYTECODE is set (otherwise every run would compile httpx from source, which measures the
compiler, not the import).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

from report import Result

TARGET = 2.0
_PROBE = "import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
STATEMENTS = {"httpx": "import httpx", "inspera": "import inspera", "client": "from inspera import Inspera"}


def time_import(statement: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(statement=statement)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def write_bytecode() -> None:
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "; ".join(STATEMENTS.values())], env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="three runs only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    write_bytecode()
    for statement in STATEMENTS.values():  # and warm the OS file cache, so every side is measured alike
        time_import(statement)
    samples: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for _ in range(runs):  # interleaved, so machine noise hits every side
        for name, statement in STATEMENTS.items():
            samples[name].append(time_import(statement))
    median = {name: statistics.median(values) for name, values in samples.items()}
    ratio = median["inspera"] / median["httpx"]
    client_ratio = median["client"] / median["httpx"]
    Result(
        benchmark="import time",
        figure=f"{ratio:.2f}x import httpx; from inspera import Inspera {client_ratio:.2f}x",
        target=f"<= {TARGET:.2f}x",
        met=ratio <= TARGET and client_ratio <= TARGET,
        details={
            "import_inspera_ms": round(median["inspera"] * 1000, 1),
            "from_inspera_import_Inspera_ms": round(median["client"] * 1000, 1),
            "import_httpx_ms": round(median["httpx"] * 1000, 1),
            "runs": runs,
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
