"""Governance rules: enforcement transparency and 双随机一公开, township capability, funding in the budget,
plan evaluation, major decisions and the enforcement-items list with criminal hand-over (R54–R56, R58, R60, R61)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis
from hunan_shared.legal import Decision

TOWNSHIP_TEAM_MINIMUM = 15  # 专栏7: 乡镇（街道）综合性应急救援队伍不少于15人


def enforcement_transparency_gaps(
    *, publicised: bool, fully_recorded: bool, is_major_decision: bool, legally_reviewed: bool
) -> Decision[tuple[str, ...]]:
    """Plan 4(四) / 第四章（四）: every enforcement action is publicised (公示) and recorded through the whole
    process (全过程记录); major decisions also pass legal review (重大执法决定法制审核) (R54)."""
    gaps = [name for name, ok in (("publicity", publicised), ("full_process_record", fully_recorded)) if not ok]
    if is_major_decision and not legally_reviewed:
        gaps.append("legal_review")
    return decide(
        tuple(gaps),
        "三项制度 met" if not gaps else f"missing: {', '.join(gaps)}",
        plan_basis("Plan 4(四) / 第四章（四）", "行政执法三项制度"),
    )


@dataclass(frozen=True)
class RandomInspection:
    targets: tuple[str, ...]
    inspectors: tuple[str, ...]


def double_random_selection(
    targets: Sequence[str],
    inspectors: Sequence[str],
    *,
    target_count: int,
    inspector_count: int,
    rng: random.Random,
) -> Decision[RandomInspection]:
    """名词解释7 / 双随机一公开: inspection targets and inspectors are both drawn at random, and the results
    are published; the caller passes a seeded `rng` so the draw is reproducible and auditable (R54)."""
    if target_count > len(targets) or inspector_count > len(inspectors) or min(target_count, inspector_count) < 1:
        raise InvalidInput("draw sizes must be between 1 and the pool sizes")
    picked = RandomInspection(
        tuple(sorted(rng.sample(list(targets), target_count))),
        tuple(sorted(rng.sample(list(inspectors), inspector_count))),
    )
    return decide(
        picked,
        f"{target_count} of {len(targets)} targets, {inspector_count} of {len(inspectors)} inspectors drawn; "
        "publish results",
        plan_basis("名词解释7", "随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开"),
    )


@dataclass(frozen=True)
class TownshipCapability:
    """六有 of a township (街道): Plan 11(七), 专栏7."""

    leadership_body: bool
    specialist_groups: frozenset[str]  # of SPECIALIST_GROUPS
    working_mechanism: bool
    plans: bool
    team_size: int
    supplies_and_equipment: bool
    training_and_drills: bool


SPECIALIST_GROUPS = frozenset({"安全生产（消防安全）", "防汛抗旱", "地质灾害", "森林消防"})


def township_capability_gaps(township: TownshipCapability) -> Decision[tuple[str, ...]]:
    """Plan 11(七) / 第十一章（七） and 专栏7: a township "has six" — a leadership body with its four specialist
    groups, a working mechanism, plans, a team of at least 15, supplies and equipment, training and
    drills (六有) (R55)."""
    gaps = [
        name
        for name, ok in (
            ("leadership_body", township.leadership_body),
            ("working_mechanism", township.working_mechanism),
            ("plans", township.plans),
            ("team", township.team_size >= TOWNSHIP_TEAM_MINIMUM),
            ("supplies_and_equipment", township.supplies_and_equipment),
            ("training_and_drills", township.training_and_drills),
        )
        if not ok
    ]
    gaps += [f"specialist_group:{group}" for group in sorted(SPECIALIST_GROUPS - township.specialist_groups)]
    return decide(
        tuple(gaps),
        "六有 complete" if not gaps else f"missing: {', '.join(gaps)}",
        plan_basis("Plan 11(七) / 第十一章（七）", "六有"),
        plan_basis("专栏7"),
    )


def village_station_gaps(
    *, site_and_facilities: bool, equipment_and_supplies: bool, work_rules: bool
) -> Decision[tuple[str, ...]]:
    """Plan 11(七) / 第十一章（七）: a village (community) emergency service station has a site, supplies and
    rules (三有) (R55)."""
    gaps = tuple(
        name
        for name, ok in (
            ("site", site_and_facilities),
            ("supplies", equipment_and_supplies),
            ("rules", work_rules),
        )
        if not ok
    )
    return decide(
        gaps,
        "三有 complete" if not gaps else f"missing: {', '.join(gaps)}",
        plan_basis("Plan 11(七) / 第十一章（七）", "三有"),
    )


def funding_in_budget(off_budget_items: Sequence[str]) -> Decision[bool]:
    """Plan 12(二) / 第十二章（二）: all production-safety, disaster-prevention/relief and rescue funding is in
    the fiscal budget (纳入财政预算); any item found off budget breaks the rule (R56)."""
    ok = not off_budget_items
    return decide(
        ok,
        "all funding in budget" if ok else f"off budget: {', '.join(off_budget_items)}",
        plan_basis("Plan 12(二) / 第十二章（二）", "经费纳入财政预算"),
    )


# [DESIGN] The plan orders a mid-term and a final evaluation without dates; mid-term by the end of 2023
# (mid-point of 2021–2025) and final by the end of 2025 are the defaults of the settings.
DEFAULT_MIDTERM_EVALUATION_DUE = date(2023, 12, 31)
DEFAULT_FINAL_EVALUATION_DUE = date(2025, 12, 31)


def plan_evaluations_overdue(
    today: date,
    *,
    midterm_done: bool,
    final_done: bool,
    midterm_due: date = DEFAULT_MIDTERM_EVALUATION_DUE,
    final_due: date = DEFAULT_FINAL_EVALUATION_DUE,
) -> Decision[tuple[str, ...]]:
    """Plan 12(四) / 第十二章（四）: the plan's implementation gets a mid-term and a final evaluation (中期评估
    和总结评估); returns those overdue on `today` (the due date itself is in time) (R58)."""
    overdue = [
        name
        for name, done, due in (("midterm", midterm_done, midterm_due), ("final", final_done, final_due))
        if not done and today > due
    ]
    return decide(
        tuple(overdue),
        ", ".join(overdue) or "no evaluation overdue",
        plan_basis("Plan 12(四) / 第十二章（四）", "中期评估和总结评估"),
        plan_basis("Plan 12(三) / 第十二章（三）"),
    )


# --- 第四章（三） major administrative decisions; 第四章（四） enforcement-items list, criminal hand-over ---


class DecisionStep(StrEnum):
    """The statutory steps of a major administrative decision, in the text's order (第四章（三）)."""

    PUBLIC_PARTICIPATION = "PUBLIC_PARTICIPATION"  # 公众参与
    EXPERT_REVIEW = "EXPERT_REVIEW"  # 专家论证
    RISK_ASSESSMENT = "RISK_ASSESSMENT"  # 风险评估
    LEGALITY_REVIEW = "LEGALITY_REVIEW"  # 合法性审查
    COLLECTIVE_DECISION = "COLLECTIVE_DECISION"  # 集体讨论决定


