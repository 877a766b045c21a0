"""The request budget: how many requests may be in flight per tenant, shared by threads, coroutines and processes."""
