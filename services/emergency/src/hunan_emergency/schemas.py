"""Request and response bodies of the emergency API (HTTP contract, separate from the tables)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from hunan_emergency.rules.areas import normalise_division
from hunan_emergency.rules.classification import AccidentSeverity, HazardCategory, ResponseLevel
from hunan_emergency.rules.common import InvalidInput
from hunan_shared import divisions
from hunan_shared.legal import Basis

DepotLevel = Literal["province", "city", "county", "township"]
Colour = Literal["blue", "yellow", "orange", "red"]


def _codes(codes: list[str]) -> list[str]:
    """GB/T 2260 codes (6 digits) or statistical township/village codes (9/12 digits) inside Hunan."""
    try:
        return sorted({normalise_division(c) for c in codes})
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _not_future(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5):
        raise ValueError("lies in the future")
    return value


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimeTargetOut(BaseModel):
    """A time target of Plan 2(三)2 evaluated on a record: MET, BREACHED or PENDING (clock running)."""

    rule: str = Field(description="R10 aviation reach, R11 urban rail, R12 engineering linkage, R13 basic living relief")
    outcome: str
    elapsed_minutes: float | None
    limit_minutes: float
    reason: str
    basis: list[Basis]


# --- W1 disasters ---------------------------------------------------------------------------------


class DisasterDeclaration(Body):
    """Declare a disaster (natural hazard) or accident (production-safety sector) with a response level."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "湘江流域洪涝", "category": "NATURAL_DISASTER", "hazard_type": "FLOOD_DROUGHT",
        "response_level": "II", "division_codes": ["430102", "430103"], "occurred_at": "2026-07-01T08:00:00+08:00"}]})

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(None, max_length=60, description="One of the five major hazards (natural disasters)")
    sector: str | None = Field(None, max_length=60, description="Production-safety sector (accidents)")
    response_level: ResponseLevel
    division_codes: list[str] = Field(min_length=1, max_length=200, description="Hunan division codes")
    occurred_at: AwareDatetime
    declaring_division: str = Field(divisions.PROVINCE_CODE, description="Division of the declaring government (R3)")

    _divisions = field_validator("division_codes")(_codes)
    _occurred = field_validator("occurred_at")(_not_future)


class DisasterReport(Body):
    """A direct report (直报) of a disaster or accident, before verification and declaration."""

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(None, max_length=60)
    sector: str | None = Field(None, max_length=60)
    division_codes: list[str] = Field(min_length=1, max_length=200)
    occurred_at: AwareDatetime
    reported_at: AwareDatetime | None = Field(None, description="When the report was made; default now")
    reporting_unit: str = Field(min_length=2, max_length=200)
    reported_casualties: int = Field(0, ge=0)

    _divisions = field_validator("division_codes")(_codes)
    _occurred = field_validator("occurred_at")(_not_future)


class DeclareIn(Body):
    response_level: ResponseLevel
    declaring_division: str = Field(divisions.PROVINCE_CODE, description="Division of the declaring government (R3)")
    verified_casualties: int | None = Field(None, ge=0, description="Verified casualties; more than reported is 漏报 (R4)")


class LevelIn(Body):
    response_level: ResponseLevel


class DivisionsIn(Body):
    division_codes: list[str] = Field(min_length=1, max_length=200)

    _divisions = field_validator("division_codes")(_codes)


class FiguresIn(Body):
    """Casualty and loss figures (统计) that feed the core indicators (R6, R57)."""

    deaths: int = Field(ge=0)
    affected_persons: int = Field(0, ge=0, description="受灾人次")
    direct_loss_yuan: Decimal = Field(Decimal(0), ge=0, max_digits=16, decimal_places=2)
    severity: AccidentSeverity | None = Field(None, description="事故等级 (accidents only)")


class DismissIn(Body):
    reason: str = Field(min_length=2, max_length=500)
    false_report: bool = Field(False, description="Verification found the report untrue (谎报, R4)")


class ViolationOut(BaseModel):
    violation: str
    reason: str
    recorded_at: dt.datetime


