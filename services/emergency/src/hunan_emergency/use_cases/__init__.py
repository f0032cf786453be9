"""Service layer of the emergency service: one module per resource, functions taking a UnitOfWork or a Session."""
