"""Emergency assistance (W6) end to end in one service: events in, cases and events out, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from sqlalchemy import insert, select
from sqlmodel import Session

from hunan_disability.models import Person
from hunan_disability.rules.emergency_assistance import VulnerabilityPolicy, vulnerability_reasons
from hunan_disability.rules.enums import DisabilityGrade
from hunan_disability.use_cases.assistance import vulnerable_clause
from hunan_disability.use_cases.persons import facts
from hunan_shared import clock
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    DisasterLevelChanged,
    DispatchDelivered,
)
from hunan_shared.testing import run_job

A, B, C = "430102", "430103", "430104"  # three Changsha counties
NOW = clock.now()


def declared(disaster_id="D1", divisions=(A,), level="II"):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="flood",
        response_level=level,
        division_codes=list(divisions),
        title="洪涝",
        occurred_at=NOW,
        declared_at=NOW,
    )


def extended(added, all_divisions, disaster_id="D1", level="II"):
    return DisasterDivisionsExtended(
        disaster_id=disaster_id,
        hazard="flood",
        response_level=level,
        division_codes=list(all_divisions),
        added_division_codes=list(added),
        extended_at=NOW,
    )


def cases_of(client, headers, disaster_id="D1"):
    body = client.get("/v1/assistance-cases", params={"disaster_id": disaster_id, "limit": 500}, headers=headers).json()
    return body["items"]


# --- The SQL predicate is the pure rule (R-E1) ----------------------------------------------------------------

# Each R-E1 predicate (a)–(g) with concrete column values that make it true and values that make it false.
PREDICATES = {
    "hardship": (
        [{"household_status": s} for s in ("dibao", "dibao_marginal", "tekun", "low_income")]
        + [{"household_status": "none", "anti_relapse_monitored": True}],
        [{"household_status": "none", "anti_relapse_monitored": False}],
    ),
    "severe": ([{"grade": 1}, {"grade": 2}], [{"grade": 3}, {"grade": 4}]),
    "guardian": (
        [
            {"guardian": "guardian_unable"},
            {"orphan_or_unsupported_child": True},
            {"guardian": "guardian_unable", "other_carer_present": True},
        ],
        [{"guardian": "guardian_able"}, {"guardian": "not_a_ward"}],
    ),
    "cognitive": (
        [{"category": 5}, {"category": 6}, {"category": 7, "component_categories": "24"}],
        [{"category": c} for c in (1, 2, 3, 4)],
    ),
    "alone": ([{"lives_alone": True}], [{"lives_alone": False}]),
    "isolated": ([{"home_isolated": True}], [{"home_isolated": False}]),
    "dispersed": ([{"tekun_support": "dispersed"}], [{"tekun_support": None}, {"tekun_support": "centralized"}]),
}
POLICIES = [
    VulnerabilityPolicy(),
    VulnerabilityPolicy(
        hardship=False,
        severe=False,
        guardian_or_orphan=False,
        intellectual_mental_multiple=False,
        lives_alone=False,
        home_isolated=False,
        tekun_dispersed=False,
    ),
    VulnerabilityPolicy(severe_grades=frozenset({DisabilityGrade.ONE})),
    *[
        VulnerabilityPolicy(**{flag: False})
        for flag in (
            "hardship",
            "severe",
            "guardian_or_orphan",
            "intellectual_mental_multiple",
            "lives_alone",
            "home_isolated",
            "tekun_dispersed",
        )
    ],
]


def synthetic_register(seed: int = 2021) -> list[dict]:
    """Every true/false combination of the seven predicates (128), three persons each with random concrete values.

    Rows go straight into the table, so combinations the API would refuse (a dispersed 特困 person outside a
    特困 household) are present too: the two forms must agree on whatever the register holds.
    """
    rng = random.Random(seed)
    rows = []
    serial = 0
    for truth in itertools.product((True, False), repeat=len(PREDICATES)):
        for _ in range(3):
            serial += 1
            row = {
                "household_status": "none",
                "anti_relapse_monitored": False,
                "grade": 3,
                "guardian": "not_a_ward",
                "orphan_or_unsupported_child": False,
                "other_carer_present": False,
                "category": 4,
                "component_categories": "",
                "lives_alone": False,
                "home_isolated": False,
                "tekun_support": None,
            }
            for holds, (true_values, false_values) in zip(truth, PREDICATES.values(), strict=True):
                row |= rng.choice(true_values if holds else false_values)
            rows.append(
                row
                | {
                    "id": f"p{serial:04d}",
                    "id_number": f"{serial:018d}",
                    "name": "合成",
                    "sex": "male",
                    "birth_date": dt.date(1960, 1, 1),
                    "certificate_number": f"{serial:020d}",
                    "division_code": A,
                    "created_at": NOW,
                }
            )
    return rows


def test_sql_predicate_selects_exactly_the_persons_the_rule_selects(client):
    """R-E1: `vulnerable_clause(policy)` over the register ≡ `vulnerability_reasons(person, policy) != []`."""
    engine = client.app.state.platform.engine
    rows = synthetic_register()
    with Session(engine) as session:
        session.execute(insert(Person), rows)
        session.commit()
        persons = session.scalars(select(Person)).all()
        assert len(persons) == 384
        for policy in POLICIES:
            by_sql = set(session.scalars(select(Person.id).where(vulnerable_clause(policy))).all())
            by_rule = {p.id for p in persons if vulnerability_reasons(facts(p), policy)}
            assert by_sql == by_rule, policy
        # The register really exercises both outcomes of every predicate under the default policy.
        reasons = [vulnerability_reasons(facts(p)) for p in persons]
        assert sum(1 for r in reasons if not r) == 3  # the all-false combination only
        assert all(
            any(letter in " ".join(r) for r in reasons) for letter in ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
        )


# --- Two counties with known answers ---------------------------------------------------------------------------


@pytest.fixture
def two_counties(client, headers, register):
    """County A: five persons, four vulnerable; county B: one vulnerable; county C: one vulnerable (never affected)."""
    people = {
        "a_severe": register(grade=1, division_code=A),
        "a_mild": register(grade=4, category=2, division_code=A),
        "a_alone": register(grade=3, lives_alone=True, division_code=A),
        "a_ward": register(grade=3, category=5, guardian="guardian_unable", division_code=A),
        "a_hardship": register(grade=4, household_status="dibao", division_code=A),
        "b_severe": register(grade=2, division_code=B),
        "c_severe": register(grade=1, division_code=C),
    }
    for name, county in (("李联络", A), ("王联络", A), ("赵联络", B)):
        assert (
            client.post("/v1/liaisons", json={"name": name, "division_code": county}, headers=headers).status_code
            == 201
        )
    return {key: value["id"] for key, value in people.items()}


def test_declaration_opens_exactly_the_vulnerable_persons_of_the_county(client, headers, two_counties, events):
    events.deliver(declared())
    cases = cases_of(client, headers)
    by_person = {c["person_id"]: c for c in cases}
    expected = {two_counties[k] for k in ("a_severe", "a_alone", "a_ward", "a_hardship")}
    assert set(by_person) == expected
    assert {c["status"] for c in cases} == {"liaison_assigned"}
    loads = sorted(sum(1 for c in cases if c["liaison_id"] == lid) for lid in {c["liaison_id"] for c in cases})
    assert loads == [2, 2]  # balanced over the county's two liaisons
    assert [c["person_id"] for c in cases if c["needs_temporary_care"]] == [two_counties["a_ward"]]
    assert by_person[two_counties["a_ward"]]["contact_channels"] == ["in_person_visit"]  # guardian cannot act
    opened = events.emitted("hunan.disability.assistance.opened", 1)
    assert [(e["division_code"], e["cases_opened"], e["needing_temporary_care"]) for e in opened] == [(A, 4, 1)]
    [request] = events.emitted("hunan.disability.supplies.requested", 1)
    assert [(d["division_code"], d["persons"]) for d in request["demands"]] == [(A, 4)]
    assert {line["item"]: line["quantity"] for line in request["demands"][0]["lines"]}["drinking_water_litre"] == 36
    assert "id_number" not in str(request) and "person_id" not in str(opened)


def test_redelivery_and_repeated_declaration_open_nothing_twice(client, headers, two_counties, events):
    event = declared()
    events.deliver(event)
    events.deliver(event)  # the same message again: the inbox drops it
    events.deliver(declared())  # a new message for the same disaster: the set-based INSERT skips persons with a case
    assert len(cases_of(client, headers)) == 4
    assert len(events.emitted("hunan.disability.supplies.requested", 2, timeout=0.5)) == 1


def test_a_declaration_for_a_township_opens_the_cases_of_its_county(client, headers, two_counties, events):
    """A local disaster declared for a township (9-digit statistical code) of county A, then extended to a
    village of county B: the register keeps residence by county, so the county's vulnerable persons get a case."""
    events.deliver(declared(divisions=(A + "001",)))
    cases = cases_of(client, headers)
    assert {c["person_id"] for c in cases} == {two_counties[k] for k in ("a_severe", "a_alone", "a_ward", "a_hardship")}
    [opened] = events.emitted("hunan.disability.assistance.opened", 1)
    assert (opened["division_code"], opened["cases_opened"]) == (A, 4)
    events.deliver(extended(added=[B + "002003"], all_divisions=[A + "001", B + "002003"]))
    assert {c["division_code"] for c in cases_of(client, headers)} == {A, B}
    delivered = DispatchDelivered(
        dispatch_id="X1", disaster_id="D1", request_id=None, division_codes=[A + "001"], delivered_at=NOW
    )
    events.deliver(delivered)  # goods delivered to the township: the county's cases are supplied
    assert {c["status"] for c in cases_of(client, headers) if c["division_code"] == A} == {"supplied"}


