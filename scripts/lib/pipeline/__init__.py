"""The spec-to-client pipeline: pull, convert, normalise, validate, generate, format, check."""
