"""Database tables of the emergency service (its own registry and database).

Money is `Decimal` yuan in code and whole fen in a BIGINT in the database (`hunan_shared.money.money_column`,
ADR 0016), exact on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Text
from sqlmodel import Field, SQLModel

from hunan_shared.db import PlatformTables, new_registry, timestamp_field
from hunan_shared.money import money_column

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


def _json():
    return Field(default=None, sa_column=Column(JSON, nullable=False))


# --- W1 disasters -------------------------------------------------------------------------------


class Disaster(Table, table=True):
    """A disaster or production-safety accident (灾害事故) and its response (W1)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    category: str = Field(max_length=40, description="NATURAL_DISASTER | PRODUCTION_SAFETY_ACCIDENT")
    hazard: str = Field(max_length=60, description="Natural hazard type (五大灾害) or production-safety sector")
    response_level: str | None = Field(default=None, max_length=3, description="I (highest) to IV; none while reported")
    state: str = Field(max_length=30, index=True)
    occurred_at: dt.datetime = timestamp_field()
    reported_at: dt.datetime = timestamp_field()
    reporting_unit: str = Field(default="", max_length=200, description="Unit that made the direct report (直报)")
    declaring_division: str | None = Field(default=None, max_length=12)
    declared_at: dt.datetime | None = timestamp_field(nullable=True)
    response_ended_at: dt.datetime | None = timestamp_field(nullable=True)
    investigation_opened_at: dt.datetime | None = timestamp_field(nullable=True)
    closed_at: dt.datetime | None = timestamp_field(nullable=True)
    severity: str | None = Field(default=None, max_length=20, description="事故等级 (R6), accidents only")
    reported_casualties: int = Field(default=0, ge=0)
    deaths: int = Field(default=0, ge=0)
    affected_persons: int = Field(default=0, ge=0, description="受灾人次")
    direct_loss: Decimal = Field(default=Decimal(0), sa_column=money_column(), description="Direct economic loss, yuan")
    created_at: dt.datetime = timestamp_field()


class DisasterDivision(Table, table=True):
    """An affected division of a disaster (one row per code, for filtering by division)."""

    disaster_id: str = Field(foreign_key="disaster.id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=12, index=True)


class ReportViolationRecord(Table, table=True):
    """A direct-reporting violation (瞒报、谎报、漏报、迟报) recorded for accountability (R4)."""

    disaster_id: str = Field(foreign_key="disaster.id", primary_key=True, max_length=36)
    violation: str = Field(primary_key=True, max_length=20)
    reason: str = Field(max_length=500)
    recorded_at: dt.datetime = timestamp_field()


# --- reserves -----------------------------------------------------------------------------------


class Depot(Table, table=True):
    """A reserve depot, station or point (应急物资储备库/站/点) of the four-level reserve."""

    id: str = Field(primary_key=True, max_length=60)
    name: str = Field(max_length=200)
    level: str = Field(max_length=10, index=True, description="province | city | county | township")
    division_code: str = Field(max_length=12, index=True)
    kind: str = Field(default="GENERAL", max_length=20)
    reserve_mode: str = Field(default="GOVERNMENT_PHYSICAL", max_length=30)
    lat: float
    lon: float
    is_demo: bool = Field(default=False, description="Synthetic demo depot")
    created_at: dt.datetime = timestamp_field()


class SupplyItem(Table, table=True):
    """A catalogue item (应急物资储备目录) with its unit and unit value."""

    code: str = Field(primary_key=True, max_length=60)
    name: str = Field(max_length=100)
    unit: str = Field(max_length=20)
    unit_value: Decimal = Field(sa_column=money_column(), description="Catalogue value of one unit, yuan")


class Stock(Table, table=True):
    """Stock of one item in one depot. `reserved` is held for planned dispatches; neither can go negative."""

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_non_negative"),
        CheckConstraint("reserved >= 0", name="reserved_non_negative"),
        CheckConstraint("reserved <= quantity", name="reserved_within_quantity"),
        CheckConstraint("safety_floor >= 0", name="floor_non_negative"),
        CheckConstraint("level_one_quota >= 0", name="quota_non_negative"),
    )

    depot_id: str = Field(foreign_key="depot.id", primary_key=True, max_length=60)
    item: str = Field(foreign_key="supplyitem.code", primary_key=True, max_length=60)
    quantity: int = 0
    reserved: int = 0
    safety_floor: int = 0
    level_one_quota: int = Field(default=0, description="定额 for one Level-I response in the depot's area (R14)")


