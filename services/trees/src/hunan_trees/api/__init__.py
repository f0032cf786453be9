"""HTTP routers of the trees service, one module per resource."""
