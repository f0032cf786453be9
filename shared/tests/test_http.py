"""HTTP contract of every service: problem+json errors, auth scopes, idempotency, audit, body guards."""

import datetime as dt

import jwt
import pytest
from sqlalchemy import func, select

from hunan_shared.auth import mint_token
from hunan_shared.settings import PlatformSettings

PROBLEM = "application/problem+json"


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def test_validation_error_is_problem_json_and_writes_nothing(toy, toy_client, toy_engine, token):
    response = toy_client.post("/v1/notes", json={"text": "", "extra": 1}, headers=token("toy:write"))
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "urn:hunan:problem:validation-error"
    assert body["instance"] == "/v1/notes"
    assert {e["field"] for e in body["errors"]} == {"text", "extra"}
    assert count(toy_engine, toy.note_table) == 0
    assert count(toy_engine, toy.tables.outbox) == 0


def test_not_found_is_problem_json(toy_client, token):
    response = toy_client.get("/v1/notes/nope", headers=token("toy:read"))
    assert response.status_code == 404
    assert response.json()["title"] == "Resource not found"
    assert toy_client.get("/v1/nowhere").headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({}, 401, id="no-token"),
        pytest.param({"Authorization": "Bearer not-a-jwt"}, 401, id="garbage-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwdw=="}, 401, id="wrong-scheme"),
    ],
)
def test_mutation_without_valid_token_is_401(toy, toy_client, toy_engine, headers, status):
    response = toy_client.post("/v1/notes", json={"text": "x"}, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert count(toy_engine, toy.note_table) == 0


def test_mutation_without_scope_is_403(toy, toy_client, toy_engine, token):
    response = toy_client.post("/v1/notes", json={"text": "x"}, headers=token("toy:read"))
    assert response.status_code == 403
    assert "toy:write" in response.json()["detail"]
    assert count(toy_engine, toy.note_table) == 0


def test_expired_and_wrongly_signed_tokens_are_401(toy_client, platform_settings):
    expired = mint_token(platform_settings, "a", ["toy:write"], ttl=dt.timedelta(seconds=-10))
    forged = mint_token(PlatformSettings(auth_jwt_secret="another-secret-entirely-0123456789"), "a", ["toy:write"])
    for bad in (expired, forged):
        response = toy_client.post("/v1/notes", json={"text": "x"}, headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401
    assert (
        "expired"
        in toy_client.post("/v1/notes", json={"text": "x"}, headers={"Authorization": f"Bearer {expired}"}).json()[
            "detail"
        ]
    )


def test_token_with_wrong_audience_is_401(toy_client, platform_settings):
    claims = {
        "sub": "a",
        "scope": "toy:write",
        "aud": "someone-else",
        "iss": platform_settings.auth_issuer,
        "exp": dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
    }
    bad = jwt.encode(claims, platform_settings.auth_jwt_secret.get_secret_value(), algorithm="HS256")
    assert (
        toy_client.post("/v1/notes", json={"text": "x"}, headers={"Authorization": f"Bearer {bad}"}).status_code == 401
    )


def test_created_note_is_audited_and_emitted_in_the_same_transaction(toy, toy_client, toy_engine, token):
    response = toy_client.post("/v1/notes", json={"text": "hello"}, headers=token("toy:write", sub="alice"))
    assert response.status_code == 201
    with toy_engine.connect() as conn:
        audit = conn.execute(select(toy.tables.audit_log)).one()
        outbox = conn.execute(select(toy.tables.outbox)).one()
    assert (audit.actor, audit.action, audit.target_id) == ("alice", "note.create", response.json()["id"])
    assert audit.changes == {"before": None, "after": {"text": "hello"}}
    assert outbox.aggregateid == response.json()["id"] and outbox.type == "hunan.emergency.disaster.declared"


def test_idempotency_key_replays_the_first_result(toy, toy_client, toy_engine, token):
    headers = {**token("toy:write"), "Idempotency-Key": "abc-1"}
    first = toy_client.post("/v1/notes", json={"text": "once"}, headers=headers)
    again = toy_client.post("/v1/notes", json={"text": "once"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert count(toy_engine, toy.note_table) == 1
    different = toy_client.post("/v1/notes", json={"text": "other"}, headers=headers)
    assert different.status_code == 422
    assert "Idempotency-Key" in different.json()["detail"]
    assert count(toy_engine, toy.note_table) == 1


def test_oversize_body_is_413_and_wrong_content_type_is_415(toy_client, token):
    big = toy_client.post(
        "/v1/notes",
        content=b"{" + b" " * 2_000_000 + b"}",
        headers={**token("toy:write"), "content-type": "application/json"},
    )
    assert big.status_code == 413 and big.headers["content-type"] == PROBLEM
    xml = toy_client.post(
        "/v1/notes", content=b"<note/>", headers={**token("toy:write"), "content-type": "application/xml"}
    )
    assert xml.status_code == 415 and xml.headers["content-type"] == PROBLEM


def test_health_and_metrics(toy_client, token):
    assert toy_client.get("/livez").json() == {"status": "ok"}
    ready = toy_client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "broker": "ok"}
    toy_client.post("/v1/notes", json={"text": "m"}, headers=token("toy:write"))
    text = toy_client.get("/metrics").text
    assert 'http_requests_total{method="POST",route="/v1/notes",service="toy",status="201"} 1.0' in text
    assert "hunan_outbox_backlog" in text and "hunan_calendar_last_published_year" in text


def test_readiness_is_honest_about_the_broker(toy_client, memory_bus):
    memory_bus.connected = False
    ready = toy_client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["broker"] == "unavailable"


def test_dev_secret_is_refused_outside_local():
    with pytest.raises(ValueError, match="AUTH_JWT_SECRET"):
        PlatformSettings(hunan_env="prod")
    assert PlatformSettings(hunan_env="prod", auth_jwt_secret="a-real-secret-from-the-vault-32b+").hunan_env == "prod"
