"""The package version: the one place it is written (the build reads it from here into the metadata)."""

__version__ = "0.1.0"