def test_extension_opens_only_the_new_divisions(client, headers, two_counties, events):
    events.deliver(declared())
    events.deliver(extended(added=[B], all_divisions=[A, B]))
    cases = cases_of(client, headers)
    assert len(cases) == 5
    [new] = [c for c in cases if c["division_code"] == B]
    assert new["person_id"] == two_counties["b_severe"] and new["status"] == "liaison_assigned"
    requests = events.emitted("hunan.disability.supplies.requested", 2)
    assert [[d["division_code"] for d in r["demands"]] for r in requests] == [[A], [B]]


def test_extension_of_an_unknown_disaster_covers_all_its_divisions(client, headers, two_counties, events):
    events.deliver(extended(added=[B], all_divisions=[A, B], disaster_id="D9"))
    assert len(cases_of(client, headers, "D9")) == 5


def test_level_change_sweeps_again_with_the_new_level(client, headers, two_counties, events, register):
    events.deliver(declared(level="III"))
    # A row that reached the register past the registration path (which opens its case at once, issue 11):
    # e.g. restored from a backup while the disaster was open. The level change's sweep catches it.
    late = "p-restored"
    with Session(client.app.state.platform.engine) as session:
        session.execute(
            insert(Person),
            [synthetic_register()[1] | {"id": late, "grade": 1, "id_number": "r" * 18, "certificate_number": "r" * 20}],
        )
        session.commit()
    events.deliver(
        DisasterLevelChanged(
            disaster_id="D1",
            hazard="flood",
            response_level="I",
            division_codes=[A],
            previous_level="III",
            changed_at=NOW,
        )
    )
    cases = {c["person_id"]: c for c in cases_of(client, headers)}
    assert len(cases) == 5
    assert cases[late]["response_level"] == "I" and cases[two_counties["a_severe"]]["response_level"] == "III"
    due = dt.datetime.fromisoformat(cases[late]["first_contact_due"]) - dt.datetime.fromisoformat(
        cases[late]["opened_at"]
    )
    assert due == dt.timedelta(hours=4)  # level I: first contact within 4 hours


