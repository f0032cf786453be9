"""`hunan`: the command-line tool for operators and integrators.

hunan up                      start the broker and all six services (Ctrl-C stops everything)
hunan serve SERVICE           run one service (what a container runs)
hunan migrate SERVICE         apply the service's database migrations
hunan token --scope S ...     mint a development bearer token
hunan tail TOPIC              print a topic's CloudEvents readably
hunan replay-dead-letters T   re-publish dead-lettered messages of topic T after a fix
hunan demo                    load demo data into the running suite and show the reaction chain
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hunan_shared.settings import DEFAULT_PORTS, load_platform_settings, load_service_settings

if TYPE_CHECKING:
    from hunan_shared.service import ServiceSpec

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
ServiceName = typer.Argument(..., help=f"One of: {', '.join(DEFAULT_PORTS)}")


def _check_service(name: str) -> str:
    if name not in DEFAULT_PORTS:
        raise typer.BadParameter(f"unknown service {name!r}; choose one of {', '.join(DEFAULT_PORTS)}")
    return name


def service_spec(name: str) -> ServiceSpec:
    spec: ServiceSpec = importlib.import_module(f"hunan_{_check_service(name)}.app").SPEC
    return spec


@app.command()
def serve(
    service: str = ServiceName,
    host: str = typer.Option("127.0.0.1", help="Bind address (0.0.0.0 in containers)"),
    port: int | None = typer.Option(None, help="Port; default <SERVICE>_PORT or the service's fixed port"),
) -> None:
    """Run one service with uvicorn."""
    import uvicorn

    spec = service_spec(service)
    bind_port = port or load_service_settings(service, spec.settings_class).port or DEFAULT_PORTS[service]
    uvicorn.run(
        f"hunan_{service}.app:create_app",
        factory=True,
        host=host,
        port=bind_port,
        log_config=None,
        timeout_graceful_shutdown=20,
        proxy_headers=True,
        **SERVER_LIMITS,
    )


# h11 (not httptools) because it bounds what it buffers while parsing: a request line plus headers larger than
# this is answered 400 and the connection closed, instead of parsing 40 MB of headers.
MAX_HEADER_BYTES = 64 * 1024
SERVER_LIMITS: dict[str, Any] = {
    "http": "h11",
    "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    "timeout_keep_alive": 5,
}


@app.command()
def migrate(service: str = ServiceName) -> None:
    """Apply the service's Alembic migrations to its database (upgrade to head)."""
    from hunan_shared import migrations
    from hunan_shared.db import make_engine
    from hunan_shared.settings import default_database_url

    spec = service_spec(service)
    url = load_service_settings(service, spec.settings_class).database_url or default_database_url(
        service, load_platform_settings().hunan_var_dir
    )
    engine = make_engine(url)
    migrations.upgrade(engine, spec.migrations)
    typer.echo(f"{service}: migrations applied ({engine.url.render_as_string(hide_password=True)})")


@app.command("db-revision")
def db_revision(service: str = ServiceName, message: str = typer.Option(..., "-m", help="Revision message")) -> None:
    """Developer command: autogenerate a migration from the models (against a scratch SQLite database)."""
    import tempfile

    from hunan_shared import migrations
    from hunan_shared.db import make_engine

    spec = service_spec(service)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scratch.db"
        migrations.upgrade(make_engine(url), spec.migrations)
        migrations.revision(url, spec.migrations, message)


@app.command()
def up(
    services: str = typer.Option(",".join(DEFAULT_PORTS), help="Comma-separated services to start"),
    log_dir: Path = typer.Option(Path("var/log"), help="Where each process writes its log"),
    broker_port: int = typer.Option(9092, help="Port of the local broker (when KAFKA_BOOTSTRAP_SERVERS is unset)"),
) -> None:
    """Start the broker (unless KAFKA_BOOTSTRAP_SERVERS is set) and the services; Ctrl-C stops all."""
    from hunan_shared.runner import Suite, run_forever

    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    suite = Suite(
        services=[_check_service(s.strip()) for s in services.split(",") if s.strip()],
        start_broker=external is None,
        broker_port=broker_port,
        log_dir=log_dir,
    )
    if external:
        typer.echo(f"using Kafka at {external}")
    raise typer.Exit(run_forever(suite))


@app.command()
def token(
    scope: list[str] = typer.Option(..., "--scope", "-s", help="Scope to grant; repeat, or 'all'"),
    subject: str = typer.Option("dev-operator", "--sub", help="Token subject (the actor in audit logs)"),
    hours: float = typer.Option(8.0, help="Lifetime in hours"),
) -> None:
    """Mint a development bearer token signed with AUTH_JWT_SECRET."""
    from hunan_shared.auth import mint_token
    from hunan_shared.scopes import ALL_SCOPES

    scopes = sorted(ALL_SCOPES) if scope == ["all"] else scope
    unknown = sorted(set(scopes) - ALL_SCOPES)
    if unknown:
        raise typer.BadParameter(f"unknown scope(s): {', '.join(unknown)}; known: {', '.join(sorted(ALL_SCOPES))}")
    typer.echo(mint_token(load_platform_settings(), subject, scopes, dt.timedelta(hours=hours)))


@app.command()
def tail(
    topic: str = typer.Argument(..., help="Topic, e.g. emergency.disaster"),
    from_beginning: bool = typer.Option(True, help="Start at the oldest message"),
    limit: int = typer.Option(0, help="Stop after this many messages (0: follow forever)"),
) -> None:
    """Print a topic's CloudEvents readably (reads without joining a consumer group)."""
    from hunan_shared.ops import tail_topic

    asyncio.run(tail_topic(load_platform_settings(), topic, from_beginning, limit, typer.echo))


@app.command("replay-dead-letters")
def replay_dead_letters(
    topic: str = typer.Argument(..., help="Original topic, e.g. emergency.disaster"),
    group: str | None = typer.Option(None, help="Only messages dead-lettered by this consumer group"),
) -> None:
    """Re-publish dead-lettered messages of TOPIC (from TOPIC.dlt) to TOPIC after the fault is fixed."""
    from hunan_shared.ops import replay_dead_letters as replay

    count = asyncio.run(replay(load_platform_settings(), topic, group, typer.echo))
    typer.echo(f"re-published {count} message(s) to {topic}")


@app.command()
def demo(
    persons: int = typer.Option(40, help="Demo persons to register per county"),
    wait: float = typer.Option(60.0, help="Seconds to wait for the reactions"),
) -> None:
    """Against the running suite: load a DEMO register, declare a disaster, print each service's reaction."""
    from hunan_shared.demo import run_demo

    raise typer.Exit(run_demo(load_platform_settings(), persons_per_county=persons, wait_seconds=wait, say=typer.echo))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
