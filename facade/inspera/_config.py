"""Client settings: explicit arguments, else INSPERA_* environment variables, validated once."""

from __future__ import annotations

import ipaddress
import math
import os
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

import httpx

from ._budget.budget import DEFAULT_MAX_CONCURRENCY
from ._http.capped import DEFAULT_MAX_RESPONSE_BYTES
from ._http.retry import DEFAULT_LIMIT_WAIT
from ._http.sendable import sendable_header
from .errors import ConfigurationError

if TYPE_CHECKING:
    from ._budget.shared_dir import TokenFile

# A number bounds connecting, reading and writing. Waiting for a request slot (or a pooled connection) is bounded only
# by an explicit httpx.Timeout(pool=...): a queued call is not a stuck one, since every call ahead of it is bounded.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0, pool=None)
DEFAULT_MAX_RETRIES = 2

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    client_id: str
    api_key: str = field(repr=False)
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    verify: ssl.SSLContext | str | bool
    proxy: str | None
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    shared_dir: Path | None = None
    limit_wait: float | None = DEFAULT_LIMIT_WAIT
    max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES
    allow_insecure_downloads: bool = False

    @property
    def token_url(self) -> str:
        return self.base_url + "/authenticate/token/"

    def __repr__(self) -> str:
        return (
            f"Settings(client_id={self.client_id!r}, base_url={self.base_url!r}, max_retries={self.max_retries}, "
            f"max_concurrency={self.max_concurrency})"
        )


def resolve(
    client_id: str | None,
    api_key: str | None,
    *,
    base_url: str | None,
    domain: str,
    timeout: object,
    max_retries: object,
    verify: ssl.SSLContext | str | bool,
    proxy: str | None,
    max_concurrency: int | None = None,
    shared_dir: str | os.PathLike[str] | None = None,
    limit_wait: float | None = DEFAULT_LIMIT_WAIT,
    max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
    allow_insecure_downloads: bool = False,
) -> Settings:
    """Fill gaps from INSPERA_CLIENT_ID / INSPERA_API_KEY / INSPERA_BASE_URL / INSPERA_MAX_CONCURRENCY /
    INSPERA_SHARED_DIR and validate the result."""
    client_id = client_id or os.environ.get("INSPERA_CLIENT_ID") or None
    api_key = api_key or os.environ.get("INSPERA_API_KEY") or None
    base_url = base_url or os.environ.get("INSPERA_BASE_URL") or None
    if not client_id:
        raise ConfigurationError("no client id: pass client_id= or set INSPERA_CLIENT_ID")
    if not api_key:
        raise ConfigurationError("no API key: pass api_key= or set INSPERA_API_KEY")
    for name, value in (("client id", client_id), ("API key", api_key)):
        # Both travel as header values of the token exchange; httpx would refuse them with an error quoting them.
        if not isinstance(value, str) or not sendable_header(value):
            raise ConfigurationError(
                f"the {name} contains a control character (a trailing newline from a file?) and cannot be sent"
            )
    if base_url is None:
        base_url = f"https://{client_id}.{domain}/api"
    if limit_wait is not None and not _limit_wait(limit_wait):
        raise ConfigurationError(
            f"limit_wait must be 0 or more seconds, or None to wait until a call succeeds, got {limit_wait!r}"
        )
    if not isinstance(allow_insecure_downloads, bool):
        raise ConfigurationError(f"allow_insecure_downloads must be True or False, got {allow_insecure_downloads!r}")
    return Settings(
        client_id=client_id,
        api_key=api_key,
        base_url=check_base_url(base_url),
        timeout=check_timeout(timeout),
        max_retries=check_max_retries(max_retries),
        verify=verify,
        proxy=proxy,
        max_concurrency=_max_concurrency(max_concurrency),
        shared_dir=_shared_dir(shared_dir),
        limit_wait=limit_wait,
        max_response_bytes=check_max_response_bytes(max_response_bytes),
        allow_insecure_downloads=allow_insecure_downloads,
    )


