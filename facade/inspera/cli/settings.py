"""Global options of the CLI, reading secrets from files, and building the `Inspera` client."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .exits import CLIError, remember_secret

if TYPE_CHECKING:
    from inspera import Inspera


def read_secret(path: Path, what: str) -> str:
    """The stripped content of a key or secret file; secrets never come from plain arguments (`ps` shows those)."""
    try:
        value = path.expanduser().read_text(encoding="utf-8").strip()
    except OSError as error:
        raise CLIError(f"cannot read the {what} file {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CLIError(f"the {what} file {path} is not UTF-8 text") from None
    if not value:
        raise CLIError(f"the {what} file {path} is empty")
    return remember_secret(value)


def secret_from(path: Path | None, env: str, what: str, option: str) -> str:
    """A secret from `path` if given, else from the environment variable `env`."""
    if path is not None:
        return read_secret(path, what)
    value = os.environ.get(env, "").strip()
    if not value:
        raise CLIError(f"no {what}: pass {option} or set {env}")
    return remember_secret(value)


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests and embedding callers swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(self.format(record), file=sys.stderr)
        except Exception:
            self.handleError(record)


def configure_logging(debug: bool) -> None:
    """With --debug the `inspera` logger reports every HTTP attempt on stderr (credentials redacted)."""
    if not debug:
        return
    logger = logging.getLogger("inspera")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


@dataclass(frozen=True)
class Settings:
    client_id: str | None
    api_key_file: Path | None
    base_url: str | None

    def api_key(self) -> str:
        return secret_from(self.api_key_file, "INSPERA_API_KEY", "API key", "--api-key-file")

    def client(self) -> Inspera:
        """A client for the configured tenant; raises CLIError (exit 2) when credentials are missing."""
        from inspera import Inspera

        client_id = self.client_id or os.environ.get("INSPERA_CLIENT_ID")
        if not client_id:
            raise CLIError("no client id: pass --client-id or set INSPERA_CLIENT_ID")
        return Inspera(client_id, self.api_key(), base_url=self.base_url or None)
