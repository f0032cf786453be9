"""Database tables of the budget service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from hunan_shared.db import AwareDateTime, PlatformTables, new_registry
from hunan_shared.money import money_column

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Project(Table, table=True):
    """A project in the project library 项目库 (Opinion (八), W1)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    department: str = Field(max_length=120, description="Budget department or unit 预算部门/单位")
    division_code: str = Field(max_length=6, index=True, description="GB/T 2260 code of the budgeting government")
    fiscal_level: str = Field(max_length=20)
    budget_year: int = Field(index=True)
    approval_basis: str | None = Field(default=None, max_length=500, description="立项依据")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    budget_requirement: Decimal | None = Field(
        default=None, sa_column=money_column(nullable=True), description="预算需求 CNY"
    )
    feasibility_study_done: bool = False
    entry_review_done: bool = False
    priority: int = Field(default=3, description="1 (most urgent) to 5, 轻重缓急")
    in_construction: bool = Field(default=False, description="在建项目")
    matter_id: str | None = Field(default=None, max_length=10, description="Division Plan matter, e.g. NR-505")
    government_investment: bool = Field(default=False, description="政府投资项目 (R43)")
    major: bool = Field(default=False, description="重大项目: needs an affordability assessment before funding (R46)")
    funding_source: str | None = Field(default=None, max_length=200, description="资金来源 (R43)")
    ppp: bool = Field(default=False, description="政府与社会资本合作 (R45)")
    life_cycle_cost: Decimal | None = Field(default=None, sa_column=money_column(nullable=True), description="R45")
    medium_term_plan_ref: str | None = Field(default=None, max_length=200, description="R45: 中期财政规划")
    state: str = Field(max_length=30, index=True)
    reserve_on_time: bool | None = Field(default=None, description="R17 outcome when the reserve started")
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class EmergencyLine(Table, table=True):
    """The emergency budget line of one disaster (W8 cost centre), opened on DisasterDeclared."""

    disaster_id: str = Field(primary_key=True, max_length=36)
    hazard: str = Field(max_length=60)
    response_level: str = Field(max_length=3)
    state: str = Field(max_length=10, index=True)
    allocated: Decimal = Field(sa_column=money_column())
    spent: Decimal = Field(sa_column=money_column())
    opened_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    closed_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))