def test_delivery_supplies_and_closing_closes(client, headers, two_counties, events):
    events.deliver(declared())
    cases = {c["person_id"]: c for c in cases_of(client, headers)}
    alone = cases[two_counties["a_alone"]]["id"]
    ward = cases[two_counties["a_ward"]]["id"]
    unvisited = cases[two_counties["a_hardship"]]["id"]
    assert client.post(f"/v1/assistance-cases/{alone}/visits", headers=headers).json()["status"] == "visited"
    events.deliver(
        DispatchDelivered(dispatch_id="X1", disaster_id="D1", request_id=None, division_codes=[A], delivered_at=NOW)
    )
    assert {c["status"] for c in cases_of(client, headers)} == {"supplied"}
    events.deliver(
        DispatchDelivered(dispatch_id="X2", disaster_id="D1", request_id=None, division_codes=[A], delivered_at=NOW)
    )
    events.deliver(
        DisasterClosed(
            disaster_id="D1", hazard="flood", response_level="II", division_codes=[A], outcome="closed", closed_at=NOW
        )
    )
    status = {c["id"]: c["status"] for c in cases_of(client, headers)}
    assert status[ward] == "supplied"  # temporary care still active (T-20)
    assert [s for cid, s in status.items() if cid != ward] == ["closed"] * 3
    assert unvisited != ward
    ended = client.put(f"/v1/assistance-cases/{ward}/temporary-care", json={"active": False}, headers=headers)
    assert ended.status_code == 200 and ended.json()["status"] == "closed"
    late = client.post(f"/v1/assistance-cases/{alone}/visits", headers=headers)
    assert late.status_code == 409 and late.headers["content-type"] == "application/problem+json"


