"""Domain namespaces (`tests`, `users`, `webhooks`), each declared once for both clients."""
