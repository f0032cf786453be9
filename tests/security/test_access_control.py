"""Access control over EVERY mutating route of every service, discovered from the OpenAPI documents.

For each POST/PUT/PATCH/DELETE under /v1: 401 problem+json (with a Bearer challenge naming the scope) without
a token and for expired, wrongly signed, unsigned (alg=none) or wrong-audience tokens; 403 with a valid token
holding every scope except the route's; and neither 401 nor 403 with a token holding just the route's scope.
A route that demands no scope at all fails the matrix.
"""

from __future__ import annotations

import importlib
import re

import pytest

from hunan_shared.service import build_app_for_docs

from .conftest import SERVICES, app_module_exists

MUTATING = ("post", "put", "patch", "delete")
PROBLEM = "application/problem+json"


def _path_value(parameter: dict) -> str:
    schema = parameter.get("schema", {})
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("type") == "integer":
        return "1"
    if "43" in schema.get("pattern", ""):
        return "430102"
    return "00000000-0000-4000-8000-000000000000"


def mutating_routes():
    routes = []
    for service in SERVICES:
        if not app_module_exists(service):
            routes.append(
                pytest.param(
                    service,
                    None,
                    None,
                    None,
                    id=f"{service}-not-built",
                    marks=pytest.mark.skip(reason=f"hunan_{service}.app does not exist yet"),
                )
            )
            continue
        spec = importlib.import_module(f"hunan_{service}.app").SPEC
        document = build_app_for_docs(spec).openapi()
        for path, item in sorted(document["paths"].items()):
            if not path.startswith("/v1"):
                continue
            for method in MUTATING:
                if method not in item:
                    continue
                params = {p["name"]: _path_value(p) for p in item[method].get("parameters", []) if p["in"] == "path"}
                concrete = re.sub(r"\{(\w+)\}", lambda m, params=params: params.get(m.group(1), "1"), path)
                routes.append(
                    pytest.param(service, method.upper(), path, concrete, id=f"{service} {method.upper()} {path}")
                )
    return routes


ROUTES = mutating_routes()


def test_the_matrix_found_the_mutating_routes():
    found = {p.values[0] for p in ROUTES if p.values[1]}
    assert {"emergency", "disability"} <= found
    assert len([p for p in ROUTES if p.values[1]]) >= 20


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    """One started app per service (SQLite: the matrix is about the HTTP layer), shared by the module."""
    from fastapi.testclient import TestClient

    from .conftest import build_app

    clients = {}

    def get(service: str):
        if service not in clients:
            var = tmp_path_factory.mktemp(f"acl-{service}")
            client = TestClient(
                build_app(service, f"sqlite:///{var / 'db.sqlite'}", var), raise_server_exceptions=False
            )
            client.__enter__()
            clients[service] = client
        return clients[service]

    yield get
    for client in clients.values():
        client.__exit__(None, None, None)


def _send(client, method: str, path: str, headers: dict | None = None):
    return client.request(method, path, json={}, headers=headers or {})


@pytest.mark.parametrize("service,method,template,path", ROUTES)
def test_mutating_route_requires_a_valid_token_with_its_scope(service, method, template, path, apps, tokens):
    client = apps(service)

    anonymous = _send(client, method, path)
    assert anonymous.status_code == 401, (anonymous.status_code, anonymous.text[:300])
    assert anonymous.headers["content-type"].startswith(PROBLEM)
    challenge = anonymous.headers.get("www-authenticate", "")
    assert challenge.startswith("Bearer"), challenge
    match = re.search(r'scope="([^"]+)"', challenge)
    assert match, f"{method} {template} demands no scope (challenge {challenge!r})"
    required = set(match.group(1).split())

    for kind in ("expired", "wrongly_signed", "unsigned", "wrong_audience"):
        r = _send(client, method, path, getattr(tokens, kind)())
        assert r.status_code == 401, (kind, r.status_code, r.text[:300])
        assert r.headers["content-type"].startswith(PROBLEM), kind
        assert 'error="invalid_token"' in r.headers.get("www-authenticate", ""), kind

    lacking = _send(client, method, path, tokens.all_but(required))
    assert lacking.status_code == 403, (lacking.status_code, lacking.text[:300])
    assert lacking.headers["content-type"].startswith(PROBLEM)

    holding = _send(client, method, path, tokens.valid(*required))
    assert holding.status_code not in (401, 403), (holding.status_code, holding.text[:300])
    assert holding.status_code < 500, (holding.status_code, holding.text[:300])
