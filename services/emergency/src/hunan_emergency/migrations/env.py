"""Alembic environment of the emergency service (see hunan_shared.migrations)."""

from hunan_emergency.models import metadata
from hunan_shared.migrations import run_env

run_env(metadata)
