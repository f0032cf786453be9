"""Working-day deadlines (Arts. 39, 50, 53) and the complaints ledger transitions (Arts. 50–51): B2, B3, B21, B22."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules.complaints import ComplaintState as S
from hunan_business_env.rules.complaints import EntryKind as K
from hunan_business_env.rules.complaints import LedgerFacts, next_state
from hunan_business_env.rules.deadlines import (
    complaint_feedback_due,
    complaint_handling_due,
    in_force_on,
    inspection_results_due,
    inspection_results_on_time,
)

D = dt.date


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        pytest.param(D(2024, 9, 20), D(2024, 10, 23), id="B2-Art39-across-national-day"),
        pytest.param(D(2025, 1, 20), D(2025, 2, 21), id="B3-Art39-across-spring-festival"),
    ],
)
def test_inspection_results_due(completed, due):
    decision = inspection_results_due(completed)
    assert decision.value.date == due and not decision.value.provisional
    assert decision.basis[0].article == "Art. 39 / 第三十九条"


@pytest.mark.parametrize(
    ("published", "on_time"),
    [
        pytest.param(D(2024, 10, 23), True, id="B2-Art39-on-the-due-day"),
        pytest.param(D(2024, 10, 24), False, id="B2-Art39-one-day-late"),
    ],
)
def test_inspection_results_on_time(published, on_time):
    assert inspection_results_on_time(D(2024, 9, 20), published).value is on_time


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        pytest.param(D(2024, 9, 27), 5, D(2024, 10, 10), id="Art50-sla-5wd-across-national-day"),
        pytest.param(
            D(2025, 1, 24), 15, D(2025, 2, 20), id="Art50-sla-15wd-spring-festival-Sun-26-Jan-Sat-8-Feb-worked"
        ),
        pytest.param(D(2024, 10, 11), 1, D(2024, 10, 12), id="Art50-Saturday-12-Oct-2024-worked"),
    ],
)
def test_complaint_handling_due(received, days, due):
    decision = complaint_handling_due(received, days)
    assert decision.value.date == due and not decision.value.provisional
    assert decision.basis[0].article == "Art. 50 / 第五十条"


def test_deadline_in_unpublished_year_is_provisional():
    decision = complaint_handling_due(D(2026, 12, 24), 15)
    assert decision.value.provisional
    assert decision.value.date == D(2027, 1, 15)  # fallback: weekdays, with 1 Jan off


def test_feedback_due_is_working_days_after_result():
    assert complaint_feedback_due(D(2024, 9, 30), 3).value.date == D(2024, 10, 10)


@pytest.mark.parametrize(
    ("day", "ok"),
    [pytest.param(D(2021, 12, 31), False, id="Art53-before"), pytest.param(D(2022, 1, 1), True, id="Art53-in-force")],
)
def test_in_force(day, ok):
    assert in_force_on(day).value is ok


DONE = LedgerFacts(has_result=True, feedback_sent=True)


@pytest.mark.parametrize(
    ("state", "kind", "facts", "after"),
    [
        pytest.param(S.ACCOUNT_OPENED, K.ACTION, LedgerFacts(), S.IN_PROGRESS, id="Art50-record-action"),
        pytest.param(S.IN_PROGRESS, K.ACTION, LedgerFacts(), S.IN_PROGRESS, id="Art50-second-action"),
        pytest.param(S.IN_PROGRESS, K.RESOLVE, LedgerFacts(), S.RESOLVED, id="Art50-resolve"),
        pytest.param(S.RESOLVED, K.FEEDBACK, LedgerFacts(has_result=True), S.FEEDBACK_SENT, id="Art50-feedback"),
        pytest.param(S.FEEDBACK_SENT, K.EVALUATION, DONE, S.EVALUATED, id="Art50-evaluation"),
        pytest.param(S.FEEDBACK_SENT, K.CLOSE, DONE, S.CLOSED, id="Art50-close-after-feedback"),
        pytest.param(S.EVALUATED, K.CLOSE, DONE, S.CLOSED, id="Art50-close-after-evaluation"),
        pytest.param(S.RESOLVED, K.CLOSE, LedgerFacts(has_result=True), None, id="B21-Art50-close-before-feedback"),
        pytest.param(S.IN_PROGRESS, K.FEEDBACK, LedgerFacts(), None, id="Art50-feedback-before-result"),
        pytest.param(S.CLOSED, K.ACTION, DONE, None, id="Art50-closed-account-takes-no-entries"),
        pytest.param(
            S.FEEDBACK_SENT,
            K.CLOSE,
            LedgerFacts(has_result=True, feedback_sent=True, misconduct_found=True),
            None,
            id="B22-Art51-close-without-transfer",
        ),
        pytest.param(
            S.FEEDBACK_SENT,
            K.CLOSE,
            LedgerFacts(has_result=True, feedback_sent=True, misconduct_found=True, transferred=True),
            S.CLOSED,
            id="B22-Art51-close-after-transfer",
        ),
        pytest.param(S.IN_PROGRESS, K.TRANSFER, LedgerFacts(misconduct_found=True), S.IN_PROGRESS, id="Art51-transfer"),
        pytest.param(S.IN_PROGRESS, K.TRANSFER, LedgerFacts(), None, id="Art51-transfer-needs-finding"),
    ],
)
def test_ledger_transitions(state, kind, facts, after):
    assert next_state(state, kind, facts).value == after


@pytest.mark.parametrize(
    ("rating", "reopened_before", "reopens"),
    [(1, False, True), (2, False, True), (3, False, False), (5, False, False), (1, True, False), (2, True, False)],
)
def test_an_unsatisfied_result_reopens_once_art50(rating, reopened_before, reopens):
    from hunan_business_env.rules.complaints import reopens_on_rating

    decision = reopens_on_rating(rating, 2, reopened_before)
    assert decision.value is reopens and decision.basis[0].article == "Art. 50 / 第五十条"


def test_the_reopened_limit_counts_working_days_from_the_rating():
    import datetime as dt

    from hunan_business_env.rules.deadlines import complaint_reopened_due

    assert complaint_reopened_due(dt.date(2024, 9, 2), 5).value.date == dt.date(2024, 9, 9)
    assert complaint_reopened_due(dt.date(2024, 9, 30), 1).value.date == dt.date(2024, 10, 8)  # National Day
