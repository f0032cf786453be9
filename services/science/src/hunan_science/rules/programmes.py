"""The programmes and registers behind the indicators: the five improvement actions and four key projects with
their lead and participating agencies (二, 三, 责任分工), training records counted as persons or person-times
(二(一)7, 二(二)2, 二(三)3), university innovation projects (W6, 二(一)3), the directed teacher-training quota
(R4, 二(一)7), designations counted toward S11–S17, S22, S24, and the school–venue visits (R11, 二(一)5)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hunan_science.rules.basis import ScienceRuleError, decide, design, plan
from hunan_shared.legal import Decision, IllegalTransition


@dataclass(frozen=True)
class Programme:
    code: str
    name: str
    section: str
    kind: str  # ACTION (提升行动) or PROJECT (重点工程)
    target_groups: tuple[str, ...]
    lead: tuple[str, ...]
    participants: tuple[str, ...]


_COMMON = ("省委宣传部", "省科技厅")
PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "ACT_YOUTH",
        "青少年科学素质提升行动",
        "二(一)",
        "ACTION",
        ("YOUTH",),
        ("省教育厅", "团省委", "省科协"),
        (
            *_COMMON,
            "省民政厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省农业农村厅",
            "省文化和旅游厅",
            "省林业局",
            "省市场监管局",
            "省体育局",
            "省文物局",
            "省社科院",
            "省妇联",
            "省地震局",
            "省气象局",
        ),
    ),
    Programme(
        "ACT_FARMER",
        "农民科学素质提升行动",
        "二(二)",
        "ACTION",
        ("FARMER",),
        ("省农业农村厅", "省乡村振兴局", "省农科院"),
        (
            "省委组织部",
            "省委宣传部",
            "省委统战部",
            "省教育厅",
            "省科技厅",
            "省民宗委",
            "省民政厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省生态环境厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省林业局",
            "省市场监管局",
            "省广电局",
            "省体育局",
            "省文物局",
            "省社科院",
            "省总工会",
            "团省委",
            "省妇联",
            "省科协",
            "省地震局",
            "省气象局",
        ),
    ),
    Programme(
        "ACT_WORKER",
        "产业工人科学素质提升行动",
        "二(三)",
        "ACTION",
        ("INDUSTRIAL_WORKER",),
        ("省人力资源社会保障厅", "省总工会"),
        (
            *_COMMON,
            "省教育厅",
            "省工业和信息化厅",
            "省民政厅",
            "省财政厅",
            "省卫生健康委",
            "省市场监管局",
            "省广电局",
            "省农科院",
            "团省委",
            "省妇联",
            "省科协",
            "省地震局",
            "省气象局",
        ),
    ),
    Programme(
        "ACT_ELDERLY",
        "老年人科学素质提升行动",
        "二(四)",
        "ACTION",
        ("ELDERLY",),
        ("省卫生健康委", "省民政厅"),
        (
            "省委组织部",
            "省委宣传部",
            "省发展改革委",
            "省教育厅",
            "省科技厅",
            "省人力资源社会保障厅",
            "省文化和旅游厅",
            "省广电局",
            "省市场监管局",
            "省文物局",
            "省科协",
        ),
    ),
    Programme(
        "ACT_CADRE",
        "领导干部和公务员科学素质提升行动",
        "二(五)",
        "ACTION",
        ("CADRE_CIVIL_SERVANT",),
        ("省委组织部",),
        (
            "省委宣传部",
            "省委统战部",
            "省委党校（湖南行政学院）",
            "省科技厅",
            "省工业和信息化厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省生态环境厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省市场监管局",
            "省广电局",
            "省体育局",
            "省文物局",
            "省社科院",
            "省社会主义学院",
            "省总工会",
            "团省委",
            "省妇联",
            "省科协",
            "省地震局",
            "省气象局",
        ),
    ),
    Programme(
        "PRJ_RESOURCES",
        "科技资源科普化工程",
        "三(一)",
        "PROJECT",
        (),
        ("省科技厅", "省教育厅"),
        (
            "省发展改革委",
            "省工业和信息化厅",
            "省财政厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省生态环境厅",
            "省科协",
        ),
    ),
    Programme(
        "PRJ_INFO",
        "科普信息化提升工程",
        "三(二)",
        "PROJECT",
        (),
        ("省委宣传部", "省科技厅", "省广电局"),
        (
            "省发展改革委",
            "省教育厅",
            "省工业和信息化厅",
            "省财政厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省生态环境厅",
            "省科协",
        ),
    ),
    Programme(
        "PRJ_INFRA",
        "科普基础设施工程",
        "三(三)",
        "PROJECT",
        (),
        ("省科技厅", "省科协"),
        (
            "省委宣传部",
            "省发展改革委",
            "省教育厅",
            "省工业和信息化厅",
            "省民政厅",
            "省财政厅",
            "省人力资源社会保障厅",
            "省自然资源厅",
            "省生态环境厅",
            "省农业农村厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省林业局",
            "省市场监管局",
            "省体育局",
            "省文物局",
            "省总工会",
            "团省委",
            "省妇联",
            "省地震局",
            "省气象局",
        ),
    ),
    Programme(
        "PRJ_GRASSROOTS",
        "基层科普能力提升工程（含应急科普）",
        "三(四)",
        "PROJECT",
        (),
        ("省科技厅", "省应急厅", "省卫生健康委"),
        (
            "省委组织部",
            "省委宣传部",
            "省人力资源社会保障厅",
            "省教育厅",
            "省财政厅",
            "省自然资源厅",
            "省生态环境厅",
            "省农业农村厅",
            "省广电局",
            "省科协",
            "省地震局",
            "省气象局",
        ),
    ),
)


def programmes_under_way() -> Decision[int]:
    """S27 / 二, 三: the plan runs five improvement actions and four key projects, 省科协 coordinating (四(一)1)."""
    actions = sum(p.kind == "ACTION" for p in PROGRAMMES)
    projects = sum(p.kind == "PROJECT" for p in PROGRAMMES)
    return decide(
        actions + projects,
        f"{actions} improvement actions, {projects} key projects",
        plan("二, 三", "S27", "五大提升行动、四项重点工程"),
    )


class TrainingProgramme(StrEnum):
    """Training programmes with a target, and how each is counted."""

    SCI_COUNSELLOR = "SCI_COUNSELLOR"  # 科技辅导员 (二(一)7, S5): persons
    FARMER = "FARMER"  # 农民教育培训 (二(二)2, S6): 人次
    RURAL_ENTREPRENEUR = "RURAL_ENTREPRENEUR"  # 农村创业创新带头人 (二(二)2, S7): persons
    SKILLS_WORKER = "SKILLS_WORKER"  # 技能人才 (二(三)3, S18): 人次
    CADRE = "CADRE"  # 干部科学素质培训 (二(五)2–3): no number
    MEDIA_SCI_COMM = "MEDIA_SCI_COMM"  # 媒体从业人员科学传播培训 (三(二)3): no number
    EMERGENCY_STAFF = "EMERGENCY_STAFF"  # 应急管理干部应急科普培训 (三(四)1): no number


PERSON_COUNTED = frozenset({TrainingProgramme.SCI_COUNSELLOR, TrainingProgramme.RURAL_ENTREPRENEUR})


def training_record(programme: TrainingProgramme, person_id: str | None, person_times: int) -> Decision[bool]:
    """二(一)7 (R3), 二(二)2 (R5), 二(三)3 (R13): 「培训3000名科技辅导员」 and 「带头人5万名」 count persons, so
    their records name one person (a pseudonymous id) and count once; 「50万人次」 and 「55万人次」 count
    person-times, so a record may stand for a class (person_times ≥ 1) without names."""
    programme = TrainingProgramme(programme)
    if person_times < 1:
        raise ScienceRuleError("a training record counts at least one person-time")
    if programme in PERSON_COUNTED:
        if not person_id or person_times != 1:
            raise ScienceRuleError(
                f"{programme.value} is counted in distinct persons: one record per person, with person_id",
                basis=(plan("二(一)7" if programme is TrainingProgramme.SCI_COUNSELLOR else "二(二)2", "R3/R5"),),
            )
        return decide(True, "one person", plan("二(一)7", "R3", "名: counted in persons"))
    return decide(True, f"{person_times} person-times", plan("二(三)3", "R13", "人次: counted in person-times"))


class ProjectLevel(StrEnum):
    NATIONAL = "NATIONAL"  # 国家级立项
    PROVINCIAL = "PROVINCIAL"  # 省级立项


class ProjectState(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    COMPLETED = "COMPLETED"


class ProjectAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    COMPLETE = "complete"


class IllegalProjectTransition(IllegalTransition, ScienceRuleError):
    """A W6 step not allowed from the project's state (HTTP 409)."""


