"""Emergency assistance for disabled persons (急难救助 / 应急帮扶): selection, liaisons, contact, visits, supplies."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Basis, Decision

from .basis import design, plan
from .enums import (
    SEVERE_GRADES,
    DisabilityCategory,
    DisabilityGrade,
    GuardianStatus,
    TekunSupportMode,
    is_hardship,
)
from .errors import IllegalCaseTransition, NoLiaisonAvailable
from .models import PersonFacts

R17 = plan("三(二)2", "R17", "在重特大自然灾害、重大疫情等突发公共事件中做好对困难残疾人的急难救助")
R56 = plan("专栏6·6", "R56", "落实包保联系人，加强走访探视，及时提供必要帮助")
R57 = plan(
    "专栏6·6",
    "R57",
    "监护人暂时无法履行监护职责……住所地的村（居）委会或者相关部门应当及时提供必要的临时生活照护",
)
R59 = plan("三(七)5", "R59", "探索建立居民结对帮扶机制，帮助残疾人应对突发灾害、及时疏散")
R60 = plan("专栏9·二·3", "R60", "国家通用手语、国家通用盲文作为应急语言服务")
RE1 = design("R-E1", "vulnerability selection for emergency assistance, built on R17 and R56–R59")


# --- Vulnerability (R-E1, R17, R56–R59) -----------------------------------------------------------------


def is_vulnerable(
    grade: DisabilityGrade,
    lives_alone: bool,
    guardian_able: bool | None,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[bool]:
    """R-E1 (b)(c)(e) on R17/R56–R57: vulnerable = severe (一、二级), living alone, or a ward whose guardian cannot act.

    `guardian_able` is None for an adult who is not a ward (no guardian is needed, so none is missing).
    """
    reasons = []
    if DisabilityGrade(grade) in severe_grades:
        reasons.append(f"severe disability (grade {int(grade)})")
    if lives_alone:
        reasons.append("lives alone")
    if guardian_able is False:
        reasons.append("guardian unable to act")
    basis = (RE1, R17, R56, R57)
    if reasons:
        return Decision[bool](value=True, reason="vulnerable: " + ", ".join(reasons), basis=basis)
    return Decision[bool](value=False, reason="not severe, not alone, guardian able or not needed", basis=basis)


class EmergencySelection(StrEnum):
    """What a declared disaster means for one registered person in the affected area."""

    OPEN_CASE = "open_case"  # R-E1 (a)–(g): open an assistance case with a liaison
    NOTIFY_ONLY = "notify_only"  # R-E1 (h)–(i) alone: accessible notification list, no case
    NONE = "none"


@dataclass(frozen=True)
class VulnerabilityPolicy:
    """R-E1 predicates; each can be switched off per deployment (settings `vulnerability.*`)."""

    hardship: bool = True  # (a) 困难残疾人
    severe: bool = True  # (b)
    guardian_or_orphan: bool = True  # (c)
    intellectual_mental_multiple: bool = True  # (d)
    lives_alone: bool = True  # (e)
    home_isolated: bool = True  # (f)
    tekun_dispersed: bool = True  # (g)
    visual_or_hearing_notify: bool = True  # (h)
    elderly_notify: bool = True  # (i)
    elderly_age: int = 60  # [BG] 老年人权益保障法: 60 and over
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES


DEFAULT_VULNERABILITY_POLICY = VulnerabilityPolicy()

# R-E1 (d): categories that open a case on their own (SQL selection in the service mirrors this set).
COGNITIVE_CATEGORIES = frozenset(
    {DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL, DisabilityCategory.MULTIPLE}
)
_COGNITIVE = COGNITIVE_CATEGORIES  # kept for the service layer's current import; prefer the public name
_SENSORY = frozenset({DisabilityCategory.VISUAL, DisabilityCategory.HEARING})


def vulnerability_reasons(person: PersonFacts, policy: VulnerabilityPolicy = DEFAULT_VULNERABILITY_POLICY) -> list[str]:
    """The R-E1 (a)–(g) predicates that hold for the person, by letter and name."""
    checks = [
        (
            policy.hardship and is_hardship(person.household_status, person.anti_relapse_monitored),
            "(a) hardship",
        ),
        (policy.severe and person.grade in policy.severe_grades, "(b) severe grade"),
        (
            policy.guardian_or_orphan
            and (person.guardian is GuardianStatus.GUARDIAN_UNABLE or person.orphan_or_unsupported_child),
            "(c) guardian unable or orphan",
        ),
        (
            policy.intellectual_mental_multiple and person.category in _COGNITIVE,
            "(d) intellectual/mental/multiple",
        ),
        (policy.lives_alone and person.lives_alone, "(e) lives alone"),
        (policy.home_isolated and person.home_isolated, "(f) home isolated"),
        (policy.tekun_dispersed and person.tekun_support is TekunSupportMode.DISPERSED, "(g) 特困 dispersed"),
    ]
    return [name for holds, name in checks if holds]


def emergency_selection(
    person: PersonFacts, policy: VulnerabilityPolicy = DEFAULT_VULNERABILITY_POLICY
) -> Decision[EmergencySelection]:
    """R-E1: open a case for (a)–(g); put (h) visual/hearing or (i) elderly persons on the notification list only."""
    basis = (RE1, R17, R56, R57, R60)
    reasons = vulnerability_reasons(person, policy)
    if reasons:
        return Decision[EmergencySelection](
            value=EmergencySelection.OPEN_CASE, reason="open case: " + ", ".join(reasons), basis=basis
        )
    if policy.visual_or_hearing_notify and person.category in _SENSORY:
        return Decision[EmergencySelection](
            value=EmergencySelection.NOTIFY_ONLY,
            reason="(h) visual/hearing: accessible notification",
            basis=basis,
        )
    if policy.elderly_notify and person.age is not None and person.age >= policy.elderly_age:
        return Decision[EmergencySelection](
            value=EmergencySelection.NOTIFY_ONLY, reason="(i) elderly and disabled: notification", basis=basis
        )
    return Decision[EmergencySelection](value=EmergencySelection.NONE, reason="no R-E1 predicate holds", basis=basis)


def affected_counties(affected_division_codes: Iterable[str]) -> list[str]:
    """R17 / 三(二)2, W6 step 2: the counties whose residents an emergency's area reaches, sorted.

    A province or prefecture code covers its counties. A 9-digit township or 12-digit village code (统计用区划代码,
    as the emergency service declares local disasters and warnings) reaches its county — the first six digits:
    the register records residence (住所地) by county, the township only as a name, so the service cannot tell
    who inside the county lives in the township, and leaving the county's vulnerable persons without a case
    would be the worse error (a case of a person not hit is closed after its first visit) [D]. A code whose
    county is not a Hunan county is refused (UnknownDivision, a ValueError)."""
    codes = set()
    for code in affected_division_codes:
        if len(code) in (9, 12) and code.isdigit():
            county = divisions.get(code[:6])
            if county.level is not divisions.Level.COUNTY:
                raise divisions.UnknownDivision(code)
            codes.add(county.code)
        else:
            codes.add(code)
    return divisions.expand_to_counties(sorted(codes))


def resides_in_affected_area(residence_division_code: str, affected_division_codes: Iterable[str]) -> bool:
    """W6 step 2: match by residence (住所地), hierarchically: a prefecture code covers its counties, a township or
    village code reaches its county (`affected_counties`)."""
    return residence_division_code in affected_counties(affected_division_codes)


@dataclass(frozen=True)
class DisasterSelection:
    """Persons for whom a declared disaster opens a case, and those who are only notified."""

    open_case: tuple[str, ...]
    notify_only: tuple[str, ...]


def select_for_disaster(
    persons: Iterable[PersonFacts],
    affected_division_codes: Sequence[str],
    already_opened_person_ids: Iterable[str] = (),
    policy: VulnerabilityPolicy = DEFAULT_VULNERABILITY_POLICY,
) -> DisasterSelection:
    """W6 steps 1–3: persons residing in the affected divisions, by R-E1, skipping persons with a case already.

    Passing the persons already holding a case for this incident makes a redelivered event open nothing (T-17).
    """
    already = set(already_opened_person_ids)
    open_case: list[str] = []
    notify: list[str] = []
    for person in persons:
        if person.person_id in already or not resides_in_affected_area(
            person.residence_division_code, affected_division_codes
        ):
            continue
        selection = emergency_selection(person, policy).value
        if selection is EmergencySelection.OPEN_CASE:
            open_case.append(person.person_id)
            already.add(person.person_id)
        elif selection is EmergencySelection.NOTIFY_ONLY:
            notify.append(person.person_id)
    return DisasterSelection(open_case=tuple(open_case), notify_only=tuple(notify))


# --- Temporary care (R57) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemporaryCareDuty:
    """Who must provide 临时生活照护 and where: the 村（居）委会 of the ward's residence, or the relevant department."""

    responsible: str
    division_code: str


