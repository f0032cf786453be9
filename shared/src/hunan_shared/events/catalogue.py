"""The event catalogue: every event that crosses a service boundary, as a versioned pydantic model.

This module is the source of truth for the events themselves (type, topic, key, producer, payload); who
consumes an event is what the services' `HANDLERS` say (`hunan_shared.contracts.consumers_by_event()`). The
generated `docs/asyncapi.yaml` and the event flows of `docs/architecture.md` come from both. Rules: type
`hunan.<domain>.<aggregate>.<past-tense-verb>`; topic `<domain>.<aggregate>`; key = aggregate id. A breaking
change adds a new class with a `.v2` type and a new `dataschema`; never change a published model in place.
Payloads carry only the personal data that a consumer needs, stated per event in `PERSONAL_DATA`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.settings import DEFAULT_PUBLIC_URL
from hunan_shared.types import HunanDivisionCode, Timestamp

# Where the payload schemas are served: <HUNAN_PUBLIC_URL>/schemas/events/<type>/v<version>.json (every service
# serves them, the gateway routes the path; the same files are published under docs/schemas/events/).
SCHEMA_PATH = "/schemas/events"

ResponseLevel = Literal["I", "II", "III", "IV"]
# Validated where every consumer decodes (a non-Hunan or non-ASCII code is dead-lettered).
DivisionCode = HunanDivisionCode


class Money(BaseModel):
    """Money as a decimal string with its currency (never a float)."""

    model_config = ConfigDict(frozen=True)

    amount: Decimal = Field(description="Decimal amount, serialised as a string", examples=["12800.00"])
    currency: Literal["CNY"] = "CNY"


class Event(BaseModel):
    """Base of all catalogue events. Subclasses set the ClassVars and declare the payload fields."""

    model_config = ConfigDict(extra="forbid")

    TYPE: ClassVar[str]
    TOPIC: ClassVar[str]
    KEY: ClassVar[str]
    VERSION: ClassVar[int] = 1
    PRODUCER: ClassVar[str]
    # Consumers are not declared here: they are the services whose HANDLERS take the event
    # (hunan_shared.contracts.consumers_by_event()). Declared only so that a class still setting it fails
    # the contract test with a clear message instead of a pydantic error.
    CONSUMERS: ClassVar[tuple[str, ...]] = ()
    PERSONAL_DATA: ClassVar[str] = "none"
    SUMMARY: ClassVar[str]

    def key(self) -> str:
        return str(getattr(self, self.KEY))

    @classmethod
    def dataschema(cls, public_url: str | None = None) -> str:
        """The URL of this event's payload schema under the gateway at `public_url` (HUNAN_PUBLIC_URL)."""
        return f"{(public_url or DEFAULT_PUBLIC_URL).rstrip('/')}{cls.schema_path()}"

    @classmethod
    def schema_path(cls) -> str:
        return f"{SCHEMA_PATH}/{cls.TYPE}/v{cls.VERSION}.json"

    @classmethod
    def payload_schema(cls) -> dict[str, Any]:
        """JSON Schema of the payload as it is on the wire (serialization mode: decimals are strings)."""
        schema = cls.model_json_schema(mode="serialization")
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}

    @classmethod
    def aggregate_type(cls) -> str:
        return cls.TOPIC.split(".", 1)[1]


# --- emergency.disaster -------------------------------------------------------------------------


class _DisasterEvent(Event):
    TOPIC = "emergency.disaster"
    KEY = "disaster_id"
    PRODUCER = "emergency"

    disaster_id: str
    hazard: str = Field(
        description="Upper-case hazard: one of the five major natural hazards (FLOOD_DROUGHT, GEOLOGICAL, "
        "METEOROLOGICAL, FOREST_FIRE, EARTHQUAKE) or a production-safety sector (e.g. COAL_MINE, HAZCHEM)"
    )
    response_level: ResponseLevel = Field(description="Emergency response level I (highest) to IV")
    division_codes: list[DivisionCode] = Field(description="GB/T 2260 codes of the affected divisions")


class DisasterDeclared(_DisasterEvent):
    TYPE = "hunan.emergency.disaster.declared"
    SUMMARY = "A disaster or accident was declared with a response level and affected divisions."

    title: str
    occurred_at: Timestamp
    declared_at: Timestamp


class DisasterLevelChanged(_DisasterEvent):
    TYPE = "hunan.emergency.disaster.level_changed"
    SUMMARY = "The response level of a declared disaster was raised or lowered."

    previous_level: ResponseLevel
    changed_at: Timestamp


class DisasterDivisionsExtended(_DisasterEvent):
    TYPE = "hunan.emergency.disaster.divisions_extended"
    SUMMARY = "More divisions were added to a declared disaster; `added_division_codes` lists the new ones."

    added_division_codes: list[DivisionCode]
    extended_at: Timestamp


class DisasterClosed(_DisasterEvent):
    TYPE = "hunan.emergency.disaster.closed"
    SUMMARY = "A disaster was closed (or dismissed); reactions tied to it end."

    outcome: Literal["closed", "dismissed"]
    closed_at: Timestamp


# --- emergency.warning ---------------------------------------------------------------------------


class _WarningEvent(Event):
    TOPIC = "emergency.warning"
    KEY = "warning_id"
    PRODUCER = "emergency"

    warning_id: str
    hazard: str
    colour: Literal["blue", "yellow", "orange", "red"] = Field(description="Warning colour grade 蓝/黄/橙/红")
    division_codes: list[DivisionCode]


class WarningIssued(_WarningEvent):
    TYPE = "hunan.emergency.warning.issued"
    SUMMARY = "A warning was issued through the 1+5 release system (CAP 1.2 available from the API)."

    headline: str
    issued_at: Timestamp
    expires_at: Timestamp | None = None


class WarningUpdated(_WarningEvent):
    TYPE = "hunan.emergency.warning.updated"
    SUMMARY = "A warning's grade, area or text changed."

    headline: str
    updated_at: Timestamp
    expires_at: Timestamp | None = None


