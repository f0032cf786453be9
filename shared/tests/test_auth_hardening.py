"""Bearer tokens and idempotent replays bound to the caller (issue 11, items 6 and 9)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from jwt.algorithms import RSAAlgorithm

from hunan_shared import auth
from hunan_shared.settings import PlatformSettings, SettingsError, load_platform_settings
from hunan_shared.testing import free_port


def signed(settings: PlatformSettings, **claims) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    base = {"iss": settings.auth_issuer, "aud": settings.auth_audience, "iat": now, "exp": now + dt.timedelta(hours=1)}
    token = jwt.encode({**base, **claims}, settings.auth_jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "scope",
    [7, 1.5, True, False, {"toy:write": 1}, [["toy:write"]], ["toy:write", 3], ["toy:write toy:read"], [""]],
    ids=["int", "float", "true", "false", "dict", "nested", "mixed", "spaced", "empty-item"],
)
def test_a_scope_claim_of_the_wrong_type_is_401_not_500(toy_client, platform_settings, scope):
    for claim in ("scope", "scp"):
        response = toy_client.post(
            "/v1/notes", json={"text": "x"}, headers=signed(platform_settings, sub="alice", **{claim: scope})
        )
        assert response.status_code == 401, (claim, scope, response.text)
        assert "invalid_token" in response.headers["www-authenticate"]


@pytest.mark.parametrize("scope", ["toy:write", ["toy:write"]], ids=["string", "list"])
def test_well_formed_scope_claims_still_work(toy_client, platform_settings, scope):
    response = toy_client.post("/v1/notes", json={"text": "x"}, headers=signed(platform_settings, sub="a", scope=scope))
    assert response.status_code == 201


@pytest.mark.parametrize("sub", ["", "   ", 5, None], ids=["empty", "blank", "number", "null"])
def test_a_token_without_a_usable_subject_cannot_write(toy, toy_client, platform_settings, sub):
    response = toy_client.post(
        "/v1/notes", json={"text": "x"}, headers=signed(platform_settings, sub=sub, scope="toy:write")
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("env", "secret", "ok"),
    [
        ("prod", "a", False),
        ("dev", "x" * 31, False),
        ("prod", "x" * 32, True),
        ("local", "a", True),  # local development may use anything
    ],
)
def test_short_hs256_secrets_are_refused_at_start_up_outside_local(monkeypatch, env, secret, ok):
    monkeypatch.setenv("HUNAN_ENV", env)
    monkeypatch.setenv("AUTH_JWT_SECRET", secret)
    monkeypatch.delenv("AUTH_JWKS_URL", raising=False)
    if ok:
        assert load_platform_settings().hunan_env == env
    else:
        with pytest.raises(SettingsError, match="AUTH_JWT_SECRET must be at least 32 bytes"):
            load_platform_settings()


# -- idempotent replays -----------------------------------------------------------------------------------


def test_a_replay_is_refused_to_the_same_subject_with_other_scopes(toy_client, token):
    first = toy_client.post(
        "/v1/notes",
        json={"text": "once"},
        headers={**token("toy:write", "toy:read", sub="officer"), "Idempotency-Key": "k1"},
    )
    assert first.status_code == 201
    same = toy_client.post(
        "/v1/notes",
        json={"text": "once"},
        headers={**token("toy:write", "toy:read", sub="officer"), "Idempotency-Key": "k1"},
    )
    assert same.status_code == 201 and same.headers["idempotent-replayed"] == "true"
    assert same.json() == first.json()
    narrower = toy_client.post(
        "/v1/notes", json={"text": "once"}, headers={**token("toy:write", sub="officer"), "Idempotency-Key": "k1"}
    )
    assert narrower.status_code == 409
    assert narrower.headers["content-type"] == "application/problem+json"
    assert "other scopes" in narrower.json()["detail"]
    assert first.json()["id"] not in narrower.text
    other_subject = toy_client.post(
        "/v1/notes",
        json={"text": "once"},
        headers={**token("toy:write", "toy:read", sub="clerk"), "Idempotency-Key": "k1"},
    )
    assert other_subject.status_code == 201 and "idempotent-replayed" not in other_subject.headers
    assert other_subject.json()["id"] != first.json()["id"]


def test_a_key_stored_before_replays_were_bound_to_scopes_is_not_replayed(toy, toy_client, toy_engine, token):
    headers = {**token("toy:write", sub="officer"), "Idempotency-Key": "legacy"}
    first = toy_client.post("/v1/notes", json={"text": "old"}, headers=headers)
    with toy_engine.begin() as conn:
        conn.execute(toy.tables.idempotency_key.update().values(response_body=first.json()))
    assert toy_client.post("/v1/notes", json={"text": "old"}, headers=headers).status_code == 409


# -- JWKS ---------------------------------------------------------------------------------------------------


class Jwks:
    """A local JWKS endpoint whose key set can be rotated and which can be taken down."""

    def __init__(self):
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.fetches = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server naming
                owner.fetches += 1
                body = json.dumps(
                    {
                        "keys": [
                            {
                                **json.loads(RSAAlgorithm.to_jwk(k.public_key())),
                                "kid": kid,
                                "use": "sig",
                                "alg": "RS256",
                            }
                            for kid, k in owner.keys.items()
                        ]
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                return None

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/jwks.json"
        self.server: ThreadingHTTPServer | None = None
        self.handler = Handler

    def up(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()
        self.server = None

    def rotate(self, kid: str) -> None:
        self.keys = {kid: rsa.generate_private_key(public_exponent=65537, key_size=2048)}

    def add(self, kid: str) -> rsa.RSAPrivateKey:
        self.keys[kid] = key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return key

    def token(self, kid: str, key: rsa.RSAPrivateKey | None = None, scope: str = "toy:write") -> dict[str, str]:
        now = dt.datetime.now(dt.UTC)
        claims = {
            "sub": "oidc-user",
            "scope": scope,
            "iss": "hunan-suite",
            "aud": "hunan-suite",
            "exp": now + dt.timedelta(hours=1),
        }
        signing = key or self.keys[kid]
        return {"Authorization": f"Bearer {jwt.encode(claims, signing, algorithm='RS256', headers={'kid': kid})}"}


@pytest.fixture
def jwks_client(toy, toy_engine, database_url, memory_bus, tmp_path, monkeypatch):
    from hunan_shared import migrations
    from hunan_shared.service import create_service_app
    from hunan_shared.settings import ServiceSettings

    monkeypatch.setattr(migrations, "upgrade", lambda engine, location: None)
    monkeypatch.setattr(migrations, "is_at_head", lambda engine, location: True)
    jwks = Jwks()
    jwks.up()
    settings = PlatformSettings(hunan_var_dir=tmp_path / "var", auth_jwks_url=jwks.url)
    app = create_service_app(
        toy.spec, settings=settings, bus=memory_bus, service_settings=ServiceSettings(database_url=database_url)
    )
    auth._jwks_client.cache_clear()
    with TestClient(app) as client:
        yield client, jwks
    auth._jwks_client.cache_clear()
    if jwks.server is not None:
        jwks.down()


def test_jwks_key_rotation_and_an_unreachable_provider(jwks_client):
    client, jwks = jwks_client
    old = jwks.add("k-2026-01")
    assert client.post("/v1/notes", json={"text": "a"}, headers=jwks.token("k-2026-01")).status_code == 201
    # The provider rotates: only the new key is published. After the refresh cooldown a token signed with it
    # verifies (the client fetches the set again for an unknown key id), and the old key no longer does.
    jwks.rotate("k-2026-02")
    new_token = jwks.token("k-2026-02")
    deadline = dt.datetime.now() + dt.timedelta(seconds=auth.JWKS_REFRESH_COOLDOWN_SECONDS + 5)
    status = None
    while dt.datetime.now() < deadline:
        status = client.post("/v1/notes", json={"text": "b"}, headers=new_token).status_code
        if status == 201:
            break
        assert status == 401
        threading.Event().wait(0.5)
    assert status == 201
    assert client.post("/v1/notes", json={"text": "c"}, headers=jwks.token("k-2026-01", old)).status_code == 401
    # A token whose key is unknown, with the provider down: the key set cannot be fetched → 503, not 401.
    jwks.down()
    threading.Event().wait(auth.JWKS_REFRESH_COOLDOWN_SECONDS + 0.5)
    unknown = jwks.token("k-2026-03", jwks.add("k-2026-03"))
    response = client.post("/v1/notes", json={"text": "d"}, headers=unknown)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
