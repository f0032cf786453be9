"""Responsibility matrix lookup over HTTP (Division Plan 二, R54–R60)."""

from __future__ import annotations

R = "budget:read"


def test_lookup_by_wording_T21(client, token):
    rows = client.get("/v1/responsibilities", params={"item": "矿业权许可审批"}, headers=token(R)).json()
    assert [(r["id"], r["level"], r["area"]) for r in rows] == [("NR-505", "SHARED", "自然资源安全")]
    assert rows[0]["payers"] == ["province", "city_county"] and rows[0]["province_share"] is None


def test_lookup_by_id_and_filters(client, token):
    row = client.get("/v1/responsibilities/NR-709", headers=token(R)).json()
    assert row["level"] == "PER_EMERGENCY_RESCUE_PLAN" and row["payers"] == []
    province = client.get("/v1/responsibilities", params={"item": "NR-101"}, headers=token(R)).json()[0]
    assert (province["province_share"], province["city_county_share"]) == ("1", "0")
    section = client.get(
        "/v1/responsibilities", params={"section": "二(六)", "level": "CITY_COUNTY"}, headers=token(R)
    ).json()
    assert [r["id"] for r in section] == ["NR-610", "NR-611", "NR-612", "NR-613", "NR-614"]
    assert len(client.get("/v1/responsibilities", headers=token(R)).json()) == 103


def test_configured_share_R60(app_client, token):
    from hunan_budget.app import create_app
    from hunan_budget.settings import BudgetSettings

    client = app_client(create_app, BudgetSettings, shared_province_shares={"NR-505": "0.6"})
    row = client.get("/v1/responsibilities/NR-505", headers=token(R)).json()
    assert (row["province_share"], row["city_county_share"]) == ("0.6", "0.4")


def test_unknown_and_unauthorised(client, token):
    assert client.get("/v1/responsibilities/NR-999", headers=token(R)).status_code == 404
    assert client.get("/v1/responsibilities", params={"item": "不存在的事项"}, headers=token(R)).json() == []
    assert client.get("/v1/responsibilities").status_code == 401
    assert client.get("/v1/responsibilities", headers=token("budget:write")).status_code == 403