class DisasterOut(BaseModel):
    id: str
    title: str
    category: str
    hazard: str
    response_level: str | None
    state: str
    division_codes: list[str]
    occurred_at: dt.datetime
    reported_at: dt.datetime
    reporting_unit: str
    declaring_division: str | None
    declared_at: dt.datetime | None
    response_ended_at: dt.datetime | None
    closed_at: dt.datetime | None
    severity: str | None
    deaths: int
    affected_persons: int
    direct_loss_yuan: Decimal
    report_violations: list[ViolationOut]
    basis: list[Basis] = Field(default_factory=list, description="Legal basis of the decisions taken on this request")


# --- reserves ---------------------------------------------------------------------------------------


class SupplyItemIn(Body):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,59}$")
    name: str = Field(min_length=1, max_length=100)
    unit: str = Field(min_length=1, max_length=20)
    unit_value_yuan: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class SupplyItemOut(BaseModel):
    code: str
    name: str
    unit: str
    unit_value_yuan: Decimal


class DepotIn(Body):
    name: str = Field(min_length=2, max_length=200)
    level: DepotLevel
    division_code: str
    kind: Literal["GENERAL", "FOREST_FIRE", "FLOOD_DROUGHT", "ANTI_FREEZE", "HUB"] = "GENERAL"
    reserve_mode: Literal["GOVERNMENT_PHYSICAL", "ENTERPRISE_COMMERCIAL", "CAPACITY", "SOCIAL"] = "GOVERNMENT_PHYSICAL"
    lat: float = Field(ge=24.5, le=30.2, description="Latitude (Hunan spans about 24.6–30.1 °N)")
    lon: float = Field(ge=108.7, le=114.3, description="Longitude (Hunan spans about 108.8–114.3 °E)")


class StockOut(BaseModel):
    item: str
    quantity: int
    reserved: int
    available: int
    safety_floor: int
    level_one_quota: int


class DepotOut(BaseModel):
    id: str
    name: str
    level: str
    division_code: str
    kind: str
    reserve_mode: str
    lat: float
    lon: float
    is_demo: bool
    stock: list[StockOut]
    basis: list[Basis] = Field(default_factory=list)


class StockMovementIn(Body):
    """Receipt (入库), return (归还) or expiry write-off (过期报废) of one item in one depot."""

    item: str = Field(max_length=60)
    kind: Literal["receipt", "return", "expiry"]
    quantity: int = Field(ge=1, le=10_000_000)
    note: str = Field("", max_length=300)


class StockNormIn(Body):
    safety_floor: int = Field(ge=0)
    level_one_quota: int = Field(ge=0, description="定额 for one Level-I response in the depot's area (R14)")


class MovementOut(BaseModel):
    depot_id: str
    item: str
    kind: str
    quantity: int
    dispatch_id: str | None
    note: str
    at: dt.datetime


class SufficiencyRow(BaseModel):
    level: str
    division_code: str
    item: str
    stock: int
    quota: int
    missing: int


class SufficiencyOut(BaseModel):
    """R14: per level and division, stock against the Level-I quota; `below_norm` lists the failing rows."""

    rows: list[SufficiencyRow]
    below_norm: list[SufficiencyRow]
    basis: list[Basis]


class NetworkGapOut(BaseModel):
    kind: str
    where: str


class NetworkOut(BaseModel):
    within: str
    gaps: list[NetworkGapOut]
    reason: str
    basis: list[Basis]


class ReplenishmentLine(BaseModel):
    item: str
    quantity: int
    unit: str


class ReplenishmentOut(BaseModel):
    id: str
    depot_id: str
    lines: list[ReplenishmentLine]
    estimated_cost_yuan: Decimal
    reason: str
    requested_at: dt.datetime
    basis: list[Basis]


class DemoReservesOut(BaseModel):
    depots: int
    created: int
    stock_units: int


# --- W3 supply requests and dispatches --------------------------------------------------------------


