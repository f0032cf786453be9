"""Alembic environment of the science service (see hunan_shared.migrations)."""

from hunan_shared.migrations import run_env
from hunan_science.models import metadata

run_env(metadata)
