"""Redact signed download URLs so signatures never reach logs, reprs or exception messages."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_MASK = "REDACTED"


def redact_url(url: str, limit: int = 300) -> str:
    """Keep scheme, host and path; replace every query value (and any userinfo) with a mask; at most `limit`
    characters (a hostile URL may be enormous)."""
    text = _redacted(url)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _redacted(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]  # host[:port], without any userinfo
    query = urlencode([(name, _MASK) for name, _ in parse_qsl(parts.query, keep_blank_values=True)], safe=_MASK)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
