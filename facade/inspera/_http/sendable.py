"""Whether a server-given text can travel as an access token in an `Authorization: Bearer` header."""

from __future__ import annotations

import re

MAX_TOKEN_CHARS = 16 * 1024  # far above any real token, below what HTTP servers accept in one header line
# Visible ASCII only: no space (it would split the credentials), no control character (CR/LF would end the header
# line, which httpx refuses with an error quoting the whole header), no non-ASCII that latin-1 may not carry.
_TOKEN = re.compile(r"[\x21-\x7e]+")


def sendable_token(value: object) -> bool:
    """True when `value` is a non-empty str that can be sent as `Bearer <value>` unchanged."""
    return isinstance(value, str) and 0 < len(value) <= MAX_TOKEN_CHARS and _TOKEN.fullmatch(value) is not None


def sendable_header(value: str) -> bool:
    """True when a configured text (API key, client id) can be sent as a header value: no control characters."""
    return all(" " <= char <= "~" or char == "\t" for char in value)
