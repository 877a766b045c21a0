"""The README's command-line walkthrough runs as written in bash, against the sandbox it starts itself; so does the
continuation-token example, against a sandbox of the same seed. Shell completion works from the printed script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.readme import section
from .conftest import Runner
from .test_processes import _child_env

BIN = Path(sys.executable).parent  # where the `inspera` script of this environment lives

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the walkthrough is a bash script")


def _blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", section("cli"), re.S)


def _bash(script: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**_child_env(), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "120"}
    # Whatever happens, background jobs (sandbox, receiver) end with the script.
    guarded = "trap 'kill $(jobs -p) 2>/dev/null; wait' EXIT\n" + script
    return subprocess.run(["bash", "-c", guarded], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.mark.slow
def test_the_walkthrough_runs_as_written_against_the_sandbox(tmp_path: Path) -> None:
    walkthrough = _blocks()[0]
    assert "inspera sandbox" in walkthrough and "28020726" not in walkthrough
    done = _bash("set -euo pipefail\n" + walkthrough, tmp_path)
    assert done.returncode == 0, f"stdout:\n{done.stdout[-4000:]}\nstderr:\n{done.stderr[-4000:]}"
    # What the commands said they did, they did.
    assert "KJM1100 Organic Chemistry" in done.stdout  # tests search --title chemistry and tests get 66448162
    assert "shanna0001" in done.stdout  # users get / users find
    assert (tmp_path / "results.json").stat().st_size > 0 and (tmp_path / "users.json").stat().st_size > 0
    assert (tmp_path / "answers.pdf").read_bytes().startswith(b"%PDF-")  # export candidate-pdf ... --answers-only
    assert (tmp_path / "hooks" / "0001.json").exists()  # the receiver saw the subscription's verification
    assert "valid: signed with this secret (verification event)" in done.stderr
    assert re.search(r"deleted subscription [0-9a-f]+", done.stderr)
    assert "error:" not in done.stderr


@pytest.mark.slow
def test_the_continuation_token_example_runs_against_a_sandbox(tmp_path: Path) -> None:
    example = _blocks()[1]
    start = (
        "inspera sandbox --export-duration 2 --env-file sandbox.env > /dev/null &\n"
        "until [ -s sandbox.env ]; do sleep 0.1; done; . ./sandbox.env\n"
    )
    done = _bash(start + example, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "is still running after 1 s" in done.stderr  # the first command stopped at its --timeout (exit 3)
    assert (tmp_path / "job.token").read_text().startswith("{")
    assert (tmp_path / "subs.json").stat().st_size > 0  # ... and --resume finished the same job


def test_version_is_the_package_version_everywhere() -> None:
    from importlib.metadata import version

    import inspera
    from inspera._client import USER_AGENT

    done = subprocess.run([sys.executable, "-m", "inspera", "--version"], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == f"inspera-client {inspera.__version__}"
    assert version("inspera-client") == inspera.__version__
    assert f"inspera-client/{inspera.__version__} (python)" == USER_AGENT


def test_bash_completion_completes_commands_and_options() -> None:
    env = {**_child_env(), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    script = (
        'source <(inspera --show-completion bash)\n'
        'COMP_WORDS=(inspera te); COMP_CWORD=1; _inspera_completion inspera\n'
        'echo "commands: ${COMPREPLY[*]}"\n'
        'COMP_WORDS=(inspera sandbox --env); COMP_CWORD=2; _inspera_completion inspera\n'
        'echo "options: ${COMPREPLY[*]}"\n'
    )
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "commands: tests" in done.stdout
    assert "options: --env-file" in done.stdout


def test_the_sandbox_help_gives_no_eval_advice(cli: Runner) -> None:
    result = cli("sandbox", "--help")
    text = " ".join(result.out.split())
    assert result.code == 0
    assert "would wait forever" in text and "--env-file" in text
    assert "for `eval`" not in text and "for eval" not in text
