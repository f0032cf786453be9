"""HTTP routers of the business_env service, one module per resource."""
