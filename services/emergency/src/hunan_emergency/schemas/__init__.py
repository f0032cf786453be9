"""Request and response bodies of the emergency API, one module per resource; import from the module."""
