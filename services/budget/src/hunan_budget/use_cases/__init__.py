"""The service layer: one module per resource, functions taking a UnitOfWork, a Session or the settings."""
