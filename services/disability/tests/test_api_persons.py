"""Person register through HTTP: validation (nothing written on 422), masking, CSV import, logs and audit."""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlmodel import Session

from hunan_disability.models import Person

PROBLEM = "application/problem+json"


def person_count(client) -> int:
    with Session(client.app.state.platform.engine) as session:
        return session.scalar(select(func.count()).select_from(Person))


def test_register_derives_the_certificate_and_decodes_the_identity(client, headers, person_body):
    body = person_body(category=7, component_categories=[2, 4], grade=2, phone="13800138000", household_id="H-1")
    response = client.post("/v1/persons", json=body, headers=headers)
    assert response.status_code == 201, response.text
    person = response.json()
    assert person["certificate_number"] == body["id_number"] + "72"  # R81: identity + category 7 + grade 2
    assert person["birth_date"] == "1950-01-01" and person["sex"] == "male"  # order code 101: odd → male
    assert person["component_categories"] == "24"
    assert {b["document"] for b in person["basis"]} >= {"GB 11643-1999 公民身份号码"}


CASES = {
    "bad checksum": {"id_number": "430102195001011009"},
    "15-digit number": {"id_number": "430102500101100"},
    "unknown division": {"division_code": "439999"},
    "prefecture instead of county": {"division_code": "430100"},
    "grade 5": {"grade": 5},
    "grade 0": {"grade": 0},
    "category 8": {"category": 8},
    "multiple without components": {"category": 7},
    "components of a single category": {"component_categories": [2, 4]},
    "tekun support outside tekun": {"tekun_support": "dispersed"},
    "certificate for another grade": {"certificate_number": None},
    "unknown field": {"nickname": "x"},
}


def test_bad_input_is_a_problem_and_writes_nothing(client, headers, person_body):
    for case, change in CASES.items():  # one started service for the whole table
        body = person_body(**change)
        if "certificate_number" in change:
            body["certificate_number"] = body["id_number"] + "43"  # physical grade 3, but grade 2 is registered
            body["grade"] = 2
        response = client.post("/v1/persons", json=body, headers=headers)
        assert response.status_code == 422, (case, response.text)
        assert response.headers["content-type"] == PROBLEM, case
        problem = response.json()
        assert problem["status"] == 422 and problem["instance"] == "/v1/persons", case
        assert problem.get("errors") or "certificate" in problem["detail"], case
        assert body["id_number"] not in response.text, case  # identity numbers are never echoed
        assert person_count(client) == 0, case


def test_duplicate_identity_is_a_conflict(client, headers, person_body):
    body = person_body()
    assert client.post("/v1/persons", json=body, headers=headers).status_code == 201
    again = client.post("/v1/persons", json=body | {"name": "另一人"}, headers=headers)
    assert again.status_code == 409 and person_count(client) == 1


def test_personal_data_is_masked_without_the_pii_scope(client, token, person_body):
    body = person_body(phone="13800138000", contact_phone="13912345678", contact_name="家属")
    writer_without_pii = token("disability:write")
    created = client.post("/v1/persons", json=body, headers=writer_without_pii).json()
    masked = body["id_number"][:6] + "********" + body["id_number"][-4:]
    assert created["id_number"] == masked and created["certificate_number"] == masked + "43"
    assert created["phone"] == "138****8000" and created["contact_phone"] == "139****5678"
    plain = client.get(f"/v1/persons/{created['id']}", headers=token("disability:read")).json()
    listed = client.get("/v1/persons", headers=token("disability:read")).json()["items"][0]
    assert plain["id_number"] == listed["id_number"] == masked and plain["phone"] == "138****8000"
    full = client.get(f"/v1/persons/{created['id']}", headers=token("disability:read", "disability:pii")).json()
    assert full["id_number"] == body["id_number"] and full["phone"] == "13800138000"
    assert full["certificate_number"] == body["id_number"] + "43" and full["contact_phone"] == "13912345678"


def test_division_filter(client, headers, register):
    register(division_code="430102")
    register(division_code="430211")  # 株洲
    assert len(client.get("/v1/persons", params={"division": "430100"}, headers=headers).json()["items"]) == 1
    assert len(client.get("/v1/persons", params={"division": "430000"}, headers=headers).json()["items"]) == 2
    unknown = client.get("/v1/persons", params={"division": "439999"}, headers=headers)
    assert unknown.status_code == 422 and unknown.headers["content-type"] == PROBLEM


