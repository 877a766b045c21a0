"""The shared directory: one token for every process (0600, untrusted files replaced), slot files that die with
their process, and nothing on disk without it."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera import AsyncInspera, ConfigurationError, Inspera
from inspera._budget import shared_dir as shared_dir_module
from inspera._budget.host_slots import HostSlots
from inspera._budget.slot_timeout import RequestSlotTimeout

from .fakes import API_KEY, BASE_URL, CLIENT_ID, FakeInspera, Sleeps

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="shared_dir needs POSIX file locks")

WAIT = 5.0


def _client(fake: FakeInspera, shared: Path, **options: Any) -> Inspera:
    return Inspera(
        CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=httpx.MockTransport(fake.handle)),
        shared_dir=shared, sleep=Sleeps(), **options,
    )


def _token_file(client: Inspera | AsyncInspera) -> Path:
    assert client._token_file is not None
    return client._token_file.path


def test_one_exchange_serves_every_client_and_the_file_is_private(fake: FakeInspera, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    with _client(fake, shared) as first, _client(fake, shared) as second:
        first.tests.get(7)
        second.tests.get(7)  # a separate token state, as in another process: it reads the file instead
        path = _token_file(first)
    assert fake.exchanges == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.stat().st_mode) == 0o700
    document = json.loads(path.read_text())
    assert document["access_token"] in fake.valid
    assert API_KEY not in path.read_text()  # only an HMAC of the key tells whose token it is
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("slot-")) == [
        f"slot-{i:02d}.lock" for i in range(10)
    ]


def test_after_a_401_one_process_exchanges_and_the_others_adopt_its_token(fake: FakeInspera, tmp_path: Path) -> None:
    with _client(fake, tmp_path) as first, _client(fake, tmp_path) as second:
        first.tests.get(7)
        second.tests.get(7)
        fake.expire_all()  # the server revokes the token both hold
        first.tests.get(7)  # 401, re-exchange under the file lock, store
        second.tests.get(7)  # 401 with the old token: the file has a newer one, no exchange
    assert fake.exchanges == 2


def test_a_token_due_for_refresh_in_the_file_is_not_adopted(fake: FakeInspera, tmp_path: Path) -> None:
    with _client(fake, tmp_path) as first:
        first.tests.get(7)
        path = _token_file(first)
    document = json.loads(path.read_text())
    document["expires_at"] = time.time() + 60  # inside the 5-minute refresh window of a 1-hour token
    _rewrite(path, document)
    with _client(fake, tmp_path) as second:
        second.tests.get(7)
    assert fake.exchanges == 2
    assert json.loads(path.read_text())["expires_at"] > time.time() + 3000  # replaced by the fresh one


def _rewrite(path: Path, document: dict[str, Any] | bytes, mode: int = 0o600) -> None:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    path.write_bytes(data)
    os.chmod(path, mode)


def _stored_then(fake: FakeInspera, tmp_path: Path, spoil: Any, caplog: pytest.LogCaptureFixture) -> Path:
    """Store a token, spoil the file, let a new client (a new process) start, return the file's path."""
    with _client(fake, tmp_path) as first:
        first.tests.get(7)
        path = _token_file(first)
    spoil(path)
    caplog.set_level(logging.WARNING, logger="inspera")
    with _client(fake, tmp_path) as second:
        second.tests.get(7)
    return path


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: _rewrite(p, b"{not json"),
        lambda p: _rewrite(p, b"\x00" * 100),
        lambda p: _rewrite(p, b"[]"),
        lambda p: _rewrite(p, {**json.loads(p.read_text()), "version": 99}),
        lambda p: _rewrite(p, {**json.loads(p.read_text()), "client_id": "someone-else"}),
        lambda p: _rewrite(p, {**json.loads(p.read_text()), "owner": "0" * 64}),  # stored with another API key
        lambda p: _rewrite(p, {**json.loads(p.read_text()), "expires_at": "tomorrow"}),
        lambda p: _rewrite(p, {**json.loads(p.read_text()), "access_token": ""}),
        lambda p: _rewrite(p, b" " * (70 * 1024)),
    ],
    ids=["garbage", "binary", "not-an-object", "version", "client", "owner", "expiry", "empty-token", "oversized"],
)
def test_a_corrupted_token_file_is_ignored_and_replaced(
    fake: FakeInspera, tmp_path: Path, caplog: pytest.LogCaptureFixture, spoil: Any
) -> None:
    path = _stored_then(fake, tmp_path, spoil, caplog)
    assert fake.exchanges == 2
    assert "ignoring the shared token file" in caplog.text
    assert json.loads(path.read_text())["access_token"] in fake.valid  # replaced by a good one
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for token in fake.valid:
        assert token not in caplog.text


