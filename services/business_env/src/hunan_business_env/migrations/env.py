"""Alembic environment of the business_env service (see hunan_shared.migrations)."""

from hunan_business_env.models import metadata
from hunan_shared.migrations import run_env

run_env(metadata)
