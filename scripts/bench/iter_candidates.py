"""Benchmark: `ExportJob.iter_candidates()` over a large submissions export; MB/s and peak RSS of the process."""

from __future__ import annotations

import argparse
import sys

from _common import MIB, parse_size, run_child, sandbox
from report import Result

_CHILD = """
job = client.exports.submissions(cfg["test_ids"][0])
job.wait(timeout=600)
progress = {"bytes": 0}
start = time.perf_counter()
count = 0
for candidate in job.iter_candidates():
    count += 1
seconds = time.perf_counter() - start
report(seconds=seconds, candidates=count)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1G", help="export size, e.g. 1G, 256M (default 1G)")
    parser.add_argument("--quick", action="store_true", help="8 MiB (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    size = 8 * MIB if args.quick else parse_size(args.size)
    with sandbox(export_bytes=size, export_duration=0.1) as config:
        result = run_child(_CHILD, config)
    mbs = size / MIB / result["seconds"]
    peak = result["peak_rss_mb"]
    Result(
        benchmark="iter_candidates",
        figure=f"peak RSS {peak:.0f} MB at {mbs:.1f} MB/s",
        target="<= 150 MB",
        met=peak <= 150,
        details={"export_bytes": size, "candidates": int(result["candidates"]), "seconds": round(result["seconds"], 2)},
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
