"""'Double random, one public' inspections (双随机、一公开, W2; Arts. 37, 39): who is in the draw, with which
weight, and what may follow what in an inspection task's life."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal

from .basis import ART37, ART38, ART39, ART39_KEY, ART39_PLAN, ART39_WITHHOLD
from .checks import sampling_weight


class TaskState(StrEnum):
    PLANNED = "PLANNED"
    SAMPLED = "SAMPLED"  # entities and inspectors drawn; the draw record is published with the task
    COMPLETED = "COMPLETED"  # 抽查任务完成: the 20 working days of Art. 39 run from here
    RESULTS_PUBLISHED = "RESULTS_PUBLISHED"  # 向社会公示
    RESULTS_WITHHELD = "RESULTS_WITHHELD"  # 依法不适合公开


class TaskAction(StrEnum):
    DRAW = "DRAW"
    COMPLETE = "COMPLETE"
    PUBLISH = "PUBLISH"
    WITHHOLD = "WITHHOLD"


_NEXT = {
    (TaskState.PLANNED, TaskAction.DRAW): TaskState.SAMPLED,
    (TaskState.SAMPLED, TaskAction.COMPLETE): TaskState.COMPLETED,
    (TaskState.COMPLETED, TaskAction.PUBLISH): TaskState.RESULTS_PUBLISHED,
    (TaskState.COMPLETED, TaskAction.WITHHOLD): TaskState.RESULTS_WITHHELD,
}


def next_task_state(state: TaskState, action: TaskAction) -> Decision[TaskState]:
    """Art. 39 / 第三十九条 (R78, R79): a task is drawn once (a second draw could be fished for a convenient
    result), completed, then its results are published or lawfully withheld."""
    following = _NEXT.get((state, action))
    if following is None:
        raise IllegalTransition(f"an inspection task that is {state} cannot {action}", basis=(ART39,))
    return Decision[TaskState](value=following, reason=f"{state} → {following}", basis=(ART39,))


@dataclass(frozen=True)
class Entity:
    """A market entity of the inspection pool as the draw sees it."""

    id: str
    credit_class: str  # GOOD / NORMAL / DISHONEST
    risk_level: str  # LOW / MEDIUM / HIGH
    key_supervision: bool  # special industry under full-coverage key supervision (Art. 39 para 2)
    new_economy: bool = False  # new technology, industry, format or model 新技术、新产业、新业态、新模式 (Art. 38)


@dataclass(frozen=True)
class Weights:
    """Integer sampling weights of the three frequency tiers of Art. 37 (settings; the article sets no number)."""

    reduced: int = 1
    baseline: int = 2
    increased: int = 4
    inclusive: int = 1  # Art. 38: the most a new-economy entity with no risk signal is drawn with


@dataclass(frozen=True)
class Population:
    included: dict[str, int]  # entity id → weight
    excluded: dict[str, str]  # entity id → why it is not in this draw
    inclusive: frozenset[str] = frozenset()  # drawn with min(weight, Weights.inclusive) (Art. 38)


def inclusive_supervision(new_economy: bool, credit_class: str, risk_level: str) -> Decision[bool]:
    """Art. 38 / 第三十八条 (R77): new technologies, industries, formats and models get inclusive and prudent
    supervision (包容审慎监管) and a loose environment (宽松的发展环境): their routine random-inspection weight is
    capped at the inclusive weight. The article also sets a bottom line (设定监管底线) and matches intensity to risk
    (监管强度与存在风险相匹配): a dishonest or high-risk new-economy entity keeps the Art. 37 increased weight —
    the risk signal triggers the ordinary intensity (触发式监管). No entity leaves the Art. 39 population for it."""
    if not new_economy:
        return Decision[bool](value=False, reason="not a new-economy entity", basis=(ART38,))
    credit, risk = credit_class.upper(), risk_level.upper()
    if credit == "DISHONEST" or risk == "HIGH":
        return Decision[bool](
            value=False,
            reason=f"new-economy entity with a risk signal ({credit}/{risk}): intensity matches the risk",
            basis=(ART38, ART37),
        )
    return Decision[bool](
        value=True, reason="new-economy entity without a risk signal: inclusive weight", basis=(ART38,)
    )


def draw_population(
    entities: Iterable[Entity], already_drawn_in_plan: Iterable[str], weights: Weights
) -> Decision[Population]:
    """Who enters a random draw, and how often (R76, R78, R80).

    - Art. 39 para 2 / 第三十九条第二款 (R80): special industries under key supervision are inspected in full,
      not sampled: they are left out of the random draw.
    - Art. 39 para 1 / 第三十九条第一款 (R78): the annual joint plan prevents repeated inspections (防止多头执法、
      重复检查): an entity already drawn by another task of the same plan for an overlapping item is left out.
    - Art. 37 / 第三十七条 (R76): good credit and low risk → the reduced weight; dishonest or high risk → the
      increased weight; anything else the baseline (mixed cases take the stricter).
    - Art. 38 / 第三十八条 (R77): a new-economy entity without a risk signal is marked inclusive — the draw caps its
      weight at `weights.inclusive` (the cap is applied by the published algorithm, so the verifier re-runs it).
    """
    repeated = set(already_drawn_in_plan)
    included: dict[str, int] = {}
    excluded: dict[str, str] = {}
    inclusive: set[str] = set()
    for entity in entities:
        if entity.key_supervision:
            excluded[entity.id] = "key supervision: inspected in full, not sampled (Art. 39 para 2)"
        elif entity.id in repeated:
            excluded[entity.id] = "already drawn for an overlapping item in this annual plan (Art. 39 para 1)"
        else:
            tier = sampling_weight(
                entity.credit_class, entity.risk_level, weights.baseline, weights.reduced, weights.increased
            )
            included[entity.id] = int(tier.value)
            if inclusive_supervision(entity.new_economy, entity.credit_class, entity.risk_level).value:
                inclusive.add(entity.id)
    return Decision[Population](
        value=Population(included, excluded, frozenset(inclusive)),
        reason=f"{len(included)} entities in the draw ({len(inclusive)} with the inclusive weight), "
        f"{len(excluded)} left out",
        basis=(ART37, ART38, ART39_PLAN, ART39_KEY),
    )


class WithholdingRefused(RuleRefusal):
    """Results may be withheld only on a stated legal ground."""


def withholding_allowed(legal_basis: str | None) -> Decision[bool]:
    """Art. 39 / 第三十九条 (R79, B4): results are published 'except where disclosure is not appropriate by law'
    (除依法不适合公开的情形外): withholding must name the law that makes disclosure inappropriate."""
    if not legal_basis or not legal_basis.strip():
        raise WithholdingRefused("withholding inspection results needs the legal ground", basis=(ART39_WITHHOLD,))
    return Decision[bool](value=True, reason=f"withheld under {legal_basis.strip()}", basis=(ART39_WITHHOLD,))
