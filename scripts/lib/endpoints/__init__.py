"""The endpoint-coverage reference: which operations exist, how to call them, and how sure we are of each."""
