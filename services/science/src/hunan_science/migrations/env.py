"""Alembic environment of the science service (see hunan_shared.migrations)."""

from hunan_science.models import metadata
from hunan_shared.migrations import run_env

run_env(metadata)
