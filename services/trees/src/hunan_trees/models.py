"""Database tables of the trees service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from hunan_shared.db import PlatformTables, new_registry, timestamp_field
from hunan_shared.money import money_column

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Tree(Table, table=True):
    """One registered ancient or famous tree 古树名木 — the head record of its file (一树一档, Art. 14)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_no: str | None = Field(
        default=None, max_length=40, unique=True, description="Protection-sign number 编号 (Art. 22)"
    )
    species: str = Field(max_length=100)
    species_latin: str | None = Field(default=None, max_length=100)
    age_years: int = Field(description="Appraised age 树龄 in whole years")
    is_famous: bool = Field(description="名木 finding of the appraisal (Art. 3)")
    famous_basis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    in_urban_planning_area: bool
    art35_reference: bool = Field(default=False, description="80–99 years, protected by reference (Art. 35)")
    grade: str | None = Field(default=None, max_length=10, index=True)
    protection_level: str | None = Field(default=None, max_length=10)
    recognising_level: str | None = Field(default=None, max_length=10)
    division_code: str = Field(max_length=6, index=True, description="County-level GB/T 2260 code")
    latitude: float
    longitude: float
    land_use: str | None = Field(default=None, max_length=40)
    privately_owned: bool = False
    property_managed: bool | None = None
    in_subdistrict: bool | None = None
    custodian_category: str = Field(max_length=40)
    custodian_name: str | None = Field(default=None, max_length=200)
    status: str = Field(max_length=20, index=True)
    created_at: dt.datetime = timestamp_field()
    origin: str = Field(
        default="IMPORTED", max_length=20, description="RECOGNITION (W1 here) or IMPORTED (recognised elsewhere)"
    )
    recognition_ref: str | None = Field(default=None, max_length=200, description="Recognition/publication document")
    recognised_on: dt.date | None = None


