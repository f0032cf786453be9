"""Who is the custodian 养护责任人 of a tree (Art. 16, R13–R14), and free training (Art. 17, R15)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from hunan_shared.legal import Decision

from .basis import ART16, ART17


class LandUse(StrEnum):
    """Where the tree stands, as Art. 16 items (1)–(7) distinguish it."""

    ORG_PREMISES = "ORG_PREMISES"  # 16(1) 机关、团体、企事业单位、文物保护单位、宗教活动场所等用地
    TRANSPORT_WATER_INFRA = "TRANSPORT_WATER_INFRA"  # 16(2) 机场、铁路、公路、河道和水库等用地
    PROTECTED_AREA_RESORT_FOREST_FARM = "PROTECTED_AREA_RESORT_FOREST_FARM"  # 16(3) 自然保护地、旅游度假区和林场等
    URBAN_PUBLIC_LAND = "URBAN_PUBLIC_LAND"  # 16(4) 城市道路、街道、绿地以及其他公共设施用地
    RESIDENTIAL = "RESIDENTIAL"  # 16(5) 住宅小区
    TOWNSHIP_PUBLIC_LAND = "TOWNSHIP_PUBLIC_LAND"  # 16(6) 乡镇绿地、广场、街道以及其他公共设施用地
    RURAL_CONTRACTED = "RURAL_CONTRACTED"  # 16(7) 农村承包土地
    RURAL_HOMESTEAD = "RURAL_HOMESTEAD"  # 16(7) 农村宅基地
    RURAL_OTHER = "RURAL_OTHER"  # 16(7) 其他农村土地


class CustodianCategory(StrEnum):
    ORG_PREMISES = "ORG_PREMISES"
    TRANSPORT_WATER_INFRA = "TRANSPORT_WATER_INFRA"
    PROTECTED_AREA_RESORT_FOREST_FARM = "PROTECTED_AREA_RESORT_FOREST_FARM"
    URBAN_PUBLIC_LAND = "URBAN_PUBLIC_LAND"
    RESIDENTIAL_MANAGED = "RESIDENTIAL_MANAGED"
    RESIDENTIAL_UNMANAGED_TOWNSHIP = "RESIDENTIAL_UNMANAGED_TOWNSHIP"
    RESIDENTIAL_UNMANAGED_SUBDISTRICT = "RESIDENTIAL_UNMANAGED_SUBDISTRICT"
    TOWNSHIP_PUBLIC_LAND = "TOWNSHIP_PUBLIC_LAND"
    RURAL_CONTRACTED = "RURAL_CONTRACTED"
    RURAL_HOMESTEAD = "RURAL_HOMESTEAD"
    RURAL_OTHER = "RURAL_OTHER"
    PRIVATE_OWNED = "PRIVATE_OWNED"
    CONSTRUCTION_SITE = "CONSTRUCTION_SITE"
    UNDETERMINED = "UNDETERMINED"


PARTY: dict[CustodianCategory, str] = {
    CustodianCategory.ORG_PREMISES: "所在单位 (the unit on whose land the tree stands) — 16(1)",
    CustodianCategory.TRANSPORT_WATER_INFRA: "经营管理机构 (the operating or managing agency) — 16(2)",
    CustodianCategory.PROTECTED_AREA_RESORT_FOREST_FARM: (
        "管理机构或者经营单位 (managing agency or operating unit) — 16(3)"
    ),
    CustodianCategory.URBAN_PUBLIC_LAND: (
        "管理机构或者城市园林绿化专业养护单位 (managing agency or landscaping maintenance unit) — 16(4)"
    ),
    CustodianCategory.RESIDENTIAL_MANAGED: "物业服务企业 (the property-service enterprise) — 16(5)",
    CustodianCategory.RESIDENTIAL_UNMANAGED_TOWNSHIP: "乡（镇）人民政府 (the township government) — 16(5)",
    CustodianCategory.RESIDENTIAL_UNMANAGED_SUBDISTRICT: "街道办事处 (the sub-district office) — 16(5)",
    CustodianCategory.TOWNSHIP_PUBLIC_LAND: "乡（镇）人民政府 (the township government) — 16(6)",
    CustodianCategory.RURAL_CONTRACTED: "承包人或者经营者 (the contractor or operator) — 16(7)",
    CustodianCategory.RURAL_HOMESTEAD: "宅基地使用权人 (the homestead use-right holder) — 16(7)",
    CustodianCategory.RURAL_OTHER: "村民小组或者村民委员会 (the villager group or villagers' committee) — 16(7)",
    CustodianCategory.PRIVATE_OWNED: "个人 (the individual owner) — 16(8)",
    CustodianCategory.CONSTRUCTION_SITE: "建设单位 (the construction unit, during construction) — 16(9)",
    CustodianCategory.UNDETERMINED: (
        "由所在地县级人民政府古树名木主管部门确定 (decided by the county tree department) — 16 last para"
    ),
}

_DIRECT = {
    LandUse.ORG_PREMISES: CustodianCategory.ORG_PREMISES,
    LandUse.TRANSPORT_WATER_INFRA: CustodianCategory.TRANSPORT_WATER_INFRA,
    LandUse.PROTECTED_AREA_RESORT_FOREST_FARM: CustodianCategory.PROTECTED_AREA_RESORT_FOREST_FARM,
    LandUse.URBAN_PUBLIC_LAND: CustodianCategory.URBAN_PUBLIC_LAND,
    LandUse.TOWNSHIP_PUBLIC_LAND: CustodianCategory.TOWNSHIP_PUBLIC_LAND,
    LandUse.RURAL_CONTRACTED: CustodianCategory.RURAL_CONTRACTED,
    LandUse.RURAL_HOMESTEAD: CustodianCategory.RURAL_HOMESTEAD,
    LandUse.RURAL_OTHER: CustodianCategory.RURAL_OTHER,
}


class Custodian(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: CustodianCategory
    party: str


def custodian_for(
    land_use: LandUse | None,
    *,
    privately_owned: bool = False,
    under_construction: bool = False,
    property_managed: bool | None = None,
    in_subdistrict: bool | None = None,
    disputed: bool = False,
) -> Decision[Custodian]:
    """Art. 16 / 第十六条 (R13, R14): the custodian follows the land use.

    Precedence (the text gives none; catalogue R13): a dispute goes to the county department; then a
    construction site during construction (16(9)); then individual ownership (16(8)); then items 16(1)–(7).
    A residential community without property management falls to the sub-district office or the township
    government depending on where it lies; without that fact the county department decides.
    """

    def decide(category: CustodianCategory, reason: str) -> Decision[Custodian]:
        return Decision[Custodian](
            value=Custodian(category=category, party=PARTY[category]), reason=reason, basis=(ART16,)
        )

    if disputed:
        return decide(CustodianCategory.UNDETERMINED, "custodian disputed (有异议): the county tree department decides")
    if under_construction:
        return decide(
            CustodianCategory.CONSTRUCTION_SITE, "inside a construction project during construction (建设期间)"
        )
    if privately_owned:
        return decide(CustodianCategory.PRIVATE_OWNED, "individually owned tree (个人所有)")
    if land_use is LandUse.RESIDENTIAL:
        if property_managed:
            return decide(CustodianCategory.RESIDENTIAL_MANAGED, "residential community under property management")
        if property_managed is False and in_subdistrict is not None:
            category = (
                CustodianCategory.RESIDENTIAL_UNMANAGED_SUBDISTRICT
                if in_subdistrict
                else CustodianCategory.RESIDENTIAL_UNMANAGED_TOWNSHIP
            )
            return decide(category, "residential community without property management")
        return decide(CustodianCategory.UNDETERMINED, "residential community: management or location unknown (不明确)")
    if land_use is None:
        return decide(CustodianCategory.UNDETERMINED, "land use unknown (不明确): the county tree department decides")
    return decide(_DIRECT[land_use], f"land use {land_use}")


def training_fee_allowed(fee_cny: Decimal) -> Decision[bool]:
    """Art. 17 / 第十七条 (R15): custodian training and technical guidance are free of charge (无偿)."""
    free = fee_cny == 0
    return Decision[bool](
        value=free, reason="free of charge" if free else f"fee {fee_cny} CNY charged for training", basis=(ART17,)
    )
