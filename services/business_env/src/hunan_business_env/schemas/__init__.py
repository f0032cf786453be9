"""Request and response bodies of the business_env API, one module per resource (import from the module)."""
