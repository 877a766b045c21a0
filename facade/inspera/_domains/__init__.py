"""Domain namespaces (`tests`, `users`, `results`, `webhooks`), each declared once for both clients."""