RESIDENCE_COMMITTEE = "被监护人住所地的村（居）委会或者相关部门"


def needs_temporary_care(
    guardian: GuardianStatus, other_carer_present: bool, residence_division_code: str
) -> Decision[TemporaryCareDuty | None]:
    """专栏6·6 (R57): guardian temporarily unable to act AND ward left without care → mandatory temporary care.

    The duty follows the residence (住所地), never the 户籍. Another carer present → no mandatory episode.
    """
    basis = (R57,)
    guardian = GuardianStatus(guardian)
    if guardian is not GuardianStatus.GUARDIAN_UNABLE:
        return Decision[TemporaryCareDuty | None](value=None, reason="guardian able or not a ward", basis=basis)
    if other_carer_present:
        return Decision[TemporaryCareDuty | None](
            value=None,
            reason="guardian unable but another carer present: not 无人照料; record only",
            basis=basis,
        )
    duty = TemporaryCareDuty(responsible=RESIDENCE_COMMITTEE, division_code=residence_division_code)
    return Decision[TemporaryCareDuty | None](
        value=duty,
        reason="guardian unable and no one caring: temporary care is mandatory (应当)",
        basis=basis,
    )


# --- Contact channels (R56, R60) -------------------------------------------------------------------------


class Channel(StrEnum):
    """How a liaison reaches the person."""

    VOICE_CALL = "voice_call"
    TEXT_MESSAGE = "text_message"
    SIGN_LANGUAGE_VIDEO = "sign_language_video"  # 国家通用手语 as an emergency language service (R60)
    VIA_GUARDIAN = "via_guardian"
    IN_PERSON_VISIT = "in_person_visit"  # 走访探视 (R56): always the last resort


