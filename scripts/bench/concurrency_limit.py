"""Benchmark: the request budget against a server that enforces Inspera's limit of 10 requests in flight.

The loopback server (`_loopback.py --limit 10 --latency L`) answers every `/api` request after a fixed latency L and
refuses at once, with 429, any request that would make more than 10 active (the token exchange counts). Each
scenario runs its facade code in fresh child interpreters and reads the server's counters (peak in flight, refusals,
exchanges) through a control route outside the measurement:

(a) 150 concurrent coroutines on one `AsyncInspera`;
(b) 40 threads sharing one `Inspera` (200 calls);
(c) two clients of one tenant together: an `Inspera` used by 20 threads and an `AsyncInspera` on an event loop of
    its own (100 calls each);
(d) three processes, each an `AsyncInspera` with 100 concurrent calls, sharing one `shared_dir`, started together
    without a token;
(e) 100 concurrent calls on one fresh `AsyncInspera` while another program holds 5 of the 10 slots (the server
    counts them as busy), so the budget must find the 5 that remain.

Throughput is calls per second as a fraction of the ideal, slots / latency (10 / L; in (e) the 5 free slots / L).
L defaults to 0.1 s, a short round trip for a remote API. The ideal leaves out what every request costs besides
the latency: on a 2-core machine, client and server together take about 1.2 ms per sequential loopback round trip
and more under concurrency, which at L = 0.05 s already caps a raw client near 0.9.
(a) also times, in alternating order, raw httpx with an `asyncio.Semaphore(10)` around each call: a hand-written
limiter with no auth, retries or parsing, reported as what this machine allows at that moment.
A "lost" call is one that raised or returned the wrong test. (a)-(c) and (e) run several rounds and report the
median throughput (and the worst of the other figures); (e) uses a new process per round so each starts with a
budget that knows nothing. Refusals cost the client one round trip without the latency (the server answers them
at once), which flatters (e) a little compared with a server that is slow to refuse.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from _common import child_command, loopback, run_child
from report import Result

TARGET_FULL = 0.9  # (a)-(c), of 10 / latency
TARGET_SHARED = 0.7  # (e), of the 5 free slots / latency
SLOTS = 10
HELD = 5

_CONTROL = """
import asyncio, httpx, statistics, threading
from concurrent.futures import ThreadPoolExecutor
from inspera import AsyncInspera, Inspera

test_id = cfg["test_id"]
control = httpx.Client(base_url=cfg["origin"])

def server():
    return control.get("/_bench/stats").json()

def reset():
    control.post("/_bench/reset")

def lost(results):
    return sum(1 for r in results if isinstance(r, BaseException) or r.assessment_run_id != test_id)

def round_figures(elapsed, results):
    stats = server()
    return {"elapsed": elapsed, "calls": len(results), "lost": lost(results), "peak": stats["peak"],
            "refused": stats["refused"], "exchanges": stats["exchanges"]}

def args():
    return dict(client_id=cfg["client_id"], api_key=cfg["api_key"], base_url=cfg["base_url"])

def call_with(client):  # one blocking call; an error is its result (counted as lost)
    try:
        return client.tests.get(test_id)
    except Exception as error:
        return error
"""

_COROUTINES = """
async def main():
    rounds = []
    token = httpx.post(cfg["base_url"] + "/authenticate/token/", headers={"code": cfg["api_key"]},
                       params={"grant_type": "authorization_code", "client_id": cfg["client_id"]}).json()
    raw = httpx.AsyncClient(base_url=cfg["base_url"], headers={"Authorization": "Bearer " + token["access_token"]})
    gate = asyncio.Semaphore(cfg["slots"])

    async def raw_call():
        async with gate:
            response = await raw.get(f"/v1/test/{test_id}")
            return response.json()["assessmentRunId"]

    async def raw_burst():
        start = time.perf_counter()
        ids = await asyncio.gather(*(raw_call() for _ in range(cfg["calls"])))
        assert ids == [test_id] * cfg["calls"]
        return time.perf_counter() - start

    async with AsyncInspera(**args()) as client:
        await client.authenticate()
        await asyncio.gather(*(client.tests.get(test_id) for _ in range(30)))  # warm: imports, 10 connections
        await raw_burst()
        for round_no in range(cfg["rounds"]):
            raw_s = await raw_burst() if round_no % 2 else None
            reset()
            start = time.perf_counter()
            results = await asyncio.gather(*(client.tests.get(test_id) for _ in range(cfg["calls"])),
                                           return_exceptions=True)
            figures = round_figures(time.perf_counter() - start, results)
            figures["raw_elapsed"] = raw_s if raw_s is not None else await raw_burst()
            rounds.append(figures)
    await raw.aclose()
    return rounds

