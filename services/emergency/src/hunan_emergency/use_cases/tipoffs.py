"""Service layer for 12350 tip-offs (W6, Plan 10(六)): anonymous by default, the contact kept only when given and
never returned; verification by the department referred to, and the reward assessed by R52."""

from __future__ import annotations

from sqlmodel import Session, col

from hunan_emergency.models import TipOff
from hunan_emergency.rules.relief import ReporterType, tipoff_reward
from hunan_emergency.rules.workflows import TipOffAction, TipOffState, next_tipoff_state
from hunan_emergency.schemas.tipoffs import ReferIn, RewardIn, TipOffIn, TipOffNoteIn, TipOffOut, TipOffVerifyIn
from hunan_emergency.settings import EmergencySettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import rule_errors
from hunan_shared.events.catalogue import Money, TipOffReceived, TipOffResolved
from hunan_shared.legal import Basis
from hunan_shared.money import exact_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# W6: a tip-off is resolved when it is closed; its outcome is the state it was closed from.
OUTCOME = {
    TipOffState.REJECTED.value: "REJECTED",
    TipOffState.VERIFIED_FALSE.value: "VERIFIED_FALSE",
    TipOffState.REWARD_PAID.value: "VERIFIED_TRUE",
}


def _out(row: TipOff, basis: tuple[Basis, ...] = ()) -> TipOffOut:
    data = row.model_dump(exclude={"contact"})
    return TipOffOut(
        **data,
        has_contact=row.contact is not None,
        basis=list(basis),
    )


def _advance(row: TipOff, action: TipOffAction) -> tuple[Basis, ...]:
    with rule_errors():
        transition = next_tipoff_state(TipOffState(row.state), action)
    row.state = transition.value
    return transition.basis


def receive(uow: UnitOfWork, cmd: TipOffIn) -> TipOffOut:
    row = TipOff(id=new_id(), state=TipOffState.RECEIVED.value, received_at=clock.now(), **cmd.model_dump())
    uow.session.add(row)
    uow.emit(
        TipOffReceived(
            tipoff_id=row.id, division_code=row.division_code, sector=row.sector, received_at=row.received_at
        )
    )
    out = _out(row)
    uow.audit("tipoff.receive", "tipoff", row.id, after=out)  # the output carries has_contact, never the contact
    return out


def _step(uow: UnitOfWork, tipoff_id: str, action: TipOffAction, apply=None) -> TipOffOut:
    row = uow.repo(TipOff, noun="tip-off").for_update(tipoff_id)
    with uow.audited_change(f"tipoff.{action.value}", row, render=_out) as change:
        previous = row.state
        basis = _advance(row, action)
        extra: tuple[Basis, ...] = apply(row) if apply else ()
        if row.state == TipOffState.CLOSED.value:
            uow.emit(
                TipOffResolved(
                    tipoff_id=row.id,
                    division_code=row.division_code,
                    sector=row.sector,
                    outcome=OUTCOME[previous],
                    verified_true=row.verified_true,
                    reward=None if row.reward is None else Money(amount=row.reward),
                    resolved_at=clock.now(),
                )
            )
        change.after = out = _out(row, basis + (extra or ()))
    return out


def accept(uow: UnitOfWork, tipoff_id: str, cmd: TipOffNoteIn) -> TipOffOut:
    return _step(uow, tipoff_id, TipOffAction.ACCEPT, lambda r: setattr(r, "note", cmd.note or r.note))


def reject(uow: UnitOfWork, tipoff_id: str, cmd: TipOffNoteIn) -> TipOffOut:
    return _step(uow, tipoff_id, TipOffAction.REJECT, lambda r: setattr(r, "note", cmd.note or r.note))


def refer(uow: UnitOfWork, tipoff_id: str, cmd: ReferIn) -> TipOffOut:
    return _step(uow, tipoff_id, TipOffAction.REFER, lambda r: setattr(r, "department", cmd.department))


def verify(uow: UnitOfWork, tipoff_id: str, cmd: TipOffVerifyIn) -> TipOffOut:
    def apply(row: TipOff):
        row.verified_true = cmd.verified_true
        row.avoided_casualties_or_major_loss = cmd.verified_true and cmd.avoided_casualties_or_major_loss
        row.note = cmd.note or row.note

    action = TipOffAction.VERIFY_TRUE if cmd.verified_true else TipOffAction.VERIFY_FALSE
    return _step(uow, tipoff_id, action, apply)


def assess_reward(uow: UnitOfWork, tipoff_id: str, cmd: RewardIn, settings: EmergencySettings) -> TipOffOut:
    """R52: the standard reward, raised by the configured uplift for an insider; special-reward flag when the tip
    directly avoided casualties or major loss. Only a VERIFIED_TRUE tip can be assessed (W6)."""

    def apply(row: TipOff) -> tuple[Basis, ...]:
        with rule_errors():
            decision = tipoff_reward(
                cmd.standard_reward,
                ReporterType(row.reporter_type),
                verified_true=bool(row.verified_true),
                directly_avoided_casualties_or_major_loss=row.avoided_casualties_or_major_loss,
                insider_uplift=settings.insider_reward_uplift,
            )
        row.standard_reward = exact_fen(cmd.standard_reward)
        row.reward = decision.value.amount  # rounded once to the fen by the rule (R52)
        row.special_reward = decision.value.special_reward
        return decision.basis

    return _step(uow, tipoff_id, TipOffAction.ASSESS_REWARD, apply)


def pay_reward(uow: UnitOfWork, tipoff_id: str) -> TipOffOut:
    return _step(uow, tipoff_id, TipOffAction.PAY_REWARD)


def close(uow: UnitOfWork, tipoff_id: str) -> TipOffOut:
    return _step(uow, tipoff_id, TipOffAction.CLOSE)


def get(session: Session, tipoff_id: str) -> TipOffOut:
    return _out(Repository(session, TipOff, noun="tip-off").get(tipoff_id))


def list_tipoffs(session: Session, page: PageParams, division: str | None, state: str | None) -> Page[TipOffOut]:
    where = []
    if division:
        where.append(in_division(TipOff.division_code, division, below_county=True))
    if state:
        where.append(TipOff.state == state)
    return Repository(session, TipOff).page(
        page, *where, order_by=(col(TipOff.received_at).desc(), TipOff.id), convert=_out
    )
