"""Service layer of the science-museum post-completion subsidy 省级财政后补助 (三(三)2, R16, W4): a built museum is
accepted, the subsidy is claimed — only within R16's scope — and sent to the budget service as
`science.museum_subsidy.claimed`, then recorded as paid."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import MuseumSubsidy, Venue
from hunan_science.rules.venues import (
    SubsidyAction,
    SubsidyState,
    VenueType,
    museum_subsidy_in_scope,
    next_subsidy_state,
)
from hunan_science.schemas.museum_subsidies import (
    AcceptanceIn,
    BuiltMuseumIn,
    ClaimIn,
    MuseumSubsidyRecordOut,
    PaymentIn,
)
from hunan_shared import clock, divisions
from hunan_shared.errors import Conflict, InvalidInput, RuleViolation, rule_errors
from hunan_shared.events.catalogue import Money, MuseumSubsidyClaimed
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: MuseumSubsidy, basis=()) -> MuseumSubsidyRecordOut:
    return MuseumSubsidyRecordOut(**row.model_dump(), basis=list(basis))


def register(uow: UnitOfWork, cmd: BuiltMuseumIn) -> MuseumSubsidyRecordOut:
    """A completed physical science museum of a 市州 or county enters the workflow as BUILT (one per museum)."""
    venue = uow.repo(Venue).get(cmd.venue_id)
    if venue.venue_type != VenueType.SCI_MUSEUM_PHYSICAL:
        raise InvalidInput(f"venue {venue.id} is a {venue.venue_type}, not a physical science museum (三(三)2)")
    if divisions.get(venue.division_code).level is divisions.Level.PROVINCE:
        raise InvalidInput("R16 is about the museum of a 市州 or a county, not a provincial one")
    if uow.session.exec(select(MuseumSubsidy.id).where(MuseumSubsidy.venue_id == venue.id)).first() is not None:
        raise Conflict(f"museum {venue.id} already has a subsidy record")
    now = clock.now()
    row = MuseumSubsidy(
        id=new_id(),
        venue_id=venue.id,
        division_code=venue.division_code,
        population=cmd.population,
        conditions_met=cmd.conditions_met,
        state=SubsidyState.BUILT.value,
        created_at=now,
        updated_at=now,
    )
    uow.repo(MuseumSubsidy).add(row)
    out = _out(row)
    uow.audit("museum_subsidy.register", "museum_subsidy", row.id, after=out)
    return out


def _step(uow: UnitOfWork, subsidy_id: str, action: SubsidyAction, apply) -> MuseumSubsidyRecordOut:
    row = uow.repo(MuseumSubsidy).for_update(subsidy_id)
    with uow.audited_change("museum_subsidy." + action.value, row, render=_out) as change:
        with rule_errors():
            decision = next_subsidy_state(SubsidyState(row.state), action)
        basis = apply(row) or ()
        row.state, row.updated_at = decision.value.value, clock.now()
        uow.session.add(row)
        out = _out(row, (*basis, *decision.basis))
        change.after = out
    return out


def accept(uow: UnitOfWork, subsidy_id: str, cmd: AcceptanceIn) -> MuseumSubsidyRecordOut:
    def apply(row: MuseumSubsidy):
        if cmd.accepted_on > clock.now().date():
            raise InvalidInput("acceptance cannot be dated in the future")
        row.accepted_on = cmd.accepted_on

    return _step(uow, subsidy_id, SubsidyAction.ACCEPT, apply)


def claim(uow: UnitOfWork, subsidy_id: str, cmd: ClaimIn) -> MuseumSubsidyRecordOut:
    """R16: claim the provincial post-completion subsidy — refused (422, nothing written) for a county museum below
    600,000 residents or without the conditions; sent to the budget service as an event."""

    def apply(row: MuseumSubsidy):
        is_prefecture = divisions.get(row.division_code).level is divisions.Level.PREFECTURE
        with rule_errors():
            scope = museum_subsidy_in_scope(
                row.population, is_prefecture, row.accepted_on is not None, conditions_met=row.conditions_met
            )
        if not scope.value:
            raise RuleViolation(f"no provincial post-completion subsidy: {scope.reason}", basis=scope.basis)
        assert row.accepted_on is not None
        row.amount = cmd.amount
        now = clock.now()
        uow.emit(
            MuseumSubsidyClaimed(
                subsidy_id=row.id,
                venue_id=row.venue_id,
                division_code=row.division_code,
                amount=Money(amount=cmd.amount),
                accepted_on=row.accepted_on,
                basis=f"{scope.basis[0].document} {scope.basis[0].article}",
                claimed_at=now,
            )
        )
        return scope.basis

    return _step(uow, subsidy_id, SubsidyAction.CLAIM, apply)


def pay(uow: UnitOfWork, subsidy_id: str, cmd: PaymentIn) -> MuseumSubsidyRecordOut:
    def apply(row: MuseumSubsidy):
        row.payment_ref = cmd.payment_ref

    return _step(uow, subsidy_id, SubsidyAction.PAY, apply)


def get(session: Session, subsidy_id: str) -> MuseumSubsidyRecordOut:
    return _out(Repository(session, MuseumSubsidy).get(subsidy_id))


def list_subsidies(session: Session, state: str | None) -> list[MuseumSubsidyRecordOut]:
    query = select(MuseumSubsidy).order_by(MuseumSubsidy.created_at.desc(), MuseumSubsidy.id)
    if state:
        query = query.where(MuseumSubsidy.state == state)
    return [_out(row) for row in session.exec(query).all()]
