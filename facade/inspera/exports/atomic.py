"""Atomic file output: a temp file in the target directory, fsynced and renamed, never clobbering by accident."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from types import TracebackType

from inspera.exports.errors import DownloadTargetError

# Filesystems without hard links answer these; we then fall back to check-then-rename.
_NO_LINK = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def check_target(path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Validate a download target before any network call; returns the absolute path."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise DownloadTargetError(f"download target {target} is a directory")
    if not overwrite and os.path.lexists(target):
        raise DownloadTargetError(f"download target {target} exists; pass overwrite=True to replace it")
    if not target.parent.is_dir():
        raise DownloadTargetError(f"download directory {target.parent} does not exist or is not a directory")
    return target


class AtomicFile:
    """Bytes go to `.<name>.<random>.part` next to the target; `commit()` publishes them, anything else removes them."""

    def __init__(self, target: Path, *, overwrite: bool) -> None:
        self.target = target
        self.overwrite = overwrite
        self.size = 0
        try:
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        except OSError as exc:
            raise DownloadTargetError(f"cannot write in {target.parent}: {exc.strerror or exc}") from None
        self.temp_path = Path(temp)
        self._file = os.fdopen(fd, "wb")

    def begin(self) -> None:
        """Start (or restart) the content from empty, e.g. for a retry after a dropped connection."""
        try:
            self._file.seek(0)
            self._file.truncate()
        except OSError as exc:
            raise self._cannot_write(exc) from None
        self.size = 0

    def write(self, chunk: bytes) -> None:
        try:
            self._file.write(chunk)
        except OSError as exc:  # a full disk, a quota, an I/O error
            raise self._cannot_write(exc) from None
        self.size += len(chunk)

    def sync(self) -> None:
        """Flush and fsync the content (call before commit; separate so async drivers can run it off-loop)."""
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            raise self._cannot_write(exc) from None

    def _cannot_write(self, exc: OSError) -> DownloadTargetError:
        return DownloadTargetError(f"cannot write {self.target}: {exc.strerror or exc}")

    def commit(self) -> Path:
        """Publish the synced temp file under the target name."""
        self._file.close()
        try:
            if self.overwrite:
                os.replace(self.temp_path, self.target)
            else:
                self._publish_without_clobbering()
        except DownloadTargetError:
            raise
        except OSError as exc:
            raise DownloadTargetError(f"cannot publish {self.target}: {exc.strerror or exc}") from None
        finally:
            self.temp_path.unlink(missing_ok=True)
        _sync_directory(self.target.parent)
        return self.target

    def _publish_without_clobbering(self) -> None:
        try:
            os.link(self.temp_path, self.target)
        except FileExistsError:
            raise self._appeared() from None
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            if os.path.lexists(self.target):
                raise self._appeared() from None
            os.replace(self.temp_path, self.target)

    def _appeared(self) -> DownloadTargetError:
        return DownloadTargetError(f"download target {self.target} appeared meanwhile; not replacing it")

    def abort(self) -> None:
        """Drop the temp file; the target is left exactly as it was."""
        with contextlib.suppress(OSError):
            self._file.close()
        self.temp_path.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None or not self._file.closed:
            self.abort()


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); silently skipped where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
