"""Benchmark: `ExportJob.download()` of a large simulator export vs raw httpx streaming; throughput and peak RSS."""

from __future__ import annotations

import argparse
import sys

from _common import MIB, parse_size, run_child, sandbox
from report import Result

# Both children order and wait the same way; only the timed transfer differs.
_SETUP = """
import os, tempfile
job = client.exports.submissions(cfg["test_ids"][0])
job.wait(timeout=600)
target = os.path.join(tempfile.mkdtemp(), "export.json")
"""

_SDK = (
    _SETUP
    + """
start = time.perf_counter()
path = job.download(target)
seconds = time.perf_counter() - start
size = os.path.getsize(path)
os.remove(path)
report(seconds=seconds, bytes=size)
"""
)

_RAW = (
    _SETUP
    + """
import httpx
url = job.last_status.download_url
start = time.perf_counter()
size = 0
with httpx.Client() as http, http.stream("GET", url) as response, open(target, "wb") as out:
    response.raise_for_status()
    for chunk in response.iter_bytes():
        out.write(chunk)
        size += len(chunk)
    out.flush()
    os.fsync(out.fileno())
seconds = time.perf_counter() - start
os.remove(target)
report(seconds=seconds, bytes=size)
"""
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1G", help="export size, e.g. 1G, 256M (default 1G)")
    parser.add_argument("--runs", type=int, default=2, help="interleaved runs per side; best run counts")
    parser.add_argument("--quick", action="store_true", help="8 MiB, one run (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    size = 8 * MIB if args.quick else parse_size(args.size)
    runs = 1 if args.quick else args.runs
    sdk: list[dict[str, float]] = []
    raw: list[dict[str, float]] = []
    with sandbox(export_bytes=size, export_duration=0.1) as config:
        for _ in range(runs):
            raw.append(run_child(_RAW, config))
            sdk.append(run_child(_SDK, config))
    best_sdk = min(sdk, key=lambda r: r["seconds"])
    best_raw = min(raw, key=lambda r: r["seconds"])
    sdk_mbs = best_sdk["bytes"] / MIB / best_sdk["seconds"]
    raw_mbs = best_raw["bytes"] / MIB / best_raw["seconds"]
    ratio = sdk_mbs / raw_mbs
    peak = max(r["peak_rss_mb"] for r in sdk)
    Result(
        benchmark="export download",
        figure=f"{ratio:.2f}x raw httpx throughput, peak RSS {peak:.0f} MB",
        target=">= 0.90x, <= 64 MB",
        met=ratio >= 0.9 and peak <= 64,
        details={
            "bytes": int(best_sdk["bytes"]),
            "sdk_mb_per_s": round(sdk_mbs, 1),
            "raw_mb_per_s": round(raw_mbs, 1),
            "sdk_peak_rss_mb": peak,
            "raw_peak_rss_mb": max(r["peak_rss_mb"] for r in raw),
            "runs": runs,
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
