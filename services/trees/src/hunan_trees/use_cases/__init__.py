"""The service layer: one module per resource, functions taking a UnitOfWork or a Session."""