def test_a_token_file_others_may_read_is_ignored_and_replaced(
    fake: FakeInspera, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _stored_then(fake, tmp_path, lambda p: os.chmod(p, 0o644), caplog)
    assert fake.exchanges == 2 and "may be read by other users" in caplog.text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_symlink_in_place_of_the_token_file_is_ignored_and_replaced(
    fake: FakeInspera, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    decoy = tmp_path / "decoy.json"

    def plant(path: Path) -> None:
        decoy.write_bytes(path.read_bytes())
        os.chmod(decoy, 0o600)
        path.unlink()
        path.symlink_to(decoy)

    path = _stored_then(fake, tmp_path, plant, caplog)
    assert fake.exchanges == 2 and "cannot be opened" in caplog.text
    assert path.is_file() and not path.is_symlink()


def test_a_token_file_of_another_user_is_ignored_and_replaced(
    fake: FakeInspera, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = os.geteuid() == 0
    with _client(fake, tmp_path) as first:
        first.tests.get(7)
        path = _token_file(first)
    if root:  # root can hand the file to another user for real ...
        os.chown(path, 65534, 65534)
    caplog.set_level(logging.WARNING, logger="inspera")
    with _client(fake, tmp_path) as second:
        if not root:  # ... anyone else makes this process look like another user while it reads the file
            monkeypatch.setattr(shared_dir_module, "_this_uid", lambda: os.geteuid() + 1)
        second.tests.get(7)
        monkeypatch.undo()
    assert fake.exchanges == 2 and "belongs to another user" in caplog.text
    assert path.stat().st_uid == os.geteuid()  # replaced by a file of this user
    assert json.loads(path.read_text())["access_token"] in fake.valid


def test_a_tenant_folder_of_another_user_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_dir_module, "_this_uid", lambda: os.geteuid() + 1)
    with pytest.raises(ConfigurationError, match="belongs to another user"):
        Inspera(CLIENT_ID, API_KEY, base_url="https://foreign-folder.inspera.no/api", shared_dir=tmp_path)


def test_the_shared_dir_comes_from_the_environment_and_must_be_a_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSPERA_SHARED_DIR", str(tmp_path / "from-env"))
    with Inspera(CLIENT_ID, API_KEY, base_url="https://env-shared.inspera.no/api") as client:
        assert client._settings.shared_dir == tmp_path / "from-env"
        assert client._budget.host is not None
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ConfigurationError, match=r"not a directory|cannot be created"):
        Inspera(CLIENT_ID, API_KEY, base_url="https://env-shared.inspera.no/api", shared_dir=tmp_path / "a-file")


def test_without_a_shared_dir_nothing_is_written(
    fake: FakeInspera, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INSPERA_SHARED_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL,
                 http_client=httpx.Client(transport=httpx.MockTransport(fake.handle))) as client:
        client.tests.get(7)
        client.authenticate()
        assert client._token_file is None and client._budget.host is None
    assert list(tmp_path.iterdir()) == []


async def test_async_clients_share_the_token_too(fake: FakeInspera, tmp_path: Path) -> None:
    def make() -> AsyncInspera:
        return AsyncInspera(
            CLIENT_ID, API_KEY, base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(fake.handle)), shared_dir=tmp_path,
        )

    async with make() as first, make() as second:
        await asyncio.gather(first.tests.get(7), second.tests.get(7), first.tests.get(7))
        info = await second.authenticate()  # a forced exchange is stored for the others as well
        assert info.expires_in == 3600
        fake.valid.discard(next(iter(sorted(fake.valid))))  # the first token no longer works
        await first.tests.get(7)
    assert fake.exchanges == 2


