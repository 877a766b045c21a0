"""The token: the key-for-token exchange, its single-flight refresh, and the bearer header on every request."""
