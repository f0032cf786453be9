"""Kafka security in the deploy files: per-service SCRAM users whose ACLs come from the code (event catalogue +
handler maps), the matching listener in compose and Kubernetes, and credentials from Secrets."""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.settings import DEFAULT_PORTS

_spec = importlib.util.spec_from_file_location("deploy_test_manifests", Path(__file__).with_name("test_manifests.py"))
assert _spec and _spec.loader
_manifests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_manifests)
DEPLOY, K8S = _manifests.DEPLOY, _manifests.K8S
kustomize, load_module, of_kind, slug = (
    _manifests.kustomize,
    _manifests.load_module,
    _manifests.of_kind,
    _manifests.slug,
)

SERVICES = tuple(DEFAULT_PORTS)


def expected_acls(service: str) -> set[tuple[str, str, frozenset[str]]]:
    """Derived here independently of hunan_shared.topology: what the service's code writes and reads."""
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    writes = {c.TOPIC for c in spec.produces} | {c.TOPIC for c in CATALOGUE.values() if c.PRODUCER == service}
    reads = {c.TOPIC for c in spec.handlers}
    acls = {("topic", t, frozenset({"Write", "Describe"})) for t in writes}
    acls |= {("topic", t, frozenset({"Read", "Describe"})) for t in reads}
    acls |= {("topic", f"{t}.dlt", frozenset({"Write", "Describe"})) for t in reads}
    if reads:
        acls.add(("group", f"hunan.{service}", frozenset({"Read"})))
    if not writes and not reads:
        acls.add(("cluster", "kafka-cluster", frozenset({"IdempotentWrite"})))
    return acls


@pytest.fixture(scope="module")
def prod() -> list[dict[str, Any]]:
    return kustomize(K8S / "overlays" / "prod")


def test_kafka_users_have_exactly_the_acls_the_code_needs(prod: list[dict[str, Any]]) -> None:
    users = of_kind(prod, "KafkaUser")
    assert set(users) == {f"hunan-{slug(s)}" for s in SERVICES}
    for service in SERVICES:
        user = users[f"hunan-{slug(service)}"]
        assert user["apiVersion"] == "kafka.strimzi.io/v1"
        assert user["metadata"]["labels"]["strimzi.io/cluster"] == "hunan"
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        acls = user["spec"]["authorization"]["acls"]
        got = {
            (a["resource"]["type"], a["resource"].get("name", "kafka-cluster"), frozenset(a["operations"]))
            for a in acls
        }
        assert got == expected_acls(service), service
        # Literal names only: no prefix or wildcard grants, no deny rules needed.
        assert all(a["resource"].get("patternType", "literal") == "literal" for a in acls)
        assert all("*" not in a["resource"].get("name", "") for a in acls)
    # The reference flow: emergency publishes disasters, disability reads them but may not publish them.
    disability = {(a["resource"].get("name"), op) for a in users["hunan-disability"]["spec"]["authorization"]["acls"]
                  for op in a["operations"]}  # fmt: skip
    assert ("emergency.disaster", "Read") in disability and ("emergency.disaster", "Write") not in disability


def test_services_connect_with_their_user_over_the_secured_listener(prod: list[dict[str, Any]]) -> None:
    common = of_kind(prod, "ConfigMap")["hunan-common"]["data"]
    assert common["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL" and common["KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    port = int(common["KAFKA_BOOTSTRAP_SERVERS"].rsplit(":", 1)[1])
    ca_dir = os.path.dirname(common["KAFKA_SSL_CAFILE"])
    for service in SERVICES:
        name = f"hunan-{slug(service)}"
        assert of_kind(prod, "ConfigMap")[name]["data"]["KAFKA_SASL_USERNAME"] == name  # = its KafkaUser
        pod = of_kind(prod, "Deployment")[name]["spec"]["template"]["spec"]
        app = pod["containers"][0]
        env = {e["name"]: e for e in app["env"]}
        assert env["KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": name, "key": "password"}
        mount = next(m for m in app["volumeMounts"] if m["mountPath"] == ca_dir)
        volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
        assert volume["secret"]["secretName"] == "hunan-cluster-ca-cert"
        assert "KAFKA_SASL_PASSWORD" not in yaml.safe_dump(of_kind(prod, "ConfigMap")[name])
        policy = of_kind(prod, "NetworkPolicy")[name]["spec"]
        kafka_rule = next(r for r in policy["egress"] if r["to"][0]["namespaceSelector"]["matchLabels"].get(
            "kubernetes.io/metadata.name") == "kafka")  # fmt: skip
        assert [p["port"] for p in kafka_rule["ports"]] == [port]


def test_compose_uses_a_sasl_listener_with_per_service_users() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    kafka = compose["services"]["kafka"]["environment"]
    listeners = dict(item.split(":") for item in kafka["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert listeners["SASL"] == "SASL_PLAINTEXT" and kafka["KAFKA_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"
    assert "SASL://kafka:9095" in kafka["KAFKA_ADVERTISED_LISTENERS"]
    assert kafka["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    for service in SERVICES:
        env = compose["services"][slug(service)]["environment"]
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9095"
        assert env["KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT" and env["KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
        assert env["KAFKA_SASL_USERNAME"] == f"hunan-{slug(service)}"
        assert env["KAFKA_SASL_PASSWORD"] == f"hunan-{slug(service)}-local-password"


def test_compose_init_script_declares_the_same_users_and_acls(tmp_path: Path) -> None:
    """Runs deploy/kafka/create-topics.sh against stand-in Kafka tools that record their arguments."""
    log = tmp_path / "calls"
    for tool in ("kafka-topics.sh", "kafka-configs.sh", "kafka-acls.sh"):
        stub = tmp_path / tool
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n', encoding="utf-8")
        stub.chmod(0o755)
    subprocess.run(
        ["bash", str(DEPLOY / "kafka/create-topics.sh")],
        env={**os.environ, "KAFKA_BIN": str(tmp_path), "BOOTSTRAP": "kafka:9092"},
        check=True,
        capture_output=True,
    )
    calls = log.read_text(encoding="utf-8").splitlines()
    users = {c.split("--entity-name ")[1].split()[0] for c in calls if c.startswith("kafka-configs.sh")}
    assert users == {f"hunan-{slug(s)}" for s in SERVICES}
    acls: dict[str, set[tuple[str, str, frozenset[str]]]] = {}
    for call in (c.split() for c in calls if c.startswith("kafka-acls.sh")):
        user = call[call.index("--allow-principal") + 1].removeprefix("User:")
        ops = frozenset(call[i + 1] for i, arg in enumerate(call) if arg == "--operation")
        if "--cluster" in call:
            resource = ("cluster", "kafka-cluster")
        else:
            kind = next(a for a in ("--topic", "--group") if a in call)
            resource = (kind.removeprefix("--"), call[call.index(kind) + 1])
        acls.setdefault(user, set()).add((*resource, ops))
    for service in SERVICES:
        assert acls.get(f"hunan-{slug(service)}", set()) == expected_acls(service), service


def test_a_topic_or_handler_missing_from_the_deploy_files_is_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    sync = load_module(DEPLOY / "kafka/sync_topology.py")
    assert sync.main(["--check"]) == 0
    topics = sync.event_topics()
    monkeypatch.setattr(sync, "event_topics", lambda: (*topics, "science.venue"))
    assert sync.main(["--check"]) == 1
