"""PATCH /v1/persons/{id}: registration rules on the merged record, certificate re-derived, masked audit, and a
person newly vulnerable in an open disaster's county gets a case (R-E1 (a)–(g), R17, R56)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from hunan_disability.models import AssistanceCase, Person
from hunan_shared import clock
from hunan_shared.events.catalogue import DisasterClosed, DisasterDeclared

PROBLEM = "application/problem+json"
A, B = "430102", "430103"
NOW = clock.now()


def patch(client, headers, person_id, body):
    return client.patch(f"/v1/persons/{person_id}", json=body, headers=headers)


def row(client, person_id) -> Person:
    with Session(client.app.state.platform.engine) as session:
        return session.get(Person, person_id)


def cases_of(client, person_id) -> list[AssistanceCase]:
    with Session(client.app.state.platform.engine) as session:
        return list(session.scalars(select(AssistanceCase).where(AssistanceCase.person_id == person_id)).all())


def test_update_changes_facts_and_re_derives_the_certificate(client, headers, register):
    person = register(phone="13800138000", township="岳麓街道")
    response = patch(
        client,
        headers,
        person["id"],
        {
            "grade": 1,
            "household_status": "tekun",
            "tekun_support": "dispersed",
            "lives_alone": True,
            "division_code": B,
            "township": None,
            "phone": "13912345678",
            "needs_long_term_care": True,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["certificate_number"] == person["id_number"] + "41"  # R81: physical (4), now grade 1
    assert (body["grade"], body["household_status"], body["tekun_support"], body["division_code"]) == (
        1,
        "tekun",
        "dispersed",
        B,
    )
    assert body["township"] is None and body["phone"] == "13912345678" and body["needs_long_term_care"]
    assert body["id_number"] == person["id_number"] and body["name"] == person["name"]  # untouched
    # Leaving 多重 and coming back: components follow the category.
    multiple = patch(client, headers, person["id"], {"category": 7, "component_categories": [2, 4]}).json()
    assert multiple["certificate_number"].endswith("71") and multiple["component_categories"] == "24"
    single = patch(client, headers, person["id"], {"category": 2, "grade": 3}).json()
    assert single["certificate_number"].endswith("23") and single["component_categories"] == ""
    # A certificate number sent is checked against the re-derived one.
    ok = patch(client, headers, person["id"], {"grade": 2, "certificate_number": person["id_number"] + "22"})
    assert ok.status_code == 200 and ok.json()["certificate_number"] == person["id_number"] + "22"


BAD = {
    "identity number is immutable": {"id_number": "430102195001011001"},
    "name is not a mutable fact": {"name": "改名"},
    "unknown division": {"division_code": "439999"},
    "prefecture instead of county": {"division_code": "430100"},
    "grade 5": {"grade": 5},
    "category 8": {"category": 8},
    "multiple without components": {"category": 7},
    "components of a single category": {"component_categories": [2, 4]},
    "tekun support outside tekun": {"household_status": "none", "tekun_support": "dispersed"},
    "village without township": {"village": "新村"},
    "certificate for another grade": {"grade": 2, "certificate_number": "{id}43"},
    "certificate of another person": {"certificate_number": "430102195001011017" + "43"},
    "null for a fact that cannot be empty": {"lives_alone": None},
    "bad phone": {"phone": "12ab"},
    "nothing to change": {},
    "leaving tekun keeps a tekun support mode": {"household_status": "dibao"},
}


def test_bad_updates_are_problems_and_write_nothing(client, headers, register):
    person = register(household_status="tekun", tekun_support="centralized", phone="13800138000")
    before = row(client, person["id"]).model_dump()
    for case, change in BAD.items():
        body = {k: (v.format(id=person["id_number"]) if isinstance(v, str) else v) for k, v in change.items()}
        response = patch(client, headers, person["id"], body)
        assert response.status_code == 422, (case, response.text)
        assert response.headers["content-type"] == PROBLEM, case
        assert person["id_number"] not in response.text, case
        assert row(client, person["id"]).model_dump() == before, case


def test_unknown_person_and_missing_scope(client, headers, token, register):
    missing = patch(client, headers, "no-such-person", {"lives_alone": True})
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    person = register()
    assert patch(client, token("disability:read"), person["id"], {"lives_alone": True}).status_code == 403


def test_answer_and_audit_are_masked(client, headers, token, register):
    person = register(phone="13800138000")
    response = patch(client, token("disability:write"), person["id"], {"grade": 2, "contact_phone": "13912345678"})
    assert response.status_code == 200, response.text
    body = response.json()
    masked = person["id_number"][:6] + "********" + person["id_number"][-4:]
    assert body["id_number"] == masked and body["certificate_number"] == masked + "42"
    assert body["phone"] == "138****8000" and body["contact_phone"] == "139****5678"
    platform = client.app.state.platform
    audit = platform.tables.audit_log
    with Session(platform.engine) as session:
        [(changes,)] = session.execute(select(audit.c.changes).where(audit.c.action == "person.update")).all()
    assert changes["before"] == {"grade": 3, "certificate_number": masked + "43", "contact_phone": None}
    assert changes["after"] == {"grade": 2, "certificate_number": masked + "42", "contact_phone": "139****5678"}
    assert person["id_number"] not in str(changes) and "13912345678" not in str(changes)


def declared(disaster_id="D1", divisions=(A,)):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="flood",
        response_level="II",
        division_codes=list(divisions),
        title="洪涝",
        occurred_at=NOW,
        declared_at=NOW,
    )


def test_newly_vulnerable_person_in_an_open_disaster_gets_one_case(client, headers, register, events):
    mild = register(grade=3, division_code=A)  # not vulnerable: no case at the declaration
    elsewhere = register(grade=3, division_code=B)
    moving = register(grade=1, division_code=B)  # vulnerable, but outside the disaster
    assert client.post("/v1/liaisons", json={"name": "李联络", "division_code": A}, headers=headers).status_code == 201
    events.deliver(declared())
    assert cases_of(client, mild["id"]) == [] and cases_of(client, moving["id"]) == []

    assert patch(client, headers, mild["id"], {"phone": "13800138000"}).status_code == 200
    assert cases_of(client, mild["id"]) == []  # still not vulnerable
    assert patch(client, headers, mild["id"], {"lives_alone": True}).status_code == 200  # R-E1 (e)
    [case] = cases_of(client, mild["id"])
    assert (case.disaster_id, case.division_code, case.status) == ("D1", A, "liaison_assigned")
    assert patch(client, headers, mild["id"], {"home_isolated": True}).status_code == 200
    assert patch(client, headers, mild["id"], {"lives_alone": False, "home_isolated": False}).status_code == 200
    assert patch(client, headers, mild["id"], {"lives_alone": True}).status_code == 200
    assert len(cases_of(client, mild["id"])) == 1  # idempotent: one case per person and disaster

    assert patch(client, headers, elsewhere["id"], {"grade": 2}).status_code == 200
    assert cases_of(client, elsewhere["id"]) == []  # county B is not covered
    assert patch(client, headers, moving["id"], {"division_code": A}).status_code == 200
    [moved] = cases_of(client, moving["id"])  # moved into the disaster's county while vulnerable
    assert moved.division_code == A
    with Session(client.app.state.platform.engine) as session:
        assert session.scalar(select(func.count()).select_from(AssistanceCase)) == 1 + 1  # nobody else swept in


def test_a_closed_disaster_opens_nothing_on_update(client, headers, register, events):
    person = register(grade=3, division_code=A)
    events.deliver(
        declared(),
        DisasterClosed(
            disaster_id="D1", hazard="flood", response_level="II", division_codes=[A], outcome="closed", closed_at=NOW
        ),
    )
    assert patch(client, headers, person["id"], {"lives_alone": True}).status_code == 200
    assert cases_of(client, person["id"]) == []