class StockMovement(Table, table=True):
    """The stock ledger: every receipt, reservation, release, issue, return and expiry."""

    id: int | None = Field(default=None, primary_key=True)
    depot_id: str = Field(max_length=60, index=True)
    item: str = Field(max_length=60)
    kind: str = Field(max_length=12)
    quantity: int
    dispatch_id: str | None = Field(default=None, max_length=36, index=True)
    note: str = Field(default="", max_length=300)
    at: dt.datetime = timestamp_field()


class ReplenishmentRequest(Table, table=True):
    """A depot's request for replenishment after falling below its Level-I quota (R19)."""

    id: str = Field(primary_key=True, max_length=36)
    depot_id: str = Field(foreign_key="depot.id", max_length=60, index=True)
    lines: list[dict[str, Any]] = _json()
    estimated_cost: Decimal = Field(sa_column=money_column(), description="Catalogue value of the missing stock")
    reason: str = Field(max_length=500)
    requested_at: dt.datetime = timestamp_field()


# --- W3 supply requests and dispatch -------------------------------------------------------------


class SupplyRequest(Table, table=True):
    """A request for supplies for a disaster (from disability's event or any agency over HTTP)."""

    id: str = Field(primary_key=True, max_length=60)
    disaster_id: str = Field(max_length=36, index=True)
    requester: str = Field(max_length=200)
    demands: list[dict[str, Any]] = _json()
    state: str = Field(max_length=20, description="ACCEPTED | REJECTED")
    rejection_reason: str | None = Field(default=None, max_length=500)
    requested_at: dt.datetime = timestamp_field()
    received_at: dt.datetime = timestamp_field()


class Dispatch(Table, table=True):
    """A dispatch (调运) planned from the four-level reserve for one supply request (W3)."""

    id: str = Field(primary_key=True, max_length=36)
    request_id: str = Field(foreign_key="supplyrequest.id", max_length=60, unique=True)
    disaster_id: str = Field(foreign_key="disaster.id", max_length=36, index=True)
    state: str = Field(max_length=20, index=True)
    shortfalls: list[dict[str, Any]] = _json()
    transport_cost: Decimal = Field(default=Decimal(0), sa_column=money_column(), description="Sum of the legs' cost")
    goods_value: Decimal = Field(
        default=Decimal(0), sa_column=money_column(), description="Catalogue value of the goods drawn from the reserve"
    )
    planned_at: dt.datetime = timestamp_field()
    shipped_at: dt.datetime | None = timestamp_field(nullable=True)
    delivered_at: dt.datetime | None = timestamp_field(nullable=True)
    cancelled_at: dt.datetime | None = timestamp_field(nullable=True)


class DispatchLegRecord(Table, table=True):
    """One leg of a dispatch: a quantity of one item from one depot to one destination division."""

    id: int | None = Field(default=None, primary_key=True)
    dispatch_id: str = Field(foreign_key="dispatch.id", max_length=36, index=True)
    depot_id: str = Field(foreign_key="depot.id", max_length=60)
    depot_level: str = Field(max_length=10)
    destination_division: str = Field(max_length=12)
    item: str = Field(max_length=60)
    quantity: int
    travel_minutes: float
    cost: Decimal = Field(sa_column=money_column(), description="Transport cost of the leg, rounded once to the fen")
    tier: str = Field(max_length=30)
    explanation: str = Field(sa_column=Column(Text, nullable=False))


# --- W2 warnings --------------------------------------------------------------------------------


