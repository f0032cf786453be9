"""Alembic environment of the trees service (see hunan_shared.migrations)."""

from hunan_shared.migrations import run_env
from hunan_trees.models import metadata

run_env(metadata)
