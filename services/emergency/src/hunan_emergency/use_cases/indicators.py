"""The seven core indicators (核心指标表) and the goal indicators computed from the service's records (R57),
as JSON for the API and as Prometheus gauges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func
from sqlmodel import Session, col, select

from hunan_emergency.models import Depot, Disaster, Dispatch, EmergencyWarning, SectorSite, TargetFigure
from hunan_emergency.rules.classification import (
    AccidentSeverity,
    HazardCategory,
    counts_as_extraordinary_or_major_accident,
)
from hunan_emergency.rules.indicators import (
    CORE_TARGETS,
    CoreIndicator,
    GoalIndicator,
    IndicatorKind,
    YearInputs,
    core_indicator_met,
    core_indicator_values,
    goal_indicator_met,
)
from hunan_emergency.rules.sectors import CappedRegistry, CapStatus, cap_trajectory
from hunan_emergency.rules.targets import PLAN_TARGETS, TargetKind, TargetStatus, target_status
from hunan_emergency.rules.time_targets import TargetOutcome, basic_living_relief_met
from hunan_emergency.rules.workflows import DisasterState, DispatchState
from hunan_emergency.schemas.indicators import IndicatorOut, IndicatorsOut, TargetOut
from hunan_emergency.schemas.targets import TargetFigureIn
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import reserves
from hunan_shared import clock, divisions
from hunan_shared.errors import NotFound, rule_errors
from hunan_shared.uow import UnitOfWork, new_id

CORE_NAMES = {
    CoreIndicator.ACCIDENT_DEATHS: "生产安全事故死亡人数",
    CoreIndicator.MAJOR_ACCIDENTS: "重特大事故起数",
    CoreIndicator.DEATHS_PER_100M_GDP: "亿元地区生产总值生产安全事故死亡率",
    CoreIndicator.DEATHS_PER_100K_WORKERS: "工矿商贸就业人员十万人生产安全事故死亡率",
    CoreIndicator.NATURAL_DEATHS_PER_MILLION: "平均每百万人口因自然灾害死亡率",
    CoreIndicator.AFFECTED_PER_100K: "平均每十万人受灾人次",
    CoreIndicator.LOSS_SHARE_OF_GDP: "年均因自然灾害直接经济损失占全省生产总值比例",
}
# [DESIGN] Sectors counted as 工矿商贸 (industry, mining, commerce and trade) for indicator #4.
INDUSTRY_MINING_COMMERCE = frozenset(
    {
        "COAL_MINE",
        "NON_COAL_MINE",
        "TAILINGS_POND",
        "HAZCHEM",
        "FIREWORKS",
        "METALLURGY_INDUSTRY_TRADE",
        "METAL_SMELTING",
        "CIVIL_EXPLOSIVES",
        "INDUSTRIAL_PARK",
        "HAZARDOUS_WASTE",
        "SPECIAL_EQUIPMENT",
    }
)
YUAN_PER_100M = 100_000_000  # 亿元


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime(year, 1, 1, tzinfo=clock.SHANGHAI), dt.datetime(year + 1, 1, 1, tzinfo=clock.SHANGHAI))


def _year_inputs(session: Session, year: int, settings: EmergencySettings) -> YearInputs:
    start, end = _year_bounds(year)
    rows = session.exec(
        select(
            Disaster.category,
            Disaster.hazard,
            Disaster.severity,
            func.sum(Disaster.deaths),
            func.sum(Disaster.affected_persons),
            func.sum(Disaster.direct_loss),
            func.count(),
        )
        .where(
            Disaster.occurred_at >= start, Disaster.occurred_at < end, Disaster.state != DisasterState.DISMISSED.value
        )
        .group_by(Disaster.category, Disaster.hazard, Disaster.severity)
    ).all()
    accident_deaths = major = imc_deaths = natural_deaths = affected = 0
    loss = Decimal(0)
    for category, hazard, severity, deaths, persons, case_loss, count in rows:
        deaths, persons = deaths or 0, persons or 0
        if category == HazardCategory.PRODUCTION_SAFETY_ACCIDENT.value:
            accident_deaths += deaths
            imc_deaths += deaths if hazard in INDUSTRY_MINING_COMMERCE else 0
            if (
                severity
                and counts_as_extraordinary_or_major_accident(
                    HazardCategory(category), AccidentSeverity(severity)
                ).value
            ):
                major += count
        else:
            natural_deaths += deaths
            affected += persons
            loss += case_loss or Decimal(0)
    return YearInputs(
        accident_deaths=accident_deaths,
        major_accidents=major,
        gdp_100m_yuan=settings.indicator_gdp_100m_yuan,
        industry_mining_commerce_workers=settings.indicator_workers,
        industry_mining_commerce_deaths=imc_deaths,
        natural_disaster_deaths=natural_deaths,
        population=settings.indicator_population,
        affected_person_times=affected,
        natural_disaster_direct_loss_100m_yuan=loss / YUAN_PER_100M,
    )


def _core(session: Session, year: int, settings: EmergencySettings) -> list[IndicatorOut]:
    values = core_indicator_values(_year_inputs(session, year, settings))
    bases = {
        CoreIndicator.ACCIDENT_DEATHS: settings.indicator_base_accident_deaths,
        CoreIndicator.DEATHS_PER_100M_GDP: settings.indicator_base_deaths_per_100m_gdp,
        CoreIndicator.DEATHS_PER_100K_WORKERS: settings.indicator_base_deaths_per_100k_workers,
    }
    out = []
    for indicator, value in values.value.items():
        target = CORE_TARGETS[indicator]
        shown = (
            f"−{target.target:%} vs base"
            if target.kind is IndicatorKind.RELATIVE_REDUCTION
            else "0"
            if target.kind is IndicatorKind.ZERO_COUNT
            else f"< {target.target}"
        )
        if target.kind is IndicatorKind.RELATIVE_REDUCTION and bases[indicator] is None:
            out.append(
                IndicatorOut(
                    code=f"#{indicator.value}",
                    name=CORE_NAMES[indicator],
                    value=value,
                    target=shown,
                    met=None,
                    reason="MEM base value (基期值) not configured",
                    basis=list(values.basis),
                )
            )
            continue
        decision = core_indicator_met(indicator, value, bases.get(indicator))
        out.append(
            IndicatorOut(
                code=f"#{indicator.value}",
                name=CORE_NAMES[indicator],
                value=value,
                target=shown,
                met=decision.value,
                reason=decision.reason,
                basis=list(values.basis + decision.basis),
            )
        )
    return out


def _warning_coverage(session: Session, year: int) -> IndicatorOut:
    start, end = _year_bounds(year)
    rows = session.exec(
        select(EmergencyWarning.population_reached, EmergencyWarning.population_targeted).where(
            EmergencyWarning.issued_at >= start, EmergencyWarning.issued_at < end
        )
    ).all()
    reached = sum(min(r, t) for r, t in rows)
    targeted = sum(t for _, t in rows)
    name = "灾害预警信息发布公众覆盖率"
    if not targeted:
        return IndicatorOut(
            code=GoalIndicator.WARNING_COVERAGE.value,
            name=name,
            value=None,
            target="≥ 90 %",
            met=None,
            reason="no warning issued this year",
            basis=[],
        )
    decision = goal_indicator_met(GoalIndicator.WARNING_COVERAGE, reached, targeted)
    return IndicatorOut(
        code=GoalIndicator.WARNING_COVERAGE.value,
        name=name,
        value=(Decimal(reached) / Decimal(targeted)).quantize(Decimal("0.0001")),
        target="≥ 90 %",
        met=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _relief_within_10h(session: Session, year: int) -> IndicatorOut:
    start, end = _year_bounds(year)
    rows = session.exec(
        select(Disaster.occurred_at, Dispatch.delivered_at)
        .join(Disaster, Disaster.id == Dispatch.disaster_id)
        .where(
            Dispatch.delivered_at >= start,
            Dispatch.delivered_at < end,
            col(Dispatch.state).in_([DispatchState.DELIVERED.value, DispatchState.CLOSED.value]),
        )
    ).all()
    name = "受灾人员基本生活得到有效救助时间 (share of deliveries within 10 h)"
    if not rows:
        return IndicatorOut(
            code="G6", name=name, value=None, target="≤ 10 h", met=None, reason="no delivery this year", basis=[]
        )
    decisions = [basic_living_relief_met(min(o, d), d) for o, d in rows]
    met = sum(d.value.outcome is TargetOutcome.MET for d in decisions)
    share = Fraction(met, len(decisions))
    return IndicatorOut(
        code="G6",
        name=name,
        value=(Decimal(share.numerator) / share.denominator).quantize(Decimal("0.0001")),
        target="all within 10 h",
        met=met == len(decisions),
        reason=f"{met} of {len(decisions)} deliveries within 10 h of the disaster",
        basis=list(decisions[0].basis),
    )


SECTOR_TARGET_IDS = {
    (CappedRegistry.COAL_MINES, 2021): ("T-R42-COAL-2021", "保留煤矿总数（力争）"),
    (CappedRegistry.COAL_MINES, 2025): ("T-R42-COAL-2025", "全省煤矿总数"),
    (CappedRegistry.FIREWORKS_PRODUCERS, 2025): ("T-R42-FIREWORKS-2025", "烟花爆竹生产企业总数"),
    (CappedRegistry.TAILINGS_PONDS, 2025): ("T-R41-TAILINGS-2025", "尾矿库数量"),
}


def _sector_targets(session: Session, as_of: dt.date) -> list[TargetOut]:
    """R41/R42: each registry's active count against every milestone of its trajectory, as of `as_of`."""
    out = []
    for registry in CappedRegistry:
        count = session.exec(
            select(func.count())
            .select_from(SectorSite)
            .where(SectorSite.registry == registry.value, col(SectorSite.delisted_at).is_(None))
        ).one()
        trajectory = cap_trajectory(registry, count, as_of)
        for verdict in trajectory.value:
            milestone = verdict.milestone
            target_id, name = SECTOR_TARGET_IDS[(registry, milestone.deadline.year)]
            out.append(
                TargetOut(
                    id=target_id,
                    name=name,
                    value=Decimal(count),
                    target=f"≤ {milestone.limit}",
                    deadline=milestone.deadline,
                    status=verdict.status.value,
                    met=None if verdict.status is CapStatus.ABOVE_TARGET else verdict.status is CapStatus.WITHIN,
                    reason=f"{count} active, ≤ {milestone.limit} by {milestone.deadline}: {verdict.status.value}",
                    basis=[b for b in trajectory.basis if b.note == milestone.text],
                )
            )
    return out