class EmergencyLineDivision(Table, table=True):
    disaster_id: str = Field(foreign_key="emergencyline.disaster_id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=6, index=True)


class Expenditure(Table, table=True):
    """A spending record or commitment taken from another service's event (one per source record)."""

    __table_args__ = (UniqueConstraint("kind", "source_ref", name="uq_expenditure_kind_source_ref"),)

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(
        max_length=30, index=True, description="DISPATCH | RESERVE_REPLENISHMENT | TREE_TRANSPLANT | DISABILITY_PAYROLL"
    )
    source_ref: str = Field(
        max_length=120, description="Dispatch id, application id, depot id + time, payroll month + division"
    )
    source_event_id: str = Field(max_length=36)
    disaster_id: str | None = Field(default=None, max_length=36, index=True)
    amount: Decimal = Field(sa_column=money_column())
    currency: str = Field(default="CNY", max_length=3)
    status: str = Field(max_length=20, index=True)
    reason: str = Field(max_length=500)
    bearer: str | None = Field(default=None, max_length=200, description="Who pays (transplant cost bearer)")
    approved_matter_ref: str | None = Field(default=None, max_length=200)
    occurred_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    recorded_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class ExpenditureDivision(Table, table=True):
    expenditure_id: str = Field(foreign_key="expenditure.id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=6, index=True)


class AftercareCommitment(Table, table=True):
    """Five-year aftercare 复壮、养护 owed by a transplant's cost bearer (trees order Art. 28)."""

    expenditure_id: str = Field(foreign_key="expenditure.id", primary_key=True, max_length=36)
    tree_id: str = Field(max_length=36)
    bearer: str = Field(max_length=200)
    starts_on: dt.date
    ends_on: dt.date


# --- budgets (W2, W3) ------------------------------------------------------------------------------------------


class PriorityItem(Table, table=True):
    """An item of a level's 大事要事保障清单 (Opinion (一)): a task with its required funding."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    task: str = Field(max_length=300, description="任务目标")
    priority_order: int = Field(description="优先顺序, 1 first")
    required_amount: Decimal = Field(sa_column=money_column(), description="资金保障方案: CNY required")
    matter_id: str | None = Field(default=None, max_length=10, description="事权划分: Division Plan matter")
    funding_plan: str | None = Field(default=None, max_length=500)
    mirrors_item_id: str | None = Field(default=None, max_length=36, description="R2: provincial item it mirrors")
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class FeeFundItem(Table, table=True):
    """An entry of the fee-fund catalogue 收费基金目录清单 (Opinion (三)): only listed fees may be budgeted."""

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    legal_basis: str = Field(max_length=300)
    budget_kind: str = Field(max_length=30)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class ExpenditureStandard(Table, table=True):
    """A 财政支出标准 of one government (Opinion (十一)); lower levels' floors are checked against the upper's."""

    __table_args__ = (UniqueConstraint("code", "division_code", "effective_from", name="uq_standard_code_div_from"),)

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=60, index=True, description="e.g. BPS-COMPULSORY-EDU-PER-PUPIL")
    name: str = Field(max_length=200)
    kind: str = Field(max_length=30, description="BASIC | PROJECT | BASIC_PUBLIC_SERVICE")
    division_code: str = Field(max_length=6, index=True)
    amount: Decimal = Field(sa_column=money_column())
    unit: str = Field(max_length=40, description="per capita / per item / ...")
    filed_with_upper: bool = False
    effective_from: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Budget(Table, table=True):
    """The budget of one unit (department) of one government for one year and one of the four budgets."""

    __table_args__ = (UniqueConstraint("unit", "division_code", "budget_year", "kind", name="uq_budget_unit_year"),)

    id: str = Field(primary_key=True, max_length=36)
    unit: str = Field(max_length=120, description="预算部门/单位")
    division_code: str = Field(max_length=6, index=True)
    fiscal_level: str = Field(max_length=20)
    budget_year: int = Field(index=True)
    kind: str = Field(max_length=30)
    rigid_under_covered: bool = Field(default=False, description="R15: region flagged 刚性支出保障能力不足")
    rigid_required: Decimal | None = Field(
        default=None, sa_column=money_column(nullable=True), description="R14: 三保 + debt service to fund first"
    )
    state: str = Field(max_length=30, index=True)
    approval_ref: str | None = Field(default=None, max_length=200)
    approved_on: dt.date | None = None
    disclosed_on: dt.date | None = None
    disclosure_overdue_announced: bool = Field(default=False, description="R51: the overdue event was emitted")
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class BudgetLine(Table, table=True):
    """A revenue or expenditure line of a budget; the ledgers (spent, received) are kept per line."""

    id: str = Field(primary_key=True, max_length=36)
    budget_id: str = Field(foreign_key="budget.id", index=True, max_length=36)
    direction: str = Field(max_length=12)
    title: str = Field(max_length=200)
    category: str | None = Field(default=None, max_length=20, description="expenditure: PRIORITY|RIGID|BASIC|...")
    revenue_source: str | None = Field(default=None, max_length=20)
    project_id: str | None = Field(default=None, foreign_key="project.id", max_length=36, index=True)
    priority_item_id: str | None = Field(default=None, foreign_key="priorityitem.id", max_length=36, index=True)
    fee_code: str | None = Field(default=None, max_length=40)
    admin_expense: str | None = Field(default=None, max_length=20)
    prior_year_amount: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    functional_class: str = Field(max_length=12, description="支出/收入功能分类 code, e.g. 2130101")
    economic_class: str | None = Field(default=None, max_length=12, description="支出经济分类 code, e.g. 30201")
    policy_basis: str | None = Field(default=None, max_length=300, description="R3: the policy the money serves")
    block_allocation: bool = Field(default=False, description="R3: a lump-sum block (切块) to be divided later")
    own_funds_available: Decimal | None = Field(
        default=None, sa_column=money_column(nullable=True), description="R7: the unit's non-appropriation funds"
    )
    original_amount: Decimal = Field(sa_column=money_column())
    amount: Decimal = Field(sa_column=money_column(), description="current: original ± adjustments/reallocations")
    spent: Decimal = Field(sa_column=money_column())
    received: Decimal = Field(sa_column=money_column())
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Adjustment(Table, table=True):
    """A budget-adjustment plan 预算调整方案 (W3)."""

    id: str = Field(primary_key=True, max_length=36)
    budget_id: str = Field(foreign_key="budget.id", index=True, max_length=36)
    reason: str = Field(max_length=500)
    policy_effective_from: dt.date | None = None
    state: str = Field(max_length=30, index=True)
    decision_ref: str | None = Field(default=None, max_length=200, description="人大常委会决议")
    proposed_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class AdjustmentItem(Table, table=True):
    adjustment_id: str = Field(foreign_key="adjustment.id", primary_key=True, max_length=36)
    line_id: str = Field(foreign_key="budgetline.id", primary_key=True, max_length=36)
    delta: Decimal = Field(sa_column=money_column())


class Reallocation(Table, table=True):
    """A reallocation 预算调剂 between two expenditure lines of one budget (W3)."""

    id: str = Field(primary_key=True, max_length=36)
    budget_id: str = Field(foreign_key="budget.id", index=True, max_length=36)
    from_line_id: str = Field(foreign_key="budgetline.id", max_length=36)
    to_line_id: str = Field(foreign_key="budgetline.id", max_length=36)
    amount: Decimal = Field(sa_column=money_column())
    reason: str = Field(max_length=500)
    state: str = Field(max_length=20, index=True)
    approval_ref: str | None = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Payment(Table, table=True):
    """A payment 支出 from the treasury: against a line (the expenditure ledger) or a suspense payment (R35)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    line_id: str | None = Field(default=None, foreign_key="budgetline.id", max_length=36, index=True)
    kind: str = Field(max_length=12, index=True, description="BUDGETED | SUSPENSE")
    budget_kind: str = Field(max_length=30)
    amount: Decimal = Field(sa_column=money_column())
    payee: str = Field(max_length=200)
    purpose: str = Field(max_length=300)
    approved_matter_ref: str | None = Field(default=None, max_length=200)
    paid_on: dt.date
    cleared_on: dt.date | None = None
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Receipt(Table, table=True):
    """Income booked against a revenue line (the revenue ledger, R6)."""

    id: str = Field(primary_key=True, max_length=36)
    line_id: str = Field(foreign_key="budgetline.id", max_length=36, index=True)
    amount: Decimal = Field(sa_column=money_column())
    payer: str = Field(max_length=200)
    received_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- execution data for the controls (W4–W6) -------------------------------------------------------------------


class Transfer(Table, table=True):
    """A transfer payment 转移支付 to a lower level: its estimate 预计数 and the part notified in advance."""

    id: str = Field(primary_key=True, max_length=36)
    from_division_code: str = Field(max_length=6)
    to_division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    kind: str = Field(max_length=10, description="GENERAL | SPECIAL")
    title: str = Field(max_length=200)
    estimated: Decimal = Field(sa_column=money_column())
    advance: Decimal = Field(sa_column=money_column())
    settled_on_actuals: bool = Field(default=False, description="据实结算 etc.: outside the advance ratio")
    notified_on: dt.date | None = None
    local_constraints: str | None = Field(default=None, description="R12: binding tasks with their source, JSON")
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Carryover(Table, table=True):
    """A carry-over balance 结转资金 of a level at year end, input of the sweep (W4)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    category: str = Field(max_length=20)
    title: str = Field(max_length=200, description="fund, unit or project the balance belongs to")
    amount: Decimal = Field(sa_column=money_column())
    current_year_revenue: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    age_months: int = 0
    reserved_research: bool = False
    sweep_id: str | None = Field(default=None, max_length=36, index=True, description="W4: the sweep that took it")
    swept_amount: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class InflatedRevenueFinding(Table, table=True):
    """Inflated revenue 虚增收入 found for a region, and the 50 % transfer deduction it draws (W6)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int
    inflated_amount: Decimal = Field(sa_column=money_column())
    deduction: Decimal = Field(sa_column=money_column())
    source_ref: str = Field(max_length=200, description="audit or inspection report")
    found_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class ControlEvaluation(Table, table=True):
    """One evaluation of one control for one level and year: the history behind the live checks."""

    id: str = Field(primary_key=True, max_length=36)
    control: str = Field(max_length=30, index=True)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int
    evaluated_on: dt.date
    outcome: str = Field(max_length=12)
    ratio: str | None = Field(default=None, max_length=40, description="exact decimal fraction, as text")
    threshold: str | None = Field(default=None, max_length=20)
    amount: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    reason: str = Field(max_length=500)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- debt, major projects and investment funds (Opinion 五, (十)) ----------------------------------------------


class DebtLimit(Table, table=True):
    """The debt limit 地方政府债务限额 of a level for a year (Opinion (十八))."""

    __table_args__ = (UniqueConstraint("division_code", "budget_year", name="uq_debtlimit_division_year"),)

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int
    limit: Decimal = Field(sa_column=money_column())
    risk_rating: str | None = Field(default=None, max_length=10, description="R42: LOW | MEDIUM | HIGH")
    new_debt_allocation: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Debt(Table, table=True):
    """A lawful local-government bond issued by a level (the only borrowing R40 allows)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    amount: Decimal = Field(sa_column=money_column())
    issued_on: dt.date
    project_revenue: Decimal | None = Field(default=None, sa_column=money_column(nullable=True), description="R41")
    debt_service: Decimal | None = Field(default=None, sa_column=money_column(nullable=True), description="R41")
    bond_term_years: int | None = None
    project_term_years: int | None = None
    earlier_tranches_issued: Decimal | None = Field(
        default=None, sa_column=money_column(nullable=True), description="R41 pace"
    )
    earlier_tranches_spent: Decimal | None = Field(
        default=None, sa_column=money_column(nullable=True), description="R41 pace"
    )
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class AffordabilityAssessment(Table, table=True):
    """A fiscal-affordability assessment 财政承受能力评估 of a major project (Opinion (二十一))."""

    id: str = Field(primary_key=True, max_length=36)
    project_id: str = Field(foreign_key="project.id", max_length=36, index=True)
    result: str = Field(max_length=20)
    assessed_on: dt.date
    note: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class InvestmentFund(Table, table=True):
    """A government investment fund 政府投资基金 (Opinion (十), W7)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    sector: str = Field(max_length=100)
    fiscal_contribution: Decimal = Field(sa_column=money_column())
    contribution_source: str = Field(max_length=30)
    budget_line_id: str | None = Field(default=None, foreign_key="budgetline.id", max_length=36)
    guaranteed_return_clause: bool = False
    agreed_social_capital_floor: Decimal = Field(sa_column=money_column())
    raised_social_capital: Decimal = Field(sa_column=money_column())
    state: str = Field(max_length=20, index=True)
    exit_reason: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- stock assets, competitive support, treasury, direct funds, supervision (Opinion 五, 九, 十四, 十五, 二十六) ----


class StockAsset(Table, table=True):
    """A stock asset 存量资产 of an administrative or public-service unit and its disposition (R11)."""

    id: str = Field(primary_key=True, max_length=36)
    unit: str = Field(max_length=120)
    division_code: str = Field(max_length=6, index=True)
    title: str = Field(max_length=200)
    status: str = Field(max_length=30)
    book_value: Decimal = Field(sa_column=money_column())
    disposition: str | None = Field(default=None, max_length=30)
    disposition_ref: str | None = Field(default=None, max_length=200)
    disposed_on: dt.date | None = None
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class CompetitiveSupport(Table, table=True):
    """Fiscal support to a market entity in a competitive sector 竞争性领域财政支持 (R21)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    department: str = Field(max_length=120)
    recipient_credit_code: str = Field(max_length=18, description="统一社会信用代码")
    mode: str = Field(max_length=40)
    amount: Decimal = Field(sa_column=money_column())
    criteria_published_on: dt.date | None = None
    review_on: dt.date | None = None
    procedure_ref: str | None = Field(default=None, max_length=200)
    collective_decision_ref: str | None = Field(default=None, max_length=200)
    result_targets: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class TreasuryAccount(Table, table=True):
    """The treasury single account, a fiscal special account or a unit special account of a level (R33)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    holder: str = Field(max_length=120)
    justification: str | None = Field(default=None, max_length=500, description="why a special account is kept")
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class TreasuryMovement(Table, table=True):
    """Money moved between accounts of a level, each line visible (穿透式管理, R33)."""

    id: str = Field(primary_key=True, max_length=36)
    from_account_id: str = Field(foreign_key="treasuryaccount.id", max_length=36, index=True)
    to_account_id: str = Field(foreign_key="treasuryaccount.id", max_length=36, index=True)
    amount: Decimal = Field(sa_column=money_column())
    purpose: str = Field(max_length=300)
    legal_basis: str | None = Field(default=None, max_length=200)
    moved_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class DirectFund(Table, table=True):
    """A direct fund 直达资金 allocation to a level, traced to its end users (R37)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    budget_year: int = Field(index=True)
    title: str = Field(max_length=200)
    scope: str = Field(max_length=300, description="what the money may be used for")
    allocated: Decimal = Field(sa_column=money_column())
    allocated_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class DirectFundUse(Table, table=True):
    """One use of a direct fund by an end user 使用单位 (R37)."""

    id: str = Field(primary_key=True, max_length=36)
    fund_id: str = Field(foreign_key="directfund.id", max_length=36, index=True)
    end_user: str = Field(max_length=200)
    amount: Decimal = Field(sa_column=money_column())
    within_scope: bool
    used_on: dt.date
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class SupervisionFinding(Table, table=True):
    """A problem found by supervision 监督发现的问题, its accountability and the published handling (R53)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    source: str = Field(max_length=30)
    subject_unit: str = Field(max_length=120)
    description: str = Field(max_length=1000)
    found_on: dt.date
    state: str = Field(max_length=10, index=True)
    responsible: str | None = Field(default=None, max_length=200)
    handling_result: str | None = Field(default=None, max_length=1000)
    published_on: dt.date | None = None
    publication_ref: str | None = Field(default=None, max_length=300)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class MatrixPublication(Table, table=True):
    """A publication of the responsibility matrix to other services (W9), one per distinct file content."""

    __table_args__ = (UniqueConstraint("checksum", name="uq_matrixpublication_checksum"),)

    id: str = Field(primary_key=True, max_length=36)
    document: str = Field(max_length=200)
    version: str = Field(max_length=20, index=True)
    row_count: int
    checksum: str = Field(max_length=64)
    published_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