# [DESIGN] `contact_channels.table`: preferred channels per category, first is tried first.
CONTACT_CHANNEL_TABLE: dict[DisabilityCategory, tuple[Channel, ...]] = {
    DisabilityCategory.VISUAL: (Channel.VOICE_CALL,),
    DisabilityCategory.HEARING: (Channel.TEXT_MESSAGE, Channel.SIGN_LANGUAGE_VIDEO),
    DisabilityCategory.SPEECH: (Channel.TEXT_MESSAGE,),
    DisabilityCategory.PHYSICAL: (Channel.VOICE_CALL, Channel.TEXT_MESSAGE),
    DisabilityCategory.INTELLECTUAL: (Channel.VIA_GUARDIAN,),
    DisabilityCategory.MENTAL: (Channel.VIA_GUARDIAN,),
    DisabilityCategory.MULTIPLE: (),  # union of the components, see contact_channels
}


def contact_channels(
    category: DisabilityCategory,
    component_categories: Iterable[DisabilityCategory] = (),
    guardian: GuardianStatus = GuardianStatus.NOT_A_WARD,
) -> Decision[list[Channel]]:
    """R56/R60: channels a liaison uses, by category (table in RULES.md); an in-person visit always closes the list.

    A multiple disability takes the union of its components' channels. "Via guardian" is dropped when the
    guardian cannot act, leaving the in-person visit by the liaison.
    """
    category, guardian = DisabilityCategory(category), GuardianStatus(guardian)
    categories = [category]
    if category is DisabilityCategory.MULTIPLE:
        categories = [DisabilityCategory(c) for c in component_categories if c is not DisabilityCategory.MULTIPLE]
    channels: list[Channel] = []
    for item in categories:
        for channel in CONTACT_CHANNEL_TABLE[item]:
            if channel is Channel.VIA_GUARDIAN and guardian is GuardianStatus.GUARDIAN_UNABLE:
                continue
            if channel not in channels:
                channels.append(channel)
    channels.append(Channel.IN_PERSON_VISIT)
    reason = f"{category.name.lower()}: " + ", ".join(channel.value for channel in channels)
    return Decision[list[Channel]](value=channels, reason=reason, basis=(R56, R60))


