"""Benchmark: `ExportJob.download()` of a large simulator export vs raw httpx streaming; throughput and peak RSS.

The simulator generates the export once; the loopback server then hands it out as a finished job and sends it with
`sendfile()`, so the server outpaces both clients (the simulator, generating while streaming, would not). Each run
is a fresh child interpreter; both sides order and wait alike, then only the transfer is timed: the facade's atomic
download (temp file, fsync, rename) against `httpx.stream` + `iter_bytes()` into a file that is fsynced too. Runs
alternate which side goes first; the median run of each side counts. Peak RSS is that of the downloading process;
the client CPU seconds show how much of the transfer time each side spent working.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import MIB, loopback, parse_size, run_child, simulator_export
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
start, cpu = time.perf_counter(), time.process_time()
path = job.download(target)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
size = os.path.getsize(path)
os.remove(path)
report(seconds=seconds, cpu_seconds=cpu, bytes=size)
"""
)

_RAW = (
    _SETUP
    + """
import httpx
url = job.last_status.download_url
start, cpu = time.perf_counter(), time.process_time()
size = 0
with httpx.Client() as http, http.stream("GET", url) as response, open(target, "wb") as out:
    response.raise_for_status()
    for chunk in response.iter_bytes():
        out.write(chunk)
        size += len(chunk)
    out.flush()
    os.fsync(out.fileno())
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
os.remove(target)
report(seconds=seconds, cpu_seconds=cpu, bytes=size)
"""
)


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run with the median transfer time (the slower middle one for an even count)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1G", help="export size, e.g. 1G, 256M (default 1G)")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per side; the median run counts")
    parser.add_argument("--quick", action="store_true", help="8 MiB, one run (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    size = 8 * MIB if args.quick else parse_size(args.size)
    runs = 1 if args.quick else args.runs
    sdk: list[dict[str, float]] = []
    raw: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="inspera-bench-") as scratch:
        export = simulator_export(size, Path(scratch) / "submissions.json")
        with loopback(export_file=export) as config:
            for run in range(runs):  # alternating which side goes first
                for side in ((raw, _RAW), (sdk, _SDK)) if run % 2 == 0 else ((sdk, _SDK), (raw, _RAW)):
                    side[0].append(run_child(side[1], config))
    mid_sdk = _median_run(sdk)
    mid_raw = _median_run(raw)
    sdk_mbs = mid_sdk["bytes"] / MIB / mid_sdk["seconds"]
    raw_mbs = mid_raw["bytes"] / MIB / mid_raw["seconds"]
    ratio = sdk_mbs / raw_mbs
    peak = max(r["peak_rss_mb"] for r in sdk)
    Result(
        benchmark="export download",
        figure=f"{ratio:.2f}x raw httpx throughput, peak RSS {peak:.0f} MB",
        target=">= 0.90x, <= 64 MB",
        met=ratio >= 0.9 and peak <= 64,
        details={
            "bytes": int(mid_sdk["bytes"]),
            "sdk_mb_per_s": round(sdk_mbs, 1),
            "raw_mb_per_s": round(raw_mbs, 1),
            "sdk_peak_rss_mb": peak,
            "raw_peak_rss_mb": max(r["peak_rss_mb"] for r in raw),
            "sdk_runs_s": ",".join(f"{r['seconds']:.2f}" for r in sdk),
            "raw_runs_s": ",".join(f"{r['seconds']:.2f}" for r in raw),
            "sdk_cpu_s": round(mid_sdk["cpu_seconds"], 2),
            "raw_cpu_s": round(mid_raw["cpu_seconds"], 2),
            "runs": runs,
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
