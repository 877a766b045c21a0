"""Typed client for the Inspera Assessment REST API."""
