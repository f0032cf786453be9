"""Database tables of the business_env service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hunan_shared.db import PlatformTables, new_registry, timestamp_field
from hunan_shared.money import money_column

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Complaint(Table, table=True):
    """A complaint or report about damage to the business environment 损害营商环境投诉举报 (Art. 50, W1)."""

    id: str = Field(primary_key=True, max_length=36)
    source: str = Field(max_length=20)
    complainant: str = Field(max_length=200, description="Complaining market entity or person (name only)")
    respondent: str = Field(max_length=200)
    respondent_division_code: str = Field(max_length=6, index=True, description="Handled by that division (R99)")
    allegation: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(max_length=20, index=True)
    received_on: dt.date
    handling_due: dt.date
    handling_due_provisional: bool
    feedback_due: dt.date | None = None
    feedback_due_provisional: bool | None = None
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    substantiated: bool | None = None
    misconduct_found: bool = False
    transferred: bool = False
    transferred_to: str | None = Field(default=None, max_length=200, description="纪检监察机关 (Art. 51)")
    evaluation_due: dt.date | None = Field(default=None, description="Last day for the complainant's rating")
    evaluation_due_provisional: bool | None = None
    procedure_rating: int | None = None
    result_rating: int | None = None
    created_at: dt.datetime = timestamp_field()
    closed_at: dt.datetime | None = timestamp_field(nullable=True)
    overdue_announced_for: dt.date | None = Field(
        default=None, description="The deadline whose lapse was last announced (once per deadline)"
    )
    practice: str | None = Field(
        default=None, max_length=40, index=True, description="Reported conduct practice (MONITOR rules, Practice)"
    )
    rule: str | None = Field(default=None, max_length=4, index=True, description="Rule id of the practice (R16 …)")


class LedgerEntry(Table, table=True):
    """One append-only entry of a complaint's ledger (建账 / 记账 / 销账)."""

    __table_args__ = (UniqueConstraint("complaint_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: str = Field(foreign_key="complaint.id", max_length=36, index=True)
    seq: int
    kind: str = Field(max_length=20)
    method: str | None = Field(default=None, max_length=30)
    note: str = Field(sa_column=Column(Text, nullable=False))
    state_after: str = Field(max_length=20)
    actor: str = Field(max_length=200)
    recorded_at: dt.datetime = timestamp_field()


class EngineeringProject(Table, table=True):
    """An engineering construction project 工程建设项目 (Art. 28) and its trees habitat check (W14)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    builder: str = Field(max_length=200, description="Construction unit 建设单位")
    division_code: str = Field(max_length=6, index=True)
    tier: str = Field(max_length=20)
    stage: str = Field(max_length=30)
    footprint: dict = Field(sa_column=Column(JSON, nullable=False))
    avoidable: bool
    tree_check_outcome: str = Field(max_length=30, index=True)
    tree_check_reason: str = Field(max_length=500)
    tree_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tree_check_basis: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tree_measure: str = Field(max_length=30)
    tree_checked_at: dt.datetime = timestamp_field()
    project_type: str | None = Field(default=None, max_length=200, description="Type on the planning-permit list")
    planning_permit_mode: str | None = Field(
        default=None, max_length=20, description="REVIEW / COMMITMENT / EXEMPT at registration (Art. 28 para 4, R57)"
    )
    planning_review_elements: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    accepted_on: dt.date | None = Field(default=None, description="Completion acceptance 竣工验收 of the main works")
    accessibility_missing: list[str] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True), description="三同步 steps not in step at acceptance"
    )
    created_at: dt.datetime = timestamp_field()


class Enterprise(Table, table=True):
    """A market entity 市场主体 known to the service: the random-inspection pool (Arts. 37, 39) and the profile that
    pro-enterprise policies are matched against (Art. 14)."""

    id: str = Field(primary_key=True, max_length=36)
    credit_code: str = Field(max_length=18, unique=True, description="Unified social credit code 统一社会信用代码")
    name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    credit_class: str = Field(max_length=20)
    risk_level: str = Field(max_length=20)
    key_supervision: bool = Field(description="Special industry under full-coverage key supervision (Art. 39 para 2)")
    industry: str = Field(max_length=1, description="GB/T 4754 section letter (A–T)")
    size: str = Field(max_length=10, description="MICRO / SMALL / MEDIUM / LARGE")
    established_on: dt.date
    employees: int
    private: bool = Field(description="Privately owned (民营); never a ground to exclude from a policy (Art. 7)")
    high_tech: bool = False
    new_economy: bool = Field(
        default=False, description="New technology, industry, format or model 四新 (Art. 38 inclusive supervision)"
    )
    created_at: dt.datetime = timestamp_field()


class Inspector(Table, table=True):
    """A law-enforcement inspector in the pool 执法检查人员名录库, with declared conflicts of interest (回避)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=100)
    department: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    certificate_no: str = Field(max_length=40, unique=True, description="Enforcement certificate 执法证号")
    conflicts: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False), description="Credit codes to keep away from"
    )
    created_at: dt.datetime = timestamp_field()


