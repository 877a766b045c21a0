"""Atomic output: publish on success, leave nothing behind on failure, never clobber by accident."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspera.exports.atomic import AtomicFile, check_target
from inspera.exports.errors import DownloadTargetError


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


def test_commit_publishes_and_restarts_are_clean(tmp_path: Path) -> None:
    target = check_target(tmp_path / "out.json", overwrite=False)
    with AtomicFile(target, overwrite=False) as sink:
        sink.begin()
        sink.write(b"partial garbage")
        sink.begin()
        sink.write(b'{"ok": ')
        sink.write(b"true}")
        sink.sync()
        assert sink.commit() == target
    assert target.read_bytes() == b'{"ok": true}'
    assert leftovers(tmp_path) == []


def test_failure_leaves_no_temp_file_and_keeps_existing_target(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    with pytest.raises(RuntimeError), AtomicFile(target, overwrite=True) as sink:
        sink.write(b"half")
        raise RuntimeError("connection gone")
    assert target.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_overwrite_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with AtomicFile(check_target(target, overwrite=True), overwrite=True) as sink:
        sink.write(b"new")
        sink.sync()
        sink.commit()
    assert target.read_text() == "new"


def test_existing_target_without_overwrite_is_refused_up_front(tmp_path: Path) -> None:
    (tmp_path / "out.json").write_text("old")
    with pytest.raises(DownloadTargetError, match="exists"):
        check_target(tmp_path / "out.json", overwrite=False)
    with pytest.raises(DownloadTargetError, match="directory"):
        check_target(tmp_path, overwrite=True)


def test_target_appearing_during_download_is_not_clobbered(tmp_path: Path) -> None:
    target = check_target(tmp_path / "out.json", overwrite=False)
    with pytest.raises(DownloadTargetError, match="appeared"), AtomicFile(target, overwrite=False) as sink:
        sink.write(b"ours")
        sink.sync()
        target.write_text("theirs")
        sink.commit()
    assert target.read_text() == "theirs"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["missing/dir/out.json", "afile/out.json"])
def test_unusable_directories_raise_typed_errors(tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(DownloadTargetError):
        check_target(tmp_path / where, overwrite=False)


def test_unwritable_directory_raises_typed_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("inspera.exports.atomic.tempfile.mkstemp", denied)
    with pytest.raises(DownloadTargetError, match="Permission denied"):
        AtomicFile(tmp_path / "out.json", overwrite=False)


def test_a_full_disk_is_a_typed_error_and_leaves_nothing(tmp_path: Path) -> None:
    import errno

    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    class Full:
        closed = False

        def write(self, chunk: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self) -> None:
            self.closed = True

    full = pytest.raises(DownloadTargetError, match="No space left on device")
    with full, AtomicFile(target, overwrite=True) as sink:
        sink._file.close()
        sink._file = Full()  # type: ignore[assignment]
        sink.write(b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"] and target.read_bytes() == b"old"
