"""The installed pytest plugin: a user's test file gets a simulator and connected clients with no conftest."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_TESTS = '''
import pytest
from inspera import AsyncInspera, Inspera, value_or
from inspera.testing import InsperaSimulator


def test_one_line(inspera_client: Inspera) -> None:
    assert inspera_client.tests.search()


@pytest.mark.inspera_simulator(tests=2, candidates=4, seed=7)
def test_knobs(inspera_simulator: InsperaSimulator, inspera_client: Inspera) -> None:
    assert len(inspera_simulator.test_ids) == 2
    assert len(inspera_simulator.user_ids(inspera_simulator.test_ids[0])) == 4
    hit = inspera_client.tests.search()[0]
    assert value_or(hit.assessment_run_id, 0) in inspera_simulator.test_ids


@pytest.mark.asyncio
async def test_async(async_inspera_client: AsyncInspera, inspera_simulator: InsperaSimulator) -> None:
    test = await async_inspera_client.tests.get(inspera_simulator.test_ids[0])
    assert test.assessment_run_id == inspera_simulator.test_ids[0]


def test_fresh_simulator_per_test(inspera_simulator: InsperaSimulator) -> None:
    assert inspera_simulator.stats.token_exchanges == 0
'''


def test_the_plugins_fixtures_work_in_a_users_test_file(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TESTS), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "4 passed" in done.stdout


def test_the_plugin_is_registered_and_its_import_loads_nothing_heavy() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [e for e in entry_points(group="pytest11") if e.name == "inspera"]
    assert plugin.value == "inspera.testing.pytest_plugin"
    code = (
        "import sys, inspera.testing.pytest_plugin;"
        "print([m for m in ('httpx', 'inspera_api', 'starlette', 'uvicorn') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
