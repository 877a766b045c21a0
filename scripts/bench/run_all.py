"""Run every benchmark and print a summary table (benchmark, figure, target, met) and the machine.

    uv run python scripts/bench/run_all.py                     # the issue's sizes (1 GiB exports); several minutes
    uv run python scripts/bench/run_all.py --quick             # small sizes: checks that everything runs
    uv run python scripts/bench/run_all.py --only overhead expiry --markdown

Each benchmark runs as its own program (`<script> --json`) and reports one `report.Result` line; its other output
(errors) goes to stderr. Exit status: 0 when every target is met, 1 when one is missed, 2 when a benchmark could
not run. `--quick` shrinks sizes and rounds so far that the figures say nothing about the targets: it reports them
but judges nothing (exit 0 unless a benchmark fails to run).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Benchmark:
    key: str
    script: str
    sized: bool = False  # takes --size


BENCHMARKS = (
    Benchmark("overhead", "call_overhead.py"),
    Benchmark("expiry", "expiry_burst.py"),
    Benchmark("concurrency", "concurrency_limit.py"),
    Benchmark("download", "download.py", sized=True),
    Benchmark("iter", "iter_candidates.py", sized=True),
    Benchmark("wait", "wait_latency.py"),
    Benchmark("import", "import_time.py"),
    Benchmark("regeneration", "regeneration.py"),
    Benchmark("scale", "regeneration_scale.py"),
    Benchmark("simulator", "simulator_roundtrip.py"),
)


def machine() -> dict[str, str]:
    """CPU model, cores, memory, Python and OS of this machine, and today's date (UTC)."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory or "unknown",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
    }


def run(bench: Benchmark, *, quick: bool, size: str, timeout: float) -> dict[str, object]:
    command = [sys.executable, str(HERE / bench.script), "--json"]
    if quick:
        command.append("--quick")
    elif bench.sized:
        command += ["--size", size]
    print(f"running {bench.script} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=timeout, cwd=HERE)
    except subprocess.TimeoutExpired:
        return _failed(bench, f"timed out after {timeout:.0f} s")
    elapsed = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return _failed(bench, f"exit status {done.returncode}")
    try:
        result = dict(json.loads(lines[-1]))
    except ValueError:
        return _failed(bench, "no result line")
    print(f"  {result['figure']} ({elapsed:.0f} s)", file=sys.stderr, flush=True)
    return result


def _failed(bench: Benchmark, why: str) -> dict[str, object]:
    return {"benchmark": bench.script, "figure": f"did not run: {why}", "target": "", "met": None, "details": {}}


def verdict(result: dict[str, object], quick: bool) -> str:
    if result["met"] is None:
        return "ERROR"
    if quick:
        return "not judged (quick)"
    return "yes" if result["met"] else "NO"


def table(results: list[dict[str, object]], quick: bool, markdown: bool) -> str:
    rows = [(str(r["benchmark"]), str(r["target"]), str(r["figure"]), verdict(r, quick)) for r in results]
    header = ("Benchmark", "Target", "Figure", "Met")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1GiB", help="export size for download and iter_candidates (default 1GiB)")
    parser.add_argument("--quick", action="store_true", help="small sizes and few rounds; reports, judges nothing")
    parser.add_argument("--only", nargs="+", choices=[b.key for b in BENCHMARKS], help="run only these")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", action="store_true", help="also print every result as a JSON line")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark (default 1800)")
    args = parser.parse_args(argv)
    chosen = [b for b in BENCHMARKS if not args.only or b.key in args.only]
    results = [run(b, quick=args.quick, size=args.size, timeout=args.timeout) for b in chosen]
    if args.json:
        for result in results:
            print(json.dumps(result))
    print(table(results, args.quick, args.markdown))
    print()
    print("; ".join(f"{key}: {value}" for key, value in machine().items()))
    if any(r["met"] is None for r in results):
        return 2
    if not args.quick and not all(r["met"] for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
