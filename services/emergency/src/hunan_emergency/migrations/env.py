"""Alembic environment of the emergency service (see hunan_shared.migrations)."""

from hunan_shared.migrations import run_env
from hunan_emergency.models import metadata

run_env(metadata)
