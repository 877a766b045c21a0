"""Contract runs: schemathesis against a running simulator, configured from the spec."""
