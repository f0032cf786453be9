"""Alembic environment of the disability service (see hunan_shared.migrations)."""

from hunan_shared.migrations import run_env

from hunan_disability.models import metadata

run_env(metadata)
