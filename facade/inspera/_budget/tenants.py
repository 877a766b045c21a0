"""One request budget per tenant (and shared directory) in this process: the registry every client draws from."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from urllib.parse import urlsplit

from .budget import Budget

_registry: weakref.WeakValueDictionary[tuple[str, str | None], Budget] = weakref.WeakValueDictionary()
_registry_lock = threading.Lock()


def tenant_key(base_url: str) -> str:
    """The origin of an API root, normalised: `https://uni.inspera.no:443`."""
    parts = urlsplit(base_url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if scheme == "https" else 80)
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def budget_for(base_url: str, maximum: int, shared_dir: Path | None = None) -> Budget:
    """The budget every client of this tenant (and shared directory) in this process draws from; call `attach`.

    Clients asking for different maxima share one budget whose ceiling is the smallest among the open ones. Clients
    of one tenant that name different shared directories (or none) get separate budgets: use one setting per
    process (INSPERA_SHARED_DIR does that).
    """
    origin = tenant_key(base_url)
    key = (origin, None if shared_dir is None else str(shared_dir))
    with _registry_lock:
        budget = _registry.get(key)
        if budget is None:
            host = None
            if shared_dir is not None:
                # Loaded only for a shared directory, so that `import inspera` does not load the file locks.
                from .host_slots import HostSlots
                from .shared_dir import tenant_directory

                host = HostSlots(tenant_directory(shared_dir, origin), maximum)
            budget = Budget(maximum, host=host)
            _registry[key] = budget
        return budget
