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

    rule: str = Field(
        description="R10 aviation reach, R11 urban rail, R12 engineering linkage, R13 basic living relief"
    )
    outcome: str
    elapsed_minutes: float | None
    limit_minutes: float
    reason: str
    basis: list[Basis]


# --- W1 disasters ---------------------------------------------------------------------------------


class DisasterDeclaration(Body):
    """Declare a disaster (natural hazard) or accident (production-safety sector) with a response level."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "湘江流域洪涝",
                    "category": "NATURAL_DISASTER",
                    "hazard_type": "FLOOD_DROUGHT",
                    "response_level": "II",
                    "division_codes": ["430102", "430103"],
                    "occurred_at": "2026-07-01T08:00:00+08:00",
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(
        None, max_length=60, description="One of the five major hazards (natural disasters)"
    )
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
    verified_casualties: int | None = Field(
        None, ge=0, description="Verified casualties; more than reported is 漏报 (R4)"
    )


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
        None, description="For comprehensive teams: the level whose size band applies (R20)"
    )
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
    source: Literal[
        "ROUTINE_INSPECTION",
        "ASSIGNED_BY_SUPERIOR",
        "PUBLIC_REPORT",
        "MEDIA_EXPOSURE",
        "REFERRED_BY_OTHER_DEPT",
        "REPORTED_BY_LOWER_DEPT",
        "REPORTED_BY_ENTERPRISE",
    ]
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


class _Division(Body):
    division_code: str

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _codes([code])[0]


class VerdictOut(BaseModel):
    """One rule evaluated on a record: the rule id, its value, the reason and the legal basis."""

    rule: str
    value: bool | int | str | list | dict | None
    compliant: bool | None = Field(None, description="For duties: whether this verdict is compliant")
    reason: str
    basis: list[Basis]


# --- W7 emergency plans and drills --------------------------------------------------------------------

PlanTierName = Literal[
    "OVERALL", "SPECIAL", "DEPARTMENTAL", "UNIT", "GRASSROOTS", "ENTERPRISE", "TOWNSHIP_SPECIAL", "ON_SITE_DISPOSAL"
]


class PlanIn(_Division):
    title: str = Field(min_length=2, max_length=200)
    tier: PlanTierName
    owner: str = Field(min_length=2, max_length=200)
    hazard: str | None = Field(None, max_length=60)
    has_annual_drill_plan: bool = False


class PlanActionIn(Body):
    action: Literal["evaluate", "approve", "publish", "mark_revision_due", "revise", "supersede"]
    on: dt.date | None = Field(
        None, description="Date of a publication (default today); the R47 clock of an undrilled plan"
    )


class DrillCheckOut(BaseModel):
    """R47: the comprehensive drill every two years (SPECIAL plans)."""

    last_comprehensive_drill: dt.date | None
    clock_from: dt.date | None = Field(description="The last comprehensive drill, else the publication date")
    due: dt.date | None
    overdue: bool | None
    reason: str
    basis: list[Basis]


class PlanOut(BaseModel):
    id: str
    title: str
    tier: str
    owner: str
    division_code: str
    hazard: str | None
    has_annual_drill_plan: bool
    state: str
    published_on: dt.date | None
    drill_check: DrillCheckOut | None = Field(description="R47 (SPECIAL plans only)")
    programme_gaps: VerdictOut = Field(description="R48: annual drill plan, evaluated and reported drills")
    basis: list[Basis] = Field(default_factory=list)


class DrillIn(Body):
    title: str = Field(min_length=2, max_length=200)
    comprehensive: bool = Field(description="综合应急演练 (counts for the two-year rule R47)")
    planned_on: dt.date


class ConductIn(Body):
    conducted_on: dt.date
    mode: Literal["ANNOUNCED", "DOUBLE_BLIND"]
    time_withheld: bool = False
    place_withheld: bool = False
    content_withheld: bool = False

    @field_validator("conducted_on")
    @classmethod
    def _past(cls, day: dt.date) -> dt.date:
        if day > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("lies in the future")
        return day


class DrillOut(BaseModel):
    id: str
    plan_id: str
    title: str
    comprehensive: bool
    planned_on: dt.date
    state: str
    recorded_mode: str | None
    mode: str | None
    conducted_on: dt.date | None
    evaluation: str | None
    report: str | None
    basis: list[Basis] = Field(default_factory=list)


class OverduePlanOut(BaseModel):
    plan: PlanOut
    as_of: dt.date


# --- W6 12350 tip-offs ----------------------------------------------------------------------------------


class TipOffIn(_Division):
    """A tip-off; anonymous is the default — nothing personal is required."""

    summary: str = Field(min_length=2, max_length=4000)
    reported_unit: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=40)
    reporter_type: Literal["PUBLIC", "INSIDER", "INFORMANT"] = "PUBLIC"
    contact: str | None = Field(
        None, min_length=3, max_length=200, description="Optional contact for the reward; stored, never returned"
    )


class TipOffNoteIn(Body):
    note: str | None = Field(None, max_length=4000)


class ReferIn(Body):
    department: str = Field(min_length=2, max_length=200)


class TipOffVerifyIn(Body):
    verified_true: bool
    avoided_casualties_or_major_loss: bool = Field(False, description="Directly avoided casualties or major loss")
    note: str | None = Field(None, max_length=4000)


class RewardIn(Body):
    standard_reward: Decimal = Field(ge=0, le=10_000_000, decimal_places=2, description="Standard reward in yuan")


class TipOffOut(BaseModel):
    id: str
    summary: str
    reported_unit: str | None
    sector: str | None
    division_code: str
    reporter_type: str
    has_contact: bool
    state: str
    department: str | None
    verified_true: bool | None
    avoided_casualties_or_major_loss: bool
    standard_reward: Decimal | None
    reward: Decimal | None
    special_reward: bool
    note: str | None
    received_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


# --- W8 enterprises --------------------------------------------------------------------------------------


class EnterpriseIn(_Division):
    uscc: str | None = Field(None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$", description="统一社会信用代码")
    name: str = Field(min_length=2, max_length=200)
    sector: Literal[
        "COAL_MINE",
        "NON_COAL_MINE",
        "TAILINGS_POND",
        "HAZCHEM",
        "FIREWORKS",
        "METALLURGY_INDUSTRY_TRADE",
        "ROAD_TRANSPORT",
        "TRANSPORT_FISHERY_VESSELS",
        "URBAN_RAIL",
        "FIRE",
        "CIVIL_EXPLOSIVES",
        "SPECIAL_EQUIPMENT",
        "URBAN_CONSTRUCTION",
        "INDUSTRIAL_PARK",
        "HAZARDOUS_WASTE",
        "CONSTRUCTION",
        "METAL_SMELTING",
        "FISHERY",
    ]
    headcount: int = Field(ge=0, le=10_000_000)
    above_scale: bool = False
    key_sector: bool = Field(False, description="In a key sector (新招员工培训率100% applies when above scale)")
    legal_representative: str | None = Field(None, max_length=100)
    actual_controller: str | None = Field(None, max_length=100)
    principal_responsible_person: str | None = Field(None, max_length=100)
    listed_first_responsible: list[str] = Field(default_factory=list, max_length=10)
    liability_insured: bool = False
    registered_safety_engineers: int = Field(0, ge=0, le=100_000)
    new_employees: int = Field(0, ge=0, le=10_000_000)
    new_employees_trained: int = Field(0, ge=0, le=10_000_000)


class EnterpriseOut(BaseModel):
    id: str
    uscc: str | None
    name: str
    sector: str
    division_code: str
    headcount: int
    above_scale: bool
    key_sector: bool
    legal_representative: str | None
    actual_controller: str | None
    principal_responsible_person: str | None
    listed_first_responsible: list[str]
    liability_insured: bool
    registered_safety_engineers: int
    new_employees: int
    new_employees_trained: int


class Milestones(Body):
    designed: dt.date | None = None
    construction_started: dt.date | None = None
    put_into_use: dt.date | None = None


class ComplianceIn(Body):
    """The period's facts; the standing facts (persons, insurance, staffing) are read from the enterprise."""

    year: int = Field(ge=2021, le=2100)
    as_of: dt.date | None = Field(None, description="Evaluate 十个一次 for periods ended by this day (default: today)")
    report_to_supervising_department: bool = False
    report_to_workers_congress: bool = False
    inspection_dates: list[dt.date] = Field(default_factory=list, max_length=400)
    study_meeting_dates: list[dt.date] = Field(default_factory=list, max_length=400)
    yearly_items: dict[
        Literal[
            "SUMMARY_MOBILISATION_MEETING",
            "REVIEW_MEETING",
            "REPORT_TO_WORKERS_CONGRESS",
            "STAFF_RESPONSIBILITY_LETTERS",
            "SAFETY_LECTURE",
            "SKILLS_CONTEST",
            "DRILL_PARTICIPATION",
            "TRAINING_PARTICIPATION",
        ],
        list[dt.date],
    ] = Field(default_factory=dict)
    pre_shift_meeting: bool = False
    risk_card: bool = False
    work_card: bool = False
    emergency_card: bool = False
    main_works: Milestones | None = Field(None, description="R28: only for a construction project")
    safety_facilities: Milestones | None = None


