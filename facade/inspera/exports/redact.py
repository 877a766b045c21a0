"""Redact signed download URLs so signatures never reach logs, reprs or exception messages."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_MASK = "REDACTED"


def redact_url(url: str) -> str:
    """Keep scheme, host and path; replace every query value (and any userinfo) with a mask."""
    try:
        parts = urlsplit(url)
        netloc = parts.hostname or ""
        if parts.port is not None:
            netloc = f"{netloc}:{parts.port}"
    except ValueError:
        return "<unparseable URL>"
    query = urlencode([(name, _MASK) for name, _ in parse_qsl(parts.query, keep_blank_values=True)], safe=_MASK)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
