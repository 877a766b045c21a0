"""Benchmark: `ExportJob.iter_candidates()` over a large submissions export; MB/s and peak RSS of the process.

The simulator generates the export once; the loopback server then serves it with `sendfile()` as a finished job,
so the figure is the client's own streaming-parse rate, not the simulator's generation rate. Peak RSS is that of
the child interpreter that iterates (imports, client and parser included).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import MIB, loopback, parse_size, run_child, simulator_export
from report import Result

_CHILD = """
job = client.exports.submissions(cfg["test_ids"][0])
job.wait(timeout=600)
start, cpu = time.perf_counter(), time.process_time()
count = 0
for candidate in job.iter_candidates():
    count += 1
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
report(seconds=seconds, cpu_seconds=cpu, candidates=count)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1G", help="export size, e.g. 1G, 256M (default 1G)")
    parser.add_argument("--quick", action="store_true", help="8 MiB (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    size = 8 * MIB if args.quick else parse_size(args.size)
    with tempfile.TemporaryDirectory(prefix="inspera-bench-") as scratch:
        export = simulator_export(size, Path(scratch) / "submissions.json")
        with loopback(export_file=export) as config:
            result = run_child(_CHILD, config)
        size = export.stat().st_size
    mbs = size / MIB / result["seconds"]
    peak = result["peak_rss_mb"]
    Result(
        benchmark="iter_candidates",
        figure=f"peak RSS {peak:.0f} MB at {mbs:.1f} MB/s",
        target="<= 150 MB",
        met=peak <= 150,
        details={
            "export_bytes": size,
            "candidates": int(result["candidates"]),
            "seconds": round(result["seconds"], 2),
            "cpu_s": round(result["cpu_seconds"], 2),
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