class InspectionPlan(Table, table=True):
    """An annual joint random-inspection plan 部门联合抽查年度工作计划 (Art. 39)."""

    __table_args__ = (UniqueConstraint("division_code", "year"),)

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    year: int
    departments: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()


class InspectionTask(Table, table=True):
    """A random-inspection task 抽查任务 of a plan: draw, completion, publication within 20 working days."""

    id: str = Field(primary_key=True, max_length=36)
    plan_id: str = Field(foreign_key="inspectionplan.id", max_length=36, index=True)
    department: str = Field(max_length=200)
    items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    division_code: str = Field(max_length=6, index=True, description="Entities of this division are in the draw")
    sample_size: int
    inspectors_per_entity: int
    state: str = Field(max_length=20, index=True)
    draw_record: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    excluded: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    drawn_at: dt.datetime | None = timestamp_field(nullable=True)
    completed_on: dt.date | None = None
    publish_due: dt.date | None = None
    publish_due_provisional: bool | None = None
    published_on: dt.date | None = None
    results_summary: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    withheld_basis: str | None = Field(default=None, max_length=500)
    overdue_announced: bool = Field(default=False, description="The lapse of publish_due has been announced")
    created_at: dt.datetime = timestamp_field()


class Policy(Table, table=True):
    """A pro-enterprise policy 惠企政策 of the published list, with its ten elements (Art. 14) and machine-readable
    eligibility criteria."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True, description="Enterprises of this division are matched")
    implementing_department: str = Field(max_length=200)
    policy_basis: str = Field(max_length=500)
    policy_period: str = Field(max_length=200)
    application_conditions: str = Field(sa_column=Column(Text, nullable=False))
    materials: str = Field(sa_column=Column(Text, nullable=False))
    procedure: str = Field(sa_column=Column(Text, nullable=False))
    completion_time_limit: str = Field(max_length=200)
    consultation_channel: str = Field(max_length=200)
    redemption_form: str = Field(max_length=200)
    supervision_channel: str = Field(max_length=200)
    mode: str = Field(max_length=20, description="NO_APPLICATION (免予申报、直接享受) or APPLICATION")
    valid_from: dt.date
    valid_to: dt.date
    criteria: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_at: dt.datetime = timestamp_field()
    benefit: str | None = Field(default=None, max_length=40, index=True)  # Arts. 11–12 instrument or service
    collateral: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


class Entitlement(Table, table=True):
    """A policy matched to an enterprise: granted without application, or pushed to it to apply (Art. 14)."""

    __table_args__ = (UniqueConstraint("policy_id", "enterprise_id"),)

    id: int | None = Field(default=None, primary_key=True)
    policy_id: str = Field(foreign_key="policy.id", max_length=36, index=True)
    enterprise_id: str = Field(foreign_key="enterprise.id", max_length=36, index=True)
    status: str = Field(max_length=20, description="GRANTED (免申即享) or PUSHED (notified to apply)")
    explanation: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    matched_at: dt.datetime = timestamp_field()


# --- procedures for enterprises (W4, W5, W6, W8) -------------------------------------------------------------


class StartupCase(Table, table=True):
    """An enterprise start-up handled as one matter 企业开办一件事 (Art. 10, W5): one form, six items, one delivery."""

    id: str = Field(primary_key=True, max_length=36)
    enterprise_name: str = Field(max_length=200, description="Name of the enterprise being established")
    credit_code: str | None = Field(default=None, max_length=18, description="Known once registration is done")
    division_code: str = Field(max_length=6, index=True)
    form: dict = Field(sa_column=Column(JSON, nullable=False), description="The one set of forms (一套表单)")
    state: str = Field(max_length=20, index=True)
    items: dict = Field(sa_column=Column(JSON, nullable=False), description="Item → {state, on, note}")
    submitted_on: dt.date
    due: dt.date
    due_provisional: bool
    materials_requested: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    completed_on: dt.date | None = None
    delivered_on: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class Deregistration(Table, table=True):
    """An application for simplified deregistration 简易注销 (Art. 20, W6)."""

    id: str = Field(primary_key=True, max_length=36)
    credit_code: str = Field(max_length=18, index=True)
    enterprise_name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    checklist: dict = Field(sa_column=Column(JSON, nullable=False))
    investors: int
    commitments_signed: int
    state: str = Field(max_length=20, index=True)
    reason: str = Field(max_length=500)
    applied_on: dt.date
    notice_until: dt.date | None = None
    objection: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    deregistered_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class CommitmentCase(Table, table=True):
    """A matter handled by notification-commitment 告知承诺 (Art. 32, W4), or sent to the standard procedure."""

    id: str = Field(primary_key=True, max_length=36)
    applicant_credit_code: str = Field(max_length=18, index=True)
    division_code: str = Field(max_length=6, index=True)
    department: str = Field(max_length=200)
    matter: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    high_risk: bool
    correctable_afterwards: bool
    state: str = Field(max_length=20, index=True)
    reason: str = Field(max_length=500)
    applied_on: dt.date
    verify_due: dt.date | None = None
    verify_due_provisional: bool | None = None
    verified_on: dt.date | None = None
    finding: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    sanctions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    rectify_by: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class CreditRecord(Table, table=True):
    """A bad-credit entry this service made: a false commitment (Art. 32 para 3), until the credit is repaired."""

    id: str = Field(primary_key=True, max_length=36)
    credit_code: str = Field(max_length=18, index=True)
    kind: str = Field(max_length=30)
    commitment_id: str = Field(foreign_key="commitmentcase.id", max_length=36)
    recorded_on: dt.date
    repaired_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class FeeItem(Table, table=True):
    """An item of the enterprise fee catalogue 涉企收费目录清单 (Art. 15), with its standard, scope and validity."""

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    department: str = Field(max_length=200)
    standard: Decimal = Field(sa_column=money_column())
    unit: str = Field(max_length=40)
    scope: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    legal_basis: str = Field(max_length=500)
    valid_from: dt.date
    valid_to: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class FeeCharge(Table, table=True):
    """A charge levied on an enterprise, accepted only against a catalogue item valid that day (Art. 15)."""

    id: str = Field(primary_key=True, max_length=36)
    fee_item_id: str = Field(foreign_key="feeitem.id", max_length=36, index=True)
    payer_credit_code: str = Field(max_length=18, index=True)
    department: str = Field(max_length=200)
    matter: str = Field(max_length=200)
    amount: Decimal = Field(sa_column=money_column())
    charged_on: dt.date
    created_at: dt.datetime = timestamp_field()


class Deposit(Table, table=True):
    """An enterprise deposit 涉企保证金 (Art. 15, W8): its form, and its return within the prescribed time."""

    id: str = Field(primary_key=True, max_length=36)
    credit_code: str = Field(max_length=18, index=True)
    division_code: str = Field(max_length=6, index=True)
    kind: str = Field(max_length=100, description="e.g. 投标保证金, 履约保证金, 工程质量保证金")
    holder_department: str = Field(max_length=200)
    amount: Decimal = Field(sa_column=money_column())
    form: str = Field(max_length=30)
    rules_ref: str = Field(max_length=500, description="The rules that prescribe the forms and the return time")
    refund_working_days: int
    state: str = Field(max_length=20, index=True)
    posted_on: dt.date
    released_on: dt.date | None = None
    release_cause: str | None = Field(default=None, max_length=500)
    refund_due: dt.date | None = None
    refund_due_provisional: bool | None = None
    refunded_on: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


# --- oversight (Arts. 6, 19, 26, 35, 44): reviews of measures, reports, commitments, evaluations, 好差评, 12345 ---


class PolicyMeasure(Table, table=True):
    """A rule, normative document, policy document or case-by-case measure on market entities, reviewed before it is
    issued: legality review (合法性审核) and fair-competition review (公平竞争审查), Art. 44 paras 1–2."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=300)
    drafting_agency: str = Field(max_length=200, description="制定机关")
    division_code: str = Field(max_length=6, index=True)
    kind: str = Field(max_length=30)
    affects_rights_obligations: bool
    economic_topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    market_access_negative_list: bool = False
    required_reviews: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reviews: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: str = Field(max_length=20, index=True)
    issued_on: dt.date | None = None
    reported_by: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False), description="Substantiated report ids"
    )
    created_at: dt.datetime = timestamp_field()


