"""Hypothesis settings for the hardening property tests: few examples, fixed seed, no deadline, no database.

`derandomize=True` makes every run draw the same examples, so the suite cannot flake; the unit tests elsewhere
keep hypothesis' random exploration.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def bounded(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