class ComplianceOut(BaseModel):
    id: str
    enterprise_id: str
    compliant: bool
    verdicts: list[VerdictOut]
    evaluated_at: dt.datetime


# --- W4 relief ------------------------------------------------------------------------------------------


class ReliefCaseIn(_Division):
    disaster_id: str = Field(max_length=36)
    relief_type: Literal[
        "EMERGENCY_RELIEF",
        "TRANSITIONAL_LIVING",
        "DROUGHT_TEMPORARY_HARDSHIP",
        "WINTER_SPRING_HARDSHIP",
        "HOUSING_RECONSTRUCTION",
        "FOREST_ECO_RESTORATION",
    ]
    households: int = Field(0, ge=0, le=10_000_000)
    persons: int = Field(ge=1, le=100_000_000)
    is_drought: bool = Field(False, description="R50: the disaster is a drought (旱灾)")
    forest_damaged: bool = Field(False, description="R50: forest was damaged")


class BasicLivingIn(Body):
    provided_at: AwareDatetime | None = Field(
        None, description="When first basic-living aid reached the victims; default now"
    )

    @field_validator("provided_at")
    @classmethod
    def _past(cls, value: dt.datetime | None) -> dt.datetime | None:
        return value if value is None else _not_future(value)


class ReliefActionIn(Body):
    action: Literal["start_transitional", "start_reconstruction", "close"]


