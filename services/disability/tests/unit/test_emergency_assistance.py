"""Emergency assistance (R17, R56–R60, R-E1, W6): vulnerability, care, channels, liaisons, visits, supplies, cases."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from hunan_disability.rules.emergency_assistance import (
    CONTACT_CHANNEL_TABLE,
    DEFAULT_VISIT_PLANS,
    STANDARD_KIT_PER_PERSON,
    CaseAction,
    CaseStatus,
    Channel,
    EmergencySelection,
    ResponseLevel,
    VulnerabilityPolicy,
    affected_counties,
    aggregate_supply_request,
    assign_liaisons,
    contact_channels,
    emergency_selection,
    evacuation_buddy_needed,
    is_vulnerable,
    liaison_quotas,
    needs_temporary_care,
    resides_in_affected_area,
    should_close_case,
    transition_case,
    urgent_assistance_due,
    visit_schedule,
)
from hunan_disability.rules.enums import (
    DisabilityCategory as C,
)
from hunan_disability.rules.enums import (
    DisabilityGrade as G,
)
from hunan_disability.rules.enums import (
    GuardianStatus,
    HouseholdStatus,
    TekunSupportMode,
)
from hunan_disability.rules.errors import IllegalCaseTransition, NoLiaisonAvailable
from hunan_disability.rules.models import PersonFacts
from hunan_shared.divisions import UnknownDivision

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "grade, lives_alone, guardian_able, expected",
    [
        (G.ONE, False, None, True),
        (G.TWO, False, None, True),
        (G.THREE, False, None, False),
        (G.FOUR, False, None, False),
        (G.FOUR, True, None, True),
        (G.FOUR, False, False, True),
        (G.FOUR, False, True, False),
        (G.THREE, True, False, True),
    ],
    ids=[
        "R-E1-b-grade1",
        "R-E1-b-grade2",
        "R-E1-grade3-boundary",
        "R-E1-grade4",
        "R-E1-e-alone",
        "R57-guardian-unable",
        "R57-guardian-able",
        "R-E1-alone-and-guardian-unable",
    ],
)
def test_is_vulnerable(grade, lives_alone, guardian_able, expected):
    decision = is_vulnerable(grade, lives_alone, guardian_able)
    assert decision.value is expected
    assert any("R57" in basis.article for basis in decision.basis)


def person(**overrides) -> PersonFacts:
    facts = {"person_id": "P", "category": C.PHYSICAL, "grade": G.FOUR, "residence_division_code": "430102"}
    facts.update(overrides)
    return PersonFacts(**facts)


@pytest.mark.parametrize(
    "facts, expected",
    [
        ({"household_status": HouseholdStatus.DIBAO}, EmergencySelection.OPEN_CASE),
        ({"anti_relapse_monitored": True}, EmergencySelection.OPEN_CASE),
        ({"grade": G.TWO}, EmergencySelection.OPEN_CASE),
        ({"guardian": GuardianStatus.GUARDIAN_UNABLE}, EmergencySelection.OPEN_CASE),
        ({"orphan_or_unsupported_child": True}, EmergencySelection.OPEN_CASE),
        ({"category": C.INTELLECTUAL}, EmergencySelection.OPEN_CASE),
        ({"category": C.MULTIPLE}, EmergencySelection.OPEN_CASE),
        ({"lives_alone": True}, EmergencySelection.OPEN_CASE),
        ({"home_isolated": True}, EmergencySelection.OPEN_CASE),
        (
            {"tekun_support": TekunSupportMode.DISPERSED, "household_status": HouseholdStatus.NONE},
            EmergencySelection.OPEN_CASE,
        ),
        ({"category": C.HEARING}, EmergencySelection.NOTIFY_ONLY),
        ({"category": C.VISUAL}, EmergencySelection.NOTIFY_ONLY),
        ({"age": 60}, EmergencySelection.NOTIFY_ONLY),
        ({"age": 59}, EmergencySelection.NONE),
        ({}, EmergencySelection.NONE),
        ({"tekun_support": TekunSupportMode.CENTRALIZED}, EmergencySelection.NONE),
    ],
    ids=[
        "R-E1-a-dibao",
        "R-E1-a-monitored",
        "R-E1-b",
        "R-E1-c-guardian",
        "R-E1-c-orphan",
        "R-E1-d-intellectual",
        "R-E1-d-multiple",
        "R-E1-e",
        "R-E1-f",
        "R-E1-g",
        "R-E1-h-hearing",
        "R-E1-h-visual",
        "R-E1-i-age-60",
        "R-E1-i-age-59",
        "R-E1-none",
        "R-E1-g-centralized-not",
    ],
)
def test_emergency_selection(facts, expected):
    assert emergency_selection(person(**facts)).value is expected


def test_R_E1_predicates_can_be_switched_off():
    policy = VulnerabilityPolicy(lives_alone=False)
    assert emergency_selection(person(lives_alone=True), policy).value is EmergencySelection.NONE


@pytest.mark.parametrize(
    "residence, affected, inside",
    [
        ("430102", ["430102"], True),
        ("430102", ["430100"], True),
        ("430102", ["430000"], True),
        ("430102", ["430103"], False),
        ("430102", ["430200"], False),
        ("430102", ["430200", "430102"], True),
    ],
    ids=[
        "W6-same-county",
        "W6-prefecture-covers",
        "W6-province-covers",
        "W6-other-county",
        "W6-other-prefecture",
        "W6-any-of-several",
    ],
)
def test_W6_residence_matching_is_hierarchical(residence, affected, inside):
    assert resides_in_affected_area(residence, affected) is inside


def test_township_and_village_codes_reach_their_county():
    assert affected_counties(["430181001"]) == ["430181"]  # a township of Liuyang
    assert affected_counties(["430181001002", "430102"]) == ["430102", "430181"]  # a village, and a county
    assert affected_counties(["430181001", "430181002"]) == ["430181"]  # two townships of one county: once
    assert len(affected_counties(["430100", "430102001"])) == len(affected_counties(["430100"]))  # inside Changsha
    assert resides_in_affected_area("430181", ["430181001"]) is True
    assert resides_in_affected_area("430102", ["430181001"]) is False
    for unknown in ("439999001", "430100001"):  # no such county / a prefecture is not a township's county
        with pytest.raises(ValueError, match="not a Hunan administrative division"):
            affected_counties([unknown])


@pytest.mark.parametrize(
    "guardian, other_carer, mandatory",
    [
        (GuardianStatus.GUARDIAN_UNABLE, False, True),
        (GuardianStatus.GUARDIAN_UNABLE, True, False),
        (GuardianStatus.GUARDIAN_ABLE, False, False),
        (GuardianStatus.NOT_A_WARD, False, False),
    ],
    ids=["R57-unable-no-carer", "R57-unable-other-carer", "R57-guardian-able", "R57-not-a-ward"],
)
def test_R57_temporary_care(guardian, other_carer, mandatory):
    decision = needs_temporary_care(guardian, other_carer, "430102")
    assert (decision.value is not None) is mandatory


@pytest.mark.parametrize(
    "category, components, guardian, expected",
    [
        (
            C.HEARING,
            (),
            GuardianStatus.NOT_A_WARD,
            [Channel.TEXT_MESSAGE, Channel.SIGN_LANGUAGE_VIDEO, Channel.IN_PERSON_VISIT],
        ),
        (C.VISUAL, (), GuardianStatus.NOT_A_WARD, [Channel.VOICE_CALL, Channel.IN_PERSON_VISIT]),
        (C.SPEECH, (), GuardianStatus.NOT_A_WARD, [Channel.TEXT_MESSAGE, Channel.IN_PERSON_VISIT]),
        (
            C.PHYSICAL,
            (),
            GuardianStatus.NOT_A_WARD,
            [Channel.VOICE_CALL, Channel.TEXT_MESSAGE, Channel.IN_PERSON_VISIT],
        ),
        (C.INTELLECTUAL, (), GuardianStatus.GUARDIAN_ABLE, [Channel.VIA_GUARDIAN, Channel.IN_PERSON_VISIT]),
        (C.MENTAL, (), GuardianStatus.GUARDIAN_UNABLE, [Channel.IN_PERSON_VISIT]),
        (
            C.MULTIPLE,
            (C.HEARING, C.VISUAL),
            GuardianStatus.NOT_A_WARD,
            [Channel.TEXT_MESSAGE, Channel.SIGN_LANGUAGE_VIDEO, Channel.VOICE_CALL, Channel.IN_PERSON_VISIT],
        ),
        (C.MULTIPLE, (), GuardianStatus.NOT_A_WARD, [Channel.IN_PERSON_VISIT]),
    ],
    ids=[
        "R60-hearing",
        "R56-visual",
        "R56-speech",
        "R56-physical",
        "R56-intellectual-via-guardian",
        "R56-mental-guardian-unable",
        "R56-multiple-union",
        "R56-multiple-unknown",
    ],
)
def test_contact_channels(category, components, guardian, expected):
    assert contact_channels(category, components, guardian).value == expected


def test_every_category_has_a_channel_row():
    assert set(CONTACT_CHANNEL_TABLE) == set(C)


@pytest.mark.parametrize(
    "cases, loads, cap, expected",
    [
        (["c1", "c2", "c3"], {"b": 0, "a": 0}, None, {"c1": "a", "c2": "b", "c3": "a"}),
        (["c1", "c2"], {"a": 3, "b": 1}, None, {"c1": "b", "c2": "b"}),
        (["c1", "c2", "c3"], {"a": 3, "b": 1}, None, {"c1": "b", "c2": "b", "c3": "a"}),
        (["c1", "c1", "c2"], {"a": 0, "b": 0}, None, {"c1": "a", "c2": "b"}),
        (["c1", "c2", "c3"], {"a": 0, "b": 1}, 2, {"c1": "a", "c2": "a", "c3": "b"}),
        (["c1", "c2", "c3"], {"a": 1, "b": 2}, 2, {"c1": "a"}),
        ([], {}, None, {}),
    ],
    ids=[
        "R56-ties-by-id",
        "R56-least-loaded",
        "R56-balance-reached",
        "R56-duplicate-case-once",
        "R56-capacity-at-limit",
        "R56-capacity-leaves-unassigned",
        "R56-nothing-to-assign",
    ],
)
def test_R56_assign_liaisons(cases, loads, cap, expected):
    assert assign_liaisons(cases, loads, cap) == expected


def test_R56_assign_liaisons_is_order_independent_of_roster_dict():
    assert assign_liaisons(["x", "y"], {"b": 0, "a": 0}) == assign_liaisons(["x", "y"], {"a": 0, "b": 0})


def test_R56_assign_liaisons_without_roster_raises():
    with pytest.raises(NoLiaisonAvailable):
        assign_liaisons(["c1"], {})


@pytest.mark.parametrize(
    "waiting, loads, expected",
    [
        (3, {"b": 0, "a": 0}, {"a": 2, "b": 1}),
        (2, {"a": 3, "b": 1}, {"b": 2}),
        (3, {"a": 3, "b": 1}, {"a": 1, "b": 2}),
        (0, {"a": 0}, {}),
        (1, {"a": 5, "b": 5, "c": 5}, {"a": 1}),
        (7, {"a": 0, "b": 10, "c": 2}, {"a": 5, "c": 2}),
    ],
    ids=[
        "R56-quota-ties-by-id",
        "R56-quota-least-loaded",
        "R56-quota-balance-reached",
        "R56-quota-nothing",
        "R56-quota-equal-loads",
        "R56-quota-busy-liaison-takes-nothing",
    ],
)
def test_R56_liaison_quotas(waiting, loads, expected):
    assert liaison_quotas(waiting, loads) == expected


@pytest.mark.parametrize("seed", range(200), ids=[f"R56-quota-equals-assignment-seed-{s}" for s in range(200)])
def test_R56_liaison_quotas_equal_the_case_by_case_assignment(seed):
    import random
    from collections import Counter

    rng = random.Random(seed)
    loads = {f"l{i:02d}": rng.randint(0, 30) for i in rng.sample(range(40), rng.randint(1, 12))}
    waiting = rng.randint(0, 150)
    assert liaison_quotas(waiting, loads) == dict(
        sorted(Counter(assign_liaisons(range(waiting), loads).values()).items())
    )


def test_R56_liaison_quotas_without_roster_raises():
    with pytest.raises(NoLiaisonAvailable):
        liaison_quotas(1, {})


@pytest.mark.parametrize("level", list(ResponseLevel), ids=[f"R56-level-{lvl.value}" for lvl in ResponseLevel])
def test_R56_visit_schedule_first_contact_within_10h_and_at_least_weekly(level):
    opened = dt.datetime(2024, 7, 1, 8, 0, tzinfo=SHANGHAI)
    visits = visit_schedule(opened, level)
    assert len(visits) == DEFAULT_VISIT_PLANS[level].visits
    assert visits[0] - opened <= dt.timedelta(hours=10)
    assert all(later - earlier <= dt.timedelta(days=7) for earlier, later in itertools.pairwise(visits))


def test_R56_visit_schedule_level_I_is_denser_than_IV():
    opened = dt.datetime(2024, 7, 1, 8, 0, tzinfo=SHANGHAI)
    assert visit_schedule(opened, ResponseLevel.I)[:2] == [
        opened + dt.timedelta(hours=4),
        opened + dt.timedelta(hours=28),
    ]
    assert visit_schedule(opened, ResponseLevel.IV)[1] - visit_schedule(opened, ResponseLevel.IV)[0] == dt.timedelta(
        days=7
    )


def test_visit_schedule_needs_a_timezone():
    with pytest.raises(ValueError, match="timezone"):
        visit_schedule(dt.datetime(2024, 7, 1, 8, 0), ResponseLevel.I)


def test_W6_supply_request_multiplies_the_standard_kit():
    request = aggregate_supply_request({"430102": 3, "430100": 0, "430200": 1})
    assert list(request) == ["430102", "430200"]
    assert request["430102"]["drinking_water_litre"] == 3 * STANDARD_KIT_PER_PERSON["drinking_water_litre"]
    assert request["430200"] == dict(sorted(STANDARD_KIT_PER_PERSON.items()))


def test_W6_supply_request_rejects_unknown_divisions_and_negative_counts():
    with pytest.raises(UnknownDivision):
        aggregate_supply_request({"999999": 1})
    with pytest.raises(ValueError, match="negative"):
        aggregate_supply_request({"430102": -1})


@pytest.mark.parametrize(
    "status, action, expected, changed",
    [
        (CaseStatus.OPENED, CaseAction.ASSIGN_LIAISON, CaseStatus.LIAISON_ASSIGNED, True),
        (CaseStatus.LIAISON_ASSIGNED, CaseAction.RECORD_VISIT, CaseStatus.VISITED, True),
        (CaseStatus.VISITED, CaseAction.MARK_SUPPLIED, CaseStatus.SUPPLIED, True),
        (CaseStatus.LIAISON_ASSIGNED, CaseAction.MARK_SUPPLIED, CaseStatus.SUPPLIED, True),
        (CaseStatus.SUPPLIED, CaseAction.CLOSE, CaseStatus.CLOSED, True),
        (CaseStatus.VISITED, CaseAction.CLOSE, CaseStatus.CLOSED, True),
        (CaseStatus.OPENED, CaseAction.CANCEL, CaseStatus.CANCELLED, True),
        (CaseStatus.LIAISON_ASSIGNED, CaseAction.ASSIGN_LIAISON, CaseStatus.LIAISON_ASSIGNED, False),
        (CaseStatus.VISITED, CaseAction.RECORD_VISIT, CaseStatus.VISITED, False),
        (CaseStatus.SUPPLIED, CaseAction.RECORD_VISIT, CaseStatus.SUPPLIED, False),
        (CaseStatus.SUPPLIED, CaseAction.MARK_SUPPLIED, CaseStatus.SUPPLIED, False),
        (CaseStatus.CLOSED, CaseAction.CLOSE, CaseStatus.CLOSED, False),
        (CaseStatus.CANCELLED, CaseAction.CANCEL, CaseStatus.CANCELLED, False),
    ],
    ids=[
        "W6-assign",
        "W6-visit",
        "W6-supply",
        "W6-supply-before-visit",
        "W6-close",
        "W6-close-without-supplies",
        "W6-cancel",
        "W6-idem-assign",
        "W6-idem-visit",
        "W6-late-visit",
        "W6-idem-supply",
        "W6-idem-close",
        "W6-idem-cancel",
    ],
)
def test_W6_case_transitions(status, action, expected, changed):
    transition = transition_case(status, action)
    assert (transition.after, transition.changed) == (expected, changed)


@pytest.mark.parametrize(
    "status, action",
    [
        (CaseStatus.OPENED, CaseAction.RECORD_VISIT),
        (CaseStatus.OPENED, CaseAction.MARK_SUPPLIED),
        (CaseStatus.OPENED, CaseAction.CLOSE),
        (CaseStatus.LIAISON_ASSIGNED, CaseAction.CLOSE),
        (CaseStatus.CLOSED, CaseAction.ASSIGN_LIAISON),
        (CaseStatus.CLOSED, CaseAction.CANCEL),
        (CaseStatus.CANCELLED, CaseAction.RECORD_VISIT),
        (CaseStatus.CANCELLED, CaseAction.CLOSE),
    ],
    ids=[
        "W6-visit-before-liaison",
        "W6-supply-before-liaison",
        "W6-close-unvisited",
        "W6-close-unvisited-2",
        "W6-closed-reassign",
        "W6-cancel-closed",
        "W6-cancelled-visit",
        "W6-close-cancelled",
    ],
)
def test_W6_illegal_transitions_raise(status, action):
    with pytest.raises(IllegalCaseTransition, match=f"cannot {action.value}"):
        transition_case(status, action)


def test_W6_close_is_blocked_by_active_temporary_care():
    with pytest.raises(IllegalCaseTransition, match="R57"):
        transition_case(CaseStatus.VISITED, CaseAction.CLOSE, active_temporary_care=True)


@pytest.mark.parametrize(
    "lifted, care, items, status, expected",
    [
        (True, False, 0, CaseStatus.SUPPLIED, True),
        (False, False, 0, CaseStatus.SUPPLIED, False),
        (True, True, 0, CaseStatus.SUPPLIED, False),
        (True, False, 1, CaseStatus.VISITED, False),
        (True, False, 0, CaseStatus.LIAISON_ASSIGNED, False),
    ],
    ids=["W6-close-ok", "W6-not-lifted", "W6-care-active", "W6-support-open", "W6-not-visited"],
)
def test_W6_should_close_case(lifted, care, items, status, expected):
    assert should_close_case(lifted, care, items, status).value is expected


@pytest.mark.parametrize(
    "hardship, affected, due",
    [(True, True, True), (True, False, False), (False, True, False)],
    ids=["R17-due", "R17-not-affected", "R17-not-hardship"],
)
def test_R17_urgent_assistance(hardship, affected, due):
    assert urgent_assistance_due(hardship, affected).value is due


@pytest.mark.parametrize(
    "category, needed",
    [
        (C.PHYSICAL, True),
        (C.VISUAL, True),
        (C.HEARING, True),
        (C.MULTIPLE, True),
        (C.SPEECH, False),
        (C.MENTAL, False),
    ],
    ids=["R59-physical", "R59-visual", "R59-hearing", "R59-multiple", "R59-speech", "R59-mental"],
)
def test_R59_evacuation_buddy(category, needed):
    assert evacuation_buddy_needed(category).value is needed
