"""Service layer for warnings (W2): issue, update, cancel and expire; every change is a CAP 1.2 message kept
as published (XML and JSON); delivery reports accumulate the population reached (R7)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from hunan_emergency.engines.cap import CapMsgType, CapReference, CapStatus, CapWarning, cap_dict, cap_xml
from hunan_emergency.models import EmergencyWarning, WarningDelivery, WarningDivision, WarningMessage
from hunan_emergency.rules.classification import (
    HazardCategory,
    NaturalHazardType,
    SafetySector,
    classify_hazard,
)
from hunan_emergency.rules.warnings import WarningColour, warning_coverage_met, warning_release_systems
from hunan_emergency.rules.workflows import WarningAction, WarningState, next_warning_state
from hunan_emergency.schemas.warnings import CoverageOut, DeliveryIn, WarningIn, WarningOut, WarningUpdateIn
from hunan_emergency.settings import EmergencySettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.events.catalogue import WarningCancelled, WarningIssued, WarningUpdated
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

COLOURS: dict[str, WarningColour] = {
    "blue": WarningColour.BLUE,
    "yellow": WarningColour.YELLOW,
    "orange": WarningColour.ORANGE,
    "red": WarningColour.RED,
}


def _hazard(value: str) -> NaturalHazardType | SafetySector:
    return NaturalHazardType(value) if value in NaturalHazardType.__members__ else SafetySector(value)


def _codes(session: Session, warning_id: str) -> list[str]:
    return list(
        session.exec(
            select(WarningDivision.division_code)
            .where(WarningDivision.warning_id == warning_id)
            .order_by(WarningDivision.division_code)
        ).all()
    )


def _latest(session: Session, warning_id: str) -> WarningMessage:
    return session.exec(
        select(WarningMessage)
        .where(WarningMessage.warning_id == warning_id)
        .order_by(col(WarningMessage.revision).desc())
    ).first()


def _coverage(warning: EmergencyWarning) -> CoverageOut:
    # Channels overlap (the same person gets an SMS and hears the broadcast): reached is capped at the target.
    decision = warning_coverage_met(
        min(warning.population_reached, warning.population_targeted), warning.population_targeted
    )
    return CoverageOut(
        rate=decision.value.rate,
        target=decision.value.target,
        met=decision.value.met,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _out(session: Session, warning: EmergencyWarning, basis: tuple[Basis, ...] = ()) -> WarningOut:
    return WarningOut(
        **warning.model_dump(exclude={"ended_at"}),
        division_codes=_codes(session, warning.id),
        coverage=_coverage(warning),
        cap_identifier=_latest(session, warning.id).identifier,
        basis=list(basis),
    )


def _load(session: Session, warning_id: str) -> EmergencyWarning:
    return Repository(session, EmergencyWarning, noun="warning").for_update(warning_id)


def _publish(
    uow: UnitOfWork, warning: EmergencyWarning, msg_type: CapMsgType, settings: EmergencySettings, sent: dt.datetime
) -> WarningMessage:
    """Build, keep and return the CAP message of the warning's current revision."""
    references = ()
    if msg_type is not CapMsgType.ALERT:
        previous = _latest(uow.session, warning.id)
        references = (CapReference(settings.cap_sender, previous.identifier, previous.sent),)
    identifier = f"HN-EM-{warning.id}-{warning.revision}"
    message = CapWarning(
        identifier=identifier,
        sender=settings.cap_sender,
        sent=sent,
        status=CapStatus(settings.cap_status),
        msg_type=msg_type,
        hazard=_hazard(warning.hazard),
        colour=COLOURS[warning.colour],
        divisions=tuple(_codes(uow.session, warning.id)),
        expires=warning.expires_at,
        headline=warning.headline,
        description=warning.description,
        references=references,
        instruction=warning.instruction,
        audience=warning.audience,
    )
    with rule_errors():
        record = WarningMessage(
            warning_id=warning.id,
            revision=warning.revision,
            identifier=identifier,
            msg_type=msg_type.value,
            sent=sent,
            xml=cap_xml(message).decode("utf-8"),
            cap=cap_dict(message),
        )
    uow.session.add(record)
    uow.session.flush()
    return record


