"""Pure domain computations of the budget service that are not themselves regulation (export formats)."""