report(rounds=asyncio.run(main()))
"""

_THREADS = """
rounds = []
with Inspera(**args()) as client, ThreadPoolExecutor(cfg["threads"]) as pool:
    client.authenticate()
    list(pool.map(lambda _: call_with(client), range(80)))  # warm
    for _ in range(cfg["rounds"]):
        reset()
        start = time.perf_counter()
        results = list(pool.map(lambda _: call_with(client), range(cfg["calls"])))
        rounds.append(round_figures(time.perf_counter() - start, results))
report(rounds=rounds)
"""

_TWO_CLIENTS = """
loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()

async def make():
    return AsyncInspera(**args())

aclient = asyncio.run_coroutine_threadsafe(make(), loop).result()
half = cfg["calls"] // 2

async def burst():
    return await asyncio.gather(*(aclient.tests.get(test_id) for _ in range(half)), return_exceptions=True)

rounds = []
with Inspera(**args()) as client, ThreadPoolExecutor(cfg["threads"]) as pool:
    client.authenticate()
    asyncio.run_coroutine_threadsafe(aclient.authenticate(), loop).result()
    asyncio.run_coroutine_threadsafe(burst(), loop).result()  # warm both
    list(pool.map(lambda _: call_with(client), range(40)))
    for _ in range(cfg["rounds"]):
        reset()
        start = time.perf_counter()
        pending = asyncio.run_coroutine_threadsafe(burst(), loop)
        results = list(pool.map(lambda _: call_with(client), range(half)))
        results += pending.result()
        rounds.append(round_figures(time.perf_counter() - start, results))
asyncio.run_coroutine_threadsafe(aclient.aclose(), loop).result()
report(rounds=rounds)
"""

_PROCESS = """
import inspera_api.api.auth.exchange_token, inspera_api.api.tests.get_test  # what a first call would import

async def main():
    async with AsyncInspera(**args(), shared_dir=cfg["shared_dir"]) as client:
        client.tests.get  # bound once per client
        print("ready", flush=True)
        sys.stdin.readline()
        start = time.time()
        results = await asyncio.gather(*(client.tests.get(test_id) for _ in range(cfg["calls"])),
                                       return_exceptions=True)
        return start, time.time(), lost(results)

start, end, missing = asyncio.run(main())
report(start=start, end=end, lost=missing)
"""

_HELD = """
async def main():
    async with AsyncInspera(**args()) as client:
        await client.authenticate()
        await asyncio.gather(*(client.tests.get(test_id) for _ in range(SLOTS_FREE)))  # connections, within room
        control.post(f"/_bench/hold?slots={cfg['held']}")
        reset()
        start = time.perf_counter()
        results = await asyncio.gather(*(client.tests.get(test_id) for _ in range(cfg["calls"])),
                                       return_exceptions=True)
        figures = round_figures(time.perf_counter() - start, results)
        control.post("/_bench/hold?slots=0")
        figures["final_limit"] = client._budget.limit
        return figures

