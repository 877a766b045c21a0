"""Benchmark: 200 concurrent `AsyncInspera` calls started across a token expiry; exchanges and throughput.

Everything runs in one child interpreter against the minimal loopback server, whose tokens really expire (after
`--token-lifetime` seconds) and whose token exchanges are counted server-side (read through a control route that
is not part of the measurement). Each round, in alternating order:

- raw: a pause as long as the facade's wait below (so both sides start from the same idle state: connections kept
  alive, server at rest), a fresh token from the documented exchange set once as the bearer header of an
  `httpx.AsyncClient`, then 200 concurrent `GET /v1/test/{id}` + `response.json()`;
- facade: `authenticate()`, then wait until that token has expired (for client and server alike), then 200
  concurrent `client.tests.get(id)` on the same `AsyncInspera`. The exchange counter is read before and after
  the burst, so the figure counts exactly the exchanges the burst caused (the target is 1).

After the timed rounds, a few revoked rounds check the other way a burst crosses an expiry: the server revokes the
token the client still believes in, so all 200 calls get 401 and must share one exchange before their replay.
Throughput is the median burst time of each side; the ratio is facade over raw (higher is better).
"""

from __future__ import annotations

import argparse
import sys

from _common import loopback, run_child
from report import Result

TARGET_RATIO = 0.8

_CHILD = """
import asyncio, statistics, httpx
from inspera import AsyncInspera

calls, test_id = cfg["calls"], cfg["test_id"]
token_params = {"grant_type": "authorization_code", "client_id": cfg["client_id"]}

async def main():
    control = httpx.AsyncClient(base_url=cfg["origin"])

    async def stats():
        return (await control.get("/_bench/stats")).json()

    raw = httpx.AsyncClient(base_url=cfg["base_url"])

    async def raw_call():
        response = await raw.get(f"/v1/test/{test_id}")
        if response.status_code != 200:
            raise RuntimeError(f"raw call answered {response.status_code}")
        return response.json()["assessmentRunId"]

    async def raw_burst(pause):
        await asyncio.sleep(pause)  # as long as the facade waits for its token to expire, so both start rested
        answer = await control.post(cfg["base_url"] + "/authenticate/token/", headers={"code": cfg["api_key"]},
                                    params=token_params)
        raw.headers["Authorization"] = "Bearer " + answer.json()["access_token"]
        start = time.perf_counter()
        ids = await asyncio.gather(*(raw_call() for _ in range(calls)))
        elapsed = time.perf_counter() - start
        assert ids == [test_id] * calls
        return elapsed

    async def facade_burst(client, revoke):
        info = await client.authenticate()
        if revoke:
            await control.post("/_bench/expire")  # the server drops the token the client still believes in
        else:
            await asyncio.sleep(max(0.0, info.expires_at - time.monotonic()) + 0.01)  # expired on both sides
        before = await stats()
        start = time.perf_counter()
        tests = await asyncio.gather(*(client.tests.get(test_id) for _ in range(calls)))
        elapsed = time.perf_counter() - start
        after = await stats()
        assert [t.assessment_run_id for t in tests] == [test_id] * calls
        return elapsed, after["exchanges"] - before["exchanges"], after["unauthorized"] - before["unauthorized"]

    async with AsyncInspera(cfg["client_id"], cfg["api_key"], base_url=cfg["base_url"]) as client:
        for _ in range(2):  # warm-up: imports, connection pools
            await raw_burst(0.0)
            await asyncio.gather(*(client.tests.get(test_id) for _ in range(calls)))
        raw_s, facade_s, exchanges = [], [], []
        for round_no in range(cfg["rounds"]):
            if round_no % 2 == 0:
                raw_s.append(await raw_burst(cfg["lifetime"]))
            elapsed, exchanged, _ = await facade_burst(client, revoke=False)
            facade_s.append(elapsed)
            exchanges.append(exchanged)
            if round_no % 2 == 1:
                raw_s.append(await raw_burst(cfg["lifetime"]))
        revoked = [await facade_burst(client, revoke=True) for _ in range(cfg["revoked_rounds"])]
    await raw.aclose()
    await control.aclose()
    report(raw_s=statistics.median(raw_s), facade_s=statistics.median(facade_s), exchanges=exchanges,
           revoked_exchanges=[r[1] for r in revoked], revoked_401s=[r[2] for r in revoked],
           revoked_s=statistics.median(r[0] for r in revoked) if revoked else 0.0)

asyncio.run(main())
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="concurrent calls per burst")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds per side (the median counts)")
    parser.add_argument("--revoked-rounds", type=int, default=3, help="rounds with a server-revoked token")
    parser.add_argument(
        "--token-lifetime",
        type=float,
        default=4.0,
        help="seconds a token lives; a burst must fit in the 11/12 of it a refreshed token counts as fresh",
    )
    parser.add_argument("--quick", action="store_true", help="2 rounds of 20 calls, 1 s tokens (smoke test)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    calls, rounds, revoked_rounds, lifetime = (
        (20, 2, 1, 1.0) if args.quick else (args.calls, args.rounds, args.revoked_rounds, args.token_lifetime)
    )
    with loopback(token_lifetime=lifetime) as config:
        result = run_child(
            _CHILD,
            {**config, "calls": calls, "rounds": rounds, "revoked_rounds": revoked_rounds, "lifetime": lifetime},
            with_client=False,
        )
    ratio = result["raw_s"] / result["facade_s"]
    exchanges = [int(n) for n in result["exchanges"]]
    revoked = [int(n) for n in result["revoked_exchanges"]]
    exact = all(n == 1 for n in exchanges + revoked)
    shown = sorted(set(exchanges + revoked))
    Result(
        benchmark="concurrent calls across token expiry",
        figure=f"{'/'.join(map(str, shown))} exchange per burst, {ratio:.2f}x raw httpx throughput",
        target=f"exactly 1, >= {TARGET_RATIO:.2f}x",
        met=exact and ratio >= TARGET_RATIO,
        details={
            "concurrent_calls": calls,
            "facade_calls_per_s": round(calls / result["facade_s"]),
            "raw_calls_per_s": round(calls / result["raw_s"]),
            "exchanges_per_burst": ",".join(map(str, exchanges)),
            "revoked_exchanges_per_burst": ",".join(map(str, revoked)),
            "revoked_401s_per_burst": ",".join(str(int(n)) for n in result["revoked_401s"]),
            "revoked_calls_per_s": round(calls / result["revoked_s"]) if result["revoked_s"] else 0,
            "rounds": rounds,
        },
    ).emit(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