_PROJECT: dict[tuple[ProjectState, ProjectAction], ProjectState] = {
    (ProjectState.SUBMITTED, ProjectAction.APPROVE): ProjectState.APPROVED,
    (ProjectState.SUBMITTED, ProjectAction.REJECT): ProjectState.REJECTED,
    (ProjectState.APPROVED, ProjectAction.COMPLETE): ProjectState.COMPLETED,
}
COUNTED_PROJECT_STATES = (ProjectState.APPROVED, ProjectState.COMPLETED)  # 立项 = approved, whether finished or not


def next_project_state(state: ProjectState, action: ProjectAction) -> Decision[ProjectState]:
    """W6 / 二(一)3: a university innovation project is submitted, approved (立项, counted for S3/S4 in its year)
    or rejected, then completed."""
    try:
        new = _PROJECT[(ProjectState(state), ProjectAction(action))]
    except KeyError:
        raise IllegalProjectTransition(f"innovation project (W6): cannot {action} when {state}") from None
    return decide(new, f"{state} --{action}--> {new}", plan("二(一)3", "W6", "大学生创新创业训练计划"))


def directed_quota_met(requested: int, granted: int) -> Decision[bool]:
    """R4 / 二(一)7: 「满足各县市区科学教育专业公费定向师范生培养需求」 — a county's request for state-funded
    directed science-teacher trainees is met only in full: 12 requested, 11 granted is a shortfall."""
    if requested < 0 or granted < 0:
        raise ScienceRuleError("quota numbers cannot be negative")
    met = granted >= requested
    return decide(
        met,
        f"{granted} granted of {requested} requested" + ("" if met else f": {requested - granted} short"),
        plan("二(一)7", "R4", "满足各县市区科学教育专业公费定向师范生培养需求"),
    )


