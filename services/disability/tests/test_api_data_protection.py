"""Data protection of the register (issue 11): what a reader without disability:pii sees cannot rebuild an
identity number anywhere a person appears; one spelling per identifier; registration joins open disasters;
imports and idempotent replays disclose nothing beyond the caller's scopes."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select
from sqlmodel import Session

from hunan_disability.rules.identity import id_check_character
from hunan_disability.rules.masking import AGE_BANDS, MIN_CANDIDATES, AgeBand, id_candidates
from hunan_shared import clock

from .test_api_assistance import cases_of, declared
from .test_api_persons import csv_line, import_csv, person_count
from .test_api_warnings import issued

A = "430102"
PROBLEM = "application/problem+json"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def number(birth: dt.date, serial: int, address: str = A) -> str:
    first_17 = f"{address}{birth:%Y%m%d}{serial:03d}"
    return first_17 + id_check_character(first_17)


def strings(value) -> list[str]:
    """Every string and number anywhere in a JSON document, as text."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [str(value)]


def test_no_combination_of_visible_fields_rebuilds_an_identity_number(client, headers, token, register, events):
    """Every person-bearing answer a reader without pii can get — by id, list, cases, warning notifications —
    plus the audit log and every event, for persons in each age band: no birth date, no full number, and the
    masked number with the age band leaves at least MIN_CANDIDATES checksum-valid numbers."""
    today = clock.now().date()
    births = [today - dt.timedelta(days=365 * years + 40) for years in (3, 10, 30, 65, 85)]
    people = {}
    for serial, birth in enumerate(births, start=201):
        body = register(
            id_number=number(birth, serial),
            grade=1,  # severe: gets a case in a disaster and a place on warning lists
            phone="13800138000",
            contact_name="王家属",
            contact_phone="13912345678",
        )
        people[body["id"]] = (body["id_number"], body["certificate_number"], birth)
    events.deliver(declared(divisions=(A,)), issued(divisions=(A,)))
    reader = token("disability:read")
    answers = [
        client.get("/v1/persons", params={"limit": 100}, headers=reader).json(),
        *(client.get(f"/v1/persons/{pid}", headers=reader).json() for pid in people),
        cases_of(client, reader),
        client.get("/v1/warnings/W1/notifications", headers=reader).json(),
    ]
    platform = client.app.state.platform
    with Session(platform.engine) as session:
        audit = [row.changes for row in session.execute(select(platform.tables.audit_log)).all()]
    published = [json.loads(m.value) for m in events.memory_bus.messages]
    visible = " ".join(strings([answers, audit, published]))
    for pid, (id_number, certificate, birth) in people.items():
        for secret in (id_number, certificate, birth.isoformat(), f"{birth:%Y%m%d}", "13800138000", "王家属"):
            assert secret not in visible, (pid, secret)
        shown = client.get(f"/v1/persons/{pid}", headers=reader).json()
        assert shown["birth_date"] is None and shown["contact_name"] == "王**"
        low, _, high = shown["age_band"].partition("-")
        band = AgeBand(int(low.rstrip("+")), int(high) if high else None)
        assert shown["id_number"] == id_number[:6] + "********" + id_number[-4:]
        assert id_candidates(shown["id_number"], band, today) >= MIN_CANDIDATES, shown["age_band"]
    assert {a["age_band"] for a in answers[0]["items"]} == {"0-6", "7-15", "16-59", "60-79", "80+"}
    [notified] = [i for i in answers[-1]["items"] if i["person_id"] == next(iter(people))]
    assert notified["contact_name"] == "王**" and notified["phone"] == "138****8000"
    full = client.get(f"/v1/persons/{next(iter(people))}", headers=headers).json()
    assert full["birth_date"] == births[0].isoformat() and full["contact_name"] == "王家属"


@pytest.mark.parametrize("years", range(0, 120, 1))
def test_every_age_leaves_enough_candidates(years):
    """For every completed age, the band shown keeps the masked number ambiguous (≥ MIN_CANDIDATES)."""
    today = dt.date(2026, 3, 1)
    birth = today.replace(year=today.year - years) - dt.timedelta(days=1)
    if birth < dt.date(1900, 1, 1):
        pytest.skip("before the register's earliest birth date")
    masked = number(birth, 123)[:6] + "********" + number(birth, 123)[-4:]
    [band] = [AgeBand(lo, hi) for lo, hi in AGE_BANDS if years >= lo and (hi is None or years <= hi)]
    assert id_candidates(masked, band, today) >= MIN_CANDIDATES


# --- One spelling per identifier (issue 11 item 3) ---------------------------------------------------------------


