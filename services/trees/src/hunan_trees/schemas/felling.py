"""Request and response bodies of felling applications (W5, Art. 30)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.rules.habitat import ProjectTier
from hunan_trees.rules.transplant import FellingGround


class FellingFacts(BaseModel):
    """Findings behind the ground (Art. 30); a death is taken from the tree's appraisal, never from here."""

    model_config = ConfigDict(extra="forbid")

    environment_unsuitable: bool = False
    may_cause_death: bool = False
    endangers_public_life: bool = False
    hazard_removable: bool = True
    project_tier: ProjectTier | None = None
    project_avoidable: bool = True
    effectively_protectable: bool = True
    species_untransplantable: bool = Field(False, description="树种生物学特性特殊，现有工程技术手段不可能移植成活")
    quarantine_pest: bool = Field(False, description="感染松材线虫等检疫性有害生物")
    pest_controllable: bool = True


class FellingIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "ground": "F2_QUARANTINE_PEST",
                    "facts": {"quarantine_pest": True, "pest_controllable": False},
                    "applicant": "某国有林场",
                    "evidence": "省林业有害生物检验鉴定报告：松材线虫病阳性，已无防治价值",
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    ground: FellingGround
    facts: FellingFacts = Field(default_factory=FellingFacts)
    applicant: str = Field(min_length=2, max_length=200)
    evidence: str = Field(min_length=1, max_length=4000, description="Appraisal reports and other evidence")


class FellingDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approved: bool
    decision_ref: str = Field(min_length=1, max_length=200)


class FellingExecutionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    felled_on: dt.date


class FellingOut(BaseModel):
    id: str
    tree_id: str
    ground: FellingGround
    facts: dict
    applicant: str
    evidence: str
    approving_authority: str = Field(description="Set by other law (Art. 30 last para); a service setting")
    state: str
    decision_ref: str | None
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    felled_on: dt.date | None
    basis: list[Basis]
