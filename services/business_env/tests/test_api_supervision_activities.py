"""Off-site supervision and the on-site share (Art. 40; R81) over HTTP."""

from __future__ import annotations

import pytest

from hunan_business_env.app import create_app
from hunan_business_env.settings import BusinessEnvSettings

WRITE, READ = "business_env:write", "business_env:read"
DEPT = "湘潭市市场监督管理局"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def activity(client, token, mode, day, method=None):
    body = {
        "department": DEPT,
        "division_code": "430300",
        "mode": mode,
        "supervised_object": "某食品企业",
        "carried_out_on": day,
    }
    if method:
        body["off_site_method"] = method
    return client.post("/v1/supervision-activities", json=body, headers=token(WRITE))


def test_on_site_share_is_reported_against_the_previous_year(client, token):
    share = client.get(
        "/v1/supervision-activities/on-site-share", params={"department": DEPT, "year": 2024}, headers=token(READ)
    ).json()
    assert share["on_site_share"] is None and share["activities"] == 0
    for mode, day, method in [
        ("ON_SITE", "2023-03-01", None),
        ("ON_SITE", "2023-12-31", None),
        ("OFF_SITE", "2023-06-01", "REMOTE"),
        ("ON_SITE", "2024-01-01", None),
        ("OFF_SITE", "2024-02-01", "MOBILE"),
        ("OFF_SITE", "2024-12-31", "EARLY_WARNING"),
    ]:
        assert activity(client, token, mode, day, method).status_code == 201
    # The method belongs to off-site activities only.
    assert activity(client, token, "ON_SITE", "2024-03-01", "REMOTE").status_code == 422
    assert activity(client, token, "OFF_SITE", "2024-03-01").status_code == 422
    share = client.get(
        "/v1/supervision-activities/on-site-share", params={"department": DEPT, "year": 2024}, headers=token(READ)
    ).json()
    assert share["activities"] == 3
    assert share["on_site_share"] == "0.3333" and share["previous_year_share"] == "0.6667"
    assert "reduced" in share["reason"] and share["basis"][0]["article"] == "Art. 40 / 第四十条"
    earlier = client.get(
        "/v1/supervision-activities/on-site-share", params={"department": DEPT, "year": 2023}, headers=token(READ)
    ).json()
    assert earlier["on_site_share"] == "0.6667" and earlier["previous_year_share"] is None
