"""Alembic per service: each service keeps its scripts in `hunan_<service>/migrations`.

A service's `migrations/env.py` is just `run_env(<its metadata>)`. `upgrade()` applies migrations from
code (start-up or `hunan migrate <service>`); `is_at_head()` backs the readiness check.
"""

from __future__ import annotations

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, engine_from_config, pool


def alembic_config(script_location: str, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, script_location: str, revision: str = "head") -> None:
    """Apply the migrations, one transaction per revision managed by Alembic (not one around them all): a
    revision may need an autocommit block (`platform_ops.create_index_online`, ADR 0024), which Alembic can only
    open inside a transaction it began itself."""
    config = alembic_config(script_location, engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if connection.in_transaction():
            connection.commit()


def is_at_head(engine: Engine, script_location: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config(script_location, "sqlite://"))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == set(script.get_heads())


def revision(url: str, script_location: str, message: str) -> None:
    """Autogenerate a new revision from the models (developer command `hunan db revision`)."""
    command.revision(alembic_config(script_location, url), message=message, autogenerate=True)


def run_env(target_metadata: MetaData) -> None:
    """Body of every service's migrations/env.py."""
    config = context.config

    def configure(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds for ALTER
            compare_type=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        configure(connection)
