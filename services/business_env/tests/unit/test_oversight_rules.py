"""Pure rules of the oversight workflows: Arts. 6, 9, 19, 26, 35, 44 (boundary cases)."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules import evaluations, fair_competition, hotline, reviews
from hunan_business_env.rules import government_commitments as commitments
from hunan_business_env.rules.checks import ChangeReason
from hunan_business_env.rules.fair_competition import (
    EconomicTopic,
    MeasureKind,
    MeasureState,
    ReviewConclusion,
    ReviewKind,
)
from hunan_shared.legal import IllegalTransition, RuleRefusal


@pytest.mark.parametrize(
    ("kind", "affects", "topics", "needed"),
    [
        (MeasureKind.NORMATIVE_DOCUMENT, True, [], [ReviewKind.LEGALITY]),
        (MeasureKind.NORMATIVE_DOCUMENT, False, [EconomicTopic.BIDDING], [ReviewKind.FAIR_COMPETITION]),
        (MeasureKind.RULE, True, [EconomicTopic.GOV_PROCUREMENT], [ReviewKind.FAIR_COMPETITION]),  # para 1: not rules
        (
            MeasureKind.CASE_BY_CASE_MEASURE,
            True,
            [EconomicTopic.INVESTMENT_ATTRACTION],
            [ReviewKind.LEGALITY, ReviewKind.FAIR_COMPETITION],
        ),
        (MeasureKind.POLICY_DOCUMENT, False, [], []),
    ],
)
def test_required_reviews_art44(kind, affects, topics, needed):
    assert fair_competition.required_reviews(kind, affects, topics).value == needed


def test_issuance_needs_the_latest_review_of_each_kind_to_pass_art44():
    need = [ReviewKind.LEGALITY, ReviewKind.FAIR_COMPETITION]
    ok = {ReviewKind.LEGALITY: ReviewConclusion.PASSED, ReviewKind.FAIR_COMPETITION: ReviewConclusion.PASSED}
    assert fair_competition.issuance_allowed(MeasureState.DRAFT, need, ok, False).value is True
    with pytest.raises(IllegalTransition, match="review missing: FAIR_COMPETITION"):
        fair_competition.issuance_allowed(
            MeasureState.DRAFT, need, {ReviewKind.LEGALITY: ReviewConclusion.PASSED}, False
        )
    with pytest.raises(IllegalTransition, match="not passed"):
        fair_competition.issuance_allowed(
            MeasureState.DRAFT, need, {**ok, ReviewKind.LEGALITY: ReviewConclusion.NOT_PASSED}, False
        )
    with pytest.raises(IllegalTransition):
        fair_competition.issuance_allowed(MeasureState.ISSUED, [], {}, False)
    with pytest.raises(RuleRefusal) as refused:  # Art. 9 even with every review passed
        fair_competition.issuance_allowed(MeasureState.DRAFT, need, ok, True)
    assert not isinstance(refused.value, IllegalTransition)


def test_report_intake_b23():
    assert fair_competition.report_intake(True, True).value is fair_competition.ReportState.ACCEPTED_MANDATORY
    for written, facts in ((True, False), (False, True), (False, False)):
        assert fair_competition.report_intake(written, facts).value is fair_competition.ReportState.ACCEPTED_INFORMAL


@pytest.mark.parametrize("reason", sorted(commitments.PROHIBITED_BREACH_GROUNDS))
def test_prohibited_grounds_are_refused_b14(reason):
    with pytest.raises(IllegalTransition):
        commitments.change_allowed(reason, "某决定", "某补偿")


def test_public_interest_change_needs_procedure_and_compensation():
    with pytest.raises(RuleRefusal, match="compensation_ref"):
        commitments.change_allowed(ChangeReason.PUBLIC_INTEREST, "决定", None)
    assert commitments.change_allowed(ChangeReason.NATIONAL_INTEREST, "决定", "补偿").value is True


def test_payment_overdue_from_the_day_after_b15():
    due = dt.date(2025, 3, 31)
    assert commitments.payment_overdue(due, None, due).value is False
    assert commitments.payment_overdue(due, None, dt.date(2025, 4, 1)).value is True
    assert commitments.payment_overdue(due, dt.date(2025, 4, 2), dt.date(2025, 5, 1)).value is False


def test_evaluation_b1():
    with pytest.raises(RuleRefusal, match="evaluation-not-permitted"):
        evaluations.may_organise("CITY")
    assert evaluations.may_organise("PROVINCE").value is True
    S, A = evaluations.EvaluationState, evaluations.EvaluationAction
    with pytest.raises(IllegalTransition, match="approves"):
        evaluations.next_state(S.REPORT_SUBMITTED, A.FEED_BACK)
    assert evaluations.next_state(S.PROVINCE_APPROVED, A.FEED_BACK).value is S.RECTIFYING
    with pytest.raises(IllegalTransition, match="1 problem"):
        evaluations.next_state(S.RECTIFYING, A.CLOSE, open_problems=1)
    assert evaluations.next_state(S.RECTIFYING, A.CLOSE, open_problems=0).value is S.CLOSED
    with pytest.raises(RuleRefusal):
        evaluations.evaluator_allowed(evaluations.EvaluatorKind.GOVERNMENT_BODY)


@pytest.mark.parametrize(
    ("rating", "complaint", "state"),
    [(1, False, "INVESTIGATING"), (2, False, "INVESTIGATING"), (3, False, "CLOSED"), (5, True, "INVESTIGATING")],
)
def test_review_intake_bad_at_two_or_below_art26(rating, complaint, state):
    assert reviews.intake(rating, complaint).value == state


def test_review_cannot_close_without_investigation_and_feedback_art26():
    S, A = reviews.ReviewState, reviews.ReviewAction
    for state in (S.INVESTIGATING, S.RECTIFICATION_ORDERED, S.RECTIFIED):
        with pytest.raises(IllegalTransition, match="closes only after"):
            reviews.next_state(state, A.CLOSE)
    assert (
        reviews.next_state(S.INVESTIGATING, A.CONCLUDE_INVESTIGATION, reviews.Finding(False)).value is S.FEEDBACK_SENT
    )


def test_hotline_routing_art35():
    assert hotline.route(True, None).value is hotline.Route.COMPLAINTS_LEDGER
    assert hotline.route(False, "某局").value is hotline.Route.DEPARTMENT
    with pytest.raises(RuleRefusal):
        hotline.route(False, None)
    with pytest.raises(IllegalTransition):
        hotline.next_state(hotline.AppealState.IN_LEDGER, hotline.AppealAction.HANDLE)


def test_closing_waits_for_the_rating_or_its_window_art50():
    from hunan_business_env.rules.complaints import ComplaintState, EntryKind, LedgerFacts, next_state

    fed = dict(has_result=True, feedback_sent=True)
    waiting = next_state(
        ComplaintState.FEEDBACK_SENT, EntryKind.CLOSE, LedgerFacts(**fed, evaluation_window_over=False)
    )
    assert waiting.value is None and "rat" in waiting.reason
    rated = LedgerFacts(**fed, evaluated=True, evaluation_window_over=False)
    assert next_state(ComplaintState.EVALUATED, EntryKind.CLOSE, rated).value is ComplaintState.CLOSED
    lapsed = LedgerFacts(**fed, evaluation_window_over=True)
    assert next_state(ComplaintState.FEEDBACK_SENT, EntryKind.CLOSE, lapsed).value is ComplaintState.CLOSED
