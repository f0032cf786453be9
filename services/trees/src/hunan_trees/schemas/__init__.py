"""Request and response bodies of the trees API, one module per resource (import from the module)."""