# --- Liaison assignment (R56 包保联系人) -------------------------------------------------------------------


def assign_liaisons(
    case_ids: Sequence[str], roster_loads: Mapping[str, int], max_cases_per_liaison: int | None = None
) -> dict[str, str]:
    """专栏6·6 (R56) 落实包保联系人: give each case to the least-loaded liaison; ties go to the smaller liaison id.

    Cases are taken in the given order (callers pass them most-vulnerable first); a repeated case id is
    assigned once. With `max_cases_per_liaison`, cases that fit nowhere are left out of the result so the
    caller can escalate them. Deterministic: same input, same output.
    """
    if not case_ids:
        return {}
    if not roster_loads:
        raise NoLiaisonAvailable(f"{len(case_ids)} case(s) need a liaison but the roster is empty")
    if any(load < 0 for load in roster_loads.values()):
        raise ValueError("liaison loads cannot be negative")
    heap = [(load, liaison_id) for liaison_id, load in roster_loads.items()]
    heapq.heapify(heap)
    assignment: dict[str, str] = {}
    for case_id in case_ids:
        if case_id in assignment:
            continue
        load, liaison_id = heap[0]
        if max_cases_per_liaison is not None and load >= max_cases_per_liaison:
            continue  # everyone is full: leave the rest unassigned
        assignment[case_id] = liaison_id
        heapq.heapreplace(heap, (load + 1, liaison_id))
    return assignment


def liaison_quotas(waiting: int, roster_loads: Mapping[str, int]) -> dict[str, int]:
    """专栏6·6 (R56) 落实包保联系人: how many of `waiting` cases each liaison takes under `assign_liaisons`.

    The same balance as giving the cases one by one to the least-loaded liaison (ties to the smaller id),
    computed by water-filling in O(liaisons · log cases) instead of per case: every liaison below a level
    L is raised to L, and the remainder goes one each to the liaisons at L in id order. Liaisons who take
    nothing are left out. Equals `Counter(assign_liaisons(<waiting distinct cases>, roster_loads).values())`.
    """
    if waiting < 0:
        raise ValueError("the number of waiting cases cannot be negative")
    if not waiting:
        return {}
    if not roster_loads:
        raise NoLiaisonAvailable(f"{waiting} case(s) need a liaison but the roster is empty")
    if any(load < 0 for load in roster_loads.values()):
        raise ValueError("liaison loads cannot be negative")

    def filled(level: int) -> int:
        return sum(max(0, level - load) for load in roster_loads.values())

    low, high = min(roster_loads.values()), min(roster_loads.values()) + waiting  # filled(low) = 0 <= waiting
    while low < high:  # the highest level L with filled(L) <= waiting
        mid = (low + high + 1) // 2
        low, high = (mid, high) if filled(mid) <= waiting else (low, mid - 1)
    level, remainder = low, waiting - filled(low)
    quotas = {liaison_id: level - load for liaison_id, load in roster_loads.items() if load < level}
    for liaison_id in sorted(i for i, load in roster_loads.items() if load <= level)[:remainder]:
        quotas[liaison_id] = quotas.get(liaison_id, 0) + 1
    return dict(sorted(quotas.items()))


# --- Visit schedule (R56 加强走访探视, R23) ------------------------------------------------------------------


class ResponseLevel(StrEnum):
    """Emergency response level declared by the emergency service: I (most severe) to IV."""

    I = "I"  # noqa: E741 - the official name of the level
    II = "II"
    III = "III"
    IV = "IV"


@dataclass(frozen=True)
class VisitPlan:
    first_contact_within: dt.timedelta
    interval: dt.timedelta
    visits: int


