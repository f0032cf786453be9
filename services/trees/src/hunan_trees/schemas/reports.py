"""Request and response bodies of abnormality and suspected-death reports (Arts. 18–19, 29)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_shared.types import Timestamp
from hunan_trees.rules.classification import GovernmentLevel
from hunan_trees.rules.lifecycle import AbnormalityType, Measure, ReportKind


class ReportIn(BaseModel):
    """File a report about one registered tree with the county tree department (Arts. 18, 29)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "kind": "ABNORMALITY",
                    "abnormality_type": "NATURAL_DAMAGE",
                    "description": "雷击致主干开裂，树冠东侧大枝折断",
                    "reporter": "某村村民委员会（养护责任人）",
                    "received_at": "2024-09-27T10:00:00+08:00",
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    kind: ReportKind
    abnormality_type: AbnormalityType | None = Field(None, description="One of the five situations of Art. 18")
    description: str = Field(min_length=1, max_length=4000)
    reporter: str = Field(min_length=2, max_length=200, description="Custodian or other reporting party")
    received_at: Timestamp | None = Field(
        None, description="When the department received the report (default: now); never in the future"
    )


class HandlingIn(BaseModel):
    """A handling action on an abnormality report (Art. 19: investigation where necessary, cause, measures)."""

    model_config = ConfigDict(extra="forbid")

    action: str = Field(min_length=1, max_length=2000, description="What the department did")
    on_site_investigation: bool = Field(False, description="Experts investigated on site (必要时现场调查)")
    cause: str | None = Field(None, max_length=1000)
    responsible_party: str | None = Field(None, max_length=200)
    measures: list[Measure] = Field(default_factory=list, description="抢救、治理、复壮")


class CloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(min_length=1, max_length=2000)


class AppraisalIn(BaseModel):
    """The death appraisal organised by the county department (Art. 29)."""

    model_config = ConfigDict(extra="forbid")

    experts: list[str] = Field(min_length=1, max_length=20, description="Experts and technicians who appraised")
    result: Literal["DEAD", "ALIVE"]
    cause: str | None = Field(None, max_length=1000, description="Cause of death (required when DEAD)")
    responsibility: str | None = Field(None, max_length=1000, description="Who is responsible, if anyone")


class ReportOut(BaseModel):
    id: str
    tree_id: str
    division_code: str
    kind: ReportKind
    abnormality_type: AbnormalityType | None
    description: str
    reporter: str
    received_at: dt.datetime
    due_on: dt.date
    due_provisional: bool
    state: str
    overdue: bool
    overdue_at: dt.datetime | None
    acted_at: dt.datetime | None
    acted_on_time: bool | None
    handling: dict
    closed_at: dt.datetime | None
    basis: list[Basis]


class ArchiveCancellationIn(BaseModel):
    """Cancel the archive of a dead or felled tree (Art. 29: by the department at the tree's grade level)."""

    model_config = ConfigDict(extra="forbid")

    department_level: GovernmentLevel
    decision_ref: str = Field(min_length=1, max_length=200)


class ArchiveCancellationOut(BaseModel):
    tree_id: str
    status: str
    department_level: GovernmentLevel
    decision_ref: str
    cancelled_at: dt.datetime
    basis: list[Basis]
