"""Redaction of secrets: query values of URLs (deny by default), and the client's own secrets in vendor texts.

- `redact_url` / `redact_query` / `redact_text` mask every query value whose name is not known to be harmless (the
  API's own query parameters and the non-secret fields of signed URLs), so a signature is masked whatever the
  storage service calls it (`X-Amz-Signature`, `X-Goog-Signature`, `sig`, `token`, an Azure SAS `sv`/`sig` set).
- `scrub(text, secrets)` replaces every secret the client holds (API key, access tokens, signed-URL values) in text
  a server sent — an error description that echoes the request, a reason phrase — before it reaches a message.
- `install_library_filters` attaches the filter to the loggers of httpx and httpcore, which log request lines,
  reason phrases, response headers (a redirect's `Location`) and parser errors quoting the answer at INFO/DEBUG,
  and to this package's own loggers: query values are masked and so is every secret a live client holds
  (clients register with `hold`).
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

REDACTED = "REDACTED"

# Query parameters whose values are known not to be credentials; every other value is masked.
HARMLESS_PARAMS = frozenset(
    {
        # The Inspera API's own query parameters (openapi/openapi.json; a test keeps the two in step).
        "b64encodedexternaltestid", "client_id", "expiryperiod", "externalsystem", "externaltestid", "grant_type",
        "includestudent", "isexternal", "query", "title",
        # The parts of S3 and Google Cloud Storage signed URLs that say how and when, not who.
        "x-amz-algorithm", "x-amz-date", "x-amz-expires", "x-amz-signedheaders",
        "x-goog-algorithm", "x-goog-date", "x-goog-expires", "x-goog-signedheaders",
    }
)
_PAIR = re.compile(r"(?<=[?&])([^=&\s'\"<>#?]+)=([^&\s'\"<>#]*)")
_USERINFO = re.compile(r"(?<=://)[^/\s@'\"<>]+@")


def _masked(name: str, value: str) -> str:
    return value if name.lower() in HARMLESS_PARAMS else REDACTED


def redact_query(query: str) -> str:
    """A query string (`a=1&b=2`) with every value not known to be harmless masked."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(name, _masked(name, value)) for name, value in pairs], safe="{}")


def redact_url(url: object) -> str:
    """The URL as text with userinfo and every query value not known to be harmless masked."""
    text = str(url)
    parts = urlsplit(text)
    if not parts.query and "@" not in parts.netloc:
        return text
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if netloc != parts.netloc:
        netloc = f"{REDACTED}@{netloc}"
    return urlunsplit(parts._replace(netloc=netloc, query=redact_query(parts.query) if parts.query else ""))


def redact_text(text: str) -> str:
    """Free text with query values inside it (absolute or relative URLs, `?a=b&c=d`) and URL userinfo masked."""
    if "=" in text:
        text = _PAIR.sub(lambda m: f"{m.group(1)}={_masked(m.group(1), m.group(2))}", text)
    if "@" in text:
        text = _USERINFO.sub(f"{REDACTED}@", text)
    return text


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret in `secrets` (and its percent-encoded form) replaced by REDACTED."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        for form in {secret, quote(secret, safe="")}:
            if form in text:
                text = text.replace(form, REDACTED)
    return text


class SecretHolder:
    """What a client registers with `hold`: an object that can list the secrets it holds now."""

    def secrets(self) -> Iterable[str]:
        raise NotImplementedError


_holders: weakref.WeakSet[SecretHolder] = weakref.WeakSet()


def hold(holder: SecretHolder) -> None:
    """Have the log filters mask `holder`'s secrets for as long as it lives."""
    _holders.add(holder)


def held_secrets() -> set[str]:
    """Every secret of every live holder (API keys, recent access tokens)."""
    found: set[str] = set()
    for holder in list(_holders):
        found.update(holder.secrets())
    return found


class _SignedURLFilter(logging.Filter):
    """Masks query values and the clients' secrets in log records (httpx, httpcore and this package's loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = held_secrets() if _holders else set()
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_clean_arg(arg, secrets) for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = _clean_text(record.msg, secrets)
        return True


def _clean_text(text: str, secrets: set[str]) -> str:
    text = redact_text(text)
    return scrub(text, secrets) if secrets else text


def _clean_arg(arg: Any, secrets: set[str]) -> Any:
    if isinstance(arg, str):
        return _clean_text(arg, secrets)
    if type(arg).__name__ == "URL":
        return _clean_text(redact_url(arg), secrets)
    if isinstance(arg, bytes | bytearray):
        return _clean_text(repr(bytes(arg)), secrets)
    return arg


# httpcore logs through one logger per module; a filter on a parent logger would not see their records.
LIBRARY_LOGGERS = (
    "inspera",
    "inspera.exports",
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
_installed = False


def install_library_filters() -> None:
    """Attach the filter to the loggers of httpx, httpcore and this package once per process."""
    global _installed
    if _installed:
        return
    _installed = True
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).addFilter(_SignedURLFilter())
