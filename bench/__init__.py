"""Performance benchmarks of the suite: each one a side-by-side ratio against a baseline measured in the same run.

See bench/README.md. Run all: `uv run python -m bench`; one: `uv run python -m bench dispatch`; smoke size:
`uv run python -m bench --quick`.
"""
