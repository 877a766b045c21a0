"""The shared directory (`shared_dir=` / INSPERA_SHARED_DIR): where the processes of one host meet.

One private folder per tenant holds the request slots and, per API user, the access token:

    <shared_dir>/<host>-<port>-<hash>/slot-00.lock ...         request slots (`inspera._budget.host_slots`)
    <shared_dir>/<host>-<port>-<hash>/token-<client>-<hash>.json   the current access token, mode 0600
    <shared_dir>/<host>-<port>-<hash>/token-<client>-<hash>.lock   held while one process exchanges the key

The tenant folder is created 0700 and must belong to this user. A token file is trusted only if it is a regular
file (no symlink) of this user that nobody else may read, holds well-formed JSON for this tenant and client, and
was written by a process holding the same API key (an HMAC of the key, never the key, is stored to tell). Anything
else is ignored with a warning and replaced by the next exchange: written to a temporary 0600 file, then renamed
over the old one. The token itself is never logged. Without `shared_dir` none of this exists and nothing touches
the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError
from . import flock as _flock

log = logging.getLogger("inspera")

FORMAT = "inspera-client shared token"
VERSION = 1
MAX_TOKEN_FILE = 64 * 1024


def _this_uid() -> int:
    return os.geteuid()


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)[:40]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def prepare(shared_dir: str | os.PathLike[str]) -> Path:
    """The shared directory as an absolute path, created (0700) if missing; ConfigurationError if unusable."""
    if not _flock.AVAILABLE:
        raise ConfigurationError("shared_dir needs POSIX file locks (fcntl); it is not supported on this platform")
    path = Path(shared_dir).expanduser().absolute()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(f"shared_dir {str(path)!r} cannot be created: {error.strerror}") from None
    if not path.is_dir():
        raise ConfigurationError(f"shared_dir {str(path)!r} is not a directory")
    return path


def tenant_directory(shared_dir: Path, origin: str) -> Path:
    """The private folder of one tenant inside the shared directory."""
    host_port = origin.split("://", 1)[-1]
    folder = shared_dir / f"{_safe_name(host_port.replace(':', '-'))}-{_digest(origin)}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError as error:
        raise ConfigurationError(f"shared_dir folder {str(folder)!r} cannot be created: {error.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ConfigurationError(f"shared_dir entry {str(folder)!r} is not a directory")
    if info.st_uid != _this_uid():
        raise ConfigurationError(f"shared_dir folder {str(folder)!r} belongs to another user")
    if info.st_mode & 0o077:
        os.chmod(folder, 0o700)
    return folder


@dataclass(frozen=True)
class SharedToken:
    """An access token as processes share it: its lifetime and when (wall clock, epoch seconds) it expires."""

    value: str = field(repr=False)
    expires_in: float
    expires_at: float


class TokenFile:
    """The shared token of one API user of one tenant, and the lock that makes its exchange single-flight."""

    def __init__(self, directory: Path, *, origin: str, client_id: str, api_key: str) -> None:
        stem = f"token-{_safe_name(client_id)}-{_digest(client_id)}"
        self.path = directory / f"{stem}.json"
        self.lock_path = directory / f"{stem}.lock"
        self._origin = origin
        self._client_id = client_id
        self._owner = hmac.new(api_key.encode(), b"inspera-client shared token owner", hashlib.sha256).hexdigest()

    def __repr__(self) -> str:
        return f"TokenFile({str(self.path)!r})"

    def read(self) -> SharedToken | None:
        """The token another process stored, or None (missing, untrustworthy or malformed: never raises)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return None
        except OSError as error:
            self._ignore(f"cannot be opened ({error.strerror})")
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                self._ignore("is not a regular file")
                return None
            if info.st_uid != _this_uid():
                self._ignore("belongs to another user")
                return None
            if info.st_mode & 0o077:
                self._ignore("may be read by other users")
                return None
            raw = os.read(fd, MAX_TOKEN_FILE + 1)
        except OSError as error:
            self._ignore(f"cannot be read ({error.strerror})")
            return None
        finally:
            os.close(fd)
        token = self._parse(raw)
        if token is None:
            self._ignore("is not a token file of this client")
        return token

    def _parse(self, raw: bytes) -> SharedToken | None:
        if len(raw) > MAX_TOKEN_FILE:
            return None
        try:
            data: Any = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            return None
        if data.get("tenant") != self._origin or data.get("client_id") != self._client_id:
            return None
        owner = data.get("owner")
        if not isinstance(owner, str) or not hmac.compare_digest(owner, self._owner):
            return None
        value, expires_in, expires_at = data.get("access_token"), data.get("expires_in"), data.get("expires_at")
        if not isinstance(value, str) or not value or len(value) > 16 * 1024:
            return None
        numbers = (expires_in, expires_at)
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
            return None
        assert isinstance(expires_in, int | float) and isinstance(expires_at, int | float)
        if not 0 < expires_in < 10**7 or not 0 < expires_at < 10**11:
            return None
        return SharedToken(value, float(expires_in), float(expires_at))

    def _ignore(self, why: str) -> None:
        log.warning("ignoring the shared token file %s: it %s; it will be replaced", self.path, why)

    def write(self, token: SharedToken) -> None:
        """Store `token` for the other processes (atomically, 0600); a failure only costs them an exchange."""
        document = {
            "format": FORMAT,
            "version": VERSION,
            "tenant": self._origin,
            "client_id": self._client_id,
            "owner": self._owner,
            "access_token": token.value,
            "expires_in": token.expires_in,
            "expires_at": token.expires_at,
        }
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(temporary, flags, 0o600)
            try:
                os.fchmod(fd, 0o600)
                os.write(fd, json.dumps(document).encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("could not store the shared token in %s (%s); other processes will exchange their own",
                        self.path, error.strerror)
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def lock(self, timeout: float | None) -> _flock.HeldLock | None:
        """Hold the exchange lock (None if another process kept it `timeout` seconds)."""
        return _flock.acquire(self.lock_path, timeout)

    async def alock(self, timeout: float | None) -> _flock.HeldLock | None:
        return await _flock.aacquire(self.lock_path, timeout)