class FairCompetitionReport(Table, table=True):
    """A market entity's report that a measure affects fair competition 公平竞争举报 (Art. 44 para 3, W9)."""

    id: str = Field(primary_key=True, max_length=36)
    measure_id: str | None = Field(default=None, foreign_key="policymeasure.id", max_length=36, index=True)
    measure_title: str = Field(max_length=300)
    recipient: str = Field(max_length=30)
    recipient_body: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    reporter_credit_code: str = Field(max_length=18)
    allegation: str = Field(sa_column=Column(Text, nullable=False))
    written: bool
    facts_provided: bool
    mandatory: bool
    received_on: dt.date
    due: dt.date | None = None
    due_provisional: bool | None = None
    state: str = Field(max_length=30, index=True)
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    substantiated: bool | None = None
    handled_on: dt.date | None = None
    feedback_on: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class GovCommitment(Table, table=True):
    """A government's policy commitment or contract with a market entity 政策承诺、政府合同 (Art. 19, W12)."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=20)
    government_body: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    counterpart_credit_code: str = Field(max_length=18, index=True)
    counterpart: str = Field(max_length=200)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    authority_basis: str = Field(max_length=500, description="Statutory authority for the commitment (Art. 19(1))")
    signed_on: dt.date
    state: str = Field(max_length=20, index=True)
    risks: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    changes: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()


class CommitmentPayment(Table, table=True):
    """One payment a government owes under a commitment or contract (Art. 19(5): no default)."""

    __table_args__ = (UniqueConstraint("commitment_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: str = Field(foreign_key="govcommitment.id", max_length=36, index=True)
    seq: int
    category: str = Field(max_length=10, description="GOODS / WORKS / SERVICES (货物、工程、服务款项)")
    amount: Decimal = Field(sa_column=money_column(), description="CNY")
    due_on: dt.date = Field(index=True)
    paid_on: dt.date | None = None
    overdue_announced: bool = False


class Evaluation(Table, table=True):
    """A business-environment evaluation 营商环境评价 organised by the province (Art. 6, W3)."""

    id: str = Field(primary_key=True, max_length=36)
    year: int
    organiser: str = Field(max_length=200)
    organiser_level: str = Field(max_length=20)
    indicator_set: str = Field(max_length=200)
    regions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: str = Field(max_length=30, index=True)
    evaluator: str | None = Field(default=None, max_length=200)
    problems: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    approval_ref: str | None = Field(default=None, max_length=200)
    approved_on: dt.date | None = None
    fed_back_on: dt.date | None = None
    rectification_due: dt.date | None = None
    rectification_due_provisional: bool | None = None
    rectification_overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class ServiceReview(Table, table=True):
    """A good/bad review of a government service 好差评 (Art. 26 para 3, W10)."""

    id: str = Field(primary_key=True, max_length=36)
    service_item: str = Field(max_length=200)
    department: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    channel: str = Field(max_length=20)
    rating: int
    complaint: bool
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    rated_on: dt.date
    state: str = Field(max_length=30, index=True)
    due: dt.date | None = None
    due_provisional: bool | None = None
    finding: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    substantiated: bool | None = None
    rectification: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    feedback: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    closed_on: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class HotlineAppeal(Table, table=True):
    """An enterprise appeal taken at the 12345 enterprise seat 企业专席 (Art. 35, W11)."""

    id: str = Field(primary_key=True, max_length=36)
    ticket_no: str = Field(max_length=40, unique=True, description="The hotline's work-order number 工单号")
    received_at: dt.datetime = timestamp_field()
    enterprise_credit_code: str = Field(max_length=18, index=True)
    enterprise: str = Field(max_length=200)
    category: str = Field(max_length=30)
    content: str = Field(sa_column=Column(Text, nullable=False))
    respondent: str = Field(max_length=200)
    respondent_division_code: str = Field(max_length=6, index=True)
    damages_business_environment: bool
    route: str = Field(max_length=30)
    complaint_id: str | None = Field(default=None, foreign_key="complaint.id", max_length=36, index=True)
    dispatched_to: str | None = Field(default=None, max_length=200)
    state: str = Field(max_length=20, index=True)
    handling_due: dt.date
    handling_due_provisional: bool
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    rating: int | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()


class SupervisionItem(Table, table=True):
    """An item of the supervision-item catalogue 监管事项目录清单 (Art. 36; R75); published only when complete."""

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    supervising_body: str | None = Field(default=None, max_length=200)
    supervised_object: str | None = Field(default=None, max_length=500)
    measures: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    legal_basis: str | None = Field(default=None, max_length=500)
    handling: str | None = Field(default=None, max_length=500)
    published_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()


class DiscretionBenchmark(Table, table=True):
    """A discretion benchmark 行政裁量权基准 (Art. 42; R84, R85) with its no-penalty and lenient lists."""

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=40, unique=True)
    department: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    scope: str = Field(max_length=500)
    legal_basis: str = Field(max_length=500)
    no_penalty: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    lighter: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_on: dt.date
    version: int = 1
    adjustment_reason: str | None = Field(default=None, max_length=500)
    updated_at: dt.datetime = timestamp_field()


class IntermediaryService(Table, table=True):
    """An entry of the approval intermediary-service list 中介服务事项清单 (Art. 31; R62), dynamically adjusted."""

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    approval_item: str = Field(max_length=200)
    legal_basis: str = Field(max_length=500)
    issuer_division_code: str = Field(max_length=6)
    listed_from: dt.date
    removed_on: dt.date | None = None
    removal_reason: str | None = Field(default=None, max_length=500)


class PortFee(Table, table=True):
    """A port fee in the catalogue disclosed on the single window (Art. 33 para 2; R72)."""

    id: str = Field(primary_key=True, max_length=36)
    charging_entity: str = Field(max_length=200, index=True)
    fee_item: str = Field(max_length=200)
    scope: str = Field(max_length=500)
    standard: str = Field(max_length=500)
    pricing_method: str = Field(max_length=200)
    category: str = Field(max_length=30)
    published_on: dt.date
    __table_args__ = (UniqueConstraint("charging_entity", "fee_item"),)


class ApprovalDelegation(Table, table=True):
    """An approval power delegated to a receiving agency (Art. 26 para 1; R48), with the delegator's support."""

    id: str = Field(primary_key=True, max_length=36)
    matter: str = Field(max_length=200, index=True)
    original_agency: str = Field(max_length=200)
    receiving_agency: str = Field(max_length=200)
    legal_basis: str = Field(max_length=500)
    support: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    effective_from: dt.date
    revoked_on: dt.date | None = None


