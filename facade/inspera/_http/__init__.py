"""The HTTP seam: transports with the budget and retries, failure classification, size caps, deadlines, redaction."""