class WarningCancelled(_WarningEvent):
    TYPE = "hunan.emergency.warning.cancelled"
    SUMMARY = "A warning was cancelled before expiry."

    cancelled_at: Timestamp


class WarningExpired(_WarningEvent):
    TYPE = "hunan.emergency.warning.expired"
    SUMMARY = "A warning reached its expiry time and is no longer in force (the service expires it by itself)."

    expired_at: dt.datetime = Field(description="The warning's expiry time (CAP expires)")


# --- emergency.hidden_danger ---------------------------------------------------------------------


class HiddenDangerOverdue(Event):
    TYPE = "hunan.emergency.hidden_danger.overdue"
    TOPIC = "emergency.hidden_danger"
    KEY = "hidden_danger_id"
    PRODUCER = "emergency"
    SUMMARY = (
        "A listed major accident hidden danger passed its remediation deadline and was notified (通报制); "
        "once per breached deadline."
    )

    hidden_danger_id: str
    sector: str
    division_code: DivisionCode
    deadline: dt.date = Field(description="The remediation deadline that passed")
    deadline_provisional: bool = Field(description="The deadline was counted past the published calendar")
    notified_at: dt.datetime


# --- disability ----------------------------------------------------------------------------------


class SupplyLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: str = Field(description="Supplies catalogue code, e.g. tent, quilt, drinking_water, food_ration")
    quantity: int = Field(ge=1)
    unit: str = "piece"


class DivisionSupplyDemand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: DivisionCode
    persons: int = Field(ge=0, description="Vulnerable persons behind this demand (a count, no identities)")
    lines: list[SupplyLine]


class SuppliesRequested(Event):
    TYPE = "hunan.disability.supplies.requested"
    TOPIC = "disability.supply_request"
    KEY = "request_id"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: counts per division only"
    SUMMARY = "Supplies needed for vulnerable persons with disabilities in a disaster, aggregated per division."

    request_id: str
    disaster_id: str
    requested_at: Timestamp
    demands: list[DivisionSupplyDemand]


class AssistanceOpened(Event):
    TYPE = "hunan.disability.assistance.opened"
    TOPIC = "disability.assistance"
    KEY = "disaster_id"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: counts per division only"
    SUMMARY = "Emergency assistance cases opened for one disaster in one division (summary, counts only)."

    disaster_id: str
    division_code: DivisionCode
    cases_opened: int = Field(ge=0)
    needing_temporary_care: int = Field(ge=0)
    opened_at: Timestamp


class AssistanceFirstContactOverdue(Event):
    TYPE = "hunan.disability.assistance.first_contact_overdue"
    TOPIC = "disability.assistance"
    KEY = "disaster_id"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: counts per division only"
    SUMMARY = (
        "Assistance cases of one disaster in one division passed their first-contact deadline without a visit "
        "(R56, counts only; each case is counted once)."
    )

    disaster_id: str
    division_code: DivisionCode
    cases_overdue: int = Field(ge=1)
    earliest_due: Timestamp = Field(description="The earliest first-contact deadline among these cases")
    detected_at: Timestamp


class AccessibilityNeedsSummarized(Event):
    TYPE = "hunan.disability.accessibility_needs.summarized"
    TOPIC = "disability.assistance"
    KEY = "disaster_id"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: counts per channel only"
    SUMMARY = (
        "Counts of accessible communication channels needed in a disaster's divisions (for science popularisation)."
    )

    disaster_id: str
    division_codes: list[DivisionCode]
    channel_counts: dict[str, int] = Field(
        description="e.g. {'sign_language_video': 120, 'voice_call': 80}",
        examples=[{"sign_language_video": 120, "voice_call": 80, "text_message": 45}],
    )
    summarized_at: Timestamp


class DibaoGradualExitEnded(Event):
    TYPE = "hunan.disability.dibao.gradual_exit_ended"
    TOPIC = "disability.dibao"
    KEY = "review_id"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: the review's opaque id and the county only"
    SUMMARY = (
        "A 低保 household's gradual-exit period (渐退期, R4) ended without a later review: the household left 低保."
    )

    review_id: str = Field(description="The EXITED review recorded by the service (GET /v1/dibao-reviews)")
    division_code: DivisionCode
    exit_on: dt.date = Field(description="The day the gradual-exit period ended and the household left 低保")
    exited_at: Timestamp


class PayrollCompleted(Event):
    TYPE = "hunan.disability.subsidy.payroll_completed"
    TOPIC = "disability.subsidy"
    KEY = "payroll_month"
    PRODUCER = "disability"
    PERSONAL_DATA = "none: totals per division and subsidy"
    SUMMARY = "A monthly subsidy payroll run completed; totals per subsidy and division."

    payroll_month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    totals: list[dict[str, str | int]] = Field(
        description="[{subsidy, division_code, recipients, amount}] amount as decimal string",
        examples=[
            [
                {"subsidy": "living_subsidy", "division_code": "430102", "recipients": 1342, "amount": "120780.00"},
                {"subsidy": "nursing_subsidy", "division_code": "430102", "recipients": 611, "amount": "61100.00"},
            ]
        ],
    )
    total: Money
    completed_at: Timestamp


# --- emergency.dispatch / reserve ----------------------------------------------------------------


class DispatchLeg(BaseModel):
    model_config = ConfigDict(extra="forbid")

    depot_id: str
    depot_level: Literal["province", "city", "county", "township", "village"]
    division_code: DivisionCode = Field(description="Destination division of this leg (not the depot's)")
    item: str
    quantity: int = Field(ge=1)
    travel_minutes: int = Field(ge=0)
    cost: Money


class _DispatchEvent(Event):
    TOPIC = "emergency.dispatch"
    KEY = "dispatch_id"
    PRODUCER = "emergency"

    dispatch_id: str
    disaster_id: str
    request_id: str | None = Field(None, description="The supply request this dispatch answers, when there is one")


