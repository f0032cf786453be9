"""HTTP routers of the science service, one module per resource."""