class DesignationKind(StrEnum):
    """Designations the plan counts, each toward its target."""

    CRAFTSMAN_BASE = "CRAFTSMAN_BASE"  # “湖湘工匠”培育竞赛基地 (S11)
    INNOVATION_STUDIO = "INNOVATION_STUDIO"  # 劳模和工匠人才创新工作室 (S12)
    HIGH_SKILL_TALENT_OR_PAIR = "HIGH_SKILL_TALENT_OR_PAIR"  # 高技能领军人才 / 师徒“结对子” (S13)
    HIGHER_VOCATIONAL_COLLEGE = "HIGHER_VOCATIONAL_COLLEGE"  # 高水平高职学校 (S14)
    SECONDARY_VOCATIONAL_SCHOOL = "SECONDARY_VOCATIONAL_SCHOOL"  # 优质中等职业学校 (S15)
    HIGHER_VOCATIONAL_MAJOR = "HIGHER_VOCATIONAL_MAJOR"  # 高职高水平专业 (S16)
    SECONDARY_VOCATIONAL_MAJOR = "SECONDARY_VOCATIONAL_MAJOR"  # 中职优质专业 (S17)
    HEALTH_PROMOTION_COUNTY = "HEALTH_PROMOTION_COUNTY"  # 健康促进县市区 (S22)
    CITY_PLATFORM_EMBEDDED = "CITY_PLATFORM_EMBEDDED"  # 市州党群（政务）服务网络平台 embeds 科普中国/科普湖南 (S24)
    COUNTY_MEDIA_EMBEDDED = "COUNTY_MEDIA_EMBEDDED"  # 县级融媒体中心 embeds 科普中国/科普湖南 (S24)
    DEMO_COUNTY = "DEMO_COUNTY"  # 全国科普示范县市区 (R26, no number)