class DispatchPlanned(_DispatchEvent):
    TYPE = "hunan.emergency.dispatch.planned"
    SUMMARY = "A stock-aware dispatch plan was made for a supply request; shortfalls are listed."

    legs: list[DispatchLeg]
    shortfalls: list[SupplyLine]
    planned_at: Timestamp


class DispatchShipped(_DispatchEvent):
    TYPE = "hunan.emergency.dispatch.shipped"
    SUMMARY = "Supplies left the depots; carries the cost for budget's emergency spending."

    total_cost: Money
    shipped_at: Timestamp


class DispatchDelivered(_DispatchEvent):
    TYPE = "hunan.emergency.dispatch.delivered"
    SUMMARY = "Supplies were delivered to the requesting divisions."

    division_codes: list[DivisionCode]
    delivered_at: Timestamp


class ReplenishmentRequested(Event):
    TYPE = "hunan.emergency.reserve.replenishment_requested"
    TOPIC = "emergency.reserve"
    KEY = "depot_id"
    PRODUCER = "emergency"
    SUMMARY = "A depot fell below its quota and asks for replenishment funding."

    depot_id: str
    division_code: DivisionCode
    lines: list[SupplyLine]
    estimated_cost: Money
    requested_at: Timestamp


class SupplyShortfallEscalated(_DispatchEvent):
    TYPE = "hunan.emergency.dispatch.shortfall_escalated"
    SUMMARY = (
        "A dispatch could not be planned in full from the province's reserves: the shortfall is escalated for "
        "cross-region coordination and commercial or capacity reserves (Plan 8(三)); for the provincial "
        "command and other provinces' agencies, no suite service reacts."
    )

    division_codes: list[DivisionCode] = Field(description="Destinations left short")
    shortfalls: list[SupplyLine]
    escalated_at: dt.datetime


# --- emergency.relief / tipoff / plan --------------------------------------------------------------


class ReliefProvided(Event):
    TYPE = "hunan.emergency.relief.provided"
    TOPIC = "emergency.relief"
    KEY = "case_id"
    PRODUCER = "emergency"
    PERSONAL_DATA = "none: counts of households and persons per division only"
    SUMMARY = "Basic-living relief was given on a relief case (Plan 7(四)); budget books the relief spending."

    case_id: str
    disaster_id: str
    relief_type: str
    division_code: DivisionCode
    persons: int = Field(ge=0)
    amount: Money = Field(description="Relief funds disbursed on this case (0 when only goods were given)")
    provided_at: dt.datetime


class ReliefOverdue(Event):
    TYPE = "hunan.emergency.relief.overdue"
    TOPIC = "emergency.relief"
    KEY = "case_id"
    PRODUCER = "emergency"
    PERSONAL_DATA = "none: counts of households and persons per division only"
    SUMMARY = (
        "A relief case's victims got no basic-living aid within 10 hours of the disaster (Plan 2(三)2, 7(四), R13); "
        "announced once per case, the aid stays due."
    )

    case_id: str
    disaster_id: str
    relief_type: str
    division_code: DivisionCode
    households: int = Field(ge=0)
    persons: int = Field(ge=0)
    due_at: Timestamp = Field(description="The disaster's occurrence plus 10 hours")
    detected_at: Timestamp


class _TipOffEvent(Event):
    TOPIC = "emergency.tipoff"
    KEY = "tipoff_id"
    PRODUCER = "emergency"
    PERSONAL_DATA = "none: never the reporter's identity or contact, only the reporter type"

    tipoff_id: str
    division_code: DivisionCode
    sector: str | None = Field(None, description="Production-safety sector of the reported matter, when known")


class TipOffReceived(_TipOffEvent):
    TYPE = "hunan.emergency.tipoff.received"
    SUMMARY = (
        "A 12350 tip-off was received (Plan 10(六)); for the departments it may be referred to (market "
        "supervision, transport, housing…), no suite service reacts."
    )

    received_at: dt.datetime


class TipOffResolved(_TipOffEvent):
    TYPE = "hunan.emergency.tipoff.resolved"
    SUMMARY = "A tip-off was closed (W6): rejected, verified untrue, or verified true with the reward paid (R52)."

    outcome: Literal["REJECTED", "VERIFIED_FALSE", "VERIFIED_TRUE"]
    verified_true: bool | None
    reward: Money | None = None
    resolved_at: dt.datetime


class _PlanEvent(Event):
    TOPIC = "emergency.plan"
    KEY = "plan_id"
    PRODUCER = "emergency"

    plan_id: str
    division_code: DivisionCode
    tier: str


class DrillHeld(_PlanEvent):
    TYPE = "hunan.emergency.drill.held"
    SUMMARY = "A drill of an emergency plan was held (Plan 5(三)); comprehensive drills reset the two-year clock."

    drill_id: str
    comprehensive: bool
    mode: str
    conducted_on: dt.date


class DrillDue(_PlanEvent):
    TYPE = "hunan.emergency.drill.due"
    SUMMARY = (
        "A special plan's comprehensive drill is overdue (at least once every two years, Plan 5(三), R47); "
        "announced once per due date, for the plan's owner."
    )

    due_on: dt.date
    notified_on: dt.date


# --- science, trees, budget ----------------------------------------------------------------------


class _CampaignEvent(Event):
    TOPIC = "science.campaign"
    KEY = "campaign_id"
    PRODUCER = "science"

    campaign_id: str
    hazard: str
    division_codes: list[DivisionCode]
    disaster_id: str | None = None
    warning_id: str | None = None


class CampaignLaunched(_CampaignEvent):
    TYPE = "hunan.science.campaign.launched"
    SUMMARY = "An emergency science popularisation (应急科普) campaign was launched."

    formats: list[str] = Field(
        description="Accessible formats, e.g. captions, sign_language, audio, braille",
        examples=[["captions", "sign_language", "audio"]],
    )
    launched_at: Timestamp
    response_level: ResponseLevel | None = Field(
        None, description="Response level the campaign is scaled to (a warning's colour maps red → I … blue → IV)"
    )
    channels: list[str] = Field(default_factory=list, description="Publication channels at this level")