def check_timeout(timeout: object) -> httpx.Timeout:
    """`timeout=` as an httpx.Timeout: None means the default; a number is seconds to connect, read and write.

    A number leaves the pool (request slot) wait unbounded, as in the default; only an explicit httpx.Timeout(pool=)
    bounds it.
    """
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        phases = {"connect": timeout.connect, "read": timeout.read, "write": timeout.write, "pool": timeout.pool}
        for phase, value in phases.items():
            if value is not None and not _seconds(value):
                raise ConfigurationError(f"timeout: the {phase} timeout must be seconds (>= 0), got {value!r}")
        return timeout
    if not _seconds(timeout):
        raise ConfigurationError(
            f"timeout must be seconds (a number >= 0) or an httpx.Timeout, got {type(timeout).__name__} {timeout!r}"
        )
    return httpx.Timeout(float(timeout), pool=None)  # type: ignore[arg-type]  # _seconds checked it is a number


def _seconds(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def _limit_wait(value: object) -> bool:
    # Like _seconds, but infinity is allowed (it means what None means: wait until the call succeeds).
    return isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value) and value >= 0


def check_max_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}")
    return max_retries


def check_max_response_bytes(value: object) -> int | None:
    """A cap on the decoded size of an API answer: a whole number of bytes >= 1, or None for no cap."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_response_bytes must be a whole number of bytes >= 1, or None, got {value!r}")
    return value


def check_http_client(client: object, expected: type, other: type, owner: str, other_owner: str) -> None:
    """Refuse an `http_client` of the wrong kind up front, instead of failing on the first request."""
    if client is None or isinstance(client, expected):
        return
    if isinstance(client, other):
        raise ConfigurationError(
            f"{owner} needs an {expected.__module__}.{expected.__name__} as http_client; "
            f"pass an {other.__module__}.{other.__name__} to {other_owner} instead"
        )
    raise ConfigurationError(
        f"http_client must be an {expected.__module__}.{expected.__name__}, got {type(client).__name__}"
    )


def build_transport(factory: type[T], **options: object) -> T:
    """An httpx transport whose network streams honour overall deadlines (`inspera._http.deadline`); bad
    `verify`/`proxy` values (a missing CA file, an unusable proxy URL) are reported as ConfigurationError at
    construction rather than at the first request."""
    from ._http.deadline_net import install

    try:
        transport = factory(**options)
    except (OSError, ValueError, TypeError, ssl.SSLError, httpx.InvalidURL) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise ConfigurationError(f"cannot set up the HTTP transport ({type(error).__name__}: {detail})") from error
    install(transport)
    return transport


def _max_concurrency(value: int | None) -> int:
    if value is None:
        text = os.environ.get("INSPERA_MAX_CONCURRENCY", "").strip()
        if not text:
            return DEFAULT_MAX_CONCURRENCY
        try:
            value = int(text)
        except ValueError:
            raise ConfigurationError(f"INSPERA_MAX_CONCURRENCY must be a whole number, got {text!r}") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_concurrency must be a whole number of at least 1, got {value!r}")
    return value


def _shared_dir(value: str | os.PathLike[str] | None) -> Path | None:
    if value is None:
        value = os.environ.get("INSPERA_SHARED_DIR") or None
    if value is None or not str(value).strip():
        return None
    from ._budget.shared_dir import prepare

    return prepare(value)


def check_base_url(url: str) -> str:
    """Normalise the API root (no trailing slash); refuse plain http except to loopback hosts."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"base_url must be an absolute http(s) URL, got {url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        httpx.URL(url.strip())  # control characters, an over-long URL
    except (ValueError, httpx.InvalidURL) as error:
        raise ConfigurationError(f"base_url is not a usable URL ({error})") from None
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError("base_url must not carry a query, fragment or credentials")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigurationError(f"refusing plain http:// to {parts.hostname}: the API key would travel unencrypted")
    return url.strip().rstrip("/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_file(settings: Settings) -> TokenFile | None:
    """Where processes sharing `settings.shared_dir` keep this API user's token; None without a shared directory."""
    if settings.shared_dir is None:
        return None
    from ._budget.shared_dir import TokenFile, tenant_directory
    from ._budget.tenants import tenant_key

    origin = tenant_key(settings.base_url)
    return TokenFile(
        tenant_directory(settings.shared_dir, origin), origin=origin, client_id=settings.client_id,
        api_key=settings.api_key,
    )
