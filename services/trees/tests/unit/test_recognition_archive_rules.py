"""Recognition W1 (Arts. 2, 11–13) and archive (Arts. 14, 22) rules: transitions, notice period, census cycle,
层报 and the recognising level (TC2–TC9)."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared.legal import IllegalTransition
from hunan_trees.rules.archive import archive_change_explained, sign_number_consistent
from hunan_trees.rules.classification import GovernmentLevel as L
from hunan_trees.rules.classification import Grade
from hunan_trees.rules.recognition import (
    CensusStatus,
    appraisal_qualifies,
    candidate_admissible,
    census_status,
    forward_to,
    next_state,
    notice_running,
    public_notice_ends_on,
    recognition_allowed,
    submission_allowed,
)
from hunan_trees.rules.recognition import (
    RecognitionState as S,
)
from hunan_trees.rules.recognition import (
    RecognitionStep as A,
)

D = dt.date


@pytest.mark.parametrize(
    ("state", "step", "new"),
    [
        (S.CANDIDATE, A.START_APPRAISAL, S.UNDER_APPRAISAL),
        (S.UNDER_APPRAISAL, A.RECORD_QUALIFYING_RESULT, S.APPRAISED),
        (S.UNDER_APPRAISAL, A.RECORD_NON_QUALIFYING_RESULT, S.NOT_QUALIFIED),
        (S.APPRAISED, A.PUBLISH_NOTICE, S.IN_PUBLIC_NOTICE),
        (S.IN_PUBLIC_NOTICE, A.FILE_OBJECTION, S.IN_PUBLIC_NOTICE),
        (S.IN_PUBLIC_NOTICE, A.DISMISS_OBJECTION, S.IN_PUBLIC_NOTICE),
        (S.IN_PUBLIC_NOTICE, A.ORDER_REAPPRAISAL, S.UNDER_REAPPRAISAL),
        (S.UNDER_REAPPRAISAL, A.RECORD_QUALIFYING_RESULT, S.APPRAISED),
        (S.UNDER_REAPPRAISAL, A.RECORD_NON_QUALIFYING_RESULT, S.NOT_QUALIFIED),
        (S.IN_PUBLIC_NOTICE, A.SUBMIT_FOR_RECOGNITION, S.PENDING_RECOGNITION),
        (S.PENDING_RECOGNITION, A.FORWARD, S.PENDING_RECOGNITION),
        (S.PENDING_RECOGNITION, A.RECOGNISE, S.RECOGNISED),
        (S.PENDING_RECOGNITION, A.REFUSE, S.NOT_QUALIFIED),
    ],
)
def test_allowed_transitions(state, step, new):
    decision = next_state(state, step)
    assert decision.value is new and decision.basis


@pytest.mark.parametrize(
    ("state", "step"),
    [
        pytest.param(S.CANDIDATE, A.RECOGNISE, id="recognise-without-appraisal"),
        pytest.param(S.UNDER_APPRAISAL, A.PUBLISH_NOTICE, id="notice-before-result"),
        pytest.param(S.APPRAISED, A.SUBMIT_FOR_RECOGNITION, id="submit-without-notice"),
        pytest.param(S.APPRAISED, A.FILE_OBJECTION, id="objection-before-notice"),
        pytest.param(S.IN_PUBLIC_NOTICE, A.RECOGNISE, id="recognise-during-notice"),
        pytest.param(S.RECOGNISED, A.START_APPRAISAL, id="recognised-is-final"),
        pytest.param(S.NOT_QUALIFIED, A.PUBLISH_NOTICE, id="not-qualified-is-final"),
        pytest.param(S.PENDING_RECOGNITION, A.FILE_OBJECTION, id="objection-after-notice"),
    ],
)
def test_illegal_transitions_raise(state, step):
    with pytest.raises(IllegalTransition) as err:
        next_state(state, step)
    assert err.value.basis and state.value in str(err.value)


def test_every_state_and_step_is_covered():
    reachable = {S.CANDIDATE}
    for state in S:
        for step in A:
            try:
                reachable.add(next_state(state, step).value)
            except IllegalTransition:
                pass
    assert reachable == set(S)


def test_primeval_forest_opens_no_recognition():  # TC9
    refused = candidate_admissible(True)
    assert not refused.value and refused.basis[0].article == "Art. 2 / 第二条"
    assert candidate_admissible(False).value


@pytest.mark.parametrize(
    ("grade", "famous", "ok"),
    [(None, False, False), (None, True, True), (Grade.GRADE_3, False, True), (Grade.GRADE_1, True, True)],
)
def test_appraisal_qualifies(grade, famous, ok):
    assert appraisal_qualifies(grade, famous).value is ok


@pytest.mark.parametrize(
    ("published", "days", "last_day"),
    [
        (D(2026, 5, 1), 7, D(2026, 5, 8)),
        (D(2026, 2, 25), 7, D(2026, 3, 4)),  # across the end of February
        (D(2028, 2, 25), 7, D(2028, 3, 3)),  # leap year
        (D(2026, 12, 28), 30, D(2027, 1, 27)),
        (D(2026, 5, 1), 1, D(2026, 5, 2)),
    ],
)
def test_public_notice_ends_on(published, days, last_day):
    decision = public_notice_ends_on(published, days)
    assert decision.value == last_day
    assert decision.basis[0].article == "Art. 12 para 1 / 第十二条第一款"


def test_public_notice_needs_a_period():
    with pytest.raises(ValueError):
        public_notice_ends_on(D(2026, 5, 1), 0)


def test_notice_running_through_its_last_day():
    assert notice_running(D(2026, 5, 8), D(2026, 5, 8)).value
    assert not notice_running(D(2026, 5, 8), D(2026, 5, 9)).value


@pytest.mark.parametrize(
    ("today", "undecided", "ok", "article"),
    [
        (D(2026, 5, 8), 0, False, "Art. 12 para 1 / 第十二条第一款"),  # last day of the notice
        (D(2026, 5, 9), 0, True, "Art. 12 para 1 / 第十二条第一款"),
        (D(2026, 5, 9), 1, False, "Art. 12 para 2 / 第十二条第二款"),
    ],
)
def test_submission_allowed(today, undecided, ok, article):
    decision = submission_allowed(D(2026, 5, 8), today, undecided)
    assert decision.value is ok and decision.basis[0].article == article


@pytest.mark.parametrize(
    ("at", "grade", "famous", "to"),
    [
        (L.COUNTY, Grade.GRADE_2, False, L.CITY),  # TC4/TC5: 二级 → city
        (L.COUNTY, Grade.GRADE_1, False, L.CITY),  # TC6: 层报 county → city …
        (L.CITY, Grade.GRADE_1, False, L.PROVINCE),  # … → province
        (L.COUNTY, None, True, L.CITY),  # TC7: famous young tree
        (L.CITY, Grade.GRADE_2, True, L.PROVINCE),  # TC8: famous grade 2 → province
    ],
)
def test_forward_moves_one_level_up(at, grade, famous, to):
    assert forward_to(at, grade, famous).value is to


@pytest.mark.parametrize(
    ("at", "grade", "famous"),
    [(L.COUNTY, Grade.GRADE_3, False), (L.CITY, Grade.GRADE_2, False), (L.PROVINCE, Grade.GRADE_1, False)],
)
def test_forward_stops_at_the_recognising_level(at, grade, famous):
    with pytest.raises(IllegalTransition):
        forward_to(at, grade, famous)


@pytest.mark.parametrize(
    ("deciding", "at", "grade", "famous", "ok"),
    [
        (L.COUNTY, L.COUNTY, Grade.GRADE_3, False, True),  # TC2, TC3
        (L.CITY, L.CITY, Grade.GRADE_2, False, True),  # TC5
        (L.COUNTY, L.COUNTY, Grade.GRADE_2, False, False),  # county may not recognise grade 2
        (L.PROVINCE, L.CITY, Grade.GRADE_1, False, False),  # file not yet at the province
        (L.PROVINCE, L.PROVINCE, Grade.GRADE_1, False, True),  # TC6
        (L.PROVINCE, L.PROVINCE, None, True, True),  # TC7
        (L.CITY, L.CITY, Grade.GRADE_2, True, False),  # TC8: famous → province
        (L.PROVINCE, L.PROVINCE, Grade.GRADE_3, False, False),  # grade 3 is the county's
    ],
)
def test_recognition_allowed(deciding, at, grade, famous, ok):
    decision = recognition_allowed(deciding, at, grade, famous)
    assert decision.value is ok and decision.basis[0].article == "Art. 13 / 第十三条"


@pytest.mark.parametrize(
    ("last", "running", "today", "status"),
    [
        (None, False, D(2026, 1, 1), CensusStatus.NEVER_HELD),
        (D(2016, 3, 1), True, D(2026, 1, 1), CensusStatus.IN_PROGRESS),
        (D(2016, 3, 1), False, D(2026, 3, 1), CensusStatus.SCHEDULED),  # the due day itself is in time
        (D(2016, 3, 1), False, D(2026, 3, 2), CensusStatus.OVERDUE),
        (D(2016, 2, 29), False, D(2026, 2, 28), CensusStatus.SCHEDULED),  # 29 Feb → 28 Feb ten years on
        (D(2016, 2, 29), False, D(2026, 3, 1), CensusStatus.OVERDUE),
    ],
)
def test_census_status(last, running, today, status):
    decision = census_status(last, running, today)
    assert decision.value is status and decision.basis[0].article == "Art. 11 / 第十一条"


def test_sign_number_consistent():
    assert sign_number_consistent(None, "430104-0001").value
    assert sign_number_consistent("430104-0001", "430104-0001").value
    refused = sign_number_consistent("430104-0001", "430104-0002")
    assert not refused.value and refused.basis[0].article == "Art. 22 / 第二十二条"


def test_archive_change_needs_a_reason():
    assert archive_change_explained("survey 2026").value
    assert not archive_change_explained("  ").value
    assert not archive_change_explained(None).value