class SupplyLineIn(Body):
    item: str = Field(max_length=60)
    quantity: int = Field(ge=1, le=10_000_000)


class DemandIn(Body):
    division_code: str
    lines: list[SupplyLineIn] = Field(min_length=1, max_length=100)
    lat: float | None = Field(None, ge=24.5, le=30.2, description="Destination; default the division's depot or seat")
    lon: float | None = Field(None, ge=108.7, le=114.3)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _codes([code])[0]


class SupplyRequestIn(Body):
    disaster_id: str = Field(max_length=36)
    requester: str = Field(min_length=2, max_length=200, description="Requesting agency or service")
    demands: list[DemandIn] = Field(min_length=1, max_length=200)


class LegOut(BaseModel):
    depot_id: str
    depot_level: str
    destination_division: str
    item: str
    quantity: int
    travel_minutes: float
    cost_yuan: Decimal
    tier: str
    explanation: str


class ShortfallOut(BaseModel):
    division_code: str
    item: str
    requested: int
    planned: int
    missing: int


class DispatchOut(BaseModel):
    id: str
    request_id: str
    disaster_id: str
    state: str
    legs: list[LegOut]
    shortfalls: list[ShortfallOut]
    escalation: str | None = Field(description="Where the shortfall was escalated (跨区域协同), when there is one")
    transport_cost_yuan: Decimal
    goods_value_yuan: Decimal
    total_cost_yuan: Decimal = Field(description="Goods value plus transport: the spending budget records")
    planned_at: dt.datetime
    shipped_at: dt.datetime | None
    delivered_at: dt.datetime | None
    time_targets: list[TimeTargetOut]
    basis: list[Basis] = Field(default_factory=list)


class SupplyRequestOut(BaseModel):
    id: str
    disaster_id: str
    requester: str
    state: str
    rejection_reason: str | None
    demands: list[dict]
    requested_at: dt.datetime
    dispatch: DispatchOut | None


# --- W2 warnings -------------------------------------------------------------------------------------


class WarningIn(Body):
    hazard_type: str | None = Field(None, max_length=60, description="Natural hazard (五大灾害)")
    sector: str | None = Field(None, max_length=60, description="Production-safety sector")
    colour: Colour
    headline: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=2, max_length=4000)
    instruction: str | None = Field(None, max_length=4000)
    audience: str | None = Field(None, max_length=200, description="Specific groups targeted (特定人群)")
    division_codes: list[str] = Field(min_length=1, max_length=200)
    expires_at: AwareDatetime
    population_targeted: int = Field(ge=1, description="People in the target area (denominator of R7)")
    disaster_id: str | None = Field(None, max_length=36)

    _divisions = field_validator("division_codes")(_codes)


class WarningUpdateIn(Body):
    colour: Colour | None = None
    headline: str | None = Field(None, min_length=2, max_length=200)
    description: str | None = Field(None, min_length=2, max_length=4000)
    instruction: str | None = Field(None, max_length=4000)
    division_codes: list[str] | None = Field(None, min_length=1, max_length=200)
    expires_at: AwareDatetime | None = None
    population_targeted: int | None = Field(None, ge=1)

    @field_validator("division_codes")
    @classmethod
    def _divisions(cls, codes: list[str] | None) -> list[str] | None:
        return None if codes is None else _codes(codes)


class DeliveryIn(Body):
    channel: str = Field(min_length=2, max_length=40, description="e.g. sms, cell_broadcast, emergency_broadcast, tv")
    population_reached: int = Field(ge=0)


class CoverageOut(BaseModel):
    rate: Decimal
    target: Decimal
    met: bool
    reason: str
    basis: list[Basis]


class WarningOut(BaseModel):
    id: str
    hazard: str
    colour: str
    state: str
    headline: str
    description: str
    instruction: str | None
    audience: str | None
    division_codes: list[str]
    disaster_id: str | None
    issued_at: dt.datetime
    updated_at: dt.datetime | None
    expires_at: dt.datetime
    population_targeted: int
    population_reached: int
    coverage: CoverageOut
    revision: int
    cap_identifier: str
    basis: list[Basis] = Field(default_factory=list)