class CampaignUpdated(_CampaignEvent):
    TYPE = "hunan.science.campaign.updated"
    SUMMARY = "A campaign's area, formats or scale (response level and channels) changed."

    formats: list[str]
    updated_at: Timestamp
    response_level: ResponseLevel | None = None
    channels: list[str] = Field(default_factory=list)


class CampaignClosed(_CampaignEvent):
    TYPE = "hunan.science.campaign.closed"
    SUMMARY = "A campaign ended."

    closed_at: Timestamp


class ContentPublished(Event):
    TYPE = "hunan.science.content.published"
    TOPIC = "science.campaign"
    KEY = "campaign_id"
    PRODUCER = "science"
    SUMMARY = (
        "A library item of an emergency campaign passed the accessibility gate and went out on the campaign's "
        "channels, to its divisions highest region-risk first; says whether the campaign's first publication "
        "met the publication target (三(四)1 及时; 2 h by default)."
    )

    campaign_id: str
    content_id: str
    hazard: str
    division_codes: list[DivisionCode] = Field(description="The campaign's divisions, highest risk weight first")
    channels: list[str]
    variants: list[str] = Field(description="Accessible variants the item carries")
    weight: int = Field(description="Highest region-risk weight of the item in the campaign")
    disaster_id: str | None = None
    warning_id: str | None = None
    published_at: Timestamp
    minutes_since_trigger: int | None = Field(None, description="Since the declaration or warning")
    first_in_campaign: bool
    within_target: bool | None = Field(None, description="For the campaign's first publication: on time or not")


class CampaignPublicationOverdue(_CampaignEvent):
    TYPE = "hunan.science.campaign.publication_overdue"
    SUMMARY = (
        "An emergency campaign has published nothing past its publication target (三(四)1 及时; 2 h after the "
        "declaration or warning by default), typically because every item lacks an accessible variant; "
        "announced once per campaign."
    )

    triggered_at: Timestamp
    due_at: Timestamp
    blocked_items: int
    detected_at: Timestamp


class MuseumSubsidyClaimed(Event):
    TYPE = "hunan.science.museum_subsidy.claimed"
    TOPIC = "science.museum_subsidy"
    KEY = "subsidy_id"
    PRODUCER = "science"
    SUMMARY = (
        "A completed and accepted science museum of a 市州 or of a 600,000-resident county with the conditions "
        "in place claims the provincial post-completion subsidy (后补助, Plan 三(三)2, R16)."
    )

    subsidy_id: str
    venue_id: str
    division_code: DivisionCode
    amount: Money
    accepted_on: dt.date
    basis: str = Field(description="The rule the claim rests on")
    claimed_at: Timestamp


class TransplantApproved(Event):
    TYPE = "hunan.trees.transplant.approved"
    TOPIC = "trees.transplant"
    KEY = "application_id"
    PRODUCER = "trees"
    PERSONAL_DATA = "applicant organisation name only"
    SUMMARY = "A tree transplant was approved; the cost bearer owes five years of aftercare (Art. 28)."

    application_id: str
    tree_id: str
    division_code: DivisionCode
    cost_bearer: str
    estimated_cost: Money
    aftercare_years: int = 5
    approved_at: Timestamp


class TreeRecognised(Event):
    TYPE = "hunan.trees.tree.recognised"
    TOPIC = "trees.tree"
    KEY = "tree_id"
    PRODUCER = "trees"
    SUMMARY = (
        "A tree was recognised and published as an ancient or famous tree by the government of its grade's level "
        "(Art. 13) after appraisal and public notice (Art. 12)."
    )

    tree_id: str
    candidate_id: str
    division_code: DivisionCode
    species: str
    grade: Literal["GRADE_1", "GRADE_2", "GRADE_3"] | None = Field(
        description="Grade by age (Art. 10); none if famous only"
    )
    is_famous: bool
    protection_level: Literal["LEVEL_1", "LEVEL_2", "LEVEL_3"]
    recognising_level: Literal["PROVINCE", "CITY", "COUNTY"]
    publication_ref: str = Field(description="Recognition and publication document")
    recognised_on: dt.date
    recognised_at: Timestamp


# --- trees lifecycle (reports, transplant execution, penalties) --------------------------------------


class TreeReportOverdue(Event):
    TYPE = "hunan.trees.report.overdue"
    TOPIC = "trees.report"
    KEY = "report_id"
    PRODUCER = "trees"
    SUMMARY = (
        "An abnormality report was not handled within 5 working days (Art. 19), or a suspected death not "
        "appraised within 5 working days (Art. 29)."
    )

    report_id: str
    tree_id: str
    division_code: DivisionCode
    kind: Literal["ABNORMALITY", "SUSPECTED_DEATH"]
    abnormality_type: str | None = None
    received_at: Timestamp
    due_on: dt.date
    due_provisional: bool
    detected_at: Timestamp


class TreeInspectionOverdue(Event):
    TYPE = "hunan.trees.inspection.overdue"
    TOPIC = "trees.inspection"
    KEY = "inspection_id"
    PRODUCER = "trees"
    SUMMARY = "A post-disaster tree inspection was not done within its working-day period (Art. 19 by analogy)."

    inspection_id: str = Field(description="<disaster_id>:<tree_id>")
    disaster_id: str
    tree_id: str
    division_code: DivisionCode
    hazard: str
    due_on: dt.date
    due_provisional: bool
    detected_at: Timestamp


class TreePatrolDue(Event):
    TYPE = "hunan.trees.patrol.due"
    TOPIC = "trees.patrol"
    KEY = "tree_id"
    PRODUCER = "trees"
    SUMMARY = (
        "A registered tree's regular patrol is overdue: its last patrol (or registration) is older than the "
        "interval set for its protection level (Art. 20); announced once per due date."
    )

    tree_id: str
    division_code: DivisionCode
    protection_level: Literal["LEVEL_1", "LEVEL_2", "LEVEL_3"] | None = None
    interval_days: int
    last_patrol_on: dt.date | None = Field(None, description="Null when no patrol was recorded since registration")
    due_on: dt.date
    article: str
    detected_at: Timestamp


