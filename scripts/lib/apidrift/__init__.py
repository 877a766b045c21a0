"""API drift: compare two vendor documents as the generated client sees them and classify each change."""