def issue(uow: UnitOfWork, cmd: WarningIn, settings: EmergencySettings) -> WarningOut:
    """Issue a warning (DRAFT → ISSUED) through the 1+5 system (R9) as a CAP Alert; announce WarningIssued."""
    category = HazardCategory.NATURAL_DISASTER if cmd.hazard_type else HazardCategory.PRODUCTION_SAFETY_ACCIDENT
    now = clock.now()
    if cmd.expires_at <= now:
        raise InvalidInput("expires_at must lie in the future")
    with rule_errors():
        hazard = classify_hazard(category, cmd.hazard_type, cmd.sector)
        transition = next_warning_state(WarningState.DRAFT, WarningAction.ISSUE)
    kind = hazard.value.natural_type or hazard.value.sector
    basis = hazard.basis + transition.basis
    if isinstance(kind, NaturalHazardType):
        basis += warning_release_systems(kind).basis
    warning = EmergencyWarning(
        id=new_id(),
        hazard=kind.value,
        colour=cmd.colour,
        state=transition.value,
        headline=cmd.headline,
        description=cmd.description,
        instruction=cmd.instruction,
        audience=cmd.audience,
        disaster_id=cmd.disaster_id,
        population_targeted=cmd.population_targeted,
        issued_at=now,
        expires_at=cmd.expires_at,
    )
    uow.session.add(warning)
    uow.session.add_all(WarningDivision(warning_id=warning.id, division_code=c) for c in cmd.division_codes)
    uow.session.flush()
    _publish(uow, warning, CapMsgType.ALERT, settings, now)
    uow.emit(
        WarningIssued(
            warning_id=warning.id,
            hazard=warning.hazard,
            colour=warning.colour,
            division_codes=cmd.division_codes,
            headline=warning.headline,
            issued_at=now,
            expires_at=warning.expires_at,
        )
    )
    out = _out(uow.session, warning, basis)
    uow.audit("warning.issue", "warning", warning.id, after=out)
    return out


def update(uow: UnitOfWork, warning_id: str, cmd: WarningUpdateIn, settings: EmergencySettings) -> WarningOut:
    """Change grade, area, text or expiry of a live warning: a CAP Update referencing the previous message."""
    warning = _load(uow.session, warning_id)
    with rule_errors():
        transition = next_warning_state(WarningState(warning.state), WarningAction.UPDATE)
    now = clock.now()
    changes = cmd.model_dump(exclude_unset=True, exclude={"division_codes"})
    if not changes and cmd.division_codes is None:
        raise InvalidInput("an update changes at least one field")
    if cmd.expires_at is not None and cmd.expires_at <= now:
        raise InvalidInput("expires_at must lie in the future")
    with uow.audited_change("warning.update", warning, render=lambda w: _out(uow.session, w)) as change:
        _apply_update(uow, warning, cmd, changes, transition.value, settings, now)
        change.after = out = _out(uow.session, warning, transition.basis)
    return out


def _apply_update(
    uow: UnitOfWork,
    warning: EmergencyWarning,
    cmd: WarningUpdateIn,
    changes: dict,
    state: WarningState,
    settings: EmergencySettings,
    now: dt.datetime,
) -> None:
    warning_id = warning.id
    for name, value in changes.items():
        setattr(warning, name, value)
    if cmd.division_codes is not None:
        for row in uow.session.exec(select(WarningDivision).where(WarningDivision.warning_id == warning_id)).all():
            uow.session.delete(row)
        uow.session.flush()
        uow.session.add_all(WarningDivision(warning_id=warning_id, division_code=c) for c in cmd.division_codes)
    warning.state = state
    warning.revision += 1
    warning.updated_at = now
    uow.session.flush()
    _publish(uow, warning, CapMsgType.UPDATE, settings, now)
    uow.emit(
        WarningUpdated(
            warning_id=warning_id,
            hazard=warning.hazard,
            colour=warning.colour,
            division_codes=_codes(uow.session, warning_id),
            headline=warning.headline,
            updated_at=now,
            expires_at=warning.expires_at,
        )
    )