# [DESIGN] `visit_plans`: first contact within 10 h at every level (the emergency plan's 10-hour relief
# target, [G]); later visits at least weekly while a case is open (R23 [D]), denser for graver levels.
DEFAULT_VISIT_PLANS: dict[ResponseLevel, VisitPlan] = {
    ResponseLevel.I: VisitPlan(dt.timedelta(hours=4), dt.timedelta(days=1), 14),
    ResponseLevel.II: VisitPlan(dt.timedelta(hours=6), dt.timedelta(days=2), 7),
    ResponseLevel.III: VisitPlan(dt.timedelta(hours=10), dt.timedelta(days=3), 5),
    ResponseLevel.IV: VisitPlan(dt.timedelta(hours=10), dt.timedelta(days=7), 4),
}


def visit_schedule(
    opened_at: dt.datetime,
    response_level: ResponseLevel,
    plans: Mapping[ResponseLevel, VisitPlan] = DEFAULT_VISIT_PLANS,
) -> list[dt.datetime]:
    """专栏6·6 (R56) 加强走访探视: due times of the visits for a case opened at `opened_at` (timezone-aware)."""
    if opened_at.tzinfo is None:
        raise ValueError("opened_at must carry a timezone (Asia/Shanghai)")
    visit_plan = plans[ResponseLevel(response_level)]
    first = opened_at + visit_plan.first_contact_within
    return [first + visit_plan.interval * index for index in range(visit_plan.visits)]


# --- Supplies (W6 step 6 [D]) ----------------------------------------------------------------------------

# [DESIGN] `supply_kit_per_person`: a 3-day kit per person in an open case.
STANDARD_KIT_PER_PERSON: dict[str, int] = {
    "food_ration_day": 3,
    "drinking_water_litre": 9,
    "first_aid_kit": 1,
    "blanket": 1,
    "power_bank": 1,  # keeps hearing aids, phones and powered wheelchairs charged
}


def aggregate_supply_request(
    cases_by_division: Mapping[str, int], kit: Mapping[str, int] = STANDARD_KIT_PER_PERSON
) -> dict[str, dict[str, int]]:
    """W6 step 6 [D] on R17 (及时提供必要帮助): per-division item quantities = open cases × standard kit.

    Only counts leave the service (no personal data). Divisions are validated; zero-case divisions are left out.
    """
    request: dict[str, dict[str, int]] = {}
    for division_code in sorted(cases_by_division):
        count = cases_by_division[division_code]
        divisions.validate(division_code)
        if count < 0:
            raise ValueError(f"negative case count for {division_code}")
        if count:
            request[division_code] = {item: per_person * count for item, per_person in sorted(kit.items())}
    return request


# --- Case state machine (W6, simplified lifecycle) -------------------------------------------------------


class CaseStatus(StrEnum):
    OPENED = "opened"
    LIAISON_ASSIGNED = "liaison_assigned"
    VISITED = "visited"
    SUPPLIED = "supplied"
    CLOSED = "closed"
    CANCELLED = "cancelled"  # opened in error, not in the area, deceased


class CaseAction(StrEnum):
    ASSIGN_LIAISON = "assign_liaison"
    RECORD_VISIT = "record_visit"
    MARK_SUPPLIED = "mark_supplied"
    CLOSE = "close"
    CANCEL = "cancel"


@dataclass(frozen=True)
class CaseTransition:
    before: CaseStatus
    after: CaseStatus
    changed: bool  # False: the action was already applied (idempotent no-op), emit no event


_PROGRESS = [
    CaseStatus.OPENED,
    CaseStatus.LIAISON_ASSIGNED,
    CaseStatus.VISITED,
    CaseStatus.SUPPLIED,
    CaseStatus.CLOSED,
]
_TARGET = {
    CaseAction.ASSIGN_LIAISON: CaseStatus.LIAISON_ASSIGNED,
    CaseAction.RECORD_VISIT: CaseStatus.VISITED,
    CaseAction.MARK_SUPPLIED: CaseStatus.SUPPLIED,
    CaseAction.CLOSE: CaseStatus.CLOSED,
    CaseAction.CANCEL: CaseStatus.CANCELLED,
}
# The statuses from which each action moves the case forward.
_ALLOWED_FROM = {
    CaseAction.ASSIGN_LIAISON: {CaseStatus.OPENED},
    CaseAction.RECORD_VISIT: {CaseStatus.LIAISON_ASSIGNED},
    # Supplies can arrive before the first visit once a liaison holds the case.
    CaseAction.MARK_SUPPLIED: {CaseStatus.LIAISON_ASSIGNED, CaseStatus.VISITED},
    # Not every case needs supplies, but every case is visited before closing (R56 走访探视).
    CaseAction.CLOSE: {CaseStatus.VISITED, CaseStatus.SUPPLIED},
    CaseAction.CANCEL: {
        CaseStatus.OPENED,
        CaseStatus.LIAISON_ASSIGNED,
        CaseStatus.VISITED,
        CaseStatus.SUPPLIED,
    },
}


