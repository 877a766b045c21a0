"""Benchmark: one facade call (`client.tests.get`) against raw httpx + `response.json()`, same endpoint and payload.

Both sides run in one child interpreter against the minimal loopback server, each over its own keep-alive
connection, in many short alternating batches (raw first in even batches, facade first in odd ones), so that a
noisy neighbour or a frequency change hits both sides alike; the figure is the ratio of the median per-call times
over the batches. Batches of a few dozen calls still include the garbage collections each side causes.

The facade's cost includes everything it does per call: the token check, the auth flow, retry bookkeeping, the
generated request builder and parsing the answer into the generated `TestMetadata` model. The raw side sets the
bearer header once and checks the status.
"""

from __future__ import annotations

import argparse
import sys

from _common import loopback, run_child
from report import Result

TARGET = 1.15

_CHILD = """
import statistics, httpx
test_id = cfg["test_id"]
token = httpx.post(cfg["base_url"] + "/authenticate/token/", headers={"code": cfg["api_key"]},
                   params={"grant_type": "authorization_code", "client_id": cfg["client_id"]}).json()["access_token"]
raw = httpx.Client(base_url=cfg["base_url"], headers={"Authorization": f"Bearer {token}"})

def raw_call():
    response = raw.get(f"/v1/test/{test_id}")
    if response.status_code != 200:
        raise RuntimeError(f"raw call answered {response.status_code}")
    return response.json()

def facade_call():
    return client.tests.get(test_id)

assert raw_call()["assessmentRunId"] == facade_call().assessment_run_id == test_id
sides = {"raw": raw_call, "facade": facade_call}
for _ in range(cfg["warmup"]):
    raw_call(); facade_call()
seconds = {"raw": [], "facade": []}
for batch_no in range(cfg["batches"]):
    order = ("raw", "facade") if batch_no % 2 == 0 else ("facade", "raw")
    for name in order:
        call = sides[name]
        start = time.perf_counter()
        for _ in range(cfg["calls"]):
            call()
        seconds[name].append((time.perf_counter() - start) / cfg["calls"])
report(raw_us=statistics.median(seconds["raw"]) * 1e6, facade_us=statistics.median(seconds["facade"]) * 1e6)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=int, default=400, help="alternating batches per side (the median counts)")
    parser.add_argument("--calls", type=int, default=25, help="sequential calls per batch")
    parser.add_argument("--quick", action="store_true", help="6 batches of 10 calls (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    batches, calls = (6, 10) if args.quick else (args.batches, args.calls)
    with loopback() as config:
        result = run_child(_CHILD, {**config, "batches": batches, "calls": calls, "warmup": 20 if args.quick else 300})
    ratio = result["facade_us"] / result["raw_us"]
    Result(
        benchmark="facade call overhead",
        figure=f"{ratio:.2f}x raw httpx + json",
        target=f"<= {TARGET:.2f}x",
        met=ratio <= TARGET,
        details={
            "facade_us_per_call": round(result["facade_us"], 1),
            "raw_us_per_call": round(result["raw_us"], 1),
            "overhead_us_per_call": round(result["facade_us"] - result["raw_us"], 1),
            "batches_per_side": batches,
            "calls_per_batch": calls,
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