class HabitatZone(Table, table=True):
    """The habitat protection zone 生境保护范围 of one tree (Art. 23), WGS84 WKT plus its bounding box."""

    __table_args__ = (Index("ix_habitat_zone_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),)

    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    crown_radius_m: float | None = None
    crown_wkt: str | None = Field(
        default=None, sa_column=Column(Text, nullable=True), description="Crown projection when given as a polygon"
    )
    margin_m: float
    geometry_wkt: str = Field(sa_column=Column(Text, nullable=False))
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float
    delineated_at: dt.datetime = timestamp_field()


class Inspection(Table, table=True):
    """A post-disaster inspection 灾后巡查 of one registered tree, at most one per disaster and tree."""

    disaster_id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    division_code: str = Field(max_length=6, index=True)
    hazard: str = Field(max_length=60)
    status: str = Field(max_length=20, index=True)
    scheduled_at: dt.datetime = timestamp_field()
    due_on: dt.date
    due_provisional: bool = Field(description="Due date relied on an unpublished holiday calendar")


class TransplantApplication(Table, table=True):
    """An application for nearby protective transplanting 移植申请 (Arts. 26–28)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    ground: str = Field(max_length=40)
    facts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applicant: str = Field(max_length=200, description="Applicant organisation 申请移植单位")
    plan_summary: str = Field(sa_column=Column(Text, nullable=False))
    target_latitude: float
    target_longitude: float
    estimated_cost: Decimal = Field(sa_column=money_column())
    funding_secured: bool
    state: str = Field(max_length=20, index=True)
    cost_bearer: str | None = Field(default=None, max_length=40)
    expert_review_ref: str | None = Field(default=None, max_length=200)
    consultation_mode: str | None = Field(default=None, max_length=20)
    consultation_closed_on: dt.date | None = None
    decision_ref: str | None = Field(default=None, max_length=200)
    submitted_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)


# --- Recognition (W1, Arts. 11–15) and the archive (Arts. 14, 22) -----------------------------------------


class Census(Table, table=True):
    """A county's ancient and famous tree resource census 古树名木资源普查 (Art. 11)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    started_on: dt.date
    completed_on: dt.date | None = None
    organised_by: str = Field(max_length=200)
    trees_found: int | None = None
    created_at: dt.datetime = timestamp_field()


class Candidate(Table, table=True):
    """A tree on its way to recognition (W1): site facts, the latest appraisal, notice and recognition file."""

    id: str = Field(primary_key=True, max_length=36)
    source: str = Field(max_length=20)
    census_id: str | None = Field(default=None, foreign_key="census.id", max_length=36)
    reporter: str | None = Field(default=None, max_length=200, description="Reporting unit or person (Art. 15)")
    division_code: str = Field(max_length=6, index=True)
    state: str = Field(max_length=24, index=True)
    site: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    appraisal_round: int = 0
    age_years: int | None = None
    is_famous: bool | None = None
    famous_basis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    grade: str | None = Field(default=None, max_length=10)
    recognising_level: str | None = Field(default=None, max_length=10)
    notice_published_on: dt.date | None = None
    notice_ends_on: dt.date | None = None
    at_level: str | None = Field(default=None, max_length=10, description="Government now holding the file")
    tree_id: str | None = Field(default=None, max_length=36)
    created_at: dt.datetime = timestamp_field()


class CandidateStep(Table, table=True):
    """One recorded step of a candidate's recognition: when, who, on what basis (W1)."""

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: str = Field(foreign_key="candidate.id", max_length=36, index=True)
    step: str = Field(max_length=40)
    from_state: str = Field(max_length=24)
    to_state: str = Field(max_length=24)
    at: dt.datetime = timestamp_field()
    on_date: dt.date = Field(description="Date of the act (appraisal date, notice date, decision date …)")
    actor: str = Field(max_length=200, description="Acting body as stated, e.g. 岳麓区林业局")
    recorded_by: str = Field(max_length=200, description="Authenticated subject who recorded the step")
    document_ref: str | None = Field(default=None, max_length=200)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    basis: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Objection(Table, table=True):
    """An objection 异议 to an appraisal result under public notice (Art. 12 para 2)."""

    id: str = Field(primary_key=True, max_length=36)
    candidate_id: str = Field(foreign_key="candidate.id", max_length=36, index=True)
    appraisal_round: int
    filer: str = Field(max_length=200)
    grounds: str = Field(sa_column=Column(Text, nullable=False))
    filed_on: dt.date
    outcome: str | None = Field(default=None, max_length=24)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decided_on: dt.date | None = None


class TreeVersion(Table, table=True):
    """One version of a tree's archive (一树一档, Art. 14): who changed what, when, why and on what basis."""

    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    version: int = Field(primary_key=True)
    at: dt.datetime = timestamp_field()
    actor: str = Field(max_length=200)
    action: str = Field(max_length=60)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    basis: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ProtectionSign(Table, table=True):
    """A protection sign 古树名木保护牌 with its province-wide number (Art. 22)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    sign_no: str = Field(max_length=40, index=True)
    installed_on: dt.date
    installed_by: str = Field(max_length=200)
    content: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    replaced_on: dt.date | None = None


class ProtectionFacility(Table, table=True):
    """A protection facility 保护设施 around a tree (Art. 22)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=30)
    installed_on: dt.date
    installed_by: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=500)
    removed_on: dt.date | None = None


