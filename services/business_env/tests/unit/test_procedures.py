"""Rules of the procedures for enterprises: start-up bundle (Art. 10), simplified deregistration (Art. 20),
notification-commitment (Art. 32), fees and deposits (Art. 15) — boundaries included."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules.checks import StartupItem
from hunan_business_env.rules.commitments import (
    CommitmentState,
    MatterKind,
    Sanction,
    matter_allows_commitment,
    verification_due,
    verification_outcome,
)
from hunan_business_env.rules.deregistration import (
    DeregistrationAction,
    DeregistrationState,
    next_deregistration_state,
    notice_until,
)
from hunan_business_env.rules.fees import (
    DepositForm,
    DepositState,
    Levy,
    deposit_form_check,
    levy_allowed,
    next_deposit_state,
    refund_due,
)
from hunan_business_env.rules.startup import (
    BundleAction,
    BundleState,
    ItemState,
    next_bundle_state,
    next_item_state,
    startup_due,
)
from hunan_shared.legal import IllegalTransition, RuleRefusal

D = dt.date
ALL_PENDING = {item: ItemState.PENDING for item in StartupItem}


# --- Art. 10: start-up bundle (R11, R12) ------------------------------------------------------------------


def test_startup_due_counts_working_days_across_national_day():
    # Fri 27 Sep 2024 + 3 working days: Sun 29 Sep is worked, 1–7 Oct are off → Tue 8 Oct.
    due = startup_due(D(2024, 9, 27), 3)
    assert due.value.date == D(2024, 10, 8) and not due.value.provisional
    assert due.basis[0].article == "Art. 10 para 2 / 第十条第二款"


def test_bundle_completes_only_when_all_six_are_done_b10():
    items = dict(ALL_PENDING)
    items[StartupItem.SEAL_ENGRAVING] = ItemState.FAILED
    for item in StartupItem:
        if item is not StartupItem.SEAL_ENGRAVING:
            items[item] = ItemState.DONE
    step = next_bundle_state(BundleState.PROCESSING, BundleAction.RECORD_ITEM, items, False)
    assert step.value is BundleState.PROCESSING and "SEAL_ENGRAVING" in step.reason  # a failure keeps it open
    with pytest.raises(IllegalTransition):
        next_bundle_state(BundleState.PROCESSING, BundleAction.DELIVER, items, False)  # nothing partial
    items[StartupItem.SEAL_ENGRAVING] = next_item_state(
        StartupItem.SEAL_ENGRAVING, ItemState.FAILED, ItemState.DONE
    ).value  # retried
    assert next_bundle_state(BundleState.PROCESSING, BundleAction.RECORD_ITEM, items, False).value is (
        BundleState.COMPLETED
    )
    assert next_bundle_state(BundleState.COMPLETED, BundleAction.DELIVER, items, False).value is BundleState.DELIVERED
    with pytest.raises(IllegalTransition):
        next_bundle_state(BundleState.DELIVERED, BundleAction.DELIVER, items, False)  # exactly one delivery


def test_items_are_done_once_and_materials_requested_once():
    with pytest.raises(IllegalTransition):
        next_item_state(StartupItem.SEAL_ENGRAVING, ItemState.DONE, ItemState.FAILED)
    with pytest.raises(IllegalTransition):
        next_item_state(StartupItem.SEAL_ENGRAVING, ItemState.PENDING, ItemState.PENDING)
    assert next_item_state(StartupItem.SEAL_ENGRAVING, ItemState.FAILED, ItemState.FAILED).value is ItemState.FAILED
    first = next_bundle_state(BundleState.PROCESSING, BundleAction.REQUEST_MATERIALS, ALL_PENDING, False)
    assert first.value is BundleState.MATERIALS_REQUESTED
    with pytest.raises(IllegalTransition, match="一次告知"):
        next_bundle_state(BundleState.PROCESSING, BundleAction.REQUEST_MATERIALS, ALL_PENDING, True)
    with pytest.raises(IllegalTransition):  # items wait while the applicant owes materials
        next_bundle_state(BundleState.MATERIALS_REQUESTED, BundleAction.RECORD_ITEM, ALL_PENDING, True)


# --- Art. 20: simplified deregistration (R36) --------------------------------------------------------------


def test_notice_period_objections_and_completion_boundaries():
    until = notice_until(D(2025, 3, 3), 20).value
    assert until == D(2025, 3, 23)
    notice = DeregistrationState.NOTICE
    assert next_deregistration_state(notice, DeregistrationAction.OBJECT, until, until).value is (
        DeregistrationState.OBJECTED
    )  # the last day still counts
    with pytest.raises(IllegalTransition, match="ended"):
        next_deregistration_state(notice, DeregistrationAction.OBJECT, until + dt.timedelta(days=1), until)
    with pytest.raises(IllegalTransition, match="next day"):
        next_deregistration_state(notice, DeregistrationAction.COMPLETE, until, until)
    done = next_deregistration_state(notice, DeregistrationAction.COMPLETE, until + dt.timedelta(days=1), until)
    assert done.value is DeregistrationState.DEREGISTERED and done.basis[0].article == "Art. 20 / 第二十条"
    for state in (DeregistrationState.INELIGIBLE, DeregistrationState.OBJECTED, DeregistrationState.DEREGISTERED):
        with pytest.raises(IllegalTransition):
            next_deregistration_state(state, DeregistrationAction.COMPLETE, D(2026, 1, 1), until)


# --- Art. 32: notification-commitment (R67, R68, R70) -------------------------------------------------------


def test_which_matters_allow_a_commitment():
    assert matter_allows_commitment(MatterKind.CERTIFICATION, False, False).value is True
    assert matter_allows_commitment(MatterKind.CERTIFICATION, True, True).value is False
    assert matter_allows_commitment(MatterKind.BUSINESS_PERMIT, False, True).value is True
    refused = matter_allows_commitment(MatterKind.BUSINESS_PERMIT, False, False)
    assert refused.value is False and refused.basis[0].article == "Art. 32 para 2 / 第三十二条第二款"


def test_verification_due_over_spring_festival():
    # Mon 20 Jan 2025 + 20 working days (26 Jan and 8 Feb worked, 28 Jan–4 Feb off) → Fri 21 Feb.
    assert verification_due(D(2025, 1, 20), 20).value.date == D(2025, 2, 21)


def test_a_false_commitment_needs_a_sanction_b18():
    granted, found = CommitmentState.GRANTED, D(2025, 3, 10)
    assert verification_outcome(granted, True, [], found, None).value is CommitmentState.VERIFIED
    with pytest.raises(RuleRefusal, match="at least one"):
        verification_outcome(granted, False, [], found, None)
    with pytest.raises(RuleRefusal, match="no sanction"):
        verification_outcome(granted, True, [Sanction.PENALTY], found, None)
    with pytest.raises(RuleRefusal, match="deadline"):
        verification_outcome(granted, False, [Sanction.RECTIFY], found, found)  # not after the finding
    false = verification_outcome(granted, False, [Sanction.RECTIFY], found, found + dt.timedelta(days=1))
    assert false.value is CommitmentState.FALSE_COMMITMENT and "credit record" in false.reason
    assert false.basis[0].article == "Art. 32 para 3 / 第三十二条第三款"
    with pytest.raises(IllegalTransition):
        verification_outcome(CommitmentState.VERIFIED, False, [Sanction.REVOKE], found, None)


# --- Art. 15: deposits (R24, R25) ---------------------------------------------------------------------------


def test_deposit_form_is_the_enterprises_choice():
    every = list(DepositForm)
    assert deposit_form_check(DepositForm.BANK_GUARANTEE, every, every).value is DepositForm.BANK_GUARANTEE
    with pytest.raises(RuleRefusal, match="restricts"):  # cash only where guarantees are permitted
        deposit_form_check(DepositForm.CASH, every, [DepositForm.CASH])
    with pytest.raises(RuleRefusal, match="not a form"):
        deposit_form_check(DepositForm.GUARANTEE_INSURANCE, [DepositForm.CASH], [DepositForm.CASH])
    # the rules permit cash only: accepting cash only restricts nothing
    assert deposit_form_check(DepositForm.CASH, [DepositForm.CASH], [DepositForm.CASH]).value is DepositForm.CASH


def test_refund_due_and_deposit_order():
    assert refund_due(D(2024, 9, 27), 5).value.date == D(2024, 10, 10)  # 29, 30 Sep, 8, 9, 10 Oct
    assert next_deposit_state(DepositState.HELD, DepositState.RELEASE_TRIGGERED).value is (
        DepositState.RELEASE_TRIGGERED
    )
    with pytest.raises(IllegalTransition):
        next_deposit_state(DepositState.HELD, DepositState.REFUNDED)
    with pytest.raises(IllegalTransition):
        next_deposit_state(DepositState.REFUNDED, DepositState.REFUNDED)


def test_only_a_fee_may_be_demanded_r23():
    assert levy_allowed(Levy.FEE).value is True
    for levy in (Levy.SPONSORSHIP, Levy.DONATION, Levy.APPORTIONMENT, Levy.COMMERCIAL_INSURANCE):
        refused = levy_allowed(levy)
        assert refused.value is False and refused.basis[0].article == "Art. 15 para 1 / 第十五条第一款"
