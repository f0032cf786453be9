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
