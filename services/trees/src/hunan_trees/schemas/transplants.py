"""Request and response bodies of transplant applications (Arts. 26–27)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.rules.habitat import ProjectTier
from hunan_trees.rules.transplant import ConsultationMode, CostBearer, TransplantGround
from hunan_trees.schemas.common import Location


class TransplantFacts(BaseModel):
    """Findings behind the ground (Art. 26); only the limbs of the chosen ground matter."""

    model_config = ConfigDict(extra="forbid")

    environment_unsuitable: bool = False
    may_cause_death: bool = False
    endangers_public_life: bool = False
    hazard_removable: bool = True
    project_tier: ProjectTier | None = None
    project_avoidable: bool = True
    effectively_protectable: bool = True


class TransplantApplicationIn(BaseModel):
    """Apply for nearby protective transplanting of a registered tree (Arts. 26–27)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "ground": "T3_KEY_PROJECT",
                    "applicant": "湖南省高速公路集团有限公司",
                    "facts": {
                        "project_tier": "PROVINCIAL_KEY",
                        "project_avoidable": False,
                        "effectively_protectable": False,
                    },
                    "plan_summary": "就近移植至项目红线外120米处绿地，带土球移植",
                    "target": {"latitude": 28.23, "longitude": 112.94},
                    "estimated_cost": "180000.00",
                    "funding_secured": True,
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    ground: TransplantGround
    facts: TransplantFacts
    applicant: str = Field(min_length=2, max_length=200, description="Applicant organisation")
    plan_summary: str = Field(min_length=1, max_length=4000, description="Transplant plan 移植方案")
    target: Location = Field(description="Target site (就近, nearby)")
    estimated_cost: Decimal = Field(
        gt=0, max_digits=14, decimal_places=2, description="Transplant + 5-year aftercare, CNY"
    )
    funding_secured: bool = Field(description="Transplant, rejuvenation and maintenance costs secured (落实费用)")


class TransplantApproval(BaseModel):
    """Approve a transplant after expert review and public consultation (Art. 27 para 2)."""

    model_config = ConfigDict(extra="forbid")

    expert_review_ref: str | None = Field(None, max_length=200, description="Reference of the expert review 专家论证")
    consultation_mode: ConsultationMode | None = None
    consultation_closed_on: dt.date | None = Field(None, description="Day the hearing or public notice closed")
    decision_ref: str = Field(min_length=1, max_length=200, description="Approval document number")


class TransplantOut(BaseModel):
    id: str
    tree_id: str
    division_code: str
    ground: TransplantGround
    applicant: str
    plan_summary: str
    target: Location
    estimated_cost: Decimal
    funding_secured: bool
    state: str
    cost_bearer: CostBearer | None
    aftercare_years: int
    expert_review_ref: str | None
    consultation_mode: ConsultationMode | None
    consultation_closed_on: dt.date | None
    decision_ref: str | None
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis]