class Attachment(Table, table=True):
    """Metadata of a photo or document in a tree's archive 图文信息档案 (Art. 14); the file lives elsewhere."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    media_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    uri: str = Field(max_length=500)
    taken_on: dt.date | None = None
    added_by: str = Field(max_length=200)
    added_at: dt.datetime = timestamp_field()


# --- lifecycle: abnormality and death reports, habitat-zone reductions, damage claims, transplant execution,
# felling and violations (W2–W5, W8; Arts. 18–19, 23–30, 33) -------------------------------------------------


class AbnormalityReport(Table, table=True):
    """A report of an abnormality 异常情况 (Arts. 18–19) or of a suspected death 疑似死亡 (Art. 29) of one tree."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    kind: str = Field(max_length=20, description="ABNORMALITY (Art. 19) or SUSPECTED_DEATH (Art. 29)")
    abnormality_type: str | None = Field(default=None, max_length=40)
    description: str = Field(sa_column=Column(Text, nullable=False))
    reporter: str = Field(max_length=200)
    received_at: dt.datetime = timestamp_field()
    due_on: dt.date = Field(index=True, description="Handling (Art. 19) or appraisal (Art. 29) deadline")
    due_provisional: bool
    state: str = Field(max_length=20, index=True)
    overdue: bool = Field(default=False, description="The deadline passed with no handling action or appraisal")
    overdue_at: dt.datetime | None = timestamp_field(nullable=True)
    acted_at: dt.datetime | None = timestamp_field(nullable=True)
    acted_on_time: bool | None = None
    handling: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    closed_at: dt.datetime | None = timestamp_field(nullable=True)


class HabitatReduction(Table, table=True):
    """A request to shrink a habitat protection zone below 5 m (Art. 23 para 2), decided by the recognising level."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    current_margin_m: float
    proposed_margin_m: float
    reason: str = Field(sa_column=Column(Text, nullable=False))
    approver_level: str = Field(max_length=10, description="Government that recognised the tree (Arts. 13, 23)")
    state: str = Field(max_length=20, index=True)
    decided_by_level: str | None = Field(default=None, max_length=10)
    decision_ref: str | None = Field(default=None, max_length=200)
    requested_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)


class DamageClaim(Table, table=True):
    """Rejuvenation and maintenance costs claimed from a construction unit that damaged a tree (Art. 25 para 3)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    construction_unit: str = Field(max_length=200)
    project_ref: str = Field(max_length=200)
    damage_found_on: dt.date
    damage_description: str = Field(sa_column=Column(Text, nullable=False))
    rejuvenation_cost: Decimal = Field(sa_column=money_column())
    maintenance_cost: Decimal = Field(sa_column=money_column())
    state: str = Field(max_length=20, index=True)
    claimed_at: dt.datetime = timestamp_field()
    settled_on: dt.date | None = None


class TransplantExecution(Table, table=True):
    """The execution of an approved transplant (Art. 28) and the start of its five-year aftercare."""

    application_id: str = Field(primary_key=True, foreign_key="transplantapplication.id", max_length=36)
    executed_on: dt.date
    latitude: float
    longitude: float
    from_latitude: float
    from_longitude: float
    aftercare_until: dt.date
    recorded_at: dt.datetime = timestamp_field()


class AftercareCheck(Table, table=True):
    """The yearly check of a transplanted tree during its five years of aftercare (Art. 28)."""

    application_id: str = Field(primary_key=True, foreign_key="transplantapplication.id", max_length=36)
    year: int = Field(primary_key=True, description="Aftercare year 1–5")
    due_on: dt.date
    checked_on: dt.date | None = None
    condition: str | None = Field(default=None, max_length=20)
    findings: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recorded_at: dt.datetime | None = timestamp_field(nullable=True)


class FellingApplication(Table, table=True):
    """An application to fell a tree on a ground of Art. 30, approved by the authority other law designates."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    ground: str = Field(max_length=40)
    facts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applicant: str = Field(max_length=200)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    approving_authority: str = Field(max_length=200)
    state: str = Field(max_length=20, index=True)
    decision_ref: str | None = Field(default=None, max_length=200)
    submitted_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)
    felled_on: dt.date | None = None


class ViolationCase(Table, table=True):
    """A case of a prohibited act (Art. 24) against a tree and its decision (Art. 33)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    act: str = Field(max_length=40)
    act_on: dt.date
    inside_habitat_zone: bool
    description: str = Field(sa_column=Column(Text, nullable=False))
    offender: str = Field(max_length=200)
    state: str = Field(max_length=30, index=True)
    other_law_ref: str | None = Field(default=None, max_length=200)
    orders: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    restore_by: dt.date | None = None
    fine_cny: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    decision_ref: str | None = Field(default=None, max_length=200)
    opened_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)


