"""Plot: the request budget's requests in flight and completed calls over time, against a server enforcing the limit.

    uv run python scripts/bench/budget_timeline.py                      # rewrites docs/images/budget_timeline.svg
    uv run python scripts/bench/budget_timeline.py --output /tmp/t.svg --calls 60 --json

The loopback server of the concurrency benchmark (`_loopback.py --limit 10 --latency L`) refuses with 429 any
`/api` request beyond 10 in flight and logs when each request starts, ends or is refused. Two runs, each a fresh
interpreter with one `AsyncInspera` firing every call at once with `asyncio.gather`:

- left: CALLS calls with the whole limit to itself;
- right: CALLS / 2 calls while another program holds 5 of the 10 slots, which the client cannot see and learns
  only from Inspera's refusals.

The top row shows what the server saw in flight (the other program's slots shaded) and each refusal; the bottom row
the calls completed over time beside the ideal, free slots / L calls per second. Figures come from the run that made
the picture, never from a file.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

from _common import loopback, run_child

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "docs" / "images" / "budget_timeline.svg"
LIMIT = 10
HELD = 5

_PROGRAM = """
import asyncio
from inspera import AsyncInspera

async def main() -> None:
    async with AsyncInspera(cfg["client_id"], cfg["api_key"], base_url=cfg["base_url"]) as client:
        tests = await asyncio.gather(*(client.tests.get(cfg["test_id"]) for _ in range(cfg["calls"])))
    report(done=len(tests))

asyncio.run(main())
"""


def _control(origin: str, method: str, path: str) -> Any:
    request = urllib.request.Request(origin + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def run(config: dict[str, Any], calls: int, held: int) -> dict[str, Any]:
    """One run: hold `held` slots, fire `calls` calls from a fresh child, return the server's timeline and figures."""
    origin = config["origin"]
    _control(origin, "GET", "/_bench/timeline")  # forget whatever came before
    _control(origin, "POST", f"/_bench/hold?slots={held}")
    try:
        child = run_child(_PROGRAM, {**config, "calls": calls}, timeout=300, with_client=False)
    finally:
        _control(origin, "POST", "/_bench/hold?slots=0")
    events = [(float(t), str(kind), str(path)) for t, kind, path in _control(origin, "GET", "/_bench/timeline")]
    if child.get("done") != calls or not events:
        raise RuntimeError(f"the run did not complete its {calls} calls: {child}")
    start = events[0][0]
    events = [(t - start, kind, path) for t, kind, path in events]
    return {"calls": calls, "held": held, "events": events, **_figures(events, held, config["latency"])}


def _figures(events: list[tuple[float, str, str]], held: int, latency: float) -> dict[str, Any]:
    in_flight = peak = 0
    for _, kind, _ in events:
        in_flight += {"start": 1, "end": -1}.get(kind, 0)
        peak = max(peak, in_flight)
    ends = [t for t, kind, path in events if kind == "end" and path.startswith("/api/v1/test/")]
    duration = max(ends)
    ideal = (LIMIT - held) / latency
    return {
        "peak": peak + held,
        "refused": sum(kind == "refused" for _, kind, _ in events),
        "seconds": round(duration, 3),
        "throughput": round(len(ends) / duration / ideal, 3),
    }


def plot(runs: list[dict[str, Any]], latency: float, output: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "inspera-client", "svg.fonttype": "none", "font.size": 9})
    figure, axes = plt.subplots(2, len(runs), figsize=(5.2 * len(runs), 5.6), sharex="col", squeeze=False)
    for column, result in enumerate(runs):
        top, bottom = axes[0][column], axes[1][column]
        events, held = result["events"], result["held"]
        times, counts, in_flight = [0.0], [held], held
        for t, kind, _ in events:
            if kind in ("start", "end"):
                in_flight += 1 if kind == "start" else -1
                times.append(t)
                counts.append(in_flight)
        end = times[-1]
        if held:
            top.axhspan(0, held, color="0.85", label=f"held by another program ({held})")
        top.step(times, counts, where="post", color="tab:blue", linewidth=0.9, label="in flight at the server")
        top.axhline(LIMIT, color="tab:red", linestyle="--", linewidth=1, label=f"Inspera's limit ({LIMIT})")
        refused = [t for t, kind, _ in events if kind == "refused"]
        if refused:
            top.plot(refused, [LIMIT + 0.8] * len(refused), "|", color="tab:red", markersize=7,
                     label=f"refused ({len(refused)})")
        top.set_ylim(0, LIMIT + 2)
        top.set_ylabel("requests in flight")
        title = "the whole limit free" if not held else f"another program holds {held} slots"
        top.set_title(f"{result['calls']} concurrent calls, {title}")
        top.legend(loc="lower right", fontsize=7)

        ends = [t for t, kind, path in events if kind == "end" and path.startswith("/api/v1/test/")]
        bottom.step(ends, range(1, len(ends) + 1), where="post", color="tab:blue", label="calls completed")
        rate = (LIMIT - held) / latency
        bottom.plot([0, end], [0, rate * end], color="0.4", linestyle=":",
                    label=f"ideal: {LIMIT - held} slots / {latency:g} s")
        bottom.set_xlabel("seconds since the first request")
        bottom.set_ylabel("calls completed")
        bottom.set_ylim(0, result["calls"] * 1.05)
        bottom.legend(loc="upper left", fontsize=7)
        bottom.text(0.98, 0.05, f"{result['throughput']:.2f}\N{MULTIPLICATION SIGN} of ideal, peak {result['peak']}",
                    transform=bottom.transAxes, ha="right", fontsize=8)
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix == ".svg":  # no date in the file: the same run draws the same bytes
        figure.savefig(output, format="svg", metadata={"Date": None})
    else:
        figure.savefig(output, dpi=150)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="budget_timeline.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=300, help="calls of the left run (the right one makes half)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds the server takes per request")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="the image to write (SVG, or PNG by its suffix)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.calls < 2 or args.latency <= 0:
        parser.error("--calls must be at least 2 and --latency positive")
    with loopback(limit=LIMIT, latency=args.latency) as server:
        config = {**server, "latency": args.latency}
        runs = [run(config, args.calls, 0), run(config, args.calls // 2, HELD)]
    plot(runs, args.latency, args.output)
    figures = [{k: v for k, v in r.items() if k != "events"} for r in runs]
    if args.json:
        print(json.dumps({"output": str(args.output), "runs": figures}))
    else:
        for figure in figures:
            print(f"{figure['calls']} calls, {figure['held']} slots held: peak {figure['peak']}, "
                  f"{figure['refused']} refused, {figure['seconds']} s, {figure['throughput']}x of ideal")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