class TransplantExecuted(Event):
    TYPE = "hunan.trees.transplant.executed"
    TOPIC = "trees.transplant"
    KEY = "application_id"
    PRODUCER = "trees"
    PERSONAL_DATA = "applicant organisation name only"
    SUMMARY = "An approved tree transplant was carried out; five years of aftercare run to aftercare_until (Art. 28)."

    application_id: str
    tree_id: str
    division_code: DivisionCode
    cost_bearer: str
    executed_on: dt.date
    aftercare_until: dt.date
    recorded_at: Timestamp


class PenaltyDecided(Event):
    TYPE = "hunan.trees.penalty.decided"
    TOPIC = "trees.violation"
    KEY = "case_id"
    PRODUCER = "trees"
    SUMMARY = (
        "A prohibited act against a tree (Art. 24) was decided: referred to another law, or ordered stopped and "
        "restored or remedied with an optional fine of CNY 500–5,000 (Art. 33)."
    )

    case_id: str
    tree_id: str
    division_code: DivisionCode
    act: str
    outcome: Literal["REFERRED_OTHER_LAW", "ORDERED"]
    orders: list[str]
    fine: Money | None = None
    legal_basis: str
    decided_at: Timestamp


class CustodianAssigned(Event):
    TYPE = "hunan.trees.custodian.assigned"
    TOPIC = "trees.custodian"
    KEY = "tree_id"
    PRODUCER = "trees"
    PERSONAL_DATA = "none (the custodian's category and role, not the person)"
    SUMMARY = (
        "A tree's custodian was determined or changed (Art. 16): by the land-use rule, for a construction period "
        "(16(9), valid_until = construction end) or by the county department's decision of a dispute."
    )

    assignment_id: str
    tree_id: str
    division_code: DivisionCode
    category: str
    determined_by: str
    article: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    assigned_at: Timestamp


class SubsidyGranted(Event):
    TYPE = "hunan.trees.subsidy.granted"
    TOPIC = "trees.subsidy"
    KEY = "subsidy_id"
    PRODUCER = "trees"
    SUMMARY = "A government granted a tree custodian a maintenance subsidy (Art. 21); a budget cost of that government."

    subsidy_id: str
    tree_id: str
    granting_division: DivisionCode = Field(examples=["430100"], description="The granting government's division")
    year: int
    amount: Money
    granted_at: Timestamp


class UtilisationRegistered(Event):
    TYPE = "hunan.trees.utilisation.registered"
    TOPIC = "trees.utilisation"
    KEY = "activity_id"
    PRODUCER = "trees"
    PERSONAL_DATA = "operator organisation only"
    SUMMARY = "A use of a tree (research, tree park, education base or activity) was registered (Art. 32)."

    activity_id: str
    tree_id: str
    division_code: DivisionCode
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    registered_at: Timestamp


class EmergencyExpenditureRecorded(Event):
    TYPE = "hunan.budget.emergency_expenditure.recorded"
    TOPIC = "budget.expenditure"
    KEY = "expenditure_id"
    PRODUCER = "budget"
    SUMMARY = "Emergency spending was recorded against a disaster."

    expenditure_id: str
    disaster_id: str
    source_event_id: str
    amount: Money
    recorded_at: Timestamp


# --- business_env ----------------------------------------------------------------------------------


class InspectionTaskSampled(Event):
    TYPE = "hunan.business_env.inspection_task.sampled"
    TOPIC = "business_env.inspection_task"
    KEY = "task_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (market entities by unified social credit code; inspectors by pool id)"
    SUMMARY = (
        "A 'double random' inspection task drew its entities and inspectors (Art. 39); the seed lets anyone "
        "re-run the draw from the task's published draw record."
    )

    task_id: str
    plan_id: str
    department: str
    division_code: DivisionCode
    items: list[str]
    entity_credit_codes: list[str]
    algorithm: str
    seed: str
    drawn_at: Timestamp


class InspectionResultsPublished(Event):
    TYPE = "hunan.business_env.inspection_result.published"
    TOPIC = "business_env.inspection_task"
    KEY = "task_id"
    PRODUCER = "business_env"
    SUMMARY = "The results of a random-inspection task were made public (Art. 39: within 20 working days)."

    task_id: str
    division_code: DivisionCode
    department: str
    completed_on: dt.date
    published_on: dt.date
    on_time: bool
    results_summary: str


class PolicyPublished(Event):
    TYPE = "hunan.business_env.policy.published"
    TOPIC = "business_env.policy"
    KEY = "policy_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "A pro-enterprise policy with all ten elements entered the published list (Art. 14) and was matched "
        "against the register: how many got it without applying, how many were pushed to apply."
    )

    policy_id: str
    title: str
    division_code: DivisionCode
    implementing_department: str
    mode: Literal["NO_APPLICATION", "APPLICATION"]
    valid_from: dt.date
    valid_to: dt.date
    granted: int
    pushed: int
    published_at: Timestamp


class BenefitGranted(Event):
    TYPE = "hunan.business_env.benefit.granted"
    TOPIC = "business_env.policy"
    KEY = "policy_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the enterprise by its unified social credit code)"
    SUMMARY = "An enterprise gets a policy's benefit without applying (免予申报、直接享受, Art. 14); redeem it."

    policy_id: str
    enterprise_credit_code: str
    division_code: DivisionCode
    redemption_form: str
    granted_at: Timestamp


