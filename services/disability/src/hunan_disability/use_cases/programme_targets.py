"""Service layer for programme counts and the plan's count targets (R35, R48, R77, T-SIGN, T-REHAB-STATIONS)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import ProgrammeCount
from hunan_disability.rules.programmes import (
    TARGETS,
    Allocation,
    Measure,
    each_city,
    full_coverage,
    province_total,
    welfare_post_priority,
)
from hunan_disability.schemas.programme_targets import (
    ProgrammeCountIn,
    ProgrammeCountOut,
    TargetOut,
    TargetsOut,
    WelfarePostAllocationIn,
    WelfarePostAllocationOut,
)
from hunan_shared import clock, divisions
from hunan_shared.uow import UnitOfWork, new_id

PROVINCE = "430000"


def report(uow: UnitOfWork, cmd: ProgrammeCountIn) -> ProgrammeCountOut:
    """Record (or correct) a division's count of a measure for a year."""
    row = uow.session.exec(
        select(ProgrammeCount).where(
            ProgrammeCount.division_code == cmd.division_code,
            ProgrammeCount.measure == cmd.measure,
            ProgrammeCount.year == cmd.year,
        )
    ).first()
    before = ProgrammeCountOut(**row.model_dump()) if row else None
    if row is None:
        row = ProgrammeCount(id=new_id(), **cmd.model_dump(mode="json"), created_at=clock.now())
    row.value, row.reference = cmd.value, cmd.reference
    uow.session.add(row)
    uow.session.flush()
    out = ProgrammeCountOut(**row.model_dump())
    uow.audit("programme_count.report", "programme_count", row.id, before=before, after=out)
    return out


def _latest(session: Session, measure: Measure, year: int) -> dict[str, int]:
    """Each division's latest count of the measure up to `year` (counts are cumulative)."""
    latest: dict[str, tuple[int, int]] = {}
    for code, y, value in session.exec(
        select(ProgrammeCount.division_code, ProgrammeCount.year, ProgrammeCount.value).where(
            ProgrammeCount.measure == measure, ProgrammeCount.year <= year
        )
    ).all():
        if code not in latest or y > latest[code][0]:
            latest[code] = (y, value)
    return {code: value for code, (_, value) in latest.items()}


def _total(counts: dict[str, int]) -> int:
    """A province total: the province's own report if there is one, else the sum of the cities' (or, for a
    city without a report, its counties')."""
    if PROVINCE in counts:
        return counts[PROVINCE]
    total = 0
    for city in divisions.prefectures():
        total += counts.get(city.code, sum(counts.get(c.code, 0) for c in divisions.counties(city.code)))
    return total


def targets(session: Session, year: int | None = None) -> TargetsOut:
    """Every count target's verdict for a year (default: this year), with its basis."""
    year = year or clock.now().year
    cities = sorted(c.code for c in divisions.prefectures())
    out = []
    for target in TARGETS:
        counts = _latest(session, target.measure, year)
        if target.kind == "province_total":
            decision = province_total(_total(counts), target.goal, year, target.basis)
        elif target.kind == "each_city":
            by_city = {c: counts.get(c, sum(counts.get(k.code, 0) for k in divisions.counties(c))) for c in cities}
            decision = each_city(by_city, cities, target.goal, year, target.basis)
        else:
            assert target.of is not None
            decision = full_coverage(counts, _latest(session, target.of, year), year, target.basis)
        v = decision.value
        out.append(
            TargetOut(
                id=target.id,
                measure=target.measure,
                kind=target.kind,
                year=year,
                met=v.met,
                value=v.value,
                goal=v.goal,
                shortfall=list(v.shortfall),
                overdue=v.overdue,
                reason=decision.reason,
                basis=list(decision.basis),
            )
        )
    return TargetsOut(year=year, targets=out)


def check_welfare_post(cmd: WelfarePostAllocationIn) -> WelfarePostAllocationOut:
    decision = welfare_post_priority(Allocation(cmd.chosen), cmd.eligible_disabled_or_family_applied)
    return WelfarePostAllocationOut(
        respects_priority=decision.value, reason=decision.reason, basis=list(decision.basis)
    )
