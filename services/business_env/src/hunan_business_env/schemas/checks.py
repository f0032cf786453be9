"""Request and response bodies of the checkers other agencies call (CHECK rules, Arts. 18, 22, 27)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.checks import MaterialFinding, TenderCondition, TenderFinding
from hunan_shared.legal import Basis


class TenderClauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str = Field(min_length=1, max_length=30, description="The clause's number in the document, e.g. 3.2.1")
    text: str = Field(min_length=1, max_length=2000)


class TenderDocumentIn(BaseModel):
    """The qualification and scoring clauses of a tender or procurement document."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "must_tender_by_law": True,
                    "clauses": [
                        {"number": "3.1", "text": "投标人须具有建筑工程施工总承包一级资质"},
                        {"number": "3.2", "text": "投标人须在本地注册设立分公司"},
                        {"number": "5.4", "text": "近三年在长沙市内完成类似项目业绩的，每项加2分"},
                    ],
                }
            ]
        },
    )

    must_tender_by_law: bool = Field(description="The project must be tendered by law (依法必须进行招标的项目)")
    clauses: list[TenderClauseIn] = Field(min_length=1, max_length=500)


class TenderClauseVerdict(BaseModel):
    number: str
    text: str
    condition: TenderCondition
    finding: TenderFinding
    reason: str
    basis: list[Basis]


class TenderDocumentVerdict(BaseModel):
    compliant: bool = Field(description="No clause sets a condition Art. 18 bans (items 1 and 4 still need review)")
    clauses: list[TenderClauseVerdict] = Field(description="Every clause that is not ALLOWED, in document order")


class ServiceGuideIn(BaseModel):
    """A service guide's conditions and required materials, as published text."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "conditions": "1.依法设立的企业 2.法律法规规定的其他条件",
                    "materials": "1.营业执照副本 2.由有关部门出具的消防验收意见书 3.其他相关材料",
                }
            ]
        },
    )

    conditions: str = Field("", max_length=20_000)
    materials: str = Field("", max_length=20_000)
    extra_terms: list[str] = Field(default_factory=list, max_length=50, description="Further catch-all words")


class GuideFinding(BaseModel):
    section: str = Field(description="conditions or materials")
    item: str = Field(description="The offending item, as written")


class ServiceGuideVerdict(BaseModel):
    compliant: bool
    catch_all_items: list[GuideFinding]
    basis: list[Basis]


class MaterialRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    verifiable_online: bool = Field(False, description="The online government-service platform can verify it")
    legal_exception: str | None = Field(None, max_length=500, description="A law that still requires it")
    paper_licence_required: bool = False
    licence_in_library: bool = Field(False, description="The electronic-licence library holds the licence")
    original_recovery_required: bool = Field(False, description="The original must be taken back by law")


class MaterialRequestsIn(BaseModel):
    """What a window asked an applicant for, against the service guide."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "guide_materials": ["营业执照", "法定代表人身份证明", "施工许可证"],
                    "requested": [
                        {"name": "营业执照", "paper_licence_required": True, "licence_in_library": True},
                        {"name": "房产证"},
                        {"name": "法定代表人身份证明", "verifiable_online": True},
                    ],
                }
            ]
        },
    )

    guide_materials: list[str] = Field(max_length=500)
    requested: list[MaterialRequestIn] = Field(min_length=1, max_length=500)


class MaterialVerdict(BaseModel):
    name: str
    finding: MaterialFinding
    reason: str
    basis: list[Basis]


class MaterialRequestsVerdict(BaseModel):
    compliant: bool
    materials: list[MaterialVerdict]