class StartupCompleted(Event):
    TYPE = "hunan.business_env.startup.completed"
    TOPIC = "business_env.startup"
    KEY = "case_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the new enterprise by its unified social credit code)"
    SUMMARY = (
        "An enterprise start-up handled as one matter (Art. 10) was delivered once, all six items done: "
        "registration, seal, invoices, social insurance, housing fund and bank account appointment."
    )

    case_id: str
    enterprise_credit_code: str
    division_code: DivisionCode
    submitted_on: dt.date
    due: dt.date
    delivered_on: dt.date
    on_time: bool
    delivered_at: Timestamp


class StartupOverdue(Event):
    TYPE = "hunan.business_env.startup.overdue"
    TOPIC = "business_env.startup"
    KEY = "case_id"
    PRODUCER = "business_env"
    SUMMARY = "An enterprise start-up bundle was not delivered by its working-day limit (Art. 10); the open items."

    case_id: str
    division_code: DivisionCode
    submitted_on: dt.date
    due: dt.date
    open_items: list[str]
    detected_at: Timestamp


class DeregistrationCompleted(Event):
    TYPE = "hunan.business_env.deregistration.completed"
    TOPIC = "business_env.deregistration"
    KEY = "deregistration_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the enterprise by its unified social credit code)"
    SUMMARY = (
        "An enterprise left the market by simplified deregistration (Art. 20) after a notice period without "
        "objection; tax, social insurance and banks close their records."
    )

    deregistration_id: str
    enterprise_credit_code: str
    division_code: DivisionCode
    applied_on: dt.date
    notice_until: dt.date
    deregistered_on: dt.date
    recorded_at: Timestamp


class CommitmentFoundFalse(Event):
    TYPE = "hunan.business_env.commitment.found_false"
    TOPIC = "business_env.commitment"
    KEY = "commitment_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the applicant by its unified social credit code)"
    SUMMARY = (
        "Verification found a notification-commitment untrue (Art. 32): the sanctions imposed and the credit "
        "record entered; the applicant may not use the commitment procedure until its credit is repaired."
    )

    commitment_id: str
    applicant_credit_code: str
    division_code: DivisionCode
    department: str
    matter: str
    sanctions: list[Literal["TERMINATE", "RECTIFY", "REVOKE", "PENALTY"]]
    rectify_by: dt.date | None
    credit_record_id: str
    found_on: dt.date
    recorded_at: Timestamp


class CommitmentVerificationOverdue(Event):
    TYPE = "hunan.business_env.commitment.verification_overdue"
    TOPIC = "business_env.commitment"
    KEY = "commitment_id"
    PRODUCER = "business_env"
    SUMMARY = "A matter granted on a commitment was not verified within the working-day period (Art. 32)."

    commitment_id: str
    division_code: DivisionCode
    department: str
    matter: str
    verify_due: dt.date
    detected_at: Timestamp


class DepositRefundOverdue(Event):
    TYPE = "hunan.business_env.deposit.refund_overdue"
    TOPIC = "business_env.deposit"
    KEY = "deposit_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the enterprise by its unified social credit code)"
    SUMMARY = (
        "An enterprise deposit was not returned (or its guarantee released) within the prescribed time after the "
        "guaranteed matter ended (Art. 15); finance departments follow the money held."
    )

    deposit_id: str
    enterprise_credit_code: str
    division_code: DivisionCode
    holder_department: str
    kind: str
    form: Literal["CASH", "BANK_GUARANTEE", "GUARANTEE_INSURANCE"]
    amount: Money
    refund_due: dt.date
    detected_at: Timestamp


# --- budget.budget -----------------------------------------------------------------------------


class _BudgetEvent(Event):
    TOPIC = "budget.budget"
    KEY = "budget_id"
    PRODUCER = "budget"

    budget_id: str
    unit: str = Field(description="Budget department or unit 预算部门/单位")
    division_code: DivisionCode
    budget_year: int
    kind: str = Field(description="GENERAL_PUBLIC, GOVERNMENT_FUND, STATE_CAPITAL_OPERATION or SOCIAL_INSURANCE_FUND")
    revenue_total: Money
    expenditure_total: Money


class BudgetApproved(_BudgetEvent):
    TYPE = "hunan.budget.budget.approved"
    SUMMARY = "A unit's budget was approved by the people's congress; its disclosure is due within 20 days."

    approval_ref: str
    approved_on: dt.date
    disclosure_due_on: dt.date


class BudgetAdjusted(_BudgetEvent):
    TYPE = "hunan.budget.budget.adjusted"
    SUMMARY = "An approved budget changed through an applied adjustment or reallocation (new totals)."

    change: Literal["ADJUSTMENT", "REALLOCATION"]
    change_id: str
    decision_ref: str
    applied_at: Timestamp


class DisclosureOverdue(_BudgetEvent):
    TYPE = "hunan.budget.disclosure.overdue"
    SUMMARY = (
        "An approved unit budget was not published within 20 days of approval (Opinion (二十四)); announced once, "
        "by the service's own clock, on the first day past the deadline."
    )

    approved_on: dt.date
    disclosure_due_on: dt.date
    detected_at: Timestamp


class CarryoverSwept(Event):
    TYPE = "hunan.budget.carryover.swept"
    TOPIC = "budget.carryover"
    KEY = "sweep_id"
    PRODUCER = "budget"
    SUMMARY = (
        "The year-end sweep of a level ran (W4, Opinion (五)): carry-over moved into the general public budget "
        "(R8 government funds above 20 % of revenue, R9 half of state capital) and recovered (R10)."
    )

    sweep_id: str
    division_code: DivisionCode
    budget_year: int
    to_general_budget: Money
    recovered: Money
    balances: int = Field(description="How many carry-over balances the sweep read")
    swept_at: Timestamp


class ControlBreached(Event):
    TYPE = "hunan.budget.ratio_check.breached"
    TOPIC = "budget.control"
    KEY = "division_code"
    PRODUCER = "budget"
    SUMMARY = (
        "A recorded evaluation found a control of a level in breach that was not in breach at its previous "
        "evaluation (W5: R31 advance transfers, R36 suspense ceiling, R51 disclosure)."
    )

    control: str = Field(description="R31-GENERAL, R31-SPECIAL, R36 or R51")
    division_code: DivisionCode
    budget_year: int
    evaluated_on: dt.date
    ratio: Decimal | None = Field(
        description="Exact ratio where the control has one (none for R51, or R36 without expenditure)",
        examples=["0.895"],
    )
    threshold: Decimal | None = Field(description="The ratio the control requires", examples=["0.90"])
    reason: str
    breached_at: Timestamp


