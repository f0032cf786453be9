"""The service-item catalogue (Arts. 4, 5, 22, 24) and the hall, utility, bundle and double-entry checkers (Arts. 17,
23, 24, 25) over HTTP (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import ServiceItem
from hunan_business_env.settings import BusinessEnvSettings

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
ENTRY = {
    "code": "HN-XK-0001",
    "title": "食品经营许可",
    "level": "PROVINCE",
    "division": "430000",
    "department": "湖南省市场监督管理局",
    "conditions": ["有与经营的食品品种相适应的经营场所"],
    "steps": 3,
    "materials": ["食品经营许可申请书", "营业执照"],
    "time_limit_working_days": 10,
    "fee": "0",
    "handling": "LOCAL",
    "hall_included": True,
}


def count(client) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ServiceItem.__table__))


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def add(client, token, **changes):
    return client.post("/v1/service-items", json={**ENTRY, **changes}, headers=token(WRITE))


def local(**changes):
    return {"level": "CITY", "division": "430100", "department": "长沙市市场监督管理局", **changes}


def test_local_variant_must_equal_the_province_entry_and_names_what_differs(client, token):  # R39
    orphan = add(client, token, **local())
    assert orphan.status_code == 422 and orphan.json()["basis"][0]["article"] == "Art. 22 para 1 / 第二十二条第一款"
    assert add(client, token).status_code == 201
    refused = add(client, token, **local(materials=["食品经营许可申请书", "营业执照", "房屋租赁合同"], steps=4))
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM
    assert refused.json()["differing"] == ["steps", "materials"]
    assert count(client) == 1
    fee_differs = add(client, token, **local(fee="50.00"))  # the fee is not among the unified elements
    assert fee_differs.status_code == 201, fee_differs.text
    assert add(client, token, **local()).status_code == 409
    page = client.get("/v1/service-items", params={"code": "HN-XK-0001"}, headers=token(READ)).json()
    assert [(i["division"], i["steps"], i["material_count"]) for i in page["items"]] == [
        ("430000", 3, 2),
        ("430100", 3, 2),
    ]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"hall_included": False}, 422),
        ({"hall_included": False, "hall_exemption": "OTHER_SPECIAL"}, 422),
        ({"hall_included": False, "hall_exemption": "OTHER_SPECIAL", "hall_exemption_note": "24小时自助"}, 201),
        ({"hall_included": False, "hall_exemption": "SECRECY"}, 201),
        ({"hall_included": True, "hall_exemption": "SAFETY"}, 422),
    ],
)
def test_item_outside_the_hall_needs_a_stated_exemption(client, token, changes, status):  # R44
    r = add(client, token, **changes)
    assert r.status_code == status, r.text
    if status == 422:
        assert r.json()["basis"][0]["article"] == "Art. 24 para 1 / 第二十四条第一款" and count(client) == 0


def accept(client, token, code="HN-XK-0001", **body):
    r = client.post(f"/v1/service-items/{code}/acceptance", json=body, headers=token(READ))
    assert r.status_code == 200, r.text
    return r.json()


def test_chang_zhu_tan_same_city_accepts_applicants_of_the_three_cities(client, token):  # R4
    assert add(client, token).status_code == 201
    assert add(client, token, **local(czt_same_city=True)).status_code == 201
    zhuzhou = accept(client, token, division="430100", applicant_division="430202", accepting_division="430102")
    assert zhuzhou["accepted"] is True and zhuzhou["basis"][0]["article"] == "Art. 5 / 第五条"
    yueyang = accept(client, token, division="430100", applicant_division="430602", accepting_division="430102")
    assert yueyang["accepted"] is False
    # The province entry itself is LOCAL to 4300: no city applicant is taken under it.
    assert (
        accept(client, token, division="430000", applicant_division="430202", accepting_division="430102")["accepted"]
        is False
    )


def test_pilot_item_is_accepted_only_in_a_pilot_zone_and_in_province_items_anywhere(client, token):  # R3, R39
    unknown = add(client, token, pilot_zones=["某开发区"])
    assert unknown.status_code == 422 and count(client) == 0
    assert add(client, token, pilot_zones=["湖南湘江新区"], handling="IN_PROVINCE").status_code == 201
    outside = accept(client, token, division="430000", applicant_division="430602", accepting_division="430602")
    assert outside["accepted"] is False and outside["basis"][0]["article"] == "Art. 4 para 2 / 第四条第二款"
    inside = accept(
        client,
        token,
        division="430000",
        applicant_division="431002",
        accepting_division="430104",
        accepting_zone="湖南湘江新区",
    )
    assert inside["accepted"] is True and inside["basis"][0]["article"] == "Art. 22 para 1 / 第二十二条第一款"
    missing = client.post(
        "/v1/service-items/NOPE/acceptance",
        json={"division": "430000", "applicant_division": "430100", "accepting_division": "430100"},
        headers=token(READ),
    )
    assert missing.status_code == 404


def test_public_utility_gaps_are_named(client, token):  # R27
    body = {
        "utility": "某供水公司",
        "kind": "WATER",
        "in_service_hall": True,
        "publishes_service_standards": True,
        "publishes_fee_standards": False,
        "publishes_time_limits": True,
        "docked_with_platform": True,
    }
    v = client.post("/v1/checks/public-utilities", json=body, headers=token(READ)).json()
    assert v["compliant"] is False and v["gaps"] == ["NO_FEE_STANDARDS"]
    assert v["basis"][0]["article"] == "Art. 17 para 1 / 第十七条第一款"
    body["publishes_fee_standards"] = True
    assert client.post("/v1/checks/public-utilities", json=body, headers=token(READ)).json()["compliant"] is True
    body["kind"] = "BAKERY"
    assert client.post("/v1/checks/public-utilities", json=body, headers=token(READ)).status_code == 422


def test_hall_application_needs_voucher_officer_time_limit_and_one_notice(client, token):  # R45
    body = {
        # Fri 27 Sep 2024 + 3 working days: Sun 29 Sep (make-up day), Mon 30 Sep, then 1–7 Oct off → Tue 8 Oct.
        "accepted_on": "2024-09-27",
        "time_limit_working_days": 3,
        "due_on": "2024-10-08",
        "receipt_voucher": "SJ-2024-0001",
        "first_inquiry_officer": "窗口A03",
        "notices": [["营业执照"], ["房屋租赁合同"]],
        "materials_submitted_after_first_notice": ["营业执照"],
    }
    v = client.post("/v1/checks/hall-applications", json=body, headers=token(READ)).json()
    assert v["findings"] == ["PIECEMEAL_NOTICE"]
    assert v["basis"][0]["article"] == "Art. 24 paras 2–3 / 第二十四条第二款至第三款"
    # The second notice names the resubmitted licence (found deficient), not a material missing all along.
    body["notices"] = [["营业执照"], ["营业执照"]]
    assert client.post("/v1/checks/hall-applications", json=body, headers=token(READ)).json()["compliant"] is True
    body.update(due_on="2024-10-09", receipt_voucher=" ", first_inquiry_officer=None)
    v = client.post("/v1/checks/hall-applications", json=body, headers=token(READ)).json()
    assert v["findings"] == ["NO_RECEIPT_VOUCHER", "NO_FIRST_INQUIRY_OFFICER", "DUE_DATE_BEYOND_LIMIT"]
    body["due_on"] = "2024-09-26"
    assert client.post("/v1/checks/hall-applications", json=body, headers=token(READ)).status_code == 422


def test_one_thing_bundle_is_handled_once(client, token):  # R43, R17
    body = {
        "matter": "外国人来华工作居留一件事",
        "notices": 1,
        "forms": 1,
        "departments": 3,
        "separate_submissions": 1,
        "deliveries": 1,
    }
    assert client.post("/v1/checks/one-thing-bundles", json=body, headers=token(READ)).json()["compliant"] is True
    body.update(notices=2, separate_submissions=3, deliveries=2)
    v = client.post("/v1/checks/one-thing-bundles", json=body, headers=token(READ)).json()
    assert v["findings"] == ["MORE_THAN_ONE_NOTICE", "NOT_JOINTLY_HANDLED", "MORE_THAN_ONE_DELIVERY"]
    assert v["basis"][0]["article"] == "Art. 23 / 第二十三条"


def test_fields_the_platform_holds_are_not_asked_twice(client, token):  # R46
    body = {
        "platform_fields": ["统一社会信用代码", "法定代表人"],
        "requested_fields": ["法定代表人", "经营范围", "法定代表人"],
    }
    v = client.post("/v1/checks/double-entry", json=body, headers=token(READ)).json()
    assert v["asked_twice"] == ["法定代表人"] and v["basis"][0]["article"] == "Art. 25 para 1 / 第二十五条第一款"
    body["requested_fields"] = ["经营范围"]
    assert client.post("/v1/checks/double-entry", json=body, headers=token(READ)).json()["compliant"] is True
