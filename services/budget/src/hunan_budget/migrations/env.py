"""Alembic environment of the budget service (see hunan_shared.migrations)."""

from hunan_budget.models import metadata
from hunan_shared.migrations import run_env

run_env(metadata)
