"""Configuration from the environment (12-factor), validated at start-up with a clear message.

Two layers: `PlatformSettings` are shared by every service and read unprefixed (KAFKA_BOOTSTRAP_SERVERS,
AUTH_JWT_SECRET, ...); `ServiceSettings` are per service and read with the service's prefix
(EMERGENCY_DATABASE_URL, DISABILITY_PORT, ...). Services subclass ServiceSettings for domain parameters
that the regulations leave open. The README lists every variable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "hunan-local-development-secret-change-me"  # noqa: S105 - refused outside HUNAN_ENV=local
MIN_JWT_SECRET_BYTES = 32  # HS256: a key shorter than the hash output (RFC 7518 §3.2) is refused outside local

# The local API gateway of deploy/nginx (render.py listens there): the default of HUNAN_PUBLIC_URL.
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8100"

DEFAULT_PORTS = {
    "trees": 8101,
    "business_env": 8102,
    "disability": 8103,
    "budget": 8104,
    "emergency": 8105,
    "science": 8106,
}


class SettingsError(SystemExit):
    """Raised (and exits the process) when the environment holds an invalid configuration."""


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    hunan_env: Literal["local", "dev", "prod"] = Field(
        "local", description="Deployment kind; non-local refuses dev defaults"
    )
    kafka_bootstrap_servers: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers, comma-separated")
    kafka_enable_idempotence: bool = Field(
        False, description="Idempotent producer (true for real Kafka; the local broker lacks it)"
    )
    kafka_topic_partitions: int = Field(3, ge=1, description="Partitions for topics created on start")
    kafka_topic_replication: int = Field(1, ge=1, description="Replication factor for topics created on start")
    kafka_client_prefix: str = Field("hunan", description="Prefix of consumer group ids: <prefix>.<service>")
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="Listener security: PLAINTEXT (local), SASL_SSL (SCRAM over TLS) or SSL (mTLS)"
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        None, description="SASL mechanism for the SASL_* protocols (Strimzi's scram-sha-512: SCRAM-SHA-512)"
    )
    kafka_sasl_username: str | None = Field(None, description="SASL user (the service's KafkaUser)")
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password, from a Secret")
    kafka_ssl_cafile: Path | None = Field(
        None, description="PEM CA bundle that signed the brokers' certificates (SSL/SASL_SSL); default: system CAs"
    )
    kafka_ssl_certfile: Path | None = Field(None, description="Client certificate (PEM) for mutual TLS (SSL)")
    kafka_ssl_keyfile: Path | None = Field(None, description="Client private key (PEM) for mutual TLS (SSL)")
    auth_jwt_secret: SecretStr = Field(SecretStr(DEV_JWT_SECRET), description="HS256 shared secret for bearer tokens")
    auth_jwks_url: str | None = Field(
        None, description="JWKS URL of an OIDC provider; when set, RS256/ES256 tokens are verified with it"
    )
    auth_issuer: str = Field("hunan-suite", description="Expected token issuer (iss)")
    auth_audience: str = Field("hunan-suite", description="Expected token audience (aud)")
    auth_token_url: str | None = Field(
        None, description="Token endpoint of the identity provider, published in the OpenAPI OAuth2 scheme"
    )
    hunan_public_url: str | None = Field(
        None,
        description="Base URL of the API gateway (e.g. https://api.example.gov.cn): OpenAPI `servers` are "
        "<it>/<service> and event `dataschema` URLs point under it",
    )
    log_level: str = Field("INFO", description="Log level of the JSON logs")
    otel_exporter_otlp_endpoint: str | None = Field(
        None, description="OTLP/HTTP endpoint, e.g. http://otel-collector:4318 (spans go to <endpoint>/v1/traces)"
    )
    otel_exporter_otlp_traces_endpoint: str | None = Field(
        None, description="OTLP/HTTP traces endpoint as a full URL; overrides OTEL_EXPORTER_OTLP_ENDPOINT for traces"
    )
    outbox_poll_seconds: float = Field(0.2, gt=0, description="Outbox relay poll interval")
    outbox_batch_size: int = Field(500, ge=1, le=5000, description="Outbox rows published per relay round")
    consumer_max_attempts: int = Field(3, ge=1, le=20, description="Handler attempts before a message is dead-lettered")
    consumer_retry_backoff_seconds: float = Field(0.2, ge=0, description="First retry delay, doubled each attempt")
    db_pool_size: int = Field(20, ge=2, le=200, description="Database connections kept open per process")
    max_body_bytes: int = Field(1_048_576, ge=1024, description="Largest accepted request body (413 above)")
    jobs_tick_seconds: float = Field(
        5.0, gt=0, le=3600, description="How often each replica looks for due periodic jobs (docs/adr/0012)"
    )
    retention_every_minutes: float = Field(10, gt=0, description="How often the retention jobs run")
    retention_batch_size: int = Field(1000, ge=10, le=10000, description="Rows deleted per retention transaction")
    outbox_sent_retention_hours: float = Field(72, ge=1, description="Sent outbox rows are deleted after this")
    inbox_retention_days: float = Field(
        14, ge=1, description="Inbox rows are deleted after this; keep it at least the topics' retention.ms"
    )
    idempotency_ttl_hours: float = Field(24, ge=1, description="Stored Idempotency-Key responses kept this long")
    body_read_timeout_seconds: float = Field(
        30.0, gt=0, le=600, description="A request body must arrive within this time (408 after)"
    )
    hunan_var_dir: Path = Field(Path("var"), description="Directory for SQLite files and local state")

    @model_validator(mode="after")
    def _refuse_dev_secret_outside_local(self) -> PlatformSettings:
        if (
            self.hunan_env != "local"
            and not self.auth_jwks_url
            and self.auth_jwt_secret.get_secret_value() == DEV_JWT_SECRET
        ):
            raise ValueError("AUTH_JWT_SECRET must be set (or AUTH_JWKS_URL) when HUNAN_ENV is not 'local'")
        if (
            self.hunan_env != "local"
            and not self.auth_jwks_url
            and len(self.auth_jwt_secret.get_secret_value().encode()) < MIN_JWT_SECRET_BYTES
        ):
            raise ValueError(
                f"AUTH_JWT_SECRET must be at least {MIN_JWT_SECRET_BYTES} bytes when HUNAN_ENV is not 'local'"
            )
        return self

    @model_validator(mode="after")
    def _kafka_security_is_complete(self) -> PlatformSettings:
        sasl = self.kafka_security_protocol.startswith("SASL_")
        tls = self.kafka_security_protocol in ("SSL", "SASL_SSL")
        if sasl and not (self.kafka_sasl_mechanism and self.kafka_sasl_username and self.kafka_sasl_password):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs KAFKA_SASL_MECHANISM, "
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"
            )
        if not sasl and (self.kafka_sasl_mechanism or self.kafka_sasl_username or self.kafka_sasl_password):
            raise ValueError("KAFKA_SASL_* are set but KAFKA_SECURITY_PROTOCOL is not SASL_PLAINTEXT or SASL_SSL")
        files = {"KAFKA_SSL_CAFILE": self.kafka_ssl_cafile, "KAFKA_SSL_CERTFILE": self.kafka_ssl_certfile,
                 "KAFKA_SSL_KEYFILE": self.kafka_ssl_keyfile}  # fmt: skip
        given = [name for name, path in files.items() if path is not None]
        if given and not tls:
            raise ValueError(f"{', '.join(given)} set but KAFKA_SECURITY_PROTOCOL is not SSL or SASL_SSL")
        if (self.kafka_ssl_certfile is None) != (self.kafka_ssl_keyfile is None):
            raise ValueError("KAFKA_SSL_CERTFILE and KAFKA_SSL_KEYFILE go together (mutual TLS)")
        return self


class ServiceSettings(BaseSettings):
    """Per-service settings, read with the `<SERVICE>_` prefix."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str | None = Field(None, description="SQLAlchemy URL; default sqlite file var/<service>.db")
    migrate_on_start: bool = Field(True, description="Apply Alembic migrations at start-up (k8s runs a Job instead)")
    port: int | None = Field(None, ge=1, le=65535, description="Port for `hunan serve` / `hunan up`")
    job_intervals: dict[str, float] = Field(
        default_factory=dict,
        description="Seconds between runs of named periodic jobs, overriding the declared interval (JSON, e.g. "
        '{"hidden-danger-overdue": 300}); an unknown job name stops the service at start-up',
    )