def transition_case(status: CaseStatus, action: CaseAction, active_temporary_care: bool = False) -> CaseTransition:
    """W6: opened → liaison_assigned → visited → supplied → closed (or cancelled).

    Idempotent: an action whose result the case has already reached is a no-op (`changed=False`), so a
    redelivered event or a second visit does no harm. Anything else out of order raises IllegalCaseTransition.
    A case with an active temporary-care episode (R57) cannot close (T-20).
    """
    status, action = CaseStatus(status), CaseAction(action)
    target = _TARGET[action]
    if status is target or _already_passed(status, target):
        return CaseTransition(before=status, after=status, changed=False)
    if status in (CaseStatus.CLOSED, CaseStatus.CANCELLED):
        raise IllegalCaseTransition(status, action, "the case is finished")
    if status not in _ALLOWED_FROM[action]:
        raise IllegalCaseTransition(
            status, action, f"allowed only from {sorted(s.value for s in _ALLOWED_FROM[action])}"
        )
    if action is CaseAction.CLOSE and active_temporary_care:
        raise IllegalCaseTransition(status, action, "a temporary-care episode (R57) is still active")
    return CaseTransition(before=status, after=target, changed=True)


def _already_passed(status: CaseStatus, target: CaseStatus) -> bool:
    """True when `status` lies after `target` on the forward path (a late liaison or visit event)."""
    if status not in _PROGRESS or target not in _PROGRESS or status is CaseStatus.CLOSED:
        return False
    return _PROGRESS.index(status) > _PROGRESS.index(target)


def should_close_case(
    disaster_lifted: bool, active_temporary_care: bool, open_support_items: int, status: CaseStatus
) -> Decision[bool]:
    """W6 closing [D]: close once the disaster is lifted, no temporary care is active and no support item is open."""
    basis: tuple[Basis, ...] = (design("W6", "closing rule"), R57)
    if status not in (CaseStatus.VISITED, CaseStatus.SUPPLIED):
        return Decision[bool](value=False, reason=f"case is {status.value}: not ready to close", basis=basis)
    if not disaster_lifted:
        return Decision[bool](value=False, reason="disaster not lifted", basis=basis)
    if active_temporary_care:
        return Decision[bool](value=False, reason="temporary-care episode still active (R57)", basis=basis)
    if open_support_items:
        return Decision[bool](value=False, reason=f"{open_support_items} support item(s) open", basis=basis)
    return Decision[bool](value=True, reason="disaster lifted and no open care or support", basis=basis)


def urgent_assistance_due(hardship: bool, affected_by_public_emergency: bool) -> Decision[bool]:
    """三(二)2 (R17): a 困难残疾人 affected by a major disaster or epidemic gets 急难救助 through 临时救助."""
    due = hardship and affected_by_public_emergency
    reason = "hardship and affected: urgent assistance" if due else "not both hardship and affected"
    return Decision[bool](value=due, reason=reason, basis=(R17,))


_EVACUATION_NEEDS = frozenset(
    {
        DisabilityCategory.PHYSICAL,
        DisabilityCategory.VISUAL,
        DisabilityCategory.HEARING,
        DisabilityCategory.MULTIPLE,
    }
)


def evacuation_buddy_needed(category: DisabilityCategory) -> Decision[bool]:
    """三(七)5 (R59) 结对帮扶: mobility, visual or hearing needs → keep a buddy who is alerted on a declaration."""
    category = DisabilityCategory(category)
    needed = category in _EVACUATION_NEEDS
    reason = f"{category.name.lower()}: " + ("evacuation buddy needed" if needed else "no evacuation buddy needed")
    return Decision[bool](value=needed, reason=reason, basis=(R59,))