# Designations that name a division of a given level, one per division (a county is a health-promotion county
# once; a city's platform embeds once).
PER_DIVISION = {
    DesignationKind.HEALTH_PROMOTION_COUNTY: "county",
    DesignationKind.COUNTY_MEDIA_EMBEDDED: "county",
    DesignationKind.DEMO_COUNTY: "county",
    DesignationKind.CITY_PLATFORM_EMBEDDED: "prefecture",
}


def designation_division(kind: DesignationKind, division_level: str) -> Decision[bool]:
    """三(四)3 (R18, R26), 三(二)4 (R19): a county designation names a county, a city platform a 市州."""
    wanted = PER_DIVISION.get(DesignationKind(kind))
    if wanted is not None and division_level != wanted:
        raise ScienceRuleError(f"{kind} names a {wanted}, not a {division_level}")
    return decide(True, f"{kind} on a {division_level}", design("S22/S24", "one designation per division"))


def schools_missing_visit(schools: Iterable[str], visited: Iterable[str]) -> Decision[list[str]]:
    """R11 / 二(一)5: 「支持中小学校每学期到科技馆、博物馆、科普教育基地…开展科学教育」 — every school has at
    least one venue visit per semester; those without one are reported (a warning, S-T20)."""
    missing = sorted(set(schools) - set(visited))
    return decide(
        missing,
        f"{len(missing)} school(s) without a venue visit this semester",
        plan("二(一)5", "R11", "每学期到科技馆、博物馆、科普教育基地等开展科学教育"),
        design("R11", "a semester without a visit is a warning"),
    )


class DispatchState(StrEnum):
    REQUESTED = "REQUESTED"
    MATCHED = "MATCHED"
    DISPATCHED = "DISPATCHED"
    COMPLETED = "COMPLETED"


class DispatchAction(StrEnum):
    MATCH = "match"
    DISPATCH = "dispatch"
    COMPLETE = "complete"


class IllegalDispatchTransition(IllegalTransition, ScienceRuleError):
    """A W8 step not allowed from the dispatch's state (HTTP 409)."""


_DISPATCH: dict[tuple[DispatchState, DispatchAction], DispatchState] = {
    (DispatchState.REQUESTED, DispatchAction.MATCH): DispatchState.MATCHED,
    (DispatchState.MATCHED, DispatchAction.DISPATCH): DispatchState.DISPATCHED,
    (DispatchState.DISPATCHED, DispatchAction.COMPLETE): DispatchState.COMPLETED,
}


def next_dispatch_state(state: DispatchState, action: DispatchAction) -> Decision[DispatchState]:
    """W8 / 三(四)2: 「以志愿服务为主要手段」 — a request is matched to a volunteer team, dispatched, completed."""
    try:
        new = _DISPATCH[(DispatchState(state), DispatchAction(action))]
    except KeyError:
        raise IllegalDispatchTransition(f"volunteer dispatch (W8): cannot {action} when {state}") from None
    return decide(new, f"{state} --{action}--> {new}", plan("三(四)2", "W8", "科技志愿服务"))


def team_serves(team_division: str, dispatch_division: str, team_area: Iterable[str]) -> Decision[bool]:
    """W8 [D]: a team is matched only to a request inside its own division (a provincial team serves anywhere)."""
    serves = dispatch_division in set(team_area)
    if not serves:
        raise ScienceRuleError(f"a team of {team_division} does not serve {dispatch_division}")
    return decide(True, f"{team_division} covers {dispatch_division}", design("W8", "teams serve their own area"))


class LocalPlanState(StrEnum):
    DRAFTED = "DRAFTED"
    APPROVED = "APPROVED"


class IllegalLocalPlanTransition(IllegalTransition, ScienceRuleError):
    """A W10 step not allowed from the plan's state (HTTP 409)."""


def approve_local_plan(state: LocalPlanState) -> Decision[LocalPlanState]:
    """W10 / 四(一)2: 「各市州、县市区要制定具体实施计划和办法」 — a drafted local plan is approved once; annual
    assessments (同考核、同奖惩, 四(一)2) are recorded against approved plans."""
    if LocalPlanState(state) is not LocalPlanState.DRAFTED:
        raise IllegalLocalPlanTransition(f"local plan (W10): cannot approve when {state}")
    return decide(
        LocalPlanState.APPROVED, "DRAFTED --approve--> APPROVED", plan("四(一)2", "W10", "具体实施计划和办法")
    )
