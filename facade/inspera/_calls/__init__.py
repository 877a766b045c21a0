"""Calling the generated endpoints: the one call seam, strict request bodies, optional fields, the spec document."""