class Supervisor(Table, table=True):
    """A business-environment supervision station, point or officer 监督站（点、员） (Art. 48; R94)."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=20)
    appointee_kind: str = Field(max_length=20)
    appointee: str = Field(max_length=200)
    appointing_department: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    appointed_on: dt.date
    term_ends: dt.date | None = None
    dismissed_on: dt.date | None = None


class ElectronicLicence(Table, table=True):
    """An electronic licence issued and its aggregation into the licence library (Art. 27; R51, R52)."""

    id: str = Field(primary_key=True, max_length=36)
    licence_no: str = Field(max_length=64, unique=True)
    licence_type: str = Field(max_length=200)
    holder_credit_code: str = Field(max_length=18, index=True)
    issuer: str = Field(max_length=200)
    issued_at: dt.datetime = timestamp_field()
    valid_from: dt.date
    valid_to: dt.date | None = None
    aggregated_at: dt.datetime | None = timestamp_field(nullable=True)
    aggregation_exempt_basis: str | None = Field(default=None, max_length=500)
    aggregated_on_time: bool | None = None
    revoked_on: dt.date | None = None


class PlanningPermitType(Table, table=True):
    """The province-wide list of project types whose planning permit is by commitment or exempt (Art. 28; R57)."""

    id: str = Field(primary_key=True, max_length=36)
    project_type: str = Field(max_length=200, unique=True)
    mode: str = Field(max_length=20)
    review_elements: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    listed_on: dt.date


class SupervisionActivity(Table, table=True):
    """One supervision activity with its mode, off-site (remote, mobile, early warning) or on-site (Art. 40; R81)."""

    id: str = Field(primary_key=True, max_length=36)
    department: str = Field(max_length=200, index=True)
    division_code: str = Field(max_length=6)
    mode: str = Field(max_length=20)
    off_site_method: str | None = Field(default=None, max_length=20)
    supervised_object: str = Field(max_length=200)
    supervision_item_code: str | None = Field(default=None, max_length=40)
    carried_out_on: dt.date = Field(index=True)


class ServiceItem(Table, table=True):
    """An entry of the province-wide service-item catalogue 政务服务事项目录 with its guide (Art. 22): the province
    entry and the local variants of each level, hall inclusion (Art. 24), pilot zones (Art. 4), same-city (Art. 5)."""

    __table_args__ = (UniqueConstraint("code", "division", name="uq_serviceitem_code_division"),)

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=40, index=True)
    title: str = Field(max_length=200)
    level: str = Field(max_length=10)
    division: str = Field(max_length=6)
    department: str = Field(max_length=200)
    conditions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    steps: int
    materials: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    time_limit_working_days: int
    fee: Decimal = Field(sa_column=money_column())
    handling: str = Field(max_length=20)
    hall_included: bool
    hall_exemption: str | None = Field(default=None, max_length=20)
    hall_exemption_note: str | None = Field(default=None, max_length=500)
    czt_same_city: bool = False
    pilot_zones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()


class ServiceApplication(Table, table=True):
    """An accepted application for a catalogue service item, measured against the item's promised time limit by the
    electronic efficiency supervision 行政效能电子监察 (Art. 26 para 2, R49)."""

    id: str = Field(primary_key=True, max_length=36)
    item_code: str = Field(max_length=40, index=True)
    item_division: str = Field(max_length=6, description="Catalogue entry applied under (province or local variant)")
    department: str = Field(max_length=200)
    handling_division_code: str = Field(max_length=6, index=True)
    applicant: str = Field(max_length=200)
    accepted_on: dt.date
    time_limit_working_days: int = Field(description="The item's promised limit on the day of acceptance")
    due: dt.date = Field(index=True)
    due_provisional: bool
    state: str = Field(max_length=20, index=True)
    decided_on: dt.date | None = None
    due_soon_announced: bool = Field(default=False, description="The warning (预警) has been announced")
    overdue_announced: bool = Field(default=False, description="The lapse of the limit has been announced")
    created_at: dt.datetime = timestamp_field()


class CompetentDesignation(Table, table=True):
    """The competent department 优化营商环境工作主管部门 a government designated (Art. 3), with its first-responsible
    principal head's post."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, unique=True)
    department: str = Field(max_length=200)
    first_responsible_post: str = Field(max_length=100)
    designated_on: dt.date
    created_at: dt.datetime = timestamp_field()


class BarrierReport(Table, table=True):
    """A market entity's report of an explicit or hidden market-access barrier 准入壁垒意见反馈 (Art. 9, R10)."""

    id: str = Field(primary_key=True, max_length=36)
    reporter_credit_code: str = Field(max_length=18)
    division_code: str = Field(max_length=6, index=True, description="The government whose area the barrier is in")
    recipient_body: str = Field(max_length=200, description="The government or department that must respond")
    kind: str = Field(max_length=10)
    barrier: str = Field(sa_column=Column(Text, nullable=False), description="The barrier as reported")
    received_on: dt.date
    due: dt.date
    due_provisional: bool
    state: str = Field(max_length=12, index=True)
    response: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    barrier_removed: bool | None = None
    responded_on: dt.date | None = None
    overdue_announced: bool = False
    created_at: dt.datetime = timestamp_field()
