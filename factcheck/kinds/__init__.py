"""Rule kinds: one module per kind."""