class ArchiveCancellation(Table, table=True):
    """The cancellation of a dead or felled tree's archive by the department at its grade level (Art. 29)."""

    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    department_level: str = Field(max_length=10)
    decision_ref: str = Field(max_length=200)
    previous_status: str = Field(max_length=20)
    cancelled_at: dt.datetime = timestamp_field()


class InspectionResult(Table, table=True):
    """The result of a post-disaster inspection (flow 3; Arts. 18–19 by analogy)."""

    disaster_id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(primary_key=True, max_length=36)
    completed_on: dt.date
    on_time: bool
    damage_found: bool
    findings: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: dt.datetime = timestamp_field()


# --- Custodians (Arts. 16–17, 21), participation and use (Arts. 8, 9, 31, 32) -------------------------------


class CustodianAssignment(Table, table=True):
    """Who is the custodian 养护责任人 of a tree, from when to when, and who determined it (Art. 16, W9).

    A construction-unit assignment (16(9)) is bounded by the construction period and overrides the land-use
    assignment during it; `state` is ACTIVE, DISPUTED (until the county department decides) or SUPERSEDED."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    category: str = Field(max_length=40)
    party: str = Field(max_length=200, description="The party the category names (Art. 16 item)")
    party_name: str | None = Field(default=None, max_length=200)
    determined_by: str = Field(max_length=30, description="RULE or COUNTY_DEPT_DECISION")
    project_ref: str | None = Field(default=None, max_length=100)
    valid_from: dt.date
    valid_to: dt.date | None = None
    state: str = Field(max_length=20, index=True)
    dispute_reason: str | None = Field(default=None, max_length=2000)
    decision_ref: str | None = Field(default=None, max_length=200)
    decided_by_division: str | None = Field(default=None, max_length=6)
    created_at: dt.datetime = timestamp_field()


class CustodianAgreement(Table, table=True):
    """A custodian agreement 养护责任书 recording the duties of Art. 18 accepted by the assigned custodian."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    assignment_id: str = Field(foreign_key="custodianassignment.id", max_length=36)
    custodian_name: str = Field(max_length=200)
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = None
    duties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()


class CustodianTraining(Table, table=True):
    """Free maintenance training or technical guidance for custodians (Art. 17)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True, description="Organising department's division")
    held_on: dt.date
    kind: str = Field(max_length=20, description="TRAINING or GUIDANCE")
    topic: str = Field(max_length=500)
    fee_cny: Decimal = Field(sa_column=money_column())
    tree_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attendees: int
    created_at: dt.datetime = timestamp_field()


class MaintenanceSubsidy(Table, table=True):
    """A maintenance subsidy 养护补助 to a tree's custodian with the three inputs of Art. 21."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    assignment_id: str = Field(foreign_key="custodianassignment.id", max_length=36)
    custodian_name: str | None = Field(default=None, max_length=200)
    granting_division: str = Field(max_length=6)
    year: int
    grade: str | None = Field(default=None, max_length=10)
    is_famous: bool
    condition: str = Field(max_length=10)
    expenditure_cny: Decimal = Field(sa_column=money_column())
    amount_cny: Decimal = Field(sa_column=money_column())
    decision_ref: str = Field(max_length=200)
    granted_at: dt.datetime = timestamp_field()


