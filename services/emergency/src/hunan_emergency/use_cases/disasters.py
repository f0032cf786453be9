"""Service layer for disasters and accidents (W1): direct report, declaration, level changes, division
extensions, end of response, investigation, closure or dismissal. Rules live in rules/, SQL stays here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from hunan_emergency.models import Disaster, DisasterDivision, Dispatch, ReportViolationRecord
from hunan_emergency.rules.classification import (
    LevelChange,
    ReportViolation,
    ResponseLevel,
    classify_hazard,
    classify_level_change,
    direct_report_violations,
    divisions_to_extend,
    validate_declaration_divisions,
)
from hunan_emergency.rules.workflows import DisasterAction, DisasterState, DispatchState, next_disaster_state
from hunan_emergency.schemas.disasters import (
    DeclareIn,
    DisasterDeclaration,
    DisasterOut,
    DisasterReport,
    DismissIn,
    FiguresIn,
    ViolationOut,
)
from hunan_emergency.settings import EmergencySettings
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    DisasterLevelChanged,
)
from hunan_shared.legal import Basis
from hunan_shared.money import exact_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def division_codes(session: Session, disaster_id: str) -> list[str]:
    return list(
        session.exec(
            select(DisasterDivision.division_code)
            .where(DisasterDivision.disaster_id == disaster_id)
            .order_by(DisasterDivision.division_code)
        ).all()
    )


def _out(session: Session, disaster: Disaster, basis: tuple[Basis, ...] | list[Basis] = ()) -> DisasterOut:
    return _outs(session, [disaster], basis)[0]


def _outs(session: Session, rows: list[Disaster], basis: tuple[Basis, ...] | list[Basis] = ()) -> list[DisasterOut]:
    """Responses for several disasters: their divisions and violations come from one `IN (…)` query each,
    whatever the number of rows (no per-row queries on list pages)."""
    if not rows:
        return []
    ids = [d.id for d in rows]
    codes: dict[str, list[str]] = {i: [] for i in ids}
    for disaster_id, code in session.exec(
        select(DisasterDivision.disaster_id, DisasterDivision.division_code)
        .where(DisasterDivision.disaster_id.in_(ids))
        .order_by(DisasterDivision.disaster_id, DisasterDivision.division_code)
    ).all():
        codes[disaster_id].append(code)
    violations: dict[str, list[ViolationOut]] = {i: [] for i in ids}
    for v in session.exec(
        select(ReportViolationRecord)
        .where(ReportViolationRecord.disaster_id.in_(ids))
        .order_by(ReportViolationRecord.disaster_id, ReportViolationRecord.violation)
    ).all():
        violations[v.disaster_id].append(
            ViolationOut(violation=v.violation, reason=v.reason, recorded_at=v.recorded_at)
        )
    return [
        DisasterOut(
            **d.model_dump(exclude={"direct_loss", "created_at", "investigation_opened_at"}),
            division_codes=codes[d.id],
            direct_loss_yuan=d.direct_loss,
            report_violations=violations[d.id],
            basis=list(basis),
        )
        for d in rows
    ]


def _record_violations(session: Session, disaster_id: str, found: frozenset[ReportViolation], reason: str) -> None:
    existing = set(
        session.exec(
            select(ReportViolationRecord.violation).where(ReportViolationRecord.disaster_id == disaster_id)
        ).all()
    )
    for violation in sorted(found - existing):
        session.add(
            ReportViolationRecord(
                disaster_id=disaster_id, violation=violation.value, reason=reason, recorded_at=clock.now()
            )
        )


def _classify(category, hazard_type, sector):
    with rule_errors():
        decision = classify_hazard(category, hazard_type, sector)
    value = decision.value
    return (value.natural_type or value.sector).value, decision.basis


def _emit_declared(uow: UnitOfWork, disaster: Disaster, codes: list[str]) -> None:
    uow.emit(
        DisasterDeclared(
            disaster_id=disaster.id,
            hazard=disaster.hazard,
            response_level=disaster.response_level,
            division_codes=codes,
            title=disaster.title,
            occurred_at=disaster.occurred_at,
            declared_at=disaster.declared_at,
        )
    )


def declare(uow: UnitOfWork, cmd: DisasterDeclaration) -> DisasterOut:
    """Record and declare a disaster in one step (REPORTED → DECLARED) and announce it (R1–R3, W1)."""
    hazard, hazard_basis = _classify(cmd.category, cmd.hazard_type, cmd.sector)
    with rule_errors():
        scope = validate_declaration_divisions(cmd.division_codes, cmd.declaring_division)
        transition = next_disaster_state(DisasterState.REPORTED, DisasterAction.DECLARE)
    now = clock.now()
    disaster = Disaster(
        id=new_id(),
        title=cmd.title,
        category=cmd.category.value,
        hazard=hazard,
        response_level=cmd.response_level.value,
        state=transition.value,
        occurred_at=cmd.occurred_at,
        reported_at=now,
        reporting_unit="declared directly",
        declaring_division=cmd.declaring_division,
        declared_at=now,
        created_at=now,
    )
    uow.session.add(disaster)
    uow.session.add_all(DisasterDivision(disaster_id=disaster.id, division_code=c) for c in scope.value)
    uow.session.flush()
    _emit_declared(uow, disaster, list(scope.value))
    out = _out(uow.session, disaster, basis=hazard_basis + scope.basis + transition.basis)
    uow.audit("disaster.declare", "disaster", disaster.id, after=out)
    return out


def report(uow: UnitOfWork, cmd: DisasterReport, settings: EmergencySettings) -> DisasterOut:
    """A direct report (直报): classified (R1) and checked for lateness (R4); not yet declared."""
    hazard, hazard_basis = _classify(cmd.category, cmd.hazard_type, cmd.sector)
    now = clock.now()
    reported_at = cmd.reported_at or now
    with rule_errors():
        check = direct_report_violations(
            cmd.occurred_at,
            reported_at,
            now,
            reported_casualties=cmd.reported_casualties,
            verified_casualties=cmd.reported_casualties,
            late_report_limit=dt.timedelta(minutes=settings.late_report_limit_minutes),
        )
    disaster = Disaster(
        id=new_id(),
        title=cmd.title,
        category=cmd.category.value,
        hazard=hazard,
        response_level=None,
        state=DisasterState.REPORTED.value,
        occurred_at=cmd.occurred_at,
        reported_at=reported_at,
        reporting_unit=cmd.reporting_unit,
        reported_casualties=cmd.reported_casualties,
        created_at=now,
    )
    uow.session.add(disaster)
    uow.session.add_all(DisasterDivision(disaster_id=disaster.id, division_code=c) for c in cmd.division_codes)
    uow.session.flush()
    _record_violations(uow.session, disaster.id, check.value, check.reason)
    uow.session.flush()
    out = _out(uow.session, disaster, basis=hazard_basis + check.basis)
    uow.audit("disaster.report", "disaster", disaster.id, after=out)
    return out


def declare_reported(uow: UnitOfWork, disaster_id: str, cmd: DeclareIn, settings: EmergencySettings) -> DisasterOut:
    """Verify a reported disaster and declare it at a level (REPORTED → DECLARED); 漏报 is recorded (R3, R4)."""
    disaster = uow.repo(Disaster).for_update(disaster_id)
    codes = division_codes(uow.session, disaster_id)
    with uow.audited_change("disaster.declare", disaster, render=lambda d: _out(uow.session, d)) as change:
        with rule_errors():
            transition = next_disaster_state(DisasterState(disaster.state), DisasterAction.DECLARE)
            scope = validate_declaration_divisions(codes, cmd.declaring_division)
        basis = transition.basis + scope.basis
        if cmd.verified_casualties is not None:
            with rule_errors():
                check = direct_report_violations(
                    disaster.occurred_at,
                    disaster.reported_at,
                    clock.now(),
                    reported_casualties=disaster.reported_casualties,
                    verified_casualties=cmd.verified_casualties,
                    late_report_limit=dt.timedelta(minutes=settings.late_report_limit_minutes),
                )
            _record_violations(uow.session, disaster_id, check.value, check.reason)
            basis += check.basis
        disaster.state = transition.value
        disaster.response_level = cmd.response_level.value
        disaster.declaring_division = cmd.declaring_division
        disaster.declared_at = clock.now()
        uow.session.flush()
        _emit_declared(uow, disaster, codes)
        change.after = out = _out(uow.session, disaster, basis)
    return out


def change_level(uow: UnitOfWork, disaster_id: str, level: ResponseLevel) -> DisasterOut:
    """Escalate or de-escalate the response (分级响应, R2); an unchanged level is refused."""
    disaster = uow.repo(Disaster).for_update(disaster_id)
    with rule_errors():
        transition = next_disaster_state(DisasterState(disaster.state), DisasterAction.CHANGE_LEVEL)
        verdict = classify_level_change(ResponseLevel(disaster.response_level), level)
    if verdict.value is LevelChange.UNCHANGED:
        raise Conflict(f"the response is already at Level {level.value}", basis=verdict.basis)
    with uow.audited_change("disaster.change_level", disaster, render=lambda d: _out(uow.session, d)) as change:
        previous = disaster.response_level
        disaster.response_level = level.value
        uow.emit(
            DisasterLevelChanged(
                disaster_id=disaster_id,
                hazard=disaster.hazard,
                response_level=level.value,
                division_codes=division_codes(uow.session, disaster_id),
                previous_level=previous,
                changed_at=clock.now(),
            )
        )
        change.after = out = _out(uow.session, disaster, transition.basis + verdict.basis)
    return out


def extend_divisions(uow: UnitOfWork, disaster_id: str, requested: list[str]) -> DisasterOut:
    """Add divisions to a declared disaster; only codes not yet covered are added and announced (R3)."""
    disaster = uow.repo(Disaster).for_update(disaster_id)
    current = division_codes(uow.session, disaster_id)
    with uow.audited_change("disaster.extend_divisions", disaster, render=lambda d: _out(uow.session, d)) as change:
        with rule_errors():
            transition = next_disaster_state(DisasterState(disaster.state), DisasterAction.EXTEND_DIVISIONS)
            added = divisions_to_extend(current, requested)
            scope = validate_declaration_divisions(
                current + list(added.value), disaster.declaring_division or divisions.PROVINCE_CODE
            )
        if added.value:
            uow.session.add_all(DisasterDivision(disaster_id=disaster_id, division_code=c) for c in added.value)
            uow.session.flush()
            uow.emit(
                DisasterDivisionsExtended(
                    disaster_id=disaster_id,
                    hazard=disaster.hazard,
                    response_level=disaster.response_level,
                    division_codes=division_codes(uow.session, disaster_id),
                    added_division_codes=list(added.value),
                    extended_at=clock.now(),
                )
            )
        change.after = out = _out(uow.session, disaster, transition.basis + added.basis + scope.basis)
    return out


def record_figures(uow: UnitOfWork, disaster_id: str, cmd: FiguresIn) -> DisasterOut:
    """Casualty and loss statistics of a disaster, which feed the core indicators (R6, R57)."""
    disaster = uow.repo(Disaster).for_update(disaster_id)
    if cmd.severity is not None and disaster.category != "PRODUCTION_SAFETY_ACCIDENT":
        raise Conflict("accident severity (事故等级) applies to production-safety accidents only")
    with uow.audited_change("disaster.figures", disaster, render=lambda d: _out(uow.session, d)) as change:
        disaster.deaths = cmd.deaths
        disaster.affected_persons = cmd.affected_persons
        disaster.direct_loss = exact_fen(cmd.direct_loss_yuan)
        disaster.severity = cmd.severity.value if cmd.severity else None
        change.after = out = _out(uow.session, disaster)
    return out


def _step(
    uow: UnitOfWork,
    disaster_id: str,
    action: DisasterAction,
    stamp: str | None,
    audit_action: str,
    finish: Callable[[Disaster, tuple[Basis, ...]], tuple[tuple[Basis, ...], Any]] | None = None,
) -> DisasterOut:
    """One step of the disaster workflow (W1), audited: the transition, its time stamp, then `finish`
    (events, violations) which may add basis and give the audited "after" (default: the response)."""
    disaster = uow.repo(Disaster).for_update(disaster_id)
    dispatch_states = [
        DispatchState(s)
        for s in uow.session.exec(select(Dispatch.state).where(Dispatch.disaster_id == disaster_id)).all()
    ]
    with uow.audited_change(audit_action, disaster, render=lambda d: _out(uow.session, d)) as change:
        with rule_errors():
            transition = next_disaster_state(DisasterState(disaster.state), action, dispatch_states=dispatch_states)
        disaster.state = transition.value
        if stamp:
            setattr(disaster, stamp, clock.now())
        basis, extra = finish(disaster, transition.basis) if finish else (transition.basis, None)
        out = _out(uow.session, disaster, basis)
        change.after = out if extra is None else {"disaster": out, **extra}
    return out


def end_response(uow: UnitOfWork, disaster_id: str) -> DisasterOut:
    return _step(uow, disaster_id, DisasterAction.END_RESPONSE, "response_ended_at", "disaster.end_response")


def open_investigation(uow: UnitOfWork, disaster_id: str) -> DisasterOut:
    return _step(
        uow, disaster_id, DisasterAction.OPEN_INVESTIGATION, "investigation_opened_at", "disaster.open_investigation"
    )


def close(uow: UnitOfWork, disaster_id: str) -> DisasterOut:
    """Close after the investigation; refused while any dispatch is planned or shipped (W1 guard)."""

    def announce(disaster: Disaster, basis: tuple[Basis, ...]) -> tuple[tuple[Basis, ...], None]:
        uow.emit(
            DisasterClosed(
                disaster_id=disaster_id,
                hazard=disaster.hazard,
                response_level=disaster.response_level,
                division_codes=division_codes(uow.session, disaster_id),
                outcome="closed",
                closed_at=disaster.closed_at,
            )
        )
        return basis, None

    return _step(uow, disaster_id, DisasterAction.CLOSE, "closed_at", "disaster.close", announce)


def dismiss(uow: UnitOfWork, disaster_id: str, cmd: DismissIn, settings: EmergencySettings) -> DisasterOut:
    """A reported disaster that proves a false alarm is dismissed; an untrue report is 谎报 (R4)."""

    def record(disaster: Disaster, basis: tuple[Basis, ...]) -> tuple[tuple[Basis, ...], dict[str, str]]:
        if cmd.false_report:
            with rule_errors():
                check = direct_report_violations(
                    disaster.occurred_at,
                    disaster.reported_at,
                    clock.now(),
                    reported_casualties=disaster.reported_casualties,
                    verified_casualties=disaster.reported_casualties,
                    content_verified_false=True,
                    late_report_limit=dt.timedelta(minutes=settings.late_report_limit_minutes),
                )
            _record_violations(uow.session, disaster_id, check.value, f"{check.reason}: {cmd.reason}")
            uow.session.flush()
            basis += check.basis
        # Nothing was declared, but consumers that saw the report elsewhere learn that it is over.
        uow.emit(
            DisasterClosed(
                disaster_id=disaster_id,
                hazard=disaster.hazard,
                response_level=disaster.response_level or ResponseLevel.IV.value,
                division_codes=division_codes(uow.session, disaster_id),
                outcome="dismissed",
                closed_at=disaster.closed_at,
            )
        )
        return basis, {"reason": cmd.reason}

    return _step(uow, disaster_id, DisasterAction.DISMISS, "closed_at", "disaster.dismiss", record)


def get(session: Session, disaster_id: str) -> DisasterOut:
    return _out(session, Repository(session, Disaster).get(disaster_id))


def list_disasters(
    session: Session, page: PageParams, division: str | None = None, state: str | None = None
) -> Page[DisasterOut]:
    query = select(Disaster).order_by(Disaster.created_at.desc(), Disaster.id)
    if division:
        # A disaster touches the division when one of its codes lies inside it or contains it.
        touching = in_division(DisasterDivision.division_code, division, with_ancestors=True, below_county=True)
        query = query.where(Disaster.id.in_(select(DisasterDivision.disaster_id).where(touching)))
    if state:
        query = query.where(Disaster.state == state)
    rows = list(session.exec(query.offset(page.offset).limit(page.limit + 1)).all())
    outs = _outs(session, rows[: page.limit])
    return page.page(outs + rows[page.limit :])  # the extra row only tells whether more exist
