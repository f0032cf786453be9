"""Alembic environment of the budget service (see hunan_shared.migrations)."""

from hunan_shared.migrations import run_env
from hunan_budget.models import metadata

run_env(metadata)
