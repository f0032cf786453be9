"""Request and response bodies of the disability API, one module per resource (import from the module)."""