# --- rescue teams ------------------------------------------------------------------------------------


class TeamIn(Body):
    name: str = Field(min_length=2, max_length=200)
    team_type: str = Field(min_length=2, max_length=40, description="e.g. COMPREHENSIVE, MINE_RESCUE, HAZCHEM_RESCUE")
    comprehensive_level: Literal["PROVINCIAL_MOBILE", "CITY", "COUNTY", "TOWNSHIP"] | None = Field(
        None, description="For comprehensive teams: the level whose size band applies (R20)")
    division_code: str
    size: int = Field(ge=0, le=100_000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _codes([code])[0]


class TeamOut(BaseModel):
    id: str
    name: str
    team_type: str
    comprehensive_level: str | None
    division_code: str
    size: int
    available: bool
    size_status: str | None
    size_reason: str | None
    basis: list[Basis] = Field(default_factory=list)


class AvailabilityIn(Body):
    available: bool


class AssignmentIn(Body):
    team_id: str = Field(max_length=36)
    requested_at: AwareDatetime | None = Field(None, description="When the team was requested; default now")


class AssignmentOut(BaseModel):
    id: str
    team_id: str
    disaster_id: str
    requested_at: dt.datetime
    assigned_at: dt.datetime
    released_at: dt.datetime | None
    linkage: TimeTargetOut


# --- W5 hidden dangers --------------------------------------------------------------------------------


class HiddenDangerIn(Body):
    enterprise: str = Field(min_length=2, max_length=200)
    sector: str = Field(min_length=2, max_length=40)
    element: Literal["PERSON", "OBJECT", "SYSTEM", "TIME_SPACE_ENVIRONMENT"]
    source: Literal["ROUTINE_INSPECTION", "ASSIGNED_BY_SUPERIOR", "PUBLIC_REPORT", "MEDIA_EXPOSURE",
                    "REFERRED_BY_OTHER_DEPT", "REPORTED_BY_LOWER_DEPT", "REPORTED_BY_ENTERPRISE"]
    division_code: str
    description: str = Field(min_length=2, max_length=4000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _codes([code])[0]


class IdentifyIn(Body):
    department: str = Field(min_length=2, max_length=200)
    department_level: Literal["province", "city", "county", "township"]
    has_supervision_duty: bool = Field(description="负有安全生产监督管理职责")
    is_major: bool = Field(True, description="False dismisses the report as not a major hidden danger")


class AssignIn(Body):
    assignee: str = Field(min_length=2, max_length=200)
    working_days: int = Field(ge=1, le=365, description="Remediation period in working days (工作日)")
    assigned_on: dt.date | None = Field(None, description="Default today")


class NoteIn(Body):
    note: str = Field(min_length=2, max_length=4000)


class VerifyIn(Body):
    eliminated: bool
    note: str = Field(min_length=2, max_length=4000)


class EntryOut(BaseModel):
    kind: str
    note: str
    deadline: dt.date | None
    at: dt.datetime


class HiddenDangerOut(BaseModel):
    id: str
    enterprise: str
    sector: str
    element: str
    source: str
    division_code: str
    description: str
    state: str
    identified_by: str | None
    assignee: str | None
    assigned_on: dt.date | None
    deadline: dt.date | None
    deadline_provisional: bool
    delisted_on: dt.date | None
    entries: list[EntryOut]
    basis: list[Basis] = Field(default_factory=list)


class OverdueSweepOut(BaseModel):
    notified: list[str]
    basis: list[Basis]


# --- indicators --------------------------------------------------------------------------------------


class IndicatorOut(BaseModel):
    code: str
    name: str
    value: Decimal | None
    target: str
    met: bool | None = Field(description="None when the data or the MEM base value is missing")
    reason: str
    basis: list[Basis]


class IndicatorsOut(BaseModel):
    year: int
    core: list[IndicatorOut]
    goals: list[IndicatorOut]