DECISION_BASIS = plan_basis(
    "Plan 4(三) / 第四章（三）",
    "完善公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序…定期制定和更新决策事项目录和标准，依法向社会公布",
)


def major_decision_gaps(steps_done: Iterable[DecisionStep], *, on_published_list: bool) -> Decision[tuple[str, ...]]:
    """Plan 4(三) / 第四章（三）: a major administrative decision is taken by collective discussion (集体讨论决定)
    only after public participation, expert review, risk assessment and legality review, and only for an item on
    the published list of decision items (决策事项目录). Returns what is missing before the collective decision
    (empty = it may be taken) (R60)."""
    done = set(steps_done)
    missing = [s.value for s in DecisionStep if s is not DecisionStep.COLLECTIVE_DECISION and s not in done]
    if not on_published_list:
        missing.insert(0, "PUBLISHED_DECISION_ITEM")
    return decide(
        tuple(missing),
        "the collective decision may be taken" if not missing else f"missing before the decision: {', '.join(missing)}",
        DECISION_BASIS,
    )


ENFORCEMENT_BASIS = plan_basis(
    "Plan 4(四) / 第四章（四）",
    "实行执法事项清单制度，并依法及时动态调整…规范实施安全生产行政执法与刑事司法衔接制度",
)


def enforcement_item_in_force(added_on: date, withdrawn_on: date | None, on: date) -> Decision[bool]:
    """Plan 4(四) / 第四章（四）: enforcement acts only on an item of the enforcement-items list (执法事项清单) in force
    on the day — the list is adjusted dynamically, so an item counts from its addition until its withdrawal (the
    withdrawal day no longer) (R61)."""
    if withdrawn_on is not None and withdrawn_on < added_on:
        raise InvalidInput("an item cannot be withdrawn before it was added")
    in_force = added_on <= on and (withdrawn_on is None or on < withdrawn_on)
    return decide(in_force, f"item {'in force' if in_force else 'not in force'} on {on}", ENFORCEMENT_BASIS)


def case_closure_gaps(*, suspected_crime: bool, handed_over: bool) -> Decision[tuple[str, ...]]:
    """Plan 4(四) / 第四章（四） 行政执法与刑事司法衔接: a case where a crime is suspected is handed over to the
    judicial organs before the administrative case is closed (R61)."""
    gaps = ("CRIMINAL_HANDOVER",) if suspected_crime and not handed_over else ()
    return decide(
        gaps,
        "handed over to criminal justice first" if gaps else "may be closed",
        ENFORCEMENT_BASIS,
    )