def _computed_figures(session: Session) -> dict[str, Decimal]:
    """Targets whose figure the service's own records give: provincial depots (T-C14), county depot coverage (T-C15)."""
    levels = session.exec(select(Depot.level, Depot.division_code)).all()
    counties = {c.code for c in divisions.counties()}
    covered = {code for level, code in levels if level == "county"} & counties
    return {
        "T-C14": Decimal(sum(1 for level, _ in levels if level == "province")),
        "T-C15": (Decimal(len(covered)) / len(counties)).quantize(Decimal("0.0001")),
    }


def _reported_figures(session: Session, as_of: dt.date) -> dict[str, TargetFigure]:
    """The latest reported figure of each target on or before `as_of`."""
    latest: dict[str, TargetFigure] = {}
    rows = session.exec(
        select(TargetFigure).where(TargetFigure.as_of <= as_of).order_by(TargetFigure.as_of, TargetFigure.recorded_at)
    ).all()
    for row in rows:
        latest[row.target_id] = row
    return latest


def _plan_targets(session: Session, as_of: dt.date) -> list[TargetOut]:
    computed, reported = _computed_figures(session), _reported_figures(session, as_of)
    out = []
    for target in PLAN_TARGETS.values():
        figure = reported.get(target.id)
        value = computed.get(target.id, Decimal(figure.value) if figure else None)
        source = "computed from the records" if target.id in computed else (figure.source if figure else "no figure")
        decision = target_status(target, value, as_of)
        out.append(
            TargetOut(
                id=target.id,
                name=target.name,
                value=value,
                target=f"{'≥' if target.kind is TargetKind.AT_LEAST else '≤'} {target.value}"
                + (" (share)" if target.share else ""),
                deadline=target.deadline,
                status=decision.value.value,
                met=None
                if decision.value in (TargetStatus.PENDING, TargetStatus.NO_DATA, TargetStatus.ABOVE_TARGET)
                else decision.value is TargetStatus.MET,
                reason=f"{decision.reason} ({source})",
                basis=list(decision.basis),
            )
        )
    return out