class ResponsibilityMatrixPublished(Event):
    TYPE = "hunan.budget.responsibility_matrix.published"
    TOPIC = "budget.reference"
    KEY = "version"
    PRODUCER = "budget"
    SUMMARY = (
        "A version of the natural-resources responsibility matrix (Division Plan 二) was published (W9): version, "
        "row count and checksum, so other services can tag their costs with the matrix they used."
    )

    publication_id: str
    version: str = Field(description="The matrix version, the date of the plan it encodes", examples=["2021-11-15"])
    row_count: int = Field(description="How many matters the matrix lists")
    checksum: str = Field(description="sha256 of the reference file as published")
    published_at: Timestamp


class ProjectAccepted(Event):
    TYPE = "hunan.business_env.project.accepted"
    TOPIC = "business_env.project"
    KEY = "project_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "An engineering project's main works passed completion acceptance; the accessibility steps (designed, "
        "built, accepted) not in step with the works are listed (三同步, disability plan 三(五)1)."
    )

    project_id: str
    project_name: str
    division_code: DivisionCode
    accepted_on: dt.date
    accessibility_missing: list[Literal["designed", "built", "accepted"]]
    accepted_at: Timestamp


class InspectionPublicationOverdue(Event):
    TYPE = "hunan.business_env.inspection_result.publication_overdue"
    TOPIC = "business_env.inspection_task"
    KEY = "task_id"
    PRODUCER = "business_env"
    SUMMARY = "A random-inspection task's results were not published within 20 working days of completion (Art. 39)."

    task_id: str
    division_code: DivisionCode
    department: str
    completed_on: dt.date
    publish_due: dt.date
    publish_due_provisional: bool
    detected_at: Timestamp


class ComplaintOverdue(Event):
    TYPE = "hunan.business_env.complaint.overdue"
    TOPIC = "business_env.complaint"
    KEY = "complaint_id"
    PRODUCER = "business_env"
    SUMMARY = "A business-environment complaint passed its handling or feedback deadline (Art. 50)."

    complaint_id: str
    respondent_division_code: DivisionCode
    deadline: Literal["HANDLING", "FEEDBACK"]
    due: dt.date
    detected_at: Timestamp


class ComplaintClosed(Event):
    TYPE = "hunan.business_env.complaint.closed"
    TOPIC = "business_env.complaint"
    KEY = "complaint_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "A business-environment complaint's account was closed (办结销账, Art. 50) after its result was fed back "
        "and rated (or the rating window passed), with any required transfer to discipline inspection done."
    )

    complaint_id: str
    source: str
    respondent_division_code: DivisionCode
    substantiated: bool
    transferred_to_discipline: bool
    procedure_rating: int | None
    result_rating: int | None
    closed_at: Timestamp


class LeadTransferred(Event):
    TYPE = "hunan.business_env.lead.transferred"
    TOPIC = "business_env.complaint"
    KEY = "complaint_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "A preliminary investigation found that an administrative organ or official may have violated discipline "
        "or law; the lead was transferred to the discipline inspection and supervision organ (移送纪检监察, Art. 51)."
    )

    complaint_id: str
    respondent: str = Field(description="The administrative organ complained about (never a person's name)")
    respondent_division_code: DivisionCode
    transferred_to: str = Field(description="The discipline inspection and supervision organ")
    transferred_at: Timestamp


class ContractPaymentOverdue(Event):
    TYPE = "hunan.business_env.contract.payment_overdue"
    TOPIC = "business_env.contract"
    KEY = "commitment_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the market entity by its unified social credit code)"
    SUMMARY = (
        "A government did not pay a market entity for goods, works or services by the agreed day: a default "
        "(违约拖欠, Art. 19(5))."
    )

    commitment_id: str
    payment_seq: int
    government_body: str
    division_code: DivisionCode
    counterpart_credit_code: str
    category: Literal["GOODS", "WORKS", "SERVICES"]
    amount: Money
    due_on: dt.date
    detected_at: Timestamp


class EvaluationFedBack(Event):
    TYPE = "hunan.business_env.evaluation.fed_back"
    TOPIC = "business_env.evaluation"
    KEY = "evaluation_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "The province fed an approved business-environment evaluation's problem list back to the evaluated "
        "regions (Art. 6); each region now rectifies its problems by the stated day."
    )

    evaluation_id: str
    year: int
    division_codes: list[DivisionCode] = Field(description="The evaluated regions")
    problems: int
    approval_ref: str
    rectification_due: dt.date
    fed_back_at: Timestamp


class BadReviewReceived(Event):
    TYPE = "hunan.business_env.review.bad_received"
    TOPIC = "business_env.review"
    KEY = "review_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "A government service got a bad review or a complaint (好差评, Art. 26); investigation and answer are due."
    )

    review_id: str
    service_item: str
    department: str
    division_code: DivisionCode
    rating: int
    complaint: bool
    due: dt.date
    received_at: Timestamp


class ReviewOverdue(Event):
    TYPE = "hunan.business_env.review.overdue"
    TOPIC = "business_env.review"
    KEY = "review_id"
    PRODUCER = "business_env"
    SUMMARY = "A bad review was not investigated and answered by its working-day deadline (Art. 26)."

    review_id: str
    department: str
    division_code: DivisionCode
    due: dt.date
    detected_at: Timestamp