class ReliefCaseOut(BaseModel):
    id: str
    disaster_id: str
    division_code: str
    relief_type: str
    households: int
    persons: int
    state: str
    opened_at: dt.datetime
    basic_living_provided_at: dt.datetime | None
    closed_at: dt.datetime | None
    basic_living: TimeTargetOut
    basis: list[Basis] = Field(default_factory=list)


# --- R36–R42 sector registries ---------------------------------------------------------------------------

RegistryName = Literal["coal-mines", "fireworks-producers", "tailings-ponds"]


class CoalMineFacts(Body):
    capacity_tpa: int = Field(ge=0, le=100_000_000)
    rock_burst: bool = False
    coal_gas_outburst: bool = False
    hydrogeology: Literal["SIMPLE", "MEDIUM", "COMPLEX", "VERY_COMPLEX"] = "SIMPLE"


class TailingsPondFacts(Body):
    downstream_distance_km: Decimal = Field(
        ge=0, le=1000, description="Residents/important facilities downstream (R39)"
    )
    reached_final_design_elevation: bool = False
    permanently_stopped_discharging: bool = False
    idle_since: dt.date | None = None
    has_operator: bool = True


class SiteIn(_Division):
    name: str = Field(min_length=2, max_length=200)
    enterprise_id: str | None = Field(None, max_length=36)
    coal_mine: CoalMineFacts | None = Field(None, description="Required on the coal-mine registry")
    tailings_pond: TailingsPondFacts | None = Field(None, description="Required on the tailings-pond registry")
    justification: str | None = Field(
        None, min_length=2, max_length=4000, description="Required for a new tailings pond (只减不增)"
    )


class SiteImportIn(Body):
    sites: list[SiteIn] = Field(min_length=1, max_length=1000)


class DelistIn(Body):
    reason: str = Field(min_length=2, max_length=4000)


class SiteOut(BaseModel):
    id: str
    registry: str
    name: str
    enterprise_id: str | None
    division_code: str
    state: str
    details: dict
    justification: str | None
    registered_at: dt.datetime
    delisted_at: dt.datetime | None
    verdicts: list[VerdictOut] = Field(description="R36 (coal), R39/R40 (tailings) on the stored facts")
    basis: list[Basis] = Field(default_factory=list)


class SiteImportOut(BaseModel):
    registered: int
    count: int
    basis: list[Basis]


class RegistryStatusOut(BaseModel):
    registry: str
    count: int
    cap: int
    cap_deadline: dt.date
    as_of: dt.date
    status: str
    reason: str
    basis: list[Basis]
