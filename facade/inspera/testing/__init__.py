"""A stateful local Inspera for tests and sandboxes; the server modules load only when first used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .faults import Faults
    from .simulator import InsperaSimulator
    from .stats import RecordedRequest, SimulatorStats, WebhookDelivery

__all__ = ["Faults", "InsperaSimulator", "RecordedRequest", "SimulatorStats", "WebhookDelivery"]

_HOMES = {
    "InsperaSimulator": "simulator",
    "Faults": "faults",
    "RecordedRequest": "stats",
    "SimulatorStats": "stats",
    "WebhookDelivery": "stats",
}


def __getattr__(name: str) -> Any:
    # Starlette and uvicorn come from the optional `testing` extra; import them only when asked for.
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'inspera.testing' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{home}"), name)
