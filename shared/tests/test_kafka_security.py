"""Kafka security settings and the one place every client takes its connection options from."""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from hunan_shared import ops
from hunan_shared.bus import consumer as consumer_module
from hunan_shared.bus import kafka as kafka_module
from hunan_shared.settings import PlatformSettings, SettingsError, load_platform_settings

SASL = {
    "kafka_security_protocol": "SASL_SSL",
    "kafka_sasl_mechanism": "SCRAM-SHA-512",
    "kafka_sasl_username": "hunan-trees",
    "kafka_sasl_password": "from-the-secret",
}


def write_ca(path: Path) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cluster-ca")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_local_default_is_plaintext_without_credentials() -> None:
    settings = PlatformSettings()
    assert settings.kafka_security_protocol == "PLAINTEXT"
    assert kafka_module.client_options(settings) == {
        "bootstrap_servers": "127.0.0.1:9092",
        "security_protocol": "PLAINTEXT",
    }


def test_sasl_ssl_options_carry_credentials_and_verify_the_cluster_ca(tmp_path: Path) -> None:
    ca = write_ca(tmp_path / "ca.crt")
    settings = PlatformSettings(**SASL, kafka_ssl_cafile=ca, kafka_bootstrap_servers="kafka:9093")
    options = kafka_module.client_options(settings)
    context = options.pop("ssl_context")
    assert options == {
        "bootstrap_servers": "kafka:9093",
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "hunan-trees",
        "sasl_plain_password": "from-the-secret",
    }
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 1  # exactly the given bundle, not the system store
    assert "from-the-secret" not in repr(settings)  # SecretStr: never in logs or error messages


def test_sasl_plaintext_has_no_tls_context() -> None:
    settings = PlatformSettings(**{**SASL, "kafka_security_protocol": "SASL_PLAINTEXT"})
    assert "ssl_context" not in kafka_module.client_options(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL"}, "needs KAFKA_SASL_MECHANISM"),
        (
            {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
             "KAFKA_SASL_USERNAME": "u"},
            "KAFKA_SASL_PASSWORD",
        ),
        ({"KAFKA_SASL_USERNAME": "u"}, "KAFKA_SECURITY_PROTOCOL is not SASL"),
        ({"KAFKA_SSL_CAFILE": "/ca.crt"}, "KAFKA_SSL_CAFILE set but"),
        ({"KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CERTFILE": "/c.pem"}, "go together"),
        ({"KAFKA_SECURITY_PROTOCOL": "TLS"}, "KAFKA_SECURITY_PROTOCOL"),
        ({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "GSSAPI"}, "KAFKA_SASL_MECHANISM"),
    ],
)  # fmt: skip
def test_incomplete_security_settings_stop_the_start(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_platform_settings()


def test_producer_admin_consumer_and_operator_tools_all_use_the_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = PlatformSettings(**SASL, kafka_ssl_cafile=write_ca(tmp_path / "ca.crt"))
    seen: dict[str, dict[str, Any]] = {}

    class Stop(Exception):
        pass

    def recorder(name: str) -> Any:
        class Client:
            def __init__(self, **kwargs: Any) -> None:
                seen[name] = kwargs

            async def start(self) -> None:
                raise Stop

            async def stop(self) -> None:
                return None

            def subscribe(self, *args: Any, **kwargs: Any) -> None:
                return None

        return Client

    monkeypatch.setattr(kafka_module, "AIOKafkaProducer", recorder("producer"))
    monkeypatch.setattr(kafka_module, "AIOKafkaAdminClient", recorder("admin"))
    monkeypatch.setattr(consumer_module, "AIOKafkaConsumer", recorder("consumer"))
    monkeypatch.setattr(ops, "AIOKafkaConsumer", recorder("tail"))

    bus = kafka_module.KafkaBus(settings, client_id="hunan-trees")
    for step in (bus.start(), bus.ensure_topics({"trees.transplant"}), ops.tail_topic(settings, "t", True, 1, print)):
        with pytest.raises(Stop):
            asyncio.run(step)
    consumer = consumer_module.EventConsumer.__new__(consumer_module.EventConsumer)
    consumer.settings, consumer.group, consumer.topics = settings, "hunan.trees", ["emergency.disaster"]
    with pytest.raises(Stop):
        asyncio.run(consumer.run(asyncio.Event()))
    assert set(seen) == {"producer", "admin", "consumer", "tail"}
    for name, kwargs in seen.items():
        assert kwargs["security_protocol"] == "SASL_SSL", name
        assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512" and kwargs["sasl_plain_username"] == "hunan-trees", name
        assert kwargs["sasl_plain_password"] == "from-the-secret", name
        assert isinstance(kwargs["ssl_context"], ssl.SSLContext), name
