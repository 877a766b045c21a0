"""The manual's simulator example runs as written, and leaves the simulator in the state its comments describe."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import pytest

from ...support.readme import python_block, section

# Appended inside the example's `with InsperaSimulator(...) as sim:` block, while the simulator still runs.
PROBE = """
import time as _time
_probe["faulted"] = api.get(f"/v1/test/{sim.test_ids[0]}")
_probe["recovered"] = api.get(f"/v1/test/{sim.test_ids[0]}")
_deadline = _time.monotonic() + 30
while True:
    _probe["finished"] = api.get(f"/v1/test/{sim.test_ids[0]}/submissions/{job['jobId']}").json()
    if _probe["finished"]["status"] != "running" or _time.monotonic() > _deadline:
        break
    _time.sleep(0.05)
if _probe["finished"]["status"] == "success":
    _url = _probe["finished"]["exportInfo"]["signedResponseUrl"]
    _probe["file"] = httpx.get(_url).json()
_probe["candidates"] = len(sim.user_ids(sim.test_ids[0]))
"""


@pytest.mark.allow_secret_leaks("the probe fetches the signed URL with plain httpx, which logs it")
def test_readme_simulator_example_runs_and_does_what_it_says() -> None:
    code = python_block("simulator")
    last_line = code.rstrip().splitlines()[-1]
    indent = last_line[: len(last_line) - len(last_line.lstrip())]
    assert indent, "the example should end inside its `with InsperaSimulator(...) as sim:` block"
    namespace: dict[str, Any] = {"_probe": {}}
    exec(compile(code + textwrap.indent(PROBE, indent), "docs/testing.md (simulator example)", "exec"), namespace)
    probe, job, token, sim = namespace["_probe"], namespace["job"], namespace["token"], namespace["sim"]
    try:
        # The token exchange the example spells out worked, and its token authenticated every later call.
        assert token["access_token"].count(".") == 2 and token["expires_in"] > 0  # a JWT
        assert sim.stats.token_exchanges == 1
        # The order answered as the comment says: a running job at 0 %, with the URL to poll it.
        assert set(job) == {"jobId", "status", "progress", "callbackUrl"}
        assert (job["status"], job["progress"]) == ("running", 0)
        assert job["callbackUrl"] == f"{sim.base_url}/v1/test/{sim.test_ids[0]}/submissions/{job['jobId']}"
        # The scripted fault hit the next matching request once, with its Retry-After, and then went away.
        assert (probe["faulted"].status_code, probe["faulted"].headers["retry-after"]) == (503, "1")
        assert probe["recovered"].status_code == 200
        assert probe["recovered"].json()["assessmentRunId"] == sim.test_ids[0]
        # The ordered export finished and its file holds every candidate of the test (candidates=5).
        assert probe["finished"]["status"] == "success", probe["finished"]
        assert probe["candidates"] == 5
        assert len(probe["file"]["ext_inspera_candidates"]) == 5
    finally:
        namespace["api"].close()


def test_readme_lists_every_constructor_knob_with_its_default() -> None:
    import inspect

    from inspera.testing import InsperaSimulator

    knobs = section("simulator").split("**Constructor knobs**", 1)[1].split("**What it gives back**", 1)[0]
    parameters = list(inspect.signature(InsperaSimulator.__init__).parameters.values())[1:]
    assert parameters and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    shown = [
        f"`{p.name}={json.dumps(p.default) if isinstance(p.default, str) else repr(p.default)}`" for p in parameters
    ]
    missing = [knob for knob in shown if knob not in knobs]
    assert missing == [], "README's constructor-knob list lacks these (as `name=default`)"
