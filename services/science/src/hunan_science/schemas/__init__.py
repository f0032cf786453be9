"""Request and response bodies of the science API, one module per resource (import from the module)."""
