"""Time targets of the plan's goals: aviation reach 2 h, urban-rail 30 min, engineering linkage 2 h, basic
living relief 10 h (R10–R13). Every limit is inclusive: exactly at the limit is met (不超过 / 以内)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from hunan_emergency.engines.geo import haversine_km
from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis, require_aware
from hunan_shared.legal import Basis, Decision

AVIATION_REACH_LIMIT = timedelta(hours=2)  # 航空应急力量基本实现2小时内到达
URBAN_RAIL_RESPONSE_LIMIT = timedelta(minutes=30)  # 城市轨道交通运营突发事件应急响应时间不超过30分钟
ENGINEERING_LINKAGE_LIMIT = timedelta(hours=2)  # 工程抢险救援应急联动时间不超过2小时
BASIC_LIVING_RELIEF_LIMIT = timedelta(hours=10)  # 受灾人员基本生活得到有效救助时间缩短至10小时以内

GOALS_BASIS = plan_basis("Plan 2(三)2 / 第二章（三）2", "巨灾应对准备能力显著增强")


class TargetOutcome(StrEnum):
    MET = "MET"
    BREACHED = "BREACHED"
    PENDING = "PENDING"  # the clock is running and the limit has not yet passed


@dataclass(frozen=True)
class TimeTargetResult:
    outcome: TargetOutcome
    elapsed: timedelta
    limit: timedelta


def _time_target(
    name: str, start: datetime, end: datetime | None, now: datetime | None, limit: timedelta, *basis: Basis
) -> Decision[TimeTargetResult]:
    if end is None and now is None:
        raise InvalidInput(f"{name}: give the completion time or `now` for a running clock")
    require_aware(start, *(m for m in (end, now) if m is not None))
    stop = end if end is not None else now
    assert stop is not None
    elapsed = stop - start
    if elapsed < timedelta(0):
        raise InvalidInput(f"{name}: end {stop.isoformat()} precedes start {start.isoformat()}")
    if elapsed <= limit:
        outcome = TargetOutcome.MET if end is not None else TargetOutcome.PENDING
    else:
        outcome = TargetOutcome.BREACHED
    return decide(
        TimeTargetResult(outcome, elapsed, limit),
        f"{name}: {elapsed} against limit {limit} → {outcome.value}",
        *basis,
    )


def urban_rail_response_met(
    occurred_at: datetime, response_started_at: datetime | None, now: datetime | None = None
) -> Decision[TimeTargetResult]:
    """Plan 2(三)2 / 第二章（三）2: urban-rail operational emergencies get a response within 30 minutes
    (城市轨道交通运营突发事件应急响应时间不超过30分钟); 30:00 exactly is met (R11)."""
    return _time_target(
        "urban-rail response", occurred_at, response_started_at, now, URBAN_RAIL_RESPONSE_LIMIT, GOALS_BASIS
    )


def engineering_rescue_linkage_met(
    requested_at: datetime, linked_at: datetime | None, now: datetime | None = None
) -> Decision[TimeTargetResult]:
    """Plan 2(三)2 / 第二章（三）2: province-wide engineering-rescue linkage within 2 hours (全省范围内工程
    抢险救援应急联动时间不超过2小时); 2:00:00 exactly is met (R12)."""
    return _time_target(
        "engineering-rescue linkage", requested_at, linked_at, now, ENGINEERING_LINKAGE_LIMIT, GOALS_BASIS
    )


def basic_living_relief_met(
    occurred_at: datetime, first_basic_living_aid_at: datetime | None, now: datetime | None = None
) -> Decision[TimeTargetResult]:
    """Plan 2(三)2 / 第二章（三）2: victims' basic living needs are effectively relieved within 10 hours of
    the disaster (受灾人员基本生活得到有效救助时间缩短至10小时以内); exactly 10 h is met (R13)."""
    return _time_target(
        "basic living relief",
        occurred_at,
        first_basic_living_aid_at,
        now,
        BASIC_LIVING_RELIEF_LIMIT,
        GOALS_BASIS,
        plan_basis("Plan 7(四) / 第七章（四）", "统筹救助"),
    )


@dataclass(frozen=True)
class AviationBase:
    base_id: str
    lat: float
    lon: float


@dataclass(frozen=True)
class AviationReach:
    nearest_base_id: str | None
    flight_minutes: float | None
    covered: bool


# [DESIGN] The plan gives no aircraft performance; a medium rescue helicopter cruises ~200 km/h and needs
# some minutes to launch. Both are settings (`aviation_cruise_speed_kmh`, `aviation_launch_minutes`).
DEFAULT_CRUISE_SPEED_KMH = 200.0
DEFAULT_LAUNCH_MINUTES = 15.0


def aviation_reach(
    area_lat: float,
    area_lon: float,
    bases: Sequence[AviationBase],
    *,
    cruise_speed_kmh: float = DEFAULT_CRUISE_SPEED_KMH,
    launch_minutes: float = DEFAULT_LAUNCH_MINUTES,
) -> Decision[AviationReach]:
    """Plan 2(三)2 / 第二章（三）2 and Plan 8(二) / 第八章（二）: aviation forces reach areas at risk of major
    disasters within 2 hours (2小时内到达); an area whose fastest base needs exactly 120 min is covered (R10)."""
    basis = (GOALS_BASIS, plan_basis("Plan 8(二) / 第八章（二）", "2小时航空应急救援圈"))
    if cruise_speed_kmh <= 0:
        raise InvalidInput("cruise speed must be positive")
    if not bases:
        return decide(AviationReach(None, None, False), "no aviation base configured: gap", *basis)
    minutes = {
        base.base_id: launch_minutes + haversine_km(base.lat, base.lon, area_lat, area_lon) / cruise_speed_kmh * 60
        for base in bases
    }
    nearest = min(minutes, key=lambda base_id: (minutes[base_id], base_id))
    covered = minutes[nearest] <= AVIATION_REACH_LIMIT.total_seconds() / 60
    return decide(
        AviationReach(nearest, round(minutes[nearest], 1), covered),
        f"fastest base {nearest} needs {minutes[nearest]:.1f} min: {'covered' if covered else 'gap'} (limit 120 min)",
        *basis,
    )
