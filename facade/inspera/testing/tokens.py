"""Access tokens as Inspera issues them since 2022: signed JWTs (HS256) with `iat` and `exp`, of no fixed length.

Validity is decided by the simulator's own table (monotonic clock, so `expire_tokens()` and fractional lifetimes
work); the claims describe the same lifetime in wall-clock seconds for clients that read them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
from typing import Any

ISSUER = "inspera-simulator"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_jwt(claims: dict[str, Any], key: bytes) -> str:
    """header.payload.signature, each part base64url without padding, signed with HMAC-SHA256."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
    signature = hmac.new(key, f"{header}.{payload}".encode("ascii"), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"


def decode_jwt(token: str, key: bytes) -> dict[str, Any] | None:
    """The claims of a token signed with `key`; None when it is malformed or the signature does not match."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    header, payload, signature = parts
    expected = hmac.new(key, f"{header}.{payload}".encode("ascii", "replace"), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_unb64url(signature), expected):
            return None
        claims = json.loads(_unb64url(payload))
    except ValueError:
        return None
    return claims if isinstance(claims, dict) else None


class Tokens:
    """Issued access tokens and when each stops working (monotonic clock)."""

    def __init__(self, lifetime: float, *, subject: str, audience: str) -> None:
        self._lifetime = lifetime
        self._subject = subject
        self._audience = audience
        self._key = secrets.token_bytes(32)
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def expires_in(self) -> int:
        return math.ceil(self._lifetime)

    def issue(self) -> str:
        now = time.time()
        claims = {
            "iss": ISSUER,
            "sub": self._subject,
            "aud": self._audience,
            "iat": int(now),
            "exp": math.ceil(now + self._lifetime),
            "jti": secrets.token_hex(12),
        }
        token = encode_jwt(claims, self._key)
        with self._lock:
            self._expiry[token] = time.monotonic() + self._lifetime
        return token

    def claims(self, token: str) -> dict[str, Any] | None:
        """The claims of a token this simulator signed (valid or not); None for anything else."""
        return decode_jwt(token, self._key)

    def expiry(self, token: str) -> float | None:
        """When a still-valid token expires; None if it is unknown or already expired."""
        with self._lock:
            expires_at = self._expiry.get(token)
        if expires_at is None or time.monotonic() >= expires_at:
            return None
        return expires_at

    def issued(self) -> list[str]:
        """Every token handed out so far, expired ones included."""
        with self._lock:
            return list(self._expiry)

    def expire_all(self) -> None:
        with self._lock:
            now = time.monotonic()
            for token in self._expiry:
                self._expiry[token] = min(self._expiry[token], now)