class FairCompetitionFeedbackSent(Event):
    TYPE = "hunan.business_env.fair_competition_report.feedback_sent"
    TOPIC = "business_env.fair_competition_report"
    KEY = "report_id"
    PRODUCER = "business_env"
    PERSONAL_DATA = "none (the reporter by its unified social credit code)"
    SUMMARY = (
        "The body that received a fair-competition report fed its result back (Art. 44); a substantiated report "
        "marks the measure for revision."
    )

    report_id: str
    measure_id: str | None
    division_code: DivisionCode
    mandatory: bool
    substantiated: bool
    on_time: bool
    feedback_on: dt.date


class FairCompetitionReportOverdue(Event):
    TYPE = "hunan.business_env.fair_competition_report.overdue"
    TOPIC = "business_env.fair_competition_report"
    KEY = "report_id"
    PRODUCER = "business_env"
    SUMMARY = "A written fair-competition report with facts was not handled and answered by its deadline (Art. 44)."

    report_id: str
    recipient_body: str
    division_code: DivisionCode
    due: dt.date
    detected_at: Timestamp


class HotlineAppealOverdue(Event):
    TYPE = "hunan.business_env.hotline_appeal.overdue"
    TOPIC = "business_env.hotline_appeal"
    KEY = "appeal_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "An enterprise appeal dispatched by the 12345 enterprise seat was not completed in time (限时办结, Art. 35)."
    )

    appeal_id: str
    ticket_no: str
    dispatched_to: str
    respondent_division_code: DivisionCode
    due: dt.date
    detected_at: Timestamp


class BarrierReportOverdue(Event):
    TYPE = "hunan.business_env.barrier_report.overdue"
    TOPIC = "business_env.barrier_report"
    KEY = "report_id"
    PRODUCER = "business_env"
    SUMMARY = "A market-access barrier report got no recorded response by its due date (Art. 9, R10); announced once."

    report_id: str
    recipient_body: str
    division_code: DivisionCode
    kind: str = Field(description="EXPLICIT or HIDDEN barrier")
    due: dt.date
    detected_at: Timestamp


class EvaluationRectificationOverdue(Event):
    TYPE = "hunan.business_env.evaluation.rectification_overdue"
    TOPIC = "business_env.evaluation"
    KEY = "evaluation_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "Problems of a business-environment evaluation fed back to the regions are still unrectified after the "
        "rectification due date (Art. 6); announced once, naming the regions with open problems."
    )

    evaluation_id: str
    year: int
    division_codes: list[DivisionCode] = Field(description="The regions with problems still open")
    open_problems: int = Field(ge=1)
    rectification_due: dt.date
    detected_at: Timestamp


class ServiceApplicationDueSoon(Event):
    TYPE = "hunan.business_env.service_application.due_soon"
    TOPIC = "business_env.service_application"
    KEY = "application_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "An accepted service application is still open within the warning window before its item's promised time "
        "limit (Art. 26 para 2 预警, R49); announced once."
    )

    application_id: str
    item_code: str
    department: str
    division_code: DivisionCode = Field(description="The handling division")
    accepted_on: dt.date
    due: dt.date
    detected_at: Timestamp


class ServiceApplicationOverdue(Event):
    TYPE = "hunan.business_env.service_application.overdue"
    TOPIC = "business_env.service_application"
    KEY = "application_id"
    PRODUCER = "business_env"
    SUMMARY = (
        "An accepted service application was not decided within its item's promised time limit (Art. 26 para 2 "
        "纠错, R49); announced once."
    )

    application_id: str
    item_code: str
    department: str
    division_code: DivisionCode = Field(description="The handling division")
    accepted_on: dt.date
    due: dt.date
    detected_at: Timestamp


CATALOGUE: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        DisasterDeclared,
        DisasterLevelChanged,
        DisasterDivisionsExtended,
        DisasterClosed,
        WarningIssued,
        WarningUpdated,
        WarningCancelled,
        WarningExpired,
        HiddenDangerOverdue,
        SuppliesRequested,
        AssistanceOpened,
        AssistanceFirstContactOverdue,
        AccessibilityNeedsSummarized,
        DibaoGradualExitEnded,
        PayrollCompleted,
        DispatchPlanned,
        DispatchShipped,
        DispatchDelivered,
        ReplenishmentRequested,
        SupplyShortfallEscalated,
        ReliefProvided,
        ReliefOverdue,
        TipOffReceived,
        TipOffResolved,
        DrillHeld,
        DrillDue,
        CampaignLaunched,
        CampaignUpdated,
        CampaignClosed,
        ContentPublished,
        CampaignPublicationOverdue,
        MuseumSubsidyClaimed,
        TransplantApproved,
        TreeRecognised,
        TreeReportOverdue,
        TreeInspectionOverdue,
        TreePatrolDue,
        TransplantExecuted,
        PenaltyDecided,
        CustodianAssigned,
        SubsidyGranted,
        UtilisationRegistered,
        EmergencyExpenditureRecorded,
        InspectionTaskSampled,
        InspectionResultsPublished,
        PolicyPublished,
        BenefitGranted,
        StartupCompleted,
        StartupOverdue,
        DeregistrationCompleted,
        CommitmentFoundFalse,
        CommitmentVerificationOverdue,
        DepositRefundOverdue,
        ProjectAccepted,
        InspectionPublicationOverdue,
        ComplaintOverdue,
        ComplaintClosed,
        LeadTransferred,
        ContractPaymentOverdue,
        EvaluationFedBack,
        BadReviewReceived,
        ReviewOverdue,
        FairCompetitionFeedbackSent,
        FairCompetitionReportOverdue,
        HotlineAppealOverdue,
        BarrierReportOverdue,
        EvaluationRectificationOverdue,
        ServiceApplicationDueSoon,
        ServiceApplicationOverdue,
        BudgetApproved,
        BudgetAdjusted,
        DisclosureOverdue,
        CarryoverSwept,
        ControlBreached,
        ResponsibilityMatrixPublished,
    )
}

TOPICS: tuple[str, ...] = tuple(sorted({cls.TOPIC for cls in CATALOGUE.values()}))


def event_class(event_type: str) -> type[Event]:
    return CATALOGUE[event_type]