SLOTS_FREE = cfg["slots"] - cfg["held"]
report(rounds=[asyncio.run(main())])
"""


def _control(origin: str, method: str, path: str) -> dict[str, Any]:
    """A control route of the loopback server (outside /api, so never counted or limited)."""
    with urllib.request.urlopen(urllib.request.Request(origin + path, method=method, data=None), timeout=10) as answer:
        payload: dict[str, Any] = json.loads(answer.read())
    return payload


def _rounds(program: str, config: dict[str, Any]) -> list[dict[str, Any]]:
    rounds: list[dict[str, Any]] = run_child(_CONTROL + program, config, with_client=False)["rounds"]
    return rounds


def _summary(rounds: list[dict[str, Any]], latency: float, slots: int) -> dict[str, Any]:
    ratios = [r["calls"] / r["elapsed"] / (slots / latency) for r in rounds]
    figures = {
        "throughput": statistics.median(ratios),
        "throughput_min": min(ratios),
        "peak": max(r["peak"] for r in rounds),
        "refused": sum(r["refused"] for r in rounds),
        "lost": sum(r["lost"] for r in rounds),
        "exchanges": sum(r["exchanges"] for r in rounds),
        "calls": sum(r["calls"] for r in rounds),
    }
    if "raw_elapsed" in rounds[0]:
        figures["raw_semaphore_throughput"] = statistics.median(
            r["calls"] / r["raw_elapsed"] / (slots / latency) for r in rounds
        )
    return figures


def _processes(config: dict[str, Any], count: int, calls: int, latency: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="inspera-bench-shared-") as shared:
        settings = {**config, "calls": calls, "shared_dir": str(Path(shared) / "inspera")}
        children = [
            subprocess.Popen(child_command(_CONTROL + _PROCESS, settings, with_client=False), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
            for _ in range(count)
        ]
        try:
            for child in children:
                assert child.stdout is not None
                if child.stdout.readline().strip() != "ready":
                    raise RuntimeError("a benchmark process did not start")
            _control(config["origin"], "POST", "/_bench/reset")
            for child in children:  # released together: none has a token yet
                assert child.stdin is not None
                child.stdin.write("go\n")
                child.stdin.flush()
            outputs = [child.communicate(timeout=600)[0] for child in children]
        finally:
            for child in children:
                if child.poll() is None:
                    child.kill()
                    child.wait()
    if any(child.returncode for child in children):
        raise RuntimeError("a benchmark process failed")
    reports = [json.loads(out.strip().splitlines()[-1]) for out in outputs]
    stats = _control(config["origin"], "GET", "/_bench/stats")
    elapsed = max(r["end"] for r in reports) - min(r["start"] for r in reports)
    total = calls * count
    return {
        "throughput": total / elapsed / (SLOTS / latency),
        "peak": stats["peak"],
        "refused": stats["refused"],
        "lost": sum(r["lost"] for r in reports),
        "exchanges": stats["exchanges"],
        "calls": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=0.1, help="server latency per /api request (seconds)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of (a)-(c) and (e) (the median counts)")
    parser.add_argument("--quick", action="store_true", help="small counts, 1 round (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    latency, rounds = (0.02, 1) if args.quick else (args.latency, args.rounds)
    scale = 5 if args.quick else 1  # --quick divides the call counts
    results: dict[str, dict[str, Any]] = {}
    with loopback(limit=SLOTS, latency=latency) as config:
        base = {**config, "rounds": rounds}
        results["a"] = _summary(_rounds(_COROUTINES, {**base, "calls": 150 // scale, "slots": SLOTS}), latency, SLOTS)
        results["b"] = _summary(_rounds(_THREADS, {**base, "calls": 200 // scale, "threads": 40}), latency, SLOTS)
        results["c"] = _summary(_rounds(_TWO_CLIENTS, {**base, "calls": 200 // scale, "threads": 20}), latency, SLOTS)
        results["d"] = _processes(config, 3, 100 // scale, latency)
        held = [
            _rounds(_HELD, {**base, "calls": 100 // scale, "held": HELD, "slots": SLOTS})[0] for _ in range(rounds)
        ]
        results["e"] = _summary(held, latency, SLOTS - HELD)
        results["e"]["final_limit"] = statistics.median(r["final_limit"] for r in held)
    alone = [results[k] for k in "abcd"]
    met = (
        all(r["peak"] <= SLOTS and r["refused"] == 0 and r["lost"] == 0 for r in alone)
        and results["d"]["exchanges"] == 1
        and all(results[k]["throughput"] >= TARGET_FULL for k in "abc")
        and results["e"]["lost"] == 0
        and results["e"]["throughput"] >= TARGET_SHARED
    )
    a, b, c, d, e = (results[k] for k in "abcde")
    figure = (
        f"(a)-(d) peak {max(r['peak'] for r in alone)}, {sum(r['refused'] for r in alone)} refusals, "
        f"{sum(r['lost'] for r in alone)} lost; throughput (a) {a['throughput']:.2f}x (b) {b['throughput']:.2f}x "
        f"(c) {c['throughput']:.2f}x (d) {d['throughput']:.2f}x; (d) {d['exchanges']} exchange; "
        f"(e) {e['throughput']:.2f}x of the free slots, {e['lost']} lost, {e['refused']} refusals"
    )
    details: dict[str, float | int | str] = {"latency_s": latency, "slots": SLOTS, "rounds": rounds}
    for key, values in results.items():
        for name, value in values.items():
            details[f"{key}_{name}"] = round(value, 3) if isinstance(value, float) else value
    Result(
        benchmark="concurrency limit (10 in flight, fixed latency)",
        figure=figure,
        target=(
            f"peak <= {SLOTS}, 0 refusals, 0 lost in (a)-(d); 1 exchange in (d); >= {TARGET_FULL}x in (a)-(c); "
            f"(e) 0 lost, >= {TARGET_SHARED}x of the free slots"
        ),
        met=met,
        details=details,
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