# --- CSV import -----------------------------------------------------------------------------------------------

HEADER = "id_number,name,category,component_categories,grade,division_code,household_status,lives_alone,phone"


def csv_line(id_number, grade="3", division="430102", category="4", components="", status="none", alone="false"):
    return f"{id_number},张三,{category},{components},{grade},{division},{status},{alone},13800138000"


def import_csv(client, headers, lines):
    return client.post(
        "/v1/persons/import",
        content="\n".join([HEADER, *lines]).encode(),
        headers=headers | {"Content-Type": "text/csv"},
    )


def test_import_writes_every_row(client, headers, id_numbers):
    lines = [
        csv_line(id_numbers()),
        csv_line(id_numbers(), category="7", components="24", grade="1"),
        csv_line(id_numbers(), status="dibao", alone="true"),
    ]
    response = import_csv(client, headers, lines)
    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 3 and person_count(client) == 3


def test_import_is_all_or_nothing_and_reports_every_bad_row(client, headers, id_numbers, register):
    taken = register()["id_number"]
    good = id_numbers()
    lines = [
        csv_line(good),  # line 2: fine
        csv_line("430102195001011009"),  # line 3: checksum
        csv_line(id_numbers(), grade="5", division="439999"),  # line 4: two problems
        csv_line(good),  # line 5: duplicate of line 2
        csv_line(taken),  # line 6: already registered
        csv_line(id_numbers(), category="7"),  # line 7: multiple without components
    ]
    response = import_csv(client, headers, lines)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["detail"].startswith("5 bad row(s)")
    fields = [e["field"] for e in problem["errors"]]
    assert fields == [
        "line 3.id_number",
        "line 4.division_code",
        "line 4.grade",
        "line 5.id_number",
        "line 6.id_number",
        "line 7.row",
    ]
    assert not any(f.startswith("line 2.") for f in fields) and "430102195001011009" not in response.text
    assert person_count(client) == 1  # only the person registered before the import


MALFORMED = {
    "empty": (b"", "text/csv", 422),
    "missing columns": (b"name,grade\n", "text/csv", 422),
    "header only": (HEADER.encode() + b"\n", "text/csv", 422),
    "not utf-8": (b"\xff\xfe\xfa", "text/csv", 422),
    "json body": (b'{"a": 1}', "application/json", 415),
}


def test_import_refuses_malformed_files(client, headers):
    for case, (body, content_type, status) in MALFORMED.items():
        response = client.post("/v1/persons/import", content=body, headers=headers | {"Content-Type": content_type})
        assert response.status_code == status, (case, response.text)
        assert response.headers["content-type"] == PROBLEM, case
        assert person_count(client) == 0, case


def test_logs_and_audit_never_hold_an_unmasked_identity_number(client, headers, person_body, id_numbers, caplog):
    caplog.set_level(logging.DEBUG)
    registered = person_body(phone="13800138000")
    assert client.post("/v1/persons", json=registered, headers=headers).status_code == 201
    imported = [id_numbers(), id_numbers()]
    assert import_csv(client, headers, [csv_line(n) for n in imported]).status_code == 201
    rejected = id_numbers()
    assert import_csv(client, headers, [csv_line(rejected, grade="9")]).status_code == 422
    messages = [r for r in caplog.records if r.name.startswith("hunan_disability")]
    assert {r.getMessage() for r in messages} >= {"person registered", "persons imported", "person import rejected"}
    text = "\n".join(caplog.handler.format(r) + " " + str(r.__dict__) for r in caplog.records)
    for number in [registered["id_number"], *imported, rejected]:
        assert number not in text
    assert registered["id_number"][:6] + "********" + registered["id_number"][-4:] in text  # the masked form is
    platform = client.app.state.platform
    with Session(platform.engine) as session:
        audit = str(session.execute(select(platform.tables.audit_log.c.changes)).all())
    assert all(n not in audit for n in [registered["id_number"], *imported]) and "13800138000" not in audit
