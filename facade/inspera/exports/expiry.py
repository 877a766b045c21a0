"""The lifetime of an export's pre-signed URL (`expiryPeriod`): seconds or a timedelta, checked before any request.

Inspera documents `expiryPeriod` on every asynchronous export in seconds: default 3600, at least 300, at most 86400.
"""

from __future__ import annotations

import math
from datetime import timedelta

from inspera.errors import InvalidArgumentError

MIN_EXPIRY = 300
MAX_EXPIRY = 86_400
DEFAULT_EXPIRY = 3_600

Expiry = float | timedelta


def expiry_seconds(expiry: Expiry | None) -> int | None:
    """Whole seconds for `expiryPeriod`, or None to leave Inspera's default; InvalidArgumentError when out of range."""
    if expiry is None:
        return None
    if isinstance(expiry, timedelta):
        seconds = expiry.total_seconds()
    elif isinstance(expiry, int | float) and not isinstance(expiry, bool):
        seconds = float(expiry)
    else:
        raise InvalidArgumentError(f"expiry must be seconds or a timedelta, not {type(expiry).__name__}")
    if not math.isfinite(seconds) or seconds != int(seconds):
        raise InvalidArgumentError(f"expiry must be a whole number of seconds, got {seconds:g}")
    if not MIN_EXPIRY <= seconds <= MAX_EXPIRY:
        hint = " (expiry is in seconds: 24 hours is 86400 or timedelta(hours=24))" if 0 < seconds <= 24 else ""
        raise InvalidArgumentError(
            f"expiry must be between {MIN_EXPIRY} s (5 minutes) and {MAX_EXPIRY} s (24 hours), got {seconds:g} s"
            + hint
        )
    return int(seconds)