class Sponsorship(Table, table=True):
    """A donation 捐资 or adoption 认养 of a tree, with an optional limited-term naming right (Art. 8, W11)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=10)
    sponsor_type: str = Field(max_length=12)
    sponsor_name: str = Field(max_length=200)
    amount_cny: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    adoption_from: dt.date | None = None
    adoption_to: dt.date | None = None
    naming_from: dt.date | None = None
    naming_to: dt.date | None = None
    naming_text: str | None = Field(default=None, max_length=100)
    planting_credit: bool = False
    state: str = Field(max_length=12, index=True)
    decision_ref: str | None = Field(default=None, max_length=200)
    applied_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)


class UtilisationActivity(Table, table=True):
    """A registered use of a tree's resources under the department's supervision (Art. 32)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=30)
    operator: str = Field(max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    inside_habitat_zone: bool
    supervising_branch: str = Field(max_length=20)
    starts_on: dt.date
    ends_on: dt.date | None = None
    registered_at: dt.datetime = timestamp_field()


class InsurancePolicy(Table, table=True):
    """An insurance policy a county-or-above government bought for trees of its area (Art. 31)."""

    id: str = Field(primary_key=True, max_length=36)
    policy_no: str = Field(max_length=60, unique=True)
    division_code: str = Field(max_length=6, index=True, description="The insuring government's division")
    insurer: str = Field(max_length=200)
    starts_on: dt.date
    ends_on: dt.date
    premium_cny: Decimal = Field(sa_column=money_column())
    sum_insured_cny: Decimal = Field(sa_column=money_column())
    tree_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    registered_at: dt.datetime = timestamp_field()


class InsuredTree(Table, table=True):
    """Which trees a policy covers (for the per-tree lookup)."""

    policy_id: str = Field(primary_key=True, foreign_key="insurancepolicy.id", max_length=36)
    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36, index=True)


class PublicReport(Table, table=True):
    """A report 举报 from a unit or individual about damage to a tree, its sign or facilities (Art. 9)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str | None = Field(default=None, foreign_key="tree.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    subject: str = Field(max_length=10)
    act: str | None = Field(default=None, max_length=40)
    description: str = Field(sa_column=Column(Text, nullable=False))
    latitude: float
    longitude: float
    routed_to: str = Field(max_length=20)
    branch: str = Field(max_length=20)
    state: str = Field(max_length=12, index=True)
    outcome: str | None = Field(default=None, max_length=2000)
    received_at: dt.datetime = timestamp_field()
    closed_at: dt.datetime | None = timestamp_field(nullable=True)


# Longitude extent of a zone's bounding box, indexed so the habitat check can find the few wide zones without a
# scan (see use_cases/habitat_index.py).
HABITAT_LON_SPAN = HabitatZone.__table__.c.max_lon - HabitatZone.__table__.c.min_lon  # type: ignore[attr-defined]
Index("ix_habitat_zone_lon_span", HABITAT_LON_SPAN)


class TreePatrol(Table, table=True):
    """A regular patrol (定期巡查) or professional maintenance (专业养护) of a tree (Art. 20)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", index=True, max_length=36)
    kind: str = Field(max_length=20, description="PATROL or MAINTENANCE")
    provider: str = Field(max_length=20, description="EXPERTS, TECHNICAL_STAFF or PURCHASED_SERVICE")
    performed_by: str = Field(max_length=200, description="Experts, technicians or the service provider")
    contract_ref: str | None = Field(default=None, max_length=200, description="Service contract (购买服务)")
    organising_division: str = Field(max_length=6, description="Department (county or above) that organised it")
    performed_on: dt.date = Field(index=True)
    findings: str = Field(max_length=4000)
    recorded_by: str = Field(max_length=200)
    recorded_at: dt.datetime = timestamp_field()


class PatrolDueNotice(Table, table=True):
    """One announcement of an overdue patrol per tree and due date (job `patrol-due`)."""

    tree_id: str = Field(foreign_key="tree.id", primary_key=True, max_length=36)
    due_on: dt.date = Field(primary_key=True)
    announced_at: dt.datetime = timestamp_field()
