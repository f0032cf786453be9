"""Every setting that names another service or a piece of infrastructure is wired in each deploy file.

The settings are derived from the settings classes themselves (PlatformSettings and every service's
`ServiceSpec.settings_class`): a field is "wiring" when its name says it is an address (…_url, …_host,
…_dsn, …_servers, …_endpoint) or its default points at this machine. In compose and in the rendered
Kubernetes manifests, each such setting must be set to something that is not this machine — or, for an
optional one (default None: a feature that is off unless configured), be left unset or set likewise. A new
setting such as `BUSINESS_ENV_TREES_BASE_URL` that a deploy file forgets fails here instead of answering 503.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

from hunan_shared.settings import DEFAULT_PORTS, PlatformSettings, env_prefix

_spec = importlib.util.spec_from_file_location("deploy_test_manifests", Path(__file__).with_name("test_manifests.py"))
assert _spec and _spec.loader
_manifests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_manifests)
DEPLOY, K8S, kustomize, of_kind, slug = (
    _manifests.DEPLOY,
    _manifests.K8S,
    _manifests.kustomize,
    _manifests.of_kind,
    _manifests.slug,
)

SERVICES = tuple(DEFAULT_PORTS)
ADDRESS_NAME = re.compile(r"(^|_)(url|uri|dsn|host|hosts|servers|endpoint)$")
LOCAL = re.compile(r"(^|[/@,:])(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)([:/,]|$)|^sqlite:")
# Unset means "a local resource" rather than "feature off": the database falls back to a SQLite file.
LOCAL_WHEN_UNSET = {"DATABASE_URL"}
# Addresses that the *clients* use, not the services: under compose the clients run on the developer's machine,
# so the gateway published on 127.0.0.1 is the right public URL there (Kubernetes must set a real one).
CLIENT_FACING_IN_COMPOSE = {"HUNAN_PUBLIC_URL"}


def wiring_settings(cls: type[BaseSettings], prefix: str) -> dict[str, Any]:
    """Environment variable -> default, for every address-like field of a settings class."""
    found = {}
    for name, field in cls.model_fields.items():
        default = field.default
        local_default = isinstance(default, str) and bool(LOCAL.search(default))
        if ADDRESS_NAME.search(name) or local_default:
            found[f"{prefix}{name.upper()}"] = default
    return found


def required_for(service: str) -> dict[str, Any]:
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    return wiring_settings(PlatformSettings, "") | wiring_settings(spec.settings_class, env_prefix(service))


def test_the_derivation_finds_the_known_wiring() -> None:
    business_env = required_for("business_env")
    assert business_env["BUSINESS_ENV_TREES_BASE_URL"] == "http://127.0.0.1:8101"
    assert {"KAFKA_BOOTSTRAP_SERVERS", "BUSINESS_ENV_DATABASE_URL", "OTEL_EXPORTER_OTLP_ENDPOINT"} <= set(business_env)
    assert "AUTH_JWKS_URL" in business_env
    assert "BUSINESS_ENV_TREES_TIMEOUT_SECONDS" not in business_env


def problems(service: str, env: dict[str, Any], client_facing: frozenset[str] = frozenset()) -> list[str]:
    out = []
    for name, default in required_for(service).items():
        value = env.get(name)
        if name in client_facing and value is not None:
            continue
        is_required = default is not None or any(name.endswith(suffix) for suffix in LOCAL_WHEN_UNSET)
        if value is None:
            if is_required:
                out.append(f"{name} unset: the default {default!r} points at this machine")
        elif isinstance(value, str) and LOCAL.search(value):
            out.append(f"{name}={value!r} points at this machine")
    return out


@pytest.mark.parametrize("service", SERVICES)
def test_compose_wires_every_address(service: str) -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    env = compose["services"][slug(service)]["environment"]
    assert problems(service, env, frozenset(CLIENT_FACING_IN_COMPOSE)) == []


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict[str, Any]]]:
    return {variant: kustomize(K8S / "overlays" / variant) for variant in ("dev", "prod")}


def pod_environment(docs: list[dict[str, Any]], service: str) -> dict[str, Any]:
    """What the server container of a service sees: its ConfigMaps (envFrom) overridden by its env."""
    container = of_kind(docs, "Deployment")[f"hunan-{slug(service)}"]["spec"]["template"]["spec"]["containers"][0]
    maps = of_kind(docs, "ConfigMap")
    env: dict[str, Any] = {}
    for source in container.get("envFrom", []):
        env |= maps[source["configMapRef"]["name"]]["data"]
    for item in container.get("env", []):
        env[item["name"]] = item.get("value", "<from a Secret>")
    return env


@pytest.mark.parametrize("variant", ["dev", "prod"])
@pytest.mark.parametrize("service", SERVICES)
def test_kubernetes_wires_every_address(rendered: dict[str, list[dict[str, Any]]], variant: str, service: str) -> None:
    assert problems(service, pod_environment(rendered[variant], service)) == []


def test_business_env_reaches_trees_through_its_service(rendered: dict[str, list[dict[str, Any]]]) -> None:
    env = pod_environment(rendered["prod"], "business_env")
    assert env["BUSINESS_ENV_TREES_BASE_URL"] == "http://hunan-trees:8080"
    assert of_kind(rendered["prod"], "Service")["hunan-trees"]["spec"]["ports"][0]["port"] == 8080
    container = of_kind(rendered["prod"], "Deployment")["hunan-business-env"]["spec"]["template"]["spec"]
    token = {e["name"]: e for e in container["containers"][0]["env"]}["BUSINESS_ENV_TREES_TOKEN"]
    assert token["valueFrom"]["secretKeyRef"] == {"name": "hunan-business-env-trees", "key": "token", "optional": True}
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert compose["services"]["business-env"]["environment"]["BUSINESS_ENV_TREES_BASE_URL"] == "http://trees:8080"