def targets(session: Session, as_of: dt.date | None = None) -> list[TargetOut]:
    """The plan's quantified targets with ids, deadlines and basis (RULES.md, "Targets")."""
    as_of = as_of or clock.now().date()
    return _sector_targets(session, as_of) + _plan_targets(session, as_of)


def record_figure(uow: UnitOfWork, target_id: str, cmd: TargetFigureIn) -> TargetOut:
    """A reported figure of a target (a statistics bulletin, a department's report); the latest one counts (R59)."""
    target = PLAN_TARGETS.get(target_id)
    if target is None:
        raise NotFound(f"no plan target {target_id} (sector caps are counted from their registries)")
    with rule_errors():
        target_status(target, cmd.value, cmd.as_of)
    row = uow.repo(TargetFigure).add(
        TargetFigure(
            id=new_id(),
            target_id=target_id,
            value=str(cmd.value),
            as_of=cmd.as_of,
            source=cmd.source,
            recorded_at=clock.now(),
        )
    )
    uow.audit("target.figure", "target_figure", row.id, after={"target_id": target_id, **cmd.model_dump(mode="json")})
    return next(t for t in _plan_targets(uow.session, max(cmd.as_of, clock.now().date())) if t.id == target_id)


def compute(session: Session, settings: EmergencySettings, year: int | None = None) -> IndicatorsOut:
    year = year or clock.now().year
    return IndicatorsOut(
        year=year,
        core=_core(session, year, settings),
        goals=[_warning_coverage(session, year), _relief_within_10h(session, year)],
        targets=targets(session),
    )


def gauges(session: Session, settings: EmergencySettings) -> dict[str, float]:
    """ServiceSpec.indicators: this year's indicators plus reserve state as Prometheus gauges."""
    result = compute(session, settings)
    values = {f"core_{i.code.lstrip('#')}": float(i.value) for i in result.core if i.value is not None}
    values |= {f"goal_{i.code}": float(i.value) for i in result.goals if i.value is not None}
    values |= {t.id.replace("-", "_"): float(t.value) for t in result.targets if t.value is not None}
    values |= {f"{t.id.replace('-', '_')}_met": float(t.met) for t in result.targets if t.met is not None}
    values["reserve_rows_below_level_one_norm"] = float(len(reserves.sufficiency(session).below_norm))
    values["dispatches_in_progress"] = float(
        session.exec(
            select(func.count())
            .select_from(Dispatch)
            .where(
                col(Dispatch.state).in_(
                    [s.value for s in (DispatchState.PLANNED, DispatchState.PARTIALLY_PLANNED, DispatchState.SHIPPED)]
                )
            )
        ).one()
    )
    return values