def test_unvisited_case_closes_at_its_visit_after_the_disaster_closed(client, headers, two_counties, events):
    events.deliver(declared())
    events.deliver(
        DisasterClosed(
            disaster_id="D1", hazard="flood", response_level="II", division_codes=[A], outcome="closed", closed_at=NOW
        )
    )
    case = next(c for c in cases_of(client, headers) if c["person_id"] == two_counties["a_severe"])
    assert case["status"] == "liaison_assigned"  # never visited: stays open (R56)
    assert client.post(f"/v1/assistance-cases/{case['id']}/visits", headers=headers).json()["status"] == "closed"
    events.deliver(declared())  # a late declaration of the closed disaster opens nothing
    assert len(cases_of(client, headers)) == 4


def test_cases_wait_for_a_roster_and_go_to_the_least_loaded_liaison(client, headers, register, events):
    for _ in range(10):
        register(grade=1, division_code=C)
    events.deliver(declared(divisions=[C]))
    assert {c["status"] for c in cases_of(client, headers)} == {"opened"}  # no roster in C yet
    first = client.post("/v1/liaisons", json={"name": "甲", "division_code": C}, headers=headers).json()
    assert first["assigned_now"] == 10
    second = client.post("/v1/liaisons", json={"name": "乙", "division_code": C}, headers=headers).json()
    assert second["assigned_now"] == 0
    events.deliver(declared(disaster_id="D2", divisions=[C]))
    d2 = cases_of(client, headers, "D2")
    assert len(d2) == 10 and {c["liaison_id"] for c in d2} == {second["id"]}  # 甲 already holds ten open cases


def test_read_scope_is_required(client, token):
    assert client.get("/v1/assistance-cases").status_code == 401
    assert client.get("/v1/assistance-cases", headers=token("disability:write")).status_code == 403


def test_an_overdue_first_contact_is_flagged_and_announced_by_itself(client, headers, two_counties, events):
    """R56: level II cases are due a first contact within 6 hours; the `first-contact-overdue` job flags each
    unvisited case once past its deadline and announces the counts per disaster and county."""
    events.deliver(declared(level="II"))
    cases = cases_of(client, headers)
    due = dt.datetime.fromisoformat(cases[0]["first_contact_due"])
    visited = cases[0]["id"]
    assert client.post(f"/v1/assistance-cases/{visited}/visits", headers=headers).status_code == 200

    assert run_job(client, "first-contact-overdue", now=due - dt.timedelta(minutes=1)).items == 0  # not yet
    outcome = run_job(client, "first-contact-overdue", now=due + dt.timedelta(minutes=1))
    assert (outcome.ok, outcome.items) == (True, 3)  # four cases, one visited in time
    flagged = {c["id"]: c["first_contact_overdue_at"] for c in cases_of(client, headers)}
    assert flagged[visited] is None and sum(v is not None for v in flagged.values()) == 3
    [event] = events.emitted("hunan.disability.assistance.first_contact_overdue")
    assert (event["disaster_id"], event["division_code"], event["cases_overdue"]) == ("D1", A, 3)
    assert "person_id" not in str(event)

    assert run_job(client, "first-contact-overdue", now=due + dt.timedelta(hours=2)).items == 0  # once per case
    assert len(events.emitted("hunan.disability.assistance.first_contact_overdue", 2, timeout=0.5)) == 1
    metrics = client.get("/metrics").text
    assert 'hunan_job_items_handled_total{job_name="first-contact-overdue",service="disability"} 3.0' in metrics
