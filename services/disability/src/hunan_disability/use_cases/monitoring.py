"""Service layer for return-to-poverty monitoring 防返贫动态监测: periodic data comparison and risk alerts (R29)."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, select

from hunan_disability.models import CoverageCheck, Person, RiskAlert, SubsidyGrant
from hunan_disability.rules.monitoring import Coverage, CoverageSnapshot, coverage_alerts
from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.monitoring import ComparisonIn, ComparisonOut, FollowUpIn, RiskAlertOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.subsidy_extensions import load_choices, switches_for
from hunan_disability.use_cases.subsidy_grants import eligibility
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition
from hunan_shared.uow import UnitOfWork, new_id

OWN = {SubsidyProgram.LIVING: Coverage.LIVING_SUBSIDY, SubsidyProgram.NURSING: Coverage.NURSING_SUBSIDY}


def _csv(items) -> str:
    return ",".join(sorted(i.value for i in items))


def _set(text: str) -> frozenset[Coverage]:
    return frozenset(Coverage(v) for v in text.split(",") if v)


def compare(uow: UnitOfWork, cmd: ComparisonIn, settings: DisabilitySettings) -> ComparisonOut:
    """常态化数据比对 (三(一)1, R29): the two subsidies from this service's own grants and rules, the other
    programmes from the data-sharing input; one alert per programme due but missing (HIGH when it lapsed
    since the previous comparison). An alert still open for the same person and programme is not repeated."""
    session = uow.session
    ids = [p.person_id for p in cmd.persons]
    if len(set(ids)) != len(ids):
        raise InvalidInput("a person appears twice in the comparison")
    persons = {p.id: p for p in session.exec(select(Person).where(Person.id.in_(ids))).all()}
    unknown = sorted(set(ids) - set(persons))
    if unknown:
        raise InvalidInput(f"unknown person ids: {', '.join(unknown[:20])}")
    granted = set(
        session.exec(
            select(SubsidyGrant.person_id, SubsidyGrant.program).where(
                SubsidyGrant.person_id.in_(ids),
                SubsidyGrant.approved_on <= cmd.run_on,
                or_(SubsidyGrant.stopped_on.is_(None), SubsidyGrant.stopped_on >= cmd.run_on),
            )
        ).all()
    )
    previous: dict[str, CoverageCheck] = {}
    for check in session.exec(
        select(CoverageCheck)
        .where(CoverageCheck.person_id.in_(ids), CoverageCheck.run_on < cmd.run_on)
        .order_by(CoverageCheck.run_on)
    ).all():
        previous[check.person_id] = check
    open_alerts = set(
        session.exec(
            select(RiskAlert.person_id, RiskAlert.rule_code).where(
                RiskAlert.person_id.in_(ids), RiskAlert.status != "resolved"
            )
        ).all()
    )
    switches = switches_for(load_choices(session), settings)
    run_id, now = new_id(), clock.now()
    alerts: list[RiskAlert] = []
    basis = []
    for item in cmd.persons:
        person = persons[item.person_id]
        eligible, covered = set(item.eligible), set(item.covered)
        for program, programme in OWN.items():
            if eligibility(person, program, settings, switches(person.division_code)).value:
                eligible.add(programme)
            if (person.id, program.value) in granted:
                covered.add(programme)
        current = CoverageSnapshot(frozenset(eligible), frozenset(covered))
        before = previous.get(person.id)
        decision = coverage_alerts(
            current, CoverageSnapshot(_set(before.eligible), _set(before.covered)) if before else None
        )
        basis = list(decision.basis)
        session.add(
            CoverageCheck(
                run_id=run_id, run_on=cmd.run_on, person_id=person.id, eligible=_csv(eligible), covered=_csv(covered)
            )
        )
        for alert in decision.value:
            if (person.id, alert.rule_code) in open_alerts:
                continue
            alerts.append(
                RiskAlert(
                    id=new_id(),
                    run_id=run_id,
                    person_id=person.id,
                    division_code=person.division_code,
                    rule_code=alert.rule_code,
                    programme=alert.programme.value,
                    severity=alert.severity.value,
                    status="open",
                    created_at=now,
                )
            )
    session.add_all(alerts)
    session.flush()
    uow.audit("monitoring.compare", "comparison", run_id, after={"persons": len(ids), "alerts": len(alerts)})
    return ComparisonOut(
        run_id=run_id, run_on=cmd.run_on, persons=len(ids), alerts=[_out(a) for a in alerts], basis=basis
    )


def _out(row: RiskAlert) -> RiskAlertOut:
    return RiskAlertOut(**row.model_dump())


def follow_up(uow: UnitOfWork, alert_id: str, cmd: FollowUpIn) -> RiskAlertOut:
    """跟踪处置: note what was done; `resolved` closes the alert."""
    row = uow.repo(RiskAlert).for_update(alert_id)
    if row.status == "resolved":
        raise InvalidTransition("the alert is already resolved")
    with uow.audited_change("risk_alert.follow_up", row, render=_out):
        stamp = f"{clock.now():%Y-%m-%d %H:%M} {cmd.note}"
        row.follow_up = (row.follow_up + "\n" + stamp if row.follow_up else stamp)[-1000:]
        row.status = "resolved" if cmd.resolved else "in_progress"
        row.resolved_at = clock.now() if cmd.resolved else None
        uow.session.add(row)
    return _out(row)


def list_alerts(
    session: Session,
    page: PageParams,
    division: str | None = None,
    status: str | None = None,
    person_id: str | None = None,
) -> Page[RiskAlertOut]:
    query = select(RiskAlert).order_by(RiskAlert.created_at, RiskAlert.id)
    if division:
        query = query.where(in_division(RiskAlert.division_code, division))
    if status:
        query = query.where(RiskAlert.status == status)
    if person_id:
        query = query.where(RiskAlert.person_id == person_id)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, _out)
