"""A demo province for the science dashboard: synthetic records, marked 【演示】, loaded through the same use cases
as real records (so every rule and audit entry applies). Idempotent: a second load adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel
from sqlmodel import select

from hunan_science.models import ContentItem
from hunan_science.rules.content import ReviewAction
from hunan_science.rules.programmes import ProjectAction
from hunan_science.schemas.commissioners import CommissionerIn
from hunan_science.schemas.content import ContentIn, ReviewIn
from hunan_science.schemas.designations import DesignationIn
from hunan_science.schemas.innovation_projects import InnovationProjectIn
from hunan_science.schemas.pairings import PairingIn
from hunan_science.schemas.surveys import SurveyIn
from hunan_science.schemas.teacher_quotas import TeacherQuotaIn
from hunan_science.schemas.trainings import TrainingIn
from hunan_science.schemas.venues import VenueIn
from hunan_science.use_cases import (
    commissioners,
    content,
    designations,
    innovation_projects,
    pairings,
    surveys,
    teacher_quotas,
    trainings,
    venues,
)
from hunan_shared import clock
from hunan_shared.uow import UnitOfWork

DEMO = "【演示】"
MARKER = f"{DEMO}洪水来了怎么办"


class DemoOut(BaseModel):
    created: bool
    records: int


def load(uow: UnitOfWork) -> DemoOut:
    """Surveys, trainings, projects, pairings, commissioners, designations, quotas, venues and flood content."""
    if uow.session.exec(select(ContentItem.id).where(ContentItem.title == MARKER)).first() is not None:
        uow.audit("demo.load", "demo", None, after={"created": False})
        return DemoOut(created=False, records=0)
    year = clock.now().year
    n = 0
    method = f"{DEMO}合成数据，非统计结果"
    for kind, y, value, national in (
        ("LITERACY", 2023, "13.20", "12.93"),
        ("HEALTH_LITERACY", year, "24.50", None),
        ("RESIDENTS", year, "66000000", None),
    ):
        surveys.record(
            uow,
            SurveyIn(
                kind=kind,
                year=y,
                division_code="430000",
                value=Decimal(value),
                national_average=Decimal(national) if national else None,
                method=method,
            ),
        )
        n += 1
    on = dt.date(year, 3, 1)
    for i in range(12):
        trainings.record(
            uow,
            TrainingIn(
                programme="SCI_COUNSELLOR",
                person_id=f"demo-t{i}",
                division_code="430102",
                mode="OFFLINE",
                trained_on=on,
            ),
        )
        n += 1
    for programme, times, code in (("FARMER", 180_000, "431200"), ("SKILLS_WORKER", 230_000, "430100")):
        trainings.record(
            uow,
            TrainingIn(
                programme=programme,
                person_times=times,
                division_code=code,
                mode="ONLINE",
                platform=f"{DEMO}湘农科教云",
                trained_on=on,
            ),
        )
        n += 1
    for i, level in enumerate(("NATIONAL", "NATIONAL", "PROVINCIAL")):
        project = innovation_projects.submit(
            uow,
            InnovationProjectIn(
                title=f"{DEMO}项目{i + 1}", university=f"{DEMO}大学", division_code="430104", year=year, level=level
            ),
        )
        innovation_projects.act(uow, project.id, ProjectAction.APPROVE)
        n += 1
    for org in ("甲商会", "乙公司"):
        pairings.record(
            uow,
            PairingIn(
                organisation=f"{DEMO}{org}",
                organisation_kind="PRIVATE_ENTERPRISE",
                organiser_level="COUNTY",
                village=f"{DEMO}村",
                division_code="430181",
                pairing_type="INDUSTRY",
                year=year,
            ),
        )
        commissioners.record(
            uow,
            CommissionerIn(
                person_id=f"demo-c-{org}",
                dispatched_by="PROVINCE",
                division_code="433122",
                speciality="柑橘",
                year=year,
            ),
        )
        n += 2
    for kind, name, code in (
        ("HEALTH_PROMOTION_COUNTY", "浏阳市", "430181"),
        ("HEALTH_PROMOTION_COUNTY", "长沙县", "430121"),
        ("CRAFTSMAN_BASE", "湘潭基地", "430300"),
        ("CITY_PLATFORM_EMBEDDED", "长沙党群服务网", "430100"),
    ):
        designations.record(uow, DesignationIn(kind=kind, name=f"{DEMO}{name}", division_code=code, year=year))
        n += 1
    for code, granted in (("430121", 12), ("430181", 11)):
        teacher_quotas.record(uow, TeacherQuotaIn(division_code=code, year=year, requested=12, granted=granted))
        n += 1
    for name, venue_type, level, code, area in (
        ("长沙科技馆", "SCI_MUSEUM_PHYSICAL", "PREFECTURE", "430100", "30000"),
        ("湘潭省级科普基地", "PROV_SCI_BASE", "PROVINCIAL", "430300", "2000"),
    ):
        venues.create(
            uow,
            VenueIn(
                name=f"{DEMO}{name}",
                venue_type=venue_type,
                level=level,
                division_code=code,
                operator_type="GOVERNMENT",
                exhibition_hall_area_m2=Decimal(area),
            ),
        )
        n += 1
    for title, medium, variants in (
        (MARKER, "VIDEO", ["captions", "sign_language", "audio"]),
        (f"{DEMO}防汛明白卡", "TEXT", ["audio", "large_print"]),
    ):
        item = content.create(
            uow,
            ContentIn(
                title=title,
                medium=medium,
                topics=["DISASTER_PREVENTION"],
                hazards=["FLOOD_DROUGHT"],
                audiences=["PUBLIC"],
                variants=variants,
                reading_level="EASY",
                reserve=True,
            ),
        )
        content.decide_review(uow, item.id, ReviewIn(action=ReviewAction.APPROVE, reviewer=f"{DEMO}专家"))
        n += 1
    uow.audit("demo.load", "demo", None, after={"created": True, "records": n})
    return DemoOut(created=True, records=n)
