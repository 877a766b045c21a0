"""Redaction of secrets (API key, tokens, signed-URL signatures) from URLs and log records."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "REDACTED"

# Query parameters whose values are credentials: S3/CloudFront signatures, OAuth codes and tokens.
_SECRET_PARAMS = frozenset(
    {
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
        "signature",
        "sig",
        "code",
        "access_token",
        "token",
        "key",
        "api_key",
        "policy",
    }
)
_SECRET_QUERY = re.compile(
    r"(?i)\b(x-amz-signature|x-amz-credential|x-amz-security-token|signature|access_token)=[^&\s\"']+"
)


def redact_url(url: object) -> str:
    """The URL as text with the values of credential-bearing query parameters replaced."""
    text = str(url)
    parts = urlsplit(text)
    if not parts.query:
        return text
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    cleaned = [(name, REDACTED if name.lower() in _SECRET_PARAMS else value) for name, value in pairs]
    return urlunsplit(parts._replace(query=urlencode(cleaned, safe="{}")))


def redact_text(text: str) -> str:
    """Free text with any signature-like query assignments masked (for messages that embed URLs)."""
    return _SECRET_QUERY.sub(lambda match: f"{match.group(1)}={REDACTED}", text)


class _SignedURLFilter(logging.Filter):
    """Masks signed-URL credentials in records of libraries that log full URLs (httpx logs every request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_clean_arg(arg) for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = redact_text(record.msg)
        return True


def _clean_arg(arg: Any) -> Any:
    if isinstance(arg, str):
        return redact_text(arg)
    if type(arg).__name__ == "URL":
        return redact_url(arg)
    return arg


_installed = False


def install_library_filters() -> None:
    """Attach the signed-URL filter to the httpx logger once per process."""
    global _installed
    if _installed:
        return
    _installed = True
    logging.getLogger("httpx").addFilter(_SignedURLFilter())
