"""Alembic environment of the disability service (see hunan_shared.migrations)."""

from hunan_disability.models import metadata
from hunan_shared.migrations import run_env

run_env(metadata)
