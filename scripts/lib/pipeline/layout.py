"""Where the pipeline reads and writes: the data tree (openapi/, generated/) and the tool tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]

UPSTREAM_STEM = "upstream"
NORMALISED_NAME = "openapi.json"
NAMES_NAME = "names.toml"
GENERATOR_CONFIG_NAME = "generator.yaml"
MANIFEST_NAME = "manifest.json"
PACKAGE_NAME = "inspera_api"


@dataclass(frozen=True)
class Layout:
    """Paths of one checkout; tests point `root` at a copy so the real tree is never touched."""

    root: Path = REPO_ROOT
    tools_root: Path = REPO_ROOT

    @property
    def openapi_dir(self) -> Path:
        return self.root / "openapi"

    @property
    def normalised(self) -> Path:
        return self.openapi_dir / NORMALISED_NAME

    @property
    def names(self) -> Path:
        return self.openapi_dir / NAMES_NAME

    @property
    def generator_config(self) -> Path:
        return self.openapi_dir / GENERATOR_CONFIG_NAME

    @property
    def manifest(self) -> Path:
        return self.openapi_dir / MANIFEST_NAME

    @property
    def generated_package(self) -> Path:
        return self.root / "generated" / PACKAGE_NAME

    def upstream(self) -> Path:
        """The committed upstream snapshot (JSON or YAML, whichever was pulled)."""
        found = sorted(self.openapi_dir.glob(f"{UPSTREAM_STEM}.*"))
        found = [p for p in found if p.suffix in {".json", ".yaml", ".yml"}]
        if len(found) != 1:
            from .errors import SpecError

            raise SpecError(f"expected exactly one {UPSTREAM_STEM}.json|yaml in {self.openapi_dir}, found {len(found)}")
        return found[0]

    @property
    def swagger2openapi(self) -> Path:
        return self.tools_root / "node_modules" / "swagger2openapi" / "swagger2openapi.js"