def test_the_exchange_waits_for_another_process_holding_the_lock(fake: FakeInspera, tmp_path: Path) -> None:
    with _client(fake, tmp_path) as first:
        first.tests.get(7)
        token_file = first._token_file
        assert token_file is not None
    other = token_file.lock(0)  # another process is exchanging right now
    assert other is not None
    done = threading.Event()

    def run() -> None:
        with _client(fake, tmp_path) as second:
            fake.expire_all()
            second.tests.get(7)
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    assert not done.wait(0.2)  # blocked on the lock, without spinning
    other.release()
    thread.join(WAIT)
    assert done.is_set() and fake.exchanges == 2


# -- slot files ---------------------------------------------------------------------------------------------------
def test_slot_files_are_shared_between_processes(tmp_path: Path) -> None:
    # Two HostSlots on one folder open their own files, so their locks exclude each other as two processes' do.
    mine, theirs = HostSlots(tmp_path, 2), HostSlots(tmp_path, 2)
    held = [theirs.acquire(), theirs.acquire()]
    with pytest.raises(RequestSlotTimeout):
        mine.acquire(timeout=0.1)
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(mine.acquire(timeout=WAIT)))
    waiter.start()
    time.sleep(0.05)
    assert got == []
    theirs.release(held[1])
    waiter.join(WAIT)
    assert got == [held[1]] and mine.held() == 1
    mine.release(got[0])
    theirs.release(held[0])


async def test_async_waiters_get_slot_files_without_blocking_the_loop(tmp_path: Path) -> None:
    mine, theirs = HostSlots(tmp_path, 1), HostSlots(tmp_path, 1)
    held = theirs.acquire()
    task = asyncio.create_task(mine.aacquire(timeout=WAIT))
    ticks = 0
    for _ in range(10):
        await asyncio.sleep(0.005)
        ticks += 1
    assert ticks == 10 and not task.done()
    theirs.release(held)
    assert await task == 0
    mine.release(0)
    # A waiter cancelled while its helper thread is blocked in flock(): the helper's late win is handed back.
    held = theirs.acquire()
    cancelled = asyncio.create_task(mine.aacquire())
    await asyncio.sleep(0.01)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    theirs.release(held)  # mine's helper wins the lock, finds nobody waiting and unlocks it again
    assert await asyncio.to_thread(theirs.acquire, WAIT) == 0
    assert mine.held() == 0
    theirs.release(0)


_HOLDER = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = [sys.argv[2]]
    from pathlib import Path
    from inspera._budget.host_slots import HostSlots
    slots = HostSlots(Path(sys.argv[1]), 2)
    held = [slots.acquire(), slots.acquire()]
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_slots_of_a_killed_process_are_free_at_once(tmp_path: Path) -> None:
    facade = str(Path(__import__("inspera").__file__).parent.parent)
    child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path), facade], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        slots = HostSlots(tmp_path, 2)
        with pytest.raises(RequestSlotTimeout):
            slots.acquire(timeout=0.1)
        got: list[int] = []
        waiter = threading.Thread(target=lambda: got.append(slots.acquire(timeout=WAIT)))
        waiter.start()  # blocked in flock() on both files, not polling
        child.send_signal(signal.SIGKILL)
        child.wait(WAIT)
        waiter.join(WAIT)
        assert len(got) == 1  # the dead process's lock files are left behind, and held by nobody
        assert slots.acquire(timeout=WAIT) in {0, 1} - set(got)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["slot-00.lock", "slot-01.lock"]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