def test_full_width_digits_are_the_same_identity_and_other_scripts_are_refused(client, headers, person_body):
    body = person_body(phone="13800138000")
    wide = body | {
        "id_number": body["id_number"][:-1] + body["id_number"][-1].translate(FULL_WIDTH),
        "division_code": A.translate(FULL_WIDTH),
        "phone": "１３８００１３８０００",
    }
    created = client.post("/v1/persons", json=wide, headers=headers)
    assert created.status_code == 201, created.text
    stored = created.json()
    assert stored["id_number"] == body["id_number"] and stored["division_code"] == A
    assert stored["phone"] == "13800138000" and stored["certificate_number"].isascii()
    again = client.post("/v1/persons", json=body, headers=headers)  # the ASCII spelling is the same person
    assert again.status_code == 409 and person_count(client) == 1
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    for field, value in [
        ("id_number", body["id_number"][:-2] + body["id_number"][-2:].translate(arabic)),
        ("division_code", A.translate(arabic)),
        ("phone", "13800138000".translate(arabic)),
    ]:
        refused = client.post("/v1/persons", json=person_body() | {field: value}, headers=headers)
        assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM, field
    assert person_count(client) == 1


def test_csv_import_normalises_identifiers_like_json(client, headers, register):
    taken = register()["id_number"]
    response = import_csv(client, headers, [csv_line(taken.translate(FULL_WIDTH))])
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["line 2.id_number"]
    assert response.json()["errors"][0]["message"] == "already registered"


def test_person_patch_normalises_phone_and_division(client, headers, register):
    person = register()
    changed = client.patch(
        f"/v1/persons/{person['id']}",
        json={"phone": "１３９１２３４５６７８", "division_code": "４３０１０３"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["phone"] == "13912345678" and changed.json()["division_code"] == "430103"


# --- Registration joins open disasters (issue 11 item 4) --------------------------------------------------------


def test_registration_and_import_during_an_open_disaster_open_cases(client, headers, register, id_numbers, events):
    events.deliver(declared(divisions=(A,)))
    assert cases_of(client, headers) == []
    severe = register(grade=1)
    register(grade=4)  # not vulnerable: no case
    lines = [csv_line(id_numbers(), grade="1"), csv_line(id_numbers(), grade="4"), csv_line(id_numbers(), alone="true")]
    assert import_csv(client, headers, lines).status_code == 201
    cases = cases_of(client, headers)
    assert len(cases) == 3 and severe["id"] in {c["person_id"] for c in cases}
    assert all(c["disaster_id"] == "D1" and c["division_code"] == A for c in cases)
    opened = events.emitted("hunan.disability.assistance.opened", 2)
    assert sum(e["cases_opened"] for e in opened) == 3
    events.deliver(declared())  # a repeated declaration opens nothing twice
    assert len(cases_of(client, headers)) == 3


def test_registration_outside_the_disaster_or_after_it_closed_opens_nothing(client, headers, register, events):
    events.deliver(declared(divisions=("430103",)))
    register(grade=1)  # county A is not covered
    assert cases_of(client, headers) == []


# --- Imports and replays disclose nothing beyond the caller's scopes (issue 11 items 5, 6) ----------------------


def test_import_without_read_scope_does_not_say_who_is_registered(client, headers, token, register, id_numbers):
    taken = register()["id_number"]
    writer_only = token("disability:write")
    lines = [csv_line(id_numbers()), csv_line(taken), csv_line(id_numbers(), grade="9")]
    problem = import_csv(client, writer_only, lines).json()
    assert [e["field"] for e in problem["errors"]] == ["line 0.file", "line 4.grade"]
    assert "already registered" not in json.dumps(problem, ensure_ascii=False)
    assert not re.search(r"line [23]\b", json.dumps(problem))  # neither the new row nor the registered one
    reader = import_csv(client, token("disability:write", "disability:read"), lines).json()
    assert [e["field"] for e in reader["errors"]] == ["line 3.id_number", "line 4.grade"]


def test_idempotent_replay_without_pii_is_masked_and_nothing_stored_is_clear(client, token, person_body):
    body = person_body(phone="13800138000", contact_name="李家属")
    officer = token("disability:write", "disability:pii", sub="officer-1")
    first = client.post("/v1/persons", json=body, headers=officer | {"Idempotency-Key": "k-1"})
    assert first.status_code == 201 and first.json()["id_number"] == body["id_number"]
    same_sub_no_pii = token("disability:write", sub="officer-1")
    # The platform binds a replay to the subject AND its scopes: without disability:pii the key is refused (409),
    # so the stored answer never reaches a caller who may not see it.
    replay = client.post("/v1/persons", json=body, headers=same_sub_no_pii | {"Idempotency-Key": "k-1"})
    assert replay.status_code == 409 and body["id_number"] not in replay.text
    again = client.post("/v1/persons", json=body, headers=officer | {"Idempotency-Key": "k-1"})
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()  # re-read in clear
    patch = {"phone": "13912345678"}
    url = f"/v1/persons/{first.json()['id']}"
    changed = client.patch(url, json=patch, headers=officer | {"Idempotency-Key": "k-2"})
    assert changed.json()["phone"] == "13912345678"
    replayed = client.patch(url, json=patch, headers=same_sub_no_pii | {"Idempotency-Key": "k-2"})
    assert replayed.status_code == 409 and "13912345678" not in replayed.text
    platform = client.app.state.platform
    with Session(platform.engine) as session:
        stored = str(session.execute(select(platform.tables.idempotency_key.c.response_body)).all())
    assert body["id_number"] not in stored and "13800138000" not in stored and "13912345678" not in stored
    assert "李家属" not in stored