class EmergencyWarning(Table, table=True):
    """A warning (预警信息) released through the "1+5" system and published as CAP 1.2 (W2)."""

    __tablename__ = "warning"

    id: str = Field(primary_key=True, max_length=36)
    hazard: str = Field(max_length=60)
    colour: str = Field(max_length=10, description="blue | yellow | orange | red")
    state: str = Field(max_length=20, index=True)
    headline: str = Field(max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    instruction: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    audience: str | None = Field(default=None, max_length=200, description="特定人群")
    disaster_id: str | None = Field(default=None, max_length=36)
    population_targeted: int = Field(ge=1)
    population_reached: int = 0
    revision: int = 0
    issued_at: dt.datetime = timestamp_field()
    updated_at: dt.datetime | None = timestamp_field(nullable=True)
    expires_at: dt.datetime = timestamp_field()
    ended_at: dt.datetime | None = timestamp_field(nullable=True)


class WarningDivision(Table, table=True):
    warning_id: str = Field(foreign_key="warning.id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=12, index=True)


class WarningMessage(Table, table=True):
    """Every CAP 1.2 message sent for a warning (Alert, then Updates or a Cancel), XML as published."""

    warning_id: str = Field(foreign_key="warning.id", primary_key=True, max_length=36)
    revision: int = Field(primary_key=True)
    identifier: str = Field(max_length=120)
    msg_type: str = Field(max_length=10)
    sent: dt.datetime = timestamp_field()
    xml: str = Field(sa_column=Column(Text, nullable=False))
    cap: dict[str, Any] = _json()


class WarningDelivery(Table, table=True):
    """A delivery report of a release channel: how many people the warning reached (R7)."""

    id: int | None = Field(default=None, primary_key=True)
    warning_id: str = Field(foreign_key="warning.id", max_length=36, index=True)
    channel: str = Field(max_length=40)
    population_reached: int = Field(ge=0)
    reported_at: dt.datetime = timestamp_field()


# --- rescue teams ---------------------------------------------------------------------------------


class RescueTeam(Table, table=True):
    """A rescue team (救援队伍): comprehensive teams are held to the size bands of R20."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    team_type: str = Field(max_length=40)
    comprehensive_level: str | None = Field(default=None, max_length=20)
    division_code: str = Field(max_length=12, index=True)
    size: int = Field(ge=0)
    available: bool = True
    created_at: dt.datetime = timestamp_field()


class TeamAssignment(Table, table=True):
    """A team sent to a disaster; the linkage time counts from the request (R12)."""

    id: str = Field(primary_key=True, max_length=36)
    team_id: str = Field(foreign_key="rescueteam.id", max_length=36, index=True)
    disaster_id: str = Field(foreign_key="disaster.id", max_length=36, index=True)
    requested_at: dt.datetime = timestamp_field()
    assigned_at: dt.datetime = timestamp_field()
    released_at: dt.datetime | None = timestamp_field(nullable=True)


# --- W5 major hidden dangers (一单四制) --------------------------------------------------------------


class HiddenDanger(Table, table=True):
    """A major accident hidden danger (重大事故隐患) on the list (清单) with its four systems (W5)."""

    id: str = Field(primary_key=True, max_length=36)
    enterprise: str = Field(max_length=200)
    sector: str = Field(max_length=40)
    element: str = Field(max_length=30, description="PERSON | OBJECT | SYSTEM | TIME_SPACE_ENVIRONMENT")
    source: str = Field(max_length=30)
    division_code: str = Field(max_length=12, index=True)
    description: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(max_length=30, index=True)
    identified_by: str | None = Field(default=None, max_length=200)
    assignee: str | None = Field(default=None, max_length=200)
    assigned_on: dt.date | None = None
    deadline: dt.date | None = Field(default=None, index=True)
    deadline_provisional: bool = False
    delisted_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class HiddenDangerEntry(Table, table=True):
    """The ledger (台账) of a hidden danger: progress entries, verifications and overdue notifications."""

    id: int | None = Field(default=None, primary_key=True)
    hidden_danger_id: str = Field(foreign_key="hiddendanger.id", max_length=36, index=True)
    kind: str = Field(max_length=20, description="LEDGER | SUBMISSION | VERIFICATION | NOTIFICATION")
    note: str = Field(sa_column=Column(Text, nullable=False))
    deadline: dt.date | None = Field(default=None, description="For a notification: the breached deadline")
    at: dt.datetime = timestamp_field()


# --- W7 emergency plans (1+N+X) and drills --------------------------------------------------------------


class EmergencyPlan(Table, table=True):
    """An emergency plan (应急预案) of the 1+N+X system (名词解释9) and its life cycle (W7)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    tier: str = Field(max_length=30, description="OVERALL | SPECIAL | DEPARTMENTAL | UNIT | ...")
    owner: str = Field(max_length=200, description="The government, department or unit owning the plan")
    division_code: str = Field(max_length=12, index=True)
    hazard: str | None = Field(default=None, max_length=60)
    has_annual_drill_plan: bool = Field(default=False, description="年度应急演练计划 made (R48)")
    state: str = Field(max_length=20, index=True)
    published_on: dt.date | None = Field(
        default=None, description="First publication; the R47 clock of an undrilled plan"
    )
    drill_due_notified_for: dt.date | None = Field(
        default=None, description="The R47 due date last announced (DrillDue), so each due date is announced once"
    )
    created_at: dt.datetime = timestamp_field()


class Drill(Table, table=True):
    """A drill (应急演练) recorded against a plan (W7); comprehensive drills feed the two-year rule (R47)."""

    id: str = Field(primary_key=True, max_length=36)
    plan_id: str = Field(foreign_key="emergencyplan.id", max_length=36, index=True)
    title: str = Field(max_length=200)
    comprehensive: bool = Field(description="综合应急演练 (counts for R47)")
    planned_on: dt.date
    state: str = Field(max_length=20)
    recorded_mode: str | None = Field(default=None, max_length=20)
    mode: str | None = Field(default=None, max_length=20, description="Effective mode after R49")
    conducted_on: dt.date | None = Field(default=None, index=True)
    evaluation: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    report: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: dt.datetime = timestamp_field()


# --- W6 12350 tip-offs ----------------------------------------------------------------------------------


class TipOff(Table, table=True):
    """A 12350 tip-off (举报). Anonymous by default; a contact is kept only when given and never returned."""

    id: str = Field(primary_key=True, max_length=36)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    reported_unit: str | None = Field(default=None, max_length=200)
    sector: str | None = Field(default=None, max_length=40)
    division_code: str = Field(max_length=12, index=True)
    reporter_type: str = Field(max_length=20, description="PUBLIC | INSIDER | INFORMANT")
    contact: str | None = Field(default=None, max_length=200, description="Personal data: never returned by the API")
    state: str = Field(max_length=20, index=True)
    department: str | None = Field(default=None, max_length=200)
    verified_true: bool | None = None
    avoided_casualties_or_major_loss: bool = False
    standard_reward: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    reward: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    special_reward: bool = False
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    received_at: dt.datetime = timestamp_field()


# --- W8 enterprises and their safety duties (R24–R30) ---------------------------------------------------


class Enterprise(Table, table=True):
    """A production and business unit (生产经营单位) with the facts the duty rules R24, R29, R30 read."""

    id: str = Field(primary_key=True, max_length=36)
    uscc: str | None = Field(default=None, max_length=18, unique=True, description="统一社会信用代码")
    name: str = Field(max_length=200)
    sector: str = Field(max_length=40, index=True)
    division_code: str = Field(max_length=12, index=True)
    headcount: int = Field(ge=0)
    above_scale: bool = False
    key_sector: bool = False
    legal_representative: str | None = Field(default=None, max_length=100)
    actual_controller: str | None = Field(default=None, max_length=100)
    principal_responsible_person: str | None = Field(default=None, max_length=100)
    listed_first_responsible: list[str] = _json()
    liability_insured: bool = False
    registered_safety_engineers: int = Field(default=0, ge=0)
    new_employees: int = Field(default=0, ge=0)
    new_employees_trained: int = Field(default=0, ge=0)
    created_at: dt.datetime = timestamp_field()


class ComplianceEvaluation(Table, table=True):
    """One periodic evaluation of an enterprise's duties R24–R30 (W8), verdicts as returned."""

    id: str = Field(primary_key=True, max_length=36)
    enterprise_id: str = Field(foreign_key="enterprise.id", max_length=36, index=True)
    compliant: bool
    verdicts: list[dict[str, Any]] = _json()
    evaluated_at: dt.datetime = timestamp_field()


# --- W4 relief ------------------------------------------------------------------------------------------


class ReliefCase(Table, table=True):
    """A relief case (救助) for victims of a disaster (W4); the 10 h basic-living clock runs from occurrence (R13)."""

    id: str = Field(primary_key=True, max_length=36)
    disaster_id: str = Field(foreign_key="disaster.id", max_length=36, index=True)
    division_code: str = Field(max_length=12, index=True)
    relief_type: str = Field(max_length=40)
    households: int = Field(default=0, ge=0)
    persons: int = Field(ge=0)
    state: str = Field(max_length=30, index=True)
    opened_at: dt.datetime = timestamp_field()
    basic_living_provided_at: dt.datetime | None = timestamp_field(nullable=True)
    relief_funds: Decimal = Field(
        default=Decimal(0), sa_column=money_column(), description="Relief funds paid on the case (budget books them)"
    )
    closed_at: dt.datetime | None = timestamp_field(nullable=True)
    basic_living_overdue_announced: bool = False


# --- R36–R42 capped sector registries -------------------------------------------------------------------


class SectorRegistry(Table, table=True):
    """A capped registry (coal mines, fireworks producers, tailings ponds); the row is the registration lock."""

    registry: str = Field(primary_key=True, max_length=30)


class SectorSite(Table, table=True):
    """A coal mine, fireworks producer or tailings pond on its registry; only ACTIVE sites count against the target."""

    id: str = Field(primary_key=True, max_length=36)
    registry: str = Field(foreign_key="sectorregistry.registry", max_length=30, index=True)
    name: str = Field(max_length=200)
    enterprise_id: str | None = Field(default=None, max_length=36)
    division_code: str = Field(max_length=12, index=True)
    state: str = Field(max_length=20, index=True, description="ACTIVE | DELISTED")
    details: dict[str, Any] = _json()
    justification: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    existing: bool = Field(
        default=False, description="Recorded as an existing site (baseline), not a new one (只减不增 counts new ones)"
    )
    registered_at: dt.datetime = timestamp_field()
    delisted_at: dt.datetime | None = timestamp_field(nullable=True)


# --- Plan 6(三) inspection registers (R37, R38, R43–R45) ----------------------------------------------


class RegisterEntry(Table, table=True):
    """One recorded object of an inspection register — a coal-mine check (R37), a non-coal mine (R38), a hazchem
    project or producer (R43), a vehicle (R44), a year's fire or special-equipment figures (R45). The facts are
    stored as recorded; the verdict is computed from them on every read."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=40, index=True, description="The register, e.g. non-coal-mines")
    name: str = Field(max_length=200)
    division_code: str = Field(max_length=12, index=True)
    facts: dict[str, Any] = _json()
    recorded_at: dt.datetime = timestamp_field()


class TargetFigure(Table, table=True):
    """A reported figure of a plan target (`rules/targets.py::PLAN_TARGETS`) as of a date; the latest one counts."""

    id: str = Field(primary_key=True, max_length=36)
    target_id: str = Field(max_length=20, index=True)
    value: str = Field(max_length=40, description="Decimal as text: a count, or a share (1 = 100 %)")
    as_of: dt.date
    source: str = Field(max_length=400, description="Where the figure comes from (report, statistics bulletin)")
    recorded_at: dt.datetime = timestamp_field()


# --- 第四章（三）（四） governance: decision items, major decisions, enforcement items and cases ---------------------


class DecisionItem(Table, table=True):
    """An item of the published list of major decision items (决策事项目录, R60)."""

    code: str = Field(primary_key=True, max_length=40)
    title: str = Field(max_length=200)
    published_on: dt.date


class MajorDecision(Table, table=True):
    """A major administrative decision and the statutory steps done (R60)."""

    id: str = Field(primary_key=True, max_length=36)
    item_code: str = Field(max_length=40, index=True)
    title: str = Field(max_length=200)
    steps: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    decided_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class EnforcementItem(Table, table=True):
    """An item of the enforcement-items list (执法事项清单), adjusted dynamically: added, later withdrawn (R61)."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    legal_basis: str = Field(max_length=400)
    added_on: dt.date
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str | None = Field(default=None, max_length=400)


class EnforcementCase(Table, table=True):
    """An enforcement case on a listed item; a suspected crime is handed over before closure (R61)."""

    id: str = Field(primary_key=True, max_length=36)
    item_code: str = Field(max_length=40, index=True)
    subject: str = Field(max_length=200)
    division_code: str = Field(max_length=12, index=True)
    opened_on: dt.date
    suspected_crime: bool = False
    handed_over_to: str | None = Field(default=None, max_length=200)
    handed_over_on: dt.date | None = None
    closed_on: dt.date | None = None
