"""The real gateway in front of the six real services (processes, broker, PostgreSQL): every service is
reachable as /<service>/v1/..., body limits hold, services' problem+json errors pass through unchanged, and
every service's /metrics passes `promtool check metrics`."""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest

from hunan_shared.auth import mint_token
from hunan_shared.runner import SERVICES, Suite
from hunan_shared.scopes import ALL_SCOPES
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port

pytestmark = pytest.mark.e2e

# One real read per service (path under /v1 of the service, as clients address it through the gateway).
READS = {
    "trees": "/trees",
    "business_env": "/complaints",
    "disability": "/persons",
    "budget": "/projects",
    "emergency": "/disasters",
    "science": "/venues",
}


@pytest.fixture
def suite(broker, service_databases, tmp_path):
    urls = service_databases(*SERVICES)
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
        "HUNAN_VAR_DIR": str(tmp_path / "var"),
        "KAFKA_CLIENT_PREFIX": f"gw{free_port()}",
    }
    env |= {f"{service.upper()}_DATABASE_URL": url for service, url in urls.items()}
    running = Suite(
        services=SERVICES,
        env=env,
        ports={s: free_port() for s in SERVICES},
        start_broker=False,
        log_dir=tmp_path / "logs",
        say=lambda _line: None,
    )
    try:
        running.start(ready_timeout=120)
        yield running
    finally:
        running.stop()


def test_gateway_routes_every_service_with_limits_and_problem_passthrough(suite, start_gateway):
    base = start_gateway({service: suite.port_of(service) for service in SERVICES})
    token = mint_token(PlatformSettings(), "gateway-client", sorted(ALL_SCOPES))
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=20) as client:
        for service, path in READS.items():
            response = client.get(f"/{service}/v1{path}", params={"limit": 5})
            assert response.status_code == 200, (service, response.text)
            assert set(response.json()) >= {"items", "limit", "offset"}, service

            missing = client.get(f"/{service}/v1{path}/no-such-id")
            assert missing.status_code in (404, 422), (service, missing.status_code)
            assert missing.headers["content-type"] == "application/problem+json", service
            assert missing.json()["instance"] == f"/v1{path}/no-such-id"  # the service's own path, passed through

        unauthenticated = httpx.get(f"{base}/emergency/v1/disasters")
        assert unauthenticated.status_code == 401
        assert unauthenticated.headers["content-type"] == "application/problem+json"
        assert unauthenticated.headers["www-authenticate"].startswith("Bearer")

        invalid = client.post("/emergency/v1/disasters", json={"title": "x"})
        assert invalid.status_code == 422 and invalid.json()["errors"], invalid.text

        too_big = client.post(
            "/disability/v1/persons",
            content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
            headers={"content-type": "application/json"},
        )
        assert too_big.status_code == 413
        assert too_big.headers["content-type"].startswith("application/problem+json")


def test_every_service_metrics_pass_promtool(suite):
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool not installed: apt-get install prometheus (.ci/run does this)")
    for service in SERVICES:
        exposition = httpx.get(f"{suite.url_of(service)}/metrics", timeout=10).text
        assert f'service="{service}"' in exposition
        check = subprocess.run([promtool, "check", "metrics"], input=exposition, capture_output=True, text=True)
        assert check.returncode == 0, (service, check.stdout + check.stderr)
