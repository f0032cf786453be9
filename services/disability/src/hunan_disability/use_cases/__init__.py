"""Service layer of the disability service, one module per resource (functions taking a UnitOfWork or a Session)."""
