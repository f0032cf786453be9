"""Accessible warning notification lists (R-E1 (h)(i), R56, R60): emergency's warning events in, one row per
(warning, person) out, listed with counts per channel; redelivery adds nothing; cancellation marks the list."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert, select
from sqlmodel import Session

from hunan_disability.models import Person
from hunan_disability.rules.emergency_assistance import EmergencySelection, VulnerabilityPolicy, emergency_selection
from hunan_disability.rules.identity import id_check_character
from hunan_disability.use_cases.persons import facts
from hunan_disability.use_cases.warning_notifications import elderly_birth_cutoff, selection_clause
from hunan_shared import clock
from hunan_shared.events.catalogue import WarningCancelled, WarningIssued, WarningUpdated

from .test_api_assistance import synthetic_register

A, B = "430102", "430103"
NOW = clock.now()
TODAY = NOW.date()
PROBLEM = "application/problem+json"


def issued(warning_id="W1", divisions=(A,), colour="orange"):
    return WarningIssued(
        warning_id=warning_id,
        hazard="rainstorm",
        colour=colour,
        division_codes=list(divisions),
        headline="暴雨橙色预警",
        issued_at=NOW,
    )


def cancelled(warning_id="W1", divisions=(A,)):
    return WarningCancelled(
        warning_id=warning_id, hazard="rainstorm", colour="orange", division_codes=list(divisions), cancelled_at=NOW
    )


def id_number(birth: dt.date, serial: int, address: str = A) -> str:
    first_17 = f"{address}{birth:%Y%m%d}{serial:03d}"
    return first_17 + id_check_character(first_17)


YOUNG, OLD = dt.date(1990, 5, 1), dt.date(1950, 5, 1)


@pytest.fixture
def register_of_a(register):
    """County A: one person for each outcome of R-E1; county B: a visual person outside the warning."""
    people = {
        "none": dict(category=4, grade=3, birth=YOUNG),
        "visual": dict(category=1, grade=3, birth=YOUNG, phone="13800138000"),
        "hearing": dict(category=2, grade=4, birth=YOUNG),
        "elderly": dict(category=4, grade=3, birth=OLD),
        "severe": dict(category=4, grade=1, birth=YOUNG),
        "ward": dict(category=5, grade=3, birth=YOUNG, guardian="guardian_unable"),
        "b_visual": dict(category=1, grade=3, birth=YOUNG, division_code=B),
    }
    ids = {}
    for serial, (key, spec) in enumerate(people.items(), start=101):
        birth = spec.pop("birth")
        address = spec.get("division_code", A)
        ids[key] = register(id_number=id_number(birth, serial, address), **spec)["id"]
    return ids


def listing(client, headers, warning_id="W1", **params):
    return client.get(f"/v1/warnings/{warning_id}/notifications", params=params, headers=headers)


def test_issued_warning_lists_notify_only_and_case_persons_with_their_channel(
    client, headers, token, events, register_of_a
):
    events.deliver(issued())
    response = listing(client, token("disability:read"))
    assert response.status_code == 200, response.text
    body = response.json()
    by_person = {item["person_id"]: item for item in body["items"]}
    ids = register_of_a
    assert set(by_person) == {ids[k] for k in ("visual", "hearing", "elderly", "severe", "ward")}
    assert {k: by_person[ids[k]]["selection"] for k in ("visual", "hearing", "elderly", "severe", "ward")} == {
        "visual": "notify_only",
        "hearing": "notify_only",
        "elderly": "notify_only",  # R-E1 (h), (h), (i)
        "severe": "open_case",
        "ward": "open_case",
    }  # R-E1 (b), (c)/(d)
    assert by_person[ids["hearing"]]["channels"] == ["text_message", "sign_language_video", "in_person_visit"]
    assert by_person[ids["ward"]]["channel"] == "in_person_visit"  # the guardian cannot act
    assert body["channel_counts"] == {"in_person_visit": 1, "text_message": 1, "voice_call": 3}
    assert body["selection_counts"] == {"notify_only": 3, "open_case": 2}
    assert body["total"] == 5 and body["colour"] == "orange" and not body["cancelled"]
    assert by_person[ids["visual"]]["phone"] == "138****8000"  # masked without disability:pii
    assert listing(client, headers).json()["items"][0]["status"] == "pending"
    full = {i["person_id"]: i for i in listing(client, headers).json()["items"]}
    assert full[ids["visual"]]["phone"] == "13800138000"
    voice = listing(client, headers, channel="voice_call", limit=2).json()
    assert len(voice["items"]) == 2 and voice["next_offset"] == 2 and voice["total"] == 5


def test_redelivery_and_a_repeated_warning_add_no_duplicates(client, headers, events, register_of_a):
    events.deliver(issued())
    events.redeliver()  # the same messages again: the inbox drops them
    events.deliver(issued())  # a new message for the same warning: the INSERT … SELECT skips listed persons
    assert events.count("warningnotification") == 5
    # A prefecture-wide warning covers both counties.
    events.deliver(issued("W2", divisions=("430100",)))
    assert events.count("warningnotification") == 5 + 6
    assert listing(client, headers, "W2").json()["total"] == 6


def test_a_warning_for_a_township_lists_its_county(client, headers, events, register_of_a):
    events.deliver(issued("W3", divisions=(A + "001",)))  # 9-digit township code of county A
    assert listing(client, headers, "W3").json()["total"] == 5  # as for the county: residence is kept by county
    assert events.count("warningnotification") == 5


def test_cancellation_marks_the_list_and_an_early_cancel_prevents_it(client, headers, events, register_of_a):
    events.deliver(issued(), cancelled())
    events.redeliver()
    events.deliver(cancelled())
    body = listing(client, headers).json()
    assert body["cancelled"] and body["total"] == 5
    assert {item["status"] for item in body["items"]} == {"cancelled"}
    assert all(item["cancelled_at"] for item in body["items"])
    events.deliver(cancelled("W3"), issued("W3"))  # out of order: the cancellation arrived first
    late = listing(client, headers, "W3").json()
    assert late["cancelled"] and late["total"] == 0 and late["items"] == []


def updated(warning_id="W1", divisions=(A,), colour="red"):
    return WarningUpdated(
        warning_id=warning_id,
        hazard="rainstorm",
        colour=colour,
        division_codes=list(divisions),
        headline="暴雨红色预警",
        updated_at=NOW,
    )


def test_an_updated_warning_area_moves_the_list(client, headers, events, register_of_a):
    """warning.updated (issue 18 item 11): the list follows the new area — B's listed person joins, A's pending
    notifications are withdrawn, and come back when the area grows back; redelivery changes nothing."""
    events.deliver(issued())
    events.deliver(updated(divisions=(B,)))
    events.redeliver()
    body = listing(client, headers).json()
    assert body["colour"] == "red" and body["headline"] == "暴雨红色预警" and body["total"] == 6
    by_person = {i["person_id"]: i for i in body["items"]}
    assert by_person[register_of_a["b_visual"]]["status"] == "pending"
    assert {i["status"] for pid, i in by_person.items() if pid != register_of_a["b_visual"]} == {"cancelled"}
    events.deliver(updated(divisions=(A, B)))
    assert {i["status"] for i in listing(client, headers).json()["items"]} == {"pending"}
    assert events.count("warningnotification") == 6
    events.deliver(cancelled(), updated(divisions=(A, B, "430104")))  # a cancelled warning's list stays put
    assert {i["status"] for i in listing(client, headers).json()["items"]} == {"cancelled"}


def test_unknown_warning_and_scopes(client, headers, token, events, register_of_a):
    missing = listing(client, headers, "no-such-warning")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    events.deliver(issued())
    assert listing(client, token("disability:write")).status_code == 403
    assert listing(client, headers, channel="carrier_pigeon").status_code == 422


def test_sql_selection_is_the_pure_rule(client):
    """R-E1: `selection_clause` over the register ≡ `emergency_selection(person) != NONE` (and its value), with
    birth dates on both sides of the elderly boundary."""
    rng = random.Random(7)
    cutoff = elderly_birth_cutoff(TODAY, 60)
    births = [cutoff, cutoff + dt.timedelta(days=1), dt.date(1990, 1, 1), dt.date(1950, 1, 1)]
    rows = [r | {"birth_date": rng.choice(births)} for r in synthetic_register()]
    rows += [
        r
        | {
            "id": r["id"] + "s",
            "id_number": "9" + r["id_number"][1:],
            "certificate_number": "9" + r["certificate_number"][1:],
            "category": rng.choice([1, 2]),
            "component_categories": "",
        }
        for r in rows[:120]
    ]
    with Session(client.app.state.platform.engine) as session:
        session.execute(insert(Person), rows)
        session.commit()
        persons = session.scalars(select(Person)).all()
        for policy in (
            VulnerabilityPolicy(),
            VulnerabilityPolicy(visual_or_hearing_notify=False),
            VulnerabilityPolicy(elderly_notify=False, elderly_age=70),
        ):
            listed, value = selection_clause(policy, TODAY)
            by_sql = dict(session.execute(select(Person.id, value).where(listed)).all())
            by_rule = {
                p.id: s.value
                for p in persons
                if (s := emergency_selection(facts(p), policy).value) is not EmergencySelection.NONE
            }
            assert by_sql == by_rule, policy
        assert {s.value for s in map(lambda p: emergency_selection(facts(p)).value, persons)} == set(
            s.value for s in EmergencySelection
        )


@pytest.mark.parametrize(
    "today, expected",
    [
        (dt.date(2026, 3, 1), dt.date(1966, 3, 1)),
        (dt.date(2028, 2, 29), dt.date(1968, 2, 29)),
        (dt.date(2024, 2, 29), dt.date(1963, 2, 28)),  # 61 years: 1963 is a common year
    ],
)
def test_elderly_birth_cutoff(today, expected):
    age = 60 if expected.year == today.year - 60 else 61
    assert elderly_birth_cutoff(today, age) == expected
