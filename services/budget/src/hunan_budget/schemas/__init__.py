"""Request and response bodies of the budget API, one module per resource (import from the module)."""