def cancel(uow: UnitOfWork, warning_id: str, settings: EmergencySettings) -> WarningOut:
    """Withdraw a live warning before expiry: a CAP Cancel; announce WarningCancelled."""
    warning = _load(uow.session, warning_id)
    with rule_errors():
        transition = next_warning_state(WarningState(warning.state), WarningAction.CANCEL)
    now = clock.now()
    with uow.audited_change("warning.cancel", warning, render=lambda w: _out(uow.session, w)) as change:
        warning.state = transition.value
        warning.revision += 1
        warning.ended_at = now
        _publish(uow, warning, CapMsgType.CANCEL, settings, now)
        uow.emit(
            WarningCancelled(
                warning_id=warning_id,
                hazard=warning.hazard,
                colour=warning.colour,
                division_codes=_codes(uow.session, warning_id),
                cancelled_at=now,
            )
        )
        change.after = out = _out(uow.session, warning, transition.basis)
    return out


def expire_due(uow: UnitOfWork) -> list[str]:
    """Mark every live warning whose expiry time has passed as EXPIRED (run periodically by an operator job)."""
    now = clock.now()
    due = uow.session.exec(
        select(EmergencyWarning)
        .where(
            col(EmergencyWarning.state).in_([WarningState.ISSUED.value, WarningState.UPDATED.value]),
            EmergencyWarning.expires_at <= now,
        )
        .order_by(EmergencyWarning.id)
        .with_for_update()
    ).all()
    for warning in due:
        with rule_errors():
            warning.state = next_warning_state(WarningState(warning.state), WarningAction.EXPIRE).value
        warning.ended_at = now
    uow.audit("warning.expire", "warning", None, after={"expired": [w.id for w in due]})
    return [w.id for w in due]


def record_delivery(uow: UnitOfWork, warning_id: str, cmd: DeliveryIn) -> WarningOut:
    """A channel's delivery report adds to the population reached, the numerator of coverage (R7)."""
    warning = _load(uow.session, warning_id)
    if warning.state not in (WarningState.ISSUED.value, WarningState.UPDATED.value, WarningState.EXPIRED.value):
        raise InvalidInput(f"a {warning.state} warning takes no delivery reports")
    with uow.audited_change("warning.delivery", warning, render=lambda w: _out(uow.session, w)) as change:
        uow.session.add(
            WarningDelivery(
                warning_id=warning_id,
                channel=cmd.channel,
                population_reached=cmd.population_reached,
                reported_at=clock.now(),
            )
        )
        warning.population_reached += cmd.population_reached
        change.after = out = _out(uow.session, warning, tuple(_coverage(warning).basis))
    return out


def get(session: Session, warning_id: str) -> WarningOut:
    return _out(session, Repository(session, EmergencyWarning, noun="warning").get(warning_id))


def cap_message(session: Session, warning_id: str) -> WarningMessage:
    """The latest CAP message of a warning, as published."""
    get(session, warning_id)
    return _latest(session, warning_id)


def list_warnings(
    session: Session, page: PageParams, division: str | None = None, state: str | None = None
) -> Page[WarningOut]:
    where = []
    if division:
        inside = in_division(WarningDivision.division_code, division, below_county=True)
        where.append(col(EmergencyWarning.id).in_(select(WarningDivision.warning_id).where(inside)))
    if state:
        where.append(EmergencyWarning.state == state)
    order = (col(EmergencyWarning.issued_at).desc(), EmergencyWarning.id)
    return Repository(session, EmergencyWarning).page(page, *where, order_by=order, convert=lambda w: _out(session, w))