S = TypeVar("S", bound=ServiceSettings)


def env_prefix(service: str) -> str:
    return f"{service.upper()}_"


def _explain(error: ValidationError, prefix: str) -> str:
    lines = [f"Invalid configuration ({error.error_count()} problem(s)):"]
    for item in error.errors():
        name = "_".join(str(p) for p in item["loc"]).upper() or "(settings)"
        lines.append(f"  - {prefix}{name}: {item['msg']}")
    return "\n".join(lines)


# There is no switch to turn the in-process jobs off (docs/adr/0012-in-process-jobs.md): a deployment that tried
# to move them to a CronJob would run without them. Such variables are refused, not silently ignored.
_JOB_SWITCH = re.compile(r"(^|_)JOBS?_(ENABLED|DISABLED|OFF|MODE)$")


def refuse_job_switches(environ: Mapping[str, str]) -> None:
    switches = sorted(name for name in environ if _JOB_SWITCH.search(name.upper()))
    if switches:
        raise SettingsError(
            f"Invalid configuration: {', '.join(switches)}: periodic jobs always run inside the services, one "
            "replica per job (docs/adr/0012-in-process-jobs.md); remove the variable and any CronJob doing their work"
        )


def load_platform_settings() -> PlatformSettings:
    refuse_job_switches(os.environ)
    try:
        return PlatformSettings()
    except ValidationError as exc:
        raise SettingsError(_explain(exc, "")) from None


def load_service_settings(service: str, cls: type[S] = ServiceSettings) -> S:  # type: ignore[assignment]
    prefix = env_prefix(service)
    try:
        settings = cls(_env_prefix=prefix)
    except ValidationError as exc:
        raise SettingsError(_explain(exc, prefix)) from None
    if settings.port is None:
        settings.port = DEFAULT_PORTS.get(service, 8000)
    return settings


def default_database_url(service: str, var_dir: Path) -> str:
    var_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(var_dir / f'{service}.db').resolve()}"
